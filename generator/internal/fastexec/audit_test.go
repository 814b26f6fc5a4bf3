package fastexec

import (
	"errors"
	"fmt"
	"html/template"
	"iter"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// auditDiff runs src with html/template and with fastexec on data, and
// describes how their output or error differ; "" when they agree. A
// template fastexec refuses to compile is an error.
func auditDiff(src string, data func() any) (string, error) {
	ht, err := template.New("t").Funcs(funcs).Parse(src)
	if err != nil {
		return "", err
	}
	var want strings.Builder
	werr := ht.Execute(&want, data())
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
	if fmt.Sprint(gerr) != fmt.Sprint(werr) {
		return fmt.Sprintf("error\n got %v\nwant %v", gerr, werr), nil
	}
	return "", nil
}

type auditCase struct {
	name string
	src  string
	data func() any
}

func runAudit(t *testing.T, cs []auditCase) {
	t.Helper()
	for _, c := range cs {
		t.Run(c.name, func(t *testing.T) {
			diff, err := auditDiff(c.src, c.data)
			if err != nil {
				t.Fatalf("%q: %v", c.src, err)
			}
			if diff != "" {
				t.Errorf("%q: %s", c.src, diff)
			}
		})
	}
}

type keyPair struct{ X, Y int }

func (p keyPair) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

// TestAuditMapKeys ranges over maps whose keys are neither strings nor
// integers: text/template sorts them as fmt does, and runs else for an
// empty one; fastexec failed on both.
func TestAuditMapKeys(t *testing.T) {
	data := func() any {
		return map[string]any{
			"F":  map[float64]string{2.5: "b", -1: "a", 10: "c"},
			"B":  map[bool]string{true: "t", false: "f"},
			"P":  map[keyPair]string{{2, 1}: "y", {1, 2}: "x", {1, 1}: "w"},
			"A":  map[any]string{"b": "1", "a": "2", 3: "3", 1.5: "4"},
			"C":  map[complex128]int{2i: 1, 1: 2},
			"EF": map[float64]string{},
			"EP": map[keyPair]int(nil),
		}
	}
	runAudit(t, []auditCase{
		{"float", `{{ range $k, $v := .F }}{{ $k }}={{ $v }};{{ end }}`, data},
		{"bool", `{{ range $k, $v := .B }}{{ $k }}={{ $v }};{{ end }}`, data},
		{"struct", `{{ range $k, $v := .P }}{{ $k }}={{ $v }};{{ end }}`, data},
		{"interface", `{{ range $k, $v := .A }}{{ $k }}={{ $v }};{{ end }}`, data},
		{"complex", `{{ range $k, $v := .C }}{{ $k }}={{ $v }};{{ end }}`, data},
		{"empty", `{{ range .EF }}x{{ else }}empty{{ end }}{{ range .EP }}x{{ else }}nil{{ end }}`, data},
	})
}

// TestAuditBreakInElse: text/template's range recovers a break from its
// else too, so a break in the else of an inner range ends only that
// range; fastexec carried it out to the outer range.
func TestAuditBreakInElse(t *testing.T) {
	data := func() any { return map[string]any{"None": []int{}, "Two": []int{1, 2}} }
	runAudit(t, []auditCase{
		{"break", `{{ range .Two }}{{ range $.None }}{{ else }}{{ break }}{{ end }}x{{ . }}{{ end }}`, data},
		{"continue", `{{ range .Two }}{{ range $.None }}{{ else }}{{ continue }}{{ end }}x{{ . }}{{ end }}`, data},
		{"nested if", `{{ range .Two }}{{ range $.None }}{{ else }}{{ if true }}{{ break }}{{ end }}{{ end }}x{{ end }}`, data},
	})
}

// TestAuditElseScope: the parser lets an else name a variable declared in
// the then list (or a range's body), which at run time was never
// declared: text/template finds the variable of that name declared
// before, or fails. fastexec gave each name one slot for the whole
// if/with/range, so the else read the then list's (unset, or stale)
// variable.
func TestAuditElseScope(t *testing.T) {
	data := func() any { return map[string]any{"None": []int{}, "HTML": template.HTML("<b>")} }
	runAudit(t, []auditCase{
		{"if shadow", `{{ $x := 1 }}{{ if false }}{{ $x := 2 }}{{ else }}{{ $x }}{{ end }}`, data},
		{"with shadow", `{{ $x := "outer" }}{{ with false }}{{ $x := 2 }}{{ else }}{{ $x }}{{ end }}`, data},
		{"range shadow", `{{ $x := "<o>" }}{{ range .None }}{{ $x := . }}{{ else }}<a title="{{ $x }}">{{ end }}`, data},
		{"stale", `{{ $x := "a" }}{{ range 3 }}{{ if ne . 1 }}{{ $x := $.HTML }}{{ else }}{{ $x }}{{ end }}{{ end }}`, data},
		{"if undefined", `{{ if false }}{{ $y := 1 }}{{ else }}{{ $y }}{{ end }}`, data},
		{"with undefined", `{{ with false }}{{ $y := 1 }}{{ else }}{{ $y.Z }}{{ end }}`, data},
		{"range undefined", `{{ range .None }}{{ $y := 1 }}{{ else }}{{ len $y }}{{ end }}`, data},
	})
}

type holder struct{ A any }

// TestAuditBuiltinPanics: text/template calls its builtins through
// safeCall, so a panic in one (len of a missing map key; eq of structs
// holding uncomparable values) is the error "error calling NAME: ..." at
// the call; fastexec's was a bare panic message without a location, or
// "len of nil pointer".
func TestAuditBuiltinPanics(t *testing.T) {
	data := func() any {
		return map[string]any{"M": map[string]any{}, "A": holder{[]int{1}}, "B": holder{[]int{1}}}
	}
	runAudit(t, []auditCase{
		{"len missing", `{{ len .M.missing }}`, data},
		{"len piped", `{{ .M.missing | len }}`, data},
		{"eq uncomparable", `{{ eq .A .B }}`, data},
		{"ne uncomparable", `{{ ne .A .B }}`, data},
	})
}

// TestAuditRangeChanFunc: text/template ranges over channels and over
// iterator functions (iter.Seq, iter.Seq2); fastexec failed on both
// with "not supported by fastexec". And a range of two variables over an
// integer failed at the range, where text/template names the integer.
func TestAuditRangeChanFunc(t *testing.T) {
	send := make(chan<- int) // one for both runs: the error prints it
	data := func() any {
		ch := make(chan string, 3)
		ch <- "<a>"
		ch <- "b"
		close(ch)
		return map[string]any{
			"Ch":    ch,
			"Send":  send,
			"NilCh": (chan int)(nil),
			"Seq":   slices.Values([]string{"x", "<y>", "z"}),
			"Seq2":  maps.All(map[string]int{"k": 1}),
			"Two":   slices.All([]string{"p", "q"}),
			"Empty": slices.Values([]int(nil)),
			"Fn":    func() int { return 1 },
		}
	}
	runAudit(t, []auditCase{
		{"chan", `{{ range $i, $v := .Ch }}{{ $i }}={{ $v }};{{ end }}`, data},
		{"chan one", `{{ range .Ch }}{{ . }}{{ break }}{{ end }}`, data},
		{"nil chan", `{{ range .NilCh }}x{{ else }}none{{ end }}`, data},
		{"send-only", `{{ range .Send }}x{{ end }}`, data},
		{"seq", `{{ range $v := .Seq }}{{ if eq $v "z" }}{{ break }}{{ end }}{{ $v }};{{ end }}`, data},
		{"seq two", `{{ range $i, $v := .Seq }}{{ end }}`, data},
		{"seq2 two", `{{ range $i, $v := .Two }}{{ $i }}={{ $v }};{{ end }}{{ range $k, $v := .Seq2 }}{{ $k }}={{ $v }}{{ end }}`, data},
		{"seq2 one", `{{ range .Two }}{{ . }};{{ end }}{{ range $x := .Two }}{{ $x }}{{ continue }}{{ end }}`, data},
		{"empty seq", `{{ range .Empty }}x{{ else }}none{{ end }}`, data},
		{"not an iterator", `{{ range .Fn }}x{{ end }}`, data},
		{"int two", `{{ range $i, $v := 3 }}x{{ end }}`, data},
	})
}

// auditData is richer data than sample's, for FuzzAudit: typed strings,
// Stringers and errors on value and pointer receivers, nil interfaces,
// maps of other keys, iterators, embedded structs.
type auditData struct {
	Named   auditNamed
	HTML    template.HTML
	JS      template.JS
	URL     template.URL
	Attr    template.HTMLAttr
	CSS     template.CSS
	Src     template.Srcset
	V       auditVal
	P       auditPtr
	PP      *auditPtr
	Err     error
	NilErr  error
	Str     fmt.Stringer
	NilAny  any
	NilPtr  *auditPtr
	Ifaces  []any
	F       map[float64]string
	K       map[keyPair]any
	AM      map[any]any
	Seq     iter.Seq[string]
	Seq2    iter.Seq2[int, template.HTML]
	Bytes   []byte
	Arr     [2]auditPtr
	Time    time.Time
	Cmplx   complex128
	Neg     int8
	Big     uint64
	Fn      func() string
	keyPair // embedded, unexported: X and Y are promoted
	*Emb2
	hidden string
}

type (
	auditNamed string
	auditVal   struct{ S string }
	auditPtr   struct{ S string }
	Emb2       struct{ E string }
)

func (v auditVal) String() string           { return "<v " + v.S + ">" }
func (p *auditPtr) String() string          { return "<p " + p.S + ">" }
func (p *auditPtr) H() template.HTML        { return template.HTML("<i>" + p.S + "</i>") }
func (v auditVal) Pair(a string, b int) any { return []any{a, b, template.HTML("<h>")} }
func (Emb2) M() template.URL                { return "javascript:m()" }

var theAuditData = &auditData{
	Named: "<n>", HTML: "<b>h</b>", JS: "alert('j')", URL: "javascript:u", Attr: `onload="x"`,
	CSS: "expression(x)", Src: "/a.png 1x, javascript:x 2x",
	V: auditVal{"v"}, P: auditPtr{"p"}, PP: &auditPtr{"pp"}, Err: errors.New("<e>"), Str: auditVal{"s"},
	Ifaces: []any{1, "<a>", template.HTML("<b>"), nil, auditVal{"q"}, &auditPtr{"r"}, template.JS("j()"), []string{"<z>"}},
	F:      map[float64]string{2.5: "<b>", -1: "a"},
	K:      map[keyPair]any{{2, 1}: template.HTML("<y>"), {1, 2}: "<x>"},
	AM:     map[any]any{"<k>": template.URL("javascript:v"), 1: 2, 1.5: nil},
	Seq:    slices.Values([]string{"<s1>", "s2"}),
	Seq2:   func(yield func(int, template.HTML) bool) { _ = yield(1, "<h1>") && yield(2, "<h2>") },
	Bytes:  []byte("<by>"), Arr: [2]auditPtr{{"a0"}, {"a1"}},
	Time:  time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
	Cmplx: 1 + 2i, Neg: -5, Big: 1 << 63,
	Fn:      func() string { return "fn" },
	keyPair: keyPair{1, 2}, Emb2: &Emb2{"<e2>"}, hidden: "h",
}

// FuzzAudit is FuzzExec on auditData.
func FuzzAudit(f *testing.F) {
	for _, src := range cases {
		f.Add(src)
	}
	for _, src := range []string{
		`{{ .Named }}{{ .HTML }}{{ .JS }}{{ .URL }}{{ .Attr }}{{ .CSS }}{{ .Src }}`,
		`<a href="{{ .URL }}" title="{{ .HTML }}" onclick="{{ .JS }}" {{ .Attr }} style="{{ .CSS }}"><img srcset="{{ .Src }}">`,
		`<script>var a = {{ .Ifaces }}, b = "{{ .Named }}";</script><style>{{ .CSS }}</style>`,
		`{{ range $k, $v := .K }}<a href="{{ $k }}">{{ $v }}</a>{{ end }}{{ range $k, $v := .AM }}{{ $k }}={{ $v }}{{ end }}`,
		`{{ range .Seq }}{{ . }}{{ end }}{{ range $i, $h := .Seq2 }}<p title="{{ $h }}">{{ $i }}{{ $h }}</p>{{ end }}`,
		`{{ .V }}{{ .P }}{{ .PP }}{{ .PP.H }}{{ .P.H }}{{ .Err }}{{ .NilErr }}{{ .Str }}{{ .NilAny }}{{ .NilPtr }}`,
		`{{ with .NilAny }}x{{ else with .HTML }}{{ . }}{{ end }}{{ $x := .HTML }}{{ $x = .Named }}<a href="{{ $x }}">`,
		`{{ .X }}{{ .Y }}{{ .E }}{{ .M }}<a href="{{ .M }}">{{ .hidden }}`,
		`{{ (.V.Pair "a" 1) }}{{ index (.V.Pair "<a>" 2) 2 }}{{ range .V.Pair "x" 3 }}[{{ . }}]{{ end }}`,
		`{{ template "x" .HTML }}<script>{{ template "x" .JS }}</script><title>{{ template "x" .Named }}</title>{{ define "x" }}{{ . }}<a href="{{ . }}">{{ end }}`,
		`{{ range .Arr }}{{ .H }}{{ . }}{{ end }}{{ .Bytes }}{{ .Time }}{{ .Cmplx }}{{ .Neg }}{{ .Big }}{{ .Fn }}`,
		`{{ range $i, $e := .Ifaces }}{{ if eq $i 3 }}{{ continue }}{{ end }}<p data-x="{{ $e }}">{{ $e }}</p>{{ else }}none{{ end }}`,
	} {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 2000 || strings.Count(src, "range") > 3 {
			return
		}
		diff, _ := auditDiffShared(src, theAuditData)
		if diff != "" {
			t.Errorf("%q: %s", src, diff)
		}
	})
}

