package site

import (
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
)

// assembleWith assembles c with the permalinks patterns given, 2 articles a
// page and the site time zone loc.
func assembleWith(t *testing.T, articles, pages string, loc *time.Location, c *content.Content) (*Site, error) {
	t.Helper()
	cfg := config.Default()
	cfg.Pagination.PerPage = 2
	cfg.Permalinks = config.Permalinks{Articles: articles, Pages: pages}
	cfg.Pos["permalinks.articles"] = diag.Pos{Path: "site/config.yaml", Line: 3, Col: 13}
	if loc != nil {
		cfg.Location = loc
	}
	var list diag.List
	s := Assemble(cfg, c, Options{Now: now}, &list)
	return s, list.Err()
}

func TestArticlePermalinks(t *testing.T) {
	date := time.Date(2025, 3, 7, 12, 0, 0, 0, time.UTC)
	c := &content.Content{Articles: []*content.Page{
		article("articles/guides/resume.md", content.Meta{Title: "R", Date: date, Category: "Job Search"}),
		article("articles/top.md", content.Meta{Title: "T", Date: date.AddDate(0, 9, 20)}),
	}}
	for _, tt := range []struct{ pattern, want string }{
		{"", "/articles/resume/ /articles/top/"}, // Config made by hand: the default
		{"/articles/:slug/", "/articles/resume/ /articles/top/"},
		{"/:slug/", "/resume/ /top/"},
		{"/:section/:slug/", "/guides/resume/ /top/"},
		{"/articles/:section/:slug/", "/articles/guides/resume/ /articles/top/"},
		{"/:category/:slug/", "/job-search/resume/ /top/"},
		{"/:year/:slug/", "/2025/resume/ /2025/top/"},
		{"/:year/:month/:day/:slug/", "/2025/03/07/resume/ /2025/12/27/top/"},
		{"/guides/:year-:month/:slug/", "/guides/2025-03/resume/ /guides/2025-12/top/"},
		{"/:section/:category/x_:slug/", "/guides/job-search/x_resume/ /x_top/"},
	} {
		s, err := assembleWith(t, tt.pattern, "", nil, c)
		if err != nil {
			t.Errorf("%s: %v", tt.pattern, err)
			continue
		}
		var got []string
		for _, a := range s.Articles {
			got = append(got, a.URL)
		}
		slices.Sort(got)
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s: got %s, want %s", tt.pattern, strings.Join(got, " "), tt.want)
		}
		// The same articles as drafts are left out, each with the URL it
		// has when published (check names it in a link to it).
		var drafts content.Content
		for _, p := range c.Articles {
			d := *p
			d.Meta.Draft = true
			drafts.Articles = append(drafts.Articles, &d)
		}
		s, _ = assembleWith(t, tt.pattern, "", nil, &drafts)
		got = got[:0]
		for _, l := range s.LeftOut {
			got = append(got, l.URL)
		}
		slices.Sort(got)
		if len(s.Articles) != 0 || strings.Join(got, " ") != tt.want {
			t.Errorf("%s, drafts: %d published, left out at %s, want %s", tt.pattern, len(s.Articles), strings.Join(got, " "), tt.want)
		}
	}
}

// TestPermalinkDatesInSiteZone: 01:00 UTC on New Year's Day is still 31
// December in New York, the site's zone; the machine's zone plays no part.
func TestPermalinkDatesInSiteZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	c := &content.Content{Articles: []*content.Page{
		article("articles/utc.md", content.Meta{Title: "U", Date: time.Date(2025, 1, 1, 1, 0, 0, 0, time.UTC)}),
		article("articles/local.md", content.Meta{Title: "L", Date: time.Date(2025, 1, 1, 1, 0, 0, 0, ny)}),
		article("articles/tokyo.md", content.Meta{Title: "T", Date: time.Date(2025, 1, 1, 9, 0, 0, 0, time.FixedZone("JST", 9*3600))}),
	}}
	s, err := assembleWith(t, "/:year/:month/:day/:slug/", "", ny, c)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"utc": "/2024/12/31/utc/", "local": "/2025/01/01/local/", "tokyo": "/2024/12/31/tokyo/"}
	for _, a := range s.Articles {
		if a.URL != want[a.Slug] {
			t.Errorf("%s: URL %s, want %s", a.Slug, a.URL, want[a.Slug])
		}
	}
	s, _ = assembleWith(t, "/:year/:month/:day/:slug/", "", time.UTC, c)
	if got := urls(s.Articles); got != "/2025/01/01/local/ /2025/01/01/utc/ /2025/01/01/tokyo/" {
		t.Errorf("in UTC: %s", got)
	}
}

func TestPagePermalinks(t *testing.T) {
	about := &content.Page{Kind: content.Standalone, Path: "pages/about.md", File: "site/pages/about.md", Slug: "about", Meta: content.Meta{Title: "About"}}
	c := &content.Content{Pages: []*content.Page{about}}
	for pattern, want := range map[string]string{"": "/about/", "/:slug/": "/about/", "/pages/:slug/": "/pages/about/", "/p-:slug/": "/p-about/"} {
		s, err := assembleWith(t, "", pattern, nil, c)
		if err != nil || len(s.Pages) != 1 || s.Pages[0].URL != want {
			t.Errorf("%q: %v, %+v, want %s", pattern, err, s.Pages, want)
		}
	}
}

