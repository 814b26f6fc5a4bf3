package cards

import (
	"strings"
	"testing"

	"golang.org/x/image/font"
)

// FuzzLayout lays out any title with the Go Bold font. No panic; at most
// the last step's lines, each within the width (a line of one character
// aside, when that character is wider than a line); every word of a title
// that fits in full, in order; and the same layout twice.
func FuzzLayout(f *testing.F) {
	for _, s := range []string{
		"How to become a site reliability engineer",
		strings.Repeat("W", 300),
		"a " + strings.Repeat("verylongword", 20) + " b",
		"\u200b\u0301 \uFFFD…",
		"   ",
		"Ünïcödé — “quotes” and ‘more’",
	} {
		f.Add(s)
	}
	p, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, title string) {
		if len(title) > 4096 {
			title = title[:4096]
		}
		fs := &faces{font: p.bold, by: map[int]font.Face{}}
		title = oneLine(title)
		b := layout(title, textWidth, fs.measure)
		last := titleSteps[len(titleSteps)-1]
		if len(b.lines) > last.lines {
			t.Fatalf("%d lines", len(b.lines))
		}
		for _, l := range b.lines {
			if w := fs.measure(l, b.size); w > textWidth && len([]rune(l)) > 1 {
				t.Errorf("line %q is %d wide, over %d", l, w, textWidth)
			}
		}
		joined := strings.Join(b.lines, "")
		if !strings.HasSuffix(joined, ellipsis) && strings.ReplaceAll(title, " ", "") != strings.ReplaceAll(joined, " ", "") {
			t.Errorf("title %q laid out as %q", title, b.lines)
		}
		if again := layout(title, textWidth, fs.measure); !equal(again, b) {
			t.Errorf("a second layout differs: %q, %q", b.lines, again.lines)
		}
	})
}

func equal(a, b block) bool {
	return a.size == b.size && strings.Join(a.lines, "\n") == strings.Join(b.lines, "\n")
}
