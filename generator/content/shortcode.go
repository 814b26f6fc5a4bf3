package content

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
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
// words. Parameters are all named (key="value") or all positional
// ({{< video "intro.mp4" 720 >}}), as in Hugo. A call in code is code.
//
// A call on a line of its own that a line "{{< /name >}}" follows, in the
// same list item or quote, is paired: the Markdown between the two lines
// is its inner content, rendered between the marks "\x00sN\x00" and
// "\x00/sN\x00", and given to the template as .Inner. Pairs of the same
// name nest: a closing line closes the innermost open call of its name. A
// call written "{{< name />}}" is never paired.

// Shortcode is one call in a body.
type Shortcode struct {
	Name   string
	Params map[string]string
	// Args are the positional parameters, in order; a call has these or
	// Params, not both.
	Args []string
	// Paired says a line {{< /name >}} closes the call: its template gets
	// the Markdown between as .Inner.
	Paired bool
	// selfClosed says the call was written {{< name />}}: never paired.
	selfClosed bool
	// Line and Col are the position of its "{{<": in the body in
	// Rendered, in the file in Page.
	Line, Col int
}

// shortcodeMark is the mark the index-th call of a page renders as; a
// paired call's inner content ends with shortcodeEndMark.
func shortcodeMark(index int) string    { return "\x00s" + strconv.Itoa(index) + "\x00" }
func shortcodeEndMark(index int) string { return "\x00/s" + strconv.Itoa(index) + "\x00" }

