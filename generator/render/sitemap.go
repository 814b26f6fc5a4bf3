package render

import (
	"cmp"
	"encoding/xml"
	"strconv"
	"time"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/site"
)

// SitemapURLs is the most URLs one sitemap file may list (the Sitemaps
// protocol's limit). A site with more gets sitemap-1.xml, sitemap-2.xml…
// and a sitemap.xml that is their index.
const SitemapURLs = 50_000

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// sitemapEntry is one public page for the sitemap: its site-rooted URL and
// when it last changed (zero when unknown).
type sitemapEntry struct {
	url  string
	time time.Time
}

// sitemapJobs adds the sitemap's files: sitemap.xml listing every public
// page, or, past the per-file limit, sitemap.xml as the index of the
// sitemap-N.xml files that list them in turn.
func (r *Renderer) sitemapJobs(add func(path string, gen func(*diag.List) File)) {
	limit := r.sitemapLimit()
	n := r.sitemapCount()
	if n <= limit {
		add("sitemap.xml", func(list *diag.List) File { return r.sitemapFile("sitemap.xml", r.sitemapEntries(), list) })
		return
	}
	parts := (n + limit - 1) / limit
	for i := range parts {
		path := sitemapPart(i)
		add(path, func(list *diag.List) File {
			return r.sitemapFile(path, sitemapSlice(r.sitemapEntries(), i, limit), list)
		})
	}
	add("sitemap.xml", func(list *diag.List) File { return r.sitemapIndexFile(parts, limit, list) })
}

func (r *Renderer) sitemapLimit() int {
	if n := r.opts.SitemapURLs; n > 0 {
		return n
	}
	return SitemapURLs
}

// sitemapSlice is the i-th (from 0) part of entries, in parts of limit.
func sitemapSlice(entries []sitemapEntry, i, limit int) []sitemapEntry {
	return entries[min(len(entries), i*limit):min(len(entries), (i+1)*limit)]
}

// sitemapPart is the path of the i-th (from 0) file of a split sitemap.
func sitemapPart(i int) string { return "sitemap-" + strconv.Itoa(i+1) + ".xml" }

// sitemapCount is how many entries sitemapEntries returns, counted without
// making them, for New to know how many files the sitemap needs.
func (r *Renderer) sitemapCount() int {
	s := r.site
	n := 2 + len(s.Sections) + 1 + len(s.Tags) + 1 + len(s.Categories) + len(s.Series) + 1 + len(s.Authors)
	if len(s.Series) > 0 {
		n++
	}
	for _, a := range s.Articles {
		if !a.Draft {
			n++
		}
	}
	for _, p := range s.Pages {
		if !p.Meta.Draft {
			n++
		}
	}
	return n
}

// sitemapEntries lists every public page once (first pages of lists only),
// with the time of the newest article it shows, made once per build.
// Drafts shown in preview are left out.
func (r *Renderer) sitemapEntries() []sitemapEntry {
	r.sitemapOnce.Do(func() { r.sitemapList = r.listSitemap() })
	return r.sitemapList
}

func (r *Renderer) listSitemap() []sitemapEntry {
	s := r.site
	entries := make([]sitemapEntry, 0, r.sitemapCount())
	add := func(url string, t time.Time) { entries = append(entries, sitemapEntry{url, t}) }
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
			add(p.URL, cmp.Or(p.Meta.Updated, p.Meta.Date)) // none when neither is set
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
	return entries
}

// sitemapFile writes entries as the urlset at path.
func (r *Renderer) sitemapFile(path string, entries []sitemapEntry, list *diag.List) File {
	u := urlset{URLs: make([]sitemapURL, len(entries))}
	for i, e := range entries {
		u.URLs[i] = r.sitemapURL(e.url, e.time)
	}
	return r.xmlFile(path, u, 512+len(u.URLs)*160, list)
}

// sitemapIndexFile writes sitemap.xml as the index of a sitemap split in
// parts of limit entries, each with the time of its newest entry.
func (r *Renderer) sitemapIndexFile(parts, limit int, list *diag.List) File {
	entries := r.sitemapEntries()
	idx := sitemapIndex{Sitemaps: make([]sitemapURL, parts)}
	for i := range parts {
		var newest time.Time
		for _, e := range sitemapSlice(entries, i, limit) {
			if e.time.After(newest) {
				newest = e.time
			}
		}
		idx.Sitemaps[i] = r.sitemapURL("/"+sitemapPart(i), newest)
	}
	return r.xmlFile("sitemap.xml", idx, 512+parts*160, list)
}

func (r *Renderer) sitemapURL(url string, t time.Time) sitemapURL {
	e := sitemapURL{Loc: r.abs(url)}
	if !t.IsZero() {
		e.LastMod = r.iso(t)
	}
	return e
}
