package theme_test

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"text/template/parse"
	"time"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/render"
	"github.com/byline/byline/generator/theme"
)

// The fuzz targets load one site override layout, the fuzzer's input, on top
// of the built-in default theme, and check that:
//
//  1. Load never panics;
//  2. every diagnostic names the override file, or a file of the default
//     theme with a message that names the override (a partialCached loop
//     the override closes), at a line and column inside that file, with a
//     message that is not a raw html/template error;
//  3. when Load reports no error, executing the replaced kind (or the
//     article and home pages) on the fixture does not panic, and its errors
//     are located diagnostics;
//  4. loading the same input twice gives the same diagnostics.
//
// Run one with
//
//	go test ./generator/theme -run '^$' -fuzz '^FuzzOverrideKind$' -fuzztime 5m -fuzzminimizetime 0
//
// An input takes tens of milliseconds (two Loads of the whole theme):
// minimizing each new interesting input for the default minute leaves next
// to no time for fuzzing. Minimize a failure by hand instead.

// FuzzOverrideKind replaces baseof.html or the file of one page kind.
func FuzzOverrideKind(f *testing.F) {
	env := newFuzzEnv(f)
	seed(f, env.kinds, env.files, "article.html", "baseof.html")
	f.Fuzz(func(t *testing.T, sel byte, text string) {
		env.check(t, env.kinds[int(sel)%len(env.kinds)], text)
	})
}

// FuzzOverridePartial replaces one partial, or adds a new one.
func FuzzOverridePartial(f *testing.F) {
	env := newFuzzEnv(f)
	seed(f, env.partials, env.files, "partials/card.html", "partials/head.html")
	f.Fuzz(func(t *testing.T, sel byte, text string) {
		env.check(t, env.partials[int(sel)%len(env.partials)], text)
	})
}

// fuzzEnv is what every input of a fuzz target shares.
type fuzzEnv struct {
	builtin  theme.Source
	funcs    template.FuncMap
	files    map[string]string // layout file name → its text in the default theme
	kinds    []string          // top-level layout names an input may replace
	partials []string          // partial names an input may replace
}

var (
	fuzzEnvOnce sync.Once
	fuzzEnvVal  *fuzzEnv
)

// newFuzzEnv reads the default theme and makes the real template functions
// of render, bound to a renderer of the fixture site.
func newFuzzEnv(tb testing.TB) *fuzzEnv {
	tb.Helper()
	fuzzEnvOnce.Do(func() {
		env := &fuzzEnv{builtin: theme.Builtin(), files: map[string]string{}}
		err := fs.WalkDir(env.builtin.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(env.builtin.FS, p)
			env.files[p] = string(b)
			if path.Dir(p) == "." {
				env.kinds = append(env.kinds, p)
			} else {
				env.partials = append(env.partials, p)
			}
			return err
		})
		if err != nil {
			panic(err)
		}
		// Files the default theme does not have: an optional kind, a new partial.
		env.kinds = append(env.kinds, "section.html")
		env.partials = append(env.partials, "partials/new.html")
		slices.Sort(env.kinds)
		slices.Sort(env.partials)

		var list diag.List
		def := theme.Load([]theme.Source{env.builtin}, theme.FakeFuncs(), &list)
		s := fixture(true)["home"].Site
		var funcs render.Funcs
		funcs.Bind(render.New(s, render.Options{ThemeStatic: def.Static()}, &list))
		if err := list.Err(); err != nil {
			panic(err)
		}
		env.funcs = funcs.Map()
		fuzzEnvVal = env
	})
	return fuzzEnvVal
}

