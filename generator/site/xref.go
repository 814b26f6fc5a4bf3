package site

import (
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/internal/yamlpos"
)

// xref points the links between Markdown files (content.Link) at the URLs
// of the pages they name, once every page has its URL. Its tables are made
// when a page first needs them: most rebuilds of a site without such links
// need none.
type xref struct {
	image func(page *content.Page, path string) content.Image // see Options.Image
	build func() (map[string]linkTarget, map[string]string)
	once  sync.Once
	// targets are the pages by site path, "articles/sre.md"; left the
	// pages left out of this build, with why ("" for their own errors).
	targets map[string]linkTarget
	left    map[string]string
}

type linkTarget struct {
	url  string
	page *content.Page
}

func (x *xref) tables() (map[string]linkTarget, map[string]string) {
	x.once.Do(func() { x.targets, x.left = x.build() })
	return x.targets, x.left
}

// resolveLinks gives every page with links to other Markdown files a body
// whose links point at their pages, and its images their sizes and
// srcsets (Options.Image). A link to a file that is no page of the site
// is an error at the link, and one to an article left out of this build
// (a draft, scheduled, expired), or to the text of a term only such
// articles have, a warning: its text is shown without the link until the
// article is in. A link to a file with errors of its own is
// left to those errors. A fragment that is no heading of its page is a
// warning (the theme may add the id).
func (s *Site) resolveLinks(c *content.Content, opts Options, list *diag.List) {
	x := &xref{image: opts.Image}
	x.build = func() (map[string]linkTarget, map[string]string) {
		targets, left := map[string]linkTarget{}, map[string]string{}
		for _, a := range s.Articles {
			targets[a.Path] = linkTarget{a.URL, a.Page}
		}
		for _, p := range s.Pages {
			targets[p.Path] = linkTarget{p.URL, p.Page}
		}
		for _, a := range s.Authors {
			targets[a.Path] = linkTarget{a.URL, a.Page}
		}
		for _, r := range s.indexRefs() {
			targets[r.page.Path] = linkTarget{r.url, r.page}
		}
		for _, pages := range [][]*content.Page{c.Articles, c.Pages} {
			for _, p := range pages {
				if _, ok := targets[p.Path]; !ok {
					left[p.Path] = leftOutBecause(p, opts)
				}
			}
		}
		for _, p := range c.Indexes {
			folder, _, _ := strings.Cut(p.Path, "/")
			if _, ok := targets[p.Path]; !ok && folder != "articles" && s.leftOutHave(folder, p.Slug) {
				left[p.Path] = "the text of a " + content.TermOf(folder) + " that only articles left out of this build have"
			}
		}
		for _, p := range c.Failed {
			left[p] = ""
		}
		return targets, left
	}
	s.xref = x
	for _, a := range s.Articles {
		if marked(a.Page) {
			pg, _ := x.resolve(a.Page, list)
			a.SetPage(pg)
		}
	}
	for _, p := range s.Pages {
		if marked(p.Page) {
			pg, _ := x.resolve(p.Page, list)
			p.SetPage(pg)
		}
	}
	for _, a := range s.Authors {
		if marked(a.Page) {
			pg, _ := x.resolve(a.Page, list)
			a.SetPage(pg)
		}
	}
	for _, folder := range ListFolders() {
		if p := s.Lists[folder]; p != nil && marked(p) {
			s.Lists[folder], _ = x.resolve(p, list)
		}
	}
	for _, sec := range s.Sections {
		if p := sec.Index; p != nil && marked(p) {
			sec.Index, _ = x.resolve(p, list)
		}
	}
	for _, t := range s.AllTerms() {
		if p := t.Index; p != nil && marked(p) {
			t.Index, _ = x.resolve(p, list)
		}
	}
}