// WithShortcodes returns a copy of p whose shortcode marks are replaced by
// the output of call for each of p.Shortcodes: call(i, inner) renders the
// i-th, with inner the HTML of a paired call's inner content (whose own
// calls it gets already rendered), else "". p itself is not changed, since
// it may be shared with other builds.
func (p *Page) WithShortcodes(call func(i int, inner template.HTML) template.HTML) *Page {
	type pair struct {
		index  int
		parent *strings.Builder // where the call's output goes
		inner  strings.Builder
	}
	var open []*pair // paired calls whose end mark is still to come
	html := replaceMarks(string(p.Body()), 0, func(b *strings.Builder, mark string) *strings.Builder {
		end := strings.HasPrefix(mark, "/s")
		n, err := strconv.Atoi(strings.TrimPrefix(strings.TrimPrefix(mark, "/"), "s"))
		switch {
		case err != nil || n < 0 || n >= len(p.Shortcodes) || !end && !strings.HasPrefix(mark, "s"):
			b.WriteString("\x00" + mark + "\x00") // not a shortcode's
		case !end && p.Shortcodes[n].Paired:
			open = append(open, &pair{index: n, parent: b})
			return &open[len(open)-1].inner
		case !end:
			b.WriteString(string(call(n, "")))
		case len(open) > 0 && open[len(open)-1].index == n:
			top := open[len(open)-1]
			open = open[:len(open)-1]
			inner := strings.TrimPrefix(top.inner.String(), "\n") // the open mark's line end
			top.parent.WriteString(string(call(n, template.HTML(inner))))
			return top.parent
		}
		return b
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
	// closes holds the offset of each closing call in the body by name,
	// in order; nil until the first call asks.
	closes map[string][]int
	// at and line are the offset and line of the last call: calls come in
	// document order, so each counts lines from the one before, not from
	// the start of the body.
	at, line int
}

// add records the call written as text at offset at of src, and returns
// its index, or -1 for a malformed call, which is a problem instead.
func (c *shortcodeCalls) add(src []byte, at int, text string) int {
	sc, err := parseShortcode(text)
	if err != nil {
		c.problem(src, at, err.Error())
		return -1
	}
	sc.Line, sc.Col = c.lineOf(src, at), colOf(src, at)
	c.calls = append(c.calls, sc)
	return len(c.calls) - 1
}

// problem records msg at offset at of src.
func (c *shortcodeCalls) problem(src []byte, at int, msg string) {
	c.problems = append(c.problems, Problem{Line: c.lineOf(src, at), Col: colOf(src, at), Msg: msg})
}

// colOf returns the column of offset at of src.
func colOf(src []byte, at int) int { return at - (bytes.LastIndexByte(src[:at], '\n') + 1) + 1 }

// closedLater reports whether a closing call of name follows offset at in
// src: if so, the call there is paired.
func (c *shortcodeCalls) closedLater(src []byte, name string, at int) bool {
	if c.closes == nil {
		c.closes = map[string][]int{}
		for i := 0; ; i++ {
			j := bytes.Index(src[i:], []byte("{{<"))
			if j < 0 {
				break
			}
			i += j
			end := bytes.IndexByte(src[i:], '\n')
			if end < 0 {
				end = len(src) - i
			}
			if n, ok := closingCall(src[i : i+end]); ok {
				c.closes[n] = append(c.closes[n], i)
			}
		}
	}
	offsets := c.closes[name]
	k, _ := slices.BinarySearch(offsets, at)
	return k < len(offsets)
}

// closingCall returns the name in line when line, its spaces trimmed,
// is a closing call, "{{< /name >}}".
func closingCall(line []byte) (string, bool) {
	inner, ok := bytes.CutPrefix(bytes.TrimSpace(line), []byte("{{<"))
	if ok {
		inner, ok = bytes.CutSuffix(inner, []byte(">}}"))
	}
	name, ok2 := bytes.CutPrefix(bytes.TrimSpace(inner), []byte("/"))
	if !ok || !ok2 || !isShortcodeName(string(name)) {
		return "", false
	}
	return string(name), true
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

// pairedShortcode is a paired call, whose children are its inner content.
type pairedShortcode struct {
	ast.BaseBlock
	index  int
	name   string
	at     int  // offset of its "{{<" in the body
	closed bool // by its closing line
}

var kindPairedShortcode = ast.NewNodeKind("PairedShortcode")

func (n *pairedShortcode) Kind() ast.NodeKind { return kindPairedShortcode }

func (n *pairedShortcode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Index": strconv.Itoa(n.index), "Name": n.name}, nil)
}

// shortcodeParser opens a shortcodeNode on a line that starts with "{{<",
// which may interrupt a paragraph, or a pairedShortcode when a closing
// line of its name follows. A line that starts so but is no call, and a
// closing line that closes no call, are problems, and render as nothing.
type shortcodeParser struct{}

func (shortcodeParser) Trigger() []byte { return []byte{'{'} }

func (shortcodeParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	indent := len(line) - len(bytes.TrimLeft(line, " \t"))
	if bytes.HasPrefix(line[indent:], []byte("{{%")) {
		reader.AdvanceToEOL()
		callsOf(pc).problem(reader.Source(), seg.Start+indent, percentCall(line[indent:]))
		return &shortcodeNode{index: -1}, parser.NoChildren
	}
	if !bytes.HasPrefix(line[indent:], []byte("{{<")) {
		return nil, parser.NoChildren
	}
	rest := bytes.TrimRight(line[indent:], " \t\r\n")
	if i := bytes.Index(rest, []byte(">}}")); i >= 0 && i+3 < len(rest) {
		return nil, parser.NoChildren // text follows the call: a paragraph, whose inlines have it
	}
	reader.AdvanceToEOL()
	src, at, c := reader.Source(), seg.Start+indent, callsOf(pc)
	if name, ok := closingCall(rest); ok {
		c.problem(src, at, fmt.Sprintf("{{< /%s >}} closes no {{< %s >}}: a closing line must follow its call in the same list item or quote", name, name))
		return &shortcodeNode{index: -1}, parser.NoChildren
	}
	i := c.add(src, at, string(rest))
	if i >= 0 && !c.calls[i].selfClosed && c.closedLater(src, c.calls[i].Name, at) {
		c.calls[i].Paired = true
		return &pairedShortcode{index: i, name: c.calls[i].Name, at: at}, parser.HasChildren
	}
	return &shortcodeNode{index: i}, parser.NoChildren
}

// Continue keeps a paired call open, with its lines as children, until
// its closing line, unless that line is in code or closes a call of the
// same name nested in this one.
func (shortcodeParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n, ok := node.(*pairedShortcode)
	if !ok {
		return parser.Close
	}
	line, _ := reader.PeekLine()
	text := bytes.TrimLeft(line, " ")
	code := len(line)-len(text) >= 4 || bytes.HasPrefix(text, []byte("\t")) // indented code
	if name, ok := closingCall(text); ok && !code && name == n.name && !innerPair(pc, n) {
		reader.AdvanceToEOL()
		n.closed = true
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

// innerPair reports whether a block opened inside n will take the line:
// fenced code, HTML, or a paired call of n's name.
func innerPair(pc parser.Context, n *pairedShortcode) bool {
	blocks := pc.OpenedBlocks()
	inside := false
	for _, b := range blocks {
		switch b := b.Node.(type) {
		case *ast.FencedCodeBlock, *ast.HTMLBlock:
			if inside {
				return true
			}
		case *pairedShortcode:
			if inside && b.name == n.name {
				return true
			}
			inside = inside || b == n
		}
	}
	return false
}

// Close reports a paired call that its list item or quote ended before
// its closing line.
func (shortcodeParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	if n, ok := node.(*pairedShortcode); ok && !n.closed {
		callsOf(pc).problem(reader.Source(), n.at, fmt.Sprintf("{{< %s >}} is not closed: put its {{< /%s >}} in the same list item or quote, after a blank line if it follows HTML", n.name, n.name))
	}
}

func (shortcodeParser) CanInterruptParagraph() bool { return true }
func (shortcodeParser) CanAcceptIndentedLine() bool { return false }

// percentCall is the error for a call written as Hugo writes one whose
// output is Markdown, "{{% note %}}", at the start of text: Byline has one
// way to call a shortcode, and renders a paired call's inner Markdown with
// it. Left as text, the call would be published as it is written.
func percentCall(text []byte) string {
	const msg = "Byline calls a shortcode with {{< >}}, and renders the Markdown between a paired call's lines either way"
	end := bytes.Index(text, []byte("%}}"))
	if end < 0 {
		return msg + ": write the call as {{< name >}}"
	}
	inner := bytes.TrimSpace(text[len("{{%"):end])
	return fmt.Sprintf("%s: write {{< %s >}}", msg, inner)
}

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
	inner, selfClosed := cutSelfClosing(inner)
	rest := strings.TrimLeft(inner, " \t")
	name, rest := cutWord(rest)
	if strings.HasPrefix(name, "/") {
		return Shortcode{}, fmt.Errorf("a closing {{< %s >}} must stand on a line of its own, after a line that calls {{< %s >}}", name, name[1:])
	}
	if name == "" || !isShortcodeName(name) {
		return Shortcode{}, fmt.Errorf("shortcode name %q must be letters, digits, - and _: %s", name, hint)
	}
	sc := Shortcode{Name: name, Params: map[string]string{}, selfClosed: selfClosed}
	for rest = strings.TrimLeft(rest, " \t"); rest != ""; rest = strings.TrimLeft(rest, " \t") {
		key, after, found := strings.Cut(rest, "=")
		if !found || key == "" || !isShortcodeName(key) {
			// A value by position: a quoted string, or a word with no
			// "name=" before it ("https://example.com/?a=b" is one).
			var val string
			var err error
			if strings.HasPrefix(rest, `"`) {
				if val, rest, err = cutQuoted(rest); err != nil {
					return Shortcode{}, fmt.Errorf("shortcode %q: parameter %d: %v", name, len(sc.Args)+1, err)
				}
			} else {
				val, rest = cutWord(rest)
			}
			sc.Args = append(sc.Args, val)
			continue
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
	if len(sc.Args) > 0 && len(sc.Params) > 0 {
		return Shortcode{}, fmt.Errorf("shortcode %q: give its parameters all by name (key=\"value\") or all by position (\"value\"), not both", name)
	}
	return sc, nil
}

// cutSelfClosing cuts the "/" of a self-closing call, "{{< name />}}" or
// "{{< name k=v />}}", from inner, the text between "{{<" and ">}}". The
// slash must follow the name or a space: in "url=/a/" it is the value's.
func cutSelfClosing(inner string) (string, bool) {
	t := strings.TrimRight(inner, " \t")
	before, ok := strings.CutSuffix(t, "/")
	if !ok {
		return inner, false
	}
	if strings.HasSuffix(before, " ") || strings.HasSuffix(before, "\t") || isShortcodeName(strings.TrimSpace(before)) {
		return before, true
	}
	return inner, false
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
	if end := bytes.Index(line, []byte("%}}")); bytes.HasPrefix(line, []byte("{{%")) && end >= 0 {
		block.Advance(end + 3)
		callsOf(pc).problem(block.Source(), seg.Start, percentCall(line))
		return &inlineShortcode{index: -1}
	}
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
	reg.Register(kindPairedShortcode, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if i := n.(*pairedShortcode).index; entering {
			_, _ = w.WriteString(shortcodeMark(i) + "\n")
		} else {
			_, _ = w.WriteString(shortcodeEndMark(i) + "\n")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(kindInlineShortcode, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if i := n.(*inlineShortcode).index; entering && i >= 0 {
			_, _ = w.WriteString(shortcodeMark(i))
		}
		return ast.WalkSkipChildren, nil
	})
}
