package content

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
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
// from goldmark's own blocks, and the references from a parse by counter
// (a footnoteCounter's parser), so that "[^" in code, HTML, links and
// autolinks, as in a regular expression's "[^a-z]", counts no more than
// it costs goldmark; then it counts each step in one pass over the
// footnotes and one over the references.
//
// Render calls it last of the guards: the others have bounded what
// goldmark's inline parse of the body, which counter does, may cost but
// for the footnotes.
func costlyFootnotes(blocks *inlineBlocks, counter parser.Parser) (line, col, defs, refs int) {
	// Each reference and footnote has a "^": goldmark takes "!x^label]"
	// for a reference too, as it checks for no "[" after a "!".
	if n := bytes.Count(blocks.body, []byte("^")); n*n/2 <= maxFootnoteWork {
		return 0, 0, 0, 0 // too few to matter: the common case
	}
	m := newFootnoteMatcher(blocks.parse())
	if m.defs == 0 {
		return 0, 0, 0, 0 // goldmark looks nothing up
	}
	m.read(blocks.body, counter)
	if m.work += sortWork(m.numbers); m.work > maxFootnoteWork {
		line, col := blocks.position(m.at)
		return line, col, m.defs, m.refs
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
	found   int // references to a footnote
	work    int
	at      int // the body offset of the first reference
}

// newFootnoteMatcher returns a footnoteMatcher for the footnotes of doc,
// a body's blocks.
func newFootnoteMatcher(doc ast.Node) *footnoteMatcher {
	m := &footnoteMatcher{first: map[string]int{}}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := n.(*east.Footnote); ok && entering {
			m.defs++
			if _, dup := m.first[string(f.Ref)]; !dup {
				m.first[string(f.Ref)] = m.defs
			}
		}
		return ast.WalkContinue, nil
	})
	m.numbers = make([]int, m.defs+1)
	return m
}

// read counts the footnote references of body, parsing it with counter.
func (m *footnoteMatcher) read(body []byte, counter parser.Parser) {
	pc := parser.NewContext()
	pc.Set(footnoteMatcherKey, m)
	counter.Parse(text.NewReader(body), parser.WithContext(pc))
}

// ref counts the reference with label at body offset at, as goldmark
// looks it up, and reports whether a footnote has that label.
func (m *footnoteMatcher) ref(at int, label []byte) bool {
	m.refs++
	if m.refs == 1 {
		m.at = at
	}
	place, ok := m.first[string(label)]
	if !ok {
		m.work += m.defs // walks them all, finds none
		return false
	}
	m.work += place
	m.found++
	if m.numbers[place] == 0 {
		m.count++
		m.numbers[place] = m.count
	}
	return true
}

// footnoteMatcherKey holds, in the context of a parse by a
// footnoteCounter's parser, the footnoteMatcher its references go to.
var footnoteMatcherKey = parser.NewContextKey()

// footnoteCounter is goldmark's footnote extension with its references
// counted rather than looked up and sorted: its parser reads a body as
// Render's does, and costs time linear in it, whatever the footnotes.
type footnoteCounter struct{}

func (footnoteCounter) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(extension.NewFootnoteBlockParser(), 999)),
		parser.WithInlineParsers(util.Prioritized(footnoteRefParser{}, 101)),
	)
}

// footnoteRefParser reads footnote references where goldmark's parser of
// them would, at the same priority, and gives each to the
// footnoteMatcher of the parse: a reference to a footnote is read whole,
// and one to none left to the other parsers, as goldmark does.
type footnoteRefParser struct{}

func (footnoteRefParser) Trigger() []byte { return []byte{'!', '['} }

func (footnoteRefParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	pos := 1 // the "^", as goldmark has it: it checks no "[" after a "!"
	if len(line) > 0 && line[0] == '!' {
		pos++
	}
	if pos+1 >= len(line) || line[pos] != '^' {
		return nil
	}
	label := line[pos+1 : min(len(line), pos+1+maxFootnoteLabel)]
	end := footnoteLabelEnd(label)
	m, ok := pc.Get(footnoteMatcherKey).(*footnoteMatcher)
	if end < 0 || !ok || !m.ref(seg.Start+pos-1, label[:end]) {
		return nil
	}
	block.Advance(pos + 1 + end + 1)
	return east.NewFootnoteLink(0)
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
