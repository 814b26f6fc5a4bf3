package check

import (
	"context"
	"errors"
	"maps"
	"slices"

	"github.com/byline/byline/generator"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/render"
	"github.com/byline/byline/generator/site"
)

// addUnpublished renders, from pre, a build with drafts and future articles,
// the pages of the articles and pages that the production build leaves out,
// and gives them to the checker as unpublished pages: run checks them as it
// checks published ones, against the files of pre (see exists), so that an
// editor sees a draft's broken anchor before publishing it. The published
// pages' results do not change: an unpublished page marks no bundle file as
// shown, and a theme problem it shares with published pages is theirs.
// Errors of a page's templates go to list, as build --drafts reports them.
func (c *checker) addUnpublished(ctx context.Context, pre *generator.Prepared, list *diag.List) error {
	c.preview = map[string]bool{}
	for _, p := range pre.Paths() {
		c.preview[p] = true
	}
	srcs := unpublishedSources(c.site, pre.Site)
	for _, path := range slices.Sorted(maps.Keys(srcs)) {
		if err := ctx.Err(); err != nil {
			return err
		}
		f, err := pre.File(path)
		switch {
		case errors.Is(err, render.ErrNotFound):
			continue // left out of pre too, for its errors
		case err != nil:
			if !addErrors(list, err) {
				return err
			}
			continue
		}
		c.addDraft(f, srcs[path]) // before the next File reuses f's bytes
	}
	return nil
}

// unpublishedSources maps the output path of each article and page of pre
// that pub, the production build, does not have to its Markdown file, and
// that of the first page of each section and term only pre has to its
// text, when it has one (content.Index).
func unpublishedSources(pub, pre *site.Site) map[string]*content.Page {
	published := publishedURLs(pub)
	for _, sec := range pub.Sections {
		published[sec.URL] = true
	}
	for _, t := range pub.AllTerms() {
		published[t.URL] = true
	}
	out := map[string]*content.Page{}
	for _, a := range pre.Articles {
		if !published[a.URL] {
			out[outPath(a.URL)] = a.Page
		}
	}
	for _, p := range pre.Pages {
		if !published[p.URL] {
			out[outPath(p.URL)] = p.Page
		}
	}
	for _, sec := range pre.Sections {
		if sec.Index != nil && !published[sec.URL] {
			out[outPath(sec.URL)] = sec.Index
		}
	}
	for _, t := range pre.AllTerms() {
		if t.Index != nil && !published[t.URL] {
			out[outPath(t.URL)] = t.Index
		}
	}
	return out
}

// publishedURLs returns the URLs of the articles and pages of pub.
func publishedURLs(pub *site.Site) map[string]bool {
	published := make(map[string]bool, len(pub.Articles)+len(pub.Pages))
	for _, a := range pub.Articles {
		published[a.URL] = true
	}
	for _, p := range pub.Pages {
		published[p.URL] = true
	}
	return published
}

// addDraft takes one unpublished page, made from src. Its path is not one
// of the built files: published pages that link to it are told it is not
// published.
func (c *checker) addDraft(f render.File, src *content.Page) {
	pg, err := parsePage(f.Data)
	if err != nil {
		c.list.Errorf(pagePos(f.Path, src), "cannot parse the page built with drafts: %v", err)
		return
	}
	c.pages[f.Path] = pg
	c.paths = append(c.paths, f.Path)
	c.sources[f.Path] = src
	c.drafts[f.Path] = true
}

// exists reports whether the page at output path from may lead to path: a
// published page to a built file; an unpublished page also to a file of
// the build with drafts, such as another draft or its own bundle's files,
// which will be there when it is published with them.
func (c *checker) exists(from, path string) bool {
	return c.files[path] || c.drafts[from] && c.preview[path]
}
