package content

import (
	"bytes"
	"strconv"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// codeBlockRenderer renders fenced code blocks. A block whose info string
// names a language chroma knows is highlighted with CSS classes:
//
//	<pre class="chroma"><code><span class="line"><span class="cl">…</span></span></code></pre>
//
// with no newline after it; any other block is escaped as is in
// <pre><code class="language-NAME"> (no class without an info string),
// followed by a newline. Attributes after the language, as in
// "go {linenos=table hl_lines=[2,"4-5"] linenostart=10}", add line numbers
// and highlighted lines; "nohl=" with any value turns highlighting off (a
// bare "nohl" is no attribute at all to goldmark's parser).
//
// The output is byte for byte that of goldmark-highlighting configured with
// chromahtml.WithClasses(true), which this replaces: that extension builds
// a chroma formatter per block, and so rebuilds the formatter's style cache
// per block. Here a block without attributes is written by writeCode, which
// gives the output of that formatter without building it, and each language
// name is looked up once. It is safe for concurrent use.
type codeBlockRenderer struct {
	ghtml.Config // receives the renderer's options, for Writer

	// style only feeds chroma's CSS map, which class output never reads;
	// it is goldmark-highlighting's default so chroma does the same work.
	style *chroma.Style

	lexers *lexerSet
	bufs   sync.Pool // *bytes.Buffer, for highlight
}

func newCodeBlockRenderer(lexers *lexerSet) *codeBlockRenderer {
	r := &codeBlockRenderer{
		Config: ghtml.NewConfig(),
		style:  styles.Get("github"),
		lexers: lexers,
	}
	r.bufs.New = func() any { return new(bytes.Buffer) }
	return r
}

// SetOption implements renderer.SetOptioner.
func (r *codeBlockRenderer) SetOption(name renderer.OptionName, value any) {
	r.Config.SetOption(name, value)
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *codeBlockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
}

func (r *codeBlockRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := n.Language(src)
	var formatter *chromahtml.Formatter // nil: writeCode's, chroma's without options
	if n.Info != nil {
		if attrs := infoAttributes(n.Info.Segment.Value(src)); attrs != nil {
			opts, nohl := blockOptions(attrs)
			if nohl {
				r.renderPlain(w, src, n, lang)
				return ast.WalkContinue, nil
			}
			if len(opts) > 0 {
				formatter = chromahtml.New(append([]chromahtml.Option{chromahtml.WithClasses(true)}, opts...)...)
			}
		}
	}
	var lexer chroma.Lexer
	if lang != nil {
		lexer = r.lexers.get(lang)
	}
	if lexer != nil {
		buf := r.bufs.Get().(*bytes.Buffer)
		defer func() {
			if buf.Cap() <= 1<<20 { // a rare huge block's is not kept
				r.bufs.Put(buf)
			}
		}()
		buf.Reset()
		if r.highlight(buf, lexer, formatter, codeText(n, src)) {
			_, _ = w.Write(buf.Bytes())
			return ast.WalkContinue, nil
		}
	}
	r.renderPlain(w, src, n, lang)
	return ast.WalkContinue, nil
}

// highlight writes code highlighted by lexer into buf, and reports whether
// the lexer got through it. A few of chroma's lexers panic on some texts
// (Spade's: "unknown state"), and chromalex stops with a panic those that
// would never end (see chromalex.ErrNoProgress). Such a block is written
// plain rather than failing the build; so it is written into buf, apart,
// since the panic may come with half of it written.
func (r *codeBlockRenderer) highlight(buf *bytes.Buffer, lexer chroma.Lexer, formatter *chromahtml.Formatter, code string) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	it, err := lexer.Tokenise(nil, code)
	if err != nil {
		return false
	}
	if formatter == nil {
		writeCode(buf, it)
		return true
	}
	return formatter.Format(buf, r.style, it) == nil
}

// renderPlain writes a block without highlighting.
func (r *codeBlockRenderer) renderPlain(w util.BufWriter, src []byte, n *ast.FencedCodeBlock, lang []byte) {
	_, _ = w.WriteString("<pre><code")
	if lang != nil {
		_, _ = w.WriteString(` class="language-`)
		r.Writer.Write(w, lang)
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		r.Writer.RawWrite(w, seg.Value(src))
	}
	_, _ = w.WriteString("</code></pre>\n")
}

// codeText is the code of a block, its lines joined.
func codeText(n *ast.FencedCodeBlock, src []byte) string {
	lines := n.Lines()
	if lines.Len() == 1 {
		seg := lines.At(0)
		return string(seg.Value(src))
	}
	size := 0
	for i := range lines.Len() {
		seg := lines.At(i)
		size += seg.Len() + seg.Padding + 1 // +1: a newline the segment may force
	}
	var b strings.Builder
	b.Grow(size)
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return b.String()
}

// infoAttributes parses the attributes in "{…}" after the language of an
// info string; nil when there are none. As in goldmark-highlighting, a "{"
// at the very start is not attributes.
func infoAttributes(info []byte) parser.Attributes {
	i := bytes.IndexByte(info, '{')
	if i <= 0 {
		return nil
	}
	attrs, ok := parser.ParseAttributes(text.NewReader(info[i:]))
	if !ok {
		return nil
	}
	return attrs
}

// blockOptions turns code block attributes into chroma options, in
// goldmark-highlighting's order, and reports "nohl". The last value of an
// attribute given twice wins. "hl_style" is ignored: with CSS classes the
// style never shows in the output.
func blockOptions(attrs parser.Attributes) (opts []chromahtml.Option, nohl bool) {
	get := func(name string) (any, bool) {
		var v any
		found := false
		for _, a := range attrs {
			if string(a.Name) == name {
				v, found = a.Value, true
			}
		}
		return v, found
	}
	base := 1
	if v, ok := get("linenostart"); ok {
		if f, ok := v.(float64); ok {
			base = int(f)
			opts = append(opts, chromahtml.BaseLineNumber(base))
		}
	}
	if v, ok := get("hl_lines"); ok {
		if list, ok := v.([]any); ok {
			opts = append(opts, chromahtml.HighlightLines(highlightRanges(list, base)))
		}
	}
	if _, ok := get("nohl"); ok {
		nohl = true
	}
	if v, ok := get("linenos"); ok {
		switch v := v.(type) {
		case bool:
			opts = append(opts, chromahtml.WithLineNumbers(v))
		case []byte:
			if v != nil {
				opts = append(opts, chromahtml.WithLineNumbers(true))
			}
			switch string(v) {
			case "table":
				opts = append(opts, chromahtml.LineNumbersInTable(true))
			case "inline":
				opts = append(opts, chromahtml.LineNumbersInTable(false))
			}
		}
	}
	return opts, nohl
}

// highlightRanges reads hl_lines: line numbers (3) and ranges ("4-6"),
// counted from 1 however linenostart numbers them.
func highlightRanges(list []any, base int) [][2]int {
	var out [][2]int
	for _, item := range list {
		switch v := item.(type) {
		case float64:
			line := int(v) + base - 1
			out = append(out, [2]int{line, line})
		case []byte:
			parts := strings.Split(string(v), "-") // "1-2-3" is 1-2, as goldmark-highlighting reads it
			from, err := strconv.Atoi(parts[0])
			if err != nil {
				continue
			}
			to := from
			if len(parts) > 1 {
				if to, err = strconv.Atoi(parts[1]); err != nil {
					continue
				}
			}
			out = append(out, [2]int{from + base - 1, to + base - 1})
		}
	}
	return out
}
