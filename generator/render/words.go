package render

import (
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/i18n"
)

// words are the theme's words that Byline itself puts in pages: the
// titles of the pages it makes (search, 404) and the text of a redirect.
type words struct {
	cat              *i18n.Catalog
	search, notFound string
	moved            string
}

// wordsOf looks up the renderer's words, reporting a translation that
// cannot be shown (a placeholder no one fills) at the site's config.
func (r *Renderer) wordsOf(list *diag.List) words {
	w := words{cat: r.opts.Words}
	w.search = w.word("search", list)
	w.notFound = w.word("page_not_found", list)
	w.moved = w.word("moved_to", list)
	return w
}

func (w words) word(key string, list *diag.List) string {
	s, err := w.cat.T(key)
	if err != nil {
		list.Errorf(w.cat.Where(key), "%v", err)
		return key
	}
	return s
}

// redirecting is the title of a redirect to the page titled title.
func (w words) redirecting(title string, list *diag.List, out string) string {
	s, err := w.cat.T("redirecting_to", "title", title)
	if err != nil {
		list.Errorf(w.cat.Where("redirecting_to"), "%v (the redirect at %s)", err, out)
		return title
	}
	return s
}
