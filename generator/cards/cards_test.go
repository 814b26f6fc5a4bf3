package cards

import (
	"bytes"
	"crypto/sha256"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"
)

func newPainter(t testing.TB) *Painter {
	t.Helper()
	p, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDrawable(t *testing.T) {
	p := newPainter(t)
	for _, tc := range []struct {
		card Card
		want bool
	}{
		{Card{Title: "How to become a site reliability engineer", Site: "Career Stack", Label: "Guides"}, true},
		{Card{Title: "Gehälter für Entwickler: Zürich, Köln, Wien — “2026”", Site: "Karriere"}, true},
		{Card{Title: "Как стать инженером", Site: "Карьера"}, true}, // the Go fonts have Cyrillic
		{Card{Title: "エンジニアになるには", Site: "Career Stack"}, false},
		{Card{Title: "كيف تصبح مهندسا", Site: "Career Stack"}, false},
		{Card{Title: "Pay", Site: "キャリア"}, false},                      // the site's title is drawn too
		{Card{Title: "Pay", Site: "Career Stack", Label: "給与"}, false}, // and the label
		{Card{Title: "Tabs\tand\nnewlines", Site: "x"}, true},          // white space is one space
		{Card{Title: "A bell \a rings", Site: "x"}, false},
		{Card{Title: "   ", Site: "x"}, false},
	} {
		if got := p.Drawable(tc.card); got != tc.want {
			t.Errorf("Drawable(%q) = %v, want %v", tc.card, got, tc.want)
		}
	}
}

func TestDraw(t *testing.T) {
	p := newPainter(t)
	c := Card{Title: "How to prepare for a technical interview without burning out in the last week", Site: "Career Stack", Label: "Interviews"}
	data, err := p.Draw(c)
	if err != nil {
		t.Fatal(err)
	}
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := m.Bounds(); b.Dx() != Width || b.Dy() != Height {
		t.Errorf("size %v, want %d×%d", b, Width, Height)
	}
	again, err := p.Draw(c)
	if err != nil || !bytes.Equal(data, again) {
		t.Errorf("a second drawing differs (err %v)", err)
	}
	if out := os.Getenv("BYLINE_CARD_OUT"); out != "" {
		_ = os.WriteFile(out, data, 0o644) // to look at it
	}
}

func TestName(t *testing.T) {
	a := Card{Title: "Pay by level", Site: "Career Stack", Label: "Pay"}
	if n := Name(a); !strings.HasPrefix(n, "card.") || !strings.HasSuffix(n, ".png") || len(n) != len("card.12345678.png") {
		t.Errorf("Name = %q", n)
	}
	if Name(a) != Name(Card{Title: " Pay  by\nlevel ", Site: "Career Stack", Label: "Pay"}) {
		t.Error("the name changes with white space that is not drawn")
	}
	for _, b := range []Card{{Title: "Pay by level!", Site: "Career Stack", Label: "Pay"}, {Title: "Pay by level", Site: "Career Stack", Label: "Salary"}, {Title: "Pay by level", Site: "Career Stac", Label: "kPay"}} {
		if Name(a) == Name(b) {
			t.Errorf("%q and %q share the name %s", a, b, Name(a))
		}
	}
}

func BenchmarkDraw(b *testing.B) {
	p := newPainter(b)
	c := Card{Title: "How to prepare for a technical interview without burning out in the last week", Site: "Career Stack", Label: "Interviews"}
	for b.Loop() {
		if _, err := p.Draw(c); err != nil {
			b.Fatal(err)
		}
	}
}

// TestStyle: a card's colours are part of its name, except the default
// ones, whose cards keep the names they had before cards had colours; any
// colours draw, even an ink the colour of the background.
func TestStyle(t *testing.T) {
	c := Card{Title: "What does an SRE do?", Site: "Career Stack", Label: "Roles"}
	old := sha256.Sum256([]byte("byline social card " + Version + "\x00" + c.Title + "\x00" + c.Site + "\x00" + c.Label))
	withDefault := c
	withDefault.Style = DefaultStyle()
	if Sum(c) != old || Sum(withDefault) != old {
		t.Error("a card in the default colours changed its name")
	}
	dark := c
	dark.Style = Style{Background: color.RGBA{0x0f, 0x17, 0x2a, 0xff}, Text: color.RGBA{0xf8, 0xfa, 0xfc, 0xff},
		Accent: color.RGBA{0x0f, 0x17, 0x2a, 0xff}, Label: color.RGBA{0xfb, 0x92, 0x3c, 0xff}, Rule: color.RGBA{0x33, 0x41, 0x55, 0xff}}
	if Sum(dark) == old || Name(dark) == Name(c) {
		t.Error("a card in other colours has the default one's name")
	}
	p, err := New()
	if err != nil {
		t.Fatal(err)
	}
	data, err := p.Draw(dark)
	if err != nil {
		t.Fatal(err)
	}
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := color.RGBAModel.Convert(m.At(Width-10, 10)); got != dark.Style.Background {
		t.Errorf("background %v, want %v", got, dark.Style.Background)
	}
	if got := color.RGBAModel.Convert(m.At(2, Height/2)); got != dark.Style.Accent {
		t.Errorf("the bar is %v, want the accent %v", got, dark.Style.Accent)
	}
}
