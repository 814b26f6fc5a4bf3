package site

import (
	"slices"
	"strings"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
)

// Rewarn returns ws with the warnings about links brought up to date after
// the articles of old (their pages before the change, by path) got new
// bodies through Article.ReplaceBody: the warnings about the links of
// those articles, and about the links of any page into them with a
// fragment, whose headings may have changed, are dropped and made anew, as
// Assemble makes them. Other warnings are kept as they are.
func (s *Site) Rewarn(ws []*diag.Diagnostic, old []*content.Page) []*diag.Diagnostic {
	if s.xref == nil || len(old) == 0 {
		return ws
	}
	changed := make(map[string]bool, len(old))
	stale := map[diag.Pos]bool{}
	for _, p := range old {
		changed[p.Path] = true
		for _, l := range p.Links {
			stale[l.Pos] = true
		}
	}
	if targets, _ := s.xref.tables(); targets != nil {
		for _, a := range s.Articles {
			if changed[a.Path] {
				targets[a.Path] = linkTarget{a.URL, a.Page} // its headings
			}
		}
	}
	var list diag.List
	for _, p := range s.linkedPages() {
		if changed[p.Path] {
			s.xref.resolve(p, &list)
			continue
		}
		into := map[diag.Pos]bool{}
		for _, l := range p.Links {
			if l.Fragment != "" && changed[l.Target] {
				into[l.Pos], stale[l.Pos] = true, true
			}
		}
		if len(into) > 0 {
			var all diag.List
			s.xref.resolve(p, &all)
			for _, d := range all.Warnings() {
				if into[d.Pos] {
					list.Add(d)
				}
			}
		}
	}
	out := slices.DeleteFunc(slices.Clone(ws), func(d *diag.Diagnostic) bool {
		return d.Severity == diag.Warning && stale[d.Pos] && strings.HasPrefix(d.Msg, "link to ")
	})
	for _, d := range out {
		list.Add(d)
	}
	return list.Warnings()
}

// linkedPages lists the pages of the site's articles, pages, authors and
// lists that link to other Markdown files.
func (s *Site) linkedPages() []*content.Page {
	var out []*content.Page
	for _, a := range s.Articles {
		if len(a.Page.Links) > 0 {
			out = append(out, a.Page)
		}
	}
	for _, p := range s.Pages {
		if len(p.Page.Links) > 0 {
			out = append(out, p.Page)
		}
	}
	for _, a := range s.Authors {
		if len(a.Page.Links) > 0 {
			out = append(out, a.Page)
		}
	}
	for _, p := range s.Indexes() {
		if len(p.Links) > 0 {
			out = append(out, p)
		}
	}
	return out
}
