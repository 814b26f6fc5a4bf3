package content

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// Refs are the links, images and headings of a body with their positions,
// so that check can report a broken link or a skipped heading level at the
// line of the Markdown file that has it.
type Refs struct {
	Links    []Ref // links and autolinks, in document order
	Images   []Ref
	Headings []Ref // URL is the heading's id; Level its level
	// HTML is the raw HTML of the body, a block or an inline tag each,
	// Text as written; empty unless the site sets unsafe_html, without
	// which it is left out of the page.
	// check places a problem of the built page that it explains here.
	HTML []Ref
	// Shortcodes are the outputs of the body's shortcode calls, in the
	// order of the calls in the file; empty
	// unless the renderer was asked for them (render.Options.Refs).
	// check places a problem of the built page that one explains at its call.
	Shortcodes []ShortcodeOutput
}

// ShortcodeOutput is the HTML one shortcode call put in the body.
type ShortcodeOutput struct {
	Name     string // the shortcode's name, "figure"
	Template string // its template file as shown in messages
	// Text is the template's output, less the inner content of a paired
	// call (which is Markdown of the page, or other calls' output).
	Text string
	// Line and Col are the position of the call's "{{<" in the file.
	Line, Col int
}

// Ref is one link, image or heading. Line and Col count from 1, in the file
// on Page (in the body on Rendered); Col counts characters.
type Ref struct {
	URL   string // the destination as written; a heading's id
	Text  string // plain text: a link's text, an image's alt text
	Level int    // headings only
	Line  int
	Col   int
}

// refCollector gathers Refs from a transformed document, node by node in
// document order: dangerous links are gone and headings have their final
// ids.
type refCollector struct {
	lines lineIndex
	refs  Refs
	html  bool // keep raw HTML: the site publishes it (unsafe_html)
	// few says to gather only what a build needs: the headings, the links
	// to Markdown files and the marked images, but no Refs of the other
	// links, images and raw HTML, which only byline check reads.
	few    bool
	links  []linkRef
	images []string // destinations of the images with a size mark, in the order of their marks
	// before caches textBefore, so that a paragraph of thousands of links
	// without text ("[](x)" repeated) costs no more than of a few.
	before map[ast.Node]int
}

// heading adds a heading whose plain text is text.
func (c *refCollector) heading(n *ast.Heading, text string) {
	id, _ := n.AttributeString("id")
	line, col := c.lines.at(blockStart(n, c.lines.src))
	c.refs.Headings = append(c.refs.Headings, Ref{URL: string(toBytes(id)), Text: text, Level: n.Level, Line: line, Col: col})
}

