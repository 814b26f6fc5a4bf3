package cards

import (
	"bytes"
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
