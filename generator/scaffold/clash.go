package scaffold

import (
	"context"
	"io/fs"
	"time"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/site"
)

// Review models the site in siteFS as a preview would (drafts and future
// articles in) and returns the error that says the page in file (a path
// in messages, like "site/articles/x.md") has a URL that another page or a
// list page of the site already has, or nil; and the errors found in file
// itself, which an archetype may have brought into it (see
// Archetype.Locate). Other problems of the site are not its business: the
// build reports them.
//
// byline new calls it on the draft it has just written, since where an
// article lands depends on the permalinks pattern, its date, section and
// category, and on every other page's slug: only the model knows.
func Review(ctx context.Context, siteFS fs.FS, cfg *config.Config, root, file string, now time.Time) (clash *diag.Diagnostic, errs []*diag.Diagnostic) {
	var list diag.List
	c := content.Load(ctx, siteFS, content.Options{Root: root, Config: cfg}, &list)
	site.Assemble(cfg, c, site.Options{Drafts: true, Future: true, Now: now}, &list)
	for _, d := range list.All() {
		switch {
		case d.Severity != diag.Error:
		case site.URLClash(d, file):
			if clash == nil { // the first clash found
				clash = d
			}
		case d.Path == file:
			errs = append(errs, d)
		}
	}
	return clash, errs
}
