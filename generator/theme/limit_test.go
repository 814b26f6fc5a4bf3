package theme

import (
	"errors"
	"html/template"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/byline/byline/generator/diag"
)

// kilobyte is a line of text that a range repeats to make output fast.
var kilobyte = strings.Repeat("x", 1023) + "\n"

// TestOutputCap: a range that writes without end fails at MaxOutput, on the
// page's file or, inside partialCached, at the call naming the partial,
// instead of taking all the memory there is.
func TestOutputCap(t *testing.T) {
	def := layouts(map[string]string{
		"page.html":          `{{ define "main" }}{{ range 1000000000 }}` + kilobyte + `{{ end }}{{ end }}`,
		"partials/loop.html": `{{ range 1000000000 }}` + kilobyte + `{{ end }}`,
		"term.html":          "{{ define \"main\" }}\n  {{ partialCached \"partials/loop.html\" . }}{{ end }}",
		"home.html":          `{{ define "main" }}{{ range 60000 }}` + kilobyte + `{{ end }}{{ end }}`,
	})
	th, list := load(t, nil, def)
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	var d *diag.Diagnostic
	err := th.Execute(io.Discard, "page", nil)
	if !errors.As(err, &d) {
		t.Fatalf("page: got %v, want a diagnostic", err)
	}
	want := "themes/default/layouts/page.html: the page passed 64 MiB of output and was stopped: look for a range or a template call in it, or in what it calls, that repeats without end"
	if d.Error() != want {
		t.Errorf("page:\ngot  %s\nwant %s", d.Error(), want)
	}
	err = th.Execute(io.Discard, "term", nil)
	want = `themes/default/layouts/term.html:2:6: executing "main" at <partialCached "partials/loop.html" .>: error calling partialCached: partials/loop.html passed 64 MiB of output and was stopped`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("term:\ngot  %v\nwant %s…", err, want)
	}
	// Big output under the cap is fine: 60,000 KiB.
	var n countWriter
	if err := th.Execute(&n, "home", nil); err != nil || n < 60000*1024 {
		t.Errorf("home: %d bytes, %v", n, err)
	}
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

// TestLoadRunsNothing: Load escapes every template without running any, so
// a template that would repeat without end before its first write (or
// call a function first) neither hangs nor runs at load.
func TestLoadRunsNothing(t *testing.T) {
	calls := 0
	funcs := fakeFuncs()
	funcs["count"] = func() int { calls++; return calls }
	forever := `{{ range 1000000000000 }}{{ $n := count }}{{ end }}`
	def := layouts(map[string]string{
		"partials/forever.html": forever,
		"home.html":             `{{ define "main" }}` + forever + `{{ end }}`,
		"article.html":          forever + `<p>{{ count }}</p>`,
	})
	var list diag.List
	Load([]Source{{FS: def, Prefix: "themes/default/layouts"}}, funcs, &list)
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	if calls != 0 {
		t.Errorf("Load called a template function %d times", calls)
	}
}

// within runs f and fails the test if it has not returned after a long
// while: for runs that, broken, would never end.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatalf("%s: still running after a minute", what)
	}
}

