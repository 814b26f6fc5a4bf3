package content

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// problemsKey holds a *[]Problem in a parser.Context.
var problemsKey = parser.NewContextKey()

// transformer gives headings unique IDs and anchor links, and drops
// dangerous URLs. It keeps no state between documents.
type transformer struct{ unsafe bool }

func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var problems []Problem
	var headings []*ast.Heading
	var unsafeLinks []ast.Node
	var marked []ast.Node // links to .md files and images at site paths, in document order
	var quotes []*ast.Blockquote
	var paras []*ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, n)
		case *ast.Blockquote:
			quotes = append(quotes, n)
		case *ast.Paragraph:
			if _, ok := n.FirstChild().(*ast.Image); ok {
				paras = append(paras, n)
			}
		case *ast.Link:
			if dangerous(n.Destination) {
				unsafeLinks = append(unsafeLinks, n)
			} else if isSourceLink(n.Destination) {
				marked = append(marked, n)
			}
		case *ast.Image:
			if dangerous(n.Destination) {
				unsafeLinks = append(unsafeLinks, n)
			} else if isSitePath(n.Destination) || isRelativePath(n.Destination) {
				marked = append(marked, n)
			}
			_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if t, ok := n.(*ast.Text); ok && entering {
					trimBeforeBreak(t, src)
				}
				return ast.WalkContinue, nil
			})
			// What it holds is only its alt text: no link in it is one.
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			trimBeforeBreak(n, src)
		case *ast.AutoLink:
			if dangerous(n.URL(src)) {
				unsafeLinks = append(unsafeLinks, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unsafeLinks {
		unlink(n, src)
	}
	for _, q := range quotes {
		toCallout(q, src)
	}
	for _, p := range paras {
		toFigure(p)
	}
	// Number the marks once the tree has its final shape: digest lists
	// them walking it, and a callout's title drops what its line held.
	links, images := 0, 0
	for _, n := range marked {
		if !attached(n, doc) {
			continue
		}
		switch n := n.(type) {
		case *ast.Link:
			toSourceLink(n, links)
			links++
		case *ast.Image:
			n.SetAttribute(imageIndexAttr, images)
			images++
		}
	}
	ids := headingIDs{taken: map[string]int{}, next: map[string]int{}, lines: lineIndex{src: src}}
	for _, h := range headings {
		if id, ok := h.AttributeString("id"); ok {
			s := string(toBytes(id))
			line := ids.lineOf(h)
			if s == "" || strings.ContainsFunc(s, unicode.IsSpace) {
				// HTML allows neither, and "#" alone links to the top.
				msg := "empty heading id: write one, as in {#pay-by-level}, or leave it out for an id made from the heading's text"
				if s != "" {
					msg = fmt.Sprintf("heading id %q has a space, which no id may have: write %q instead", s, strings.Join(strings.Fields(s), "-"))
				}
				problems = append(problems, Problem{Line: line, Msg: msg})
				continue
			}
			if first, dup := ids.taken[s]; dup {
				problems = append(problems, Problem{Line: line, Msg: fmt.Sprintf("duplicate heading id %q", s), First: first,
					Advice: "give this heading another id, as in {#other-id}, so that links to #" + s + " lead to one place"})
			}
			ids.taken[s] = line
		}
	}
	// A heading with no letter or digit ("???", "🚀") is given "section",
	// "section-1"… after the others, so that it never takes the id of a
	// later heading's own text ("## Section"), which links written to
	// #section expect.
	var textless []*ast.Heading
	for _, h := range headings {
		if _, ok := h.AttributeString("id"); !ok && TermSlug(plainText(h, src)) == "" {
			textless = append(textless, h)
			continue
		}
		t.finishHeading(h, src, &ids)
	}
	for _, h := range textless {
		t.finishHeading(h, src, &ids)
	}
	if len(problems) > 0 {
		pc.Set(problemsKey, &problems)
	}
}

// headingIDs are the ids of a document's headings.
type headingIDs struct {
	taken map[string]int // id → body line of the heading that has it
	// next is, by base id, the suffix to try first: those below it are
	// taken, so a page of thousands of headings alike ("Notes") costs no
	// more than one of different ones.
	next  map[string]int
	lines lineIndex
}

// unique returns base, or base-N with the least N that makes it unused.
func (x *headingIDs) unique(base string) string {
	if !x.has(base) {
		return base
	}
	for i := max(x.next[base], 1); ; i++ {
		if s := base + "-" + strconv.Itoa(i); !x.has(s) {
			x.next[base] = i + 1
			return s
		}
	}
}

func (x *headingIDs) has(id string) bool {
	_, ok := x.taken[id]
	return ok
}

// lineOf is the body line on which n starts, 0 for a node without lines.
func (x *headingIDs) lineOf(n ast.Node) int {
	if n.Lines().Len() == 0 {
		return 0
	}
	line, _ := x.lines.at(n.Lines().At(0).Start)
	return line
}

func (t *transformer) finishHeading(h *ast.Heading, src []byte, ids *headingIDs) {
	id, ok := h.AttributeString("id")
	if !ok {
		base := TermSlug(plainText(h, src)) // "Go 入門" → "go-入門"
		if base == "" {
			base = "section"
		}
		s := ids.unique(base)
		ids.taken[s] = ids.lineOf(h)
		id = []byte(s)
	}
	if !t.unsafe {
		// Heading attributes ({#id .class}) may not smuggle in style or
		// event handlers when raw HTML is off.
		class, hasClass := h.AttributeString("class")
		h.RemoveAttributes()
		if hasClass {
			h.SetAttributeString("class", class)
		}
	}
	h.SetAttributeString("id", toBytes(id))
	h.AppendChild(h, &anchor{id: toBytes(id)})
}

// attached reports whether n is still in the document doc.
func attached(n ast.Node, doc ast.Node) bool {
	for ; n != nil; n = n.Parent() {
		if n == doc {
			return true
		}
	}
	return false
}

func toBytes(v any) []byte {
	switch v := v.(type) {
	case []byte:
		return v
	case string:
		return []byte(v)
	}
	return []byte(fmt.Sprint(v))
}

// dangerous reports URLs with a scheme that runs code or reads local files.
// Entities are decoded first: goldmark keeps "javascript&colon;" as written
// in Destination and decodes it only when rendering.
func dangerous(url []byte) bool {
	if !maybeDangerous(url) {
		return false
	}
	u := []byte(html.UnescapeString(string(url)))
	u = bytes.Map(func(r rune) rune {
		if r <= ' ' {
			return -1 // browsers ignore controls and blanks around a scheme
		}
		return r
	}, u)
	return ghtml.IsDangerousURL(u)
}

// maybeDangerous is a quick test that spares most URLs the decoding in
// dangerous. Each dangerous scheme starts with j, v, f or d in either case,
// and browsers skip blanks and controls first; a first visible byte that is
// none of these, nor the "&" of an entity that might decode to one, makes
// the URL safe. No non-ASCII letter lowercases to one of them.
func maybeDangerous(url []byte) bool {
	for _, c := range url {
		if c > ' ' {
			switch c | 0x20 { // ASCII lower case
			case 'j', 'v', 'f', 'd', '&':
				return true
			}
			return false
		}
	}
	return false
}

// unlink replaces a link by its text, an image by its alt text, and an
// autolink by its label.
func unlink(n ast.Node, src []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	if al, ok := n.(*ast.AutoLink); ok {
		parent.ReplaceChild(parent, n, ast.NewString(al.Label(src)))
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// anchor is the "#" link appended to each heading.
type anchor struct {
	ast.BaseInline
	id []byte
}

var kindAnchor = ast.NewNodeKind("HeadingAnchor")

func (a *anchor) Kind() ast.NodeKind { return kindAnchor }

func (a *anchor) Dump(src []byte, level int) {
	ast.DumpHelper(a, src, level, map[string]string{"ID": string(a.id)}, nil)
}

type anchorRenderer struct{}

func (anchorRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(kindAnchor, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			// Hidden from screen readers and the tab order: the heading
			// itself is the content, the "#" only a pointer for sighted users.
			_, _ = fmt.Fprintf(w, ` <a class="anchor" href="#%s" aria-hidden="true" tabindex="-1">#</a>`,
				util.EscapeHTML(n.(*anchor).id))
		}
		return ast.WalkContinue, nil
	})
}

// plainText is the text of n's inlines without markup: entities decoded,
// raw HTML, images, footnote marks and anchors left out.
func plainText(n ast.Node, src []byte) string {
	var j spaceJoiner
	writeText(&j, n, src)
	return j.b.String()
}

// textSink receives plain text: a strings.Builder, or a wordCounter.
type textSink interface {
	Write(p []byte) (int, error)
	WriteString(s string) (int, error)
	WriteByte(c byte) error
}

func writeText(b textSink, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writeChild(b, n, c, src)
	}
}

