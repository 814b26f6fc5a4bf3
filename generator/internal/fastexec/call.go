package fastexec

import (
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"text/template/parse"
	"time"
)

// goodFunc is text/template's rule for a function's results: one, or a
// value and an error.
func goodFunc(name string, typ reflect.Type) error {
	switch n := typ.NumOut(); {
	case n == 1:
		return nil
	case n == 2 && typ.Out(1) == errorType:
		return nil
	case n == 2:
		return fmt.Errorf("invalid function signature for %s: second return value should be error; is %s", name, typ.Out(1))
	default:
		return fmt.Errorf("function %s has %d return values; should be 1 or 2", name, typ.NumOut())
	}
}

// checkArgs is text/template's check of the number of arguments.
func checkArgs(name string, typ reflect.Type, nargs int, piped bool) error {
	numIn := nargs
	if piped {
		numIn++
	}
	if typ.IsVariadic() {
		if numIn < typ.NumIn()-1 {
			return fmt.Errorf("wrong number of args for %s: want at least %d got %d", name, typ.NumIn()-1, nargs)
		}
	} else if numIn != typ.NumIn() {
		return fmt.Errorf("wrong number of args for %s: want %d got %d", name, typ.NumIn(), numIn)
	}
	return goodFunc(name, typ)
}

// paramTypes returns the type each argument, and the piped value, is
// checked against.
func paramTypes(typ reflect.Type, nargs int, piped bool) (args []reflect.Type, final reflect.Type) {
	numFixed := nargs
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
	}
	args = make([]reflect.Type, nargs)
	for i := range nargs {
		if i < numFixed {
			args[i] = typ.In(i)
		} else {
			args[i] = typ.In(typ.NumIn() - 1).Elem()
		}
	}
	if piped {
		numIn := nargs + 1
		final = typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				final = typ.In(numIn - 1)
			} else {
				final = final.Elem()
			}
		}
	}
	return args, final
}

// callReflect calls fn, a method found on the receiver, with reflection,
// as text/template's evalCall does.
func (s *state) callReflect(node parse.Node, name string, fn reflect.Value, args []argc, dot reflect.Value, piped bool, final reflect.Value) (reflect.Value, error) {
	typ := fn.Type()
	if err := checkArgs(name, typ, len(args), piped); err != nil {
		return reflect.Value{}, s.errorf(node, "%v", err)
	}
	types, finalType := paramTypes(typ, len(args), piped)
	argv := make([]reflect.Value, len(args), len(args)+1)
	for i := range args {
		var err error
		if argv[i], err = s.value(&args[i], dot, types[i]); err != nil {
			return reflect.Value{}, err
		}
	}
	if piped {
		at := node
		if len(args) > 0 {
			at = args[len(args)-1].at
		}
		v, err := s.validateType(at, final, finalType)
		if err != nil {
			return reflect.Value{}, err
		}
		argv = append(argv, v)
	}
	v, err := safeCall(fn, argv)
	if err != nil {
		return reflect.Value{}, s.errorf(node, "error calling %s: %w", name, err)
	}
	if v.Type() == reflectValueType {
		v = v.Interface().(reflect.Value)
	}
	return v, nil
}

func safeCall(fn reflect.Value, argv []reflect.Value) (v reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicError(r)
		}
	}()
	out := fn.Call(argv)
	if len(out) == 2 && !out[1].IsNil() {
		return out[0], out[1].Interface().(error)
	}
	return out[0], nil
}

func panicError(r any) error {
	if e, ok := r.(error); ok {
		return e
	}
	return fmt.Errorf("%v", r)
}

// function compiles a call of a template function or builtin.
func (tc *tcomp) function(id *parse.IdentifierNode, cmd parse.Node, args []parse.Node, piped bool) (evalCmd, error) {
	name := id.Ident
	if fn, ok := tc.c.funcs[name]; ok {
		return tc.funcCall(id, fn, cmd, args, piped)
	}
	if b := builtins[name]; b != nil {
		return tc.builtin(id, b, cmd, args, piped)
	}
	return nil, tc.unsupported(id, fmt.Sprintf("function %q", name))
}

