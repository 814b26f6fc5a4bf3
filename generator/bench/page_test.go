package bench

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/byline/byline/generator"
)

// BenchmarkRenderPage renders one page of each common kind of the 1k
// corpus again and again: the template cost of a page without the rest of
// the build. Cached partials (cards, header, footer) are warm after the
// first run, as they are for all but the first pages of a build. It goes
// through File, as serve does, which runs each page on a goroutine of its
// own to enforce the time limit (render.PageTimeout): ~15 µs a page (term:
// 91–98 µs before the limit, 107–112 after, -cpu 1); Render's pages do not
// pay it.
func BenchmarkRenderPage(b *testing.B) {
	dir := corpusDir(b, 1_000)
	p, err := generator.Prepare(context.Background(), generator.Options{
		SiteDir: filepath.Join(dir, "site"), ThemesDir: themesDir, Now: now,
	})
	if err != nil {
		b.Fatal(err)
	}
	pages := []struct{ kind, path string }{
		{"article", p.Site.Articles[len(p.Site.Articles)/2].URL[1:] + "index.html"},
		{"home", "index.html"},
		{"home2", "page/2/index.html"},
		{"term", p.Site.Tags[0].URL[1:] + "page/2/index.html"},
		{"author", p.Site.Authors[0].URL[1:] + "index.html"},
	}
	for _, pg := range pages {
		if _, err := p.File(pg.path); err != nil {
			b.Fatalf("%s: %v", pg.path, err)
		}
		b.Run(pg.kind, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.File(pg.path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
