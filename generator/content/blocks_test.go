package content

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/tools/txtar"

	"github.com/byline/byline/generator/config"
)

// TestBlockParserInStep: the guards' block parser (newBlockParser) finds
// the blocks Render's parser finds, line for line, in every body of the
// sample site and of the Markdown fixtures. A block parser or paragraph
// transformer added to one and not the other fails here, and the guards
// would then model blocks goldmark does not make.
func TestBlockParserInStep(t *testing.T) {
	var bodies []string
	_ = filepath.WalkDir("../../site", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			src, _ := os.ReadFile(p)
			if fm, err := split(src, nil); err == nil {
				bodies = append(bodies, string(fm.body))
			}
		}
		return nil
	})
	fixtures, _ := filepath.Glob("testdata/markdown/*.txtar")
	for _, f := range fixtures {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range ar.Files {
			if strings.HasSuffix(file.Name, ".md") {
				bodies = append(bodies, string(file.Data))
			}
		}
	}
	if len(bodies) < 25 {
		t.Fatalf("found %d bodies", len(bodies))
	}
	m := newMarkdown(config.Default(), newLexerSet())
	// Render's parser but for Byline's AST transformer, which makes
	// figures and callouts of whole blocks after the inlines are parsed.
	render := goldmark.New(
		goldmark.WithExtensions(formatExtensions()...),
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(blockParsers()...),
			parser.WithInlineParsers(parser.DefaultInlineParsers()...),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
			parser.WithAttribute())),
	).Parser()
	for i, body := range bodies {
		want := blockLines(render.Parse(text.NewReader([]byte(body))), body)
		got := blockLines(m.blocks.Parse(text.NewReader([]byte(body))), body)
		if want != got {
			t.Errorf("body %d: the block parser's blocks differ from Render's:\n--- got\n%s--- want\n%s", i, got, want)
		}
	}
}

// blockLines lists the blocks of doc whose text is parsed for inlines,
// with their lines, as inlineBlocks.each walks them, sorted: goldmark's
// footnote extension moves the footnotes to the end once the inlines are
// parsed.
func blockLines(doc ast.Node, body string) string {
	var blocks []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock || n.IsRaw() {
			return ast.WalkContinue, nil
		}
		b := n.Kind().String()
		for i := range n.Lines().Len() {
			s := n.Lines().At(i)
			b += fmt.Sprintf(" %q", body[s.Start:s.Stop])
		}
		blocks = append(blocks, b+"\n")
		return ast.WalkContinue, nil
	})
	slices.Sort(blocks)
	return strings.Join(blocks, "")
}