// TestSilentRangeStopped: a range that repeats without end and writes
// nothing, not even through {{ continue }}, fails once the execution passes
// its time limit, on the page's file or at the partialCached call; a
// partial that did so once fails at once from then on, without running.
func TestSilentRangeStopped(t *testing.T) {
	calls := 0
	funcs := fakeFuncs()
	funcs["count"] = func() int { calls++; return calls }
	def := layouts(map[string]string{
		"page.html":            `{{ define "main" }}{{ range 1000000000000 }}{{ end }}{{ end }}`,
		"article.html":         `{{ define "main" }}{{ range 1000000000000 }}{{ continue }}x{{ end }}{{ end }}`,
		"partials/silent.html": `{{ range 1000000000000 }}{{ if eq (count) 1 }}{{ end }}{{ end }}`,
		"term.html":            "{{ define \"main\" }}\n  {{ partialCached \"partials/silent.html\" . }}{{ end }}",
		// A range in a template of another file, on its third line.
		"home.html":          `{{ define "main" }}{{ template "partials/rows.html" . }}{{ end }}`,
		"partials/rows.html": "<ul>\n{{ range 3 }}<li>{{ . }}</li>{{ end }}\n{{ range $i := 1000000000000 }}{{ $i = 2 }}{{ end }}\n</ul>",
		// A template that calls itself twice, 2⁶⁰ calls in all, writing
		// nothing; and a range that calls a silent template, which is
		// blamed on the range.
		"author.html":         "{{ define \"main\" }}{{ template \"r\" 0 }}{{ end }}\n{{ define \"r\" }}{{ if lt . 60 }}{{ template \"r\" (add . 1) }}{{ template \"r\" (add . 1) }}{{ end }}{{ end }}",
		"list.html":           `{{ define "main" }}{{ range 1000000000000 }}{{ template "partials/quiet.html" . }}{{ end }}{{ end }}`,
		"partials/quiet.html": `{{ $x := 1 }}`,
		// Nested ranges: the one that repeats without end is blamed, not
		// the one inside it, which ends but runs more often; nor, when the
		// inner one has no end, the outer one, which never goes on.
		"terms.html":   `{{ define "main" }}{{ range 1000000000000 }}<li>{{ range 3 }}{{ if . }}{{ end }}{{ end }}</li>{{ end }}{{ end }}`,
		"authors.html": `{{ define "main" }}{{ range 1000000000000 }}{{ $x := 1 }}{{ range 2 }}{{ $y := 2 }}{{ end }}{{ end }}{{ end }}`,
		"search.html":  `{{ define "main" }}{{ range 3 }}<p>{{ range 1000000000000 }}{{ $y := 2 }}{{ end }}{{ end }}{{ end }}`,
		// Two templates that call each other, one of them twice.
		"404.html": "{{ define \"main\" }}{{ template \"a\" 0 }}{{ end }}\n{{ define \"a\" }}{{ if lt . 60 }}{{ template \"b\" (add . 1) }}{{ end }}{{ end }}\n" +
			"{{ define \"b\" }}{{ template \"a\" . }}{{ template \"a\" . }}{{ end }}",
	})
	var list diag.List
	th := Load([]Source{{FS: def, Prefix: "themes/default/layouts"}}, funcs, &list)
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	th.SetTimeLimit(100 * time.Millisecond)
	// Each error is at the range that was stopped, on what it ranges over.
	const stopped = ": the page ran for more than 100ms and was stopped in this range: check that what it ranges over ends, and is not far longer than meant"
	const recursed = `: the page ran for more than 100ms and was stopped in template "r", which begins here: check that the template does not call itself without end`
	for kind, want := range map[string]string{
		"page":    "page.html:1:29" + stopped,
		"article": "article.html:1:29" + stopped,
		"home":    "partials/rows.html:3:10" + stopped,
		"list":    "list.html:1:29" + stopped,
		"author":  "author.html:2:17" + recursed,
		"terms":   "terms.html:1:29" + stopped,
		"authors": "authors.html:1:29" + stopped,
		"search":  "search.html:1:45" + stopped,
		"404":     "404.html:3:17" + strings.Replace(recursed, `"r"`, `"b"`, 1),
	} {
		var err error
		within(t, kind, func() { err = th.Execute(io.Discard, kind, nil) })
		if want := "themes/default/layouts/" + want; err == nil || err.Error() != want {
			t.Errorf("%s:\ngot  %v\nwant %s", kind, err, want)
		}
	}
	const call = `themes/default/layouts/term.html:2:6: executing "main" at <partialCached "partials/silent.html" .>: error calling partialCached: `
	ran := 0
	for i, want := range []string{
		call + "partials/silent.html ran for more than 100ms and was stopped in the range at themes/default/layouts/partials/silent.html:1:10: check that",
		call + "partials/silent.html is not run again in this build: it ran for more than 100ms once and was stopped",
	} {
		var err error
		within(t, "term", func() { err = th.Execute(io.Discard, "term", i) })
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("term, run %d:\ngot  %v\nwant %s…", i+1, err, want)
		}
		if i == 0 {
			if ran = calls; ran == 0 {
				t.Fatal("the partial never ran")
			}
		}
	}
	if calls != ran {
		t.Errorf("the partial ran again: %d calls of count after the first run, %d after the second", ran, calls)
	}
}

