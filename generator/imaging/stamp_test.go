package imaging

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

// TestStamp stamps a PNG and a JPEG: each still decodes to the same pixels; Stamped finds its own ID,
// and refuses another ID, the file unstamped, and the file cut short.
func TestStamp(t *testing.T) {
	paletted := image.NewPaletted(image.Rect(0, 0, 40, 30), color.Palette{color.White, color.Black, color.Transparent})
	paletted.SetColorIndex(3, 4, 1)
	var pal bytes.Buffer
	if err := png.Encode(&pal, paletted); err != nil {
		t.Fatal(err)
	}
	id, other := CopyID(Key{1}, 480), CopyID(Key{1}, 800)
	for name, data := range map[string][]byte{"png": chart(t, 300, 200), "paletted png": pal.Bytes(), "jpeg": photo(t, 300, 200)} {
		t.Run(name, func(t *testing.T) {
			stamped, err := Stamp(data, id)
			if err != nil {
				t.Fatal(err)
			}
			if !Stamped(stamped, id) {
				t.Error("Stamped does not find the ID Stamp wrote")
			}
			for what, d := range map[string][]byte{"another ID": stamped, "the unstamped file": data, "the file cut short": stamped[:len(stamped)-1]} {
				want := other
				if what != "another ID" {
					want = id
				}
				if Stamped(d, want) {
					t.Errorf("Stamped takes %s", what)
				}
			}
			samePixels(t, decode(t, data), decode(t, stamped))
			if _, err := Stamp([]byte("GIF89a"), id); err == nil {
				t.Error("Stamp took a GIF")
			}
		})
	}
}

func samePixels(t *testing.T, a, b image.Image) {
	t.Helper()
	if a.Bounds() != b.Bounds() {
		t.Fatalf("bounds %v, then %v", a.Bounds(), b.Bounds())
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				t.Fatalf("pixel %d,%d: %v, stamped %v", x, y, a.At(x, y), b.At(x, y))
			}
		}
	}
}

// FuzzStamped: Stamped reads any bytes without panicking, and takes no
// file Stamp did not stamp with its ID.
func FuzzStamped(f *testing.F) {
	f.Add(chart(f, 120, 80))
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xFE, 0x00})
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	id := CopyID(Key{7}, 100)
	f.Fuzz(func(t *testing.T, data []byte) {
		if Stamped(data, id) {
			t.Fatalf("Stamped took %q, which does not hold the stamp", data)
		}
		stamped, err := Stamp(data, id)
		if err != nil {
			return
		}
		// A whole file, by its end marker, is Stamped once stamped.
		whole := bytes.HasPrefix(data, pngSignature) && len(data) >= pngIHDREnd+len(pngIEND) && bytes.HasSuffix(data, pngIEND) ||
			bytes.HasPrefix(data, jpegSOI) && bytes.HasSuffix(data[2:], jpegEOI)
		if Stamped(stamped, id) != whole {
			t.Fatalf("Stamp(%q) = %q: Stamped %v, want %v", data, stamped, !whole, whole)
		}
	})
}

// TestStampedRefusesChangedBytes: a stamped file whose bytes changed
// after it was stamped, though its stamp and its end are as they were (a
// bit flipped on disk, a tool that rewrote the pixels and kept the
// comments), is not taken: it is not what Stamp made.
func TestStampedRefusesChangedBytes(t *testing.T) {
	id := CopyID(Key{2}, 480)
	for name, data := range map[string][]byte{"png": chart(t, 300, 200), "jpeg": photo(t, 300, 200)} {
		t.Run(name, func(t *testing.T) {
			stamped, err := Stamp(data, id)
			if err != nil {
				t.Fatal(err)
			}
			changed := bytes.Clone(stamped)
			changed[len(changed)-len(pngIEND)-8] ^= 0x40 // in the last pixel data, before the end marker
			if Stamped(changed, id) {
				t.Error("Stamped takes a stamped file whose pixel data changed")
			}
			if !Stamped(stamped, id) {
				t.Error("Stamped does not take the file as stamped")
			}
		})
	}
}

// TestStampedRefusesOtherToolchain: a file made by another Go release or
// x/image, whose encoders and scaler may give other bytes, is not taken.
func TestStampedRefusesOtherToolchain(t *testing.T) {
	id := CopyID(Key{3}, 480)
	for _, data := range [][]byte{chart(t, 120, 80), photo(t, 120, 80)} {
		mine, err := Stamp(data, id)
		if err != nil || !Stamped(mine, id) {
			t.Fatalf("Stamp: %v; Stamped %v", err, Stamped(mine, id))
		}
		other, err := stamp(data, id, "go1.1 golang.org/x/image@v0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		if Stamped(other, id) {
			t.Error("a file stamped by another toolchain was taken")
		}
	}
	if !strings.HasPrefix(toolchain(), "go") {
		t.Errorf("toolchain() = %q", toolchain())
	}
}
