package theme

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/i18n"
)

// fakeFuncs has the signatures of the functions the render stage provides.
func fakeFuncs() template.FuncMap {
	words := i18n.Builtin("en")
	return template.FuncMap{
		"T":       words.T,
		"Tforms":  words.Forms,
		"asset":   func(p string) (string, error) { return "/" + strings.Replace(p, ".", ".f1ng3r.", 1), nil },
		"abs":     func(p string) string { return "https://example.com" + p },
		"date":    func(t time.Time) string { return t.Format("January 2, 2006") },
		"isodate": func(t time.Time) string { return t.Format(time.RFC3339) },
		"money":   func(amount float64, currency string) string { return fmt.Sprintf("$%.0f %s", amount, currency) },
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
		"add": func(a, b int) int { return a + b },
		// The page data itself has the fields of a render.Nav.
		"nav": func(d any) any { return d },
		// No image has resized copies here.
		"srcset": func(string) template.HTMLAttr { return "" },
	}
}

// layouts returns a complete minimal theme; extra files replace or add to it.
func layouts(extra map[string]string) fstest.MapFS {
	m := fstest.MapFS{
		"baseof.html":            {Data: []byte(`<html>{{ template "partials/head.html" . }}<main>{{ block "main" . }}{{ end }}</main></html>`)},
		"partials/head.html":     {Data: []byte(`<title>default head</title>`)},
		"partials/extra.html":    {Data: []byte(`default extra`)},
		"partials/nested/x.html": {Data: []byte(`nested`)},
	}
	for _, k := range required {
		m[k+".html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}default ` + k + `{{ end }}`)}
	}
	for name, text := range extra {
		if text == "" {
			delete(m, name)
			continue
		}
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

func load(t *testing.T, site, def fstest.MapFS) (*Theme, *diag.List) {
	t.Helper()
	var list diag.List
	sources := []Source{{FS: def, Prefix: "themes/default/layouts"}}
	if site != nil {
		sources = append([]Source{{FS: site, Prefix: "site/layouts"}}, sources...)
	}
	return Load(sources, fakeFuncs(), &list), &list
}

func execute(t *testing.T, th *Theme, kind string, data any) string {
	t.Helper()
	var b strings.Builder
	if err := th.Execute(&b, kind, data); err != nil {
		t.Fatalf("Execute(%s): %v", kind, err)
	}
	return b.String()
}

func messages(list *diag.List) []string {
	var out []string
	for _, d := range list.All() {
		out = append(out, d.Error())
	}
	return out
}

func TestOverrideFileByFile(t *testing.T) {
	site := fstest.MapFS{
		"article.html":       {Data: []byte(`{{ define "main" }}site article {{ template "partials/extra.html" . }}{{ end }}`)},
		"partials/head.html": {Data: []byte(`<title>site head</title>`)},
	}
	th, list := load(t, site, layouts(nil))
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	got := execute(t, th, "article", nil)
	want := `<html><title>site head</title><main>site article default extra</main></html>`
	if got != want {
		t.Errorf("article:\n got %s\nwant %s", got, want)
	}
	got = execute(t, th, "home", nil)
	want = `<html><title>site head</title><main>default home</main></html>`
	if got != want {
		t.Errorf("home:\n got %s\nwant %s", got, want)
	}
}

func TestStandaloneKindAndSectionFallback(t *testing.T) {
	th, list := load(t, nil, layouts(map[string]string{
		"404.html": `<!doctype html><p>lost {{ .Name }}</p>`,
	}))
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	if got := execute(t, th, "404", struct{ Name string }{"here"}); got != `<!doctype html><p>lost here</p>` {
		t.Errorf("404 = %q", got)
	}
	if got := execute(t, th, "section", nil); !strings.Contains(got, "default list") {
		t.Errorf("section falls back to list, got %q", got)
	}
	if !th.Has("section") || th.Has("nope") {
		t.Error("Has is wrong")
	}
}

func TestParseErrorsNameTheRealFile(t *testing.T) {
	site := fstest.MapFS{
		"article.html":       {Data: []byte("{{ define \"main\" }}\n<h1>{{ .Title }}</h1>\n{{ if }}\n{{ end }}")},
		"partials/head.html": {Data: []byte("<title>\n{{ nosuchfunc . }}</title>")},
	}
	def := layouts(map[string]string{"term.html": "{{ define \"main\" }}{{ end }}\n{{ end }}"})
	_, list := load(t, site, def)
	got := strings.Join(messages(list), "\n")
	want := strings.Join([]string{
		`site/layouts/article.html:3:1: missing value for if`,
		`site/layouts/partials/head.html:2:4: function "nosuchfunc" not defined: the functions a template can call are T, Tforms, abs, add, and, asset, call, date, eq, ge, gt, html, index, isodate, js, le, len, lt, money, nav, ne, not, or, partialCached, plural, print, printf, println, slice, srcset, urlquery`,
		`themes/default/layouts/term.html:2:1: unexpected {{end}}`,
	}, "\n")
	if got != want {
		t.Errorf("messages:\n%s\nwant:\n%s", got, want)
	}
}

func TestExecErrorHasLineAndColumn(t *testing.T) {
	site := fstest.MapFS{
		"page.html": {Data: []byte("{{ define \"main\" }}\n<h1>{{ .Title }}</h1>\n  <p>{{ .Missing }}</p>{{ end }}")},
	}
	th, list := load(t, site, layouts(nil))
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	err := th.Execute(&strings.Builder{}, "page", struct{ Title string }{"x"})
	var d *diag.Diagnostic
	if !errors.As(err, &d) {
		t.Fatalf("error %v is not a *diag.Diagnostic", err)
	}
	want := `site/layouts/page.html:3:9: executing "main" at <.Missing>: can't evaluate field Missing in type struct { Title string }`
	if d.Error() != want {
		t.Errorf("got  %s\nwant %s", d.Error(), want)
	}
}

func TestExecErrorInPartial(t *testing.T) {
	def := layouts(map[string]string{"partials/extra.html": "ok\n{{ date .When }}"})
	site := fstest.MapFS{"home.html": {Data: []byte(`{{ define "main" }}{{ template "partials/extra.html" . }}{{ end }}`)}}
	th, _ := load(t, site, def)
	err := th.Execute(&strings.Builder{}, "home", struct{ When string }{"soon"})
	if err == nil || !strings.HasPrefix(err.Error(), "themes/default/layouts/partials/extra.html:2:9: ") {
		t.Errorf("got %v", err)
	}
}

func TestEscapingErrorsAtLoad(t *testing.T) {
	site := fstest.MapFS{
		"author.html": {Data: []byte("{{ define \"main\" }}\n{{ template \"partials/nope.html\" . }}{{ end }}")},
	}
	th, list := load(t, site, layouts(nil))
	got := messages(list)
	if len(got) != 1 || !strings.HasPrefix(got[0], `site/layouts/author.html:2:`) || !strings.Contains(got[0], `no such template "partials/nope.html"`) {
		t.Errorf("messages: %q", got)
	}
	if th.Has("author") {
		t.Error("a kind that failed to escape is usable")
	}
	if err := th.Execute(&strings.Builder{}, "author", nil); err == nil {
		t.Error("Execute of a failed kind succeeded")
	}
}

func TestMissingKindSaysWhatToCreate(t *testing.T) {
	_, list := load(t, fstest.MapFS{}, layouts(map[string]string{"search.html": ""}))
	got := messages(list)
	want := `site/layouts: no template for "search" pages: create site/layouts/search.html`
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestBlocksWithoutBaseof(t *testing.T) {
	_, list := load(t, nil, layouts(map[string]string{"baseof.html": ""}))
	got := messages(list)
	if len(got) != len(required) || got[0] != "themes/default/layouts/404.html:1:1: 404.html only defines blocks, but there is no baseof.html to put them in" {
		t.Errorf("got %q", got)
	}
}

func TestStaticInLookupOrder(t *testing.T) {
	theme := fstest.MapFS{"layouts/home.html": {}, "static/css/a.css": {}}
	def := fstest.MapFS{"layouts/home.html": {}, "static/css/b.css": {}}
	noStatic := fstest.MapFS{"layouts/home.html": {}}
	var list diag.List
	th := Load([]Source{
		{FS: fstest.MapFS{}, Prefix: "site/layouts"},
		ThemeSource(theme, "themes/x"),
		ThemeSource(noStatic, "themes/y"),
		ThemeSource(def, "themes/default"),
	}, nil, &list)
	var got []string
	for _, s := range th.Static() {
		got = append(got, s.Prefix)
		if _, err := fs.Stat(s.FS, "css"); err != nil {
			t.Errorf("%s: %v", s.Prefix, err)
		}
	}
	if strings.Join(got, " ") != "themes/x/static themes/default/static" {
		t.Errorf("Static = %q", got)
	}
}

func TestUnionFS(t *testing.T) {
	u := unionFS{
		fstest.MapFS{"p/a.html": {Data: []byte("first")}},
		fstest.MapFS{"p/a.html": {Data: []byte("second")}, "p/b.html": {Data: []byte("b")}},
	}
	b, err := fs.ReadFile(u, "p/a.html")
	if err != nil || string(b) != "first" {
		t.Errorf("ReadFile = %q, %v", b, err)
	}
	entries, err := u.ReadDir("p")
	if err != nil || len(entries) != 2 || entries[0].Name() != "a.html" || entries[1].Name() != "b.html" {
		t.Errorf("ReadDir = %v, %v", entries, err)
	}
	if _, err := u.Open("nope"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open(nope) = %v", err)
	}
	if err := fstest.TestFS(u, "p/a.html", "p/b.html"); err != nil {
		t.Error(err)
	}
}
