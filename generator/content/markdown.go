package content

import (
	"bytes"
	"html/template"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/byline/byline/generator/config"
)

// Markdown converts page bodies to HTML. Build one per build with
// NewMarkdown and share it: it holds no per-page state, only a cache of
// chroma lexers behind a lock, so Render is safe for concurrent use.
type Markdown struct {
	md     goldmark.Markdown
	unsafe bool
}

// NewMarkdown configures goldmark for a site: GFM (tables, strikethrough,
// task lists, autolinks), footnotes, definition lists, typographic quotes
// and dashes, heading IDs unique per page with anchor links, and code
// highlighted by chroma with CSS classes (see HighlightCSS). Raw HTML is
// dropped unless cfg.UnsafeHTML; links, images and autolinks with a
// dangerous scheme (javascript:, vbscript:, file:, data: other than raster
// images) lose their URL whatever the setting.
func NewMarkdown(cfg *config.Config) *Markdown {
	unsafe := cfg != nil && cfg.UnsafeHTML
	var rendererOpts []renderer.Option
	if unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(
		util.Prioritized(anchorRenderer{}, 100), util.Prioritized(taskRenderer{}, 100),
		util.Prioritized(newCodeBlockRenderer(), 200)))
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.DefinitionList,
			extension.Typographer,
		),
		goldmark.WithParserOptions(
			parser.WithAttribute(),
			parser.WithASTTransformers(util.Prioritized(&transformer{unsafe: unsafe}, 1000)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Markdown{md: md, unsafe: unsafe}
}

// Rendered is a converted body and what was learned from its syntax tree.
type Rendered struct {
	HTML      template.HTML
	TOC       []Heading
	Summary   string // plain text of the first paragraph, at most ~300 characters
	WordCount int
	// Problems are located by line of the body (1-based), not of the file.
	Problems []Problem
	// Refs are located by line of the body too.
	Refs Refs
}

// Problem is something wrong in a body, at a body line.
type Problem struct {
	Line int
	Msg  string
}

// Render converts a Markdown body.
func (m *Markdown) Render(body []byte) (*Rendered, error) {
	pc := parser.NewContext()
	doc := m.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	out := &Rendered{}
	if p, ok := pc.Get(problemsKey).(*[]Problem); ok {
		out.Problems = *p
	}
	var buf bytes.Buffer
	buf.Grow(len(body) * 3 / 2)
	if err := m.md.Renderer().Render(&buf, body, doc); err != nil {
		return nil, err
	}
	out.HTML = template.HTML(buf.String())
	out.TOC = toc(doc, body)
	out.Summary = summary(doc, body)
	out.WordCount = countWords(doc, body)
	out.Refs = collectRefs(doc, body)
	return out, nil
}

// ReadingMinutes is words at 230 a minute, rounded up, at least 1.
func ReadingMinutes(words int) int {
	return max(1, int(math.Ceil(float64(words)/230)))
}

func toc(doc ast.Node, src []byte) []Heading {
	var out []Heading
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok || h.Level < 2 || h.Level > 3 {
			continue
		}
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		out = append(out, Heading{Level: h.Level, ID: string(idb), Text: plainText(h, src)})
	}
	return out
}

// summaryLen is the length a summary is cut to, at a word boundary.
const summaryLen = 300

func summary(doc ast.Node, src []byte) string {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*ast.Paragraph); !ok {
			continue
		}
		if s := plainText(n, src); s != "" {
			return Truncate(s, summaryLen)
		}
	}
	return ""
}

// Truncate shortens plain text s to at most n bytes, cutting at a word
// boundary and adding "…" when it cut.
func Truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n+1], ' ')
	if cut <= 0 {
		cut = n
		for cut > 0 && !utf8Start(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:.-–—") + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// countWords counts the words of every block that holds text; code blocks
// and raw HTML blocks hold none.
func countWords(doc ast.Node, src []byte) int {
	words := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		if n.Type() == ast.TypeBlock && n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline {
			var wc wordCounter
			writeText(&wc, n, src)
			words += wc.words
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return words
}

// wordCounter counts words as strings.Fields would split them, without
// building the text.
type wordCounter struct {
	words  int
	inWord bool
}

func (w *wordCounter) Write(p []byte) (int, error) {
	for i := 0; i < len(p); {
		var space bool
		if c := p[i]; c < utf8.RuneSelf {
			space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
			i++
		} else {
			r, size := utf8.DecodeRune(p[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if space {
			w.inWord = false
		} else if !w.inWord {
			w.inWord = true
			w.words++
		}
	}
	return len(p), nil
}

func (w *wordCounter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

func (w *wordCounter) WriteByte(c byte) error {
	_, err := w.Write([]byte{c})
	return err
}
