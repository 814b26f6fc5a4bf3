package theme

import (
	"fmt"
	"strings"
	"testing"
)

// TestAuditFastUnescaped runs a kind of a theme whose shared files failed
// to load: the loader then skips the trial that escapes each kind at
// load, and fastexec must not run the kind's trees before html/template
// has escaped them. It did: fastexec compiled the raw parse tree, with no
// escaper in it, and wrote .Title as it was (an injection). A build does
// not render with such a theme, but Load's contract lets the kinds that
// loaded run.
func TestAuditFastUnescaped(t *testing.T) {
	data := &fastData{Title: `<script>alert(1)</script>`}
	run := func(fast string) string {
		t.Setenv("BYLINE_FASTEXEC", fast)
		th, list := load(t, nil, layouts(map[string]string{
			"article.html":      "{{ define \"main\" }}<p>{{ .Title }}</p>{{ end }}",
			"partials/bad.html": "<a href=\"{{ .Title }}",
		}))
		if list.Err() == nil {
			t.Fatal("the broken partial loaded")
		}
		var b strings.Builder
		err := th.Execute(&b, "article", data)
		return fmt.Sprintf("%q %v", b.String(), err)
	}
	old, fast := run("0"), run("1")
	if old != fast {
		t.Errorf("html/template: %s\n     fastexec: %s", old, fast)
	}
}

// TestAuditFastStillRuns: the kinds of a theme that loaded run on
// fastexec.
func TestAuditFastStillRuns(t *testing.T) {
	t.Setenv("BYLINE_FASTEXEC", "1")
	th, list := load(t, nil, layouts(map[string]string{
		"article.html": "{{ define \"main\" }}<p>{{ .Title }}</p>{{ end }}",
	}))
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := th.Execute(&b, "article", &fastData{Title: "<t>"}); err != nil {
		t.Fatal(err)
	}
	if r := th.FastExecReport(); !strings.Contains(r, "kind article") {
		t.Errorf("article did not run on fastexec: %s", r)
	}
}
