package fastexec

import (
	"errors"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
	"testing"
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