// TestStopEndsRuns: Stop ends an execution in progress within a few writes,
// even one in a silent range with no time limit to speak of, and every one
// after it.
func TestStopEndsRuns(t *testing.T) {
	def := layouts(map[string]string{
		"page.html": `{{ define "main" }}{{ range 1000000000000 }}{{ end }}{{ end }}`,
	})
	th, list := load(t, nil, def)
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	th.SetTimeLimit(time.Hour)
	errc := make(chan error, 1)
	go func() { errc <- th.Execute(io.Discard, "page", nil) }()
	time.Sleep(20 * time.Millisecond)
	th.Stop()
	want := "themes/default/layouts/page.html: the page was stopped: the build it was part of was cancelled"
	select {
	case err := <-errc:
		if err == nil || err.Error() != want {
			t.Errorf("got  %v\nwant %s", err, want)
		}
	case <-time.After(time.Minute):
		t.Fatal("the run went on after Stop")
	}
	if err := th.Execute(io.Discard, "home", nil); err == nil || !strings.HasSuffix(err.Error(), "was stopped: the build it was part of was cancelled") {
		t.Errorf("home after Stop: %v", err)
	}
}

// TestGuardsLeaveOutputAlone: the node guardRanges puts in every range
// changes neither the output nor the escaping of ranges in text, in
// attributes, in a script and in a style, with else, break and continue,
// nested: Load's theme renders what the same text gives html/template.
func TestGuardsLeaveOutputAlone(t *testing.T) {
	body := `<ul>{{ range $i, $x := .L }}<li class="{{ range $.L }}c{{ . }} {{ end }}">{{ if eq $i 1 }}{{ continue }}{{ end }}{{ $x }}{{ if eq $i 3 }}{{ break }}{{ end }}</li>{{ else }}<li>none</li>{{ end }}</ul>` +
		`<script>var a = [{{ range .L }}{{ . }}, {{ end }}];{{ range .S }}var s = {{ . }};{{ end }}</script>` +
		`<style>{{ range .L }}.c{{ . }} { order: {{ . }} }{{ end }}</style>` +
		`{{ range .E }}never{{ else }}<p>{{ range .L }}{{ range $.S }}{{ . }}{{ end }}{{ end }}</p>{{ end }}` +
		`<a href="/x?{{ range .S }}q={{ . }}&amp;{{ end }}">{{ range 3 }}{{ . }}{{ end }}</a>`
	def := layouts(map[string]string{"page.html": `{{ define "main" }}` + body + `{{ end }}`})
	th, list := load(t, nil, def)
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"L": []int{1, 2, 3, 4, 5}, "S": []string{"<a&b>", `"q"`}, "E": []int{}}
	got := execute(t, th, "page", data)
	plain := template.Must(template.New("p").Parse(`<html><title>default head</title><main>` + body + `</main></html>`))
	var want strings.Builder
	if err := plain.Execute(&want, data); err != nil {
		t.Fatal(err)
	}
	if got != want.String() {
		t.Errorf("guarded:\n%s\nplain:\n%s", got, want.String())
	}
	if !strings.Contains(got, "c5") || !strings.Contains(got, "&lt;a&amp;b&gt;") {
		t.Errorf("the output lacks what the test means to compare: %s", got)
	}
}
