package content

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Callouts are block quotes that start with a GitHub alert line:
//
//	> [!TIP]
//	> Ask the recruiter for the salary range before the first interview.
//
// The kinds are NOTE, TIP, IMPORTANT, WARNING and CAUTION, in any case;
// text after the mark on its line replaces the kind's title, as in
// "> [!WARNING] Offers expire". Any other block quote stays one.
type callout struct {
	ast.BaseBlock
	kind  string // "note", "tip", "important", "warning", "caution"
	title string // plain text
}

var kindCallout = ast.NewNodeKind("Callout")

func (n *callout) Kind() ast.NodeKind { return kindCallout }

func (n *callout) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Kind": n.kind, "Title": n.title}, nil)
}

// calloutTitles are the kinds and their default titles.
var calloutTitles = map[string]string{
	"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution",
}

// toCallout replaces q by a callout when its first line is an alert mark.
func toCallout(q *ast.Blockquote, src []byte) {
	para, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || para.Lines().Len() == 0 || q.Parent() == nil {
		return
	}
	first := para.Lines().At(0)
	line := bytes.TrimSpace(first.Value(src))
	end := bytes.IndexByte(line, ']')
	if len(line) < 4 || line[0] != '[' || line[1] != '!' || end < 0 ||
		end+1 < len(line) && line[end+1] != ' ' && line[end+1] != '\t' { // "[!NOTE](url)" is a link
		return
	}
	kind := strings.ToLower(string(line[2:end]))
	title, known := calloutTitles[kind]
	if !known {
		return
	}
	// The inlines of the first line become the title: the mark itself,
	// and any text after it.
	head := ast.NewParagraph()
	for c := para.FirstChild(); c != nil && startOf(c, src) < first.Stop; {
		next := c.NextSibling()
		head.AppendChild(head, c)
		c = next
	}
	if t := strings.TrimSpace(strings.TrimPrefix(plainText(head, src), string(line[:end+1]))); t != "" {
		title = t
	}
	if para.FirstChild() == nil {
		q.RemoveChild(q, para)
	}
	n := &callout{kind: kind, title: title}
	for c := q.FirstChild(); c != nil; {
		next := c.NextSibling()
		n.AppendChild(n, c)
		c = next
	}
	q.Parent().ReplaceChild(q.Parent(), q, n)
}

type calloutRenderer struct{}

func (calloutRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(kindCallout, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*callout)
		if !entering {
			_, _ = w.WriteString("</div>\n")
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString(`<div class="callout callout-` + n.kind + `" role="note">` + "\n" + `<p class="callout-title">`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.title)))
		_, _ = w.WriteString("</p>\n")
		return ast.WalkContinue, nil
	})
}

// startOf is where an inline starts in the source, as far as its text shows.
func startOf(n ast.Node, src []byte) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	return inlineStart(n, src, 0)
}
