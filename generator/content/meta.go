package content

import (
	"fmt"
	"math"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/internal/yamlpos"
)

// kinds is a set of Kinds, saying which pages may use a front-matter key.
type kinds uint8

const (
	forArticles kinds = 1 << Article
	forPages    kinds = 1 << Standalone
	forAuthors  kinds = 1 << Author
	forIndexes  kinds = 1 << Index
	forAll            = forArticles | forPages | forAuthors | forIndexes
)

type setter func(d *metaDecoder, v *value, m *Meta)

type metaField struct {
	kinds kinds
	set   setter
}

// metaFields maps each front-matter key (snake_case, design §3) to the
// Meta field it sets.
var metaFields = map[string]metaField{
	"title":       {forAll, func(d *metaDecoder, v *value, m *Meta) { m.Title = d.str(v, "title") }},
	"description": {forAll, func(d *metaDecoder, v *value, m *Meta) { m.Description = d.str(v, "description") }},
	"date":        {forArticles | forPages, func(d *metaDecoder, v *value, m *Meta) { m.Date = d.date(v) }},
	"updated":     {forArticles | forPages, func(d *metaDecoder, v *value, m *Meta) { m.Updated = d.date(v) }},
	"expires":     {forArticles, func(d *metaDecoder, v *value, m *Meta) { m.Expires = d.date(v) }},
	"author":      {forArticles, func(d *metaDecoder, v *value, m *Meta) { m.Author = d.str(v, "author") }},
	"authors":     {forArticles, func(d *metaDecoder, v *value, m *Meta) { m.Authors = d.strs(v, "authors") }},
	"reviewed_by": {forArticles, func(d *metaDecoder, v *value, m *Meta) { m.ReviewedBy = d.str(v, "reviewed_by") }},
	"category":    {forArticles, func(d *metaDecoder, v *value, m *Meta) { m.Category = d.str(v, "category") }},
	"tags":        {forArticles, func(d *metaDecoder, v *value, m *Meta) { m.Tags = d.strs(v, "tags") }},
	"series":      {forArticles, func(d *metaDecoder, v *value, m *Meta) { m.Series = d.str(v, "series") }},
	"draft":       {forArticles | forPages, func(d *metaDecoder, v *value, m *Meta) { m.Draft = d.bool(v, "draft") }},
	"featured":    {forArticles, func(d *metaDecoder, v *value, m *Meta) { m.Featured = d.bool(v, "featured") }},
	"slug":        {forArticles | forPages, func(d *metaDecoder, v *value, m *Meta) { m.Slug = d.str(v, "slug") }},
	"aliases":     {forArticles | forPages | forIndexes, func(d *metaDecoder, v *value, m *Meta) { m.Aliases = d.strs(v, "aliases") }},
	"image":       {forArticles | forPages | forIndexes, func(d *metaDecoder, v *value, m *Meta) { m.Image = d.url(v, "image") }},
	"image_alt":   {forArticles | forPages | forIndexes, func(d *metaDecoder, v *value, m *Meta) { m.ImageAlt = d.str(v, "image_alt") }},
	"toc": {forArticles | forPages, func(d *metaDecoder, v *value, m *Meta) {
		b := d.bool(v, "toc")
		m.TOC = &b
	}},
	"sources":    {forArticles, func(d *metaDecoder, v *value, m *Meta) { m.Sources = d.sources(v) }},
	"career":     {forArticles, func(d *metaDecoder, v *value, m *Meta) { m.Career = d.career(v) }},
	"faq":        {forArticles, func(d *metaDecoder, v *value, m *Meta) { m.FAQ = d.faq(v) }},
	"comments":   {forArticles, func(d *metaDecoder, v *value, m *Meta) { m.Comments = d.comments(v) }},
	"changes":    {forArticles, func(d *metaDecoder, v *value, m *Meta) { m.Changes = d.changes(v) }},
	"link_title": {forIndexes, func(d *metaDecoder, v *value, m *Meta) { m.LinkTitle = d.str(v, "link_title") }},
	"weight":     {forIndexes, func(d *metaDecoder, v *value, m *Meta) { m.Weight = d.int(v, "weight") }},
	"name":       {forAuthors, func(d *metaDecoder, v *value, m *Meta) { m.Name = d.str(v, "name") }},
	"role":       {forAuthors, func(d *metaDecoder, v *value, m *Meta) { m.Role = d.str(v, "role") }},
	"bio":        {forAuthors, func(d *metaDecoder, v *value, m *Meta) { m.Bio = d.str(v, "bio") }},
	"avatar":     {forAuthors, func(d *metaDecoder, v *value, m *Meta) { m.Avatar = d.rootedURL(v, "avatar") }},
	"links":      {forAuthors, func(d *metaDecoder, v *value, m *Meta) { m.Links = d.urls(v, "links") }},
}

