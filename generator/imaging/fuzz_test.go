package imaging

import (
	"bytes"
	"errors"
	"image"
	"testing"
)

// fuzzPixels bounds the images FuzzResize decodes, so that a header that
// claims a huge image costs the fuzzer nothing.
const fuzzPixels = 1 << 16

// FuzzResize feeds any bytes, as a file of each name, to Inspect and then
// Resize: no panic; an error or ErrNotResized for what is not a JPEG or
// PNG; and for what resizes, copies of the widths asked for, in the
// source's format, the same bytes twice.
func FuzzResize(f *testing.F) {
	jpg, png := photo(f, 40, 30), chart(f, 120, 60)
	f.Add(jpg, "p.jpg")
	f.Add(png, "c.png")
	f.Add(withOrientation(jpg, 6, "MM"), "turned.jpg")
	f.Add(withOrientation(jpg, 8, "II"), "turned.jpg")
	f.Add(jpg[:len(jpg)/2], "cut.jpg")
	f.Add(png[:len(png)-20], "cut.png")
	f.Add([]byte("GIF89a\x10\x00\x10\x00"), "a.gif")
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x08, 'E', 'x', 'i', 'f', 0, 0}, "exif.jpg")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		info, err := Inspect(name, data)
		if err != nil {
			return
		}
		if info.Format != JPEG && info.Format != PNG || info.W <= 0 || info.H <= 0 {
			t.Fatalf("Inspect = %+v", info)
		}
		if info.Orientation < 1 || info.Orientation > 8 {
			t.Fatalf("orientation %d", info.Orientation)
		}
		widths := NewParams([]int{1, 7, 16, 33}, 75).WidthsFor(info.W)
		copies, err := resize(data, info, widths, 75, fuzzPixels)
		if err != nil {
			if errors.Is(err, ErrNotResized) {
				t.Fatalf("Resize: %v", err)
			}
			return
		}
		again, _ := resize(data, info, widths, 75, fuzzPixels)
		for i, c := range copies {
			cfg, format, err := image.DecodeConfig(bytes.NewReader(c))
			if err != nil || format != info.Format || cfg.Width != widths[i] {
				t.Fatalf("copy %d: %s %d wide, %v; want %s %d wide", i, format, cfg.Width, err, info.Format, widths[i])
			}
			if !bytes.Equal(c, again[i]) {
				t.Fatalf("copy %d differs from one run to the next", i)
			}
		}
	})
}
