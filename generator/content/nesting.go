package content

import (
	"reflect"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// maxNesting is how deep lists and block quotes may nest; beyond it, a
// line's further markers are its text. goldmark tries its block parsers at
// every level of a line, so a line nesting as deep as it is long
// ("- - - … x", "> > > … x") took time growing with the square of its
// length: 1.6 to 5.5 s for 80 KB. No article nests a list 32 deep.
const maxNesting = 32

// blockParsers are goldmark's block parsers, with lists, list items and
// block quotes opened no deeper than maxNesting.
func blockParsers() []util.PrioritizedValue {
	capped := map[reflect.Type]bool{
		reflect.TypeOf(parser.NewListParser()):       true,
		reflect.TypeOf(parser.NewListItemParser()):   true,
		reflect.TypeOf(parser.NewBlockquoteParser()): true,
	}
	ps := parser.DefaultBlockParsers()
	for i, p := range ps {
		if capped[reflect.TypeOf(p.Value)] {
			ps[i].Value = shallow{p.Value.(parser.BlockParser)}
		}
	}
	return append(ps, util.Prioritized(shortcodeParser{}, 150))
}

// shallow is a block parser that opens nothing below maxNesting
// containers.
type shallow struct{ parser.BlockParser }

func (s shallow) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	depth := 0
	for n := parent; n != nil; n = n.Parent() {
		switch n.Kind() {
		case ast.KindList, ast.KindListItem, ast.KindBlockquote:
			depth++
		}
	}
	if depth >= 2*maxNesting { // a list and its item are two levels of one
		return nil, parser.NoChildren
	}
	return s.BlockParser.Open(parent, reader, pc)
}
