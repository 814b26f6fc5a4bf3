package fastexec

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync"
	"text/template/parse"
	"unsafe"
)

// escaper is one of html/template's own escaping functions, as its
// escaped trees call them ("_html_template_htmlescaper" and the rest).
type escaper = func(...any) string

// stdEscapers returns html/template's escaping functions by the names its
// escaped trees give them, taken from the function table html/template
// installs in the text/template of a set it escapes: those of a private
// set, escaped here once, so nothing else writes that table meanwhile.
// text/template keeps the table in an unexported field; this reads it by
// reflection and returns nil if a Go release renames or retypes it, or
// the table lacks one of the functions the default theme's trees call.
// Every value a template writes is escaped by these functions: fastexec
// runs the pipelines, html/template's code does all the escaping.
var stdEscapers = sync.OnceValue(func() map[string]escaper {
	t, err := template.New("escapers").Parse(`<a href="{{.}}">{{.}}</a>`)
	if err != nil {
		return nil
	}
	if err := t.Execute(discard{}, ""); err != nil { // escapes t
		return nil
	}
	text := TextSet(t)
	if text == nil {
		return nil
	}
	c := reflect.ValueOf(text).Elem().FieldByName("common")
	if !c.IsValid() || c.Kind() != reflect.Pointer || c.IsNil() {
		return nil
	}
	f := c.Elem().FieldByName("execFuncs")
	if !f.IsValid() || f.Type() != reflect.TypeFor[map[string]reflect.Value]() {
		return nil
	}
	table := *(*map[string]reflect.Value)(unsafe.Pointer(f.UnsafeAddr()))
	out := map[string]escaper{}
	for name, fn := range table {
		if !isEscaperName(name) {
			continue
		}
		if e, ok := fn.Interface().(escaper); ok {
			out[name] = e
		}
	}
	for _, name := range themeEscapers {
		if out[name] == nil {
			return nil
		}
	}
	return out
})

// themeEscapers are the escapers html/template puts in the default
// theme's trees; stdEscapers must find each.
var themeEscapers = []string{
	"_html_template_htmlescaper", "_html_template_attrescaper", "_html_template_rcdataescaper",
	"_html_template_urlfilter", "_html_template_urlnormalizer", "_html_template_urlescaper",
	"_html_template_srcsetescaper", "_html_template_jsvalescaper",
}

// Available reports whether fastexec can run here: html/template's
// escapers and escaped trees are within reach.
func Available() bool { return stdEscapers() != nil }

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// isEscaperName reports whether name is one html/template gives its
// escaping functions in the trees it escapes.
func isEscaperName(name string) bool {
	return strings.HasPrefix(name, "_html_template_") || name == "_eval_args_"
}

// chain returns html/template's functions for the escapers named, in
// order, or an error naming one it does not have.
func (c *Compiler) chain(cmds []*parse.CommandNode) ([]escaper, error) {
	all := stdEscapers()
	out := make([]escaper, len(cmds))
	for i, cmd := range cmds {
		name := escaperName(cmd)
		if out[i] = all[name]; out[i] == nil {
			return nil, fmt.Errorf("html/template's escaper %s is out of reach", name)
		}
	}
	return out, nil
}

// escape runs v, the value of an action's pipeline, through the chain of
// escapers html/template put after it, as text/template would call them:
// a panic is an error of the escaper's call.
func (s *state) escape(chain []escaper, cmds []*parse.CommandNode, v reflect.Value) (out string, err error) {
	i := 0
	defer func() {
		if r := recover(); r != nil {
			err = s.errorf(cmds[i], "error calling %s: %w", escaperName(cmds[i]), panicError(r))
		}
	}()
	// One argument slice for every call: html/template's escapers keep
	// nothing of their arguments.
	arg := s.arg[:1]
	arg[0] = ifaceOf(v)
	out = chain[0](arg...)
	for i = 1; i < len(chain); i++ {
		arg[0] = out
		out = chain[i](arg...)
	}
	arg[0] = nil
	return out, nil
}

// escaperName is the name of the function cmd, an escaper's call, calls.
func escaperName(cmd *parse.CommandNode) string {
	return cmd.Args[0].(*parse.IdentifierNode).Ident
}
