package content

import (
	"io/fs"
	"maps"
	"path"
	"reflect"

	"github.com/byline/byline/generator/diag"
)

// BodyChange parses again the article at rel (slash-separated, relative to
// the site folder) and reports whether its Markdown body, title and
// description are all that changed since the cache's last Load, with opts
// as given to that Load. When ok, old is the page that Load returned, and
// cur the page as the file is now, which the cache keeps in old's place.
// Then a build made by that Load is brought up to date by putting cur where
// old was: every other key, every date and every position is the same, and
// neither page has a diagnostic; only Body, TOC, Summary, WordCount,
// ReadingMinutes, Refs, Meta.Title and Meta.Description may differ. (A
// title also orders articles of the same date: see site.Site.Replaceable.)
//
// It is never ok for a cache that is not watched, for a file that is not an
// article of that Load, for a file that had or has a diagnostic, when
// anything else changed, or for a site with a page that is a symbolic link
// (it may show the file that changed): the caller must Load the site again.
func (c *Cache) BodyChange(fsys fs.FS, opts Options, rel string) (old, cur *Page, ok bool) {
	if c == nil || !c.watched {
		return nil, nil, false
	}
	rel = path.Clean(rel)
	cfg := opts.Config
	if cfg == nil || cfg.Location == nil {
		return nil, nil, false // Load defaults these; a caller that relies on it must Load
	}
	key := cacheKey(cfg, opts.Root, opts.Refs)
	c.mu.Lock()
	e, f, found := c.entries[rel], file{}, false
	if c.listing != nil && c.listing.root == opts.Root && !c.listing.links {
		f, found = c.listing.file(rel)
	}
	c.mu.Unlock()
	if !found || f.kind != Article || e == nil || e.page == nil || e.key != key || e.file != f || len(e.diags) > 0 {
		return nil, nil, false
	}
	src, err := fs.ReadFile(fsys, rel)
	if err != nil {
		return nil, nil, false
	}
	var list diag.List
	md := opts.Markdown
	if md == nil {
		md = newMarkdown(cfg, c.lexerSet())
	}
	p := c.parse(src, f, key, &list, func() *Page { return parse(src, f, cfg, md, opts.Refs, &list) })
	if p == nil || len(list.All()) > 0 || !sameFront(e.page, p) {
		return nil, nil, false
	}
	return e.page, p, true
}

// sameFront reports whether cur's front matter says what old's does but
// for the title and the description, which place a page nowhere in a site:
// the same keys on the same lines, the same body line, the same values.
func sameFront(old, cur *Page) bool {
	if cur.front == old.front {
		return true
	}
	if cur.BodyLine != old.BodyLine || cur.Slug != old.Slug || !maps.Equal(cur.Pos, old.Pos) {
		return false
	}
	a, b := old.Meta, cur.Meta
	a.Title, a.Description = "", ""
	b.Title, b.Description = "", ""
	return reflect.DeepEqual(a, b)
}