// inline adds n if it is a link, an autolink or an image.
func (c *refCollector) inline(n ast.Node) {
	src := c.lines.src
	switch n := n.(type) {
	case *ast.Link:
		if c.few {
			return
		}
		line, col := c.lines.at(c.start(n, 1))
		c.refs.Links = append(c.refs.Links, Ref{URL: string(n.Destination), Text: plainText(n, src), Line: line, Col: col})
	case *ast.AutoLink:
		if c.few {
			return
		}
		line, col := c.lines.at(c.start(n, 0))
		url := string(n.URL(src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
			url = "mailto:" + url // as goldmark renders it
		}
		c.refs.Links = append(c.refs.Links, Ref{URL: url, Text: string(n.Label(src)), Line: line, Col: col})
	case *sourceLink:
		line, col := c.lines.at(c.start(n, 1))
		if !c.few {
			c.refs.Links = append(c.refs.Links, Ref{URL: string(n.dest), Text: plainText(n, src), Line: line, Col: col})
		}
		c.links = append(c.links, linkRef{Dest: string(n.dest), Title: string(n.title), Line: line, Col: col})
	case *ast.RawHTML:
		if c.few || !c.html || n.Segments.Len() == 0 {
			return
		}
		line, col := c.lines.at(n.Segments.At(0).Start)
		var text []byte
		for i := range n.Segments.Len() {
			seg := n.Segments.At(i)
			text = append(text, seg.Value(src)...)
		}
		c.refs.HTML = append(c.refs.HTML, Ref{Text: string(text), Line: line, Col: col})
	case *ast.HTMLBlock:
		if c.few || !c.html || n.Lines().Len() == 0 {
			return
		}
		line, col := c.lines.at(n.Lines().At(0).Start) // Text has the line's indent
		var text []byte
		for i := range n.Lines().Len() {
			seg := n.Lines().At(i)
			text = append(text, seg.Value(src)...)
		}
		if n.HasClosure() {
			text = append(text, n.ClosureLine.Value(src)...)
		}
		c.refs.HTML = append(c.refs.HTML, Ref{Text: string(text), Line: line, Col: col})
	case *ast.Image:
		if _, ok := n.Attribute(imageIndexAttr); ok {
			c.images = append(c.images, string(n.Destination))
		}
		if c.few {
			return
		}
		line, col := c.lines.at(c.start(n, 2))
		c.refs.Images = append(c.refs.Images, Ref{URL: string(n.Destination), Text: plainText(n, src), Line: line, Col: col})
	}
}

// blockStart is the offset of the first non-blank character on a block's
// first line.
func blockStart(n ast.Node, src []byte) int {
	if n.Lines().Len() == 0 {
		return 0
	}
	i := n.Lines().At(0).Start
	i = bytes.LastIndexByte(src[:i], '\n') + 1
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

// inlineStart estimates where an inline node starts: goldmark records no
// position for links and images, only for text. It is the first text inside
// the node less the opening marks ("[" or "!["), else the end of the last
// text before it in its block, else the start of the block.
func inlineStart(n ast.Node, src []byte, marks int) int {
	c := refCollector{lines: lineIndex{src: src}}
	return c.start(n, marks)
}

// start is inlineStart, with the search for text before n cached across
// the collector's calls.
func (c *refCollector) start(n ast.Node, marks int) int {
	if t := firstText(n); t != nil {
		return max(0, t.Segment.Start-marks)
	}
	// lead is the length of the opening marks of the inlines n is first
	// in: "[![](x)](y)" starts the image one byte after the link.
	lead := 0
	for m := n; m != nil && m.Type() == ast.TypeInline; m = m.Parent() {
		if end := c.textBefore(m); end >= 0 {
			return end + lead
		}
		lead += opening(m.Parent())
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock {
			return blockStart(p, c.lines.src) + lead
		}
	}
	return 0
}

// opening is the length of an inline's opening mark, where it is known:
// "[" of a link, "*" or "**" of emphasis.
func opening(n ast.Node) int {
	switch n := n.(type) {
	case *ast.Link, *sourceLink:
		return 1
	case *ast.Emphasis:
		return n.Level
	}
	return 0
}

// textBefore is the end of the last text in the siblings before m, or -1.
// It walks back to a sibling with text or one it has seen, and remembers
// the answer for every sibling it passed.
func (c *refCollector) textBefore(m ast.Node) int {
	if c.before == nil {
		c.before = map[ast.Node]int{}
	}
	var passed []ast.Node
	end := -1
	for q := m; ; {
		if v, ok := c.before[q]; ok {
			end = v
			break
		}
		passed = append(passed, q)
		p := q.PreviousSibling()
		if p == nil {
			break
		}
		if t := lastText(p); t != nil {
			end = t.Segment.Stop
			break
		}
		q = p
	}
	for _, q := range passed {
		c.before[q] = end
	}
	return end
}

func firstText(n ast.Node) *ast.Text {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return t
		}
		if t := firstText(c); t != nil {
			return t
		}
	}
	return nil
}

func lastText(n ast.Node) *ast.Text {
	if t, ok := n.(*ast.Text); ok {
		return t
	}
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if t := lastText(c); t != nil {
			return t
		}
	}
	return nil
}

// lineIndex turns byte offsets into line and column.
type lineIndex struct {
	src    []byte
	starts []int // offset of each line's first byte
	// The last answer, to count a column on from it: refs come in
	// document order, and a line of thousands of links would otherwise
	// cost the square of its length.
	lastOff, lastLine, lastCol int
}

// at returns the 1-based line and character column of offset off.
func (x *lineIndex) at(off int) (line, col int) {
	if x.starts == nil { // built on first use: most bodies have few refs, some none
		x.starts = make([]int, 1, bytes.Count(x.src, []byte("\n"))+1)
		for i := 0; ; {
			j := bytes.IndexByte(x.src[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			x.starts = append(x.starts, i)
		}
	}
	off = min(max(off, 0), len(x.src))
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	if x.lastLine == i+1 && x.lastOff <= off {
		col = x.lastCol + utf8.RuneCount(x.src[x.lastOff:off])
	} else {
		col = utf8.RuneCount(x.src[x.starts[i]:off]) + 1
	}
	x.lastOff, x.lastLine, x.lastCol = off, i+1, col
	return i + 1, col
}

// shift moves body lines to file lines.
func (r Refs) shift(lines int) Refs {
	for _, list := range [][]Ref{r.Links, r.Images, r.Headings, r.HTML} {
		for i := range list {
			list[i].Line += lines
		}
	}
	return r
}
