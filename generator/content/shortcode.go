package content

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Shortcodes. A line of a body that holds only
//
//	{{< pay-table role="sre" year="2026" >}}
//
// calls the template shortcodes/pay-table.html of the theme (or of the
// site's layouts) with those parameters: a table drawn from a data file, an
// embed, anything Markdown cannot say. A call may also stand within a line
// of text ("Median pay: {{< pay role="sre" >}}."), and must then end on it. The body renders before the theme is
// loaded, so a call renders as the mark "\x00sN\x00" (its index among the
// page's calls, on a line of its own), which WithShortcodes replaces with
// the template's output once a later stage has it. Names are letters,
// digits, "-" and "_"; values are "double-quoted" (with \" and \\) or bare
// words; every parameter has a name. A call in code is code.

// Shortcode is one call in a body.
type Shortcode struct {
	Name   string
	Params map[string]string
	// Line and Col are the position of its "{{<": in the body in
	// Rendered, in the file in Page.
	Line, Col int
}

// shortcodeMark is the mark the index-th call of a page renders as.
func shortcodeMark(index int) string { return "\x00s" + strconv.Itoa(index) + "\x00" }

// WithShortcodes returns a copy of p whose shortcode marks are replaced by
// outs, the output of each call of p.Shortcodes in order; p itself is not
// changed, since it may be shared with other builds.
func (p *Page) WithShortcodes(outs []template.HTML) *Page {
	html := replaceMarks(string(p.Body()), 0, func(b *strings.Builder, mark string) {
		n, err := strconv.Atoi(strings.TrimPrefix(mark, "s"))
		if strings.HasPrefix(mark, "s") && err == nil && n >= 0 && n < len(outs) {
			b.WriteString(string(outs[n]))
		}
	})
	cp := *p
	cp.SetBody(template.HTML(html))
	return &cp
}

// shortcodesKey holds a *shortcodeCalls in a parser.Context.
var shortcodesKey = parser.NewContextKey()

type shortcodeCalls struct {
	calls    []Shortcode
	problems []Problem
	// at and line are the offset and line of the last call: calls come in
	// document order, so each counts lines from the one before, not from
	// the start of the body.
	at, line int
}

// add records the call written as text at offset at of src, and returns
// its index, or -1 for a malformed call, which is a problem instead.
func (c *shortcodeCalls) add(src []byte, at int, text string) int {
	line := c.lineOf(src, at)
	sc, err := parseShortcode(text)
	if err != nil {
		c.problems = append(c.problems, Problem{line, err.Error()})
		return -1
	}
	sc.Line, sc.Col = line, at-(bytes.LastIndexByte(src[:at], '\n')+1)+1
	c.calls = append(c.calls, sc)
	return len(c.calls) - 1
}

// lineOf returns the body line of offset at, at or after the last call's.
func (c *shortcodeCalls) lineOf(src []byte, at int) int {
	if c.line == 0 || at < c.at {
		c.at, c.line = 0, 1
	}
	c.line += bytes.Count(src[c.at:at], []byte("\n"))
	c.at = at
	return c.line
}

func callsOf(pc parser.Context) *shortcodeCalls {
	c, ok := pc.Get(shortcodesKey).(*shortcodeCalls)
	if !ok {
		c = &shortcodeCalls{}
		pc.Set(shortcodesKey, c)
	}
	return c
}

// shortcodeNode is a call, rendered as its mark.
type shortcodeNode struct {
	ast.BaseBlock
	index int
}

var kindShortcode = ast.NewNodeKind("Shortcode")

func (n *shortcodeNode) Kind() ast.NodeKind { return kindShortcode }

func (n *shortcodeNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Index": strconv.Itoa(n.index)}, nil)
}

// shortcodeParser opens a shortcodeNode on a line that starts with "{{<",
// which may interrupt a paragraph. A line that starts so but is no call is
// a problem, and renders as nothing.
type shortcodeParser struct{}

func (shortcodeParser) Trigger() []byte { return []byte{'{'} }

func (shortcodeParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	indent := len(line) - len(bytes.TrimLeft(line, " \t"))
	if !bytes.HasPrefix(line[indent:], []byte("{{<")) {
		return nil, parser.NoChildren
	}
	rest := bytes.TrimRight(line[indent:], " \t\r\n")
	if i := bytes.Index(rest, []byte(">}}")); i >= 0 && i+3 < len(rest) {
		return nil, parser.NoChildren // text follows the call: a paragraph, whose inlines have it
	}
	reader.AdvanceToEOL()
	i := callsOf(pc).add(reader.Source(), seg.Start+indent, string(rest))
	return &shortcodeNode{index: i}, parser.NoChildren
}

