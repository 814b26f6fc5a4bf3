package theme_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/render"
	"github.com/byline/byline/generator/site"
	"github.com/byline/byline/generator/theme"
)

const hostile = `</script><script>alert(1)</script>`

// fixture is a small site with every optional part set, and one page of
// data for each kind.
func fixture(newsletter bool) map[string]*render.Data {
	cfg := config.Default()
	cfg.Title = "Career Stack"
	cfg.Description = "Guides to software careers."
	cfg.Logo = "/images/logo.svg"
	cfg.Disclosure = "We may earn a commission."
	cfg.Menus = map[string][]config.MenuItem{"main": {{Name: "Articles", URL: "/articles/"}, {Name: "About", URL: "/about/"}}}
	if newsletter {
		cfg.Newsletter = config.Newsletter{Title: "The Letter", Text: "Every other Tuesday.", ActionURL: "https://newsletter.example.com/subscribe"}
	}
	ny := time.FixedZone("EST", -5*3600)
	maya := &site.Author{Key: "maya", URL: "/authors/maya/", Page: &content.Page{
		Meta: content.Meta{Name: "Maya Okafor", Role: "Editor", Bio: "Maya edits.", Avatar: "/images/maya.svg",
			Links: []string{"https://github.com/maya", "javascript:alert(1)"}},
	}}
	maya.SetBody("<p>Long bio.</p>")
	dan := &site.Author{Key: "dan", URL: "/authors/dan/", Page: &content.Page{Meta: content.Meta{Name: "Dan Reyes", Role: "Staff engineer"}}}
	sec := &site.Section{Name: "roles", Title: "Roles", URL: "/articles/roles/"}
	tag := &site.Term{Taxonomy: "tags", Name: "Go", Slug: "go", URL: "/tags/go/"}
	cat := &site.Term{Taxonomy: "categories", Name: "Roles", Slug: "roles", URL: "/categories/roles/"}
	a := &site.Article{
		URL: "/articles/hostile/", Authors: []*site.Author{maya, dan}, Reviewer: dan, Section: sec,
		Category: cat, Tags: []*site.Term{tag}, ShowTOC: true,
		Updated: time.Date(2025, 11, 4, 10, 0, 0, 0, ny),
		Page: &content.Page{
			Slug: "hostile",
			Meta: content.Meta{
				Title: hostile, Description: "A <b>description</b>.",
				Date:    time.Date(2024, 3, 12, 9, 0, 0, 0, ny),
				Updated: time.Date(2025, 11, 4, 10, 0, 0, 0, ny),
				Image:   "/images/hero.png", ImageAlt: "A desk", Featured: true,
				Sources: []content.Source{
					{Title: "BLS", URL: "https://www.bls.gov/", Publisher: "U.S. BLS"},
					{Title: "Evil", URL: "javascript:alert(1)", Publisher: "Nobody"},
				},
				Career: &content.Career{MedianSalary: 133000, Currency: "USD", Outlook: "Fast", Education: "BSc", Skills: []string{"Go", "SQL"}},
				FAQ:    []content.FAQ{{Q: "Is it hard?", A: "Sometimes."}},
				Comments: []content.Comment{
					{Author: "Priya", Date: time.Date(2025, 4, 1, 10, 0, 0, 0, ny), Body: "Thanks <3"},
				},
			},
			TOC:            []content.Heading{{Level: 2, ID: "short-answer", Text: "The short answer"}, {Level: 3, ID: "deeper", Text: "Deeper"}},
			Summary:        "Summary.",
			ReadingMinutes: 6,
		},
	}
	for _, au := range []*site.Author{maya, dan} {
		au.SetPage(au.Page)
	}
	a.SetPage(a.Page)
	a.SetBody(`<h2 id="short-answer">The short answer</h2><p>Body text.</p>`)
	draft := &site.Article{
		URL: "/articles/draft/", Authors: []*site.Author{maya}, Draft: true,
		Updated: time.Date(2025, 12, 1, 0, 0, 0, 0, ny),
		Page: &content.Page{Slug: "draft", Meta: content.Meta{Title: "Work in progress", Date: time.Date(2025, 12, 1, 0, 0, 0, 0, ny)},
			Summary: "Soon.", ReadingMinutes: 1},
	}
	draft.SetPage(draft.Page)
	draft.SetBody("<p>Soon.</p>")
	a.Older, draft.Newer = draft, a
	a.SetRelated([]*site.Article{draft})
	articles := []*site.Article{a, draft}
	sec.Articles, tag.Articles, cat.Articles = articles, articles, articles
	maya.Articles, dan.Articles = articles, []*site.Article{a}
	about := &site.Page{URL: "/about/", Page: &content.Page{Slug: "about", Meta: content.Meta{Title: "About"}}}
	about.SetPage(about.Page)
	about.SetBody("<p>About us.</p>")
	standards := &site.Page{URL: "/editorial-standards/", Page: &content.Page{Slug: "editorial-standards", Meta: content.Meta{Title: "Editorial standards"}}}
	standards.SetPage(standards.Page)
	s := &site.Site{
		Config: cfg, BaseURL: "https://careers.example.com/",
		Articles: articles, Pages: []*site.Page{about, standards}, Authors: []*site.Author{dan, maya},
		Sections: []*site.Section{sec}, Tags: []*site.Term{tag}, Categories: []*site.Term{cat},
		Updated: a.Updated,
	}
	pager := &site.Pager{Number: 1, Total: 2, URL: "/", Articles: articles, Next: "/page/2/", First: "/"}
	crumbs := []site.Crumb{{Name: "Home", URL: "/"}, {Name: "Roles", URL: "/articles/roles/"}, {Name: hostile, URL: "/articles/hostile/"}}
	ld := map[string]any{"@context": "https://schema.org", "@type": "Article", "headline": hostile}
	d := func(kind, title, url string) *render.Data {
		return &render.Data{Site: s, Kind: kind, Title: title, Description: "Desc", URL: url, Permalink: "https://careers.example.com" + url}
	}
	out := map[string]*render.Data{}
	out["home"] = d("home", "Career Stack", "/")
	out["home"].Pager = pager
	out["article"] = d("article", hostile, a.URL)
	out["article"].Article, out["article"].Breadcrumbs, out["article"].Image = a, crumbs, "https://careers.example.com/images/hero.png"
	out["article"].JSONLD = []any{ld}
	out["draft"] = d("article", draft.Meta.Title, draft.URL)
	out["draft"].Article, out["draft"].NoIndex = draft, true
	out["list"] = d("list", "Articles", "/articles/")
	out["list"].Pager = pager
	out["section"] = d("section", "Roles", sec.URL)
	out["section"].Section, out["section"].Pager, out["section"].Feed = sec, pager, sec.URL+"feed.xml"
	out["terms"] = d("terms", "Topics", "/tags/")
	out["terms"].Terms, out["terms"].Taxonomy = s.Tags, "tags"
	out["term"] = d("term", "Go", tag.URL)
	out["term"].Term, out["term"].Taxonomy, out["term"].Pager, out["term"].Feed = tag, "tags", pager, tag.URL+"feed.xml"
	out["authors"] = d("authors", "Authors", "/authors/")
	out["author"] = d("author", "Maya Okafor", maya.URL)
	out["author"].Author, out["author"].Pager, out["author"].Feed = maya, pager, maya.URL+"feed.xml"
	out["page"] = d("page", "About", about.URL)
	out["page"].Page = about
	out["search"] = d("search", "Search", "/search/")
	out["404"] = d("404", "Page not found", "/404.html")
	out["404"].NoIndex = true
	return out
}

