package fastexec

import (
	"errors"
	"fmt"
	"html/template"
	"strings"
	"testing"
	"time"
)

type inner struct {
	Title string
	N     int
	When  time.Time
	Tags  []string
	HTML  template.HTML
	Ptr   *inner
}

func (i *inner) Upper() string          { return strings.ToUpper(i.Title) }
func (i inner) Twice(n int) int         { return 2 * n }
func (i *inner) Fail() (string, error)  { return "", errors.New("it failed") }
func (i *inner) Panics() string         { panic("boom") }
func (i *inner) Later(t time.Time) bool { return i.When.After(t) }

type Embedded struct{ Deep string }

type outer struct {
	*Embedded
	Inner  *inner
	Nil    *inner
	List   []*inner
	Map    map[string]any
	SMap   map[string]string
	IMap   map[int]string
	Any    any
	Items  []any
	URL    string
	Kind   string
	Num    int
	Uint   uint
	Float  float64
	hidden string
	// Bad fails to marshal to JSON; Panicky panics doing it.
	Bad     badJSON
	Panicky panicJSON
}

type (
	badJSON   struct{}
	panicJSON struct{}
)

func (badJSON) MarshalJSON() ([]byte, error)   { return nil, errors.New("no </script> here") }
func (panicJSON) MarshalJSON() ([]byte, error) { panic("marshal panicked") }

func sample() *outer {
	when := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	a := &inner{Title: `Tom & "Jerry" <x>`, N: 3, When: when, Tags: []string{"go", "a+b"}, HTML: "<b>bold</b>"}
	b := &inner{Title: "second", N: 0, Tags: nil, Ptr: a}
	return &outer{
		Embedded: &Embedded{Deep: "deep"},
		Inner:    a, List: []*inner{a, b},
		Map:  map[string]any{"k": "v", "n": 2, "list": []any{1, "two", nil}, "nested": map[string]any{"x": "y"}},
		SMap: map[string]string{"a": "1", "b": "2"}, IMap: map[int]string{3: "c", 1: "a", 2: "b"},
		Any: a, Items: []any{"s", 1, a, nil, template.HTML("<i>h</i>")},
		URL: "javascript:alert(1)", Kind: "home", Num: 7, Uint: 7, Float: 1.5, hidden: "h",
	}
}

var funcs = template.FuncMap{
	"T": func(key string, args ...any) (string, error) {
		if key == "bad" {
			return "", errors.New("no such key")
		}
		return fmt.Sprint(append([]any{key}, args...)...), nil
	},
	"date":    func(t time.Time) string { return t.Format("2 Jan 2006") },
	"add":     func(a, b int) int { return a + b },
	"abs":     func(s string) string { return "https://x" + s },
	"asset":   func(s string) (string, error) { return "/" + s, nil },
	"partial": func(name string, data any) (template.HTML, error) { return template.HTML("<p>" + name + "</p>"), nil },
	"pair":    func(a string, b int) []any { return []any{a, b} },
	"boom":    func() string { panic("kaboom") },
	"json":    func(v any) any { return v },
}