// Linked returns p with its links to other Markdown files pointing at
// their pages, for a page whose body changed after Assemble; ok is false
// when a link names no page of the site, or one with errors, which a new
// build must report. (A link to an article left out of the build shows its
// text, as in a new build, without the warning.)
func (s *Site) Linked(p *content.Page) (_ *content.Page, ok bool) {
	if !marked(p) {
		return p, true
	}
	if s.xref == nil {
		return p, false
	}
	return s.xref.resolve(p, nil)
}

// resolve returns a copy of p whose links point at their pages, reporting
// to list (when not nil) each link that does not; those show their text
// alone. ok is false when a link is an error, or its page has errors.
func (x *xref) resolve(p *content.Page, list *diag.List) (_ *content.Page, ok bool) {
	ok = true
	hrefs := make([]string, len(p.Links))
	var targets map[string]linkTarget
	var lefts map[string]string
	if len(p.Links) > 0 {
		targets, lefts = x.tables()
	}
	for i, l := range p.Links {
		t, found := targets[l.Target]
		if !found {
			why, left := lefts[l.Target]
			if !left || why == "" {
				ok = false // an error here, or the target's own: a new build reports it
			}
			switch {
			case list == nil, left && why == "":
			case left:
				advice := "the link's text is shown without the link until it is published"
				if strings.HasPrefix(why, "expired") {
					advice = "the link's text is shown without the link: remove the link, or the article's expires"
				}
				list.Warnf(l.Pos, "link to %q: %s is %s, so it is not in this build: %s", l.Written, displayPath(p, l.Target), why, advice)
			default:
				list.Errorf(l.Pos, "%s", x.missing(p, l))
			}
			continue
		}
		hrefs[i] = t.url
		if l.Fragment != "" {
			hrefs[i] += "#" + l.Fragment
			if list != nil && !slices.Contains(t.page.IDs, l.Fragment) {
				msg := "link to %q: %s has no heading with id %q"
				if s := yamlpos.Suggest(l.Fragment, t.page.IDs); s != "" {
					msg += "; did you mean #" + s + "?"
				}
				list.Warnf(l.Pos, msg, l.Written, t.page.File, l.Fragment)
			}
		}
	}
	images := make([]content.Image, len(p.Images))
	for i, path := range p.Images {
		if x.image != nil {
			images[i] = x.image(p, path) // one with no file is byline check's "broken image"
		}
	}
	return p.Fill(hrefs, images), ok
}

// marked reports whether p's body has marks for resolve to fill in.
func marked(p *content.Page) bool { return len(p.Links) > 0 || len(p.Images) > 0 }

// missing says that a link's target is no page of the site, and what to do.
func (x *xref) missing(from *content.Page, l content.Link) string {
	if l.Target == "" {
		return "link to " + strconv.Quote(l.Written) + " leaves the site folder: link to an article, page or author of this site"
	}
	msg := "link to " + strconv.Quote(l.Written) + ": there is no article, page or author " + displayPath(from, l.Target)
	targets, _ := x.tables()
	paths := slices.Sorted(maps.Keys(targets))
	if s := yamlpos.Suggest(l.Target, paths); s != "" {
		msg += "; did you mean " + strconv.Quote(relativeTo(path.Dir(from.Path), s)) + "?"
	} else {
		msg += ": the path is relative to this file's folder, or to the site folder when it starts with \"/\""
	}
	return msg
}

// leftOutBecause says why an article is not in a build.
func leftOutBecause(p *content.Page, opts Options) string {
	switch {
	case p.Meta.Draft:
		return "a draft"
	case p.Meta.Date.After(opts.Now) && !opts.Future:
		return "scheduled for " + p.Meta.Date.Format("2006-01-02")
	}
	return "expired (" + p.Meta.Expires.Format("2006-01-02") + ")"
}

// displayPath shows the site path target as messages show from's path:
// "site/articles/sre.md".
func displayPath(from *content.Page, target string) string {
	return strings.TrimSuffix(from.File, from.Path) + target
}

// relativeTo writes the site path target relative to the folder dir.
func relativeTo(dir, target string) string {
	if dir == "." {
		return target
	}
	from := strings.Split(dir, "/")
	to := strings.Split(target, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}
