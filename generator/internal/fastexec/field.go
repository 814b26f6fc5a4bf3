package fastexec

import (
	"reflect"
	"sync/atomic"
	"text/template/parse"
)

// fieldStep is one name of a chain (.A.B.C) at one place in a template,
// with what the name is for each type it has met there: text/template
// looks each up by name on every evaluation (and a promoted field with a
// breadth-first search that allocates); here it is looked up once a type.
type fieldStep struct {
	name  string
	key   reflect.Value // the name as a map key
	cache atomic.Pointer[[]*resolved]
}

// resolved is what a name is on one type: that of the receiver after
// indirection, or a pointer to it when addressable, as text/template
// looks methods up.
type resolved struct {
	typ      reflect.Type
	method   int   // index in typ's method set, or -1
	index    []int // the field's index path, when a struct field
	exported bool
	mapKey   bool // typ (or its element) is a map the name can index
}

const maxResolved = 4

func (f *fieldStep) resolve(t reflect.Type) *resolved {
	if p := f.cache.Load(); p != nil {
		for _, r := range *p {
			if r.typ == t {
				return r
			}
		}
	}
	r := &resolved{typ: t, method: -1}
	if m, ok := t.MethodByName(f.name); ok {
		r.method = m.Index
	}
	base := t
	if base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	switch base.Kind() {
	case reflect.Struct:
		if sf, ok := base.FieldByName(f.name); ok {
			r.index, r.exported = sf.Index, sf.IsExported()
		}
	case reflect.Map:
		r.mapKey = stringType.AssignableTo(base.Key())
	}
	var list []*resolved
	if p := f.cache.Load(); p != nil {
		list = append(list, *p...)
	}
	if len(list) >= maxResolved {
		list = list[1:]
	}
	list = append(list, r)
	f.cache.Store(&list)
	return r
}

// fieldChain compiles .A.B.C on dot (recv nil), or on what recv gives;
// args are the arguments of the last name, for a method, and piped says a
// value is piped in as its last.
func (tc *tcomp) fieldChain(node parse.Node, recv evalPipe, idents []string, args []parse.Node, piped bool) (evalCmd, error) {
	steps := make([]*fieldStep, len(idents))
	for i, name := range idents {
		steps[i] = &fieldStep{name: name, key: reflect.ValueOf(name)}
	}
	argcs := make([]argc, len(args))
	for i, a := range args {
		var err error
		if argcs[i], err = tc.arg(a); err != nil {
			return nil, err
		}
	}
	last := len(steps) - 1
	if recv == nil && last == 0 && len(argcs) == 0 && !piped {
		st := steps[0]
		return func(s *state, dot, _ reflect.Value) (reflect.Value, error) {
			return s.field(node, st, dot, dot, nil, false, reflect.Value{})
		}, nil
	}
	return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
		r := dot
		if recv != nil {
			var err error
			if r, err = recv(s, dot); err != nil {
				return r, err
			}
		}
		for _, st := range steps[:last] {
			var err error
			if r, err = s.field(node, st, dot, r, nil, false, reflect.Value{}); err != nil {
				return r, err
			}
		}
		return s.field(node, steps[last], dot, r, argcs, piped, final)
	}, nil
}

// field evaluates one name of a chain on receiver, as text/template's
// evalField does: a method of the value or of a pointer to it first, then
// a struct field, then a map's element.
func (s *state) field(node parse.Node, st *fieldStep, dot, receiver reflect.Value, args []argc, piped bool, final reflect.Value) (reflect.Value, error) {
	if !receiver.IsValid() {
		return reflect.Value{}, nil
	}
	typ := receiver.Type()
	receiver, isNil := indirect(receiver)
	if receiver.Kind() == reflect.Interface && isNil {
		return reflect.Value{}, s.errorf(node, "nil pointer evaluating %s.%s", typ, st.name)
	}
	ptr := receiver
	if k := ptr.Kind(); k != reflect.Interface && k != reflect.Pointer && ptr.CanAddr() {
		ptr = ptr.Addr()
	}
	r := st.resolve(ptr.Type())
	if r.method >= 0 {
		return s.callReflect(node, st.name, ptr.Method(r.method), args, dot, piped, final)
	}
	hasArgs := len(args) > 0 || piped
	switch receiver.Kind() {
	case reflect.Struct:
		if r.index != nil {
			var field reflect.Value
			var err error
			if len(r.index) == 1 {
				field = receiver.Field(r.index[0])
			} else {
				field, err = receiver.FieldByIndexErr(r.index)
			}
			if !r.exported {
				return reflect.Value{}, s.errorf(node, "%s is an unexported field of struct type %s", st.name, typ)
			}
			if err != nil {
				return reflect.Value{}, s.errorf(node, "%v", err)
			}
			if hasArgs {
				return reflect.Value{}, s.errorf(node, "%s has arguments but cannot be invoked as function", st.name)
			}
			return field, nil
		}
	case reflect.Map:
		if r.mapKey {
			if hasArgs {
				return reflect.Value{}, s.errorf(node, "%s is not a method but has arguments", st.name)
			}
			return receiver.MapIndex(st.key), nil
		}
	case reflect.Pointer:
		if et := receiver.Type().Elem(); et.Kind() == reflect.Struct && r.index == nil {
			break
		}
		if isNil {
			return reflect.Value{}, s.errorf(node, "nil pointer evaluating %s.%s", typ, st.name)
		}
	}
	return reflect.Value{}, s.errorf(node, "can't evaluate field %s in type %s", st.name, typ)
}
