package generator

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/byline/byline/generator/content"
)

// TestMetaIsThePagesMeta checks that the Meta field of every article, page
// and author, which hides the promoted Page.Meta for the templates' sake,
// is the Meta of the page in place: after a build that expands shortcodes
// and gives bundles their images (each of which puts a new page in place),
// and after a patch.
func TestMetaIsThePagesMeta(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../site")); err != nil {
		t.Fatal(err)
	}
	opts := Options{SiteDir: dir, ThemesDir: "../themes", Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Cache: content.NewWatchedCache()}
	p, err := Prepare(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		var shortcodes, bundles int
		for _, a := range p.Site.Articles {
			if a.Meta != &a.Page.Meta {
				t.Errorf("%s: article %s: Meta is not &Page.Meta", when, a.Path)
			}
			if len(a.Shortcodes) > 0 {
				shortcodes++
			}
			if a.Bundle {
				bundles++
			}
		}
		for _, pg := range p.Site.Pages {
			if pg.Meta != &pg.Page.Meta {
				t.Errorf("%s: page %s: Meta is not &Page.Meta", when, pg.Path)
			}
		}
		for _, au := range p.Site.Authors {
			if au.Meta != &au.Page.Meta {
				t.Errorf("%s: author %s: Meta is not &Page.Meta", when, au.Path)
			}
		}
		if shortcodes == 0 || bundles == 0 {
			t.Fatalf("%s: the sample site has %d articles with shortcodes and %d bundles; the test needs both", when, shortcodes, bundles)
		}
	}
	check("built")
	paths := apply(t, dir, []edit{
		{switching, func(s string) string { return strings.Replace(s, `title: "`, `title: "New: `, 1) }},
		{interview, func(s string) string { return s + "\nEdited.\n" }},
	})
	opts.Cache.Invalidate(paths)
	if !p.PatchArticles(paths, opts.Now) {
		t.Fatal("PatchArticles refused a new title and a new paragraph")
	}
	check("patched")
	for _, a := range p.Site.Articles {
		if a.Path == switching && !strings.HasPrefix(a.Meta.Title, "New: ") {
			t.Errorf("patched title: Meta.Title = %q", a.Meta.Title)
		}
	}
}
