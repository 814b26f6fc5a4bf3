package theme

import (
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/internal/yamlpos"
)

// call is one partialCached call in a template of the shared set.
type call struct {
	tree   *parse.Tree
	node   *parse.CommandNode
	caller string // the template that holds the call
	target string // the partial it names; "" when not a quoted string
}

// checkPartialCalls reports the partialCached calls in base (baseof.html,
// the partials and the templates they define) that could run their own
// caller again. partialCached renders its partial in an execution of its
// own, where html/template's depth limit starts again from zero: such a loop
// would recurse until the Go stack overflows, which kills the process. A
// call must therefore name its partial with a quoted string, so that loops
// show at load. It returns the templates that partialCached must refuse to
// run: the targets of the reported calls, and with a name that is not a
// quoted string every template that leads back to its caller.
func (l *loader) checkPartialCalls(base *template.Template) map[string]bool {
	runs, calls := callGraph(base)
	refused := map[string]bool{}
	for _, c := range calls {
		loc, _ := c.tree.ErrorContext(c.node)
		if l.missingPartial(base, c) {
			continue
		}
		if c.target == "" {
			// The name is only known when the page renders: refuse every
			// template it could loop through.
			for _, t := range base.Templates() {
				if pathTo(runs, t.Name(), c.caller) != nil {
					refused[t.Name()] = true
				}
			}
			l.add(l.th.locate(fmt.Errorf("template: %s: partialCached in %s needs the partial's name as a quoted string, "+
				"as in {{ partialCached \"partials/card.html\" . }}, so that a partial that includes itself is caught at load",
				loc, c.caller), c.tree.ParseName))
			continue
		}
		loop := pathTo(runs, c.target, c.caller)
		if loop == nil {
			continue
		}
		refused[c.target] = true
		var chain []string
		for _, name := range append([]string{c.caller}, loop...) {
			chain = append(chain, l.describe(base, name))
		}
		l.add(l.th.locate(fmt.Errorf("template: %s: partialCached %q includes itself without end (%s): "+
			"remove the call, or use {{ template %q . }} for a partial that recurses on smaller data",
			loc, c.target, strings.Join(chain, " → "), c.target), c.tree.ParseName))
	}
	return refused
}

// checkKindCalls reports the partialCached calls in file, a page kind's
// file parsed into set, that name no partial of base.
func (l *loader) checkKindCalls(base, set *template.Template, file string) {
	_, calls := scan(set)
	for _, c := range calls {
		if c.tree.ParseName == file {
			l.missingPartial(base, c)
		}
	}
}

// missingPartial reports c, a partialCached call, when it names with a
// quoted string a template that base (baseof.html, the partials and what
// they define: all partialCached can run) does not have.
func (l *loader) missingPartial(base *template.Template, c call) bool {
	if c.target == "" || base.Lookup(c.target) != nil {
		return false
	}
	if l.unparsed[c.target] {
		// The file is there, and its own error is reported already.
		return true
	}
	loc, _ := c.tree.ErrorContext(c.node)
	l.add(l.th.locate(fmt.Errorf("template: %s: partialCached %q: no such partial: create %s/%s, or correct the name",
		loc, c.target, l.th.first, c.target), c.tree.ParseName))
	return true
}

// describe names the template name of set for messages: the path of its
// file, or the name and the path of the file that defines it.
func (l *loader) describe(set *template.Template, name string) string {
	if p, ok := l.th.files[name]; ok {
		return p
	}
	if t := set.Lookup(name); t != nil && t.Tree != nil {
		return fmt.Sprintf("%q in %s", name, l.th.display(t.Tree.ParseName))
	}
	return strconv.Quote(name)
}

// scan returns the templates each template of set calls with {{ template }}
// (or {{ block }}), and its partialCached calls.
func scan(set *template.Template) (runs map[string][]string, calls []call) {
	runs = map[string][]string{}
	for _, t := range set.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		name := t.Name()
		walkCommands(t.Tree.Root, func(n parse.Node) {
			switch n := n.(type) {
			case *parse.TemplateNode:
				runs[name] = append(runs[name], n.Name)
			case *parse.CommandNode:
				if id, ok := n.Args[0].(*parse.IdentifierNode); !ok || id.Ident != "partialCached" {
					return
				}
				c := call{tree: t.Tree, node: n, caller: name}
				if len(n.Args) > 1 {
					if s, ok := n.Args[1].(*parse.StringNode); ok {
						c.target = s.Text
					}
				}
				calls = append(calls, c)
			}
		})
	}
	return runs, calls
}

