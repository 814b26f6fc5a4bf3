package generator

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestHugoHabitsGetAdvice: the template errors a Hugo theme's habits cause
// were Go's words alone ("can't evaluate field Content in type
// *render.Data"); each now says what to write instead.
func TestHugoHabitsGetAdvice(t *testing.T) {
	testdata, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for layout, want := range map[string]string{
		`{{ define "main" }}{{ partial "partials/card.html" . }}{{ end }}`:  `call a partial with {{ template "partials/x.html" . }}`,
		`{{ define "main" }}{{ .Content }}{{ end }}`:                        `the page's data holds the article as .Article (.Article.Body`,
		`{{ define "main" }}{{ .Article.Title }}{{ end }}`:                  `front matter values are under .Meta, as in .Meta.Title`,
		`{{ define "main" }}{{ template "partials/nope.html" . }}{{ end }}`: `create layouts/partials/nope.html in the site or the theme, or correct the name`,
	} {
		ar := txtar.Parse([]byte(`
-- site/config.yaml --
title: T
-- site/authors/ann.md --
---
name: Ann
---
-- site/articles/a.md --
---
title: A
date: 2026-01-01
author: ann
---
Text.
`))
		ar.Files = append(ar.Files, txtar.File{Name: "site/layouts/article.html", Data: []byte(layout)})
		out := buildArchive(t, ar, testdata)
		var errs string
		for _, f := range out.Files {
			if f.Name == "errors" {
				errs = string(f.Data)
			}
		}
		if !strings.Contains(errs, "site/layouts/article.html:1:") || !strings.Contains(errs, want) {
			t.Errorf("%s:\n%s\nwant an error at the layout saying %q", layout, errs, want)
		}
	}
	// On a list page, .Article is nil.
	ar := txtar.Parse([]byte(`
-- site/config.yaml --
title: T
-- site/layouts/list.html --
{{ define "main" }}{{ .Article.Meta.Title }}{{ end }}
`))
	out := buildArchive(t, ar, testdata)
	if len(out.Files) == 0 || !strings.Contains(string(out.Files[0].Data), `.Article is set only on the pages of its kind: wrap its use in {{ with .Article }}…{{ end }}`) {
		t.Errorf("a nil .Article: %s", out.Files)
	}
}
