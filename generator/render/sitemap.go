package render

import (
	"encoding/xml"
	"time"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/site"
)

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap lists every public page once (first pages of lists only), with
// lastmod from the newest article it shows. Drafts shown in preview are left out.
func (r *Renderer) sitemap(list *diag.List) File {
	s := r.site
	var u urlset
	add := func(url string, t time.Time) {
		e := sitemapURL{Loc: r.abs(url)}
		if !t.IsZero() {
			e.LastMod = r.iso(t)
		}
		u.URLs = append(u.URLs, e)
	}
	newest := func(arts []*site.Article) time.Time {
		var t time.Time
		for _, a := range arts {
			if !a.Draft && a.Updated.After(t) {
				t = a.Updated
			}
		}
		return t
	}
	add("/", s.Updated)
	add("/articles/", s.Updated)
	for _, sec := range s.Sections {
		add(sec.URL, newest(sec.Articles))
	}
	for _, a := range s.Articles {
		if !a.Draft {
			add(a.URL, a.Updated)
		}
	}
	for _, p := range s.Pages {
		if !p.Meta.Draft {
			add(p.URL, time.Time{})
		}
	}
	add("/tags/", s.Updated)
	for _, t := range s.Tags {
		add(t.URL, newest(t.Articles))
	}
	add("/categories/", s.Updated)
	for _, t := range s.Categories {
		add(t.URL, newest(t.Articles))
	}
	if len(s.Series) > 0 {
		add("/series/", s.Updated)
	}
	for _, t := range s.Series {
		add(t.URL, newest(t.Articles))
	}
	add("/authors/", s.Updated)
	for _, a := range s.Authors {
		add(a.URL, newest(a.Articles))
	}
	return r.xmlFile("sitemap.xml", u, 512+len(u.URLs)*160, list)
}
