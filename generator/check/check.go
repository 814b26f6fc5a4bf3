// Package check reviews a site the way a careful editor would, on top of a
// production build made in memory (nothing is written).
//
// Run reports, as "path:line:col: message" at the Markdown source (the line
// of the link, image or heading; the tag of raw HTML; the shortcode call
// whose template wrote the element, named with the template; line 1 of the
// file for whole-page problems; the output path for pages made from no
// file, such as tag lists):
//
//   - every error and warning of the build (missing keys, unknown keys,
//     updated before date, image without image_alt, unknown authors…), and
//     descriptions shorter than 50 or longer than 160 characters;
//   - internal links, images and #anchors that lead to no built file or no
//     element id, links from published pages to drafts, and heading ids that
//     clash with an id of the theme;
//   - accessibility: images without alt text, skipped heading levels, links
//     without text, pages without exactly one h1, judged on the built HTML;
//   - files of a bundle that no built page shows or links (a warning);
//   - external links (http, https), listed or fetched when asked.
//
// Drafts and articles dated in the future get the checks of a built page
// too, on their pages as a build with drafts makes them, so that an editor
// sees their problems before publishing; a published page's results are
// the same with or without them.
//
// When the build itself fails, Run reports its errors and skips the output
// checks, which need built pages. Problems that the theme causes on many
// pages are reported once, with the number of other pages. A Report is
// deterministic: problems are sorted by path, line, column and message.
package check

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/byline/byline/generator"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/imaging"
	"github.com/byline/byline/generator/render"
	"github.com/byline/byline/generator/site"
)

// External says what to do with links to other sites.
type External int

const (
	ExternalOff   External = iota // ignore them
	ExternalList                  // list them in Report.Links
	ExternalFetch                 // list them and request each one
)

// Options configures Run.
type Options struct {
	// Build is the site to check. Drafts and Future are ignored: the check
	// is of what a production build publishes, and of the pages of drafts
	// and future articles, checked as they will be once published.
	Build    generator.Options
	External External
	// Client makes external requests; nil means http.DefaultClient.
	Client *http.Client
	// Timeout bounds each external request; 0 means 10 seconds.
	Timeout time.Duration
	// Workers bounds concurrent external requests; 0 means 4.
	Workers int
}

// Report is the outcome of a check.
type Report struct {
	Problems []*diag.Diagnostic // sorted
	Links    []Link             // external links, sorted by position; empty unless asked for
	// Skipped says why the output checks did not run; "" when they did.
	Skipped string
}

// Link is one external link and, when fetched, its outcome.
type Link struct {
	diag.Pos
	URL    string
	Status string // "200 OK", "404 Not Found", "timeout"…; "" when not fetched
	// failed says the fetch failed: the link is then one of the problems,
	// and the report does not list it again.
	failed bool
}

