package render

import (
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/site"
)

// Data is what every template receives as its dot.
type Data struct {
	Site *site.Site
	// Kind is the template kind: "home", "article", "list", "section",
	// "terms", "term", "authors", "author", "page", "search", "404".
	Kind        string
	Title       string // page title without the site name
	Description string
	URL         string // site-rooted URL of this page, "/articles/x/"
	// Permalink is the absolute URL when the site has a base URL, else URL.
	Permalink string
	Image     string // social card image URL (absolute when possible)
	// NoIndex asks robots not to index (404, drafts, paginated pages > 1).
	NoIndex bool
	// Feed is the site-rooted URL of the page's own Atom feed, on the pages
	// of a section, tag, category, series or author ("/tags/go/feed.xml");
	// empty elsewhere (every page can link the site's, "/feed.xml").
	Feed string

	Article  *site.Article // "article"
	Page     *site.Page    // "page"
	Author   *site.Author  // "author"
	Term     *site.Term    // "term"
	Section  *site.Section // "section"
	Terms    []*site.Term  // "terms": all tags or all categories
	Taxonomy string        // "terms", "term": "tags" or "categories"
	Pager    *site.Pager   // paginated kinds: home, list, section, term, author
	// Index is the list's own text, articles/_index.md on "list" pages,
	// the section's on "section" pages (as Section.Index), the term's on
	// "term" pages (as Term.Index), and tags/_index.md and the like on
	// "terms" and "authors" pages (as Site.Lists), on every page of the
	// list; nil when it has none. The theme shows its Body
	// above the first page's articles.
	Index *content.Page

	Breadcrumbs []site.Crumb
	// JSONLD holds structured-data objects; each is rendered by html/template
	// inside its own <script type="application/ld+json">.
	JSONLD []any
}
