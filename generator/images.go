package generator

import (
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/theme"
)

// imageSizes looks up the sizes of images at site paths ("/images/x.png"):
// the site's static files first, then the themes', as the output has them;
// and those of bundles' images, by their file in the site folder
// ("articles/x/chart.png"). Each file is read once per build. Its size
// method is safe for concurrent use.
type imageSizes struct {
	site   fs.FS
	files  map[string]bool // the site's static and bundle files, "static/images/x.png"
	themes []theme.Source  // static folders of the themes, first wins
	mu     sync.Mutex
	known  map[string]content.Size
}

func newImageSizes(site fs.FS, c *content.Content, themes []theme.Source) *imageSizes {
	x := &imageSizes{site: site, files: make(map[string]bool, len(c.Static)), themes: themes, known: map[string]content.Size{}}
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

// size is site.Options.ImageSize.
func (x *imageSizes) size(p string) content.Size {
	p = path.Clean(p)
	x.mu.Lock()
	s, ok := x.known[p]
	x.mu.Unlock()
	if !ok {
		s = x.read(p)
		x.mu.Lock()
		x.known[p] = s
		x.mu.Unlock()
	}
	return s
}

func (x *imageSizes) read(p string) content.Size {
	if !strings.HasPrefix(p, "/") {
		// A bundle's file, or "" for an image with no file to read.
		if !x.files[p] || strings.HasPrefix(p, "static/") {
			return content.Size{}
		}
		size, _ := content.ImageSize(x.site, p)
		return size
	}
	name := p[1:] // p is rooted and clean: "/images/x.png"
	if !fs.ValidPath(name) || name == "." {
		return content.Size{}
	}
	if x.files["static/"+name] {
		size, _ := content.ImageSize(x.site, "static/"+name)
		return size
	}
	for _, t := range x.themes {
		if size, err := content.ImageSize(t.FS, name); err == nil {
			return size
		}
	}
	return content.Size{}
}
