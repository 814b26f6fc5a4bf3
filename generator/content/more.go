package content

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// moreMark is the summary divider of Hugo and Jekyll: a body's summary is
// the text before it.
var moreMark = []byte("<!--more-->")

// summaryBefore returns the plain text of the body src before its summary
// divider, <!--more--> on a line of its own or within a paragraph, as a
// summary (at most summaryLen bytes), and whether the body has one. Only
// paragraphs count, as for the summary without one; the divider inside
// code is code, and one inside a list or a quote divides nothing. Within
// a paragraph it ends the summary wherever it is, inside emphasis or a
// link too, as in Hugo, which splits the raw text there: being plain
// text, the summary has no element left open.
func summaryBefore(doc ast.Node, src []byte) (string, bool) {
	if !bytes.Contains(src, moreMark) {
		return "", false // the common case: no walk
	}
	var parts []string
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.HTMLBlock:
			if isMore(n.Lines().Value(src)) {
				return truncateFields(strings.Join(parts, " "), summaryLen), true
			}
		case *ast.Paragraph:
			before, found := textBeforeMore(n, src)
			if before != "" {
				parts = append(parts, before)
			}
			if found {
				return truncateFields(strings.Join(parts, " "), summaryLen), true
			}
		}
	}
	return "", false
}

// isMore reports whether raw HTML b is the divider alone.
func isMore(b []byte) bool { return bytes.Equal(bytes.TrimSpace(b), moreMark) }

// textBeforeMore returns the plain text of paragraph p up to a divider in
// it, and whether it has one.
func textBeforeMore(p *ast.Paragraph, src []byte) (string, bool) {
	var j spaceJoiner
	if writeBeforeMore(&j, p, src) {
		return strings.TrimSpace(j.b.String()), true
	}
	return j.b.String(), false
}

// writeBeforeMore writes the plain text of the inlines of n, as writeText
// does, up to a divider among them or inside one of them (emphasis, a
// link, strikethrough), and reports whether it met one. An image's text,
// which the summary leaves out, divides nothing.
func writeBeforeMore(b textSink, n ast.Node, src []byte) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.RawHTML:
			if isMore(c.Segments.Value(src)) {
				return true
			}
		case *ast.Image:
		default:
			if c.Type() == ast.TypeInline && c.HasChildren() {
				if writeBeforeMore(b, c, src) {
					return true
				}
				continue
			}
			writeChild(b, n, c, src)
		}
	}
	return false
}
