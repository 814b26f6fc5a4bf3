package content

import (
	"bufio"
	"encoding/xml"
	"image"
	_ "image/gif" // registers the GIF decoder with image.DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"math"
	"path"
	"strconv"
	"strings"

	_ "golang.org/x/image/webp"
)

// ImageSize reads the intrinsic size of the image file name in fsys from
// its header: PNG, JPEG, GIF, WebP, or SVG (its width and height in user
// units or px, else its viewBox). A file of another kind, or whose size it
// cannot tell, has the zero Size and no error; err is for a file it cannot
// read.
func ImageSize(fsys fs.FS, name string) (Size, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return Size{}, err
	}
	defer f.Close()
	if strings.EqualFold(path.Ext(name), ".svg") {
		return svgSize(f), nil
	}
	cfg, _, err := image.DecodeConfig(bufio.NewReader(f))
	if err != nil {
		return Size{}, nil // not an image Go reads: no size
	}
	return Size{cfg.Width, cfg.Height}, nil
}

// maxSVGHead is how much of an SVG file is read looking for its root.
const maxSVGHead = 64 << 10

// svgSize reads the root element's width and height, or its viewBox.
func svgSize(r io.Reader) Size {
	d := xml.NewDecoder(io.LimitReader(r, maxSVGHead))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err != nil {
			return Size{}
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if el.Name.Local != "svg" {
			return Size{}
		}
		var w, h, box string
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "width":
				w = a.Value
			case "height":
				h = a.Value
			case "viewBox":
				box = a.Value
			}
		}
		if s := (Size{svgLength(w), svgLength(h)}); s.W > 0 && s.H > 0 {
			return s
		}
		f := strings.FieldsFunc(box, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' })
		if len(f) == 4 {
			return Size{svgLength(f[2]), svgLength(f[3])}
		}
		return Size{}
	}
}

// svgLength is a length in user units or px, rounded; 0 for any other unit
// or a value out of range.
func svgLength(s string) int {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || v > 1e6 || math.IsNaN(v) {
		return 0
	}
	return max(1, int(math.Round(v)))
}
