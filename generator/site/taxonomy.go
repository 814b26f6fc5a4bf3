package site

import (
	"cmp"
	"net/url"
	"slices"

	"github.com/byline/byline/generator/content"
)

// taxonomy collects the terms of one kind, folding names that share a slug
// ("Go" and "go") into one term named as first seen.
type taxonomy struct {
	name   string
	terms  map[string]*Term // by slug
	byName map[string]*Term // by name as written, to slugify each name once
}

func newTaxonomy(name string) *taxonomy {
	return &taxonomy{name: name, terms: map[string]*Term{}, byName: map[string]*Term{}}
}

// term returns the term for name, creating it; nil when name has no slug.
func (t *taxonomy) term(name string) *Term {
	if term, ok := t.byName[name]; ok {
		return term
	}
	term := t.bySlug(name)
	t.byName[name] = term
	return term
}

func (t *taxonomy) bySlug(name string) *Term {
	slug := content.TermSlug(name)
	if slug == "" {
		return nil
	}
	if term, ok := t.terms[slug]; ok {
		return term
	}
	// A slug in another script than Latin is percent-encoded in the URL;
	// render writes the page to the folder the slug names.
	term := &Term{Taxonomy: t.name, Name: name, Title: name, Slug: slug, URL: "/" + t.name + "/" + url.PathEscape(slug) + "/"}
	t.terms[slug] = term
	return term
}

func (t *taxonomy) sorted() []*Term {
	out := make([]*Term, 0, len(t.terms))
	for _, term := range t.terms {
		out = append(out, term)
	}
	slices.SortFunc(out, func(a, b *Term) int { return cmp.Compare(a.Slug, b.Slug) })
	return out
}
