package content

import (
	"bytes"
	stdhtml "html"
	"html/template"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/byline/byline/generator/diag"
)

// Links between Markdown files. A link whose destination is the path of a
// .md file ("sre.md", "../pages/about.md#team", "/authors/maya.md"), not a
// URL, points at another page of the site: the path is relative to the
// linking file's folder, or to the site folder when it starts with "/", as
// GitHub reads it. Its URL is known only once the site is assembled (it
// depends on the target's front matter and the permalinks), so the body is
// rendered with marks in place of the link's tags, "\x00N\x00" before the
// page's Nth link and "\x00/\x00" after it, and Fill writes the tags.
// No Markdown can produce a mark itself: Markdown.Render turns every NUL
// of a body into U+FFFD, as CommonMark says to, before goldmark reads it.

// Link is a link in a page's body to another Markdown file of the site.
type Link struct {
	Target   string   // the file linked to, in the site file system: "articles/sre.md"; "" when the path leaves the site folder
	Fragment string   // the part after "#", unescaped; "" when none
	Written  string   // the destination as written in the Markdown
	Title    string   // the link's title, as goldmark read it
	Pos      diag.Pos // where the link starts in the file
}

// linkRef is a source link as the Markdown renderer found it, at a body
// position.
type linkRef struct {
	Dest, Title string
	Line, Col   int
}

// sourceLink replaces an ast.Link to a .md file.
type sourceLink struct {
	ast.BaseInline
	index int
	dest  []byte // as written
	title []byte
}

var kindSourceLink = ast.NewNodeKind("SourceLink")

func (n *sourceLink) Kind() ast.NodeKind { return kindSourceLink }

func (n *sourceLink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Destination": string(n.dest)}, nil)
}

// isSourceLink reports whether a link destination is the path of a .md
// file: no scheme, not protocol-relative, no query, ending in ".md" before
// any fragment.
func isSourceLink(dest []byte) bool {
	if len(dest) == 0 || dest[0] == '#' || bytes.HasPrefix(dest, []byte("//")) {
		return false
	}
	p := dest
	if i := bytes.IndexByte(p, '#'); i >= 0 {
		p = p[:i]
	}
	if bytes.IndexByte(p, '?') >= 0 || !bytes.HasSuffix(p, []byte(".md")) {
		return false
	}
	if i := bytes.IndexByte(p, ':'); i >= 0 && bytes.IndexByte(p[:i], '/') < 0 {
		return false // a scheme, such as "mailto:" or "x:y.md"
	}
	return true
}

// toSourceLink puts a sourceLink with the given index in place of link.
func toSourceLink(link *ast.Link, index int) {
	parent := link.Parent()
	if parent == nil {
		return
	}
	n := &sourceLink{index: index, dest: link.Destination, title: link.Title}
	for c := link.FirstChild(); c != nil; {
		next := c.NextSibling()
		n.AppendChild(n, c)
		c = next
	}
	parent.ReplaceChild(parent, link, n)
}

// The marks a link to a Markdown file renders as, in place of its start and
// end tags, until Fill writes them.
func startMark(index int) string { return "\x00" + strconv.Itoa(index) + "\x00" }

const endMark = "\x00/\x00"

type sourceLinkRenderer struct{}

func (sourceLinkRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(kindSourceLink, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(startMark(node.(*sourceLink).index))
		} else {
			_, _ = w.WriteString(endMark)
		}
		return ast.WalkContinue, nil
	})
}

// resolveLink turns a destination written in the file at from (a site
// path) into the file it names and its fragment; target is "" when the
// path leaves the site folder.
func resolveLink(from, dest string) (target, fragment string) {
	p, frag, _ := strings.Cut(dest, "#")
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	if u, err := url.PathUnescape(frag); err == nil {
		frag = u
	}
	if strings.HasPrefix(p, "/") {
		p = path.Clean(p[1:])
	} else {
		p = path.Join(path.Dir(from), p)
	}
	if p == ".." || strings.HasPrefix(p, "../") || p == "." {
		return "", frag
	}
	return p, frag
}

// Fill returns a copy of p whose marks are replaced: link p.Links[i] goes
// to hrefs[i] (a site path such as "/articles/sre/#x"), or, when hrefs[i]
// is "", nowhere: its text stays, unlinked; image p.Images[i] gets
// sizes[i] as its width and height, or none when it is zero. p itself is
// not changed: it may be shared with other builds.
func (p *Page) Fill(hrefs []string, sizes []Size) *Page {
	html := string(p.Body())
	var b strings.Builder
	b.Grow(len(html) + 32*len(hrefs) + 24*len(sizes))
	open := false // whether the link being written has its tags
	for {
		before, mark, rest, ok := nextMark(html)
		if !ok {
			break
		}
		b.WriteString(before)
		html = rest
		switch {
		case mark == "/":
			if open {
				b.WriteString("</a>")
			}
		case strings.HasPrefix(mark, "i"):
			n, err := strconv.Atoi(mark[1:])
			if err == nil && n >= 0 && n < len(sizes) && sizes[n].W > 0 && sizes[n].H > 0 {
				b.WriteString(` width="` + strconv.Itoa(sizes[n].W) + `" height="` + strconv.Itoa(sizes[n].H) + `"`)
			}
		default:
			n, err := strconv.Atoi(mark)
			open = err == nil && n >= 0 && n < len(hrefs) && hrefs[n] != ""
			if open {
				p.writeStartTag(&b, n, hrefs[n])
			}
		}
	}
	b.WriteString(html)
	cp := *p
	cp.SetBody(template.HTML(b.String()))
	cp.Refs.Links = linkedRefs(p, hrefs)
	return &cp
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
		b.Write(util.EscapeHTML([]byte(stdhtml.UnescapeString(t))))
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
