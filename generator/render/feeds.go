package render

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/site"
)

// feedSize is how many entries a feed carries.
const feedSize = 20

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr,omitempty"`
	Title   string      `xml:"title"`
	Sub     string      `xml:"subtitle,omitempty"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  *atomPerson `xml:"author,omitempty"`
	Gen     atomGen     `xml:"generator"`
	Entries []atomEntry `xml:"entry"`
}

type atomGen struct {
	Name string `xml:",chardata"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Link       atomLink       `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
	Content    atomHTML       `xml:"content"`
}

// atomHTML is HTML content, escaped once per article (see entry) and
// written as is into every feed that carries the article. Base is the
// article's URL, against which a reader resolves the content's relative
// URLs ("#pay", a bundle's "chart.png") as the page does.
type atomHTML struct {
	Type    string `xml:"type,attr"`
	Base    string `xml:"xml:base,attr,omitempty"`
	Escaped string `xml:",innerxml"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// feed renders the Atom feed of arts at feedURL for the page at pageURL,
// with title and subtitle sub.
func (r *Renderer) feed(feedURL, pageURL, title, sub string, arts []*site.Article, list *diag.List) File {
	c := r.site.Config
	f := atomFeed{
		Lang: c.Language, Title: title, Sub: sub, ID: r.abs(pageURL),
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: r.abs(feedURL)}, {Rel: "alternate", Type: "text/html", Href: r.abs(pageURL)}},
		Gen:   atomGen{Name: "Byline"},
	}
	var newest time.Time
	for _, a := range arts[:min(len(arts), feedSize)] {
		if a.Updated.After(newest) {
			newest = a.Updated
		}
		f.Entries = append(f.Entries, r.entry(a))
	}
	if newest.IsZero() {
		newest = r.site.Updated
	}
	if newest.IsZero() {
		// A site with no published article yet (all drafts or scheduled):
		// the zero time shown in the site's zone is year 0000 in its local
		// mean time ("0000-12-31T19:03:58-04:56" in New York), which is no
		// xsd:dateTime and fails the Atom schema. In UTC it is valid.
		f.Updated = newest.UTC().Format(time.RFC3339)
	} else {
		f.Updated = r.iso(newest)
	}
	// RFC 4287 4.1.1: the feed needs an author unless every entry has one.
	needAuthor := len(f.Entries) == 0
	for _, e := range f.Entries {
		if len(e.Authors) == 0 {
			needAuthor = true
			break
		}
	}
	if needAuthor {
		f.Author = &atomPerson{Name: c.Title}
	}
	size := 2048 // the feed's own elements
	for _, e := range f.Entries {
		size += len(e.Content.Escaped) + len(e.Summary.Body) + 1024
	}
	return r.xmlFile(outFile(feedURL), f, size, list)
}

// entry returns the feed entry of a, made once per build: an article is in
// the main feed and in the feeds of its tags, category and authors.
func (r *Renderer) entry(a *site.Article) atomEntry {
	if e, ok := r.entries.Load(a); ok {
		return e.(atomEntry)
	}
	raw, rel := r.scratch.Get().(*[]byte), r.scratch.Get().(*[]byte)
	*raw = a.AppendBody((*raw)[:0])
	*rel = relativeInto(*rel, *raw, r.absPrefix())
	var content strings.Builder
	content.Grow(len(*rel) + len(*rel)/4) // room for the escapes of its tags
	escapeXMLText(&content, *rel)
	r.scratch.Put(raw)
	r.scratch.Put(rel)
	e := atomEntry{
		Title: a.Meta.Title, ID: r.abs(a.URL), Link: atomLink{Rel: "alternate", Type: "text/html", Href: r.abs(a.URL)},
		Published: r.iso(a.Meta.Date), Updated: r.iso(a.Updated),
		Summary: atomText{Type: "text", Body: a.Summary},
		Content: atomHTML{Type: "html", Base: r.abs(a.URL), Escaped: content.String()},
	}
	for _, au := range a.Authors {
		e.Authors = append(e.Authors, atomPerson{Name: au.Meta.Name, URI: r.abs(au.URL)})
	}
	for _, t := range a.Tags {
		e.Categories = append(e.Categories, atomCategory{Term: t.Slug, Label: t.Name})
	}
	r.entries.Store(a, e)
	return e
}

// absPrefix replaces the leading "/" of site-rooted URLs in content that
// leaves the site (feeds): the base URL, else the base path.
func (r *Renderer) absPrefix() string {
	if r.site.BaseURL != "" {
		return r.site.BaseURL
	}
	return r.base
}

// xmlFile encodes v as the XML file at path, into a buffer of size bytes
// (a guess: it grows as needed).
func (r *Renderer) xmlFile(path string, v any, size int, list *diag.List) File {
	buf := bytes.NewBuffer(make([]byte, 0, size))
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(buf)
	if !r.opts.Minify {
		enc.Indent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		list.Errorf(diag.Pos{Path: path}, "cannot encode: %v", err)
	}
	buf.WriteByte('\n')
	return File{Path: path, Data: buf.Bytes()}
}

// outFile is the output path of a site-rooted file URL ("/feed.xml").
func outFile(url string) string { return filePath(url) }