// seed adds each real layout file among names, then broken variants of the
// files named broken.
func seed(f *testing.F, names []string, files map[string]string, broken ...string) {
	for i, name := range names {
		f.Add(byte(i), files[name])
	}
	for _, name := range broken {
		i := byte(slices.Index(names, name))
		text := files[name]
		for _, v := range []string{
			"",
			text + "{{ if .Title }}unclosed",
			"{{ if",
			"{{ .Title",
			"{{/* unterminated comment",
			strings.Replace(text, "{{", "{{ nosuchfunc }}{{", 1),
			`{{ define "main" }}{{ .Nope.Field }}{{ end }}`,
			`<p>{{ .Nope.Field }}</p>`,
			`{{ template "missing" . }}`,
			`{{ partialCached "partials/missing.html" . }}`,
			`<script>var t = {{ .Title }};</script>`,
			`<script>var t = "{{ .Title }}`,
			"<script>var t = `{{ .Title }}`;</script>",
			`<a href="{{ .URL }}" title={{ .Title }} {{ .Kind }}>x</a>`,
			`<a href="{{ .URL }}`,
			`<a href="/x?{{ if .Title }}q={{ end }}">x</a>`,
			`<style>p { color: {{ .Title }} }</style>`,
			`<!-- {{ .Title }}`,
			`<textarea>{{ .Title }}`,
			`{{ define "x" }}1{{ end }}{{ define "x" }}2{{ end }}`,
			`{{ define "main" }}{{ template "main" . }}{{ end }}`,
			`{{ define "main" }}{{ block "main" . }}{{ end }}{{ end }}`,
			`{{ define "partials/head.html" }}{{ template "partials/head.html" . }}{{ end }}`,
			`{{ define "baseof.html" }}x{{ end }}`,
			`{{ block "title" . }}{{ .Title }}{{ end }}`,
			`{{ define "main" }}{{ partialCached "partials/card.html" . }}{{ end }}`,
			`{{ partialCached "` + name + `" . }}`,
			`{{ template "` + name + `" . }}`,
			`{{ range $i, $a := .Site.Articles }}{{ $i }}{{ $a.URL }}{{ break }}{{ end }}`,
			`{{ range 3 }}{{ . }}{{ end }}`,
			`{{ with $x := 1 }}{{ $x = "s" }}{{ end }}{{ $x }}`,
			`{{ end }}`,
			`{{ else }}`,
			"{{ \"\x00\" }}\x00\xff\xfe",
			"\ufeff" + text,
			strings.ReplaceAll(text, "\n", "\r\n"),
			strings.ReplaceAll(text, "\n", "\r"),
			strings.Repeat("x", 5000) + "{{ .Nope }}{{ if }}",
			strings.Repeat("{{ .Title }}", 500),
			"{{ `" + strings.Repeat("\n", 50) + "` }}{{ if }}",
			"\n\n\n{{ \"a\n\nb\" }}",
			`{{ printf "%d" }}{{ html }}{{ js . . }}{{ call .Title }}`,
			`{{ .Site.Config.Title | printf "%s" | urlquery }}`,
			`{{ define "partials/card.html" }}<div class="{{ end }}`,
			`{{ define "title" }}<b>{{ .Title }}{{ end }}{{ define "main" }}{{ block "scripts" . }}<script>{{ end }}{{ end }}`,
			`<img srcset="{{ .URL }} 1x, {{ .URL }} 2x" alt="">`,
			`<div style="color: {{ .Title }}">x</div>`,
			`<script type="text/template">{{ .Title }}</script>`,
			"<script>var x = `${ {{ .Title }} }`;</script>",
			`<a onclick="f('{{ .Title }}')">x</a>`,
			`{{ if .Title }}<a href="{{ else }}<b>{{ end }}`,
			`{{ range .Site.Articles }}<a href="{{ end }}`,
			`<a title="{{ .Title | html }}" href="{{ .URL | urlquery }}">x</a>`,
			`{{ $x := "partials/card.html" }}{{ partialCached $x . }}`,
			`<div class="x"`,
			`<p {{ .Title }}>`,
		} {
			f.Add(i, v)
		}
	}
}

// check loads text as site/layouts/name over the default theme and checks
// the invariants.
func (env *fuzzEnv) check(t *testing.T, name, text string) {
	if mayLoop(text) {
		t.Skip("a loop that runs longer than a fuzz input should")
	}
	// A template that runs away is a failure too; the process is the
	// only thing a goroutine that never returns can be stopped with.
	watchdog := time.AfterFunc(time.Minute, func() {
		panic(fmt.Sprintf("loading and executing %s did not finish in a minute; input:\n%q", name, text))
	})
	defer watchdog.Stop()

	display := "site/layouts/" + name
	th, list := env.load(name, text)
	first := messages(list)
	checkDiagnostics(t, display, text, env.files, list.All())
	if _, again := env.load(name, text); !slices.Equal(first, messages(again)) {
		t.Errorf("loading twice gives different diagnostics:\n%s\n---\n%s",
			strings.Join(first, "\n"), strings.Join(messages(again), "\n"))
	}
	if list.Err() != nil {
		return
	}
	// The page of the kind replaced, or two that use most partials: a
	// template that recurses takes html/template's whole depth limit to
	// fail, on every page.
	keys := []string{"article", "home"}
	if kind := strings.TrimSuffix(name, ".html"); !strings.Contains(kind, "/") && kind != "baseof" {
		keys = []string{kind}
	}
	pages := fixture(true)
	th.SetTimeLimit(2 * time.Second) // a runaway input would take the default 45 s
	for _, key := range keys {
		data := pages[key]
		err := th.Execute(&limitWriter{n: 1 << 20}, data.Kind, data)
		var d *diag.Diagnostic
		if err != nil && (!errors.As(err, &d) || d.Path == "" || strings.TrimSpace(d.Msg) == "") {
			t.Errorf("%s: Execute returned an error that is not a located diagnostic: %#v", key, err)
		}
	}
}

