package check

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
)

// origin is the part of a page's Markdown that an element of the built page
// comes from, where check reports a problem of the element: raw HTML written
// in the Markdown (a site with unsafe_html), at its tag, or a shortcode
// call, whose template wrote the element, at the call.
type origin struct {
	pos diag.Pos
	// shortcode names the call's shortcode and its template file, as in
	// `shortcode "figure" (site/layouts/shortcodes/figure.html)`; "" for
	// raw HTML.
	shortcode string
}

// report adds problem at o to list, with rawAdvice, what to do about raw
// HTML, or, for a shortcode's output, naming the shortcode, with
// tmplAdvice, what to do about the call or its template.
func (o origin) report(list *diag.List, problem, rawAdvice, tmplAdvice string) {
	if o.shortcode == "" {
		list.Errorf(o.pos, "%s: %s", problem, rawAdvice)
		return
	}
	list.Errorf(o.pos, "%s, from %s: %s", problem, o.shortcode, tmplAdvice)
}

// originOf finds where src's Markdown wrote an element of its built page:
// raw HTML that holds each of needles (at the tag of the first, such as
// "<h4"), else the output of a shortcode call that does. Of several, it
// takes the first that no element with the same first needle was placed at
// yet (two calls of one shortcode are two elements; see placed), else the
// first: an element the theme wrote as well is then not reported again.
func (c *checker) originOf(src *content.Page, needles ...string) (origin, bool) {
	return c.place(needles[0], candidates(src, needles))
}

// originOfURL is originOf for an element with a URL of the built page,
// given as the page has it and as a site path (the build makes site paths
// relative after raw HTML and shortcodes wrote them), and with a problem
// of the given kind: one element may have two ("a broken link without
// text"), each placed at the same origin.
func (c *checker) originOfURL(kind string, src *content.Page, urls ...string) (origin, bool) {
	var all []origin
	for _, u := range urls {
		all = append(all, candidates(src, []string{`"` + u + `"`})...)
		all = append(all, candidates(src, []string{`'` + u + `'`})...)
	}
	return c.place(kind+" "+urls[0], all)
}

// place picks, of the origins found for an element, the first that no
// element of the same key was placed at yet, else the first.
func (c *checker) place(key string, found []origin) (origin, bool) {
	if len(found) == 0 {
		return origin{}, false
	}
	for _, o := range found {
		if p := (placement{o.pos, key}); !c.placed[p] {
			c.placed[p] = true
			return o, true
		}
	}
	return found[0], true
}

// placement is an element, by its key, placed at an origin.
type placement struct {
	pos diag.Pos
	key string
}

// candidates lists the raw HTML of src that holds each of needles, then
// the shortcode calls whose output does, each in document order.
func candidates(src *content.Page, needles []string) []origin {
	if src == nil {
		return nil
	}
	var out []origin
	for _, r := range src.Refs.HTML {
		if holdsAll(r.Text, needles) {
			out = append(out, origin{pos: refPos(src, at(r, strings.Index(r.Text, needles[0])))})
		}
	}
	for _, sc := range src.Refs.Shortcodes {
		if holdsAll(sc.Text, needles) {
			out = append(out, origin{
				pos:       diag.Pos{Path: src.File, Line: sc.Line, Col: sc.Col},
				shortcode: fmt.Sprintf("shortcode %q (%s)", sc.Name, sc.Template),
			})
		}
	}
	return out
}

func holdsAll(text string, needles []string) bool {
	return !slices.ContainsFunc(needles, func(n string) bool { return !strings.Contains(text, n) })
}

// at moves r to the tag that holds byte i of its text: the line of a block
// of raw HTML where it appears, at the "<" before it.
func at(r content.Ref, i int) content.Ref {
	if lt := strings.LastIndexByte(r.Text[:i+1], '<'); lt >= 0 {
		i = lt
	}
	before := r.Text[:i]
	if nl := strings.LastIndexByte(before, '\n'); nl >= 0 {
		r.Line += strings.Count(before, "\n")
		r.Col = utf8.RuneCountInString(before[nl+1:]) + 1
	} else {
		r.Col += utf8.RuneCountInString(before)
	}
	return r
}
