package content

import (
	"bytes"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// GFM's extended autolinks ("www.example.com", "https://…", "jo@example.com"
// in plain text) come from goldmark's linkify parser, which is tried after
// every space of every paragraph, and after each "*", "_", "~" and "(":
// 8% of a 10k-article build's CPU (BenchmarkBuild10k without it: 10.4 →
// 9.5 CPU-s), although most bodies have no such link.
// So Markdown parses a body first with a parser that lacks linkify, and
// parses it again with linkify only when the first parse has text in
// which a link could start: see linkGate. The output is the same either way
// (FuzzLinkGate compares them).

var (
	// linkStartsKey holds the body's linkStarts in the parser context.
	linkStartsKey = parser.NewContextKey()
	// linkGateKey is set in the parser context when the body needs linkify.
	linkGateKey = parser.NewContextKey()
)

// linkGate is the first AST transformer of the parser without linkify. It
// marks the parse as one to do again with linkify when a place where
// linkify could start a link lies in a text node outside code spans.
//
// Linkify starts a link only in text that no other inline parser took,
// at "http:", "https:", "ftp:" or "www.", or at a run of characters
// followed by "@". Such a start (the "@" of an address) is text in the
// parse without linkify as well: no inline parser begins at a letter or at
// "@", and none ends at one, but a code span can begin inside an address's
// run (see hasLinkStart). And a parse in which linkify finds nothing gives
// the same document but for where its text nodes are split, which changes
// nothing in the output once the spaces before hard line breaks are
// trimmed across them (trimBeforeBreak).
type linkGate struct{}

func (linkGate) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	starts, _ := pc.Get(linkStartsKey).([]int)
	if len(starts) == 0 {
		return
	}
	src := reader.Source()
	code := false // inside a code span
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Link, *ast.Image:
			return ast.WalkSkipChildren, nil // linkify takes nothing in a label
		case *ast.CodeSpan:
			code = entering
		case *ast.Text:
			if entering && hasLinkStart(starts, n.Segment, src, code) {
				pc.Set(linkGateKey, true)
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
}

// hasLinkStart reports whether one of starts lies in seg. In a code span
// only an "@" counts, and only one whose local part reaches back past a
// backtick: a URL cannot start in a code span, but linkify takes
// "a`b@example.com`" for an address before the code span parser sees its
// backtick, one of the characters goldmark allows in the local part.
func hasLinkStart(starts []int, seg text.Segment, src []byte, code bool) bool {
	i, _ := slices.BinarySearch(starts, seg.Start)
	for ; i < len(starts) && starts[i] < seg.Stop; i++ {
		at := starts[i]
		if !code {
			return true
		}
		if src[at] != '@' {
			continue
		}
		k := at
		for k > 0 && emailLocal(src[k-1]) {
			k--
		}
		// A backtick after the first place of the run: the first may
		// open this code span, but one after it (or a run of them that
		// opened none, "``0`@0.0`") is linkify's.
		if bytes.LastIndexByte(src[k:at], '`') > 0 {
			return true
		}
	}
	return false
}

// linkStarts returns, in order, the offsets in src of each "http:",
// "https:", "ftp:" and "www.", and of each "@" that could be an address's:
// one between a character of its local part and a letter or digit. It
// looks for the rarer ":", "." and "@", not for the letters: "h" and "w"
// are everywhere in English.
func linkStarts(src []byte) []int {
	var starts []int
	for _, c := range [...]byte{':', '.', '@'} {
		for i := 0; ; i++ {
			j := bytes.IndexByte(src[i:], c)
			if j < 0 {
				break
			}
			i += j
			before := src[:i]
			switch {
			case c == ':' && bytes.HasSuffix(before, []byte("https")):
				starts = append(starts, i-5)
			case c == ':' && bytes.HasSuffix(before, []byte("http")):
				starts = append(starts, i-4)
			case c == ':' && bytes.HasSuffix(before, []byte("ftp")):
				starts = append(starts, i-3)
			case c == '.' && bytes.HasSuffix(before, []byte("www")):
				starts = append(starts, i-3)
			case c == '@' && i > 0 && emailLocal(src[i-1]) && i+1 < len(src) && asciiAlnum(src[i+1]):
				starts = append(starts, i)
			}
		}
	}
	slices.Sort(starts)
	return starts
}

// emailLocal reports whether goldmark's linkify takes c in the local part
// of an address.
func emailLocal(c byte) bool {
	return asciiAlnum(c) || strings.IndexByte("!#$%&'*+-./=?^_`{|}~", c) >= 0
}

func asciiAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// likelyLinks reports whether one of starts, the body's linkStarts, looks
// from its line like a start of a link in text: the "@" of an address or
// a URL that follows a space, "*", "_", "~" or a "(" that does not end
// "](", outside fenced and indented code, code spans and link reference
// definitions. A body with one is parsed with linkify at once, rather than
// first without it only to find it is needed. A wrong guess costs time,
// never a different page. It reads each line once, however many starts
// the line has.
func likelyLinks(src []byte, starts []int) bool {
	var fence byte // '`' or '~' inside a fenced code block
	k := 0
	for at := 0; at < len(src) && k < len(starts); {
		end := bytes.IndexByte(src[at:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += at
		}
		line := src[at:end]
		text := bytes.TrimLeft(line, " ")
		indented := len(line)-len(text) >= 4 || len(text) > 0 && text[0] == '\t'
		mark := byte(0)
		if !indented && (bytes.HasPrefix(text, []byte("```")) || bytes.HasPrefix(text, []byte("~~~"))) {
			mark = text[0]
		}
		l := lineScan{src: src, at: at, scanned: at, def: -1}
		if len(text) > 0 && text[0] == '[' {
			if i := bytes.Index(text, []byte("]:")); i >= 0 {
				l.def = end - len(text) + i // a link reference definition from here
			}
		}
		for ; k < len(starts) && starts[k] < end; k++ {
			if fence == 0 && mark == 0 && !indented && l.inText(starts[k]) {
				return true
			}
		}
		switch {
		case mark != 0 && fence == 0:
			fence = mark
		case mark != 0 && mark == fence:
			fence = 0
		}
		at = end + 1
	}
	return false
}

// lineScan reads one line for likelyLinks, its starts in order.
type lineScan struct {
	src        []byte
	at         int  // where the line starts
	def        int  // where a link reference definition's "]:" is; -1
	scanned    int  // where counting backticks got to
	inCodeSpan bool // an odd number of backticks before scanned
}

// inText reports whether the link start at p looks like one in text: see
// likelyLinks.
func (l *lineScan) inText(p int) bool {
	src, s := l.src, p
	if src[p] == '@' {
		for s > l.at && (asciiAlnum(src[s-1]) || strings.IndexByte(".-_+", src[s-1]) >= 0) {
			s--
		}
	}
	if s > l.scanned {
		l.inCodeSpan = l.inCodeSpan != (bytes.Count(src[l.scanned:s], []byte("`"))%2 == 1)
		l.scanned = s
	}
	switch {
	case l.def >= 0 && s > l.def, l.inCodeSpan:
		return false
	case s == l.at:
		return true
	}
	switch src[s-1] {
	case ' ', '\t', '*', '_', '~':
		return true
	case '(':
		return s-2 < l.at || src[s-2] != ']'
	}
	return false
}

// needsLinkify reports whether a parse with pc found a place for linkify.
func needsLinkify(pc parser.Context) bool {
	v, _ := pc.Get(linkGateKey).(bool)
	return v
}
