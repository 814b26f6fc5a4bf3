package render

import (
	"bytes"
	"path"
	"regexp"

	"github.com/byline/byline/generator/diag"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
)

var minifierTypes = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript",
	".json": "application/json",
	// XML is not minified here: a minifier collapses whitespace inside feed
	// content (code blocks); xmlFile writes it without indentation instead.
}

func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFunc("application/ld+json", json.Minify)
	return m
}

// minifyFile returns f's data minified, or unchanged for other file types.
//
// The minifier writes over the bytes it is given (it shortens colours and
// renames variables in place), so when f's data is shared, kept by
// whoever made it, it minifies a copy.
func minifyFile(m *minify.M, f File, shared bool, list *diag.List) []byte {
	mt, ok := minifierTypes[path.Ext(f.Path)]
	if !ok || f.Data == nil {
		return f.Data
	}
	in := f.Data
	if shared {
		in = bytes.Clone(in)
	}
	out, err := m.Bytes(mt, in)
	if err != nil {
		list.Errorf(diag.Pos{Path: f.Path}, "cannot minify: %v", err)
		return f.Data
	}
	return out
}