// Run checks the site of opts.Build. Its error is for a check that could
// not run (no site folder, a cancelled context); problems of the site are
// in the Report.
func Run(ctx context.Context, opts Options) (*Report, error) {
	bo := opts.Build
	bo.Drafts, bo.Future = false, false
	bo.KeepGoing, bo.Refs = true, true // report content errors and still check the pages that built
	if bo.Now.IsZero() {
		bo.Now = time.Now()
	}
	if bo.Cache == nil {
		bo.Cache = content.NewCache() // the draft build below reuses the parsed pages
	}
	if bo.ImageCache == nil {
		bo.ImageCache = imaging.NewCache() // and the resized images
	}
	var list diag.List
	rep := &Report{}
	// The build is streamed through the checker, which keeps what it needs
	// of each page, not the page (see checker.add).
	var c *checker
	var res *generator.Result
	p, err := generator.Prepare(ctx, bo)
	if err == nil {
		c = newChecker(p.Site)
		res, err = p.Stream(ctx, func(f render.File) error { c.add(f); return nil })
	}
	if err != nil {
		if !addErrors(&list, err) {
			return nil, err
		}
		rep.Problems = list.All()
		rep.Skipped = "links and accessibility are checked once the site builds: fix the errors above first"
		return rep, nil
	}
	for _, d := range append(res.Errors, res.Warnings...) {
		list.Add(d)
	}
	preview := bo
	preview.Drafts, preview.Future = true, true
	var unpublished map[string]string
	if pre, err := generator.Prepare(ctx, preview); err == nil {
		unpublished = unpublishedPaths(res.Site, pre.Site, bo.Now)
		checkDescriptions(pre.Site, &list)
		// Errors that only drafts and scheduled articles cause (a URL
		// another page has) break serve and build --drafts now, and the
		// build once they are published; the rest repeat the build's.
		for _, d := range pre.Errors {
			list.Add(d)
		}
		if err := c.addUnpublished(ctx, pre, &list); err != nil {
			return nil, err
		}
	} else if !addErrors(&list, err) {
		return nil, err
	} else {
		checkDescriptions(res.Site, &list)
	}
	c.run(unpublished)
	list.Merge(&c.list)
	rep.Links = c.external
	if opts.External == ExternalOff {
		rep.Links = nil
	} else if opts.External == ExternalFetch {
		fetchAll(ctx, opts, rep.Links, &list)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rep.Problems = dedupe(superseded(list.All(), c.fragments))
	return rep, nil
}

// superseded drops the build's warning about a link's fragment wherever
// check looked the fragment up in the built page (fragments holds those
// positions): check sees the ids the theme adds (#faq-heading, #main) and
// reports a missing one as an error, the one to act on.
func superseded(ds []*diag.Diagnostic, fragments map[diag.Pos]bool) []*diag.Diagnostic {
	return slices.DeleteFunc(ds, func(d *diag.Diagnostic) bool {
		return d.Severity == diag.Warning && fragments[d.Pos] && strings.Contains(d.Msg, " has no heading with id ")
	})
}

// addErrors adds the diagnostics of a build error to list; it reports false
// when err is not about the site's files.
func addErrors(list *diag.List, err error) bool {
	var el diag.ErrorList
	if !errors.As(err, &el) {
		return false
	}
	for _, d := range el {
		list.Add(d)
	}
	var fail *generator.Failure
	if errors.As(err, &fail) {
		for _, d := range fail.Warnings {
			list.Add(d)
		}
	}
	return true
}

// unpublishedPaths maps the output path of each article and page that only
// a build with drafts and future articles has to why it is left out.
func unpublishedPaths(pub, pre *site.Site, now time.Time) map[string]string {
	out := map[string]string{}
	published := publishedURLs(pub)
	for _, a := range pre.Articles {
		if published[a.URL] {
			continue
		}
		why := "a draft"
		if !a.Meta.Draft && a.Meta.Date.After(now) {
			why = "dated in the future"
		}
		out[outPath(a.URL)] = fmt.Sprintf("%s (%s)", why, a.File)
	}
	for _, p := range pre.Pages {
		if !published[p.URL] {
			out[outPath(p.URL)] = fmt.Sprintf("a draft (%s)", p.File)
		}
	}
	// No build has an expired article: its URL is the one it had.
	for _, l := range pub.LeftOut {
		if _, ok := out[outPath(l.URL)]; !ok && !published[l.URL] && strings.HasPrefix(l.Why, "expired") {
			out[outPath(l.URL)] = fmt.Sprintf("%s (%s)", l.Why, l.Page.File)
		}
	}
	return out
}

// checkDescriptions reports descriptions that search results would cut
// off or that say too little.
func checkDescriptions(s *site.Site, list *diag.List) {
	var pages []*content.Page
	for _, a := range s.Articles {
		pages = append(pages, a.Page)
	}
	for _, p := range s.Pages {
		pages = append(pages, p.Page)
	}
	pages = append(pages, s.Indexes()...)
	for _, p := range pages {
		pos, set := p.Pos["description"]
		if !set {
			continue // the first paragraph stands in
		}
		n := len([]rune(strings.TrimSpace(p.Meta.Description)))
		switch {
		case n == 0:
			list.Warnf(pos, "description is empty: write 50–160 characters that sum up the page for search results")
		case n < 50:
			list.Warnf(pos, "description is %d characters: write at least 50 so search results show a useful summary", n)
		case n > 160:
			list.Warnf(pos, "description is %d characters: search results cut it off after about 160", n)
		}
	}
}

// dedupe drops repeated diagnostics (a draft's error reported by both builds).
func dedupe(ds []*diag.Diagnostic) []*diag.Diagnostic {
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && d.Error() == ds[i-1].Error() {
			continue
		}
		out = append(out, d)
	}
	return out
}

// outPath is the index.html file of a site-rooted URL.
func outPath(url string) string {
	p := strings.TrimPrefix(url, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}
