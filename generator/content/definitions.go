package content

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// maxDefinitionWork bounds the work goldmark may spend taking the link
// reference definitions off the front of a paragraph: for each one it
// copies the paragraph's lines after it, so a paragraph of thousands of
// definitions costs the square of their number: 50,000 took 2 s, 100,000
// 10 s. 128M copied lines are about 0.15 s; 5,000 definitions in a row,
// more than any real article has, are a tenth of that.
const maxDefinitionWork = 128 << 20

// costlyDefinitions returns the 1-based first line of a paragraph of body
// on which goldmark would copy more than maxDefinitionWork lines to take
// off its link reference definitions, with the number of lines on it
// that may be one ("]:"), or 0.
//
// It counts on the raw lines first (definitionRuns), which is cheap and
// counts too much, never too little. Only a body that count refuses is
// parsed, by paragraphs (newParagraphParser), to count again on
// goldmark's own paragraphs: the lines of code and HTML blocks, and
// footnote definitions, are no paragraph's, and a paragraph that does not
// start with "[" holds no definition goldmark takes off.
func costlyDefinitions(body []byte, paragraphs parser.Parser) (line, defs int) {
	line, defs = definitionRuns(body)
	if line == 0 {
		return 0, 0
	}
	pc := parser.NewContext()
	paragraphs.Parse(text.NewReader(body), parser.WithContext(pc))
	s, ok := pc.Get(definitionsKey).(*definitionScan)
	switch {
	case !ok:
		return 0, 0 // no paragraph starts with "["
	case s.diverged():
		return line, defs
	case s.costly == nil:
		return 0, 0
	}
	return bytes.Count(body[:s.start], []byte("\n")) + 1, s.defs
}

// definitionRuns is costlyDefinitions on the raw lines: it returns the
// first line of a run of non-blank lines of body on which goldmark would
// copy more than maxDefinitionWork lines, and its number of lines with
// "]:", or 0. A run holds at least one paragraph whole, so it counts too
// much, never too little.
func definitionRuns(body []byte) (line, defs int) {
	if bytes.Count(body, []byte("]:")) < 1024 {
		return 0, 0 // too few to matter: the common case
	}
	start := 0
	var w definitionWork
	for n := 1; len(body) > 0; n++ {
		end := bytes.IndexByte(body, '\n')
		if end < 0 {
			end = len(body)
		}
		l := body[:end]
		body = body[min(end+1, len(body)):]
		if len(bytes.TrimSpace(l)) == 0 {
			start, w = 0, definitionWork{}
			continue
		}
		if start == 0 {
			start = n
		}
		if w.add(l) {
			return start, w.defs
		}
	}
	return 0, 0
}

// definitionWork counts, line by line, the lines goldmark would copy to
// take the link reference definitions off a paragraph: each line that may
// be one ("]:") is taken for one, and each of them copies every line
// after it.
type definitionWork struct{ defs, copies int }

// add counts line, and reports whether the copies are now more than
// maxDefinitionWork.
func (w *definitionWork) add(line []byte) bool {
	w.copies += w.defs
	if bytes.Contains(line, []byte("]:")) {
		w.defs++
	}
	return w.copies > maxDefinitionWork
}

// definitionsKey holds the definitionScan of a parse by newParagraphParser.
var definitionsKey = parser.NewContextKey()

// definitionScan is what a definitionCounter learns over one parse.
type definitionScan struct {
	// opened are the paragraphs that start with "[", which goldmark
	// would take definitions off.
	opened []*ast.Paragraph
	costly *ast.Paragraph // the first of them over maxDefinitionWork
	start  int            // its offset in the body
	defs   int            // its lines with "]:"
}

// diverged reports that the parse may have found other blocks than
// goldmark's. Only at a setext heading's underline, or a definition
// list's ": ", does goldmark take definitions off a paragraph before the
// paragraph ends, and it parses the line again when none of the paragraph
// is left; where it takes none off (no definition at the start), both
// parsers do the same. Here any such paragraph, starting with "[", ends
// up out of the tree: made a heading, a term or a table.
func (s *definitionScan) diverged() bool {
	for _, p := range s.opened {
		if p.Parent() == nil {
			return true
		}
	}
	return false
}

// definitionCounter is a paragraph transformer that changes nothing: in
// place of goldmark's, which takes the link reference definitions off a
// paragraph, it counts the lines that would cost (see definitionScan).
type definitionCounter struct{}

func (definitionCounter) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := p.Lines()
	if lines.Len() == 0 {
		return
	}
	src := reader.Source()
	first := lines.At(0)
	if v := bytes.TrimLeft(first.Value(src), " \t"); len(v) == 0 || v[0] != '[' {
		return // goldmark takes definitions off the front only
	}
	s, ok := pc.Get(definitionsKey).(*definitionScan)
	if !ok {
		s = &definitionScan{}
		pc.Set(definitionsKey, s)
	}
	s.opened = append(s.opened, p)
	if s.costly != nil {
		return
	}
	var w definitionWork
	for i := range lines.Len() {
		line := lines.At(i)
		if w.add(line.Value(src)) {
			s.costly, s.start, s.defs = p, first.Start, w.defs
			return
		}
	}
}

// definitionProblem is the error for a paragraph costlyDefinitions
// found.
func definitionProblem(line, defs int) Problem {
	return Problem{Line: line, Msg: fmt.Sprintf("this paragraph has %d or more link reference definitions (\"[name]: /url/\") in a row, which the Markdown parser would take minutes to read: put blank lines between groups of them", defs)}
}
