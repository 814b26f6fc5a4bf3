package content

import (
	"io/fs"
	"path"
	"slices"

	"github.com/byline/byline/generator/diag"
)

// listing is a walk of the site folder kept by a watched cache: the files
// found, and the problems the walk reported.
type listing struct {
	root   string
	files  []file
	static []string
	data   []string
	// resources are the bundles' files by index.md path: see Content.Resources.
	resources map[string][]string
	diags     []*diag.Diagnostic
	paths     map[string]bool // every path in files, static, data and resources
	links     bool            // some page file is a symbolic link
}

// walkSite returns the site's files, walking the folder unless a watched
// cache holds a listing that the reported changes leave valid: each changed
// path is still a regular file the listing has. A new, deleted or renamed
// file, or any folder event, makes it walk again.
func (c *Cache) walkSite(fsys fs.FS, root string, list *diag.List) *listing {
	if l := c.validListing(fsys, root); l != nil {
		for _, d := range l.diags {
			list.Add(d)
		}
		return l
	}
	if c != nil {
		c.walks.Add(1)
	}
	var walked diag.List
	w := walker{fsys: fsys, root: root, list: &walked}
	w.walk()
	l := &listing{root: root, files: w.files, static: w.static, data: w.data, resources: w.resources, diags: walked.All(), paths: map[string]bool{}}
	for _, f := range w.files {
		l.paths[f.path] = true
		l.links = l.links || f.link
	}
	for _, p := range append(slices.Clip(w.static), w.data...) {
		l.paths[p] = true
	}
	for _, files := range w.resources {
		for _, p := range files {
			l.paths[p] = true
		}
	}
	list.Merge(&walked)
	if c != nil && c.watched {
		c.mu.Lock()
		c.listing, c.changed = l, nil
		c.mu.Unlock()
	}
	return l
}

func (c *Cache) validListing(fsys fs.FS, root string) *listing {
	if c == nil || !c.watched {
		return nil
	}
	c.mu.Lock()
	l, changed := c.listing, c.changed
	c.changed = nil
	c.mu.Unlock()
	if l == nil || l.root != root {
		return nil
	}
	for _, p := range changed {
		if p == "." || !l.has(p) {
			return nil
		}
		// Lstat: a file that a save turned into a link is checked by a
		// new walk (see walker.linkInside).
		if fi, err := fs.Lstat(fsys, p); err != nil || !fi.Mode().IsRegular() {
			return nil
		}
	}
	return l
}

// file returns the page file at p, a clean path.
func (l *listing) file(p string) (file, bool) {
	for _, f := range l.files {
		if f.path == p {
			return f, true
		}
	}
	return file{}, false
}

// has reports whether p is a page or static file of the listing.
func (l *listing) has(p string) bool { return l.paths[path.Clean(p)] }