func loadDefault(t *testing.T) *theme.Theme {
	t.Helper()
	var list diag.List
	th := theme.Load([]theme.Source{theme.Builtin()}, theme.FakeFuncs(), &list)
	if err := list.Err(); err != nil {
		t.Fatalf("the default theme does not load:\n%v", err)
	}
	return th
}

var (
	idRE     = regexp.MustCompile(`\sid="([^"]*)"`)
	imgRE    = regexp.MustCompile(`<img\b[^>]*>`)
	scriptRE = regexp.MustCompile(`<script\b[^>]*>`)
)

func TestDefaultThemeRendersEveryKind(t *testing.T) {
	th := loadDefault(t)
	for name, data := range fixture(true) {
		t.Run(name, func(t *testing.T) {
			var b strings.Builder
			if err := th.Execute(&b, data.Kind, data); err != nil {
				t.Fatal(err)
			}
			html := b.String()
			for _, want := range []string{
				`<html lang="en">`, `<a class="skip-link" href="#main">`, `<header class="site-header">`,
				`<nav class="site-nav" aria-label="Main">`, `<main id="main"`, `<footer class="site-footer">`,
				`<link rel="canonical" href="https://careers.example.com` + data.URL + `">`,
				`<link rel="stylesheet" href="/css/style.f1ng3r.css">`,
				`<link rel="alternate" type="application/atom+xml"`,
				`© 2025 Career Stack`,
			} {
				if !strings.Contains(html, want) {
					t.Errorf("missing %s", want)
				}
			}
			if strings.Contains(html, "</script><script>alert") {
				t.Error("the hostile title is not escaped")
			}
			// html/template turns unsafe URLs into #ZgotmplZ: expected only
			// where a javascript: URL was given (a source, an author link).
			allowed := 0
			if name == "article" || name == "author" {
				allowed = 1
			}
			if n := strings.Count(html, "ZgotmplZ"); n != allowed || n != strings.Count(html, `href="#ZgotmplZ"`) {
				t.Errorf("ZgotmplZ appears %d times, want %d (in an href)", n, allowed)
			}
			if got := strings.Contains(html, "DRAFT"); got != (name == "draft") {
				t.Errorf("DRAFT banner shown = %v", got)
			}
			if got := strings.Contains(html, `<meta name="robots" content="noindex">`); got != data.NoIndex {
				t.Errorf("noindex = %v, want %v", got, data.NoIndex)
			}
			checkHygiene(t, html)
		})
	}
}

