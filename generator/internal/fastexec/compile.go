// Package fastexec runs the parse trees of html/template, once
// html/template has escaped them, without text/template's executor: each
// tree is compiled once into a tree of Go closures, with field lookups
// resolved once per concrete type, variables in slots and the builtins
// written out.
//
// Escaping is html/template's alone. html/template decides, when it
// escapes a tree, which escapers follow each action; fastexec runs the
// action's pipeline and hands its value to those same functions of
// html/template, in that order (see escapers.go), and writes what they
// return. Nothing here decides or does escaping.
//
// Contract: for every template Compile accepts, Execute writes what
// html/template's Execute writes and fails where it fails, with the same
// error text. Compile refuses, with an error naming it, any construct
// outside what it reproduces (print, printf, println, html, js, urlquery,
// slice and call; a method or field of a constant), and an action without
// html/template's escapers, the mark of a tree html/template has not
// escaped yet; the caller runs such a template with html/template instead. Available reports whether the Go
// release in use lets fastexec reach html/template's escaped trees and
// escaping functions; when it does not, nothing is compiled.
package fastexec

import (
	"fmt"
	"reflect"
	"sync"
	"text/template/parse"
	"unsafe"
)

// Compiler compiles the templates of one escaped html/template set.
type Compiler struct {
	funcs  map[string]reflect.Value
	lookup func(name string) *parse.Tree

	mu    sync.Mutex
	progs map[string]*tmpl
	added []string // the templates the running Compile compiled
}

// NewCompiler returns a compiler of the templates lookup finds (the trees
// of the set's text/template, escaped, derived copies included), with the
// functions of funcs (html/template's FuncMap, without its escapers).
func NewCompiler(funcs map[string]any, lookup func(string) *parse.Tree) *Compiler {
	c := &Compiler{funcs: map[string]reflect.Value{}, lookup: lookup, progs: map[string]*tmpl{}}
	for name, f := range funcs {
		c.funcs[name] = reflect.ValueOf(f)
	}
	for name, f := range stdEscapers() {
		c.funcs[name] = reflect.ValueOf(f)
	}
	return c
}

// Program is a compiled template, ready to run.
type Program struct{ t *tmpl }

// Compile compiles template name and every template it calls.
func (c *Compiler) Compile(name string) (*Program, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.added = c.added[:0]
	t, err := c.template(name)
	if err != nil {
		// A template compiled on the way may call the one that
		// failed, which has no body: none is kept.
		for _, n := range c.added {
			delete(c.progs, n)
		}
		return nil, err
	}
	if t == nil {
		return nil, fmt.Errorf("template %q not defined", name)
	}
	return &Program{t: t}, nil
}

// tmpl is one compiled template.
type tmpl struct {
	name  string
	tree  *parse.Tree
	body  execFn
	nvars int // slots of its variables, $ included
}

// template returns the compiled template name, compiling it and what it
// calls, or nil when there is no such template.
func (c *Compiler) template(name string) (*tmpl, error) {
	if t, ok := c.progs[name]; ok {
		return t, nil
	}
	tree := c.lookup(name)
	if tree == nil || tree.Root == nil {
		return nil, nil
	}
	t := &tmpl{name: name, tree: tree}
	c.progs[name] = t // before its body: a template may call itself
	c.added = append(c.added, name)
	tc := &tcomp{c: c, t: t}
	tc.declare("$")
	body, err := tc.list(tree.Root)
	if err != nil {
		return nil, err
	}
	t.body, t.nvars = body, tc.nslots
	return t, nil
}

// tcomp compiles one template: it knows the variables in scope.
type tcomp struct {
	c      *Compiler
	t      *tmpl
	scope  []variable
	nslots int
}

type variable struct {
	name string
	slot int
}

func (tc *tcomp) declare(name string) int {
	slot := tc.nslots
	tc.nslots++
	tc.scope = append(tc.scope, variable{name, slot})
	return slot
}

