package config

import (
	"regexp"
	"testing"
)

func TestParsePermalink(t *testing.T) {
	for _, tt := range []struct {
		kind, pattern string
		segments      int
	}{
		{"articles", DefaultArticlePermalink, 2},
		{"articles", "/:slug/", 1},
		{"articles", "/:year/:month/:day/:slug/", 4},
		{"articles", "/:section/:slug/", 2},
		{"articles", "/articles/:section/:slug/", 3},
		{"articles", "/:category/:slug/", 2},
		{"articles", "/guides/:year-:month/:slug/", 3},
		{"articles", "/career_notes/:slug-:day/", 2},
		{"articles", "/:year:month:day/:slug/", 2},
		{"pages", DefaultPagePermalink, 1},
		{"pages", "/pages/:slug/", 2},
	} {
		p, err := ParsePermalink(tt.kind, tt.pattern)
		if err != nil {
			t.Errorf("%s %q: %v", tt.kind, tt.pattern, err)
			continue
		}
		if len(p) != tt.segments || p.String() != tt.pattern {
			t.Errorf("%s %q: %d segments, String() = %q", tt.kind, tt.pattern, len(p), p.String())
		}
	}
	p, _ := ParsePermalink("articles", "/g/:year-:slug/")
	want := Pattern{{{Text: "g"}}, {{Token: "year"}, {Text: "-"}, {Token: "slug"}}}
	if len(p) != 2 || len(p[1]) != 3 || p[0][0] != want[0][0] || p[1][0] != want[1][0] || p[1][1] != want[1][1] || p[1][2] != want[1][2] {
		t.Errorf("parts = %+v, want %+v", p, want)
	}
}

// safePattern is what an accepted pattern looks like: segments of literal
// text and tokens, no empty segment, no dot.
var safePattern = regexp.MustCompile(`^(/([a-z0-9_-]|:[a-z0-9_]+)+)+/$`)

func FuzzParsePermalink(f *testing.F) {
	for _, s := range []string{"/articles/:slug/", "/:year/:month/:slug/", "/:section/:slug/", "/a/../:slug/", "//:slug/",
		"/:slug.html", "/_x/:slug/", "/x-:category/:slug/", "/:/", "/Guides/:slug/", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, kind := range []string{"articles", "pages"} {
			p, err := ParsePermalink(kind, s)
			if err != nil {
				continue
			}
			if !safePattern.MatchString(s) || p.String() != s {
				t.Errorf("%s: accepted %q, which reads back as %q", kind, s, p.String())
			}
		}
	})
}
