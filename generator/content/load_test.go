package content

import (
	"context"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/byline/byline/generator/diag"
)

func article(title string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: 2024-01-01\n---\n\nText.\n")}
}

func paths(pages []*Page) []string {
	var out []string
	for _, p := range pages {
		out = append(out, p.Path)
	}
	return out
}

func messages(list *diag.List) []string {
	var out []string
	for _, d := range list.All() {
		out = append(out, d.Error())
	}
	return out
}

func testSite() fstest.MapFS {
	return fstest.MapFS{
		"config.yaml":                     {Data: []byte("title: x\n")},
		"articles/b.md":                   article("B"),
		"articles/a.md":                   article("A"),
		"articles/guides/c.md":            article("C"),
		"articles/guides/deep/d.md":       article("D"),
		"articles/notes.txt":              {Data: []byte("ignored")},
		"articles/.hidden.md":             article("H"),
		"articles/.git/x.md":              article("G"),
		"articles/a.md.swp":               {Data: []byte("x")},
		"articles/a.md~":                  {Data: []byte("x")},
		"articles/.#a.md":                 {Data: []byte("x")},
		"articles/a.md___jb_tmp___":       {Data: []byte("x")},
		"articles/4913":                   {Data: []byte("x")},
		"pages/about.md":                  {Data: []byte("---\ntitle: About\n---\nHi.\n")},
		"pages/sub/ignored.md":            article("I"),
		"authors/maya.md":                 {Data: []byte("---\nname: Maya\n---\n")},
		"layouts/x.md":                    article("L"),
		"README.md":                       article("R"),
		"static/images/logo.svg":          {Data: []byte("<svg/>")},
		"static/.well-known/security.txt": {Data: []byte("x")},
		"static/.DS_Store":                {Data: []byte("x")},
	}
}

func TestLoad(t *testing.T) {
	var list diag.List
	c := Load(context.Background(), testSite(), Options{Root: "site", Config: testConfig(t)}, &list)
	if msgs := messages(&list); len(msgs) > 0 {
		t.Fatal(msgs)
	}
	want := []string{"articles/a.md", "articles/b.md", "articles/guides/c.md", "articles/guides/deep/d.md"}
	if got := paths(c.Articles); !slices.Equal(got, want) {
		t.Errorf("articles = %q, want %q", got, want)
	}
	if c.Articles[2].Section != "guides" || c.Articles[3].Section != "guides" || c.Articles[0].Section != "" {
		t.Errorf("sections: %q %q %q", c.Articles[0].Section, c.Articles[2].Section, c.Articles[3].Section)
	}
	if c.Articles[0].File != "site/articles/a.md" {
		t.Errorf("File = %q", c.Articles[0].File)
	}
	if got := paths(c.Pages); !slices.Equal(got, []string{"pages/about.md"}) {
		t.Errorf("pages = %q", got)
	}
	if len(c.Authors) != 1 || c.Authors[0].Slug != "maya" {
		t.Errorf("authors = %q", paths(c.Authors))
	}
	if want := []string{"static/.well-known/security.txt", "static/images/logo.svg"}; !slices.Equal(c.Static, want) {
		t.Errorf("static = %q, want %q", c.Static, want)
	}
}