func (tc *tcomp) find(name string) (int, error) {
	for i := len(tc.scope) - 1; i >= 0; i-- {
		if tc.scope[i].name == name {
			return tc.scope[i].slot, nil
		}
	}
	return 0, fmt.Errorf("undefined variable: %s", name)
}

// unsupported is the error of a construct fastexec does not compile.
func (tc *tcomp) unsupported(n parse.Node, what string) error {
	loc, _ := tc.t.tree.ErrorContext(n)
	return fmt.Errorf("fastexec: %s: %s is not supported", loc, what)
}

func (tc *tcomp) list(l *parse.ListNode) (execFn, error) {
	if l == nil {
		return func(*state, reflect.Value) error { return nil }, nil
	}
	var fns []execFn
	for _, n := range l.Nodes {
		f, err := tc.node(n)
		if err != nil {
			return nil, err
		}
		if f != nil {
			fns = append(fns, f)
		}
	}
	switch len(fns) {
	case 0:
		return func(*state, reflect.Value) error { return nil }, nil
	case 1:
		return fns[0], nil
	}
	return func(s *state, dot reflect.Value) error {
		for _, f := range fns {
			if err := f(s, dot); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

func (tc *tcomp) node(n parse.Node) (execFn, error) {
	switch n := n.(type) {
	case *parse.TextNode:
		text := n.Text // written as it is: the theme's range guards are known by their bytes
		return func(s *state, _ reflect.Value) error {
			_, err := s.w.Write(text)
			return err
		}, nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		return tc.action(n)
	case *parse.IfNode:
		return tc.ifWith(n, &n.BranchNode, false)
	case *parse.WithNode:
		return tc.ifWith(n, &n.BranchNode, true)
	case *parse.RangeNode:
		return tc.rangeNode(n)
	case *parse.TemplateNode:
		return tc.templateNode(n)
	case *parse.BreakNode:
		return func(*state, reflect.Value) error { return errBreak }, nil
	case *parse.ContinueNode:
		return func(*state, reflect.Value) error { return errContinue }, nil
	case *parse.ListNode:
		return tc.list(n)
	}
	return nil, tc.unsupported(n, fmt.Sprintf("node %T", n))
}

// action compiles {{ pipeline }}: a pipeline whose escapers html/template
// put last is evaluated up to them, and its value escaped into the scratch
// buffer, written at once.
func (tc *tcomp) action(n *parse.ActionNode) (execFn, error) {
	pipe := n.Pipe
	if len(pipe.Decl) > 0 {
		eval, err := tc.pipeline(pipe, len(pipe.Cmds))
		if err != nil {
			return nil, err
		}
		return func(s *state, dot reflect.Value) error {
			_, err := eval(s, dot)
			return err
		}, nil
	}
	// Split off the escapers.
	k := len(pipe.Cmds)
	for k > 1 && isEscaperCall(pipe.Cmds[k-1]) {
		k--
	}
	names := pipe.Cmds[k:]
	if len(names) == 0 {
		// html/template ends every action that writes with its
		// escapers (or, merged with them, html or urlquery, which are
		// not compiled): an action without is in a tree html/template
		// has not escaped, which only its own Execute escapes. Running
		// it would write the value as it is.
		return nil, tc.unsupported(n, "an action html/template has not escaped")
	}
	chain, err := tc.c.chain(names)
	if err != nil {
		return nil, tc.unsupported(n, err.Error())
	}
	eval, err := tc.pipeline(pipe, k)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot reflect.Value) error {
		v, err := eval(s, dot)
		if err != nil {
			return err
		}
		out, err := s.escape(chain, names, v)
		if err != nil {
			return err
		}
		_, err = s.w.Write(unsafe.Slice(unsafe.StringData(out), len(out)))
		return err
	}, nil
}

// isEscaperCall reports whether cmd calls one of html/template's
// escapers with the value piped into it alone.
func isEscaperCall(cmd *parse.CommandNode) bool {
	if len(cmd.Args) != 1 {
		return false
	}
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	return ok && isEscaperName(id.Ident)
}

func (tc *tcomp) ifWith(n parse.Node, b *parse.BranchNode, with bool) (execFn, error) {
	mark := len(tc.scope)
	eval, err := tc.pipeline(b.Pipe, len(b.Pipe.Cmds))
	if err != nil {
		return nil, err
	}
	inPipe := len(tc.scope)
	then, err := tc.list(b.List)
	if err != nil {
		return nil, err
	}
	// The parser lets else name a variable declared in the then list,
	// but at run time it is not there: text/template finds the one
	// declared before, or none.
	tc.scope = tc.scope[:inPipe]
	var els execFn
	if b.ElseList != nil {
		if els, err = tc.list(b.ElseList); err != nil {
			return nil, err
		}
	}
	tc.scope = tc.scope[:mark]
	pipe := b.Pipe
	return func(s *state, dot reflect.Value) error {
		v, err := eval(s, dot)
		if err != nil {
			return err
		}
		truth, ok := isTrue(indirectInterface(v))
		if !ok {
			return s.errorf(pipe, "if/with can't use %v", v)
		}
		switch {
		case truth && with:
			return then(s, v)
		case truth:
			return then(s, dot)
		case els != nil:
			return els(s, dot)
		}
		return nil
	}, nil
}

func (tc *tcomp) templateNode(n *parse.TemplateNode) (execFn, error) {
	var eval evalPipe
	if n.Pipe != nil {
		var err error
		if eval, err = tc.pipeline(n.Pipe, len(n.Pipe.Cmds)); err != nil {
			return nil, err
		}
	}
	// Declarations in the pipeline persist, as text/template has them.
	callee, err := tc.c.template(n.Name)
	if err != nil {
		return nil, err
	}
	name := n.Name
	return func(s *state, dot reflect.Value) error {
		if callee == nil {
			return s.errorf(n, "template %q not defined", name)
		}
		if s.depth == maxDepth {
			return s.errorf(n, "exceeded maximum template depth (%v)", maxDepth)
		}
		var v reflect.Value
		if eval != nil {
			var err error
			if v, err = eval(s, dot); err != nil {
				return err
			}
		}
		return s.call(callee, v)
	}, nil
}

// maxDepth is text/template's limit on nested template calls.
const maxDepth = 100000

func (tc *tcomp) rangeNode(n *parse.RangeNode) (execFn, error) {
	mark := len(tc.scope)
	pipe := n.Pipe
	eval, err := tc.pipeline(pipe, len(pipe.Cmds))
	if err != nil {
		return nil, err
	}
	// The slots the iterations set: index and element.
	idxSlot, elemSlot := -1, -1
	if len(pipe.Decl) > 0 {
		slots := make([]int, len(pipe.Decl))
		for i, d := range pipe.Decl {
			if slots[i], err = tc.find(d.Ident[0]); err != nil {
				return nil, err
			}
		}
		if len(slots) > 1 {
			idxSlot, elemSlot = slots[0], slots[1]
		} else {
			elemSlot = slots[0]
		}
	}
	inPipe := len(tc.scope)
	body, err := tc.list(n.List)
	if err != nil {
		return nil, err
	}
	tc.scope = tc.scope[:inPipe] // as in ifWith
	var els execFn
	if n.ElseList != nil {
		if els, err = tc.list(n.ElseList); err != nil {
			return nil, err
		}
	}
	tc.scope = tc.scope[:mark]
	two := len(pipe.Decl) > 1
	lastCmd := pipe.Cmds[len(pipe.Cmds)-1]
	lastArg := lastCmd.Args[len(lastCmd.Args)-1]
	return func(s *state, dot reflect.Value) error {
		v, err := eval(s, dot)
		if err != nil {
			return err
		}
		val, _ := indirect(v)
		lp := rangeLoop{idxSlot: idxSlot, elemSlot: elemSlot, body: body, keyed: val.Kind() == reflect.Map || val.Kind() == reflect.Func}
		ran := false
		switch val.Kind() {
		case reflect.Array, reflect.Slice:
			for i := 0; i < val.Len(); i++ {
				ran = true
				if err := lp.iter(s, i, reflect.Value{}, val.Index(i)); err != nil {
					if err == errBreak {
						break
					}
					return err
				}
			}
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			if two {
				return s.errorf(lastArg, "can't use %v to iterate over more than one variable", val)
			}
			var err error
			if ran, err = lp.seq(s, val); err != nil {
				return err
			}
		case reflect.Map:
			for _, kv := range sortedMap(val) {
				ran = true
				if err := lp.iter(s, 0, kv.key, kv.value); err != nil {
					if err == errBreak {
						break
					}
					return err
				}
			}
		case reflect.Invalid:
		case reflect.Chan:
			if val.IsNil() {
				break
			}
			if val.Type().ChanDir() == reflect.SendDir {
				return s.errorf(lastArg, "range over send-only channel %v", val)
			}
			for i := 0; ; i++ {
				elem, ok := val.Recv()
				if !ok {
					break
				}
				ran = true
				if err := lp.iter(s, i, reflect.Value{}, elem); err != nil {
					if err == errBreak {
						break
					}
					return err
				}
			}
		case reflect.Func:
			var err error
			switch t := val.Type(); {
			case t.CanSeq():
				if two {
					return s.errorf(lastArg, "can't use %v iterate over more than one variable", val)
				}
				ran, err = lp.seq(s, val)
			case t.CanSeq2():
				ran, err = lp.seq2(s, val, two)
			default:
				return s.errorf(lastArg, "range can't iterate over %v", val)
			}
			if err != nil {
				return err
			}
		default:
			return s.errorf(lastArg, "range can't iterate over %v", val)
		}
		if !ran && els != nil {
			// text/template's range recovers a break anywhere in
			// it, its else included: a break in the else of a range
			// within another ends the inner range, not the outer.
			if err := els(s, dot); err != errBreak {
				return err
			}
		}
		return nil
	}, nil
}

// rangeLoop runs the passes of one range.
type rangeLoop struct {
	idxSlot, elemSlot int
	body              execFn
	keyed             bool // the index is given: a map's key, an iterator's first value
}

func (lp rangeLoop) iter(s *state, i int, idx, elem reflect.Value) error {
	if lp.idxSlot >= 0 {
		if !lp.keyed {
			idx = reflect.ValueOf(i)
		}
		s.vars[s.base+lp.idxSlot] = idx
	}
	if lp.elemSlot >= 0 {
		s.vars[s.base+lp.elemSlot] = elem
	}
	err := lp.body(s, elem)
	if err == errContinue {
		return nil
	}
	return err
}

// seq ranges over an iter.Seq, as text/template does: the value is the
// element; and over an integer, as Go 1.22's range over an int.
func (lp rangeLoop) seq(s *state, val reflect.Value) (ran bool, err error) {
	for e := range val.Seq() {
		ran = true
		if err = lp.iter(s, 0, reflect.Value{}, e); err != nil {
			if err == errBreak {
				return ran, nil
			}
			return ran, err
		}
	}
	return ran, nil
}

// seq2 ranges over an iter.Seq2, as text/template does: with two
// variables, the first value is the index and the second the element;
// with one, the first value is the element.
func (lp rangeLoop) seq2(s *state, val reflect.Value, two bool) (ran bool, err error) {
	for k, e := range val.Seq2() {
		ran = true
		if two {
			err = lp.iter(s, 0, k, e)
		} else {
			err = lp.iter(s, 0, reflect.Value{}, k)
		}
		if err != nil {
			if err == errBreak {
				return ran, nil
			}
			return ran, err
		}
	}
	return ran, nil
}