var cases = []string{
	`{{ .Inner.Title }}|{{ .Inner.N }}|{{ .Inner.HTML }}|{{ .Deep }}|{{ .Num }}|{{ .Float }}|{{ .Uint }}`,
	`<a href="{{ .URL }}" title="{{ .Inner.Title }}">{{ .Inner.Upper }}</a><a href="/x?q={{ .Inner.Title }}">`,
	`<img srcset="{{ .Inner.Title }} 1x, /b.png 2x" alt="{{ .Inner.HTML }}">`,
	`<title>{{ .Inner.Title }} {{ .Inner.HTML }}</title>`,
	`<script type="application/ld+json">{{ .Map }}</script><script>var x = {{ .Inner }};</script>`,
	`{{ range .List }}<li>{{ .Title }}:{{ .N }}</li>{{ else }}none{{ end }}`,
	`{{ range $i, $x := .List }}{{ $i }}={{ $x.Title }};{{ end }}{{ range $x := .Items }}[{{ $x }}]{{ end }}`,
	`{{ range $k, $v := .IMap }}{{ $k }}:{{ $v }} {{ end }}{{ range .SMap }}{{ . }}{{ end }}{{ range $k, $v := .Map }}{{ $k }}{{ end }}`,
	`{{ range 3 }}{{ . }}{{ end }}{{ range $i := 2 }}{{ $i }}{{ end }}`,
	`{{ range .List }}{{ if eq .N 0 }}{{ break }}{{ end }}{{ .Title }}{{ end }}{{ range .List }}{{ if .N }}{{ continue }}{{ end }}{{ .Title }}{{ end }}`,
	`{{ with .Nil }}x{{ else }}nil{{ end }}{{ with .Inner }}{{ .Title }}{{ end }}{{ if .List }}yes{{ end }}{{ if .Items }}{{ else }}no{{ end }}`,
	`{{ $n := 0 }}{{ range .List }}{{ $n = add $n 1 }}{{ end }}{{ $n }}{{ $x := "a" }}{{ if true }}{{ $x := "b" }}{{ $x }}{{ end }}{{ $x }}`,
	`{{ and .Nil .Nil.Title }}|{{ or .Nil .Inner }}|{{ and 1 2 }}|{{ or 0 "" }}|{{ not .Nil }}|{{ and .Inner .Num }}`,
	`{{ eq .Kind "home" }}{{ eq .Num 7 }}{{ eq .Uint 7 }}{{ eq .Inner .Any }}{{ eq .Inner (index .List 0) }}{{ ne .Nil .Inner }}{{ eq .Num 1 2 7 }}`,
	`{{ lt .Num 8 }}{{ le .Num 7 }}{{ gt .Num 1 }}{{ ge .Float 1.5 }}{{ lt .Kind "z" }}{{ lt -1 .Uint }}`,
	`{{ len .List }}{{ len .Map }}{{ len .Kind }}{{ index .List 1 | len }}`,
	`{{ index .Map "k" }}{{ index .Map "missing" }}{{ index .SMap "zz" }}{{ index .IMap 3 }}{{ index .Map "nested" "x" }}`,
	`{{ .Map.k }}{{ .Map.missing }}{{ .SMap.a }}{{ .SMap.nope }}{{ .Map.nested.x }}`,
	`{{ T "hello" }}{{ T "n" 1 "s" .Num }}{{ .Inner.Title | T "k" }}`,
	`{{ date .Inner.When }}{{ .Inner.When.Year }}{{ .Inner.Later .Inner.When }}{{ .Inner.Twice 4 }}{{ (index .List 1).Ptr.Title }}`,
	`{{ abs .Kind }}{{ asset "x.css" }}{{ partial "p" . }}{{ .Kind | abs }}{{ "lit" | abs }}`,
	`{{ template "sub" .Inner }}{{ template "sub" (index .List 1) }}{{ define "sub" }}<i>{{ .Title }}</i>{{ $.N }}{{ end }}`,
	`{{ template "rec" 3 }}{{ define "rec" }}{{ if gt . 0 }}{{ . }}{{ template "rec" (add . -1) }}{{ end }}{{ end }}`,
	`{{ block "b" . }}<b>{{ .Kind }}</b>{{ end }}`,
	`{{ .Items }}|{{ .Any }}|{{ .Nil }}|{{ .Inner.Tags }}|{{ .Inner.When }}`,
	`{{ $a := .Inner }}{{ with .List }}{{ $a.Title }}{{ $.Kind }}{{ end }}{{ (or .Nil .Inner).Title }}`,
	`<p title="{{ .Items }}" data-x="{{ index .Items 4 }}">{{ index .Items 4 }}</p>`,
	`<a href="#{{ .Inner.Title }}">{{ range .Inner.Tags }}<span class="t-{{ . }}">{{ . }}</span>{{ end }}</a>`,
	`{{ pair "a" 1 }}{{ with pair "x" .Num }}{{ index . 0 }}{{ end }}`,
	`{{ 1 }}{{ 1.5 }}{{ 0x10 }}{{ 'a' }}{{ 1e3 }}{{ true }}{{ "s" }}`,
	// Contexts the default theme does not use: html/template's escapers
	// run them all.
	`<style>p { color: {{ .Kind }}; content: "{{ .Inner.Title }}" }</style><p style="width: {{ .Num }}px; x: {{ .URL }}">`,
	`<script>var s = "{{ .Inner.Title }}", r = /{{ .Inner.Title }}/, t = ` + "`{{ .Inner.Title }}`" + `;</script>`,
	`<!-- {{ .Inner.Title }} --><a {{ .Kind }}="x" onclick="f({{ .Inner.Title }})">{{ .Inner.Title }}</a>`,
	`<a href="{{ .URL }}">{{ .Items | len }}</a><a href="/{{ .Inner.HTML }}/{{ .Inner.Title }}">`,
	`<script type="application/ld+json">{{ .Bad }}</script>`,
	// errors
	`{{ .Nil.Title }}`,
	`{{ .Missing }}`,
	`{{ .hidden }}`,
	`{{ .Inner.Fail }}`,
	`{{ .Inner.Panics }}`,
	`{{ boom }}`,
	`{{ T "bad" }}`,
	`{{ index .List 5 }}`,
	`{{ index .List 2 }}`,
	`{{ lt .Inner 1 }}`,
	`{{ eq .Kind 1 }}`,
	`{{ len .Num }}`,
	`{{ add .Kind 1 }}`,
	`{{ .Inner.Twice }}`,
	`{{ .Kind 1 }}`,
	`{{ range .Num }}{{ end }}{{ range .Kind }}{{ end }}`,
	`<script>var x = {{ .Panicky }};</script>`,
}

