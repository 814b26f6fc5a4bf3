package generator

import (
	"strings"
	"testing"
)

// TestHugoHabitsGetAdvice: the template errors a Hugo theme's habits cause
// were Go's words alone ("can't evaluate field Content in type
// *render.Data"); each now says what to write instead.
func TestHugoHabitsGetAdvice(t *testing.T) {
	const site = `
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
`
	for layout, want := range map[string]string{
		`{{ define "main" }}{{ partial "partials/card.html" . }}{{ end }}`:  `call a partial with {{ template "partials/x.html" . }}`,
		`{{ define "main" }}{{ .Content }}{{ end }}`:                        `the page's data holds the article as .Article (.Article.Body`,
		`{{ define "main" }}{{ .Article.Title }}{{ end }}`:                  `front matter values are under .Meta, as in .Meta.Title`,
		`{{ define "main" }}{{ template "partials/nope.html" . }}{{ end }}`: `create layouts/partials/nope.html in the site or the theme, or correct the name`,
	} {
		t.Run(want, func(t *testing.T) { // buildOutput changes the working folder until the test ends
			errs := buildOutput(t, site+"-- site/layouts/article.html --\n"+layout+"\n")["errors"]
			if !strings.Contains(errs, "site/layouts/article.html:1:") || !strings.Contains(errs, want) {
				t.Errorf("%s:\n%s\nwant an error at the layout saying %q", layout, errs, want)
			}
		})
	}
	// On a list page, .Article is nil.
	t.Run("nil article", func(t *testing.T) { nilArticle(t) })
}

func nilArticle(t *testing.T) {
	errs := buildOutput(t, `
-- site/config.yaml --
title: T
-- site/layouts/list.html --
{{ define "main" }}{{ .Article.Meta.Title }}{{ end }}
`)["errors"]
	if !strings.Contains(errs, `.Article is set only on the pages of its kind: wrap its use in {{ with .Article }}…{{ end }}`) {
		t.Errorf("a nil .Article: %s", errs)
	}
}
