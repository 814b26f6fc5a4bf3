package content

import (
	"bytes"
	"fmt"
	"math"
)

// maxLabelWalk bounds the inline nodes goldmark may walk to learn whether
// link labels hold a link. At each "]" that closes a "[" (not a "!["),
// when the brackets still open lie within 999 bytes of one another, it
// walks every node after that "[" (the label, and whatever the paragraph
// has put after it) up to the first link. Brackets nested thousands deep
// ("[" repeated, "x", "]" repeated) make each of the last 999 "]" walk
// the whole paragraph: 160 KB took 0.7–1 s, 640 KB 6–7 s, and with
// emphasis marks between the brackets ("*[" … "]*") 2–3 s and 15–19 s.
// Real labels are walked once or twice. A step as labelWalker counts them
// (up to two per goldmark node) costs goldmark 4–20 ns, so 16M steps are
// 0.1–0.3 s.
const maxLabelWalk = 16 << 20

// maxLabelSpan is how far apart, from the first byte of the outermost to
// the last of the innermost, goldmark's open link brackets may be for it
// to still look for a link in a label (CommonMark's 999-character label).
const maxLabelSpan = 998

// costlyBrackets returns the 1-based line and column of the outermost
// bracket of a block of body (one of goldmark's, see inlineBlocks) on
// which goldmark would walk more than maxLabelWalk nodes looking for links
// in link labels, with how deep the block's brackets nest, or 0. It
// follows goldmark's link parser over the block's brackets in one pass.
func costlyBrackets(blocks *inlineBlocks) (line, col, depth int) {
	body := blocks.body
	if bytes.Count(body, []byte("["))*len(body) <= maxLabelWalk {
		return 0, 0, 0 // no label can be walked often enough: the common case
	}
	var w labelWalker
	blocks.each(func(n, col int, text []byte, first bool) bool {
		if first {
			w = labelWalker{}
		}
		w.line(n, col, text)
		return w.work <= maxLabelWalk
	})
	if w.work > maxLabelWalk {
		return w.costly.line, w.costly.col, w.deepest
	}
	return 0, 0, 0
}

// labelWalker estimates goldmark's walks over one block's link labels.
// It counts an inline node at each ASCII punctuation mark and each line,
// as many as goldmark makes or more.
type labelWalker struct {
	open    []bracket // the brackets goldmark keeps open, innermost last
	nodes   int       // inline nodes so far
	off     int       // the block offset of the line being read
	work    int       // nodes walked so far
	deepest int       // the most brackets open at once
	costly  bracket   // the outermost bracket open when work passed maxLabelWalk
}

// bracket is a "[" or "![" that goldmark keeps open to close a label.
type bracket struct {
	start, stop int // block offsets of its first byte and after its last
	nodes       int // inline nodes before it
	// link is the count of nodes before the first link after it, or
	// math.MaxInt: goldmark's walk from it stops at that link.
	link      int
	image     bool
	line, col int
}

// line adds one line of the block, text at offset col of body line n.
func (w *labelWalker) line(n, col int, text []byte) {
	w.nodes++ // each line ends a text node
	for i := 0; i < len(text) && w.work <= maxLabelWalk; i++ {
		c := text[i]
		switch {
		case c == '\\' && i+1 < len(text) && isASCIIPunct(text[i+1]):
			i++ // an escaped mark is text
			continue
		case c == '[' || c == '!' && i+1 < len(text) && text[i+1] == '[':
			image := c == '!'
			b := bracket{start: w.off + i, nodes: w.nodes, link: math.MaxInt, image: image, line: n, col: col + i + 1}
			if image {
				i++
			}
			b.stop = w.off + i + 1
			w.open = append(w.open, b)
			w.deepest = max(w.deepest, len(w.open))
		case c == ']':
			w.close(text, i)
		}
		if isASCIIPunct(c) {
			w.nodes++
		}
	}
	w.off += len(text) + 1
}

// close follows goldmark's link parser at the "]" text[i]: it takes the
// innermost bracket; unless the brackets left open span more than
// maxLabelSpan, or the bracket is an image's, it walks the nodes after it
// to the first link; then, unless it found one, a "(" and a destination
// make the label a link. Either way, a link after the bracket is after
// the bracket now innermost too.
func (w *labelWalker) close(text []byte, i int) {
	if len(w.open) == 0 {
		return
	}
	b := w.open[len(w.open)-1]
	w.open = w.open[:len(w.open)-1]
	outer := &b // where the first link after b is recorded: nowhere
	if len(w.open) > 0 {
		outer = &w.open[len(w.open)-1]
		outer.link = min(outer.link, b.link)
		if outer.stop-w.open[0].start > maxLabelSpan {
			return
		}
	}
	if b.image {
		return // an image may hold links; it is walked as part of outer labels
	}
	w.work += min(b.link, w.nodes) - b.nodes
	if w.work > maxLabelWalk && w.costly.line == 0 {
		w.costly = b
		if len(w.open) > 0 {
			w.costly = w.open[0]
		}
	}
	if b.link == math.MaxInt && linkDestination(text, i) {
		outer.link = min(outer.link, b.nodes) // a link, unless in a link
	}
}

// linkDestination reports whether the "]" text[i] is followed by a "("
// and a destination that goldmark reads as one up to its ")": only
// destinations with no space, parenthesis, "<", quote or backslash count,
// and others (rare) are taken for no link, which can only make a walk
// seem longer. Each scan stops at the next "(", so all cost one pass.
func linkDestination(text []byte, i int) bool {
	if i+1 >= len(text) || text[i+1] != '(' {
		return false
	}
	for _, c := range text[i+2:] {
		switch c {
		case ')':
			return true
		case ' ', '\t', '(', '<', '\\', '"', '\'':
			return false
		}
	}
	return false
}

// isASCIIPunct reports an ASCII punctuation mark, as CommonMark defines it.
func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// bracketProblem is the error for a block costlyBrackets found.
func bracketProblem(line, col, depth int) Problem {
	return Problem{Line: line, Col: col, Msg: fmt.Sprintf("this paragraph has link brackets \"[\" nested %d deep, for each \"]\" of which the Markdown parser would walk the rest of the paragraph: it would take minutes on it; escape the brackets that are no link (\\[ and \\]), or split the paragraph", depth)}
}
