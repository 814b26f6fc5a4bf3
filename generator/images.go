package generator

import (
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/theme"
)

// imageSizes looks up the images of pages at site paths ("/images/x.png"):
// the site's static files first, then the themes', as the output has them;
// and those of bundles, by their file in the site folder
// ("articles/x/chart.png"). It gives each its size and, when the site asks
// for responsive images (plan), its srcset. Each file is read once per
// build. Its methods are safe for concurrent use.
type imageSizes struct {
	site   fs.FS
	root   string          // the site folder as messages show it, "site"
	files  map[string]bool // the site's static and bundle files, "static/images/x.png"
	themes []theme.Source  // static folders of the themes, first wins
	plan   *imagePlan      // nil without images.widths
	mu     sync.Mutex
	known  map[string]located
}

// located is what imageSizes knows of one image file.
type located struct {
	size content.Size
	src  *imageSource // nil for one without resized copies
}

func newImageSizes(site fs.FS, root string, c *content.Content, themes []theme.Source, plan *imagePlan) *imageSizes {
	x := &imageSizes{site: site, root: root, files: make(map[string]bool, len(c.Static)), themes: themes, plan: plan, known: map[string]located{}}
	for _, p := range c.Static {
		x.files[p] = true
	}
	for _, files := range c.Resources {
		for _, p := range files {
			x.files[p] = true
		}
	}
	return x
}

// image is site.Options.Image: what the tag of the image p of page pg
// gets.
func (x *imageSizes) image(pg *content.Page, p string) content.Image {
	p = path.Clean(p)
	l := x.lookup(pg, p)
	im := content.Image{Size: l.size}
	if l.src != nil && !strings.HasPrefix(p, "/") {
		// A bundle's file: its copies are beside it, named relative to
		// the page as the image is.
		rel := strings.TrimPrefix(p, path.Dir(pg.Path)+"/")
		im.Srcset = x.plan.srcset(l.src, dirOf(rel), rel)
	} else if l.src != nil {
		im.Srcset = x.plan.srcset(l.src, dirOf(p), p)
	}
	return im
}

// size is the size of the image p, for tests.
func (x *imageSizes) size(p string) content.Size { return x.lookup(nil, path.Clean(p)).size }

// lookup reads what the file p needs once, shown by page pg (nil in
// tests).
func (x *imageSizes) lookup(pg *content.Page, p string) located {
	x.mu.Lock()
	l, ok := x.known[p]
	x.mu.Unlock()
	if ok {
		return l
	}
	fsys, name, shown, found := x.locate(p)
	if found && x.plan != nil {
		by := ""
		if pg != nil {
			by = pg.File
		}
		l.src, l.size = x.plan.add(fsys, name, shown, p, by)
	}
	if found && l.size == (content.Size{}) {
		l.size, _ = content.ImageSize(fsys, name)
	}
	x.mu.Lock()
	x.known[p] = l
	x.mu.Unlock()
	return l
}

// locate finds the file of the image p: the file system it is in, its
// name there, and its path as messages show it.
func (x *imageSizes) locate(p string) (fsys fs.FS, name, shown string, found bool) {
	if !strings.HasPrefix(p, "/") {
		// A bundle's file, or "" for an image with no file to read.
		if !x.files[p] || strings.HasPrefix(p, "static/") {
			return nil, "", "", false
		}
		return x.site, p, path.Join(x.root, p), true
	}
	name = p[1:] // p is rooted and clean: "/images/x.png"
	if !fs.ValidPath(name) || name == "." {
		return nil, "", "", false
	}
	if x.files["static/"+name] {
		return x.site, "static/" + name, path.Join(x.root, "static", name), true
	}
	for _, t := range x.themes {
		if fi, err := fs.Stat(t.FS, name); err == nil && fi.Mode().IsRegular() {
			return t.FS, name, path.Join(path.Dir(t.Prefix), "static", name), true
		}
	}
	return nil, "", "", false
}

// dirOf is the folder part of a slash-separated path, with its slash:
// "/images/" for "/images/x.png", "" for "x.png".
func dirOf(p string) string { return p[:strings.LastIndexByte(p, '/')+1] }
