package content

import (
	"io/fs"
	"path"

	"github.com/byline/byline/generator/diag"
)

// BodyChange parses again the article at rel (slash-separated, relative to
// the site folder) and reports whether its Markdown body is all that
// changed since the cache's last Load, with opts as given to that Load.
// When ok, old is the page that Load returned, and cur the page as the file
// is now, which the cache keeps in old's place. Then a build made by that
// Load is brought up to date by putting cur where old was: front matter,
// and with it every key, date, position and diagnostic, is byte for byte
// the same; only Body, TOC, Summary, WordCount, ReadingMinutes and Refs
// may differ.
//
// It is never ok for a cache that is not watched, for a file that is not an
// article of that Load, for a file that had or has a diagnostic, or when
// anything before the body changed: the caller must Load the site again.
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
	if c.listing != nil && c.listing.root == opts.Root {
		f, found = c.listing.file(rel)
	}
	c.mu.Unlock()
	if !found || f.kind != Article || e == nil || e.page == nil || e.key != key || len(e.diags) > 0 {
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
	if p == nil || len(list.All()) > 0 || p.front != e.page.front {
		return nil, nil, false
	}
	return e.page, p, true
}