// knownKeys lists the keys a kind of page may use, sorted.
func knownKeys(k Kind) []string {
	var out []string
	for key, f := range metaFields {
		if f.kinds&(1<<k) != 0 {
			out = append(out, key)
		}
	}
	slices.Sort(out)
	return out
}

// metaDecoder decodes a front-matter value into a Meta, reporting every
// problem (not just the first) at its position.
type metaDecoder struct {
	file string
	loc  *time.Location
	list *diag.List
	// failed is set by any error, so the page is left out.
	failed bool
}

func (d *metaDecoder) at(line, col int) diag.Pos {
	return diag.Pos{Path: d.file, Line: line, Col: col}
}

func (d *metaDecoder) errorf(v *value, format string, args ...any) {
	d.failed = true
	d.list.Errorf(d.at(v.line, v.col), format, args...)
}

func (d *metaDecoder) expected(v *value, key, what string) {
	d.errorf(v, "%s: expected %s, found %s", key, what, v.describe())
}

// decode fills p.Meta and p.Pos from the front matter's root value.
func (d *metaDecoder) decode(root *value, p *Page) {
	if root == nil {
		return
	}
	if root.kind != mapValue {
		d.expected(root, "front matter", "a mapping of keys to values")
		return
	}
	for _, e := range root.entries {
		f, ok := metaFields[e.key]
		if !ok || f.kinds&(1<<p.Kind) == 0 {
			msg := unknownKey(e.key, knownKeys(p.Kind), ok, p.Kind)
			if advice := hugoAdvice(e, p.Kind); advice != "" {
				msg = fmt.Sprintf("unknown key %q: %s", e.key, advice)
				if ok {
					msg = fmt.Sprintf("key %q is not used by %s: %s", e.key, kindNames[p.Kind], advice)
				}
			}
			d.list.Warnf(d.at(e.line, e.col), "%s", msg)
			continue
		}
		if e.val.kind == scalarValue && e.val.scalar == nil {
			continue // "key:" with no value is the same as no key
		}
		p.Pos[e.key] = d.at(e.line, e.col)
		f.set(d, e.val, &p.Meta)
		if e.key == "aliases" || e.key == "links" || e.key == "tags" {
			itemPositions(d, e.key, e.val, p.Pos)
		}
		if e.key == "changes" && e.val.kind == listValue {
			// Each change's date, where a date out of order is reported.
			for i, item := range e.val.list {
				p.Pos[changeKey(i)] = d.at(item.line, item.col)
				for _, f := range item.entries {
					if f.key == "date" {
						p.Pos[changeKey(i)] = d.at(f.val.line, f.val.col)
					}
				}
			}
		}
		if e.key == "sources" && e.val.kind == listValue {
			// Each source's url, which byline check reports about.
			for i, item := range e.val.list {
				for _, f := range item.entries {
					if f.key == "url" {
						p.Pos[SourceURLKey(i)] = d.at(f.val.line, f.val.col)
					}
				}
			}
		}
	}
}

// AliasKey is the key of Page.Pos that holds the position of the i-th
// alias, when the aliases are a list.
func AliasKey(i int) string { return itemKey("aliases", i) }

// LinkKey is the key of Page.Pos that holds the position of an author's
// i-th link, when the links are a list.
func LinkKey(i int) string { return itemKey("links", i) }

// TagKey is the key of Page.Pos that holds the position of the i-th tag.
func TagKey(i int) string { return itemKey("tags", i) }

// itemPositions records the position of each string of a list, for the
// errors about one of them, numbered as strs numbers the strings it keeps;
// a single string is the list's first.
func itemPositions(d *metaDecoder, key string, v *value, pos map[string]diag.Pos) {
	if v.kind == scalarValue {
		pos[itemKey(key, 0)] = d.at(v.line, v.col)
		return
	}
	i := 0
	for _, item := range v.list {
		if item.kind == scalarValue && item.scalar != nil {
			pos[itemKey(key, i)] = d.at(item.line, item.col)
			i++
		}
	}
}

// SourceURLKey is the key of Page.Pos that holds the position of the url
// of the i-th source.
func SourceURLKey(i int) string { return itemKey("sources", i) + ".url" }

// changeKey is the key of the position of the date of change i, in the
// order the front matter lists them.
func changeKey(i int) string { return itemKey("changes", i) + ".date" }

func itemKey(key string, i int) string { return key + "[" + strconv.Itoa(i) + "]" }

// kindNames name the pages of each Kind in messages.
var kindNames = [...]string{Article: "articles", Standalone: "pages", Author: "authors", Index: "a list page's _index.md"}

func unknownKey(key string, known []string, otherKind bool, k Kind) string {
	if otherKind {
		return fmt.Sprintf("key %q is not used by %s, and changes nothing here: remove it", key, kindNames[k])
	}
	return yamlpos.Unknown(key, known)
}

