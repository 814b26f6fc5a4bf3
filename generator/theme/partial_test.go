package theme

import (
	"testing"

	"github.com/byline/byline/generator/diag"
)

type card struct{ Title string }

func TestPartialCachedRendersOncePerData(t *testing.T) {
	calls := 0
	funcs := fakeFuncs()
	funcs["count"] = func() int { calls++; return calls }
	def := layouts(map[string]string{
		"partials/card.html": `<h3 data-n="{{ count }}">{{ .Title }}</h3>`,
		"partials/n.html":    `{{ count }}`,
		"list.html":          `{{ define "main" }}{{ range . }}{{ partialCached "partials/card.html" . }}|{{ template "partials/card.html" . }}{{ end }}{{ end }}`,
		"term.html":          `{{ define "main" }}{{ range . }}{{ partialCached "partials/n.html" . }}{{ end }}{{ end }}`,
	})
	var list diag.List
	th := Load([]Source{{FS: def, Prefix: "themes/default/layouts"}}, funcs, &list)
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	a, b := &card{"<A>"}, &card{"B"}
	got := execute(t, th, "list", []*card{a, b, a, a})
	want := `<html><title>default head</title><main>` +
		`<h3 data-n="1">&lt;A&gt;</h3>|<h3 data-n="2">&lt;A&gt;</h3>` +
		`<h3 data-n="3">B</h3>|<h3 data-n="4">B</h3>` +
		`<h3 data-n="1">&lt;A&gt;</h3>|<h3 data-n="5">&lt;A&gt;</h3>` +
		`<h3 data-n="1">&lt;A&gt;</h3>|<h3 data-n="6">&lt;A&gt;</h3>` +
		`</main></html>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// A value that is not comparable is rendered every time, not cached.
	calls = 0
	got = execute(t, th, "term", [][]string{{"x"}, {"x"}})
	if calls != 2 {
		t.Errorf("slice data: %d renders, want 2 (%s)", calls, got)
	}
}
