package theme

import (
	"html/template"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/byline/byline/generator/internal/fastexec"
)

// fastTheme runs the theme's escaped templates with fastexec instead of
// text/template's executor (see package fastexec): the same trees, escaped
// by html/template and written through its own escaping functions, run
// three times as fast. A template it cannot compile runs with
// html/template, as does every template when the environment has
// BYLINE_FASTEXEC=0 as the theme loads, or when fastexec cannot reach
// html/template's escapers in this Go release.
type fastTheme struct {
	funcs template.FuncMap

	mu    sync.Mutex
	kinds map[string]*fastKind
	// partials are the partials partialCached runs, compiled once
	// html/template has run (and so escaped) them once.
	partials    map[string]*fastexec.Program
	partialComp *fastexec.Compiler
	refusals    map[string]string // template → why it was not compiled
}

type fastKind struct {
	once sync.Once
	prog *fastexec.Program
}

// FastExec reports whether the theme's templates run with fastexec.
func FastExec() bool { return os.Getenv("BYLINE_FASTEXEC") != "0" && fastexec.Available() }

func newFastTheme(funcs template.FuncMap) *fastTheme {
	return &fastTheme{funcs: funcs, kinds: map[string]*fastKind{}, partials: map[string]*fastexec.Program{}, refusals: map[string]string{}}
}

// program returns the compiled entry template of kind, or nil to run
// html/template's.
func (f *fastTheme) program(kind string, e *template.Template) *fastexec.Program {
	f.mu.Lock()
	k := f.kinds[kind]
	if k == nil {
		k = &fastKind{}
		f.kinds[kind] = k
	}
	f.mu.Unlock()
	k.once.Do(func() {
		lookup := fastexec.Lookup(e)
		if lookup == nil {
			f.refuse(kind, "html/template's text set is out of reach")
			return
		}
		p, err := fastexec.NewCompiler(f.funcs, lookup).Compile(e.Name())
		if err != nil {
			f.refuse(kind, err.Error())
			return
		}
		k.prog = p
	})
	return k.prog
}

func (f *fastTheme) refuse(what, why string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.refusals[what] = why
}

// partial returns the compiled partial name, or nil while html/template
// has not run it yet or when it cannot be compiled.
func (f *fastTheme) partial(name string) *fastexec.Program {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.partials[name]
}

// ran records that html/template ran partial name of set, escaping it:
// it is compiled for the next runs.
func (f *fastTheme) ran(set *template.Template, name string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.partials[name]; ok {
		return
	}
	if _, ok := f.refusals[name]; ok {
		return
	}
	if f.partialComp == nil {
		lookup := fastexec.Lookup(set)
		if lookup == nil {
			f.refusals[name] = "html/template's text set is out of reach"
			return
		}
		f.partialComp = fastexec.NewCompiler(f.funcs, lookup)
	}
	p, err := f.partialComp.Compile(name)
	if err != nil {
		f.refusals[name] = err.Error()
		return
	}
	f.partials[name] = p
}

// FastExecReport says which templates fastexec runs, and which it
// refused and why; "" when it is off.
func (t *Theme) FastExecReport() string {
	f := t.fast
	if f == nil {
		return ""
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var b strings.Builder
	var names []string
	for k, v := range f.kinds {
		if v.prog != nil {
			names = append(names, "kind "+k)
		}
	}
	for k := range f.partials {
		names = append(names, "partial "+k)
	}
	sort.Strings(names)
	b.WriteString("compiled: " + strings.Join(names, ", ") + "\n")
	for k, why := range f.refusals {
		b.WriteString("refused " + k + ": " + why + "\n")
	}
	return b.String()
}
