package render

import (
	"testing"
	"testing/fstest"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/theme"
)

func TestAssetsFingerprintAndOverride(t *testing.T) {
	themeFS := fstest.MapFS{
		"css/style.css":  {Data: []byte("body{color:red}")},
		"js/search.js":   {Data: []byte("console.log(1)")},
		"favicon.svg":    {Data: []byte("<svg/>")},
		".hidden":        {Data: []byte("x")},
		"images/bg.png":  {Data: []byte("theme png")},
		"css/print.css":  {Data: []byte("@media print{}")},
		"nested/x/y.txt": {Data: []byte("y")},
	}
	siteFS := fstest.MapFS{
		"static/images/bg.png": {Data: []byte("site png")},
		"static/css/print.css": {Data: []byte("@media print{a{}}")},
	}
	var list diag.List
	a := collectAssets(Options{
		SiteFS: siteFS, Static: []string{"static/css/print.css", "static/images/bg.png"},
		ThemeStatic: []theme.Source{{FS: themeFS, Prefix: "themes/default/static"}},
		SyntaxCSS:   ".chroma{}",
	}, &list)
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range a.files {
		got[f.Path] = string(f.Data)
	}
	want := map[string]string{
		"css/style.15c42ab7.css":  "body{color:red}",
		"js/search.0a286891.js":   "console.log(1)",
		"favicon.svg":             "<svg/>",
		"images/bg.png":           "site png",
		"css/print.37b03914.css":  "@media print{a{}}",
		"nested/x/y.txt":          "y",
		"css/syntax.69a05d9c.css": ".chroma{}",
	}
	for p, data := range want {
		if got[p] != data {
			t.Errorf("%s = %q, want %q", p, got[p], data)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d files, want %d: %v", len(got), len(want), got)
	}
	if u, err := a.url("css/style.css"); err != nil || u != "/css/style.15c42ab7.css" {
		t.Errorf("url = %q, %v", u, err)
	}
	if _, err := a.url("css/missing.css"); err == nil {
		t.Error("a missing asset must be an error")
	}
}
