package imaging

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"slices"
	"testing"
)

// photo is a JPEG w×h of smooth gradients and noise, as a photo has.
func photo(tb testing.TB, w, h int) []byte {
	tb.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(uint64(w), uint64(h)))
	for y := range h {
		for x := range w {
			n := uint8(r.IntN(32))
			m.SetRGBA(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x+y)%200)/2 + n, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// chart is a PNG w×h with a transparent background and opaque bars, as a
// salary chart has.
func chart(tb testing.TB, w, h int) []byte {
	tb.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		if x%100 < 60 {
			for y := h - (x/100+1)*h/(w/100+1); y < h; y++ {
				m.SetNRGBA(x, y, color.NRGBA{30, 90, 200, 255})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func decode(t *testing.T, data []byte) image.Image {
	t.Helper()
	m, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestResizeWidthsAndFormats(t *testing.T) {
	p := NewParams([]int{1200, 480, 800, 480}, 82)
	if !slices.Equal(p.Widths, []int{480, 800, 1200}) {
		t.Fatalf("Widths = %v", p.Widths)
	}
	for _, c := range []struct {
		name   string
		data   []byte
		format string
		want   []int
	}{
		{"photo.jpg", photo(t, 1000, 750), JPEG, []int{480, 800}},
		{"chart.png", chart(t, 1600, 900), PNG, []int{480, 800, 1200}},
	} {
		info, err := Inspect(c.name, c.data)
		if err != nil {
			t.Fatal(err)
		}
		widths := p.WidthsFor(info.W)
		if info.Format != c.format || !slices.Equal(widths, c.want) {
			t.Fatalf("%s: %+v, widths %v", c.name, info, widths)
		}
		copies, err := Resize(c.data, info, widths, p.Quality)
		if err != nil {
			t.Fatal(err)
		}
		for i, data := range copies {
			cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
			wantH := (info.H*widths[i] + info.W/2) / info.W
			if err != nil || format != c.format || cfg.Width != widths[i] || cfg.Height != wantH {
				t.Errorf("%s copy %d: %s %d×%d, %v; want %s %d×%d", c.name, i, format, cfg.Width, cfg.Height, err, c.format, widths[i], wantH)
			}
		}
		again, _ := Resize(c.data, info, widths, p.Quality)
		for i := range copies {
			if !bytes.Equal(copies[i], again[i]) {
				t.Errorf("%s copy %d differs from one run to the next", c.name, i)
			}
		}
	}
}

func TestResizeKeepsTransparency(t *testing.T) {
	data := chart(t, 1000, 500)
	info, _ := Inspect("chart.png", data)
	copies, err := Resize(data, info, []int{500}, 82)
	if err != nil {
		t.Fatal(err)
	}
	m := decode(t, copies[0])
	if _, _, _, a := m.At(5, 5).RGBA(); a != 0 {
		t.Errorf("the background's alpha is %d, want 0", a)
	}
	if _, _, _, a := m.At(10, 245).RGBA(); a != 0xffff {
		t.Errorf("a bar's alpha is %d, want opaque", a)
	}
}

// withOrientation returns a JPEG with an EXIF APP1 segment giving o.
func withOrientation(data []byte, o byte, order string) []byte {
	tiff := []byte("MM\x00*\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x00\x00\x00")
	tiff[19] = o // big-endian: the low byte second
	if order == "II" {
		tiff = []byte("II*\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x00\x00\x00\x00")
		tiff[18] = o
	}
	seg := append([]byte("Exif\x00\x00"), tiff...)
	n := len(seg) + 2
	app1 := append([]byte{0xFF, 0xE1, byte(n >> 8), byte(n)}, seg...)
	return append(append([]byte{0xFF, 0xD8}, app1...), data[2:]...)
}

func TestOrientation(t *testing.T) {
	// A photo stored 400×200, dark on its left half.
	m := image.NewRGBA(image.Rect(0, 0, 400, 200))
	for y := range 200 {
		for x := range 400 {
			v := uint8(230)
			if x < 200 {
				v = 20
			}
			m.SetRGBA(x, y, color.RGBA{v, v, v, 255})
		}
	}
	var b bytes.Buffer
	_ = jpeg.Encode(&b, m, &jpeg.Options{Quality: 95})
	for _, c := range []struct {
		o          byte
		order      string
		w, h       int
		darkX, dkY int // a point that must be dark in the 100-wide copy
	}{
		{1, "MM", 400, 200, 10, 25},
		{3, "II", 400, 200, 90, 25},
		{6, "MM", 200, 400, 50, 10},  // turned clockwise: the left half is on top
		{8, "II", 200, 400, 50, 190}, // counter-clockwise: at the bottom
	} {
		data := withOrientation(b.Bytes(), c.o, c.order)
		info, err := Inspect("p.jpg", data)
		if err != nil || info.Orientation != int(c.o) || info.W != c.w || info.H != c.h {
			t.Fatalf("orientation %d: %+v, %v", c.o, info, err)
		}
		copies, err := Resize(data, info, []int{100}, 90)
		if err != nil {
			t.Fatal(err)
		}
		r, _, _, _ := decode(t, copies[0]).At(c.darkX, c.dkY).RGBA()
		if r>>8 > 60 {
			t.Errorf("orientation %d: (%d,%d) is %d, want dark", c.o, c.darkX, c.dkY, r>>8)
		}
	}
}

func TestInspectLeavesOtherFormats(t *testing.T) {
	var g bytes.Buffer
	_ = gif.Encode(&g, image.NewPaletted(image.Rect(0, 0, 900, 10), color.Palette{color.Black}), nil)
	for name, data := range map[string][]byte{
		"a.gif":  g.Bytes(),
		"a.svg":  []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="900" height="10"/>`),
		"a.webp": []byte("RIFF\x00\x00\x00\x00WEBPVP8 "),
	} {
		if _, err := Inspect(name, data); !errors.Is(err, ErrNotResized) {
			t.Errorf("Inspect(%s) = %v, want ErrNotResized", name, err)
		}
	}
	good := photo(t, 64, 64)
	for name, data := range map[string][]byte{
		"broken.jpg": good[:len(good)/3],     // the header reads, the pixels do not
		"empty.png":  nil,                    // nothing to read at all
		"text.jpeg":  []byte("not an image"), // a file meant as one
	} {
		info, err := Inspect(name, data)
		if err == nil {
			_, err = Resize(data, info, []int{32}, 80)
		}
		if err == nil || errors.Is(err, ErrNotResized) {
			t.Errorf("%s: %v, want an error", name, err)
		}
	}
}

func TestNames(t *testing.T) {
	p := NewParams([]int{480, 800}, 82)
	a, _ := Inspect("a.jpg", photo(t, 900, 600))
	b, _ := Inspect("b.jpg", photo(t, 901, 600))
	ka, kb := p.KeyOf(a, p.WidthsFor(a.W)), p.KeyOf(b, p.WidthsFor(b.W))
	if ka == kb {
		t.Fatal("two images have one key")
	}
	if q := NewParams([]int{480, 800}, 83); q.KeyOf(a, q.WidthsFor(a.W)) == ka {
		t.Error("another quality gives the same key")
	}
	n := Name("pay chart.jpg", ka, 480)
	if n != Name("pay chart.jpg", ka, 480) || n == Name("pay chart.jpg", ka, 800) || len(n) != len("pay chart.480w.12345678.jpg") {
		t.Errorf("Name = %q", n)
	}
}

func TestCacheMakesOnce(t *testing.T) {
	c := NewCache()
	c.Begin()
	calls := 0
	mk := func() ([][]byte, error) { calls++; return [][]byte{{1}}, nil }
	var k Key
	for range 3 {
		if got, err := c.Copies(k, mk); err != nil || len(got) != 1 {
			t.Fatal(got, err)
		}
	}
	failing := Key{1}
	for range 2 {
		if _, err := c.Copies(failing, func() ([][]byte, error) { calls++; return nil, errors.New("no") }); err == nil {
			t.Fatal("no error")
		}
	}
	if calls != 3 {
		t.Errorf("%d calls, want 1 for the copies and 2 for the failures", calls)
	}
	c.Begin()
	c.Begin()
	c.Copies(k, mk)
	if calls != 3 {
		t.Error("copies used in the build before were dropped")
	}
	c.Begin()
	c.Begin()
	c.Begin()
	c.Copies(k, mk)
	if calls != 4 {
		t.Error("copies unused for three builds were kept")
	}
}

// TestPalettedPNGStaysSmall: a chart saved with a palette of a few flat
// colours, transparent background included, gets copies with that palette,
// each smaller than the chart; in full colour they outweighed it (4,974
// bytes: 7,341, 6,507 and 8,814).
func TestPalettedPNGStaysSmall(t *testing.T) {
	pal := color.Palette{color.Transparent, color.Black, color.RGBA{30, 90, 200, 255}, color.RGBA{220, 80, 40, 255}, color.RGBA{200, 200, 200, 255}}
	m := image.NewPaletted(image.Rect(0, 0, 1600, 900), pal)
	for y := range 900 {
		for x := range 1600 {
			switch {
			case y%100 == 0:
				m.SetColorIndex(x, y, 4)
			case x%160 < 100 && y > 900-(x/160+1)*80:
				m.SetColorIndex(x, y, uint8(2+(x/160)%2))
			case (x*7+y*3)%41 == 0 && y < 60:
				m.SetColorIndex(x, y, 1)
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	info, _ := Inspect("chart.png", b.Bytes())
	copies, err := Resize(b.Bytes(), info, []int{480, 800, 1200}, 82)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range copies {
		got := decode(t, c)
		p, ok := got.(*image.Paletted)
		if !ok || len(c) >= b.Len() {
			t.Errorf("copy %d: %T, %d bytes; want paletted, under %d", i, got, len(c), b.Len())
			continue
		}
		w := p.Rect.Dx() // (130, 250) of the chart: between bars and lines
		if _, _, _, a := p.At(130*w/1600, 250*w/1600).RGBA(); a != 0 {
			t.Errorf("copy %d: the background is not transparent", i)
		}
	}
}

// The scaler's memory for a copy: small for photos, large for a tall,
// narrow image whose copy is nearly as wide as it.
func TestScratch(t *testing.T) {
	for _, tc := range []struct {
		w, h   int
		widths []int
		want   int64
	}{
		{4000, 3000, []int{480, 800, 1200}, 1200 * 1500 * 32}, // halved once
		{3000, 2000, []int{480, 800, 1200}, 1200 * 1000 * 32}, // halved once
		{2000, 1500, []int{480, 800, 1200}, 1200 * 1500 * 32}, // 2000 < 2×1200: not halved
		{481, 200_000, []int{480}, 480 * 200_000 * 32},
		{10_000, 10_000, []int{1200}, 1200 * 1250 * 32}, // halved three times
		{100, 100, nil, 0},
	} {
		if got := Scratch(Info{W: tc.w, H: tc.h}, tc.widths); got != tc.want {
			t.Errorf("%d×%d at %v: %d, want %d", tc.w, tc.h, tc.widths, got, tc.want)
		}
	}
	if Scratch(Info{W: 481, H: 200_000}, []int{480}) <= MaxScratch {
		t.Error("a 481×200,000 image is within MaxScratch")
	}
	if Scratch(Info{W: 12_000, H: 8_000}, []int{480, 800, 1200}) > MaxScratch/4 {
		t.Error("a 96-megapixel photo is near MaxScratch")
	}
}
