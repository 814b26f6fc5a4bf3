package site

import (
	"strings"
	"testing"
	"time"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
)

var now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func day(d int) time.Time { return now.AddDate(0, 0, d) }

func article(path string, meta content.Meta) *content.Page {
	slug := strings.TrimSuffix(path[strings.LastIndexByte(path, '/')+1:], ".md")
	section := ""
	if parts := strings.Split(path, "/"); len(parts) == 3 {
		section = parts[1]
	}
	return &content.Page{Kind: content.Article, Path: path, File: "site/" + path, Slug: slug, Section: section, Meta: meta,
		Pos: map[string]diag.Pos{"author": {Path: "site/" + path, Line: 4, Col: 9}}}
}

func author(key, name string) *content.Page {
	return &content.Page{Kind: content.Author, Path: "authors/" + key + ".md", File: "site/authors/" + key + ".md", Slug: key, Meta: content.Meta{Name: name}}
}

func assemble(t *testing.T, c *content.Content, opts Options) (*Site, *diag.List) {
	t.Helper()
	cfg := config.Default()
	cfg.Pagination.PerPage = 2
	opts.Now = now
	var list diag.List
	return Assemble(cfg, c, opts, &list), &list
}

func urls(arts []*Article) string {
	var out []string
	for _, a := range arts {
		out = append(out, a.URL)
	}
	return strings.Join(out, " ")
}

func TestPublishedFiltersAndOrders(t *testing.T) {
	c := &content.Content{
		Authors: []*content.Page{author("ann", "Ann")},
		Articles: []*content.Page{
			article("articles/old.md", content.Meta{Title: "Old", Date: day(-30), Author: "ann"}),
			article("articles/new.md", content.Meta{Title: "New", Date: day(-1), Author: "ann"}),
			article("articles/draft.md", content.Meta{Title: "Draft", Date: day(-2), Draft: true, Author: "ann"}),
			article("articles/future.md", content.Meta{Title: "Future", Date: day(5), Author: "ann"}),
			article("articles/gone.md", content.Meta{Title: "Gone", Date: day(-9), Expires: day(-1), Author: "ann"}),
		},
	}
	s, list := assemble(t, c, Options{})
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	if got, want := urls(s.Articles), "/articles/new/ /articles/old/"; got != want {
		t.Errorf("published = %s, want %s", got, want)
	}
	s, _ = assemble(t, c, Options{Drafts: true, Future: true})
	if got, want := urls(s.Articles), "/articles/future/ /articles/new/ /articles/draft/ /articles/old/"; got != want {
		t.Errorf("preview = %s, want %s", got, want)
	}
	for _, a := range s.Articles {
		if want := a.Meta.Title == "Draft" || a.Meta.Title == "Future"; a.Draft != want {
			t.Errorf("%s: Draft = %v, want %v", a.URL, a.Draft, want)
		}
	}
	if s.Articles[0].Older != s.Articles[1] || s.Articles[1].Newer != s.Articles[0] {
		t.Error("neighbours not linked")
	}
}

func TestUnknownAuthorHasPosition(t *testing.T) {
	c := &content.Content{
		Authors:  []*content.Page{author("ann", "Ann")},
		Articles: []*content.Page{article("articles/x.md", content.Meta{Title: "X", Date: day(-1), Author: "bob"})},
	}
	_, list := assemble(t, c, Options{})
	want := `site/articles/x.md:4:9: unknown author "bob": create site/authors/bob.md or use one of: ann`
	if err := list.Err(); err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}

func TestTaxonomiesFoldCase(t *testing.T) {
	c := &content.Content{Articles: []*content.Page{
		article("articles/roles/a.md", content.Meta{Title: "A", Date: day(-1), Tags: []string{"Go", "APIs"}, Category: "Roles"}),
		article("articles/roles/b.md", content.Meta{Title: "B", Date: day(-2), Tags: []string{"go"}, Category: "roles"}),
		article("articles/c.md", content.Meta{Title: "C", Date: day(-3), Tags: []string{"APIs"}}),
	}}
	s, list := assemble(t, c, Options{})
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	if len(s.Tags) != 2 || s.Tags[1].Slug != "go" || s.Tags[1].Name != "Go" || len(s.Tags[1].Articles) != 2 {
		t.Fatalf("tags = %+v", s.Tags)
	}
	if len(s.Categories) != 1 || len(s.Categories[0].Articles) != 2 {
		t.Fatalf("categories = %+v", s.Categories)
	}
	if len(s.Sections) != 1 || s.Sections[0].URL != "/articles/roles/" || s.Sections[0].Title != "Roles" {
		t.Fatalf("sections = %+v", s.Sections)
	}
	// a shares Go with b (and category) and APIs with c: b ranks first.
	if got := urls(s.Articles[0].Related()); got != "/articles/b/ /articles/c/" {
		t.Errorf("related of a = %s", got)
	}
}

