package fastexec

import (
	"errors"
	"fmt"
	"html/template"
	"iter"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// auditDiff runs src with html/template and with fastexec on data, and
// describes how their output or error differ; "" when they agree. A
// template fastexec refuses to compile is an error.
func auditDiff(src string, data func() any) (string, error) {
	return compare(src, data, true)
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
	return compare(src, func() any { return data }, false)
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

// The guards below are the hypotheses tried that did not diverge (beyond
// those fixed above): typed strings, Stringers and errors on value and
// pointer receivers, nil interfaces and pointers, maps of other keys,
// embedded structs, unexported fields, method values, constants for
// typed parameters, template calls across contexts, blocks, variables,
// assignments, comparisons, errors. They passed before the fixes too,
// except where a fix's own test says otherwise.

type pt struct{ X, Y int }

func (p pt) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

type valStr struct{ S string }

func (v valStr) String() string { return "V<" + v.S + ">" }

type ptrStr struct{ S string }

func (v *ptrStr) String() string { return "P<" + v.S + ">" }

type myErr struct{}

func (myErr) Error() string { return "<err>" }

type named string
type namedHTML template.HTML

type rich struct {
	F       map[float64]string
	B       map[bool]string
	P       map[pt]string
	E       map[float64]string
	Ch      chan int
	Seq     iter.Seq[int]
	Seq2    iter.Seq2[string, int]
	V       valStr
	PS      ptrStr
	PSP     *ptrStr
	Err     error
	NilErr  error
	Str     fmt.Stringer
	HTMLStr fmt.Stringer
	Named   named
	NHTML   namedHTML
	HTML    template.HTML
	JS      template.JS
	URL     template.URL
	Attr    template.HTMLAttr
	Time    time.Time
	Ifaces  []any
	AnyMap  map[any]any
	Bytes   []byte
	Arr     [3]int
	Nested  [][]string
	NilMap  map[string]string
	NilSl   []string
	NilAny  any
	NilPtr  *pt
	Cmplx   complex128
	F32     float32
	Big     uint64
	Neg     int8
	Fn      func() string
	Emb
	*PEmb
	unexp int
}

type Emb struct{ EF string }

func (Emb) EM() string { return "em" }

type PEmb struct{ PF string }

func (r *rich) PtrM() template.HTML          { return "<b>ptr</b>" }
func (r rich) ValM() template.HTML           { return "<b>val</b>" }
func (r *rich) Arg(s string) string          { return "[" + s + "]" }
func (r *rich) Variadic(s ...string) int     { return len(s) }
func (r *rich) Iface() any                   { return nil }
func (r *rich) Err2() (template.HTML, error) { return "<x>", nil }

func richData() any {
	ch := make(chan int, 3)
	ch <- 1
	ch <- 2
	close(ch)
	return &rich{
		F:  map[float64]string{2.5: "b", -1: "a", 10: "c"},
		B:  map[bool]string{true: "t", false: "f"},
		P:  map[pt]string{{2, 1}: "y", {1, 2}: "x"},
		E:  map[float64]string{},
		Ch: ch, Seq: slices.Values([]int{4, 5}), Seq2: func(yield func(string, int) bool) {
			if !yield("a", 1) {
				return
			}
			yield("b", 2)
		},
		V: valStr{"v"}, PS: ptrStr{"p"}, PSP: &ptrStr{"pp"},
		Err: errors.New("<e>"), Str: valStr{"s"}, HTMLStr: nil,
		Named: "<n>", NHTML: "<nh>", HTML: "<h>", JS: "alert(1)", URL: "javascript:x", Attr: `onclick="x"`,
		Time:   time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
		Ifaces: []any{1, "<a>", template.HTML("<b>"), nil, valStr{"q"}, &ptrStr{"r"}, myErr{}, []int{1}},
		AnyMap: map[any]any{"<k>": "<v>", 1: 2},
		Bytes:  []byte("<by>"), Arr: [3]int{1, 2, 3}, Nested: [][]string{{"a", "<b>"}},
		Cmplx: 1 + 2i, F32: 1.1, Big: 1 << 63, Neg: -5,
		Fn:  func() string { return "fn" },
		Emb: Emb{"<ef>"}, PEmb: nil, unexp: 3,
	}
}

func TestAuditGuardsRich(t *testing.T) {
	srcs := []string{
		`{{ range $k, $v := .F }}{{ $k }}={{ $v }};{{ end }}`,
		`{{ range .E }}x{{ else }}empty{{ end }}`,
		`{{ range $k, $v := .B }}{{ $k }}={{ $v }};{{ end }}`,
		`{{ range $k, $v := .P }}{{ $k }}={{ $v }};{{ end }}`,
		`{{ range $k, $v := .AnyMap }}{{ $k }}={{ $v }};{{ end }}`,
		`{{ range $i, $v := .Ch }}{{ $i }}={{ $v }};{{ end }}`,
		`{{ range .Seq }}{{ . }};{{ end }}`,
		`{{ range $k, $v := .Seq2 }}{{ $k }}={{ $v }};{{ end }}{{ range .Seq2 }}{{ . }}{{ end }}`,
		`{{ range 2 }}{{ range $.NilSl }}{{ else }}{{ break }}{{ end }}x{{ end }}`,
		`{{ range 2 }}{{ range $.NilSl }}{{ else }}{{ continue }}{{ end }}x{{ end }}`,
		`{{ if false }}{{ $y := 1 }}{{ else }}{{ $y }}{{ end }}`,
		`{{ range .NilSl }}{{ $y := 1 }}{{ else }}{{ $y }}{{ end }}`,
		`{{ with false }}{{ $y := 1 }}{{ else }}{{ $y }}{{ end }}`,
		`{{ .V }}|{{ .PS }}|{{ .PSP }}|{{ .Err }}|{{ .NilErr }}|{{ .Str }}|{{ .HTMLStr }}`,
		`<a title="{{ .V }}|{{ .PS }}|{{ .PSP }}|{{ .Err }}|{{ .NilErr }}|{{ .Str }}">`,
		`{{ .Named }}|{{ .NHTML }}|{{ .HTML }}|{{ .JS }}|{{ .URL }}|{{ .Attr }}`,
		`<a href="{{ .URL }}" {{ .Attr }} onclick="{{ .JS }}" title="{{ .HTML }}">`,
		`<script>{{ .Ifaces }}{{ .Time }}{{ .V }}{{ .AnyMap }}</script>`,
		`{{ .Time }}|{{ .Ifaces }}|{{ .Bytes }}|{{ .Arr }}|{{ .Nested }}|{{ .NilMap }}|{{ .NilSl }}|{{ .NilAny }}|{{ .NilPtr }}`,
		`{{ .Cmplx }}|{{ .F32 }}|{{ .Big }}|{{ .Neg }}|{{ .AnyMap }}`,
		`{{ .Fn }}`,
		`{{ .EF }}|{{ .EM }}|{{ .Emb.EF }}`,
		`{{ .PF }}`,
		`{{ .unexp }}`,
		`{{ .PtrM }}|{{ .ValM }}|{{ .Arg "<a>" }}|{{ .Variadic }}|{{ .Variadic "a" "b" }}|{{ .Iface }}|{{ .Err2 }}`,
		`{{ range .Ifaces }}[{{ . }}]{{ end }}`,
		`{{ range .Ifaces }}<a title="{{ . }}" href="{{ . }}">{{ end }}`,
		`{{ $x := .HTML }}{{ $x }}{{ $x = .Named }}{{ $x }}{{ ($x) }}{{ (.HTML) }}`,
		`{{ with .NilAny }}a{{ else with .HTML }}{{ . }}{{ end }}`,
		`{{ index .AnyMap 1 }}{{ index .AnyMap "<k>" }}{{ index .AnyMap 2 }}{{ index .F 2.5 }}`,
		`{{ eq .Ifaces .Ifaces }}`,
		`{{ eq .P .P }}`,
		`{{ eq .V .V }}{{ eq .V .PS }}`,
		`{{ len .Ch }}{{ len .Seq }}`,
		`{{ .NilAny.X }}`,
		`{{ .NilPtr.X }}`,
		`{{ .NilMap.x }}{{ .NilMap }}`,
		`{{ template "u" .HTML }}{{ define "u" }}<a href="{{ . }}">{{ . }}</a>{{ end }}<script>{{ template "u" .JS }}</script>`,
		`<title>{{ template "u2" . }}</title><p>{{ template "u2" . }}</p>{{ define "u2" }}{{ .HTML }}{{ .Named }}{{ end }}`,
		`{{ block "bb" .Named }}<i>{{ . }}</i>{{ end }}<a href="{{ block "bc" .Named }}{{ . }}{{ end }}">`,
		`{{ .Time.Format "2006" }}{{ .Time.Year }}{{ date .Time }}`,
		`{{ .V.String }}{{ .PS.String }}{{ .PSP.String }}`,
		`{{ and .NilAny 1 }}{{ or .NilAny .NilPtr }}{{ not .NilAny }}`,
		`{{ .NilAny | len }}`,
		`{{ .Variadic .Named }}`,
		`{{ .Arg .Named }}`,
		`{{ .Arg .NilAny }}`,
		`{{ .Arg nil }}`,
		`{{ .Arg 1 }}`,
		`{{ T "x" nil .NilAny }}`,
		`{{ add 1 .F32 }}`,
		`{{ add .Neg 1 }}`,
		`{{ add 1 .Big }}`,
		`{{ date .NilAny }}`,
		`{{ date .Str }}`,
		`{{ abs .Named }}`,
		`{{ abs .HTML }}`,
		`{{ index .Nested 0 1 }}{{ index .Arr 2 }}{{ index .Bytes 0 }}{{ index "abc" 1 }}`,
		`{{ index .Arr 3 }}`,
		`{{ index .Bytes -1 }}`,
		`{{ lt .F32 2.0 }}{{ lt .Neg .Big }}{{ eq .Cmplx .Cmplx }}`,
		`{{ lt .Cmplx .Cmplx }}`,
	}
	for _, src := range srcs {
		diff, err := auditDiff(src, richData)
		if err != nil {
			t.Logf("refused %q: %v", src, err)
			continue
		}
		if diff != "" {
			t.Errorf("%q: %s", src, diff)
		}
	}
}

type cmpS struct{ A any }
type nmap map[named]string

type withPtrs struct {
	C1, C2 cmpS
	NM     nmap
	Rs     []rich
	Arr    [2]ptrStr
	M      map[string]ptrStr
	MP     map[string]*ptrStr
	Deep   **pt
	IfP    any
}

func data2() any {
	p := &pt{1, 2}
	return &withPtrs{C1: cmpS{[]int{1}}, C2: cmpS{[]int{1}}, NM: nmap{"k": "v"}, Rs: []rich{{Named: "a"}},
		Arr: [2]ptrStr{{"a"}, {"b"}}, M: map[string]ptrStr{"k": {"m"}}, MP: map[string]*ptrStr{"k": {"mp"}}, Deep: &p, IfP: &ptrStr{"ifp"}}
}

func TestAuditGuardsPointers(t *testing.T) {
	srcs := []string{
		`{{ eq .C1 .C2 }}`,
		`{{ .NM.k }}`,
		`{{ index .NM "k" }}`,
		`{{ range .Rs }}{{ .PtrM }}{{ .ValM }}{{ .Named }}{{ end }}`,
		`{{ range .Arr }}{{ . }}{{ .String }}{{ end }}`,
		`{{ .Arr }}{{ index .Arr 0 }}{{ (index .Arr 0).String }}`,
		`{{ .M.k }}{{ .M.k.String }}{{ .MP.k }}{{ .MP.k.String }}`,
		`{{ .Deep.X }}{{ .Deep }}{{ .IfP }}{{ .IfP.S }}{{ .IfP.String }}`,
		`{{ $i := 0 }}{{ $e := 0 }}{{ range $i, $e = .Arr }}{{ end }}{{ $i }}{{ $e }}`,
		`{{ $e := 0 }}{{ range $e = .Arr }}{{ $e }}{{ end }}{{ $e }}`,
		`{{ $x := 1 }}{{ if false }}{{ $x := 2 }}{{ else }}{{ $x }}{{ end }}`,
		`{{ $x := 1 }}{{ with $x := 0 }}{{ else }}{{ $x }}{{ end }}{{ $x }}`,
		`{{ range $i, $e := .Arr }}{{ if $i }}{{ break }}{{ end }}{{ $e }}{{ else }}none{{ end }}`,
		`{{ range .Arr }}{{ continue }}{{ . }}{{ end }}x`,
		`{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}`,
		`{{ template "nope" . }}`,
		`{{ "a" | .MP.k.String }}`,
		`{{ (.MP).k }}{{ (index .MP "k").S }}{{ (.Deep).X }}`,
		`{{ $m := .M }}{{ $m.k.S }}{{ $.M.k.S }}`,
		`{{ .MP.nope.S }}`,
		`{{ .M.nope.S }}`,
		`{{ .MP.nope.String }}`,
		`{{ with .M.nope }}x{{ else }}y{{ end }}`,
		`{{ index .MP "nope" }}`,
		`{{ index .MP nil }}`,
		`{{ eq .IfP .IfP }}{{ eq .IfP nil }}{{ ne nil nil }}`,
		`{{ eq nil nil }}`,
		`{{ and }}`,
		`{{ not 1 2 }}`,
		`{{ index }}`,
		`{{ len }}`,
		`{{ eq 1 }}`,
		`{{ 1 | eq 1 }}{{ 2 | ne 1 }}{{ 3 | lt 2 }}{{ "x" | and 1 }}{{ 0 | or "" }}`,
		`{{ 99999999999999999999 }}`,
		`{{ add 1 99999999999999999999 }}`,
		`{{ .Nope 1 }}`,
		`{{ .IfP.S 1 }}`,
		`{{ .M.k 1 }}`,
		`{{ $.Deep.X.Y }}`,
		`{{ $x := 3 }}{{ $x.Y }}`,
		`{{ $x := .M }}{{ $x.nope }}`,
	}
	for _, src := range srcs {
		diff, err := auditDiff(src, data2)
		if err != nil {
			t.Logf("refused %q: %v", src, err)
			continue
		}
		if diff != "" {
			t.Errorf("%q: %s", src, diff)
		}
	}
}

type cplx struct{}

func (cplx) C(c complex128) string { return fmt.Sprint(c) }
func (cplx) F(f float32) string    { return fmt.Sprint(f) }
func (cplx) I(i int8) string       { return fmt.Sprint(i) }
func (cplx) U(i uint) string       { return fmt.Sprint(i) }
func (cplx) N(n auditNamed) string { return string(n) }
func (cplx) A(a ...any) string     { return fmt.Sprint(a...) }
func (cplx) E(e error) string      { return fmt.Sprint(e) }

func TestAuditGuardsConstants(t *testing.T) {
	for _, src := range []string{
		`{{ .C 2i }}`, `{{ .C 1 }}`, `{{ .F 1.5 }}`, `{{ .F 1 }}`, `{{ .I 300 }}`, `{{ .U 3 }}`, `{{ .U -3 }}`, `{{ .N "x" }}`,
		`{{ .A 1 "a" nil 1.5 2i true }}`, `{{ .E nil }}`, `{{ .I 'a' }}`, `{{ .F 0x10 }}`, `{{ .I 1e2 }}`, `{{ .F 1e2 }}`,
		`{{ .C . }}`, `{{ .A . }}`, `{{ .I true }}`, `{{ 3 | .I }}`, `{{ "x" | .N }}`,
	} {
		d, err := auditDiff(src, func() any { return cplx{} })
		if err != nil {
			t.Logf("refused %q %v", src, err)
		} else if d != "" {
			t.Errorf("%q: %s", src, d)
		}
	}
}

func TestAuditGuardsTypeErrors(t *testing.T) {
	for _, src := range []string{
		`{{ "x" | .I }}`, `{{ "x" | .A 1 }}`, `{{ .Named | abs }}`, `{{ .Named | add 1 }}`, `{{ .Named | T }}`, `{{ 1 | T "k" }}`,
		`{{ .Named | date }}`, `{{ .NilPtr | .E }}`, `{{ .I .Named }}`, `{{ add .Named 1 }}`, `{{ abs .Named }}`, `{{ date .Named }}`,
		`{{ date .NilPtr }}`, `{{ .Named | partial "x" }}`, `{{ partial 1 . }}`, `{{ pair "a" .Named }}`, `{{ .Named | pair "a" }}`,
		`{{ .V.Pair .Named 1 }}`, `{{ .V.Pair "a" "b" }}`, `{{ 1 | .V.Pair "a" }}`, `{{ "a" | .V.Pair 1 }}`,
		`{{ add (add 1 2) .Named }}`, `{{ abs (print) }}`,
	} {
		d, err := auditDiff(src, func() any {
			return struct {
				cplx
				Named  auditNamed
				NilPtr *auditPtr
				V      auditVal
			}{}
		})
		if err != nil {
			t.Logf("refused %q %v", src, err)
		} else if d != "" {
			t.Errorf("%q: %s", src, d)
		}
	}
}

func TestAuditConcurrent(t *testing.T) {
	src := `{{ range $k, $v := .K }}<a href="{{ $k }}">{{ $v }}</a>{{ end }}{{ template "x" .HTML }}<script>{{ template "x" .JS }}</script>` +
		`{{ range .Ifaces }}<p title="{{ . }}">{{ . }}</p>{{ end }}{{ .PP.H }}{{ T "k" .Named }}{{ .V.Pair "a" 1 }}` +
		`{{ define "x" }}{{ . }}<a href="{{ . }}">{{ end }}`
	ht := template.Must(template.New("t").Funcs(funcs).Parse(src))
	var want strings.Builder
	if err := ht.Execute(&want, theAuditData); err != nil {
		t.Fatal(err)
	}
	p, err := NewCompiler(funcs, Lookup(ht)).Compile("t")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 30 {
				var got strings.Builder
				if err := p.Execute(&got, theAuditData); err != nil || got.String() != want.String() {
					t.Errorf("got %q %v", got.String(), err)
				}
				var w2 strings.Builder
				_ = ht.Execute(&w2, theAuditData)
			}
		})
	}
	wg.Wait()
}

