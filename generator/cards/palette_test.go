package cards

import (
	"image"
	"image/color"
	"testing"
)

// TestPaletted: every shade of every ink, drawn in full colour where that
// ink is drawn, turns into its own palette entry, in the default colours
// and in dark ones; the border's, too near the background to tell its
// shades apart, is drawn solid only.
func TestPaletted(t *testing.T) {
	dark := Style{Background: color.RGBA{0x0f, 0x17, 0x2a, 0xff}, Text: color.RGBA{0xf8, 0xfa, 0xfc, 0xff},
		Accent: color.RGBA{0x38, 0xbd, 0xf8, 0xff}, Label: color.RGBA{0xfb, 0x92, 0x3c, 0xff}, Rule: color.RGBA{0x33, 0x41, 0x55, 0xff}}
	for _, st := range []Style{DefaultStyle(), dark} {
		paletteOf(t, st)
	}
}

func paletteOf(t *testing.T, st Style) {
	pal := st.palette()
	if len(pal) > 256 {
		t.Fatalf("%d colours", len(pal))
	}
	where := [...]image.Point{inkAccent: {4, 300}, inkText: {500, 300}, inkBorder: {500, ruleY}, inkKicker: {500, 600}}
	for k, p := range where {
		if inkAt(p.X, p.Y) != k {
			t.Fatalf("ink %d is not drawn at %v", k, p)
		}
		for l := 0; l <= levels; l++ {
			if k == inkBorder && l > 0 && l < levels {
				continue
			}
			m := image.NewRGBA(image.Rectangle{p, p.Add(image.Pt(1, 1))})
			i := 0
			if l > 0 {
				i = 1 + k*levels + l - 1
			}
			m.Set(p.X, p.Y, pal[i])
			out := image.NewPaletted(m.Bounds(), pal)
			out.Pix[0] = 7 // a reused image's old pixel
			if got := st.paletted(m, out).ColorIndexAt(p.X, p.Y); int(got) != i {
				t.Errorf("%v: ink %d, shade %d: index %d, want %d", st, k, l, got, i)
			}
		}
	}
}