// callGraph is scan, with the partials that partialCached calls by a
// quoted name among the templates each template runs.
func callGraph(set *template.Template) (runs map[string][]string, calls []call) {
	runs, calls = scan(set)
	for _, c := range calls {
		if c.target != "" {
			runs[c.caller] = append(runs[c.caller], c.target)
		}
	}
	return runs, calls
}

// pathTo returns the templates from from to to, both included, along the
// edges of runs, or nil when there is no such path.
func pathTo(runs map[string][]string, from, to string) []string {
	prev := map[string]string{from: ""}
	queue := []string{from}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if n == to {
			path := []string{n}
			for n != from {
				n = prev[n]
				path = append(path, n)
			}
			slices.Reverse(path)
			return path
		}
		for _, next := range runs[n] {
			if _, seen := prev[next]; !seen {
				prev[next] = n
				queue = append(queue, next)
			}
		}
	}
	return nil
}

// walkCommands calls f with every command and {{ template }} call under n,
// including those in parenthesized pipelines.
func walkCommands(n parse.Node, f func(parse.Node)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				walkCommands(c, f)
			}
		}
	case *parse.ActionNode:
		walkCommands(n.Pipe, f)
	case *parse.IfNode:
		walkCommands(&n.BranchNode, f)
	case *parse.RangeNode:
		walkCommands(&n.BranchNode, f)
	case *parse.WithNode:
		walkCommands(&n.BranchNode, f)
	case *parse.BranchNode:
		walkCommands(n.Pipe, f)
		walkCommands(n.List, f)
		walkCommands(n.ElseList, f)
	case *parse.TemplateNode:
		f(n)
		walkCommands(n.Pipe, f)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				walkCommands(c, f)
			}
		}
	case *parse.CommandNode:
		f(n)
		for _, a := range n.Args {
			walkCommands(a, f)
		}
	case *parse.ChainNode:
		walkCommands(n.Node, f)
	}
}

// checkBlocks warns about each template that file, a page kind's file that
// only defines blocks, defines and that no template of its page runs: the
// page would lack it, without a word. It is a typo ({{ define "mian" }}),
// or a baseof.html whose blocks have other names than the kind files'
// (a theme's baseof runs "content", the built-in article.html defines
// "main").
func (l *loader) checkBlocks(set *template.Template, file string) {
	if b := set.Lookup("baseof.html"); b == nil || b.Tree == nil || b.Tree.ParseName != "baseof.html" {
		return // redefined by another file, which is the fault to report
	}
	runs, _ := callGraph(set)
	reached := map[string]bool{}
	for queue := []string{"baseof.html"}; len(queue) > 0; queue = queue[1:] {
		if n := queue[0]; !reached[n] {
			reached[n] = true
			queue = append(queue, runs[n]...)
		}
	}
	var blocks []string
	for _, name := range runs["baseof.html"] {
		if !slices.Contains(blocks, name) {
			blocks = append(blocks, name)
		}
	}
	for _, t := range set.Templates() {
		name := t.Name()
		if name == file || reached[name] || t.Tree == nil || t.Tree.ParseName != file {
			continue
		}
		loc, _ := t.Tree.ErrorContext(t.Tree.Root)
		hint := ""
		if s := yamlpos.Suggest(name, blocks); s != "" {
			hint = fmt.Sprintf("; did you mean %q?", s)
		}
		quoted := make([]string, len(blocks))
		for i, b := range blocks {
			quoted[i] = strconv.Quote(b)
		}
		d := l.th.locate(fmt.Errorf("template: %s: defines %q, which no template of the page runs, so the page lacks it: "+
			"%s runs %s%s", loc, name, l.th.display("baseof.html"), strings.Join(quoted, ", "), hint), file)
		d.Severity = diag.Warning
		l.add(d)
	}
}
