package theme

import (
	"errors"
	"io"
	"strings"
	"testing"

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
