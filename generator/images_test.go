package generator

import (
	"testing"
	"testing/fstest"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/theme"
)

func TestImageSizesLookInStaticFolders(t *testing.T) {
	svg := func(w, h string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="` + w + `" height="` + h + `"/>`)}
	}
	site := fstest.MapFS{
		"static/images/a.svg":    svg("10", "5"),
		"static/images/both.svg": svg("1", "1"),
		"images/unlisted.svg":    svg("7", "7"), // not under static/
		"secret.svg":             svg("9", "9"),
		"articles/x/chart.svg":   svg("30", "20"),
		"articles/x/other.svg":   svg("3", "2"), // not a bundle's file
	}
	th := fstest.MapFS{"images/t.svg": svg("20", "8"), "images/both.svg": svg("2", "2")}
	c := &content.Content{
		Static:    []string{"static/images/a.svg", "static/images/both.svg"},
		Resources: map[string][]string{"articles/x/index.md": {"articles/x/chart.svg"}},
	}
	x := newImageSizes(site, "site", c, []theme.Source{{FS: th}}, nil)
	for p, want := range map[string]content.Size{
		"/images/a.svg":             {W: 10, H: 5},
		"/images/t.svg":             {W: 20, H: 8},
		"/images/both.svg":          {W: 1, H: 1}, // the site's file wins, as in the output
		"/images/./a.svg":           {W: 10, H: 5},
		"/images/unlisted.svg":      {},
		"/../secret.svg":            {},
		"/images/../../secret.svg":  {},
		"/static/images/a.svg":      {},
		"/images/missing.svg":       {},
		"articles/x/chart.svg":      {W: 30, H: 20},
		"articles/x/../x/chart.svg": {W: 30, H: 20},
		"articles/x/other.svg":      {},
		"static/images/a.svg":       {},
		"":                          {},
	} {
		for range 2 { // the second time from memory
			if got := x.size(p); got != want {
				t.Errorf("size(%q) = %v, want %v", p, got, want)
			}
		}
	}
}