func (d *metaDecoder) str(v *value, key string) string {
	switch s := v.scalar.(type) {
	case string:
		if v.kind != scalarValue {
			break
		}
		if i := strings.IndexFunc(s, isControl); i >= 0 {
			r, _ := utf8.DecodeRuneInString(s[i:])
			d.errorf(v, "%s: the control character %U, which pages cannot show, is at byte %d: remove it", key, r, i)
		}
		return s
	case int64:
		return strconv.FormatInt(s, 10)
	case float64:
		return strconv.FormatFloat(s, 'f', -1, 64)
	}
	d.expected(v, key, "a string")
	return ""
}

// isControl reports the C0 and C1 control characters but tab, line feed and
// carriage return: HTML calls them parse errors, XML 1.0 refuses most, and
// none is typed on purpose into a title.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r < 0xa0
}

// url reads a string that is a URL: a site path, a path relative to the
// page, or an http(s) or mailto address. Any other scheme ("javascript:")
// is an error: templates would neutralise it in HTML, but structured data
// and feeds would carry it as it is.
func (d *metaDecoder) url(v *value, key string) string {
	s := d.str(v, key)
	if err := config.CheckURL(s); err != nil {
		d.errorf(v, "%s: %v", key, err)
		return ""
	}
	return s
}

// rootedURL reads a URL (see url) that is shown on pages other than the
// one that declares it, where a relative path would lead somewhere else on
// each: it must be a site path or an absolute address.
func (d *metaDecoder) rootedURL(v *value, key string) string {
	s := d.url(v, key)
	if !relativePath(s) {
		return s
	}
	d.errorf(v, "%s %q is a relative path, which would lead elsewhere on every page that shows it: give a site path such as %q for a file in static/, or an https:// address", key, s, path.Clean("/"+s))
	return ""
}

// relativePath reports whether the URL s is a path relative to the page
// that holds it: no scheme, no host, not site-rooted, not a bare fragment
// or query.
func relativePath(s string) bool {
	if s == "" || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "#") || strings.HasPrefix(s, "?") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "" && u.Host == "" && u.Opaque == ""
}

// strs reads a list of strings; a single string is a list of one.
func (d *metaDecoder) strs(v *value, key string) []string { return d.strings(v, key, d.str) }

// urls reads a list of URLs (see url); a single string is a list of one.
func (d *metaDecoder) urls(v *value, key string) []string { return d.strings(v, key, d.url) }

// strings reads a list of strings with read; a single string is a list of one.
func (d *metaDecoder) strings(v *value, key string, read func(*value, string) string) []string {
	if v.kind == scalarValue {
		s := read(v, key)
		if s == "" {
			return nil
		}
		if key == "tags" && strings.Contains(s, ",") {
			items := strings.Split(s, ",")
			for i := range items {
				items[i] = strings.TrimSpace(items[i])
			}
			d.list.Warnf(d.at(v.line, v.col), "tags: %q is one tag; for several, write a list: [%s]", s, strings.Join(items, ", "))
		}
		return []string{s}
	}
	if v.kind != listValue {
		d.expected(v, key, "a list of strings")
		return nil
	}
	out := make([]string, 0, len(v.list))
	for _, item := range v.list {
		if item.kind != scalarValue || item.scalar == nil {
			d.expected(item, key, "a list of strings")
			continue
		}
		out = append(out, read(item, key))
	}
	return out
}

func (d *metaDecoder) bool(v *value, key string) bool {
	b, ok := v.scalar.(bool)
	if !ok || v.kind != scalarValue {
		d.expected(v, key, "true or false")
	}
	return b
}

func (d *metaDecoder) int(v *value, key string) int {
	if n, ok := v.scalar.(int64); ok && v.kind == scalarValue && n >= math.MinInt32 && n <= math.MaxInt32 {
		return int(n)
	}
	if f, ok := v.scalar.(float64); ok && v.kind == scalarValue && f == math.Trunc(f) && math.Abs(f) <= math.MaxInt32 {
		return int(f) // JSON's numbers
	}
	d.expected(v, key, "a whole number")
	return 0
}

func (d *metaDecoder) number(v *value, key string) float64 {
	switch n := v.scalar.(type) {
	case int64:
		return float64(n)
	case float64:
		return n
	}
	d.expected(v, key, "a number")
	return 0
}

func (d *metaDecoder) date(v *value) time.Time {
	if v.kind != scalarValue {
		d.errorf(v, "expected a date, found %s; %s", v.describe(), dateHint)
		return time.Time{}
	}
	t, err := dateValue(v, d.loc)
	if err != nil {
		d.errorf(v, "%v", err)
	}
	return t
}