func (shortcodeParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}
func (shortcodeParser) Close(ast.Node, text.Reader, parser.Context) {}
func (shortcodeParser) CanInterruptParagraph() bool                 { return true }
func (shortcodeParser) CanAcceptIndentedLine() bool                 { return false }

// parseShortcode reads one call, "{{< name key="value" k=v >}}".
func parseShortcode(s string) (Shortcode, error) {
	const hint = `write a shortcode as {{< name key="value" >}}`
	inner, ok := strings.CutPrefix(s, "{{<")
	if ok {
		inner, ok = strings.CutSuffix(inner, ">}}")
	}
	if !ok {
		return Shortcode{}, fmt.Errorf("a line that starts with {{< must end with >}}: %s", hint)
	}
	rest := strings.TrimLeft(inner, " \t")
	name, rest := cutWord(rest)
	if name == "" || !isShortcodeName(name) {
		return Shortcode{}, fmt.Errorf("shortcode name %q must be letters, digits, - and _: %s", name, hint)
	}
	sc := Shortcode{Name: name, Params: map[string]string{}}
	for rest = strings.TrimLeft(rest, " \t"); rest != ""; rest = strings.TrimLeft(rest, " \t") {
		key, after, found := strings.Cut(rest, "=")
		if !found || key == "" || !isShortcodeName(key) {
			word, _ := cutWord(rest)
			return Shortcode{}, fmt.Errorf("shortcode %q: parameter %q has no name: %s", name, word, hint)
		}
		if _, dup := sc.Params[key]; dup {
			return Shortcode{}, fmt.Errorf("shortcode %q: parameter %q is given twice", name, key)
		}
		var val string
		var err error
		if strings.HasPrefix(after, `"`) {
			val, rest, err = cutQuoted(after)
			if err != nil {
				return Shortcode{}, fmt.Errorf("shortcode %q: parameter %q: %v", name, key, err)
			}
		} else {
			val, rest = cutWord(after)
		}
		sc.Params[key] = val
	}
	return sc, nil
}

// cutWord cuts s at its first space or tab.
func cutWord(s string) (word, rest string) {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i], s[i:]
	}
	return s, ""
}

// cutQuoted reads the double-quoted string at the start of s, where \"
// and \\ stand for " and \.
func cutQuoted(s string) (val, rest string, err error) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			if i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '\t' {
				return "", "", fmt.Errorf("put a space after its closing quote")
			}
			return b.String(), s[i+1:], nil
		case c == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\'):
			b.WriteByte(s[i+1])
			i++
		default:
			b.WriteByte(c)
		}
	}
	return "", "", fmt.Errorf("its value has no closing quote")
}

func isShortcodeName(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return s != ""
}

// inlineShortcode is a call within a line of text, "Median pay: {{< pay
// role="sre" >}}.", rendered as its mark.
type inlineShortcode struct {
	ast.BaseInline
	index int
}

var kindInlineShortcode = ast.NewNodeKind("InlineShortcode")

func (n *inlineShortcode) Kind() ast.NodeKind { return kindInlineShortcode }

func (n *inlineShortcode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Index": strconv.Itoa(n.index)}, nil)
}

// inlineShortcodeParser reads a call that ends on its line; "{{<" with no
// ">}}" after it on the line is text.
type inlineShortcodeParser struct{}

func (inlineShortcodeParser) Trigger() []byte { return []byte{'{'} }

func (inlineShortcodeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	end := bytes.Index(line, []byte(">}}"))
	if !bytes.HasPrefix(line, []byte("{{<")) || end < 0 {
		return nil
	}
	block.Advance(end + 3)
	return &inlineShortcode{index: callsOf(pc).add(block.Source(), seg.Start, string(line[:end+3]))}
}

// shortcodeRenderer writes each call's mark, a block's on a line of its
// own; a call that was malformed writes nothing.
type shortcodeRenderer struct{}

func (shortcodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindShortcode, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if i := n.(*shortcodeNode).index; entering && i >= 0 {
			_, _ = w.WriteString(shortcodeMark(i) + "\n")
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(kindInlineShortcode, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if i := n.(*inlineShortcode).index; entering && i >= 0 {
			_, _ = w.WriteString(shortcodeMark(i))
		}
		return ast.WalkSkipChildren, nil
	})
}