func runtimeError(node parse.Node, err error) evalCmd {
	msg := err.Error()
	return func(s *state, _, _ reflect.Value) (reflect.Value, error) {
		return reflect.Value{}, s.errorf(node, "%s", msg)
	}
}

// funcCall compiles a call of fn, a function of the theme's FuncMap: its
// constant arguments converted once, and the common signatures called
// without reflection.
// A wrong number of arguments is an error at id, the function's name, as
// text/template reports it; a failed call, at cmd.
func (tc *tcomp) funcCall(id *parse.IdentifierNode, fn reflect.Value, cmd parse.Node, args []parse.Node, piped bool) (evalCmd, error) {
	name := id.Ident
	typ := fn.Type()
	if err := checkArgs(name, typ, len(args), piped); err != nil {
		return runtimeError(id, err), nil
	}
	types, finalType := paramTypes(typ, len(args), piped)
	argcs := make([]argc, len(args))
	consts := make([]reflect.Value, len(args))
	for i, a := range args {
		var err error
		if argcs[i], err = tc.arg(a); err != nil {
			return nil, err
		}
		if argcs[i].konst {
			v, err := constantFor(a, types[i])
			if err != nil {
				return runtimeError(a, err), nil
			}
			consts[i] = v
		}
	}
	fa := &fnArgs{argcs: argcs, consts: consts, types: types, finalType: finalType, piped: piped, finalAt: finalAt(id, args)}
	fail := func(s *state, err error) (reflect.Value, error) {
		return reflect.Value{}, s.errorf(cmd, "error calling %s: %w", name, err)
	}
	n := len(args)
	if piped {
		n++
	}
	// The signatures of Byline's template functions, called directly.
	direct := func(call func(s *state, vs []reflect.Value) (reflect.Value, error)) evalCmd {
		return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
			var small [4]reflect.Value
			vs, err := fa.eval(s, dot, final, small[:0])
			if err != nil {
				return reflect.Value{}, err
			}
			var out reflect.Value
			if err := protect(func() (err error) { out, err = call(s, vs); return err }); err != nil {
				return fail(s, err)
			}
			return out, nil
		}
	}
	switch f := fn.Interface().(type) {
	case func(string, ...any) (string, error): // T
		return direct(func(s *state, vs []reflect.Value) (reflect.Value, error) {
			rest := make([]any, len(vs)-1)
			for i, v := range vs[1:] {
				rest[i] = ifaceOf(v)
			}
			out, err := f(vs[0].String(), rest...)
			return s.str(out), err
		}), nil
	case func(time.Time) string: // date, isodate
		if n == 1 {
			return direct(func(s *state, vs []reflect.Value) (reflect.Value, error) {
				return s.str(f(timeOf(vs[0]))), nil
			}), nil
		}
	case func(string) string: // abs
		if n == 1 {
			return direct(func(s *state, vs []reflect.Value) (reflect.Value, error) {
				return s.str(f(vs[0].String())), nil
			}), nil
		}
	case func(string) (string, error): // asset
		if n == 1 {
			return direct(func(s *state, vs []reflect.Value) (reflect.Value, error) {
				out, err := f(vs[0].String())
				return s.str(out), err
			}), nil
		}
	case func(int, int) int: // add
		if n == 2 {
			return direct(func(s *state, vs []reflect.Value) (reflect.Value, error) {
				return reflect.ValueOf(f(int(vs[0].Int()), int(vs[1].Int()))), nil
			}), nil
		}
	case func(string, any) (template.HTML, error): // partialCached
		if n == 2 {
			return direct(func(s *state, vs []reflect.Value) (reflect.Value, error) {
				out, err := f(vs[0].String(), ifaceOf(vs[1]))
				return s.html(out), err
			}), nil
		}
	}
	// Any other signature: by reflection.
	return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
		vs, err := fa.eval(s, dot, final, make([]reflect.Value, 0, n))
		if err != nil {
			return reflect.Value{}, err
		}
		v, err := safeCall(fn, vs)
		if err != nil {
			return fail(s, err)
		}
		if v.Type() == reflectValueType {
			v = v.Interface().(reflect.Value)
		}
		return v, nil
	}, nil
}

