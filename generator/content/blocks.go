package content

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newBlockParser returns a parser that finds the blocks of a body as
// Render's goldmark does (Byline's block parsers, footnotes, definition
// lists, link reference definitions and tables) but parses no inlines, so
// its time is linear whatever the text: the guards run their models of
// goldmark's inline parsing on its blocks. It takes link reference
// definitions off paragraphs as goldmark does, in time growing with the
// square of their number: costlyDefinitions runs first.
func newBlockParser() parser.Parser {
	return blockParser(util.Prioritized(parser.LinkReferenceParagraphTransformer, 100))
}

// newParagraphParser returns newBlockParser's parser with a
// definitionCounter in place of goldmark's link reference definitions,
// for costlyDefinitions: it keeps paragraphs whole, in linear time, and
// counts the work goldmark would do on those that may start with one.
func newParagraphParser() parser.Parser {
	return blockParser(util.Prioritized(definitionCounter{}, 100))
}

// blockParser is a parser of Render's blocks with refs as the first of
// its paragraph transformers, tables the second.
func blockParser(refs util.PrioritizedValue) parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(append(blockParsers(),
			util.Prioritized(extension.NewFootnoteBlockParser(), 999),
			util.Prioritized(extension.NewDefinitionListParser(), 101),
			util.Prioritized(extension.NewDefinitionDescriptionParser(), 102))...),
		parser.WithParagraphTransformers(refs, util.Prioritized(extension.NewTableParagraphTransformer(), 200)),
		parser.WithAttribute(),
	)
}

// inlineBlocks are the blocks of a body whose text goldmark parses for
// inlines, each on its own: paragraphs, headings, and each cell of a
// table. Link reference and footnote definitions are blocks of their own
// too, and code and HTML none. The body is parsed on first use.
type inlineBlocks struct {
	body   []byte
	parser parser.Parser
	doc    ast.Node
	lines  []int // the offset of each line of body
}

// each calls fn with each line of each block, in the order of the body:
// n is its body line (1-based), col the offset in that line of text, the
// part of it goldmark parses (after a list marker or "> ", within a
// table's "|"), and first says that the line starts its block. fn returns
// false to stop.
func (b *inlineBlocks) each(fn func(n, col int, text []byte, first bool) bool) {
	_ = ast.Walk(b.parse(), func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || node.Type() != ast.TypeBlock || node.IsRaw() {
			return ast.WalkContinue, nil
		}
		segs := node.Lines()
		for i := range segs.Len() {
			s := segs.At(i)
			t := bytes.TrimSuffix(bytes.TrimSuffix(b.body[s.Start:s.Stop], []byte("\n")), []byte("\r"))
			n := sort.SearchInts(b.lines, s.Start+1) // lines[n-1] <= s.Start
			if !fn(n, s.Start-b.lines[n-1], t, i == 0) {
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
}

// parse returns the blocks of the body, parsing it on first use.
func (b *inlineBlocks) parse() ast.Node {
	if b.doc == nil {
		b.doc = b.parser.Parse(text.NewReader(b.body))
		b.lines = []int{0}
		for i, c := range b.body {
			if c == '\n' {
				b.lines = append(b.lines, i+1)
			}
		}
	}
	return b.doc
}

// position returns the 1-based line and column of offset off of the body,
// which has been parsed.
func (b *inlineBlocks) position(off int) (line, col int) {
	n := sort.SearchInts(b.lines, off+1) // lines[n-1] <= off
	return n, off - b.lines[n-1] + 1
}
