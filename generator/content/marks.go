package content

import (
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/util"
)

// Marks. A body is rendered before the site knows the URLs of the pages
// it links to by their files (see Link) and the sizes of its images (see
// Page.Images), so those render as marks that Fill replaces once it does:
// "\x00N\x00" and "\x00/\x00" around the page's Nth such link, in place
// of its tags, and "\x00iN\x00" where the Nth image's width and height go.
// Fill keeps the marks of shortcode calls, "\x00sN\x00" and a paired
// call's "\x00/sN\x00", for WithShortcodes.
// No Markdown can write a mark: Markdown.Render turns every NUL of a body
// into U+FFFD, as CommonMark says to, before goldmark reads it.

// The marks a link to a Markdown file renders as, in place of its start and
// end tags, until Fill writes them.
func startMark(index int) string { return "\x00" + strconv.Itoa(index) + "\x00" }

const endMark = "\x00/\x00"

// sizeMark is the mark where the width and height of the page's
// index-th image at a site path go.
func sizeMark(index int) string { return "\x00i" + strconv.Itoa(index) + "\x00" }

// Fill returns a copy of p whose marks are replaced: link p.Links[i] goes
// to hrefs[i] (a site path such as "/articles/sre/#x"), or, when hrefs[i]
// is "", nowhere: its text stays, unlinked; image p.Images[i] gets
// images[i]: its size as its width and height, none when it is zero, and
// its srcset. p itself is not changed: it may be shared with other builds.
func (p *Page) Fill(hrefs []string, images []Image) *Page {
	open := false // whether the link being written has its tags
	html := replaceMarks(string(p.Body()), 32*len(hrefs)+24*len(images), func(b *strings.Builder, mark string) *strings.Builder {
		switch {
		case mark == "/":
			if open {
				b.WriteString("</a>")
			}
		case strings.HasPrefix(mark, "s"), strings.HasPrefix(mark, "/s"):
			b.WriteString("\x00" + mark + "\x00") // a shortcode's: see WithShortcodes
		case strings.HasPrefix(mark, "i"):
			n, err := strconv.Atoi(mark[1:])
			if err != nil || n < 0 || n >= len(images) {
				break
			}
			if im := images[n]; im.W > 0 && im.H > 0 {
				b.WriteString(` width="` + strconv.Itoa(im.W) + `" height="` + strconv.Itoa(im.H) + `"`)
			}
			b.WriteString(images[n].Srcset)
		default:
			n, err := strconv.Atoi(mark)
			open = err == nil && n >= 0 && n < len(hrefs) && hrefs[n] != ""
			if open {
				p.writeStartTag(b, n, hrefs[n])
			}
		}
		return b
	})
	cp := *p
	cp.SetBody(template.HTML(html))
	cp.Refs.Links = linkedRefs(p, hrefs)
	return &cp
}

// replaceMarks returns html with each of its marks replaced by what write
// writes for it into the builder it is given; extra is a guess of how much
// longer that makes it. write returns the builder for the text after the
// mark: the one it was given, unless it keeps that text apart for a while,
// as WithShortcodes does a paired call's inner content.
func replaceMarks(html string, extra int, write func(b *strings.Builder, mark string) *strings.Builder) string {
	var out strings.Builder
	out.Grow(len(html) + extra)
	b := &out
	for {
		before, mark, rest, ok := nextMark(html)
		if !ok {
			break
		}
		b.WriteString(before)
		html = rest
		b = write(b, mark)
	}
	b.WriteString(html)
	return out.String()
}

// nextMark splits html at its first mark: the text before it, the mark
// without its NUL bytes ("3", "/", "i0"), and the text after it. ok is
// false when html has no (whole) mark.
func nextMark(html string) (before, mark, rest string, ok bool) {
	i := strings.IndexByte(html, 0)
	if i < 0 {
		return html, "", "", false
	}
	j := strings.IndexByte(html[i+1:], 0)
	if j < 0 {
		return html, "", "", false
	}
	return html[:i], html[i+1 : i+1+j], html[i+1+j+1:], true
}

// writeStartTag writes the <a> tag of p.Links[n], going to href.
func (p *Page) writeStartTag(b *strings.Builder, n int, href string) {
	b.WriteString(`<a href="`)
	b.Write(util.EscapeHTML(util.URLEscape([]byte(href), false)))
	b.WriteByte('"')
	if t := p.Links[n].Title; t != "" {
		b.WriteString(` title="`)
		b.Write(util.EscapeHTML([]byte(unescapeText([]byte(t)))))
		b.WriteByte('"')
	}
	b.WriteByte('>')
}

// linkedRefs is p.Refs.Links with the URL of each resolved link to a
// Markdown file replaced by its href, so that check follows it to the page.
func linkedRefs(p *Page, hrefs []string) []Ref {
	if len(p.Refs.Links) == 0 || len(hrefs) == 0 {
		return p.Refs.Links
	}
	type at struct{ line, col int }
	resolved := make(map[at]string, len(hrefs))
	for i, l := range p.Links {
		if hrefs[i] != "" {
			resolved[at{l.Pos.Line, l.Pos.Col}] = hrefs[i]
		}
	}
	refs := slices.Clone(p.Refs.Links)
	for i, r := range refs {
		if href, ok := resolved[at{r.Line, r.Col}]; ok {
			refs[i].URL = href
		}
	}
	return refs
}