// fnArgs are the compiled arguments of a call of a template function.
type fnArgs struct {
	argcs     []argc
	consts    []reflect.Value
	types     []reflect.Type
	finalType reflect.Type
	piped     bool
	finalAt   parse.Node // see finalAt
}

// eval evaluates the arguments, checked against their types, into into.
func (fa *fnArgs) eval(s *state, dot, final reflect.Value, into []reflect.Value) ([]reflect.Value, error) {
	for i := range fa.argcs {
		if fa.argcs[i].konst {
			into = append(into, fa.consts[i])
			continue
		}
		v, err := s.value(&fa.argcs[i], dot, fa.types[i])
		if err != nil {
			return into, err
		}
		into = append(into, v)
	}
	if fa.piped {
		v, err := s.validateType(fa.finalAt, final, fa.finalType)
		if err != nil {
			return into, err
		}
		into = append(into, v)
	}
	return into, nil
}

// protect runs f, with a panic of f as its error, as text/template calls
// a function.
func protect(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicError(r)
		}
	}()
	return f()
}

// ifaceOf is v, checked against interface{}, as the function receives it.
func ifaceOf(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

// timeOf is v, checked against time.Time, without a copy to the heap
// when it can be read in place.
func timeOf(v reflect.Value) time.Time {
	if v.CanAddr() {
		return *v.Addr().Interface().(*time.Time)
	}
	return v.Interface().(time.Time)
}

// --- builtins ---

// builtin is a text/template builtin: its arity, as text/template checks
// it (min, or exactly when !variadic).
type builtin struct {
	op       string
	min      int
	variadic bool
}

var builtins = map[string]*builtin{
	"and":   {op: "and", min: 1, variadic: true}, // short-circuit
	"or":    {op: "or", min: 1, variadic: true},
	"not":   {op: "not", min: 1},
	"len":   {op: "len", min: 1},
	"index": {op: "index", min: 1, variadic: true},
	"eq":    {op: "eq", min: 1, variadic: true},
	"ne":    {op: "ne", min: 2},
	"lt":    {op: "lt", min: 2},
	"le":    {op: "le", min: 2},
	"gt":    {op: "gt", min: 2},
	"ge":    {op: "ge", min: 2},
}

// callBuiltin runs builtin op on evaluated arguments; a panic is its
// error, as text/template calls its builtins with safeCall.
func callBuiltin(op string, a []reflect.Value) (_ reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicError(r)
		}
	}()
	var b bool
	switch op {
	case "not":
		return boolValue(!truth(a[0])), nil
	case "len":
		n, err := length(a[0])
		if err != nil {
			return reflect.Value{}, err
		}
		return reflect.ValueOf(n), nil
	case "index":
		return index(a[0], a[1:]...)
	case "eq":
		b, err = eq(a[0], a[1:]...)
	case "ne":
		b, err = eq(a[0], a[1])
		b = !b
	case "lt":
		b, err = lt(a[0], a[1])
	case "le":
		b, err = le(a[0], a[1])
	case "gt":
		b, err = le(a[0], a[1])
		b = !b
	case "ge":
		b, err = lt(a[0], a[1])
		b = !b
	}
	if err != nil {
		return reflect.Value{}, err
	}
	return boolValue(b), nil
}

func boolValue(b bool) reflect.Value {
	if b {
		return trueValue
	}
	return falseValue
}

var (
	trueValue  = reflect.ValueOf(true)
	falseValue = reflect.ValueOf(false)
)