// checkHygiene checks what a strict CSP and accessibility need: no inline
// styles or scripts, alt on every image, unique ids.
func checkHygiene(t *testing.T, html string) {
	t.Helper()
	if strings.Contains(html, " style=") || strings.Contains(html, "<style") {
		t.Error("inline style")
	}
	for _, tag := range scriptRE.FindAllString(html, -1) {
		if !strings.Contains(tag, ` src="`) && tag != `<script type="application/ld+json">` {
			t.Errorf("inline script %s", tag)
		}
	}
	for _, img := range imgRE.FindAllString(html, -1) {
		if !strings.Contains(img, ` alt="`) {
			t.Errorf("image without alt: %s", img)
		}
	}
	seen := map[string]bool{}
	for _, m := range idRE.FindAllStringSubmatch(html, -1) {
		if seen[m[1]] {
			t.Errorf("duplicate id %q", m[1])
		}
		seen[m[1]] = true
	}
}

func TestDefaultArticle(t *testing.T) {
	th := loadDefault(t)
	data := fixture(true)["article"]
	var b strings.Builder
	if err := th.Execute(&b, "article", data); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, want := range []string{
		`<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","headline":"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"}</script>`,
		`<h1 class="article-title">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>`,
		`<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; — Career Stack</title>`,
		`<meta property="og:type" content="article">`,
		`<meta property="og:image" content="https://careers.example.com/images/hero.png">`,
		`<nav class="breadcrumbs" aria-label="Breadcrumb">`,
		`<a href="/authors/maya/" rel="author">Maya Okafor</a> and <a href="/authors/dan/" rel="author">Dan Reyes</a>`,
		`Reviewed by <a href="/authors/dan/">Dan Reyes</a>`,
		`Updated <time datetime="2025-11-04T10:00:00-05:00">November 4, 2025</time>`,
		`Published <time datetime="2024-03-12T09:00:00-05:00">March 12, 2024</time>`,
		`6 min read`,
		`<img src="/images/hero.png" alt="A desk">`,
		`<a href="#short-answer">The short answer</a>`,
		`$133000 USD`,
		`<h2 id="short-answer">The short answer</h2><p>Body text.</p>`,
		`<summary>Is it hard?</summary>`,
		`<a href="https://www.bls.gov/" rel="external noopener">BLS</a><span class="source-publisher">, U.S. BLS</span>`,
		`<a href="/tags/go/">Go</a>`,
		`<form class="newsletter-form" method="post" action="https://newsletter.example.com/subscribe">`,
		`<label for="newsletter-email">Email address</label>`,
		`Thanks &lt;3`,
		`rel="next"><span class="prev-next-label">Older</span>`,
		`<h2 id="related-heading">Related articles</h2>`,
		`<a href="/editorial-standards/">editorial standards</a>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s", want)
		}
	}
}

func TestDefaultNewsletterHiddenWithoutAction(t *testing.T) {
	th := loadDefault(t)
	for _, kind := range []string{"article", "home"} {
		var b strings.Builder
		if err := th.Execute(&b, kind, fixture(false)[kind]); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "newsletter") {
			t.Errorf("%s: newsletter shown without an action URL", kind)
		}
	}
}

func TestDefaultSearchAndPages(t *testing.T) {
	th := loadDefault(t)
	data := fixture(true)
	cases := map[string][]string{
		"search": {`data-url="/search-index.json"`, `<label for="search-input">Search articles</label>`,
			`aria-live="polite"`, `<noscript>`, `<a href="/articles/">browse all articles</a>`,
			`<script src="/js/search.f1ng3r.js" defer></script>`},
		"404":  {`<a href="/">home page</a>`, `action="/search/"`, `Search articles`},
		"home": {`<h3 class="featured-title"><a href="/articles/hostile/">`, `Page 1 of 2`, `rel="next"`},
		"term": {`<a class="feed-link" href="/tags/go/feed.xml">Follow this topic (Atom feed)</a>`,
			`<link rel="alternate" type="application/atom+xml" title="Go — Career Stack" href="/tags/go/feed.xml">`},
		"author": {`<a href="https://github.com/maya" rel="me">`, `<p>Long bio.</p>`, `<a class="feed-link" href="/authors/maya/feed.xml">`,
			`<link rel="alternate" type="application/atom+xml" title="Maya Okafor — Career Stack" href="/authors/maya/feed.xml">`},
		"section": {`<a class="feed-link" href="/articles/roles/feed.xml">Follow Roles (Atom feed)</a>`,
			`<link rel="alternate" type="application/atom+xml" title="Roles — Career Stack" href="/articles/roles/feed.xml">`},
		"list":  {`<link rel="alternate" type="application/atom+xml" title="Career Stack" href="/feed.xml">`},
		"terms": {`<a href="/tags/go/"><span class="term-name">Go</span>`},
	}
	for kind, wants := range cases {
		var b strings.Builder
		if err := th.Execute(&b, data[kind].Kind, data[kind]); err != nil {
			t.Fatal(err)
		}
		for _, want := range wants {
			if !strings.Contains(b.String(), want) {
				t.Errorf("%s: missing %s", kind, want)
			}
		}
	}
}
