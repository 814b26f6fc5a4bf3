package imaging

import (
	"bytes"
	"image"
	"testing"

	"golang.org/x/image/draw"
)

// BenchmarkFilters compares ways to make the copies 1200, 800 and 480
// pixels wide of a 12-megapixel photo, decoded: x/image/draw's filters,
// each copy scaled from the source or from the next wider copy, and the
// source first halved to under twice the widest copy's width (what Resize
// does). Encoding is left out: it is the same for all of them.
//
//	go test ./generator/imaging -run '^$' -bench Filters -benchtime 3x
func BenchmarkFilters(b *testing.B) {
	m, _, err := image.Decode(bytes.NewReader(photo(b, 4000, 3000)))
	if err != nil {
		b.Fatal(err)
	}
	widths := []int{1200, 800, 480}
	for _, c := range []struct {
		name    string
		filter  draw.Interpolator
		cascade bool
		halve   bool
	}{
		{"halved+CatmullRom/cascade", draw.CatmullRom, true, true},
		{"CatmullRom/cascade", draw.CatmullRom, true, false},
		{"CatmullRom/from-source", draw.CatmullRom, false, false},
		{"BiLinear/cascade", draw.BiLinear, true, false},
		{"ApproxBiLinear/from-source", draw.ApproxBiLinear, false, false},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				src := m
				if c.halve {
					src = shrink(src, widths[0])
				}
				for _, w := range widths {
					dst := image.NewRGBA(image.Rect(0, 0, w, w*3/4))
					c.filter.Scale(dst, dst.Rect, src, src.Bounds(), draw.Src, nil)
					if c.cascade {
						src = dst
					}
				}
			}
		})
	}
}

// BenchmarkResize times Resize on a 12-megapixel JPEG photo and a
// 1600×900 PNG chart, decoding and encoding included.
func BenchmarkResize(b *testing.B) {
	p := NewParams([]int{480, 800, 1200}, 82)
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"photo.jpg", photo(b, 4000, 3000)},
		{"chart.png", chart(b, 1600, 900)},
	} {
		info, err := Inspect(c.name, c.data)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Resize(c.data, info, p.WidthsFor(info.W), p.Quality); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
