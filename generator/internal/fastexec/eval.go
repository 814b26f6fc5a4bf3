package fastexec

import (
	"fmt"
	"reflect"
	"strings"
	"text/template/parse"
)

// pipeline compiles the first k commands of pipe and its declarations.
func (tc *tcomp) pipeline(pipe *parse.PipeNode, k int) (evalPipe, error) {
	cmds := make([]evalCmd, k)
	for i, cmd := range pipe.Cmds[:k] {
		var err error
		if cmds[i], err = tc.command(cmd, i > 0); err != nil {
			return nil, err
		}
	}
	slots := make([]int, len(pipe.Decl))
	for i, d := range pipe.Decl {
		if len(d.Ident) != 1 {
			return nil, tc.unsupported(d, "a declaration of a field")
		}
		if pipe.IsAssign {
			var err error
			if slots[i], err = tc.find(d.Ident[0]); err != nil {
				return nil, tc.unsupported(d, err.Error())
			}
		} else {
			slots[i] = tc.declare(d.Ident[0])
		}
	}
	one := len(cmds) == 1 && len(slots) == 0
	var first evalCmd
	if len(cmds) > 0 {
		first = cmds[0]
	}
	if one {
		return func(s *state, dot reflect.Value) (reflect.Value, error) {
			v, err := first(s, dot, reflect.Value{})
			if err != nil {
				return v, err
			}
			return unwrapEmpty(v), nil
		}, nil
	}
	return func(s *state, dot reflect.Value) (reflect.Value, error) {
		var v reflect.Value
		for _, cmd := range cmds {
			var err error
			if v, err = cmd(s, dot, v); err != nil {
				return v, err
			}
			v = unwrapEmpty(v)
		}
		for _, slot := range slots {
			s.vars[s.base+slot] = v
		}
		return v, nil
	}, nil
}

// unwrapEmpty digs a value of type interface{} out to what it holds, as
// text/template does after each command of a pipeline.
func unwrapEmpty(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
		if v.IsNil() {
			return reflect.Value{}
		}
		return v.Elem()
	}
	return v
}

// command compiles one command of a pipeline; piped says a value is piped
// into it, as its last argument.
func (tc *tcomp) command(cmd *parse.CommandNode, piped bool) (evalCmd, error) {
	args := cmd.Args[1:]
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		return tc.fieldChain(n, nil, n.Ident, args, piped)
	case *parse.ChainNode:
		if n.Node.Type() == parse.NodeNil {
			return nil, tc.unsupported(n, "indirection through explicit nil")
		}
		recv, err := tc.arg(n.Node)
		if err != nil {
			return nil, err
		}
		if recv.konst {
			return nil, tc.unsupported(n, "a field of a constant")
		}
		return tc.fieldChain(n, recv.eval, n.Field, args, piped)
	case *parse.VariableNode:
		slot, err := tc.find(n.Ident[0])
		if err != nil {
			return runtimeError(n, err), nil
		}
		recv := func(s *state, _ reflect.Value) (reflect.Value, error) { return s.vars[s.base+slot], nil }
		if len(n.Ident) == 1 {
			if len(args) > 0 || piped {
				return tc.notAFunction(cmd), nil
			}
			return func(s *state, _, _ reflect.Value) (reflect.Value, error) { return s.vars[s.base+slot], nil }, nil
		}
		return tc.fieldChain(n, recv, n.Ident[1:], args, piped)
	case *parse.IdentifierNode:
		return tc.function(n, cmd, args, piped)
	case *parse.PipeNode:
		if len(args) > 0 || piped {
			return tc.notAFunction(cmd), nil
		}
		p, err := tc.pipeline(n, len(n.Cmds))
		if err != nil {
			return nil, err
		}
		return func(s *state, dot, _ reflect.Value) (reflect.Value, error) { return p(s, dot) }, nil
	}
	if len(args) > 0 || piped {
		return tc.notAFunction(cmd), nil
	}
	switch n := cmd.Args[0].(type) {
	case *parse.DotNode:
		return func(_ *state, dot, _ reflect.Value) (reflect.Value, error) { return dot, nil }, nil
	case *parse.BoolNode, *parse.StringNode, *parse.NumberNode:
		v, err := idealConstant(n)
		if err != nil {
			msg := err.Error()
			return func(s *state, _, _ reflect.Value) (reflect.Value, error) {
				return reflect.Value{}, s.errorf(n, "%s", msg)
			}, nil
		}
		return func(*state, reflect.Value, reflect.Value) (reflect.Value, error) { return v, nil }, nil
	case *parse.NilNode:
		return func(s *state, _, _ reflect.Value) (reflect.Value, error) {
			return reflect.Value{}, s.errorf(n, "nil is not a command")
		}, nil
	}
	return nil, tc.unsupported(cmd, fmt.Sprintf("command %s", cmd))
}

