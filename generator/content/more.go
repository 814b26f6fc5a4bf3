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
// code is code, and one inside a list or a quote divides nothing.
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
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		if raw, ok := c.(*ast.RawHTML); ok && isMore(raw.Segments.Value(src)) {
			return strings.TrimSpace(j.b.String()), true
		}
		writeChild(&j, p, c, src)
	}
	return j.b.String(), false
}