// TestAuditUnescaped: html/template escapes a set's trees in place, when
// a template of it first runs. A Compile before that (a caller's
// mistake, as the theme made for a kind loaded after a shared file
// failed) compiled the raw tree, no escaper in it, and Execute wrote the
// data as it is. Compile now refuses an action without escapers.
func TestAuditUnescaped(t *testing.T) {
	for _, src := range []string{
		`<p>{{ . }}</p>`,
		`{{ define "x" }}<p>{{ . }}</p>{{ end }}{{ template "x" . }}`,
		`<a href="{{ if . }}{{ . }}{{ end }}">`,
	} {
		ht := template.Must(template.New("t").Funcs(funcs).Parse(src)) // not run: not escaped
		p, err := NewCompiler(funcs, Lookup(ht)).Compile("t")
		if err == nil {
			var b strings.Builder
			err := p.Execute(&b, `<script>alert(1)</script>`)
			t.Errorf("%s: compiled before html/template escaped it, and wrote %q, %v", src, b.String(), err)
		}
	}
	// Once escaped, it compiles.
	ht := template.Must(template.New("t").Parse(`<p>{{ . }}</p>`))
	if err := ht.Execute(&strings.Builder{}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := NewCompiler(nil, Lookup(ht)).Compile("t"); err != nil {
		t.Error(err)
	}
}

// TestAuditGuardsContexts: values that would break out of their context,
// through template calls and blocks in other contexts, branches, variables
// and attribute names. All equal.
func TestAuditGuardsContexts(t *testing.T) {
	data := func() any {
		return map[string]any{"E": `"><script>alert(1)</script>`, "U": "javascript:alert(1)", "L": []string{`<x>`, `"y'`}}
	}
	for _, src := range []string{
		`<a title="{{ template "x" .E }}" href="{{ template "x" .U }}">{{ template "x" .E }}</a>{{ define "x" }}{{ . }}{{ end }}`,
		`<script>var a = {{ block "b" .E }}{{ . }}{{ end }};</script>{{ template "b" .E }}`,
		`{{ define "r" }}{{ if . }}<b title="{{ template "r" false }}">{{ end }}{{ . }}{{ end }}{{ template "r" .E }}<p title="{{ template "r" .E }}">`,
		`<style>{{ template "x" .E }}</style><textarea>{{ template "x" .E }}</textarea><!-- {{ template "x" .E }} -->{{ define "x" }}{{ . }}{{ end }}`,
		`{{ range .L }}<a href="/{{ . }}?q={{ . }}#{{ . }}" onclick="f('{{ . }}')" style="color: {{ . }}">{{ else }}{{ end }}`,
		`{{ with .E }}<a title='{{ . }}'>{{ else }}{{ .U }}{{ end }}{{ with .Missing }}{{ else }}<a href="{{ $.U }}">{{ end }}`,
		`{{ $x := .E }}<a title="{{ $x }}">{{ $x = .U }}<a href="{{ $x }}">{{ ($x) }}`,
		`<a href="{{ if .E }}{{ .U }}{{ else }}/safe{{ end }}">`,
		`<a href={{ .U }}>{{ .E }}</a><img src={{ .E }} alt={{ .E }}>`,
		`<script type="text/template">{{ .E }}</script><script type="application/json">{{ .L }}</script>`,
		`<a {{ if .E }}title{{ end }}="{{ .E }}" data-{{ .E }}="1">`,
		`<svg><a xlink:href="{{ .U }}"></a></svg><math>{{ .E }}</math>`,
		`<iframe srcdoc="{{ .E }}"></iframe><meta http-equiv="refresh" content="0;url={{ .U }}">`,
	} {
		d, err := auditDiff(src, data)
		if err != nil {
			t.Logf("refused %q: %v", src, err)
		} else if d != "" {
			t.Errorf("%q: %s", src, d)
		}
	}
}
