package render

import (
	"strings"
	"testing"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/site"
)

func TestNav(t *testing.T) {
	cfg := config.Default()
	cfg.Menus = map[string][]config.MenuItem{"main": {{Name: "Articles", URL: "/articles/"}, {Name: "Broken", URL: ""}}}
	s := &site.Site{Config: cfg}
	var r Renderer
	for _, c := range []struct {
		kind, url string
		want      Nav
	}{
		{"home", "/", Nav{Site: s, Kind: "home"}},
		{"search", "/search/", Nav{Site: s, Kind: "search"}},
		{"list", "/articles/", Nav{Site: s, URL: "/articles/"}},
		{"list", "/articles/page/2/", Nav{Site: s}},
		{"article", "/articles/a/", Nav{Site: s}},
		{"404", "", Nav{Site: s}}, // an empty menu URL is no match
	} {
		if got, err := r.nav(&Data{Site: s, Kind: c.kind, URL: c.url}); err != nil || got != c.want {
			t.Errorf("nav(%s %q) = %+v, %v, want %+v", c.kind, c.url, got, err, c.want)
		}
	}
	// {{ nav nil }}, or nav of a value that is no page's data, was a nil
	// pointer dereference, recovered as a runtime error.
	if _, err := r.nav(nil); err == nil || !strings.Contains(err.Error(), "{{ nav . }}") {
		t.Errorf("nav(nil): %v", err)
	}
}

// TestAbs: site paths are made absolute; a protocol-relative URL was
// joined to the base URL as a path ("https://example.com//cdn.example/x").
func TestAbs(t *testing.T) {
	r := Renderer{site: &site.Site{BaseURL: "https://example.com/blog/"}}
	for in, want := range map[string]string{
		"/articles/x/":      "https://example.com/blog/articles/x/",
		"//cdn.example/x":   "https://cdn.example/x",
		"https://a.example": "https://a.example",
		"javascript:alert":  "",
	} {
		if got := r.abs(in); got != want {
			t.Errorf("abs(%q) = %q, want %q", in, got, want)
		}
	}
}
