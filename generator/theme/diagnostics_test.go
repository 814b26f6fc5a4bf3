package theme

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoadDiagnostics holds inputs the fuzz targets (fuzz_test.go) found:
// each failed on its own file and line, once, in words, and loads without
// crashing.
func TestLoadDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name string
		site map[string]string
		want []string
	}{{
		// A partial that includes itself through partialCached recursed
		// until the Go stack overflowed, in Load's trial run: fatal.
		name: "partialCached of itself",
		site: map[string]string{"partials/extra.html": `{{ partialCached "partials/extra.html" . }}`},
		want: []string{`site/layouts/partials/extra.html:1:4: partialCached "partials/extra.html" includes itself without end ` +
			`(site/layouts/partials/extra.html → site/layouts/partials/extra.html): ` +
			`remove the call, or use {{ template "partials/extra.html" . }} for a partial that recurses on smaller data`},
	}, {
		name: "partialCached loop through a template call",
		site: map[string]string{
			"partials/extra.html": "x\n{{ template \"y\" . }}{{ define \"y\" }}{{ template \"partials/head.html\" . }}{{ end }}",
			"partials/head.html":  "<title>{{ partialCached \"partials/extra.html\" . }}</title>",
		},
		want: []string{`site/layouts/partials/head.html:1:11: partialCached "partials/extra.html" includes itself without end ` +
			`(site/layouts/partials/head.html → site/layouts/partials/extra.html → "y" in site/layouts/partials/extra.html → site/layouts/partials/head.html): ` +
			`remove the call, or use {{ template "partials/extra.html" . }} for a partial that recurses on smaller data`},
	}, {
		name: "partialCached of a computed name",
		site: map[string]string{"partials/extra.html": "\n  {{ partialCached (print \"partials/\" \"extra.html\") . }}"},
		want: []string{`site/layouts/partials/extra.html:2:6: partialCached in partials/extra.html needs the partial's name as a quoted string, ` +
			`as in {{ partialCached "partials/card.html" . }}, so that a partial that includes itself is caught at load`},
	}, {
		// A missing partial was only found when a page rendered, as an
		// error naming a file that does not exist.
		name: "partialCached of a missing partial",
		site: map[string]string{
			"partials/extra.html": `{{ partialCached "partials/nope.html" . }}`,
			"article.html":        "{{ define \"main\" }}\n{{ partialCached \"partials/gone.html\" . }}{{ end }}",
		},
		want: []string{
			`site/layouts/article.html:2:4: partialCached "partials/gone.html": no such partial: create site/layouts/partials/gone.html, or correct the name`,
			`site/layouts/partials/extra.html:1:4: partialCached "partials/nope.html": no such partial: create site/layouts/partials/nope.html, or correct the name`,
		},
	}, {
		// A partial that fails to parse was also reported as missing at
		// each partialCached call of it, asking for a file that exists.
		name: "partialCached of a partial that does not parse",
		site: map[string]string{
			"partials/extra.html": "<p>\n{{ nosuchfunc . }}</p>",
			"partials/head.html":  `<title>{{ partialCached "partials/extra.html" . }}</title>`,
			"article.html":        `{{ define "main" }}{{ partialCached "partials/extra.html" . }}{{ end }}`,
		},
		want: []string{`site/layouts/partials/extra.html:2:4: function "nosuchfunc" not defined: the functions a template can call are T, Tforms, abs, add, and, asset, call, date, eq, ge, gt, html, index, isodate, js, le, len, lt, money, nav, ne, not, or, partialCached, plural, print, printf, println, slice, srcset, urlquery`},
	}, {
		// text/template gives a parse error's line alone, and no advice.
		name: "a misspelt function",
		site: map[string]string{"article.html": "{{ define \"main\" }}\n<p>x</p> <time>{{ isodat .Article.Meta.Date }}</time>\n{{ end }}"},
		want: []string{`site/layouts/article.html:2:19: function "isodat" not defined; did you mean "isodate"?`},
	}, {
		name: "a Hugo function, with its advice",
		site: map[string]string{"article.html": "{{ define \"main\" }}\n<p>{{ partial \"x.html\" . }}</p>\n{{ end }}"},
		want: []string{`site/layouts/article.html:2:7: function "partial" not defined: call a partial with {{ template "partials/x.html" . }}, or {{ partialCached "partials/x.html" . }} for one that is the same on every page`},
	}, {
		name: "Hugo's i18n, with Byline's name for it",
		site: map[string]string{"article.html": "{{ define \"main\" }}\n<p>{{ i18n \"updated\" }}</p>\n{{ end }}"},
		want: []string{`site/layouts/article.html:2:7: function "i18n" not defined: Byline's is T, as in {{ T "updated" }}, with the words in site/i18n/<language>.yaml`},
	}, {
		name: "Hugo's clock, with what to write instead",
		site: map[string]string{"partials/footer.html": "<p>© {{ now.Year }} Career Stack</p>"},
		want: []string{`site/layouts/partials/footer.html:1:10: function "now" not defined: a build does not read the clock, so the same site gives the same files on any day; for the year of a copyright line write {{ .Site.Updated.Year }}, the year of the newest update`},
	}, {
		// "unexpected EOF" at the file's last line, before.
		name: "a block with no end",
		site: map[string]string{"article.html": "{{ define \"main\" }}{{/* {{ if */}}\n<p>x</p> {{ if .Article }}<b>y</b>\n{{ end }}\n"},
		want: []string{`site/layouts/article.html:1:1: {{ define }} has no {{ end }}: add one where its block ends (the last {{ end }}, at 3:1, closes the {{ if }} at 2:10)`},
	}, {
		name: "a partial's range with no end",
		site: map[string]string{"partials/extra.html": "<ul>\n  {{- range .Site.Articles }}<li>{{ .URL }}</li>\n</ul>\n"},
		want: []string{`site/layouts/partials/extra.html:2:3: {{ range }} has no {{ end }}: add one where its block ends`},
	}, {
		// html/template blamed the page's entry, baseof.html, with no line
		// and its own notation for where the file ends, once per kind.
		name: "partial ends in a comment",
		site: map[string]string{"partials/head.html": "<title>x</title>\n<!-- {{ .T }}"},
		want: []string{`site/layouts/partials/head.html:2:14: ends inside an HTML comment: close it before the end of the file`},
	}, {
		name: "block ends in a textarea",
		site: map[string]string{"article.html": "{{ define \"main\" }}\n<textarea>{{ . }}\n{{ end }}"},
		want: []string{`site/layouts/article.html:3:1: {{ define "main" }} ends inside a <textarea> element: close it before its {{ end }}`},
	}, {
		name: "page ends in an attribute",
		site: map[string]string{"404.html": "<!doctype html>\n<a href=\"{{ . }}"},
		want: []string{`site/layouts/404.html:2:17: ends inside an attribute value: close it before the end of the file`},
	}, {
		name: "quote in an attribute name",
		site: map[string]string{"partials/head.html": "<title>x</title>\n<a title={{ . }} x\"y>"},
		want: []string{`site/layouts/partials/head.html:2:17: "\"" in attribute name: " x\"y>"`},
	}, {
		name: "quote in an attribute name in a block",
		site: map[string]string{"article.html": "{{ define \"main\" }}\n<p>ok</p>\n<a title={{ . }} x\"y>{{ end }}"},
		want: []string{`site/layouts/article.html:3:17: "\"" in attribute name: " x\"y>"`},
	}, {
		name: "unfinished regexp in a script",
		site: map[string]string{"baseof.html": "<html>\n<script>var x = /[a{{ . }}</script>{{ block \"main\" . }}{{ end }}</html>"},
		want: []string{`site/layouts/baseof.html:2:18: unfinished JS regexp charset: "[a"`},
	}, {
		name: "attribute without a name",
		site: map[string]string{"partials/extra.html": "<b>\n<a href=\"{{ . }}\" =x>y</a></b>"},
		want: []string{`site/layouts/partials/extra.html:2:19: expected space, attr name, or end of tag, but got "=x>y</a></b>"`},
	}, {
		name: "branches end in different contexts",
		site: map[string]string{"article.html": `{{ define "main" }}{{ if . }}<a href="{{ else }}<b>{{ end }}{{ end }}`},
		want: []string{`site/layouts/article.html:1:26: {{if}} branches end in different contexts: inside an attribute value, in HTML text`},
	}, {
		// Found by FuzzOverrideKind: the line of the {{ range }} was
		// given on baseof.html, or on a file named after the block.
		name: "range body ends in another context",
		site: map[string]string{"article.html": "{{ define \"main\" }}\n<ul>\n{{ range . }}\n  <<a href=\"{{ . }}\"></li\n{{ end }}</ul>{{ end }}"},
		want: []string{`site/layouts/article.html:3:14: on range loop re-entry: "<" in attribute name: "\n  <<a href=\""`},
	}, {
		// A block that baseof.html never runs left the page without it,
		// in silence.
		name: "block with a typo",
		site: map[string]string{"home.html": "{{ define \"mian\" }}<p>typo</p>{{ end }}"},
		want: []string{`site/layouts/home.html:1:20: warning: defines "mian", which no template of the page runs, so the page lacks it: themes/default/layouts/baseof.html runs "partials/head.html", "main"; did you mean "main"?`},
	}, {
		// A theme whose baseof.html names its block "content": the kind
		// files it lacks, from the layers below, define "main".
		name: "baseof with other block names",
		site: map[string]string{"baseof.html": "<html>{{ block \"content\" . }}{{ end }}</html>", "home.html": "{{ define \"content\" }}<h1>Home</h1>{{ end }}"},
		want: []string{
			`themes/default/layouts/404.html:1:20: warning: defines "main", which no template of the page runs, so the page lacks it: site/layouts/baseof.html runs "content"`,
			`themes/default/layouts/article.html:1:20: warning: defines "main", which no template of the page runs, so the page lacks it: site/layouts/baseof.html runs "content"`,
			`themes/default/layouts/author.html:1:20: warning: defines "main", which no template of the page runs, so the page lacks it: site/layouts/baseof.html runs "content"`,
			`themes/default/layouts/authors.html:1:20: warning: defines "main", which no template of the page runs, so the page lacks it: site/layouts/baseof.html runs "content"`,
			`themes/default/layouts/list.html:1:20: warning: defines "main", which no template of the page runs, so the page lacks it: site/layouts/baseof.html runs "content"`,
			`themes/default/layouts/page.html:1:20: warning: defines "main", which no template of the page runs, so the page lacks it: site/layouts/baseof.html runs "content"`,
			`themes/default/layouts/search.html:1:20: warning: defines "main", which no template of the page runs, so the page lacks it: site/layouts/baseof.html runs "content"`,
			`themes/default/layouts/term.html:1:20: warning: defines "main", which no template of the page runs, so the page lacks it: site/layouts/baseof.html runs "content"`,
			`themes/default/layouts/terms.html:1:20: warning: defines "main", which no template of the page runs, so the page lacks it: site/layouts/baseof.html runs "content"`,
		},
	}, {
		// The same define in two partials: the later replaced the
		// earlier in silence, while in one file it is an error.
		name: "define in two partials",
		site: map[string]string{
			"partials/a.html": `{{ define "helper" }}a{{ end }}`,
			"partials/b.html": "x\n{{ define \"helper\" }}b{{ end }}",
		},
		want: []string{`site/layouts/partials/b.html:2:22: {{ define "helper" }} is also in site/layouts/partials/a.html, and one would replace the other on every page: rename one of them`},
	}, {
		name: "define twice",
		site: map[string]string{"article.html": `{{ define "x" }}1{{ end }}{{ define "x" }}2{{ end }}`},
		want: []string{`site/layouts/article.html:1:1: multiple definition of template "x"`},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			site := fstest.MapFS{}
			for name, text := range tc.site {
				site[name] = &fstest.MapFile{Data: []byte(text)}
			}
			_, list := load(t, site, layouts(nil))
			got := messages(list)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// A page that calls a partial that includes itself gets an error, not a
// stack overflow.
func TestPartialCachedLoopRefused(t *testing.T) {
	site := fstest.MapFS{
		"partials/extra.html": {Data: []byte(`{{ partialCached "partials/extra.html" . }}`)},
		"home.html":           {Data: []byte(`{{ define "main" }}{{ partialCached "partials/extra.html" . }}{{ end }}`)},
	}
	th, list := load(t, site, layouts(nil))
	if list.Err() == nil {
		t.Fatal("no error at load")
	}
	err := th.Execute(&strings.Builder{}, "home", nil)
	if err == nil || !strings.Contains(err.Error(), `"partials/extra.html" is not run: it could include itself without end`) {
		t.Errorf("Execute: %v", err)
	}
}