// differ runs src with html/template and, when fastexec compiles it, with
// fastexec, and describes how their output or error differ; "" when they
// agree or fastexec refuses the template.
func differ(src string) (string, error) {
	return differs(src, true)
}

// differs is differ, comparing the text of errors only when exact, else
// only whether both fail.
func differs(src string, exact bool) (string, error) {
	data := sample() // one value for both: pointers print as addresses
	return compare(src, func() any { return data }, exact)
}

// compare runs src with html/template and with fastexec, each on a value
// data returns, and describes how their output differ, or their errors:
// in text when exact, else whether they happen; "" when they agree. A
// template fastexec refuses to compile is an error.
func compare(src string, data func() any, exact bool) (string, error) {
	ht, err := template.New("t").Funcs(funcs).Parse(src)
	if err != nil {
		return "", err
	}
	var want strings.Builder
	werr := ht.Execute(&want, data()) // escapes ht
	lookup := Lookup(ht)
	if lookup == nil {
		return "", errors.New("html/template's text set is out of reach")
	}
	p, err := NewCompiler(funcs, lookup).Compile("t")
	if err != nil {
		return "", err
	}
	var got strings.Builder
	gerr := p.Execute(&got, data())
	if got.String() != want.String() {
		return fmt.Sprintf("\n got %q\nwant %q", got.String(), want.String()), nil
	}
	if exact && fmt.Sprint(gerr) != fmt.Sprint(werr) || (gerr == nil) != (werr == nil) {
		return fmt.Sprintf("error\n got %v\nwant %v", gerr, werr), nil
	}
	return "", nil
}

func TestExecDifferential(t *testing.T) {
	for i, src := range cases {
		diff, err := differ(src)
		if err != nil {
			t.Errorf("case %d %q: %v", i, src, err)
		}
		if diff != "" {
			t.Errorf("case %d %q: %s", i, src, diff)
		}
	}
}

// FuzzExec runs templates made by the fuzzer with html/template and with
// fastexec: whatever fastexec compiles must write what html/template
// writes, and fail where it fails (the curated cases above also compare
// the error's text; here a reflect panic inside text/template, say, may be
// worded differently).
func FuzzExec(f *testing.F) {
	for _, src := range cases {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 2000 || strings.Contains(src, "range") && strings.Count(src, "range") > 3 {
			return // keep each run short: nested ranges over ints multiply
		}
		diff, _ := differs(src, false)
		if diff != "" {
			t.Errorf("%q: %s", src, diff)
		}
	})
}
