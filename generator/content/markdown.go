package content

import (
	"bytes"
	"fmt"
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
	md goldmark.Markdown
	// quick parses as md does but without linkify, and marks the bodies
	// that need it (linkGate); nil to parse every body with md.
	quick parser.Parser
	// blocks finds md's blocks, parsing no inlines, for the guards.
	blocks parser.Parser
	// paragraphs finds them too, but keeps link reference definitions
	// in their paragraphs, for costlyDefinitions.
	paragraphs parser.Parser
	// footnotes parses as md does, counting footnote references instead
	// of looking them up, for costlyFootnotes.
	footnotes parser.Parser
	unsafe    bool
	bodies    *bufferPool // for the bodies of the pages it renders: see body
}

// NewMarkdown configures goldmark for a site: GFM (tables, strikethrough,
// task lists, autolinks), footnotes, definition lists, typographic quotes
// and dashes, heading IDs unique per page with anchor links, and code
// highlighted by chroma with CSS classes (see HighlightCSS). Raw HTML is
// dropped unless cfg.UnsafeHTML; links, images and autolinks with a
// dangerous scheme (javascript:, vbscript:, file:, data: other than raster
// images) lose their URL whatever the setting.
func NewMarkdown(cfg *config.Config) *Markdown {
	return newMarkdown(cfg, newLexerSet())
}

// newMarkdown is NewMarkdown with code lexers from lexers.
func newMarkdown(cfg *config.Config, lexers *lexerSet) *Markdown {
	unsafe := cfg != nil && cfg.UnsafeHTML
	var rendererOpts []renderer.Option
	if unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(
		util.Prioritized(anchorRenderer{}, 100), util.Prioritized(taskRenderer{}, 100),
		util.Prioritized(sourceLinkRenderer{}, 100), util.Prioritized(calloutRenderer{}, 100),
		util.Prioritized(imageRenderer{}, 100), util.Prioritized(shortcodeRenderer{}, 100),
		util.Prioritized(newCodeBlockRenderer(lexers), 200)))
	md := goldmark.New(
		goldmark.WithExtensions(formatExtensions()...),
		goldmark.WithParser(newParser(unsafe)),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	// GFM without linkify, and the gate first of the AST transformers
	// (the table's is at 0), before any moves a text node.
	quick := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList,
			extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParser(newParser(unsafe)),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(linkGate{}, -1))),
	)
	footnotes := goldmark.New(goldmark.WithExtensions(countingExtensions()...), goldmark.WithParser(syntaxParser()))
	return &Markdown{md: md, quick: quick.Parser(), blocks: newBlockParser(), paragraphs: newParagraphParser(),
		footnotes: footnotes.Parser(), unsafe: unsafe, bodies: new(bufferPool)}
}

// formatExtensions are the goldmark extensions of Byline's Markdown.
func formatExtensions() []goldmark.Extender {
	return []goldmark.Extender{extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer}
}

// countingExtensions are formatExtensions with a footnoteCounter in
// place of goldmark's footnotes.
func countingExtensions() []goldmark.Extender {
	exts := formatExtensions()
	for i, e := range exts {
		if e == extension.Footnote {
			exts[i] = footnoteCounter{}
		}
	}
	return exts
}

// newParser returns syntaxParser's parser with Byline's AST transformer.
func newParser(unsafe bool) parser.Parser {
	return syntaxParser(parser.WithASTTransformers(util.Prioritized(&transformer{unsafe: unsafe}, 1000)))
}

