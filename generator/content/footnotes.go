package content

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// maxFootnoteWork bounds the steps goldmark may spend matching a body's
// footnote references to its footnotes. At each reference "[^label]" it
// walks the list of footnote definitions, in the order they are written,
// to the first with that label (to the end, when none has it); then it
// sorts the footnotes referred to by their number, the order of their
// first reference, inserting each, in the order they are written, after
// those of smaller number already sorted. Footnotes referred to in the
// order they are written, as most are, cost the square of their number,
// half for each: 10,000 took 0.67 s, 20,000 2.9 s and 40,000 11.5 s;
// 40,000 references to the last of 40,000 footnotes 17 s. A step costs
// goldmark 6–10 ns, so 32M steps are 0.2–0.3 s; 5,000 footnotes referred
// to in order, more than any real page has, are 25M.
const maxFootnoteWork = 32 << 20

// maxFootnoteLabel is the longest label goldmark reads in a footnote
// reference, as in a link's.
const maxFootnoteLabel = 999

// costlyFootnotes returns the 1-based line and column of the first
// footnote reference of a body on which goldmark would spend more than
// maxFootnoteWork steps matching references and footnotes, with the
// numbers of footnotes and of references, or 0. It takes the footnotes
// from goldmark's own blocks, and counts each step in one pass over them
// and one over the references.
func costlyFootnotes(blocks *inlineBlocks) (line, col, defs, refs int) {
	if n := bytes.Count(blocks.body, []byte("[^")); n*n/2 <= maxFootnoteWork {
		return 0, 0, 0, 0 // too few to matter: the common case
	}
	m := footnoteMatcher{first: map[string]int{}}
	_ = ast.Walk(blocks.parse(), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := n.(*east.Footnote); ok && entering {
			m.defs++
			if _, dup := m.first[string(f.Ref)]; !dup {
				m.first[string(f.Ref)] = m.defs
			}
		}
		return ast.WalkContinue, nil
	})
	if m.defs == 0 {
		return 0, 0, 0, 0 // goldmark looks nothing up
	}
	m.numbers = make([]int, m.defs+1)
	blocks.each(func(n, col int, text []byte, _ bool) bool {
		m.line(n, col, text)
		return true // on to the end, to count the references
	})
	if m.work += sortWork(m.numbers); m.work > maxFootnoteWork {
		return m.at.line, m.at.col, m.defs, m.refs
	}
	return 0, 0, 0, 0
}

// footnoteMatcher follows goldmark's footnote references over a body.
type footnoteMatcher struct {
	defs  int            // footnote definitions
	first map[string]int // the place (1-based) of the first with each label
	// numbers are the footnotes' numbers, by place: goldmark numbers a
	// footnote at its first reference; 0 for none so far.
	numbers []int
	count   int // footnotes numbered so far
	refs    int
	work    int
	at      struct{ line, col int } // the first reference
}

// line adds the references on text, at offset col of body line n: each
// "[^" whose label closes on the line, as goldmark reads it.
func (m *footnoteMatcher) line(n, col int, text []byte) {
	for i := 0; i+1 < len(text); i++ {
		switch {
		case text[i] == '\\' && isASCIIPunct(text[i+1]):
			i++ // an escaped mark is text
			continue
		case text[i] != '[' || text[i+1] != '^':
			continue
		}
		end := footnoteLabelEnd(text[i+2 : min(len(text), i+2+maxFootnoteLabel)])
		if end < 0 {
			continue
		}
		m.refs++
		if m.refs == 1 {
			m.at.line, m.at.col = n, col+i+1
		}
		place, ok := m.first[string(text[i+2:i+2+end])]
		if !ok {
			m.work += m.defs // walks them all, finds none
			continue
		}
		m.work += place
		if m.numbers[place] == 0 {
			m.count++
			m.numbers[place] = m.count
		}
	}
}

// footnoteLabelEnd returns the offset in label of the "]" that closes a
// footnote reference's label, or -1: as goldmark's, the label ends at the
// first "]" not escaped, and a "[" before it makes it none.
func footnoteLabelEnd(label []byte) int {
	for i := 0; i < len(label); i++ {
		switch label[i] {
		case '\\':
			if i+1 < len(label) && isASCIIPunct(label[i+1]) {
				i++
			}
		case '[':
			return -1
		case ']':
			return i
		}
	}
	return -1
}

// sortWork is the steps of goldmark's sort of the footnotes referred to:
// it takes them in the order they are written (numbers, by place; 0 for a
// footnote no reference numbered), walking for each past those already
// sorted that have a smaller number. A Fenwick tree of the numbers seen
// counts them.
func sortWork(numbers []int) int {
	tree := make([]int, len(numbers))
	work := 0
	for _, n := range numbers {
		if n == 0 {
			continue
		}
		work++
		for i := n - 1; i > 0; i -= i & -i {
			work += tree[i]
		}
		for i := n; i < len(tree); i += i & -i {
			tree[i]++
		}
	}
	return work
}

// footnoteProblem is the error for a body costlyFootnotes found, at its
// first footnote reference.
func footnoteProblem(line, col, defs, refs int) Problem {
	return Problem{Line: line, Col: col, Msg: fmt.Sprintf("this page has %d footnote references and %d footnotes, which the Markdown parser would take minutes to match, looking each reference up in the footnotes one by one: keep a page to a few thousand footnotes (split it, or cite sources as links or under \"sources\")", refs, defs)}
}
