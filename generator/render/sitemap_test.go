package render

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/site"
)

// TestSitemapCount: sitemapCount, which New uses to know how many files a
// split sitemap needs, counts exactly the entries listSitemap makes, in a
// preview (drafts built but left out of the sitemap) and in a build.
func TestSitemapCount(t *testing.T) {
	article := func(date, extra string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: T\ndate: " + date + "\nauthor: ann\ntags: [Go, SRE]\ncategory: Roles\n" + extra + "---\nHello.\n")}
	}
	siteFS := fstest.MapFS{
		"authors/ann.md":       {Data: []byte("---\nname: Ann\n---\n")},
		"authors/bo.md":        {Data: []byte("---\nname: Bo\n---\n")},
		"articles/a.md":        article("2025-01-01", "series: Pay\n"),
		"articles/d.md":        article("2025-01-02", "draft: true\nseries: Pay\n"),
		"articles/future.md":   article("2027-01-01", ""),
		"articles/guides/b.md": article("2025-01-03", ""),
		"articles/guides/c.md": article("2025-01-04", "draft: true\n"),
		"articles/roles/e.md":  article("2025-01-05", "series: Interviews\n"),
		"pages/about.md":       {Data: []byte("---\ntitle: About\n---\nHi.\n")},
		"pages/wip.md":         {Data: []byte("---\ntitle: WIP\ndraft: true\n---\nSoon.\n")},
		"pages/standards.md":   {Data: []byte("---\ntitle: Standards\n---\nRules.\n")},
	}
	for _, preview := range []bool{false, true} {
		var list diag.List
		cfg := config.Default()
		c := content.Load(context.Background(), siteFS, content.Options{Root: "site", Config: cfg}, &list)
		s := site.Assemble(cfg, c, site.Options{Drafts: preview, Future: preview, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, &list)
		if err := list.Err(); err != nil {
			t.Fatal(err)
		}
		r := &Renderer{site: s}
		drafts := 0
		for _, a := range s.Articles {
			if a.Draft {
				drafts++
			}
		}
		if preview && (drafts == 0 || len(s.Series) == 0 || len(s.Pages) != 3) {
			t.Fatalf("the preview has %d drafts, %d series, %d pages: the test needs drafts, series and a draft page", drafts, len(s.Series), len(s.Pages))
		}
		if n, entries := r.sitemapCount(), r.listSitemap(); n != len(entries) {
			t.Errorf("preview %t: sitemapCount %d, listSitemap %d entries", preview, n, len(entries))
		}
	}
}
