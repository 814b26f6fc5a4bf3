package fastexec

import (
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"slices"
	"strings"
	"sync"
	texttemplate "text/template"
	"text/template/parse"
	"unsafe"
)

type (
	execFn   func(s *state, dot reflect.Value) error
	evalPipe func(s *state, dot reflect.Value) (reflect.Value, error)
	// evalCmd evaluates one command; final is the value piped into it,
	// when piped.
	evalCmd func(s *state, dot, final reflect.Value) (reflect.Value, error)
)

// errBreak and errContinue carry {{ break }} and {{ continue }} out of a
// range's body.
var (
	errBreak    = errors.New("break")
	errContinue = errors.New("continue")
)

// state is one execution.
type state struct {
	w     io.Writer
	t     *tmpl // the template running, for errors
	vars  []reflect.Value
	base  int // of the running template's slots in vars
	depth int
	buf   []byte // scratch for one action's output
	arg   [1]any // the argument of an escaper's call
	// strs and htmls hold the strings the functions return, so that a
	// reflect.Value of one points into them rather than at a copy on the
	// heap; they grow during an execution and are emptied after it.
	strs  []string
	htmls []template.HTML
	// oldStrs and oldHTMLs are the arrays strs and htmls outgrew in
	// this execution, kept for isScratch.
	oldStrs  [][]string
	oldHTMLs [][]template.HTML
}

// str returns a reflect.Value of x without allocating for it.
func (s *state) str(x string) reflect.Value {
	if len(s.strs) == cap(s.strs) {
		if cap(s.strs) > 0 {
			s.oldStrs = append(s.oldStrs, s.strs) // the old array stays for the Values into it
		}
		s.strs = make([]string, 0, max(32, 2*cap(s.strs)))
	}
	s.strs = append(s.strs, x)
	return reflect.ValueOf(&s.strs[len(s.strs)-1]).Elem()
}

// html is str for template.HTML.
func (s *state) html(x template.HTML) reflect.Value {
	if len(s.htmls) == cap(s.htmls) {
		if cap(s.htmls) > 0 {
			s.oldHTMLs = append(s.oldHTMLs, s.htmls)
		}
		s.htmls = make([]template.HTML, 0, max(16, 2*cap(s.htmls)))
	}
	s.htmls = append(s.htmls, x)
	return reflect.ValueOf(&s.htmls[len(s.htmls)-1]).Elem()
}

// isScratch reports whether v, addressable, is in strs or htmls: a
// function's result, which text/template holds in a value that cannot be
// addressed. Its address must not reach a function (validateType): that
// would pass where text/template fails, and let the function keep a
// pointer into memory the next execution reuses.
func (s *state) isScratch(v reflect.Value) bool {
	switch v.Type() {
	case stringType:
		return inScratch(v, s.strs, s.oldStrs)
	case htmlType:
		return inScratch(v, s.htmls, s.oldHTMLs)
	}
	return false
}

func inScratch[T any](v reflect.Value, cur []T, old [][]T) bool {
	p := v.UnsafeAddr()
	within := func(a []T) bool {
		lo := uintptr(unsafe.Pointer(unsafe.SliceData(a)))
		var zero T
		return cap(a) > 0 && p >= lo && p < lo+uintptr(cap(a))*unsafe.Sizeof(zero)
	}
	if within(cur) {
		return true
	}
	for _, a := range old {
		if within(a) {
			return true
		}
	}
	return false
}

var states = sync.Pool{New: func() any { return &state{buf: make([]byte, 0, 1024), vars: make([]reflect.Value, 0, 64)} }}

// Execute runs the program with data as dot, writing to w. Its errors are
// text/template's: a failed write is
// returned as the writer returned it; anything else is a
// text/template.ExecError naming the template, line and column.
func (p *Program) Execute(w io.Writer, data any) (err error) {
	value, ok := data.(reflect.Value)
	if !ok {
		value = reflect.ValueOf(data)
	}
	s := states.Get().(*state)
	s.w, s.depth, s.base = w, -1, 0 // the entry template is at depth 0
	s.vars = s.vars[:0]
	defer func() {
		if r := recover(); r != nil {
			// A case fastexec gets wrong must not take the build
			// down: it is an error of the template, as html/template
			// would make a panic of a function.
			err = s.errorf(nil, "fastexec: %v", r)
		}
		clear(s.vars[:cap(s.vars)])
		clear(s.strs)
		clear(s.htmls)
		s.strs, s.htmls = s.strs[:0], s.htmls[:0]
		clear(s.oldStrs)
		clear(s.oldHTMLs)
		s.oldStrs, s.oldHTMLs = s.oldStrs[:0], s.oldHTMLs[:0]
		s.w, s.t = nil, nil
		if cap(s.buf) <= 64<<10 {
			states.Put(s)
		}
	}()
	return s.call(p.t, value)
}