// syntaxParser returns CommonMark's parser with Byline's block and inline
// parsers, attributes, and opts: the extensions add the rest.
func syntaxParser(opts ...parser.Option) parser.Parser {
	return parser.NewParser(append([]parser.Option{
		parser.WithBlockParsers(blockParsers()...),
		parser.WithInlineParsers(append(parser.DefaultInlineParsers(), util.Prioritized(inlineShortcodeParser{}, 150))...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		parser.WithAttribute(),
	}, opts...)...)
}

// Rendered is a converted body and what was learned from its syntax tree.
type Rendered struct {
	HTML    template.HTML
	TOC     []Heading
	Summary string // plain text of the first paragraph, at most ~300 characters
	// WordCount is the words of the text, each Chinese or Japanese
	// character counting as one (those scripts put no spaces between
	// words), as Hugo counts them.
	WordCount int
	// CJKChars is how many of WordCount are such characters, read at
	// another pace (see ReadingTime).
	CJKChars int
	// Problems are located by line of the body (1-based), not of the file.
	Problems []Problem
	// Refs are located by line of the body too.
	Refs Refs
	// Links are the links to other Markdown files, in document order, at
	// body positions: the Nth has the marks that Fill replaces.
	Links []linkRef
	// Images are the destinations of the images at site paths or relative
	// ones, in document order: the Nth has the size mark of Fill.
	Images []string
	// Shortcodes are the body's shortcode calls at body positions, the
	// calls on lines of their own first, then those within lines of text,
	// each in document order: the Nth renders as the mark WithShortcodes
	// replaces.
	Shortcodes []Shortcode
}

// Problem is something wrong in a body, at a body line, and at a column
// when Col is not 0.
type Problem struct {
	Line, Col int
	Msg       string
	// First, when not 0, is the body line of the earlier place Msg is
	// about (the first heading with the same id), and Advice what to do:
	// Text writes both after Msg, the line as a line of the file.
	First  int
	Advice string
}

// Text is the message of p in a file whose body starts at line bodyLine.
func (p Problem) Text(bodyLine int) string {
	if p.First == 0 {
		return p.Msg
	}
	return fmt.Sprintf("%s (first used on line %d): %s", p.Msg, bodyLine+p.First-1, p.Advice)
}

// Render converts a Markdown body. A body on which goldmark would spend
// time growing with the square of a line or paragraph (link destinations
// that never close, thousands of emphasis marks that match nothing,
// quotes, backticks or brackets it would read again and again: guard.go;
// tens of thousands of link reference definitions in a row:
// definitions.go; link brackets nested thousands deep: brackets.go; tens
// of thousands of footnotes: footnotes.go) is not converted: its Problem
// names the line, in linear time (footnotes: a parse that counts the
// references rather than looks them up, and n log n).
func (m *Markdown) Render(body []byte) (*Rendered, error) {
	var buf htmlBuffer
	out, err := m.render(body, &buf, true)
	if err != nil {
		return nil, err
	}
	out.HTML = template.HTML(buf.String())
	return out, nil
}

// renderBuffer is where render writes a body's HTML.
type renderBuffer interface {
	util.BufWriter
	Grow(n int)
}

// render is Render, writing the HTML into buf rather than into out.HTML:
// parse keeps a body only compressed, and renders into a buffer it uses
// again (see bodyBuffer). Without refs, out.Refs has the headings alone,
// and Links and Images all the same (see refCollector.few).
func (m *Markdown) render(body []byte, buf renderBuffer, refs bool) (*Rendered, error) {
	if bytes.IndexByte(body, 0) >= 0 {
		// CommonMark replaces NUL with U+FFFD; goldmark does in text, but
		// not in code. No NUL may reach the HTML: it marks links (see Link).
		body = bytes.ReplaceAll(body, []byte{0}, []byte("\uFFFD"))
	}
	if line, openers := costlyLine(body); line > 0 {
		return &Rendered{Problems: []Problem{costlyProblem(line, openers)}}, nil
	}
	if line, defs := costlyDefinitions(body, m.paragraphs); line > 0 {
		return &Rendered{Problems: []Problem{definitionProblem(line, defs)}}, nil
	}
	blocks := &inlineBlocks{body: body, parser: m.blocks} // parsed once, if a guard needs them
	if line, runs := costlyEmphasis(blocks); line > 0 {
		return &Rendered{Problems: []Problem{emphasisProblem(line, runs)}}, nil
	}
	if line, what := costlyRescan(blocks); line > 0 {
		return &Rendered{Problems: []Problem{rescanProblem(line, what)}}, nil
	}
	if line, col, depth := costlyBrackets(blocks); line > 0 {
		return &Rendered{Problems: []Problem{bracketProblem(line, col, depth)}}, nil
	}
	if line, col, defs, refs := costlyFootnotes(blocks, m.footnotes); line > 0 {
		return &Rendered{Problems: []Problem{footnoteProblem(line, col, defs, refs)}}, nil
	}
	doc, pc := m.parse(body)
	out := &Rendered{}
	if p, ok := pc.Get(problemsKey).(*[]Problem); ok {
		out.Problems = *p
	}
	if c, ok := pc.Get(shortcodesKey).(*shortcodeCalls); ok {
		out.Shortcodes = c.calls
		out.Problems = append(out.Problems, c.problems...)
	}
	buf.Grow(len(body) * 3 / 2) // enough for nine bodies in ten; code grows it
	if err := m.md.Renderer().Render(buf, body, doc); err != nil {
		return nil, err
	}
	digest(doc, body, m.unsafe, !refs, out)
	return out, nil
}

// parse parses body with quick, and again with md when the gate says so;
// with md alone when body likely has links for linkify (see linkify.go).
func (m *Markdown) parse(body []byte) (ast.Node, parser.Context) {
	if m.quick != nil {
		if starts := linkStarts(body); len(starts) == 0 || !likelyLinks(body, starts) {
			pc := parser.NewContext()
			pc.Set(linkStartsKey, starts)
			doc := m.quick.Parse(text.NewReader(body), parser.WithContext(pc))
			if !needsLinkify(pc) {
				return doc, pc
			}
		}
	}
	pc := parser.NewContext()
	return m.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc)), pc
}