// writeChild writes the plain text of c, a child of n.
func writeChild(b textSink, n, c ast.Node, src []byte) {
	switch c := c.(type) {
	case *ast.Text:
		if v := c.Value(src); bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, '\\') < 0 {
			b.Write(v) // nothing to decode: skip the string copy
		} else if _, code := n.(*ast.CodeSpan); code {
			b.Write(v)
		} else {
			b.WriteString(unescapeText(v))
		}
		if c.SoftLineBreak() || c.HardLineBreak() {
			b.WriteByte(' ')
		}
	case *ast.String:
		if c.IsCode() {
			b.WriteString(html.UnescapeString(string(c.Value)))
		} else {
			b.Write(c.Value)
		}
	case *ast.AutoLink:
		b.Write(c.Label(src))
	case *ast.RawHTML, *ast.Image, *east.FootnoteLink, *anchor:
	default:
		if c.Type() == ast.TypeBlock {
			b.WriteByte(' ')
		}
		writeText(b, c, src)
	}
}

// unescapeText is Markdown text as a reader sees it: backslash escapes
// ("\\*") and entity references ("&amp;") resolved, exactly as goldmark
// resolves them when it renders the text (and link and image titles).
func unescapeText(v []byte) string {
	var buf bytes.Buffer
	w := bufio.NewWriterSize(&buf, len(v)+16)
	ghtml.DefaultWriter.Write(w, v)
	_ = w.Flush()
	return html.UnescapeString(buf.String())
}

// trimBeforeBreak drops the spaces and tabs at the end of a line, before
// a soft line break or a hard one made of spaces ("text   \n"), which
// CommonMark says are not content. goldmark drops them from the line's last
// text node only, and linkify, tried after every space, splits the line
// into text nodes, so that without this the output would depend on whether
// a body was parsed with linkify (see linkify.go).
func trimBeforeBreak(t *ast.Text, src []byte) {
	if !t.SoftLineBreak() && !t.HardLineBreak() || t.Segment.Stop < len(src) && src[t.Segment.Stop] == '\\' {
		return // no break, or a backslash's, before which spaces are text
	}
	for {
		t.Segment = t.Segment.TrimRightSpace(src)
		prev, ok := t.PreviousSibling().(*ast.Text)
		if t.Segment.Len() > 0 || !ok || prev.SoftLineBreak() || prev.HardLineBreak() || prev.Segment.Stop != t.Segment.Start {
			return
		}
		t = prev
	}
}