// call runs template t with dot, in slots of its own.
func (s *state) call(t *tmpl, dot reflect.Value) error {
	prevT, prevBase := s.t, s.base
	base := len(s.vars)
	n := base + t.nvars
	if n > cap(s.vars) {
		s.vars = slices.Grow(s.vars, n-len(s.vars))
	}
	s.vars = s.vars[:n]
	clear(s.vars[base:])
	s.vars[base] = dot // $
	s.t, s.base = t, base
	s.depth++
	err := t.body(s, dot)
	s.depth--
	s.vars = s.vars[:base]
	s.t, s.base = prevT, prevBase
	if err == errBreak || err == errContinue {
		// The parser allows break and continue only inside a range.
		err = nil
	}
	return err
}

// errorf returns an error as text/template makes it: "template: NAME:
// executing ..." at node n of the running template.
func (s *state) errorf(n parse.Node, format string, args ...any) error {
	name := doublePercent(s.t.name)
	if n == nil {
		format = fmt.Sprintf("template: %s: %s", name, format)
	} else {
		location, context := s.t.tree.ErrorContext(n)
		format = fmt.Sprintf("template: %s: executing %q at <%s>: %s", location, name, doublePercent(context), format)
	}
	return texttemplate.ExecError{Name: s.t.name, Err: fmt.Errorf(format, args...)}
}

func doublePercent(str string) string { return strings.ReplaceAll(str, "%", "%%") }

// indirect follows pointers and interfaces to the value at their end, or
// to the first nil, and says whether it stopped at a nil.
func indirect(v reflect.Value) (reflect.Value, bool) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return v, true
		}
		v = v.Elem()
	}
	return v, false
}

// indirectInterface is the value inside an interface, or v itself.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

// isTrue is text/template's truth: not the zero of its type.
func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}

type mapEntry struct{ key, value reflect.Value }

// sortedMap returns the entries of m in the order text/template ranges
// over them: that of internal/fmtsort, whose comparison compareKeys
// copies, keys of equal rank kept in the map's order.
func sortedMap(m reflect.Value) []mapEntry {
	out := make([]mapEntry, 0, m.Len())
	it := m.MapRange()
	for it.Next() {
		out = append(out, mapEntry{it.Key(), it.Value()})
	}
	slices.SortStableFunc(out, func(a, b mapEntry) int { return compareKeys(a.key, b.key) })
	return out
}

// compareKeys is internal/fmtsort's compare.
func compareKeys(a, b reflect.Value) int {
	if a.Type() != b.Type() {
		return -1 // no good answer; not 0: they are not equal
	}
	switch a.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cmp.Compare(a.Int(), b.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return cmp.Compare(a.Uint(), b.Uint())
	case reflect.String:
		return cmp.Compare(a.String(), b.String())
	case reflect.Float32, reflect.Float64:
		return cmp.Compare(a.Float(), b.Float())
	case reflect.Complex64, reflect.Complex128:
		x, y := a.Complex(), b.Complex()
		if c := cmp.Compare(real(x), real(y)); c != 0 {
			return c
		}
		return cmp.Compare(imag(x), imag(y))
	case reflect.Bool:
		x, y := a.Bool(), b.Bool()
		switch {
		case x == y:
			return 0
		case x:
			return 1
		default:
			return -1
		}
	case reflect.Pointer, reflect.UnsafePointer:
		return cmp.Compare(a.Pointer(), b.Pointer())
	case reflect.Chan:
		if c, ok := nilCompare(a, b); ok {
			return c
		}
		return cmp.Compare(a.Pointer(), b.Pointer())
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if c := compareKeys(a.Field(i), b.Field(i)); c != 0 {
				return c
			}
		}
		return 0
	case reflect.Array:
		for i := 0; i < a.Len(); i++ {
			if c := compareKeys(a.Index(i), b.Index(i)); c != 0 {
				return c
			}
		}
		return 0
	case reflect.Interface:
		if c, ok := nilCompare(a, b); ok {
			return c
		}
		if c := compareKeys(reflect.ValueOf(a.Elem().Type()), reflect.ValueOf(b.Elem().Type())); c != 0 {
			return c
		}
		return compareKeys(a.Elem(), b.Elem())
	}
	panic("bad type in compare: " + a.Type().String())
}

// nilCompare orders a nil before anything else, when either is nil.
func nilCompare(a, b reflect.Value) (int, bool) {
	if a.IsNil() {
		if b.IsNil() {
			return 0, true
		}
		return -1, true
	}
	if b.IsNil() {
		return 1, true
	}
	return 0, false
}

var (
	stringType = reflect.TypeFor[string]()
	htmlType   = reflect.TypeFor[template.HTML]()
	errorType  = reflect.TypeFor[error]()
)
