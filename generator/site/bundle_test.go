package site

import (
	"slices"
	"testing"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
)

// TestBundleImage: a relative image in a bundle's front matter becomes the
// site path of that file, which the page's folder gets; one that names no
// file of the bundle is an error at the key.
func TestBundleImage(t *testing.T) {
	files := []string{"articles/x/cover.png", "articles/x/img/a b.png"}
	for _, tc := range []struct{ image, want, err string }{
		{"cover.png", "/articles/x/cover.png", ""},
		{"./img/a b.png?v=2#top", "/articles/x/img/a%20b.png?v=2#top", ""},
		{"img/../cover.png", "/articles/x/cover.png", ""},
		{"/images/site.png", "/images/site.png", ""},
		{"https://cdn.example.com/c.png", "https://cdn.example.com/c.png", ""},
		{"missing.png", "missing.png", `site/articles/x/index.md:5:8: image "missing.png" is not a file of this page's folder site/articles/x/: put the file there, or give a site path such as /images/cover.png for a file in static/`},
		{"../y/cover.png", "../y/cover.png", `site/articles/x/index.md:5:8: image "../y/cover.png" is not a file of this page's folder site/articles/x/: put the file there, or give a site path such as /images/cover.png for a file in static/`},
	} {
		p := article("articles/x/index.md", content.Meta{Title: "X", Date: day(-1), Authors: []string{"ann"}, Image: tc.image})
		p.Bundle, p.Slug, p.Section = true, "x", "" // a bundle at the top
		p.Pos["image"] = diag.Pos{Path: p.File, Line: 5, Col: 8}
		c := &content.Content{Articles: []*content.Page{p}, Authors: []*content.Page{author("ann", "Ann")},
			Resources: map[string][]string{p.Path: files}}
		s, list := assemble(t, c, Options{})
		a := s.Articles[0]
		if a.Meta.Image != tc.want {
			t.Errorf("image %q became %q, want %q", tc.image, a.Meta.Image, tc.want)
		}
		var got string
		if ds := list.All(); len(ds) > 0 {
			got = ds[0].Error()
		}
		if got != tc.err {
			t.Errorf("image %q: error %q, want %q", tc.image, got, tc.err)
		}
		if !slices.Equal(a.Resources, files) {
			t.Errorf("resources = %q", a.Resources)
		}
		if p.Meta.Image != tc.image {
			t.Errorf("the content page changed: %q", p.Meta.Image)
		}
		// A body edit keeps the image's site path.
		a.ReplaceBody(p)
		if a.Meta.Image != tc.want {
			t.Errorf("after ReplaceBody, image %q became %q, want %q", tc.image, a.Meta.Image, tc.want)
		}
	}
}

func TestFolder(t *testing.T) {
	for url, want := range map[string]string{"/articles/x/": "/articles/x/", "/articles/x.html": "/articles/", "/": "/"} {
		if got := Folder(url); got != want {
			t.Errorf("Folder(%q) = %q, want %q", url, got, want)
		}
	}
}