// auditDiffShared is auditDiff on one value for both runs, comparing
// errors by whether they happen only: a panic inside reflect may be
// worded differently.
func auditDiffShared(src string, data any) (string, error) {
	ht, err := template.New("t").Funcs(funcs).Parse(src)
	if err != nil {
		return "", err
	}
	var want strings.Builder
	werr := ht.Execute(&want, data)
	lookup := Lookup(ht)
	if lookup == nil {
		return "", errors.New("html/template's text set is out of reach")
	}
	p, err := NewCompiler(funcs, lookup).Compile("t")
	if err != nil {
		return "", err
	}
	var got strings.Builder
	gerr := p.Execute(&got, data)
	if got.String() != want.String() {
		return fmt.Sprintf("\n got %q\nwant %q", got.String(), want.String()), nil
	}
	if (gerr == nil) != (werr == nil) {
		return fmt.Sprintf("error\n got %v\nwant %v", gerr, werr), nil
	}
	return "", nil
}

// TestAuditFailedCallee: a Compiler keeps what it compiled for later
// Compiles (the theme compiles each partial with one). When A failed to
// compile (printf), B, which A calls and which calls A back, stayed
// compiled, calling an A with no body: a later Compile of B succeeded and
// its run failed ("index out of range"), where html/template's succeeds.
func TestAuditFailedCallee(t *testing.T) {
	src := `{{ define "A" }}<i>{{ template "B" false }}{{ printf "%s" "x" }}</i>{{ end }}` +
		`{{ define "B" }}{{ if . }}{{ template "A" . }}{{ end }}b{{ end }}` +
		`{{ define "p1" }}{{ template "A" . }}{{ end }}{{ define "p2" }}{{ template "B" . }}{{ end }}`
	ht := template.Must(template.New("t").Funcs(funcs).Parse(src))
	for _, n := range []string{"p1", "p2"} { // escapes them
		if err := ht.ExecuteTemplate(&strings.Builder{}, n, true); err != nil {
			t.Fatal(err)
		}
	}
	c := NewCompiler(funcs, Lookup(ht))
	if _, err := c.Compile("p1"); err == nil {
		t.Fatal("p1 compiled: printf is supported now; change the test")
	}
	p2, err := c.Compile("p2")
	if err != nil {
		return // refusing p2 is also right
	}
	var want, got strings.Builder
	werr := ht.ExecuteTemplate(&want, "p2", true)
	gerr := p2.Execute(&got, true)
	if got.String() != want.String() || fmt.Sprint(gerr) != fmt.Sprint(werr) {
		t.Errorf("got %q, %v; want %q, %v", got.String(), gerr, want.String(), werr)
	}
}