func TestRelatedFallsBackToCategory(t *testing.T) {
	c := &content.Content{Articles: []*content.Page{
		article("articles/a.md", content.Meta{Title: "A", Date: day(-1), Tags: []string{"x"}, Category: "K"}),
		article("articles/b.md", content.Meta{Title: "B", Date: day(-2), Category: "K"}),
		article("articles/c.md", content.Meta{Title: "C", Date: day(-3), Tags: []string{"x"}}),
		article("articles/d.md", content.Meta{Title: "D", Date: day(-4), Category: "K"}),
		article("articles/e.md", content.Meta{Title: "E", Date: day(-5), Category: "Other"}),
	}}
	s, _ := assemble(t, c, Options{})
	if got := urls(s.Articles[0].Related()); got != "/articles/c/ /articles/b/ /articles/d/" {
		t.Errorf("related = %s", got)
	}
}

func TestURLCollisions(t *testing.T) {
	a := article("articles/roles/x.md", content.Meta{Title: "X", Date: day(-1)})
	b := article("articles/guides/x.md", content.Meta{Title: "Y", Date: day(-2)})
	b.Pos["slug"] = diag.Pos{Path: b.File, Line: 3, Col: 7}
	alias := article("articles/z.md", content.Meta{Title: "Z", Date: day(-3), Aliases: []string{"/articles/x/", "../etc", "/old/"}})
	alias.Pos["aliases"] = diag.Pos{Path: alias.File, Line: 5, Col: 10}
	again := article("articles/w.md", content.Meta{Title: "W", Date: day(-4), Aliases: []string{"/old/", "/older/"}})
	again.Pos["aliases"] = diag.Pos{Path: again.File, Line: 4, Col: 1}
	s, list := assemble(t, &content.Content{Articles: []*content.Page{a, b, alias, again}}, Options{})
	got := list.Err().Error()
	want := []string{
		`site/articles/guides/x.md:3:7: article site/articles/guides/x.md has URL /articles/x/, which article site/articles/roles/x.md at site/articles/roles/x.md:1:1 already has: give one of them another slug`,
		`site/articles/w.md:4:1: alias in site/articles/w.md has URL /old/, which alias in site/articles/z.md at site/articles/z.md:5:10 already has: remove one of the two aliases`,
		`site/articles/z.md:5:10: alias "../etc": an alias may not contain ".."`,
		`site/articles/z.md:5:10: alias in site/articles/z.md has URL /articles/x/, which article site/articles/roles/x.md at site/articles/roles/x.md:1:1 already has: remove the alias, or give the page that has the URL another slug`,
	}
	if got != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	// An alias that clashes is not added: no page would be written twice.
	var kept []string
	for _, a := range s.Aliases {
		kept = append(kept, a.From+" → "+a.To+" at "+a.Pos.String())
	}
	if got := strings.Join(kept, ", "); got != "/old/ → /articles/z/ at site/articles/z.md:5:10, /older/ → /articles/w/ at site/articles/w.md:4:1" {
		t.Errorf("aliases = %s", got)
	}
}

func TestCleanAlias(t *testing.T) {
	for raw, want := range map[string]string{
		"old/path":             "/old/path/",
		"/old/path/":           "/old/path/",
		"/old.html":            "/old.html",
		"/old/index.html":      "/old/",
		"old/index.html":       "/old/",
		"/myindex.html":        "/myindex.html",
		"/feed.xml":            "/feed.xml/",
		"//old//x/":            "/old/x/",
		"/index.html":          "error",
		"/":                    "error",
		"../x":                 "error",
		"https://example.com/": "error",
		"/a b/":                "error",
		"/a\tb/":               "error",
		"/a\u00a0b/":           "error",
		"/a\x7fb/":             "error",
		"/x?y":                 "error",
		// Decoded, as a server decodes a request: the same rules.
		"/caf%C3%A9/":     "/caf%C3%A9/",
		"/100%25-remote/": "/100%25-remote/",
		"/old/%2e%2e/x/":  "error",
		"/old/%2E%2E/x/":  "error",
		"/old/%2e/x/":     "error",
		"/a%2Fb/":         "error",
		"/a%2fb/":         "error",
		"/a%3Fb/":         "error",
		"/a%20b/":         "error",
		"/a%00b/":         "error",
		"/a%5Cb/":         "error",
		"/c%zz/":          "error",
		"/c%":             "error",
	} {
		got, err := CleanAlias(raw)
		if err != nil {
			got = "error"
		}
		if got != want {
			t.Errorf("CleanAlias(%q) = %q, %v; want %q", raw, got, err, want)
		}
	}
}

