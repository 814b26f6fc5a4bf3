package generator

import (
	"io/fs"
	"path"
	"sync"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/theme"
)

// imageSizes looks up the sizes of images at site paths ("/images/x.png"):
// the site's static files first, then the themes', as the output has them.
// Each file is read once per build. Its size method is safe for concurrent
// use.
type imageSizes struct {
	site   fs.FS
	static map[string]bool // the site's static files, "static/images/x.png"
	themes []theme.Source  // static folders of the themes, first wins
	mu     sync.Mutex
	known  map[string]content.Size
}

func newImageSizes(site fs.FS, static []string, themes []theme.Source) *imageSizes {
	x := &imageSizes{site: site, static: make(map[string]bool, len(static)), themes: themes, known: map[string]content.Size{}}
	for _, p := range static {
		x.static[p] = true
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
	name := p[1:] // p is rooted and clean: "/images/x.png"
	if !fs.ValidPath(name) || name == "." {
		return content.Size{}
	}
	if x.static["static/"+name] {
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
