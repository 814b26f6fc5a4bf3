package theme_test

import (
	"errors"
	"html/template"
	"maps"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/i18n"
	"github.com/byline/byline/generator/theme"
)

// Folding the calls of T with constant arguments changes no byte of any
// page, in English or in German, and leaves only the calls whose
// arguments vary from page to page to run.
func TestFoldChangesNothing(t *testing.T) {
	for _, lang := range []string{"en", "de"} {
		words := i18n.Builtin(lang)
		var (
			calls atomic.Int64
			mu    sync.Mutex
			ran   = map[string]bool{} // keys called without arguments
		)
		load := func() *theme.Theme {
			funcs := maps.Clone(theme.FakeFuncs())
			funcs["T"] = func(key string, args ...any) (string, error) {
				calls.Add(1)
				if len(args) == 0 {
					mu.Lock()
					ran[key] = true
					mu.Unlock()
				}
				return words.T(key, args...)
			}
			var list diag.List
			th := theme.Load([]theme.Source{theme.Builtin()}, funcs, &list)
			if err := list.Err(); err != nil {
				t.Fatal(err)
			}
			return th
		}
		plain, folded := load(), load()
		folded.Fold("T", words.Fold)
		for name, data := range fixture(true) {
			var want, got strings.Builder
			calls.Store(0)
			if err := plain.Execute(&want, data.Kind, data); err != nil {
				t.Fatal(err)
			}
			before := calls.Load()
			calls.Store(0)
			clear(ran)
			if err := folded.Execute(&got, data.Kind, data); err != nil {
				t.Fatal(err)
			}
			after := calls.Load()
			if got.String() != want.String() {
				t.Errorf("%s %s: the folded page differs:\n%s\nwant:\n%s", lang, name, got.String(), want.String())
			}
			// What is left: counts (reading time, comments, pages), names,
			// and the words of partials that partialCached runs once for
			// many pages (the header, the footer).
			if after >= before {
				t.Errorf("%s %s: %d calls of T ran, %d without folding", lang, name, after, before)
			}
			for _, key := range []string{"skip_link", "breadcrumb", "by", "reviewed_by", "updated", "published", "on_this_page",
				"related_articles", "newer", "older", "sources", "faq", "discussion", "comments_closed", "draft", "median_pay", "not_found_title"} {
				if ran[key] {
					t.Errorf("%s %s: T %q was not folded", lang, name, key)
				}
			}
		}
	}
}

// A call whose words go into a URL, a script or another function is not
// folded, and a call that fails is left to fail on the page.
func TestFoldOnlyTextAndAttributes(t *testing.T) {
	layouts := map[string]string{
		"article.html": `{{ define "main" }}<p>{{ T "k" }}</p><a href="/x?q={{ T "k" }}" title="{{ T "k" }}">{{ T "k" }}</a>` +
			`<script>var k = {{ T "k" }};</script>{{ len (T "k") }}{{ $v := T "k" }}{{ $v }}{{ T "nope" }}{{ end }}`,
	}
	words := i18n.Builtin("en")
	var calls atomic.Int64
	fold := func(args []any) (string, error) {
		switch args[0] {
		case "k":
			return `<A & "B">`, nil
		case "nope":
			return "", errNoWords
		}
		return words.Fold(args)
	}
	funcs := maps.Clone(theme.FakeFuncs())
	funcs["T"] = func(key string, args ...any) (string, error) {
		if key == "k" || key == "nope" {
			calls.Add(1)
		}
		return fold(append([]any{key}, args...))
	}
	th := loadWith(t, layouts, funcs)
	th.Fold("T", fold)
	var b strings.Builder
	err := th.Execute(&b, "article", fixture(true)["article"])
	if err == nil || !strings.Contains(err.Error(), "no words") {
		t.Errorf("the failing call: got %v", err)
	}
	// The text and the title attribute are folded; the href, the script,
	// the argument of len and the variable run on the page, and so does
	// the call that fails.
	if n := calls.Load(); n != 5 {
		t.Errorf("%d calls ran, want 5", n)
	}
	html := b.String()
	for _, want := range []string{`<p>&lt;A &amp; &#34;B&#34;&gt;</p>`, `title="&lt;A &amp; &#34;B&#34;&gt;"`, `>&lt;A &amp; &#34;B&#34;&gt;</a>`, `var k = "\u003cA \u0026 \"B\"\u003e";`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
}

var errNoWords = errors.New("no words")

// loadWith loads layouts, a site's layouts folder, over the default theme.
func loadWith(t *testing.T, layouts map[string]string, funcs template.FuncMap) *theme.Theme {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range layouts {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	var list diag.List
	th := theme.Load([]theme.Source{{FS: fsys, Prefix: "site/layouts"}, theme.Builtin()}, funcs, &list)
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	return th
}

// A function that panics for some constant arguments does not end the
// load: the call is left to the page, where text/template makes the panic
// an error at the call.
func TestFoldPanickingFunction(t *testing.T) {
	layouts := map[string]string{
		"article.html": `{{ define "main" }}<p>{{ T "k" }}</p><p>{{ T "boom" }}</p>{{ end }}`,
	}
	fold := func(args []any) (string, error) {
		if args[0] == "boom" {
			var a []int
			_ = a[len(args)-2] // index out of range
		}
		return "words", nil
	}
	funcs := maps.Clone(theme.FakeFuncs())
	funcs["T"] = func(key string, args ...any) (string, error) { return fold(append([]any{key}, args...)) }
	th := loadWith(t, layouts, funcs)
	th.Fold("T", fold)
	var b strings.Builder
	err := th.Execute(&b, "article", fixture(true)["article"])
	if err == nil || !strings.Contains(err.Error(), "index out of range") {
		t.Errorf("the panicking call: got %v", err)
	}
}