type complexArg struct{}

func (complexArg) C(c complex128) string { return fmt.Sprint(c) }

// TestAuditComplexConstant: text/template converts a constant for a
// complex parameter (evalComplex); fastexec failed with "can't handle".
func TestAuditComplexConstant(t *testing.T) {
	data := func() any { return complexArg{} }
	runAudit(t, []auditCase{
		{"complex", `{{ .C 2i }}{{ .C 1.5i }}`, data},
		{"not complex", `{{ .C 1 }}`, data},
	})
}

type typeErrs struct {
	Named auditNamed
	V     auditVal
}

func (typeErrs) I(i int8) int8 { return i }

// TestAuditTypeErrorAt: text/template reports a value of the wrong type
// for a parameter where its state.at last was: for the value piped in,
// the call's last argument (else its name); for a parenthesised argument,
// the last node evaluated in it. fastexec named the whole command, or the
// parenthesis: another column and context in the theme's diagnostics.
func TestAuditTypeErrorAt(t *testing.T) {
	data := func() any { return typeErrs{Named: "n"} }
	runAudit(t, []auditCase{
		{"piped func", `{{ .Named | add 1 }}`, data},
		{"piped func 2", `{{ .Named | pair "a" }}`, data},
		{"piped method", `{{ .Named | .V.Pair "a" }}`, data},
		{"paren arg", `{{ add (.Named) 1 }}`, data},
		{"paren pipe arg", `{{ add 1 (.V.Pair "a" 1) }}`, data},
		{"chain arg", `{{ add (.V).S 1 }}`, data},
	})
}

