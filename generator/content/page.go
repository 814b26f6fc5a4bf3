package content

import (
	"crypto/sha256"
	"strings"
	"time"

	"github.com/byline/byline/generator/diag"
)

// Kind says which folder of the site a page came from.
type Kind uint8

const (
	Article    Kind = iota // articles/**.md
	Standalone             // pages/*.md
	Author                 // authors/*.md
	// Index is a list page's own text: articles/_index.md for /articles/,
	// articles/<section>/_index.md for a section's page, whose Section and
	// Slug are the section's name; tags/<slug>.md, categories/<slug>.md or
	// series/<slug>.md for a term's page, whose Slug is the term's (see
	// TermSlug); and tags/_index.md, categories/_index.md, series/_index.md
	// and authors/_index.md for /tags/ and the like. The texts of lists
	// that are no section or term have the Slug "".
	Index
)

// Page is one parsed Markdown file. Pages are shared between builds by a
// Cache, so later stages must treat a Page, and all it points to, as
// immutable. For authors, Meta.Title is Meta.Name when no title is set.
type Page struct {
	Kind Kind
	// Path is the file's path in the site file system ("articles/guides/x.md").
	Path string
	// File is the path shown in messages, relative to the project ("site/articles/guides/x.md").
	File string
	// Section is the sub-folder of articles/ ("guides"; "" for articles at the top).
	Section string
	// Bundle says the page is the index.md of a folder of its own under
	// articles/ or pages/ ("articles/guides/resume-review/index.md"): the
	// folder's other files are its resources (Content.Resources), written
	// beside the page, so its body and front matter name them by relative
	// paths ("chart.png"). Its slug defaults to the folder's name.
	Bundle bool
	// Slug is Meta.Slug, else the file name without ".md" (the folder's
	// name for a bundle); validated.
	Slug string
	Meta Meta
	// Pos holds the file position of each front-matter key that was set,
	// keyed by its name ("author", "tags", "date"…), for later stages' errors.
	Pos map[string]diag.Pos
	// BodyLine is the line of the file on which the Markdown body starts.
	BodyLine int

	body      body              // rendered Markdown: see Body
	front     [sha256.Size]byte // sum of the file up to the body: see Cache.BodyChange
	TOC       []Heading         // headings of level 2 and 3, in document order
	Summary   string            // plain text: Meta.Description, else the first paragraph
	WordCount int               // words of the body, code blocks left out; a Chinese or Japanese character is one
	// ReadingMinutes is WordCount at 230 words a minute (Chinese and
	// Japanese characters at 500 a minute), rounded up, at least 1.
	ReadingMinutes int
	// Refs are the body's links, images and headings at file positions;
	// empty unless the load asked for them (Options.Refs).
	Refs Refs
	// Links are the body's links to other Markdown files of the site, whose
	// hrefs the site fills in with Fill.
	Links []Link
	// Images are the files of the body's images with a size mark, whose
	// sizes the site fills in with Fill: the site path of an image at one
	// ("/images/pay.svg", unescaped); the file in the site folder of a
	// bundle's image at a relative path ("articles/x/chart.png"); else ""
	// (a relative path in a page that is no bundle, or that leaves it).
	Images []string
	// IDs are the ids of the body's headings, for links to a fragment.
	IDs []string
	// Shortcodes are the body's shortcode calls at file positions, whose
	// output a later stage puts in with WithShortcodes.
	Shortcodes []Shortcode
}

// Heading is one entry of a table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Meta is the front matter of any page. Articles use all of it; standalone
// pages use Title, Description, Slug, Aliases, Draft; authors use Name, Role,
// Bio, Avatar and Links.
type Meta struct {
	Title       string
	Description string
	Date        time.Time // zero when unset
	Updated     time.Time
	Expires     time.Time
	Author      string
	Authors     []string
	ReviewedBy  string
	Category    string
	Series      string // the name of a series of articles this one is part of
	Tags        []string
	Draft       bool
	Featured    bool
	Slug        string
	Aliases     []string
	Image       string
	ImageAlt    string
	TOC         *bool // nil: show when the body has more than 3 headings
	Sources     []Source
	Career      *Career
	FAQ         []FAQ
	Comments    []Comment
	// Changes are the article's noted updates, newest first: an updated
	// date without one is set to the newest.
	Changes []Change
	// Weight places a section among the sections (its _index.md): the
	// lightest first, then those without one (0) by name.
	Weight int
	// LinkTitle is a list's short name (its text's link_title), for its
	// links in menus, breadcrumbs and chips, where Title heads its page.
	LinkTitle string

	// Author pages.
	Name   string
	Role   string
	Bio    string
	Avatar string
	Links  []string
}

// Source is one entry of an article's numbered source list.
type Source struct {
	Title     string
	URL       string
	Publisher string
}

// Career is the fact box of a role article (schema.org Occupation).
type Career struct {
	MedianSalary float64
	Currency     string
	Outlook      string
	Education    string
	Skills       []string
}

// Change is one noted update of an article: when, and what changed.
type Change struct {
	Date time.Time
	Note string // plain text
}

// FAQ is one question and answer (schema.org FAQPage).
type FAQ struct {
	Q string
	A string
}

// Comment is one reader comment of the static discussion section.
type Comment struct {
	Author string
	Date   time.Time
	Body   string // plain text
}

// KeyPos returns the position of the front-matter key ("author",
// "tags[2]"), else that of the list an item key belongs to ("tags"), else
// the file's start: where an error about the value is reported.
func (p *Page) KeyPos(key string) diag.Pos {
	if pos, ok := p.Pos[key]; ok {
		return pos
	}
	if list, _, ok := strings.Cut(key, "["); ok {
		return p.KeyPos(list)
	}
	return diag.Pos{Path: p.File, Line: 1, Col: 1}
}
