package content

import (
	"crypto/sha256"
	"path"
	"strings"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/internal/lineend"
	"golang.org/x/text/unicode/norm"
)

// file is one Markdown file to parse.
type file struct {
	path    string // in the site file system
	display string // in messages
	kind    Kind
	section string
	bundle  bool // the index.md of a bundle: see Page.Bundle
	// link says the file is a symbolic link (to a file of the site): a
	// watched cache reads it again each time, since a change of the file
	// it points at is reported under that file's path, not the link's.
	link bool
}

// parse turns one file's bytes into a Page. Every problem goes into list;
// the Page is nil when any of them is an error.
func parse(src []byte, f file, cfg *config.Config, md *Markdown, refs bool, list *diag.List) *Page {
	src = lineend.Normalize(src)
	d := &metaDecoder{file: f.display, loc: cfg.Location, list: list}
	br := md.bodies.reader()
	fm, err := split(src, br)
	md.bodies.putReader(br)
	if err != nil {
		pe := err.(*posError)
		list.Errorf(d.at(pe.line, pe.col), "%s", pe.msg)
		return nil
	}
	p := &Page{
		Kind:     f.kind,
		Path:     f.path,
		File:     f.display,
		Section:  f.section,
		Bundle:   f.bundle,
		Pos:      map[string]diag.Pos{},
		BodyLine: fm.bodyLine,
		front:    sha256.Sum256(src[:len(src)-len(fm.body)]),
	}
	root, errs := decodeTree(fm, src)
	for _, e := range errs {
		d.failed = true
		list.Errorf(d.at(e.line, e.col), "%s", e.msg)
	}
	if root != nil || len(errs) == 0 {
		// Without a tree there is nothing to check beyond the syntax error.
		d.decode(root, p)
		validate(d, root, p)
	}
	buf := md.bodies.render()
	defer md.bodies.release(buf)
	r, err := md.render(fm.body, buf, refs)
	if err != nil {
		list.Errorf(d.at(p.BodyLine, 1), "markdown: %v", err)
		return nil
	}
	for _, prob := range r.Problems {
		d.failed = true
		list.Errorf(d.at(p.BodyLine+prob.Line-1, max(prob.Col, 1)), "%s", prob.Text(p.BodyLine))
	}
	for _, l := range r.Links {
		target, frag := resolveLink(p.Path, l.Dest)
		p.Links = append(p.Links, Link{Target: target, Fragment: frag, Written: l.Dest, Title: l.Title, Pos: d.at(p.BodyLine+l.Line-1, l.Col)})
	}
	for _, im := range r.Images {
		p.Images = append(p.Images, p.imageFile(im))
	}
	for _, h := range r.Refs.Headings {
		p.IDs = append(p.IDs, h.URL)
	}
	for _, sc := range r.Shortcodes {
		sc.Line += p.BodyLine - 1
		p.Shortcodes = append(p.Shortcodes, sc)
	}
	if d.failed {
		return nil
	}
	p.body = compressBytes(buf.Bytes(), md.bodies)
	p.TOC, p.WordCount = r.TOC, r.WordCount
	p.ReadingMinutes = ReadingTime(r.WordCount, r.CJKChars)
	p.Summary = r.Summary
	if refs {
		p.Refs = r.Refs.shift(p.BodyLine - 1)
	}
	if p.Meta.Description != "" {
		p.Summary = Truncate(p.Meta.Description, summaryLen)
	}
	return p
}

func decodeTree(fm frontMatter, src []byte) (*value, []*posError) {
	switch fm.format {
	case "yaml":
		return yamlTree(fm.data, fm.line)
	case "toml":
		return tomlTree(fm.data, fm.line)
	case "json":
		return jsonTree(src, fm.offset, fm.offset+len(fm.data))
	}
	return nil, nil
}

// requiredExample shows a value of each required key, for its error.
var requiredExample = map[string]string{
	"title": `"What Does an SRE Do?"`,
	"date":  "2025-03-04",
	"name":  "Ann Lee",
}