type strField struct{ S string }

// TestAuditScratchAddress: fastexec keeps the strings and HTML its direct
// calls return in arrays of the pooled state, and gave them as
// addressable values; text/template's results cannot be addressed. So a
// result passed for a *string (or *template.HTML) parameter was taken by
// address: the call succeeded where text/template fails with "wrong type
// for value", and the function could keep a pointer into memory the next
// execution overwrites. An addressable field still is passed by address,
// as text/template does.
func TestAuditScratchAddress(t *testing.T) {
	var kept *string
	fm := template.FuncMap{}
	maps.Copy(fm, funcs)
	fm["ptr"] = func(s *string) string { kept = s; return "p:" + *s }
	fm["hptr"] = func(h *template.HTML) string { return "h:" + string(*h) }
	for _, src := range []string{
		`{{ T "x" | ptr }}`,
		`{{ ptr (abs "y") }}`,
		`{{ partial "a" . | hptr }}`,
		`{{ with T "w" }}{{ ptr . }}{{ end }}`,
		`{{ $f := T "a" }}{{ range 70 }}{{ $x := T "k" }}{{ end }}{{ ptr $f }}`, // $f's array was outgrown
		`{{ ptr .S }}`, // a field: addressable in both
	} {
		ht := template.Must(template.New("t").Funcs(fm).Parse(src))
		var want, got strings.Builder
		werr := ht.Execute(&want, &strField{S: "s"})
		p, err := NewCompiler(fm, Lookup(ht)).Compile("t")
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		kept = nil
		gerr := p.Execute(&got, &strField{S: "s"})
		if fmt.Sprintf("%q %v", want.String(), werr) != fmt.Sprintf("%q %v", got.String(), gerr) {
			t.Errorf("%s:\n got %q %v\nwant %q %v", src, got.String(), gerr, want.String(), werr)
		}
		if kept != nil && *kept == "" {
			t.Errorf("%s: the function kept a pointer into fastexec's scratch, cleared since", src)
		}
	}
}
