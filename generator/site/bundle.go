package site

import (
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
)

// A bundle is a page that is the index.md of a folder of its own (see
// content.Page.Bundle). Its other files are written beside the page, in
// the folder of its URL, so the relative paths its body uses ("chart.png")
// lead to them. Its front matter's image may be such a path too: the model
// makes it a site path ("/articles/x/chart.png"), since the image also
// shows on list pages and in feeds, where a relative path leads elsewhere.

// addResources gives every bundle its files and a site path for its image.
func (s *Site) addResources(c *content.Content, list *diag.List) {
	for _, a := range s.Articles {
		if a.Bundle {
			a.Resources = c.Resources[a.Path]
			a.SetPage(withImage(a.Page, a.URL, a.Resources, list))
		}
	}
	for _, p := range s.Pages {
		if p.Bundle {
			p.Resources = c.Resources[p.Path]
			p.SetPage(withImage(p.Page, p.URL, p.Resources, list))
		}
	}
}

// Folder is the site path of the folder a page at url is written to:
// "/articles/x/" for "/articles/x/", "/articles/" for "/articles/x.html".
func Folder(url string) string { return url[:strings.LastIndexByte(url, '/')+1] }

// ResourcePath is the output path of file, of the bundle whose index.md
// is at page, for the page at url: its path in the bundle's folder, in
// the page's folder. "articles/x/img/a.png" of "articles/x/index.md" at
// /articles/x-y/ is "articles/x-y/img/a.png".
func ResourcePath(url, page, file string) string {
	return strings.TrimPrefix(Folder(url), "/") + strings.TrimPrefix(file, path.Dir(page)+"/")
}

// withImage returns p with its image at a relative path replaced by the
// site path of that file of its bundle; it reports to list (when not nil)
// an image at a relative path that is no file of the bundle.
func withImage(p *content.Page, pageURL string, resources []string, list *diag.List) *content.Page {
	img := p.Meta.Image
	if img == "" || strings.HasPrefix(img, "/") || strings.HasPrefix(img, "#") || strings.HasPrefix(img, "?") {
		return p
	}
	u, err := url.Parse(img)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return p // a URL: render keeps what is safe
	}
	dir := path.Dir(p.Path)
	file := path.Join(dir, u.Path)
	if !strings.HasPrefix(file, dir+"/") || !slices.Contains(resources, file) {
		if list != nil {
			pos, ok := p.Pos["image"]
			if !ok {
				pos = diag.Pos{Path: p.File, Line: 1, Col: 1}
			}
			list.Errorf(pos, "image %q is not a file of this page's folder %s/: put the file there, or give a site path such as /images/cover.png for a file in static/", img, path.Dir(p.File))
		}
		return p
	}
	cp := *p
	u.Path = strings.TrimPrefix(file, dir+"/")
	cp.Meta.Image = Folder(pageURL) + u.String() // the query and fragment kept
	return &cp
}
