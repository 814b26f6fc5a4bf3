package render

import (
	"cmp"
	"errors"
	"html/template"
	"slices"
	"strings"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/site"
	"github.com/byline/byline/generator/theme"
)

// ShortcodeData is what a shortcode template (shortcodes/NAME.html) gets
// for one call in a page's Markdown, {{< NAME key="value" >}}.
type ShortcodeData struct {
	Name   string
	Params map[string]string // .Params.key; "" for a key not given
	// Args are the parameters given by position, {{< NAME "a" b >}}, in
	// order; a call gives Params or Args, not both.
	Args []string
	// Inner is the HTML of a paired call's inner content, the Markdown
	// between {{< NAME >}} and {{< /NAME >}} with its own calls rendered;
	// "" for a call that is not paired.
	Inner template.HTML
	// The page whose body holds the call: one of these is set, but for
	// the text of /articles/, /tags/ and the like, which sets none.
	// Section and Term are set for the text of a section's or a term's
	// list.
	Article *site.Article
	Page    *site.Page
	Author  *site.Author
	Section *site.Section
	Term    *site.Term
	Site    *site.Site
}

// Get returns a parameter of the call, as Hugo's shortcodes do: by
// position for an integer ({{ .Get 0 }}), by name for a string
// ({{ .Get "caption" }}); "" when the call does not give it.
func (d ShortcodeData) Get(key any) string {
	switch k := key.(type) {
	case int:
		if k >= 0 && k < len(d.Args) {
			return d.Args[k]
		}
	case string:
		return d.Params[k]
	}
	return ""
}

// ExpandShortcodes renders the shortcode calls of every article, page,
// author and list text (content.Index) of the site with th, and puts
// their output in their bodies in place of their marks. An unknown
// shortcode, or a template that fails, is an error at the call; its mark
// is dropped.
func (r *Renderer) ExpandShortcodes(th *theme.Theme, list *diag.List) {
	s := r.site
	for _, a := range s.Articles {
		if len(a.Shortcodes) > 0 {
			a.SetPage(expand(th, a.Page, ShortcodeData{Article: a, Site: s}, r.opts.Refs, list))
		}
	}
	for _, p := range s.Pages {
		if len(p.Shortcodes) > 0 {
			p.SetPage(expand(th, p.Page, ShortcodeData{Page: p, Site: s}, r.opts.Refs, list))
		}
	}
	for _, a := range s.Authors {
		if len(a.Shortcodes) > 0 {
			a.SetPage(expand(th, a.Page, ShortcodeData{Author: a, Site: s}, r.opts.Refs, list))
		}
	}
	for _, folder := range site.ListFolders() {
		if p := s.Lists[folder]; p != nil && len(p.Shortcodes) > 0 {
			s.Lists[folder] = expand(th, p, ShortcodeData{Site: s}, r.opts.Refs, list)
		}
	}
	for _, sec := range s.Sections {
		if p := sec.Index; p != nil && len(p.Shortcodes) > 0 {
			sec.Index = expand(th, p, ShortcodeData{Section: sec, Site: s}, r.opts.Refs, list)
		}
	}
	for _, t := range s.AllTerms() {
		if p := t.Index; p != nil && len(p.Shortcodes) > 0 {
			t.Index = expand(th, p, ShortcodeData{Term: t, Site: s}, r.opts.Refs, list)
		}
	}
}

// ExpandArticle returns body, a new body of a (see site.Article.ReplaceBody),
// with its shortcodes rendered, and whether all of them rendered.
func (r *Renderer) ExpandArticle(th *theme.Theme, a *site.Article, body *content.Page) (*content.Page, bool) {
	if len(body.Shortcodes) == 0 {
		return body, true
	}
	var list diag.List
	body = expand(th, body, ShortcodeData{Article: a, Site: r.site}, r.opts.Refs, &list)
	return body, list.Err() == nil
}

// expand renders the calls of p with data, each with its name, params and
// inner content, the calls inside a paired one first. With refs, the page
// it returns keeps each call's output in Refs.Shortcodes.
func expand(th *theme.Theme, p *content.Page, data ShortcodeData, refs bool, list *diag.List) *content.Page {
	var outs []content.ShortcodeOutput
	expanded := p.WithShortcodes(func(i int, inner template.HTML) template.HTML {
		sc := p.Shortcodes[i]
		at := diag.Pos{Path: p.File, Line: sc.Line, Col: sc.Col}
		if !th.HasShortcode(sc.Name) {
			if advice := hugoBuiltin(sc); advice != "" {
				list.Errorf(at, "%s; or add shortcodes/%s.html to the site's layouts/", advice, sc.Name)
				return ""
			}
			list.Errorf(at, "no shortcode %q: add shortcodes/%s.html to the site's layouts/ or the theme's", sc.Name, sc.Name)
			return ""
		}
		data.Name, data.Params, data.Args, data.Inner = sc.Name, sc.Params, sc.Args, inner
		out, err := th.Shortcode(sc.Name, data)
		if err != nil {
			var d *diag.Diagnostic
			if errors.As(err, &d) {
				list.Errorf(at, "shortcode %q failed: %s", sc.Name, d.Error())
			} else {
				list.Errorf(at, "shortcode %q failed: %v", sc.Name, err)
			}
			return ""
		}
		// A template file ends with a newline, which a call within a line
		// of text must not carry into it ("$152,000\n, a QA…").
		html := strings.TrimRight(string(out), "\r\n")
		if refs {
			outs = append(outs, content.ShortcodeOutput{
				Name: sc.Name, Template: th.ShortcodeFile(sc.Name), Line: sc.Line, Col: sc.Col,
				Text: strings.Replace(html, string(inner), "", 1),
			})
		}
		return template.HTML(html)
	})
	if len(outs) > 0 {
		// Calls inside a paired one rendered first: put them in file order.
		slices.SortFunc(outs, func(a, b content.ShortcodeOutput) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
		})
		expanded.Refs.Shortcodes = outs // a copy of p: p, shared, is unchanged
	}
	return expanded
}