// TestLoadBundles: a folder under articles/ or pages/ that holds an
// index.md is one page, whose other files are its resources.
func TestLoadBundles(t *testing.T) {
	site := fstest.MapFS{
		"articles/top/index.md":               article("Top"),
		"articles/top/chart.png":              {Data: []byte("png")},
		"articles/top/img/a-b.png":            {Data: []byte("png")},
		"articles/top/img/a/c.png":            {Data: []byte("png")},
		"articles/top/.DS_Store":              {Data: []byte("x")},
		"articles/top/notes.md~":              {Data: []byte("x")},
		"articles/top/draft-notes.md":         article("Notes"),
		"articles/top/inner/index.md":         article("Inner"),
		"articles/guides/resume/index.md":     article("Resume"),
		"articles/guides/resume/template.pdf": {Data: []byte("pdf")},
		"articles/guides/plain.md":            article("Plain"),
		"articles/guides/stray.png":           {Data: []byte("ignored: no bundle")},
		"articles/guides/deep/er/index.md":    article("Deeper"),
		"articles/Not A Slug/index.md":        article("Bad folder"),
		"articles/Fine Name/index.md":         {Data: []byte("---\ntitle: F\ndate: 2024-01-01\nslug: fine\n---\n")},
		"pages/team/index.md":                 {Data: []byte("---\ntitle: Team\n---\n![us](us.jpg)\n")},
		"pages/team/us.jpg":                   {Data: []byte("jpg")},
		"pages/other/ignored.md":              article("I"),
		"authors/maya/index.md":               {Data: []byte("---\nname: Maya\n---\n")},
		"static/articles/top/index.md":        {Data: []byte("a static file")},
	}
	var list diag.List
	c := Load(context.Background(), site, Options{Root: "site", Config: testConfig(t)}, &list)
	wantErrs := []string{
		`site/articles/Not A Slug/index.md:1:1: folder name "Not A Slug" is not a valid slug: rename the folder to "not-a-slug" or set slug: not-a-slug`,
		"site/articles/top/draft-notes.md: this Markdown file is inside site/articles/top/, which holds an index.md and so is that page's folder (a bundle): move the file out of the folder to make it a page of its own, or rename it if it is an attachment",
		"site/articles/top/inner/index.md: this Markdown file is inside site/articles/top/, which holds an index.md and so is that page's folder (a bundle): move the file out of the folder to make it a page of its own, or rename it if it is an attachment",
		// An author is one file: a folder's index.md is no author.
		`site/authors/maya/index.md:1:1: Byline reads the author maya (its "name", "role", "bio" and body) from the file site/authors/maya.md, not from a folder: move this file there`,
	}
	if got := messages(&list); !slices.Equal(got, wantErrs) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantErrs, "\n"))
	}
	type art struct{ path, section, slug string }
	var got []art
	for _, a := range c.Articles {
		if !a.Bundle && a.Path != "articles/guides/plain.md" {
			t.Errorf("%s is not a bundle", a.Path)
		}
		got = append(got, art{a.Path, a.Section, a.Slug})
	}
	want := []art{
		{"articles/Fine Name/index.md", "", "fine"},
		{"articles/guides/deep/er/index.md", "guides", "er"},
		{"articles/guides/plain.md", "guides", "plain"},
		{"articles/guides/resume/index.md", "guides", "resume"},
		{"articles/top/index.md", "", "top"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("articles =\n%v\nwant\n%v", got, want)
	}
	if len(c.Pages) != 1 || c.Pages[0].Slug != "team" || !c.Pages[0].Bundle || c.Pages[0].Images[0] != "pages/team/us.jpg" {
		t.Errorf("pages = %+v", c.Pages)
	}
	if len(c.Authors) != 0 {
		t.Errorf("authors have no bundles: %q", paths(c.Authors))
	}
	wantRes := map[string][]string{
		"articles/top/index.md":           {"articles/top/chart.png", "articles/top/img/a-b.png", "articles/top/img/a/c.png"},
		"articles/guides/resume/index.md": {"articles/guides/resume/template.pdf"},
		"pages/team/index.md":             {"pages/team/us.jpg"},
	}
	if !maps.EqualFunc(c.Resources, wantRes, slices.Equal) {
		t.Errorf("resources = %q\nwant %q", c.Resources, wantRes)
	}
}

func TestLoadReportsEveryBrokenFile(t *testing.T) {
	site := testSite()
	site["articles/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: B\ndate: 2024-02-31\n---\n")}
	site["articles/guides/c.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"C\"\n")}
	site["articles/Bad Section/e.md"] = article("E")
	var list diag.List
	c := Load(context.Background(), site, Options{Root: "site", Config: testConfig(t)}, &list)
	want := []string{
		`site/articles/Bad Section: section folder "Bad Section" is not a valid slug: rename it to "bad-section"; its articles are skipped`,
		`site/articles/b.md:3:7: cannot parse date "2024-02-31": day out of range; write dates as 2006-01-02, 2006-01-02T15:04:05, or with an offset as 2006-01-02T15:04:05+01:00`,
		"site/articles/guides/c.md:1:1: front matter is not closed: add a line +++ after it",
	}
	if got := messages(&list); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := paths(c.Articles); !slices.Equal(got, []string{"articles/a.md", "articles/guides/deep/d.md"}) {
		t.Errorf("articles = %q", got)
	}
}

func TestLoadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var list diag.List
	Load(ctx, testSite(), Options{Root: "site"}, &list)
	if list.Err() == nil {
		t.Error("a cancelled Load must report an error")
	}
}

func TestLoadExampleSite(t *testing.T) {
	var list diag.List
	c := Load(context.Background(), os.DirFS("../../site"), Options{Root: "site", Config: testConfig(t)}, &list)
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	if len(c.Articles) == 0 || len(c.Authors) == 0 || len(c.Pages) == 0 {
		t.Errorf("example site: %d articles, %d pages, %d authors", len(c.Articles), len(c.Pages), len(c.Authors))
	}
}

func TestCache(t *testing.T) {
	site := testSite()
	site["articles/broken.md"] = &fstest.MapFile{Data: []byte("---\ntitle: X\n---\n")}
	cache := NewCache()
	opts := Options{Root: "site", Config: testConfig(t), Cache: cache}
	load := func() (*Content, []string) {
		var list diag.List
		c := Load(context.Background(), site, opts, &list)
		return c, messages(&list)
	}
	first, msgs1 := load()
	if n := cache.parses.Load(); n != 7 {
		t.Fatalf("first load parsed %d files, want 7", n)
	}
	site["articles/b.md"] = article("B changed")
	delete(site, "articles/guides/c.md")
	second, msgs2 := load()
	if n := cache.parses.Load(); n != 8 {
		t.Errorf("second load parsed %d files in all, want 8 (one changed file)", n)
	}
	if !slices.Equal(msgs1, msgs2) || len(msgs2) != 1 {
		t.Errorf("unchanged broken file must report again: %q then %q", msgs1, msgs2)
	}
	if first.Articles[0] != second.Articles[0] {
		t.Error("unchanged a.md was not reused")
	}
	if second.Articles[1].Meta.Title != "B changed" {
		t.Errorf("b.md = %q", second.Articles[1].Meta.Title)
	}
	if _, ok := cache.entries["articles/guides/c.md"]; ok {
		t.Error("entry of a deleted file kept")
	}
	// A change of time zone parses everything again.
	cfg := *opts.Config
	cfg.TimeZone, cfg.Location = "UTC", time.UTC
	opts.Config = &cfg
	third, _ := load()
	if n := cache.parses.Load(); n != 8+6 {
		t.Errorf("after a config change parsed %d in all, want 14", n)
	}
	if third.Articles[0] == second.Articles[0] || third.Articles[0].Meta.Date.Location() != time.UTC {
		t.Error("a.md not parsed again in the new time zone")
	}
}

// TestLoadRefs checks that links and headings are kept only when asked
// for: check needs them, a build would only hold them in memory.
func TestLoadRefs(t *testing.T) {
	fsys := fstest.MapFS{"articles/a.md": {Data: []byte("---\ntitle: A\ndate: 2024-01-01\n---\n\n## Start\n\nSee [b](/articles/b/).\n")}}
	for _, refs := range []bool{false, true} {
		var list diag.List
		c := Load(context.Background(), fsys, Options{Root: "site", Refs: refs}, &list)
		if len(c.Articles) != 1 {
			t.Fatalf("Refs %t: %d articles, errors %v", refs, len(c.Articles), messages(&list))
		}
		r := c.Articles[0].Refs
		if got := len(r.Links) + len(r.Headings); refs && got != 2 || !refs && got != 0 {
			t.Errorf("Refs %t: %d links and %d headings kept", refs, len(r.Links), len(r.Headings))
		}
	}
}
