package cards

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// mono measures every character as half the size wide: at 50 pixels, a
// line of 100 pixels holds four characters.
func mono(s string, size int) int { return utf8.RuneCountInString(s) * size / 2 }

func TestLayout(t *testing.T) {
	long := strings.Repeat("word ", 40)
	for _, tc := range []struct {
		name, title string
		width       int
		want        block
	}{
		{"one short line, largest", "Go jobs", 400, block{76, []string{"Go jobs"}}},
		{"wraps at spaces", "How to become an SRE", 380, block{76, []string{"How to", "become an", "SRE"}}},
		// At 76 (38 a character) "aa bb" is 190 wide: one word a line, four lines.
		{"shrinks when three lines are too few", "aa bb cc dd", 170, block{66, []string{"aa bb", "cc dd"}}},
		{"four lines at a smaller size", "aaaa bbbb cccc dddd", 160, block{58, []string{"aaaa", "bbbb", "cccc", "dddd"}}},
		{"a word wider than a line is broken", "abcdefghij", 200, block{76, []string{"abcde", "fghij"}}},
		{"past four lines at the smallest size, an ellipsis", "aa bb cc dd ee ff gg", 100, block{50, []string{"aa", "bb", "cc", "dd…"}}},
		{"a long title ends in an ellipsis that fits", long, 500, block{50, []string{"word word word word", "word word word word", "word word word word", "word word word word…"}}},
		{"runes, not bytes", "Ünïcödé çàféš", 400, block{76, []string{"Ünïcödé", "çàféš"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := layout(tc.title, tc.width, mono)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("layout(%q, %d) = %d %q, want %d %q", tc.title, tc.width, got.size, got.lines, tc.want.size, tc.want.lines)
			}
			for _, l := range got.lines {
				if w := mono(l, got.size); w > tc.width {
					t.Errorf("line %q is %d wide, over %d", l, w, tc.width)
				}
			}
		})
	}
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		s    string
		more bool
		want string
	}{
		{"Career Stack", false, "Career Stack"},
		{"Career Stack Weekly", false, "Career Stac…"},
		{"Career", true, "Career…"},
		{"Career Stack", true, "Career Stac…"},
		{"Career Stac k", true, "Career Stac…"}, // no space before the ellipsis
	} {
		// 12 characters of 10 pixels at size 20.
		if got := cut(tc.s, 120, 20, mono, tc.more); got != tc.want {
			t.Errorf("cut(%q, more %v) = %q, want %q", tc.s, tc.more, got, tc.want)
		}
	}
}