func (tc *tcomp) builtin(id *parse.IdentifierNode, b *builtin, cmd parse.Node, args []parse.Node, piped bool) (evalCmd, error) {
	name := id.Ident
	n := len(args)
	if piped {
		n++
	}
	if b.variadic && n < b.min {
		return runtimeError(id, fmt.Errorf("wrong number of args for %s: want at least %d got %d", name, b.min, len(args))), nil
	}
	if !b.variadic && n != b.min {
		return runtimeError(id, fmt.Errorf("wrong number of args for %s: want %d got %d", name, b.min, n)), nil
	}
	argcs := make([]argc, len(args))
	consts := make([]reflect.Value, len(args))
	for i, a := range args {
		var err error
		if argcs[i], err = tc.arg(a); err != nil {
			return nil, err
		}
		if argcs[i].konst {
			if _, isNil := a.(*parse.NilNode); !isNil {
				v, err := idealConstant(a)
				if err != nil {
					return runtimeError(a, err), nil
				}
				consts[i] = v
			}
		}
	}
	raw := func(s *state, i int, dot reflect.Value) (reflect.Value, error) {
		if argcs[i].konst {
			return consts[i], nil
		}
		return argcs[i].eval(s, dot)
	}
	if name == "and" || name == "or" {
		or := name == "or"
		return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
			var v reflect.Value
			for i := range argcs {
				var err error
				if v, err = raw(s, i, dot); err != nil {
					return v, err
				}
				if truth(v) == or {
					return v, nil
				}
			}
			if piped {
				v = final
			}
			return v, nil
		}, nil
	}
	op := b.op
	return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
		var small [4]reflect.Value
		vs := small[:0]
		for i := range argcs {
			v, err := raw(s, i, dot)
			if err != nil {
				return v, err
			}
			vs = append(vs, v)
		}
		if piped {
			vs = append(vs, final)
		}
		v, err := callBuiltin(op, vs)
		if err != nil {
			return reflect.Value{}, s.errorf(cmd, "error calling %s: %w", name, err)
		}
		return v, nil
	}, nil
}

func truth(v reflect.Value) bool {
	t, _ := isTrue(indirectInterface(v))
	return t
}

func length(v reflect.Value) (int, error) {
	v, isNil := indirect(v)
	if isNil {
		return 0, errors.New("len of nil pointer")
	}
	switch v.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		return v.Len(), nil
	}
	// Of an invalid value (a nil interface{}, or a missing map key),
	// v.Type panics, as in text/template: callBuiltin makes the panic
	// its error.
	return 0, fmt.Errorf("len of type %s", v.Type())
}

func index(item reflect.Value, indexes ...reflect.Value) (reflect.Value, error) {
	item = indirectInterface(item)
	if !item.IsValid() {
		return reflect.Value{}, errors.New("index of untyped nil")
	}
	for _, ix := range indexes {
		ix = indirectInterface(ix)
		var isNil bool
		if item, isNil = indirect(item); isNil {
			return reflect.Value{}, errors.New("index of nil pointer")
		}
		switch item.Kind() {
		case reflect.Array, reflect.Slice, reflect.String:
			var x int64
			switch ix.Kind() {
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
				x = ix.Int()
			case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
				x = int64(ix.Uint())
			case reflect.Invalid:
				return reflect.Value{}, errors.New("cannot index slice/array with nil")
			default:
				return reflect.Value{}, fmt.Errorf("cannot index slice/array with type %s", ix.Type())
			}
			if x < 0 || int(x) < 0 || int(x) > item.Len() {
				return reflect.Value{}, fmt.Errorf("index out of range: %d", x)
			}
			// text/template lets x reach the length, where reflect
			// panics: its panic is the error.
			if err := protect(func() error { item = item.Index(int(x)); return nil }); err != nil {
				return reflect.Value{}, err
			}
		case reflect.Map:
			k, err := mapKey(ix, item.Type().Key())
			if err != nil {
				return reflect.Value{}, err
			}
			if x := item.MapIndex(k); x.IsValid() {
				item = x
			} else {
				item = reflect.Zero(item.Type().Elem())
			}
		default:
			return reflect.Value{}, fmt.Errorf("can't index item of type %s", item.Type())
		}
	}
	return item, nil
}

func intLike(k reflect.Kind) bool {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}

func mapKey(v reflect.Value, t reflect.Type) (reflect.Value, error) {
	if !v.IsValid() {
		if !canBeNil(t) {
			return reflect.Value{}, fmt.Errorf("value is nil; should be of type %s", t)
		}
		v = reflect.Zero(t)
	}
	if v.Type().AssignableTo(t) {
		return v, nil
	}
	if intLike(v.Kind()) && intLike(t.Kind()) && v.Type().ConvertibleTo(t) {
		return v.Convert(t), nil
	}
	return reflect.Value{}, fmt.Errorf("value has type %s; should be %s", v.Type(), t)
}

