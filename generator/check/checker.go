package check

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/render"
	"github.com/byline/byline/generator/site"
)

// checker runs the output checks of one build.
type checker struct {
	files       map[string]bool          // every output path
	pages       map[string]*page         // parsed HTML files, by output path
	paths       []string                 // keys of pages, sorted
	sources     map[string]*content.Page // output path → the Markdown file it was made from
	unpublished map[string]string        // output path → why it is not built
	base        string                   // the base URL's path, "/" or "/blog/"
	list        diag.List
	external    []Link
	// theme collects problems without a precise source position, by
	// message, so that one theme mistake is reported once, not on every page.
	theme map[string][]diag.Pos
	// draftTheme is theme for unpublished pages: a message is reported at
	// one of them only if no published page has it.
	draftTheme map[string][]diag.Pos
	// drafts are the output paths of the unpublished pages, checked from
	// the build with drafts and future articles, whose output paths are
	// preview (see addUnpublished).
	drafts  map[string]bool
	preview map[string]bool
	// linked are the output paths some page's HTML links to or shows.
	linked map[string]bool
	// values are the targets of the URLs that front matter and config.yaml
	// give the theme to show, checked at the values (see checkValues);
	// draftValues those of unpublished pages.
	values, draftValues map[string]bool
	site                *site.Site
	// fragments are the positions of Markdown links whose #fragment was
	// looked up in the built page.
	fragments map[diag.Pos]bool
	// placed are the origins in Markdown that elements were placed at
	// (see originOf).
	placed map[placement]bool
	// aliases maps the output path of each alias's redirect page to the
	// URL it redirects to.
	aliases map[string]string
	// mu guards files, pages, paths and list while add runs.
	mu sync.Mutex
}

// newChecker starts the output checks of the build of s; add gives it each
// built file, then run checks them.
func newChecker(s *site.Site) *checker {
	c := &checker{
		files: map[string]bool{}, pages: map[string]*page{}, sources: map[string]*content.Page{},
		base: basePath(s.BaseURL), theme: map[string][]diag.Pos{}, draftTheme: map[string][]diag.Pos{},
		drafts: map[string]bool{}, placed: map[placement]bool{},
		linked: map[string]bool{}, site: s, fragments: map[diag.Pos]bool{}, aliases: map[string]string{},
	}
	for _, a := range s.Aliases {
		c.aliases[outPath(a.From)] = a.To
	}
	for _, a := range s.Articles {
		c.sources[outPath(a.URL)] = a.Page
	}
	for _, p := range s.Pages {
		c.sources[outPath(p.URL)] = p.Page
	}
	for _, a := range s.Authors {
		c.sources[outPath(a.URL)] = a.Page
	}
	// A list's text is on its first page only (the default theme's).
	for folder, p := range s.Lists {
		c.sources[outPath("/"+folder+"/")] = p
	}
	for _, sec := range s.Sections {
		if sec.Index != nil {
			c.sources[outPath(sec.URL)] = sec.Index
		}
	}
	for _, t := range s.AllTerms() {
		if t.Index != nil {
			c.sources[outPath(t.URL)] = t.Index
		}
	}
	return c
}

// add takes one built file, as generator.Prepared.Stream hands it over: it
// notes its path and keeps what the checks need of an HTML page, not the
// page itself, so that a check needs memory for the site model and these
// notes only. It is safe for concurrent use, and parses on the caller's
// goroutine.
func (c *checker) add(f render.File) {
	var pg *page
	var err error
	html := strings.HasSuffix(f.Path, ".html")
	if html {
		pg, err = parsePage(f.Data)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[f.Path] = true
	switch {
	case err != nil:
		c.list.Errorf(diag.Pos{Path: f.Path}, "cannot parse the built HTML: %v", err)
	case html:
		c.pages[f.Path] = pg
		c.paths = append(c.paths, f.Path)
	}
}

// run checks every built page, then reports the theme's problems once each.
// unpublished maps the output paths of pages left out of the build to why.
func (c *checker) run(unpublished map[string]string) {
	c.unpublished = unpublished
	slices.Sort(c.paths)
	c.checkValues()
	for _, path := range c.paths {
		pg, src := c.pages[path], c.sources[path]
		var refs *sourceRefs
		if src != nil {
			refs = c.checkSource(path, src)
		}
		c.checkOutputURLs(path, src, pg, refs)
		c.checkIDs(path, src, pg)
		if !pg.redirect {
			c.checkHeadings(path, src, pg)
		}
		c.checkImagesAndLinks(path, src, pg, refs)
	}
	c.checkBundles()
	for m, ps := range c.draftTheme {
		if _, ok := c.theme[m]; !ok {
			c.theme[m] = ps // else reported at a published page
		}
	}
	for _, m := range slices.Sorted(maps.Keys(c.theme)) {
		ps := c.theme[m]
		slices.SortFunc(ps, func(a, b diag.Pos) int { return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line)) })
		switch len(ps) {
		case 1:
		case 2:
			m += " (and on 1 other page)"
		default:
			m += fmt.Sprintf(" (and on %d other pages)", len(ps)-1)
		}
		c.list.Errorf(ps[0], "%s", m)
	}
	slices.SortFunc(c.external, func(a, b Link) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), cmp.Compare(a.URL, b.URL))
	})
}

// pagePos is where a whole-page problem is reported: line 1 of the source,
// or the output path of a page made from no file.
func pagePos(path string, src *content.Page) diag.Pos {
	if src != nil {
		return diag.Pos{Path: src.File, Line: 1, Col: 1}
	}
	return diag.Pos{Path: path}
}

// themeProblem records a problem of the page at output path, made from
// src, that its Markdown cannot explain.
func (c *checker) themeProblem(path string, src *content.Page, format string, args ...any) {
	m := fmt.Sprintf(format, args...)
	if c.drafts[path] {
		c.draftTheme[m] = append(c.draftTheme[m], pagePos(path, src))
		return
	}
	c.theme[m] = append(c.theme[m], pagePos(path, src))
}

// refPos is the file position of a Markdown link, image or heading.
func refPos(src *content.Page, r content.Ref) diag.Pos {
	return diag.Pos{Path: src.File, Line: r.Line, Col: r.Col}
}

// basePath returns the path of an absolute base URL, "/" when there is none.
func basePath(baseURL string) string {
	i := strings.Index(baseURL, "://")
	if i < 0 {
		return "/"
	}
	if j := strings.IndexByte(baseURL[i+3:], '/'); j >= 0 {
		return baseURL[i+3+j:]
	}
	return "/"
}