// validate checks what no single key can: required keys, the order of
// dates, the slug, and paths that later stages turn into output files.
func validate(d *metaDecoder, root *value, p *Page) {
	at := func(key string) diag.Pos { return d.valuePos(root, key) }
	m := &p.Meta
	require := func(key, got string) {
		if got != "" {
			return
		}
		d.failed = true
		if root != nil {
			for _, e := range root.entries {
				if e.key == key {
					d.list.Errorf(d.at(e.val.line, e.val.col), "%s is empty: write it, as in %s: %s", key, key, requiredExample[key])
					return
				}
			}
		}
		d.list.Errorf(d.at(1, 1), "missing required key %q: add it to the front matter, as in %s: %s", key, key, requiredExample[key])
	}
	switch p.Kind {
	case Article:
		require("title", m.Title)
		if _, set := p.Pos["date"]; !set {
			require("date", "")
		}
	case Standalone:
		require("title", m.Title)
	case Author:
		require("name", m.Name)
		if m.Title == "" {
			m.Title = m.Name
		}
	}
	d.checkChanges(p)
	if !m.Updated.IsZero() && !m.Date.IsZero() && m.Updated.Before(m.Date) {
		// Both shown in the site's zone: each in its own offset, a date at
		// 02:00Z and an update at 02:00+14:00 read "02:00 is before 02:00".
		d.fail(at("updated"), "updated (%s) is before date (%s): set updated on or after date, or remove it", stamp(m.Updated.In(d.loc)), stamp(m.Date.In(d.loc)))
	}
	if !m.Expires.IsZero() && !m.Date.IsZero() && !m.Expires.After(m.Date) {
		d.fail(at("expires"), "expires (%s) is not after date (%s), so the article would never be shown: set expires after date, or remove it", stamp(m.Expires.In(d.loc)), stamp(m.Date.In(d.loc)))
	}
	if p.Kind == Index && relativePath(m.Image) {
		d.fail(at("image"), "image %q is a relative path, which would be read against each page that shows it: give a site path such as %q for a file in static/",
			m.Image, path.Clean("/"+m.Image))
	} else if !p.Bundle && relativePath(m.Image) {
		// Read against the URL of every page that shows it (lists,
		// feeds, JSON-LD), and no file is written beside a page that is
		// no bundle.
		d.fail(at("image"), "image %q is a relative path, but %s is not a bundle, so no file is written beside it: give a site path such as %q for a file in static/, or make the page a folder (%s/index.md) with the image beside it",
			m.Image, d.file, path.Clean("/"+m.Image), strings.TrimSuffix(d.file, ".md"))
	}
	if m.Image != "" && m.ImageAlt == "" {
		d.fail(at("image"), "image_alt is required when image is set: describe the image for readers who cannot see it")
	}
	for i, a := range m.Aliases {
		if !strings.HasPrefix(a, "/") || strings.Contains(a, "://") || strings.Contains(a, "\\") || hasDotDot(a) {
			pos, ok := p.Pos[AliasKey(i)]
			if !ok {
				pos = at("aliases")
			}
			d.fail(pos, "alias %q must be a site path starting with \"/\", without \"..\"", a)
		}
	}
	if p.Kind == Index {
		indexSlug(d, p)
		return
	}
	p.Slug = strings.TrimSuffix(path.Base(p.Path), ".md")
	if p.Bundle {
		p.Slug = path.Base(path.Dir(p.Path))
	}
	switch {
	case m.Slug != "":
		switch {
		case len(m.Slug) > MaxSlug:
			d.fail(at("slug"), "slug is %d bytes long: use at most %d, like %q", len(m.Slug), MaxSlug, suggestSlug(m.Slug))
		case !ValidSlug(m.Slug):
			d.fail(at("slug"), "slug %q is not valid: use lower-case letters, digits and single hyphens, like %q", m.Slug, suggestSlug(m.Slug))
		}
		p.Slug = m.Slug
	case ValidSlug(p.Slug):
	case p.Bundle:
		d.fail(d.at(1, 1), "folder name %q %s: rename the folder to %q or set slug: %s", p.Slug, notSlug(p.Slug), suggestSlug(p.Slug), suggestSlug(p.Slug))
	default:
		d.fail(d.at(1, 1), "file name %q %s: rename the file to %q or set slug: %s", p.Slug+".md", notSlug(p.Slug), suggestSlug(p.Slug)+".md", suggestSlug(p.Slug))
	}
}

// TermOf names a term of the taxonomy tax ("tags"): "tag", "category" or
// "series".
func TermOf(tax string) string {
	switch tax {
	case "tags":
		return "tag"
	case "categories":
		return "category"
	}
	return tax
}

// indexSlug sets the slug of p, a list's text: its section's name, or for
// a term's the file's name, which must be the slug of the term's name.
func indexSlug(d *metaDecoder, p *Page) {
	tax, rest, _ := strings.Cut(p.Path, "/")
	switch {
	case tax == "articles":
		p.Slug = p.Section // the list's URL is not the file's to set
		return
	case rest == IndexFile:
		return // the text of /tags/ and the like
	}
	name := strings.TrimSuffix(rest, ".md")
	p.Slug = TermSlug(name)
	// A name in another script is the slug as it is, once composed: a
	// file system may store "é" decomposed.
	if p.Slug != norm.NFC.String(name) {
		slug, what := p.Slug, TermOf(tax)
		if slug == "" {
			d.fail(d.at(1, 1), "file name %q is no %s's slug: name the file after the slug of the %s, as the %s's page URL shows it (/%s/<slug>/)", rest, what, what, what, tax)
			return
		}
		d.fail(d.at(1, 1), "file name %q is no %s's slug: rename the file to %q", rest, what, slug+".md")
	}
}

func (d *metaDecoder) fail(pos diag.Pos, format string, args ...any) {
	d.failed = true
	d.list.Errorf(pos, format, args...)
}

// valuePos is the position of a top-level key's value, or 1:1.
func (d *metaDecoder) valuePos(root *value, key string) diag.Pos {
	if root != nil {
		for _, e := range root.entries {
			if e.key == key {
				return d.at(e.val.line, e.val.col)
			}
		}
	}
	return d.at(1, 1)
}

func suggestSlug(s string) string {
	if slug := Slugify(s); slug != "" {
		return slug
	}
	return "my-page"
}

func hasDotDot(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return true
		}
	}
	return false
}

func stamp(t interface{ Format(string) string }) string {
	return t.Format("2006-01-02 15:04")
}