// load loads text as site/layouts/name over the default theme.
func (env *fuzzEnv) load(name, text string) (*theme.Theme, *diag.List) {
	var list diag.List
	site := theme.Source{FS: fstest.MapFS{name: {Data: []byte(text)}}, Prefix: "site/layouts"}
	th := theme.Load([]theme.Source{site, env.builtin}, env.funcs, &list)
	return th, &list
}

// messages lists the diagnostics as printed.
func messages(list *diag.List) []string {
	var out []string
	for _, d := range list.All() {
		out = append(out, d.Error())
	}
	return out
}

// checkDiagnostics checks that every diagnostic is on the override file
// display, whose text is text, or on a file of the default theme (whose
// texts are in theme) with a message that names the override, at a position
// inside that file, and says what is wrong in words rather than as a raw
// template error.
func checkDiagnostics(t *testing.T, display, text string, theme map[string]string, all []*diag.Diagnostic) {
	t.Helper()
	for _, d := range all {
		in := text
		if d.Path != display {
			other, ok := theme[strings.TrimPrefix(d.Path, "themes/default/layouts/")]
			if !ok || !strings.Contains(d.Msg, display) {
				t.Errorf("%v: names %q, not the override %s", d, d.Path, display)
				continue
			}
			in = other
		}
		lines := strings.Split(in, "\n")
		msg := strings.TrimSpace(d.Msg)
		switch {
		case d.Line < 1 || d.Line > len(lines)+1:
			t.Errorf("%v: line %d is outside 1..%d", d, d.Line, len(lines)+1)
		case d.Col < 1:
			t.Errorf("%v: column %d < 1", d, d.Col)
		case d.Line <= len(lines) && d.Col > len(lines[d.Line-1])+1:
			t.Errorf("%v: column %d is past the end of line %d (%d bytes)", d, d.Col, d.Line, len(lines[d.Line-1]))
		case msg == "":
			t.Errorf("%v: empty message", d)
		case strings.HasPrefix(msg, "template:") || strings.HasPrefix(msg, "html/template"):
			t.Errorf("%v: the message is a raw template error", d)
		}
	}
}

// mayLoop reports whether text holds integer constants whose product is
// large: {{ range 1000000000 }}{{ end }} runs (at Load, in a trial run, and
// at every page) for as long as it says, writing nothing that a size limit
// could stop. Templates can only loop that long with such constants.
func mayLoop(text string) bool {
	trees := map[string]*parse.Tree{}
	tr := parse.New("x")
	tr.Mode = parse.SkipFuncCheck
	if _, err := tr.Parse(text, "", "", trees); err != nil {
		return false // not parsed, not run
	}
	product := int64(1)
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.NumberNode:
			v := int64(1 << 20)
			if n.IsInt && n.Int64 > -v && n.Int64 < v {
				v = max(n.Int64, -n.Int64, 1)
			} else if n.IsUint && n.Uint64 < uint64(v) {
				v = max(int64(n.Uint64), 1)
			}
			product = min(product*v, 1<<40)
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n != nil {
				for _, v := range n.Decl {
					walk(v)
				}
				for _, c := range n.Cmds {
					walk(c)
				}
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.ChainNode:
			walk(n.Node)
		case *parse.IfNode:
			walk(&n.BranchNode)
		case *parse.RangeNode:
			walk(&n.BranchNode)
		case *parse.WithNode:
			walk(&n.BranchNode)
		case *parse.BranchNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
		}
	}
	for _, tree := range trees {
		walk(tree.Root)
	}
	return product > 1<<16
}

// limitWriter fails once more than n bytes were written: a template that
// writes in a loop stops there.
type limitWriter struct{ n int }

func (w *limitWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		w.n = 0
		return 0, errors.New("output too large")
	}
	w.n -= len(p)
	return len(p), nil
}
