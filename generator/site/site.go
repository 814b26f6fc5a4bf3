// Package site assembles parsed pages and the configuration into a Site: the
// model every template sees.
//
// Assemble decides which articles are published (drafts, future and expired
// articles are left out unless asked for), gives every page its URL, groups
// articles into sections, tags, categories and authors, links prev/next and
// related articles, and paginates lists. Once every page has its URL, it
// points the links that bodies make to other Markdown files at those URLs
// and gives images at site paths their sizes (content.Page.Fill), on copies
// of the pages. It reports, with positions, unknown authors, bad slugs, two
// sources that map to one URL, and links to files that are no page. It
// never mutates the content.Pages it is given: those may be shared with a
// later build.
//
// URLs in the model are site-rooted paths such as "/articles/x/"; the render
// stage makes them relative to the page that links, so that the output works
// at "/" and under any sub-path alike.
package site

import (
	"slices"
	"sync"
	"time"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
)

// Site is the whole model of one build.
type Site struct {
	Config *config.Config
	// BaseURL is the absolute site URL ending in "/", or "" when none is set.
	BaseURL string

	Articles   []*Article // published articles, newest first
	Featured   []*Article // the articles of Articles marked featured
	Pages      []*Page    // standalone pages, by URL
	Authors    []*Author  // by key
	Sections   []*Section // by weight (see content.Meta.Weight), then name; the top level is not a section
	Tags       []*Term    // by slug
	Categories []*Term    // by slug
	Series     []*Term    // by slug: articles read in order, oldest first
	Aliases    []Alias    // by From
	// Lists are the texts of the lists that are no section or term, by
	// folder: "articles" (articles/_index.md, the text of /articles/),
	// and "tags", "categories", "series" and "authors" (their folder's
	// _index.md, the text of /tags/ and the like). See ListTitle.
	Lists map[string]*content.Page
	// LeftOut are the articles not in this build, by path: drafts,
	// scheduled and expired ones.
	LeftOut []LeftOut
	// Data is the tree of the site's data files, for templates:
	// data/salaries.yaml is .Site.Data.salaries (see package content).
	Data map[string]any

	// Updated is the newest Updated of all articles (zero for an empty site).
	Updated time.Time
	// Generated says whether drafts or future articles are included
	// (true in serve); templates show a DRAFT banner on such articles.
	Preview bool

	authorByKey map[string]*Author
	listTitles  map[string]string // Options.ListTitles
	// failedAuthors are the keys of author files left out for their errors.
	failedAuthors map[string]bool
	related       *relater
	changesAt     time.Time // see ChangesAt
	xref          *xref     // see Linked
}

// ChangesAt is the first moment after the build's clock at which an
// article's date or expiry would publish it, stop it being shown as a
// draft or take it out: the model holds until then. It is zero when no
// article has such a date.
func (s *Site) ChangesAt() time.Time { return s.changesAt }

// LeftOut is an article not in a build.
type LeftOut struct {
	Page *content.Page
	URL  string // the URL it has in a build that publishes it
	Why  string // "a draft", "scheduled for 2026-01-02", "expired (2025-01-01)"
}

// Article is a published article.
type Article struct {
	*content.Page
	// Meta is &Page.Meta. It is a field of its own, which hides the
	// promoted one, because text/template finds a promoted field by a
	// breadth-first search that allocates, on every lookup: ~1 µs each,
	// and an article page looks Meta up dozens of times. SetPage keeps it.
	Meta     *content.Meta
	URL      string
	Authors  []*Author // at least one
	Reviewer *Author   // nil when none
	Section  *Section  // nil at the top level
	Category *Term     // nil when none
	Series   *Term     // nil when none
	Tags     []*Term
	// Updated is Meta.Updated, else Meta.Date.
	Updated time.Time
	// Draft is set on drafts and future articles shown in preview.
	Draft bool
	// ShowTOC says whether to render the table of contents.
	ShowTOC bool
	// Newer and Older are the neighbours in the date order.
	Newer, Older *Article
	// Resources are the files of the article's bundle (paths in the site
	// folder, sorted), written to the folder of URL: see Folder.
	Resources []string

	idx         int      // position in Site.Articles
	related     *relater // works out Related on demand
	relatedOnce sync.Once
	relatedList []*Article
}