// htmlBuffer is where goldmark renders. Being a util.BufWriter, it is
// written directly rather than through a bufio.Writer goldmark would wrap
// around it, and unlike a bytes.Buffer its String does not copy.
type htmlBuffer struct{ strings.Builder }

func (b *htmlBuffer) Available() int { return b.Cap() - b.Len() }
func (b *htmlBuffer) Buffered() int  { return 0 }
func (b *htmlBuffer) Flush() error   { return nil }

var _ util.BufWriter = (*htmlBuffer)(nil)

// bodyBuffer is a renderBuffer parse uses again from page to page (see
// bufferPool.render): a body's HTML is only compressed from it, never
// kept.
type bodyBuffer struct{ bytes.Buffer }

func (b *bodyBuffer) Buffered() int { return 0 }
func (b *bodyBuffer) Flush() error  { return nil }

var _ renderBuffer = (*bodyBuffer)(nil)

// digest fills in the TOC, summary, word count and refs of out in one walk
// of the transformed document. The TOC is the h2 and h3 headings at the top
// level; the summary the first top-level paragraph that has text; words are
// those of every block that holds inlines, code and raw HTML holding none.
// Raw HTML goes into the refs when rawHTML says the page keeps it; few
// gathers only the refs a build needs (see refCollector).
func digest(doc ast.Node, src []byte, rawHTML, few bool, out *Rendered) {
	refs := refCollector{lines: lineIndex{src: src}, html: rawHTML, few: few}
	var counted ast.Node // the block whose words are counted, while inside it
	hasSummary := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n == counted {
				counted = nil
			}
			return ast.WalkContinue, nil
		}
		if counted == nil {
			switch n.(type) {
			case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
				counted = n
			default:
				if n.Type() == ast.TypeBlock && n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline {
					counted = n
					var wc wordCounter
					writeText(&wc, n, src)
					out.WordCount += wc.words + wc.cjk
					out.CJKChars += wc.cjk
				}
			}
		}
		switch n := n.(type) {
		case *ast.Heading:
			text := plainText(n, src)
			if n.Parent() == doc && n.Level >= 2 && n.Level <= 3 {
				id, _ := n.AttributeString("id")
				idb, _ := id.([]byte)
				out.TOC = append(out.TOC, Heading{Level: n.Level, ID: string(idb), Text: text})
			}
			refs.heading(n, text)
		case *ast.Paragraph:
			if !hasSummary && n.Parent() == doc {
				if s := plainText(n, src); s != "" {
					out.Summary = truncateFields(s, summaryLen)
					hasSummary = true
				}
			}
		default:
			refs.inline(n)
		}
		return ast.WalkContinue, nil
	})
	if s, ok := summaryBefore(doc, src); ok && s != "" {
		out.Summary = s
	}
	out.Refs = refs.refs
	out.Links = refs.links
	out.Images = refs.images
}