// Comparison, as text/template's eq and lt: basic kinds by value (signed
// and unsigned integers across), anything else by ==, nil only with nil.
type basic int

const (
	badKind basic = iota
	boolKind
	complexKind
	intKind
	floatKind
	stringKind
	uintKind
)

func basicKind(v reflect.Value) basic {
	switch v.Kind() {
	case reflect.Bool:
		return boolKind
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intKind
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintKind
	case reflect.Float32, reflect.Float64:
		return floatKind
	case reflect.Complex64, reflect.Complex128:
		return complexKind
	case reflect.String:
		return stringKind
	}
	return badKind
}

var (
	errBadComparisonType = errors.New("invalid type for comparison")
	errNoComparison      = errors.New("missing argument for comparison")
)

func isNilValue(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	switch v.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return v.IsNil()
	}
	return false
}

func eq(a reflect.Value, others ...reflect.Value) (bool, error) {
	a = indirectInterface(a)
	if len(others) == 0 {
		return false, errNoComparison
	}
	ka := basicKind(a)
	for _, b := range others {
		b = indirectInterface(b)
		kb := basicKind(b)
		same := false
		if ka != kb {
			switch {
			case ka == intKind && kb == uintKind:
				same = a.Int() >= 0 && uint64(a.Int()) == b.Uint()
			case ka == uintKind && kb == intKind:
				same = b.Int() >= 0 && a.Uint() == uint64(b.Int())
			default:
				if a.IsValid() && b.IsValid() {
					return false, fmt.Errorf("incompatible types for comparison: %v and %v", a.Type(), b.Type())
				}
			}
		} else {
			switch ka {
			case boolKind:
				same = a.Bool() == b.Bool()
			case complexKind:
				same = a.Complex() == b.Complex()
			case floatKind:
				same = a.Float() == b.Float()
			case intKind:
				same = a.Int() == b.Int()
			case stringKind:
				same = a.String() == b.String()
			case uintKind:
				same = a.Uint() == b.Uint()
			default:
				if a.Kind() != b.Kind() && a.IsValid() && b.IsValid() {
					return false, fmt.Errorf("non-comparable types %s: %v, %s: %v", a, a.Type(), b.Type(), b)
				}
				if isNilValue(a) || isNilValue(b) {
					same = isNilValue(a) == isNilValue(b)
				} else {
					if !b.Type().Comparable() {
						return false, fmt.Errorf("non-comparable type %s: %v", b, b.Type())
					}
					same = samePointer(a, b)
				}
			}
		}
		if same {
			return true, nil
		}
	}
	return false, nil
}

// samePointer is a.Interface() == b.Interface(), without boxing two
// pointers of one type.
func samePointer(a, b reflect.Value) bool {
	if a.Kind() == reflect.Pointer && b.Kind() == reflect.Pointer && a.Type() == b.Type() {
		return a.Pointer() == b.Pointer()
	}
	return a.Interface() == b.Interface()
}

func lt(a, b reflect.Value) (bool, error) {
	a = indirectInterface(a)
	ka := basicKind(a)
	if ka == badKind {
		return false, errBadComparisonType
	}
	b = indirectInterface(b)
	kb := basicKind(b)
	if kb == badKind {
		return false, errBadComparisonType
	}
	if ka != kb {
		switch {
		case ka == intKind && kb == uintKind:
			return a.Int() < 0 || uint64(a.Int()) < b.Uint(), nil
		case ka == uintKind && kb == intKind:
			return b.Int() >= 0 && a.Uint() < uint64(b.Int()), nil
		}
		return false, fmt.Errorf("incompatible types for comparison: %v and %v", a.Type(), b.Type())
	}
	switch ka {
	case boolKind, complexKind:
		return false, errBadComparisonType
	case floatKind:
		return a.Float() < b.Float(), nil
	case intKind:
		return a.Int() < b.Int(), nil
	case stringKind:
		return a.String() < b.String(), nil
	case uintKind:
		return a.Uint() < b.Uint(), nil
	}
	return false, errBadComparisonType
}

func le(a, b reflect.Value) (bool, error) {
	l, err := lt(a, b)
	if l || err != nil {
		return l, err
	}
	return eq(a, b)
}