func (tc *tcomp) notAFunction(cmd *parse.CommandNode) evalCmd {
	first := cmd.Args[0]
	return func(s *state, _, _ reflect.Value) (reflect.Value, error) {
		return reflect.Value{}, s.errorf(first, "can't give argument to non-function %s", first)
	}
}

// idealConstant is the value of a constant with no type to fit: a bool,
// a string, or a number as an int, else a float64.
func idealConstant(n parse.Node) (reflect.Value, error) {
	switch n := n.(type) {
	case *parse.BoolNode:
		return reflect.ValueOf(n.True), nil
	case *parse.StringNode:
		return reflect.ValueOf(n.Text), nil
	case *parse.NumberNode:
		isHex := len(n.Text) > 2 && n.Text[0] == '0' && (n.Text[1] == 'x' || n.Text[1] == 'X') && !strings.ContainsAny(n.Text, "pP")
		isRune := len(n.Text) > 0 && n.Text[0] == '\''
		switch {
		case n.IsComplex:
			return reflect.ValueOf(n.Complex128), nil
		case n.IsFloat && !isHex && !isRune && strings.ContainsAny(n.Text, ".eEpP"):
			return reflect.ValueOf(n.Float64), nil
		case n.IsInt:
			i := int(n.Int64)
			if int64(i) != n.Int64 {
				return reflect.Value{}, fmt.Errorf("%s overflows int", n.Text)
			}
			return reflect.ValueOf(i), nil
		case n.IsUint:
			return reflect.Value{}, fmt.Errorf("%s overflows int", n.Text)
		}
		return reflect.Value{}, nil
	}
	return reflect.Value{}, fmt.Errorf("not a constant: %s", n)
}

// argc is one compiled argument: a constant, converted to the parameter's
// type when known, or an evaluation.
type argc struct {
	node  parse.Node
	at    parse.Node // where text/template is when it checks the value: lastAt(node)
	konst bool
	eval  evalPipe // the value before validateType
}

// arg compiles an argument: what evalArg evaluates before it checks the
// value against the parameter's type.
func (tc *tcomp) arg(n parse.Node) (argc, error) {
	a := argc{node: n, at: lastAt(n)}
	switch n := n.(type) {
	case *parse.DotNode:
		a.eval = func(_ *state, dot reflect.Value) (reflect.Value, error) { return dot, nil }
	case *parse.NilNode, *parse.BoolNode, *parse.StringNode, *parse.NumberNode:
		a.konst = true
	case *parse.FieldNode:
		f, err := tc.fieldChain(n, nil, n.Ident, nil, false)
		if err != nil {
			return a, err
		}
		a.eval = func(s *state, dot reflect.Value) (reflect.Value, error) { return f(s, dot, reflect.Value{}) }
	case *parse.VariableNode:
		slot, err := tc.find(n.Ident[0])
		if err != nil {
			f := runtimeError(n, err)
			a.eval = func(s *state, dot reflect.Value) (reflect.Value, error) { return f(s, dot, reflect.Value{}) }
			break
		}
		if len(n.Ident) == 1 {
			a.eval = func(s *state, _ reflect.Value) (reflect.Value, error) { return s.vars[s.base+slot], nil }
			break
		}
		recv := func(s *state, _ reflect.Value) (reflect.Value, error) { return s.vars[s.base+slot], nil }
		f, err := tc.fieldChain(n, recv, n.Ident[1:], nil, false)
		if err != nil {
			return a, err
		}
		a.eval = func(s *state, dot reflect.Value) (reflect.Value, error) { return f(s, dot, reflect.Value{}) }
	case *parse.PipeNode:
		p, err := tc.pipeline(n, len(n.Cmds))
		if err != nil {
			return a, err
		}
		a.eval = p
	case *parse.IdentifierNode:
		f, err := tc.function(n, n, nil, false)
		if err != nil {
			return a, err
		}
		a.eval = func(s *state, dot reflect.Value) (reflect.Value, error) { return f(s, dot, reflect.Value{}) }
	case *parse.ChainNode:
		cmd := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: n.Pos, Args: []parse.Node{n}}
		f, err := tc.command(cmd, false)
		if err != nil {
			return a, err
		}
		a.eval = func(s *state, dot reflect.Value) (reflect.Value, error) { return f(s, dot, reflect.Value{}) }
	default:
		return a, tc.unsupported(n, fmt.Sprintf("argument %s", n))
	}
	return a, nil
}

// value evaluates argument a for a parameter of type typ (nil: any value).
func (s *state) value(a *argc, dot reflect.Value, typ reflect.Type) (reflect.Value, error) {
	if !a.konst {
		v, err := a.eval(s, dot)
		if err != nil {
			return v, err
		}
		return s.validateType(a.at, v, typ)
	}
	v, err := constantFor(a.node, typ)
	if err != nil {
		return v, s.errorf(a.node, "%v", err)
	}
	return v, nil
}