// ReadingTime is the minutes to read words, of which cjkChars are Chinese
// or Japanese characters: the words at 230 a minute, the characters at 500
// a minute (a common pace for both scripts), rounded up, at least 1.
func ReadingTime(words, cjkChars int) int {
	return max(1, int(math.Ceil(float64(words-cjkChars)/230+float64(cjkChars)/500)))
}

// summaryLen is the length a summary is cut to, at a word boundary.
const summaryLen = 300

// Truncate shortens plain text s to at most n bytes, cutting at a word
// boundary and adding "…" when it cut.
func Truncate(s string, n int) string {
	return truncateFields(strings.Join(strings.Fields(s), " "), n)
}

// truncateFields is Truncate for text whose words are already separated by
// single spaces, as plainText returns it.
func truncateFields(s string, n int) string {
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

// wordCounter counts words as strings.Fields would split them, without
// building the text, except that a Han, Hiragana or Katakana character is
// counted in cjk, on its own, and not as part of a word.
type wordCounter struct {
	words  int
	cjk    int
	inWord bool
}

// isCJK reports whether r is written without spaces between words: a Han
// ideograph, Hiragana or Katakana (Hangul puts spaces between words).
func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 0x30FC) // ー
}

func (w *wordCounter) Write(p []byte) (int, error) {
	// Branch-free for ASCII: a word starts at a non-space after a space.
	words, in := w.words, uint8(0)
	if w.inWord {
		in = 1
	}
	for i := 0; i < len(p); {
		var word uint8
		if c := p[i]; c < utf8.RuneSelf {
			word = asciiSpace[c] ^ 1
			i++
		} else {
			r, size := utf8.DecodeRune(p[i:])
			if isCJK(r) {
				w.cjk++ // a word of its own: word stays 0, ending any before it
			} else if r >= 0x3000 && unicode.IsPunct(r) {
				// CJK punctuation ("、", "。", "「"): between words, as a space is
			} else if !unicode.IsSpace(r) {
				word = 1
			}
			i += size
		}
		words += int(word &^ in)
		in = word
	}
	w.words, w.inWord = words, in == 1
	return len(p), nil
}

// spaceJoiner keeps what is written to it as strings.Join(strings.Fields(
// text), " ") would, without building the text and its fields first.
type spaceJoiner struct {
	b       strings.Builder
	pending bool // a space is owed before the next word
}

func (j *spaceJoiner) Write(p []byte) (int, error) {
	word := -1 // start of the run of non-space bytes being read
	for i := 0; i < len(p); {
		var space bool
		size := 1
		if c := p[i]; c < utf8.RuneSelf {
			space = asciiSpace[c] == 1
		} else {
			var r rune
			r, size = utf8.DecodeRune(p[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space && word >= 0:
			j.b.Write(p[word:i])
			word = -1
			j.pending = true
		case space:
			j.pending = j.pending || j.b.Len() > 0
		case word < 0:
			if j.pending {
				j.b.WriteByte(' ')
				j.pending = false
			}
			word = i
		}
		i += size
	}
	if word >= 0 {
		j.b.Write(p[word:])
	}
	return len(p), nil
}

func (j *spaceJoiner) WriteString(s string) (int, error) { return j.Write([]byte(s)) }

func (j *spaceJoiner) WriteByte(c byte) error {
	_, err := j.Write([]byte{c})
	return err
}

// asciiSpace is 1 for the ASCII bytes unicode.IsSpace accepts. It is never
// written.
var asciiSpace = [utf8.RuneSelf]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

func (w *wordCounter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

func (w *wordCounter) WriteByte(c byte) error {
	_, err := w.Write([]byte{c})
	return err
}
