package imaging

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	stddraw "image/draw"
	_ "image/jpeg" // registers the decoders
	_ "image/png"

	"golang.org/x/image/draw"
)

// Resize decodes data, an image that Inspect read as info, and returns its
// copies at widths (ascending, each below info.W), in the same order,
// encoded in the source's format with quality for JPEG. Each is scaled
// with Catmull-Rom from the next wider copy, the widest from the source
// halved (averaging each 2×2 square) while it is at least twice as wide:
// a fraction of the work of scaling each from the source, and of the
// memory (x/image/draw's scaler keeps 32 bytes for each pixel of the
// destination's width by the source's height), for copies that look the
// same (see BenchmarkFilters). A PNG with a palette gets copies with
// that palette. Heights keep the aspect ratio, rounded. A file that does
// not decode is an error; no input panics.
func Resize(data []byte, info Info, widths []int, quality int) ([][]byte, error) {
	return resize(data, info, widths, quality, MaxPixels)
}

func resize(data []byte, info Info, widths []int, quality, maxPixels int) ([][]byte, error) {
	// The header is read again: info may be from another build, and the
	// decoders allocate what it says before reading the pixels.
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a readable image: %v", err)
	}
	if format != info.Format || int64(cfg.Width)*int64(cfg.Height) > int64(maxPixels) {
		return nil, errors.New("the file changed while it was read: build again")
	}
	for i, w := range widths {
		if w <= 0 || w >= info.W || i > 0 && w <= widths[i-1] {
			return nil, fmt.Errorf("copies %v wide of an image %d pixels wide", widths, info.W)
		}
	}
	m, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a readable image: %v", err)
	}
	var pal color.Palette // a paletted PNG's copies keep its palette
	if p, ok := m.(*image.Paletted); ok && info.Format == PNG {
		pal = p.Palette
	}
	src := scalable(m, info.Orientation)
	sw, sh := src.Bounds().Dx(), src.Bounds().Dy()
	if sw != info.W || sh != info.H {
		return nil, errors.New("the file changed while it was read: build again")
	}
	src = shrink(src, widths[len(widths)-1])
	out := make([][]byte, len(widths))
	for i := len(widths) - 1; i >= 0; i-- {
		w := widths[i]
		h := max(1, int((int64(info.H)*int64(w)+int64(info.W)/2)/int64(info.W)))
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.CatmullRom.Scale(dst, dst.Rect, src, src.Bounds(), draw.Src, nil)
		var enc image.Image = dst
		if pal != nil {
			// Each pixel its nearest colour of the palette: a chart of a
			// few flat colours stays a small file, where its copies in
			// full colour would outweigh it.
			p := image.NewPaletted(dst.Rect, pal)
			stddraw.Draw(p, p.Rect, dst, image.Point{}, stddraw.Src)
			enc = p
		}
		if out[i], err = encode(enc, info.Format, quality); err != nil {
			return nil, err
		}
		src = dst
	}
	return out, nil
}

// shrink halves m while it is at least twice as wide as w.
func shrink(m image.Image, w int) image.Image {
	if m.Bounds().Dx() < 2*w {
		return m
	}
	rgba, ok := m.(*image.RGBA)
	if !ok {
		b := m.Bounds()
		rgba = image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		stddraw.Draw(rgba, rgba.Rect, m, b.Min, stddraw.Src)
	}
	for rgba.Rect.Dx() >= 2*w {
		rgba = halve(rgba)
	}
	return rgba
}

// halve returns m at half its width and height, each pixel the mean of a
// 2×2 square (premultiplied, as RGBA is, so transparency averages right);
// an odd last column or row is left out.
func halve(m *image.RGBA) *image.RGBA {
	w, h := m.Rect.Dx()/2, max(1, m.Rect.Dy()/2)
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		r0 := m.Pix[2*y*m.Stride:]
		r1 := r0
		if 2*y+1 < m.Rect.Dy() {
			r1 = m.Pix[(2*y+1)*m.Stride:]
		}
		o := out.Pix[y*out.Stride:]
		for x := range w {
			i := 8 * x
			for c := range 4 {
				sum := uint(r0[i+c]) + uint(r0[i+4+c]) + uint(r1[i+c]) + uint(r1[i+4+c])
				o[4*x+c] = uint8((sum + 2) / 4)
			}
		}
	}
	return out
}

// scalable returns m upright, as a type the scaler has a fast path for:
// *image.RGBA, or a JPEG's *image.YCbCr or *image.Gray as decoded when no
// turn is needed.
func scalable(m image.Image, orientation int) image.Image {
	switch m.(type) {
	case *image.RGBA, *image.NRGBA, *image.YCbCr, *image.Gray:
		if orientation <= 1 {
			return m
		}
	}
	b := m.Bounds()
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	stddraw.Draw(rgba, rgba.Rect, m, b.Min, stddraw.Src)
	return orient(rgba, orientation)
}