func TestPaginate(t *testing.T) {
	arts := make([]*Article, 5)
	pages := Paginate("/tags/go/", arts, 2)
	if len(pages) != 3 || pages[0].URL != "/tags/go/" || pages[1].URL != "/tags/go/page/2/" || pages[2].Next != "" ||
		pages[1].Prev != "/tags/go/" || len(pages[2].Articles) != 1 || pages[2].Total != 3 {
		t.Fatalf("pages = %+v %+v %+v", pages[0], pages[1], pages[2])
	}
	if got := Paginate("/x/", nil, 2); len(got) != 1 || len(got[0].Articles) != 0 {
		t.Fatalf("empty list = %+v", got)
	}
}

func TestTermsWithoutASlugAreWarned(t *testing.T) {
	a := article("articles/a.md", content.Meta{Title: "A", Date: day(-1), Tags: []string{"日本語", "Go", "!!!", "Go 日本語"}, Category: "???"})
	a.Pos["tags"] = diag.Pos{Path: a.File, Line: 4, Col: 1}
	a.Pos[content.TagKey(2)] = diag.Pos{Path: a.File, Line: 4, Col: 19} // "!!!"
	a.Pos["category"] = diag.Pos{Path: a.File, Line: 5, Col: 11}
	s, list := assemble(t, &content.Content{Articles: []*content.Page{a}}, Options{})
	var got []string
	for _, w := range list.Warnings() {
		got = append(got, w.Error())
	}
	const fix = " has no letter or digit for its URL, so the article is shown without it: give it a name with letters or digits"
	want := []string{
		`site/articles/a.md:4:19: warning: tag "!!!"` + fix,
		`site/articles/a.md:5:11: warning: category "???"` + fix,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var tags []string
	for _, term := range s.Articles[0].Tags {
		tags = append(tags, term.Slug+" "+term.URL)
	}
	wantTags := "日本語 /tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/, go /tags/go/, go-日本語 /tags/go-%E6%97%A5%E6%9C%AC%E8%AA%9E/"
	if strings.Join(tags, ", ") != wantTags || s.Articles[0].Category != nil || len(s.Tags) != 3 {
		t.Errorf("tags %s, category %v; want %s", strings.Join(tags, ", "), s.Articles[0].Category, wantTags)
	}
}

func TestSeriesReadOldestFirst(t *testing.T) {
	c := &content.Content{
		Authors: []*content.Page{author("ann", "Ann")},
		Articles: []*content.Page{
			article("articles/b.md", content.Meta{Title: "B", Date: day(-2), Author: "ann", Series: "Hired"}),
			article("articles/a.md", content.Meta{Title: "A", Date: day(-9), Author: "ann", Series: "hired"}),
			article("articles/c.md", content.Meta{Title: "C", Date: day(-1), Author: "ann", Series: "Hired"}),
			article("articles/x.md", content.Meta{Title: "X", Date: day(-3), Author: "ann", Series: "???"}),
		},
	}
	c.Articles[3].Pos["series"] = diag.Pos{Path: "site/articles/x.md", Line: 5, Col: 9}
	s, list := assemble(t, c, Options{})
	if len(s.Series) != 1 || s.Series[0].URL != "/series/hired/" || s.Series[0].Taxonomy != "series" {
		t.Fatalf("series = %+v", s.Series)
	}
	if got := urls(s.Series[0].InOrder()); got != "/articles/a/ /articles/b/ /articles/c/" {
		t.Errorf("parts in order: %s", got)
	}
	if got := urls(s.Series[0].Articles); got != "/articles/c/ /articles/b/ /articles/a/" {
		t.Errorf("the series' list, newest first: %s", got)
	}
	if w := list.Warnings(); len(w) != 1 || !strings.HasPrefix(w[0].Error(), `site/articles/x.md:5:9: warning: series "???" has no letter or digit`) {
		t.Errorf("warnings: %v", w)
	}
}

// TestSeriesOfOneDayReadsInTitleOrder: parts published on one day read in
// title order, as lists order them, not backwards ("Part 1" was "Part 3
// of 3").
func TestSeriesOfOneDayReadsInTitleOrder(t *testing.T) {
	c := &content.Content{Articles: []*content.Page{
		article("articles/p3.md", content.Meta{Title: "Part 3", Date: day(-1), Series: "S"}),
		article("articles/p1.md", content.Meta{Title: "Part 1", Date: day(-1), Series: "S"}),
		article("articles/p0.md", content.Meta{Title: "Prologue", Date: day(-5), Series: "S"}),
		article("articles/p2.md", content.Meta{Title: "Part 2", Date: day(-1), Series: "S"}),
	}}
	s, _ := assemble(t, c, Options{})
	if got, want := urls(s.Series[0].InOrder()), "/articles/p0/ /articles/p1/ /articles/p2/ /articles/p3/"; got != want {
		t.Errorf("parts in order: %s, want %s", got, want)
	}
}

// TestBrokenAuthorFileIsNotUnknown: an author whose file failed is
// reported at the file only; articles naming it are not told to create the
// file that exists. A default_author that is no author is reported once,
// not once for every article without an author.
func TestBrokenAuthorFileIsNotUnknown(t *testing.T) {
	c := &content.Content{
		Authors: []*content.Page{author("ann", "Ann")},
		Failed:  []string{"authors/bob.md"},
		Articles: []*content.Page{
			article("articles/a.md", content.Meta{Title: "A", Date: day(-1), Author: "bob"}),
			article("articles/b.md", content.Meta{Title: "B", Date: day(-2)}),
			article("articles/c.md", content.Meta{Title: "C", Date: day(-3)}),
			article("articles/d.md", content.Meta{Title: "D", Date: day(-4), Author: "ann", ReviewedBy: "bob"}),
		},
	}
	cfg := config.Default()
	cfg.DefaultAuthor = "zed"
	var list diag.List
	Assemble(cfg, c, Options{Now: now}, &list)
	want := `site/config.yaml: default_author "zed" is not an author: create site/authors/zed.md or use one of: ann`
	if err := list.Err(); err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestURLsOfBuiltInPages: a page or alias on the URL of a page Byline
// makes is told to move itself: the built-in page has no file, no
// position and no slug to change.
func TestURLsOfBuiltInPages(t *testing.T) {
	page := &content.Page{Kind: content.Standalone, Path: "pages/search.md", File: "site/pages/search.md", Slug: "search",
		Meta: content.Meta{Title: "Search"}, Pos: map[string]diag.Pos{}}
	a := article("articles/a.md", content.Meta{Title: "A", Date: day(-1), Aliases: []string{"/tags/"}})
	a.Pos["aliases"] = diag.Pos{Path: a.File, Line: 5, Col: 10}
	_, list := assemble(t, &content.Content{Articles: []*content.Page{a}, Pages: []*content.Page{page}}, Options{})
	want := []string{
		`site/articles/a.md:5:10: alias in site/articles/a.md has URL /tags/, which a page that Byline makes (a list, or the search page) already has: remove the alias`,
		`site/pages/search.md:1:1: page site/pages/search.md has URL /search/, which a page that Byline makes (a list, or the search page) already has: give the page another slug`,
	}
	if got := list.Err().Error(); got != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

// TestAliasesThatDifferInCase: /old/ and /Old/ are two files on Linux but
// one on macOS and Windows, where one redirect overwrote the other.
func TestAliasesThatDifferInCase(t *testing.T) {
	a := article("articles/a.md", content.Meta{Title: "A", Date: day(-1), Aliases: []string{"/old/", "/Tags/"}})
	b := article("articles/b.md", content.Meta{Title: "B", Date: day(-2), Aliases: []string{"/Old/", "/Articles/A/"}})
	for i, p := range []*content.Page{a, a, b, b} {
		p.Pos[content.AliasKey(i%2)] = diag.Pos{Path: p.File, Line: 5 + i%2, Col: 5}
	}
	_, list := assemble(t, &content.Content{Articles: []*content.Page{a, b}}, Options{})
	want := []string{
		`site/articles/a.md:6:5: alias in site/articles/a.md has URL /Tags/, which differs only in case from /tags/, the URL of a page that Byline makes (a list, or the search page): on macOS and Windows they are one file, and one page would overwrite the other: remove the alias, or write it as /tags/`,
		`site/articles/b.md:5:5: alias in site/articles/b.md has URL /Old/, which differs only in case from /old/, the URL of alias in site/articles/a.md at site/articles/a.md:5:5: on macOS and Windows they are one file, and one page would overwrite the other: remove the alias, or write it as /old/`,
		`site/articles/b.md:6:5: alias in site/articles/b.md has URL /Articles/A/, which differs only in case from /articles/a/, the URL of article site/articles/a.md at site/articles/a.md:1:1: on macOS and Windows they are one file, and one page would overwrite the other: remove the alias, or write it as /articles/a/`,
	}
	if got := list.Err().Error(); got != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}
