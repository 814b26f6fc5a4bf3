package theme

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/byline/byline/generator/diag"
)

// A partialCached partial that fails while rendering is reported in its own
// file, at its own line and column, not at the partialCached call in the
// caller's file (baseof.html, for every page), and the same mistake is the
// same diagnostic whichever template called the partial.
func TestPartialCachedErrorIsInThePartial(t *testing.T) {
	site := map[string]string{
		"partials/card.html":  "<p>\n  {{ .Nope }}</p>",
		"partials/outer.html": `<div>{{ partialCached "partials/card.html" . }}</div>`,
	}
	def := layouts(map[string]string{
		"baseof.html": `<html>{{ partialCached "partials/outer.html" . }}<main>{{ block "main" . }}{{ end }}</main></html>`,
		"list.html":   `{{ define "main" }}{{ partialCached "partials/card.html" . }}{{ end }}`,
	})
	fsys := fstest.MapFS{}
	for name, text := range site {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	th, list := load(t, fsys, def)
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, kind := range []string{"home", "list"} {
		err := th.Execute(&strings.Builder{}, kind, &card{"x"})
		var d *diag.Diagnostic
		if !errors.As(err, &d) {
			t.Fatalf("%s: got %v, want a diagnostic", kind, err)
		}
		got = append(got, d.Pos.String())
		if !strings.Contains(d.Msg, "can't evaluate field Nope") {
			t.Errorf("%s: message %q does not say what failed", kind, d.Msg)
		}
	}
	for i, pos := range got {
		if pos != "site/layouts/partials/card.html:2:6" {
			t.Errorf("error %d at %s, want site/layouts/partials/card.html:2:6", i, pos)
		}
	}
}