// Page is a standalone page (/about/).
type Page struct {
	*content.Page
	Meta *content.Meta // &Page.Meta, as for Article
	URL  string
	// ShowTOC says whether to render the table of contents, as for Article.
	ShowTOC bool
	// Resources are the files of the page's bundle, as for Article.
	Resources []string
}

// Author is a person with a profile page.
type Author struct {
	*content.Page
	Meta     *content.Meta // &Page.Meta, as for Article
	Key      string
	URL      string
	Articles []*Article // newest first, as author or co-author
}

// Section is a sub-folder of articles/.
type Section struct {
	Name  string // folder name, "guides"
	Title string // its _index.md's title, else from the name: "Guides"
	// LinkTitle names the section in menus and breadcrumbs: its
	// _index.md's link_title, else Title.
	LinkTitle string
	URL       string // "/articles/guides/"
	Articles  []*Article
	// Index is the section's _index.md (articles/guides/_index.md), the
	// description and introduction of its page; nil when it has none.
	Index *content.Page
}

// Term is a tag or a category.
type Term struct {
	Taxonomy string // "tags", "categories" or "series"
	// Name names the term wherever it shows: its text's link_title, else
	// its title, else the name as articles first write it ("Back End").
	Name string
	// Title heads the term's page: its text's title, else Name.
	Title    string
	Slug     string // "back-end"
	URL      string // "/tags/back-end/"
	Articles []*Article
	// Index is the term's text (tags/back-end.md); nil when it has none.
	Index *content.Page
}

// InOrder returns the term's articles oldest first: a series' parts in
// the order to read them.
func (t *Term) InOrder() []*Article {
	out := slices.Clone(t.Articles)
	slices.Reverse(out)
	// t.Articles is newest first and, within one date, in title order;
	// reversed, the parts of one date would read in reverse title order
	// ("Part 3", "Part 2", "Part 1" for a series published in one day).
	// Put each run of one date back in title order.
	for i := 0; i < len(out); {
		j := i + 1
		for j < len(out) && out[j].Meta.Date.Equal(out[i].Meta.Date) {
			j++
		}
		slices.Reverse(out[i:j])
		i = j
	}
	return out
}

// Alias is an old URL that redirects to a page.
type Alias struct {
	From string   // "/old/path/"
	To   string   // the page's URL
	Pos  diag.Pos // where the alias is written, for messages
}

// Pager is one page of a paginated list.
type Pager struct {
	Number   int // from 1
	Total    int
	URL      string
	Articles []*Article
	Prev     string // URL or ""
	Next     string
	// First is the URL of page 1.
	First string
}

// Crumb is one step of a breadcrumb trail.
type Crumb struct {
	Name string
	URL  string
}

// Author returns the author with key k, or nil.
func (s *Site) Author(k string) *Author { return s.authorByKey[k] }

// Replaceable reports whether p, the page of article a parsed again with
// nothing changed but its body, title and description
// (content.Cache.BodyChange says when), can take the place of a's page
// without changing the order of the articles: yes, unless the title
// changed and an article has a's date, as titles order articles of one
// date.
func (s *Site) Replaceable(a *Article, p *content.Page) bool {
	if p.Meta.Title == a.Meta.Title {
		return true
	}
	for _, i := range [...]int{a.idx - 1, a.idx + 1} {
		if i >= 0 && i < len(s.Articles) && s.Articles[i].Meta.Date.Equal(a.Meta.Date) {
			return false
		}
	}
	return true
}

// ReplaceBody puts p in place of the article's page, for a page parsed
// again whose front matter is the same as before but for the title and
// description (content.Cache.BodyChange says when) and that keeps its place
// (Replaceable): of the model, only the page changes. It must not run
// while anything reads the article.
func (a *Article) ReplaceBody(p *content.Page) {
	if p.Bundle {
		p = withImage(p, a.URL, a.Resources, nil)
	}
	a.SetPage(p)
	a.ShowTOC = showTOC(p)
}

// SetPage makes p the article's page, and keeps Meta. Nothing else may
// assign Page.
func (a *Article) SetPage(p *content.Page) { a.Page, a.Meta = p, &p.Meta }

// SetPage makes p the page's content, and keeps Meta.
func (pg *Page) SetPage(p *content.Page) { pg.Page, pg.Meta = p, &p.Meta }

// SetPage makes p the author's page, and keeps Meta.
func (a *Author) SetPage(p *content.Page) { a.Page, a.Meta = p, &p.Meta }
