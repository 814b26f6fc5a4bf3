package theme

import (
	"fmt"
	"html/template"
	"strings"
	"text/template/parse"
)

// Fold replaces each call of the function name whose arguments are all
// constants ({{ T "updated" }}, {{ T "min_read" 1 }}), and whose result the
// page writes as HTML text or inside a quoted attribute value, by its
// result, escaped as html/template escapes it there: the words a theme
// looks up then cost a page nothing. f is the function the templates call,
// and must give the same result for the same arguments on every page of
// the build. A call f fails for, or whose result goes anywhere else (a URL,
// a script, a style, another function), is left to run with each page.
//
// Fold must be called after Load and before the first Execute. It changes
// the templates of the page kinds, which the trial runs of Load escaped,
// and not those of partialCached and shortcodes, which run once a build or
// inside Markdown.
func (t *Theme) Fold(name string, f func(args []any) (string, error)) {
	esc := newFoldEscapers()
	if esc == nil {
		return // this html/template escapes otherwise: run every call
	}
	for _, entry := range t.kinds {
		for _, tm := range entry.Templates() {
			if tm.Tree != nil && tm.Tree.Root != nil {
				foldList(tm.Tree.Root, name, f, esc)
			}
		}
	}
}

// foldList folds the calls in the nodes of list and of the branches in it.
func foldList(list *parse.ListNode, name string, f func([]any) (string, error), esc foldEscapers) {
	if list == nil {
		return
	}
	for i, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if text, ok := foldAction(n, name, f, esc); ok {
				list.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(text)}
			}
		case *parse.IfNode:
			foldList(n.List, name, f, esc)
			foldList(n.ElseList, name, f, esc)
		case *parse.RangeNode:
			foldList(n.List, name, f, esc)
			foldList(n.ElseList, name, f, esc)
		case *parse.WithNode:
			foldList(n.List, name, f, esc)
			foldList(n.ElseList, name, f, esc)
		case *parse.ListNode:
			foldList(n, name, f, esc)
		}
	}
}

// foldAction returns what the action a writes, escaped, when it is a call
// of name with constant arguments piped into one escaper of esc alone.
func foldAction(a *parse.ActionNode, name string, f func([]any) (string, error), esc foldEscapers) (string, bool) {
	p := a.Pipe
	if p == nil || len(p.Decl) > 0 || p.IsAssign || len(p.Cmds) != 2 {
		return "", false
	}
	call, escaper := p.Cmds[0].Args, p.Cmds[1].Args
	if len(call) == 0 || len(escaper) != 1 {
		return "", false
	}
	if id, ok := call[0].(*parse.IdentifierNode); !ok || id.Ident != name {
		return "", false
	}
	id, ok := escaper[0].(*parse.IdentifierNode)
	if !ok {
		return "", false
	}
	escape, ok := esc[id.Ident]
	if !ok {
		return "", false
	}
	args := make([]any, 0, len(call)-1)
	for _, arg := range call[1:] {
		switch arg := arg.(type) {
		case *parse.StringNode:
			args = append(args, arg.Text)
		case *parse.NumberNode:
			if !arg.IsInt {
				return "", false
			}
			args = append(args, int(arg.Int64))
		default:
			return "", false
		}
	}
	s, err := safely(f, args)
	if err != nil {
		return "", false // it fails again on the page, which reports it
	}
	return escape(s)
}

// safely is f(args), with a panic of f as its error: Fold runs while the
// theme loads, where a panic would end the build, and the call left to
// run on the page has its panic turned into an error there by
// text/template, at its place in the template.
func safely(f func([]any) (string, error), args []any) (s string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return f(args)
}

// foldEscapers are the escapers whose output Fold can compute, by the name
// html/template gives them in an escaped template: each runs a template
// that html/template escapes with that escaper alone, so the text is
// escaped by html/template itself.
type foldEscapers map[string]func(string) (string, bool)

// newFoldEscapers returns the escapers of HTML text and quoted attribute
// values, or nil when html/template does not name them as expected.
func newFoldEscapers() foldEscapers {
	esc := foldEscapers{}
	for _, c := range []struct{ before, after string }{{"", ""}, {`<p title="`, `">`}} {
		tm := template.Must(template.New("fold").Parse(c.before + "{{ . }}" + c.after))
		var b strings.Builder
		if err := tm.Execute(&b, ""); err != nil || b.String() != c.before+c.after {
			return nil
		}
		escaper, ok := soleEscaper(tm.Tree.Root)
		if !ok {
			return nil
		}
		esc[escaper] = func(s string) (string, bool) {
			var b strings.Builder
			if err := tm.Execute(&b, s); err != nil {
				return "", false
			}
			out := b.String()
			return out[len(c.before) : len(out)-len(c.after)], true
		}
	}
	return esc
}

// soleEscaper returns the name of the escaper html/template put after the
// one action in root, when it put one alone.
func soleEscaper(root *parse.ListNode) (string, bool) {
	for _, n := range root.Nodes {
		if a, ok := n.(*parse.ActionNode); ok {
			cmds := a.Pipe.Cmds
			if len(cmds) != 2 || len(cmds[1].Args) != 1 {
				return "", false
			}
			if id, ok := cmds[1].Args[0].(*parse.IdentifierNode); ok && strings.HasPrefix(id.Ident, "_html_template_") {
				return id.Ident, true
			}
			return "", false
		}
	}
	return "", false
}
