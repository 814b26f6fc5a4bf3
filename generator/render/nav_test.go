package render

import (
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
		if got := r.nav(&Data{Site: s, Kind: c.kind, URL: c.url}); got != c.want {
			t.Errorf("nav(%s %q) = %+v, want %+v", c.kind, c.url, got, c.want)
		}
	}
}
