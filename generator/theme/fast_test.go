package theme

import (
	"fmt"
	"strings"
	"testing"
)

type fastData struct {
	Title string
	Nil   *fastData
	List  []string
	M     map[string]string
	N     int
}

func (d *fastData) Fail() (string, error) { return "", fmt.Errorf("it failed") }

// TestFastExecErrors runs failing pages with html/template and with
// fastexec and compares the diagnostics the theme makes of their errors:
// file, line, column and message.
func TestFastExecErrors(t *testing.T) {
	pages := []string{
		"{{ define \"main\" }}\n  <p>{{ .Nil.Title }}</p>{{ end }}",
		"{{ define \"main\" }}{{ .Missing }}{{ end }}",
		"{{ define \"main\" }}<a href=\"{{ .Fail }}\">x</a>{{ end }}",
		"{{ define \"main\" }}{{ index .List 7 }}{{ end }}",
		"{{ define \"main\" }}{{ range .N }}{{ . }}{{ end }}{{ len .N }}{{ end }}",
		"{{ define \"main\" }}{{ eq .Title 1 }}{{ end }}",
		"{{ define \"main\" }}{{ add .Title 1 }}{{ end }}",
		"{{ define \"main\" }}{{ template \"partials/bad.html\" . }}{{ end }}",
		"{{ define \"main\" }}{{ T \"no_such_key\" }}{{ T .Title }}{{ end }}",
		"{{ define \"main\" }}{{ partialCached \"partials/bad.html\" . }}{{ end }}",
		"{{ define \"main\" }}{{ with .M }}{{ .x.y }}{{ end }}{{ end }}",
	}
	data := &fastData{Title: "t", List: []string{"a"}, M: map[string]string{"x": "1"}, N: 3}
	for i, page := range pages {
		run := func(fast string) string {
			t.Setenv("BYLINE_FASTEXEC", fast)
			th, list := load(t, nil, layouts(map[string]string{
				"article.html":      page,
				"partials/bad.html": "<p>\n{{ .Nil.N }}</p>",
			}))
			if err := list.Err(); err != nil {
				return "load: " + err.Error()
			}
			var b strings.Builder
			err := th.Execute(&b, "article", data)
			return fmt.Sprintf("%q %v", b.String(), err)
		}
		old, fast := run("0"), run("1")
		if old != fast {
			t.Errorf("page %d:\nhtml/template: %s\n     fastexec: %s", i, old, fast)
		} else {
			t.Logf("page %d: %s", i, old)
		}
	}
}