func TestBadPermalinkInHandMadeConfig(t *testing.T) {
	c := &content.Content{Articles: []*content.Page{article("articles/x.md", content.Meta{Title: "X", Date: day(-1)})}}
	s, err := assembleWith(t, "/:title/", "", nil, c)
	want := `site/config.yaml:3:13: permalinks.articles "/:title/": unknown token :title; use :slug (the tokens are :slug, :section, :category, :year, :month, :day)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	if got := urls(s.Articles); got != "/articles/x/" {
		t.Errorf("URL %s, want the default", got)
	}
}

func TestPermalinkCollisions(t *testing.T) {
	const hint = ", or change permalinks.articles at site/config.yaml:3:13"
	date := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	// Two articles named x.md in two sections: one URL by /:year/:slug/.
	a := article("articles/roles/x.md", content.Meta{Title: "X", Date: date})
	b := article("articles/guides/x.md", content.Meta{Title: "Y", Date: date.AddDate(0, 1, 0)})
	b.Pos["slug"] = diag.Pos{Path: b.File, Line: 3, Col: 7}
	_, err := assembleWith(t, "/:year/:slug/", "", nil, &content.Content{Articles: []*content.Page{a, b}})
	want := `site/articles/roles/x.md:1:1: article site/articles/roles/x.md has URL /2025/x/, which article site/articles/guides/x.md at site/articles/guides/x.md:3:7 already has: give one of them another slug` + hint
	if err == nil || err.Error() != want {
		t.Errorf("same slug:\n got %v\nwant %s", err, want)
	}
	// Different years: no collision.
	b.Meta.Date = date.AddDate(1, 0, 0)
	if _, err := assembleWith(t, "/:year/:slug/", "", nil, &content.Content{Articles: []*content.Page{a, b}}); err != nil {
		t.Errorf("different years: %v", err)
	}

	// Built-in list pages: page 2 of /articles/ or of the home page (2
	// articles a page), and a tag page.
	arts := []*content.Page{
		article("articles/page/2.md", content.Meta{Title: "Two", Date: day(-1), Tags: []string{"go"}}),
		article("articles/tags/go.md", content.Meta{Title: "Go", Date: day(-2)}),
		article("articles/c.md", content.Meta{Title: "C", Date: day(-3)}),
	}
	_, err = assembleWith(t, "/articles/:section/:slug/", "", nil, &content.Content{Articles: arts})
	want = `site/articles/page/2.md:1:1: article site/articles/page/2.md has URL /articles/page/2/, which a page that Byline makes (a list, or the search page) already has: give the article another slug` + hint
	if err == nil || err.Error() != want {
		t.Errorf("pager:\n got %v\nwant %s", err, want)
	}
	_, err = assembleWith(t, "/:section/:slug/", "", nil, &content.Content{Articles: arts})
	want = `site/articles/page/2.md:1:1: article site/articles/page/2.md has URL /page/2/, which a page that Byline makes (a list, or the search page) already has: give the article another slug` + hint + "\n" +
		`site/articles/tags/go.md:1:1: article site/articles/tags/go.md has URL /tags/go/, which a page that Byline makes (a list, or the search page) already has: give the article another slug` + hint
	if err == nil || err.Error() != want {
		t.Errorf("tag page:\n got %v\nwant %s", err, want)
	}
}

func TestIsPagerURL(t *testing.T) {
	lists := map[string]int{"/": 3, "/articles/": 3, "/tags/go/": 2}
	for url, want := range map[string]bool{
		"/page/2/": true, "/page/3/": true, "/page/4/": false, "/page/1/": false, "/page/02/": false,
		"/articles/page/2/": true, "/tags/go/page/2/": true, "/tags/go/page/3/": false, "/tags/rust/page/2/": false,
		"/articles/page/": false, "/articles/x/": false, "/": false, "/page/+2/": false,
	} {
		if got := isPagerURL(url, lists); got != want {
			t.Errorf("isPagerURL(%s) = %v", url, got)
		}
	}
}

// FuzzArticleURL: whatever pattern config accepts, and whatever slugs an
// article has, its URL is a clean site path that stays inside public/.
func FuzzArticleURL(f *testing.F) {
	f.Add("/:section/:category/:slug/", "guides", "Job Search", "x", int64(0))
	f.Add("/:year/:month/:day/:slug/", "", "", "a-b", int64(-1e10))
	f.Fuzz(func(t *testing.T, pattern, section, category, slug string, unix int64) {
		p, err := config.ParsePermalink("articles", pattern)
		if err != nil || !content.ValidSlug(slug) || section != "" && !content.ValidSlug(section) {
			return
		}
		a := &Article{}
		a.SetPage(&content.Page{Slug: slug, Section: section, Meta: content.Meta{Date: time.Unix(unix, 0)}})
		if section != "" {
			a.Section = &Section{Name: section}
		}
		if c := newTaxonomy("categories").term(category); c != nil {
			a.Category = c
		}
		u := articleURL(p, a, time.UTC)
		if path.Clean(u)+"/" != u || strings.Contains(u, "..") || strings.ContainsAny(u, "\\:. ") {
			t.Errorf("pattern %q gave unsafe URL %q", pattern, u)
		}
	})
}