// constantFor converts constant n for a parameter of type typ.
func constantFor(n parse.Node, typ reflect.Type) (reflect.Value, error) {
	if _, ok := n.(*parse.NilNode); ok {
		if typ != nil && canBeNil(typ) {
			return reflect.Zero(typ), nil
		}
		return reflect.Value{}, fmt.Errorf("cannot assign nil to %s", typ)
	}
	if typ == nil {
		return idealConstant(n)
	}
	set := func(f func(reflect.Value)) reflect.Value {
		v := reflect.New(typ).Elem()
		f(v)
		return v
	}
	num, _ := n.(*parse.NumberNode)
	switch typ.Kind() {
	case reflect.Bool:
		if b, ok := n.(*parse.BoolNode); ok {
			return set(func(v reflect.Value) { v.SetBool(b.True) }), nil
		}
		return reflect.Value{}, fmt.Errorf("expected bool; found %s", n)
	case reflect.String:
		if str, ok := n.(*parse.StringNode); ok {
			return set(func(v reflect.Value) { v.SetString(str.Text) }), nil
		}
		return reflect.Value{}, fmt.Errorf("expected string; found %s", n)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if num != nil && num.IsInt {
			return set(func(v reflect.Value) { v.SetInt(num.Int64) }), nil
		}
		return reflect.Value{}, fmt.Errorf("expected integer; found %s", n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if num != nil && num.IsUint {
			return set(func(v reflect.Value) { v.SetUint(num.Uint64) }), nil
		}
		return reflect.Value{}, fmt.Errorf("expected unsigned integer; found %s", n)
	case reflect.Float32, reflect.Float64:
		if num != nil && num.IsFloat {
			return set(func(v reflect.Value) { v.SetFloat(num.Float64) }), nil
		}
		return reflect.Value{}, fmt.Errorf("expected float; found %s", n)
	case reflect.Complex64, reflect.Complex128:
		if num != nil && num.IsComplex {
			return set(func(v reflect.Value) { v.SetComplex(num.Complex128) }), nil
		}
		return reflect.Value{}, fmt.Errorf("expected complex; found %s", n)
	case reflect.Interface:
		if typ.NumMethod() == 0 {
			return idealConstant(n)
		}
	case reflect.Struct:
		if typ == reflectValueType {
			v, err := idealConstant(n)
			return reflect.ValueOf(v), err
		}
	}
	return reflect.Value{}, fmt.Errorf("can't handle %s for arg of type %s", n, typ)
}

var reflectValueType = reflect.TypeFor[reflect.Value]()

func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflectValueType
	}
	return false
}

// validateType checks that v can be passed for a parameter of type typ,
// as text/template does: nil becomes typ's zero value where it can be one,
// and one dereference or address-of is tried.
func (s *state) validateType(n parse.Node, v reflect.Value, typ reflect.Type) (reflect.Value, error) {
	if !v.IsValid() {
		if typ == nil {
			return reflect.Value{}, nil
		}
		if canBeNil(typ) {
			return reflect.Zero(typ), nil
		}
		return v, s.errorf(n, "invalid value; expected %s", typ)
	}
	if typ == reflectValueType && v.Type() != typ {
		return reflect.ValueOf(v), nil
	}
	if typ == nil || v.Type() == typ || v.Type().AssignableTo(typ) {
		return v, nil
	}
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
		if v.Type().AssignableTo(typ) {
			return v, nil
		}
	}
	switch {
	case v.Kind() == reflect.Pointer && v.Type().Elem().AssignableTo(typ):
		v = v.Elem()
		if !v.IsValid() {
			return v, s.errorf(n, "dereference of nil pointer of type %s", typ)
		}
	case reflect.PointerTo(v.Type()).AssignableTo(typ) && v.CanAddr() && !s.isScratch(v):
		v = v.Addr()
	default:
		return v, s.errorf(n, "wrong type for value; expected %s; got %s", typ, v.Type())
	}
	return v, nil
}

// lastAt is the node text/template's state.at names last once it has
// evaluated argument n, where it reports an error of the value's type:
// the last node evaluated inside a parenthesised pipeline or chain.
// (and and or may stop before their last argument; this does not follow
// them.)
func lastAt(n parse.Node) parse.Node {
	switch n := n.(type) {
	case *parse.PipeNode:
		if len(n.Cmds) == 0 {
			return n
		}
		cmd := n.Cmds[len(n.Cmds)-1]
		if len(cmd.Args) > 1 {
			return lastAt(cmd.Args[len(cmd.Args)-1])
		}
		return lastAt(cmd.Args[0])
	case *parse.ChainNode:
		return lastAt(n.Node)
	}
	return n
}

// finalAt is where text/template reports an error of the type of the
// value piped into a call whose name is at node: its last argument, as
// lastAt, or the name itself.
func finalAt(node parse.Node, args []parse.Node) parse.Node {
	if len(args) > 0 {
		return lastAt(args[len(args)-1])
	}
	return node
}
