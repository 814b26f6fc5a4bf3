package content

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/byline/byline/generator/diag"
)

// TestHugoKeys checks that the front-matter keys of a Hugo site that
// Byline names otherwise are reported with the key to write instead.
func TestHugoKeys(t *testing.T) {
	for _, tt := range []struct {
		name, path, src string
		want            []string
	}{
		{"dates", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\nlastmod: 2024-02-01\nexpiryDate: 2030-01-01\npublishDate: 2024-01-01\n---\n", []string{
			`site/articles/x.md:4:1: warning: unknown key "lastmod": Byline calls the date of the last update "updated": rename the key`,
			`site/articles/x.md:5:1: warning: unknown key "expiryDate": Byline calls the date an article is taken down "expires": rename the key`,
			`site/articles/x.md:6:1: warning: unknown key "publishDate": Byline publishes an article at its "date" (one dated in the future waits for it): put this date in "date" and remove the key`,
		}},
		{"summary and link title", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\nsummary: S\nlinkTitle: L\nkeywords: [a]\n---\n", []string{
			`site/articles/x.md:4:1: warning: unknown key "summary": Byline calls the summary "description" (also the meta description; without one, the text before <!--more-->, else the first paragraph): rename the key`,
			`site/articles/x.md:5:1: warning: unknown key "linkTitle": Byline has no shorter title for an article's or a page's links: cards, menus and breadcrumbs show "title"; remove the key`,
			`site/articles/x.md:6:1: warning: unknown key "keywords": Byline writes no meta keywords: make them "tags" if readers should browse by them, else remove the key`,
		}},
		{"categories in TOML", "articles/x.md", "+++\ntitle = \"T\"\ndate = 2024-01-01\ncategories = [\"Careers\", \"Go\"]\nimages = [\"/i/a.png\"]\n+++\n", []string{
			`site/articles/x.md:4:1: warning: unknown key "categories": an article has one "category": write category: Careers, and make the others tags`,
			`site/articles/x.md:5:1: warning: unknown key "images": the social card and hero image is "image", one path, described by "image_alt": write image: /i/a.png and image_alt: (what it shows)`,
		}},
		{"weight of an article", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\nweight: 3\n---\n", []string{
			`site/articles/x.md:4:1: warning: key "weight" is not used by articles: articles are listed newest first, and "featured: true" shows one large on the home page: remove the key`,
		}},
		{"link title of a list", "articles/roles/_index.md", "---\ntitle: Tech roles explained\nlinkTitle: Roles\n---\n", []string{
			`site/articles/roles/_index.md:3:1: warning: unknown key "linkTitle": Byline calls a list's short name "link_title": rename the key`,
		}},
		{"one category", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\ncategories: [Careers]\n---\n", []string{
			`site/articles/x.md:4:1: warning: unknown key "categories": an article has one "category": write category: Careers`,
		}},
		{"url of an article", "articles/x.md", "---\ntitle: T\ndate: 2024-01-01\nurl: /x/\n---\n", []string{
			`site/articles/x.md:4:1: warning: unknown key "url": Byline sets no URL page by page: an article's URL is permalinks.articles in config.yaml filled with its "slug"; list this URL under "aliases" so that it redirects there`,
		}},
		{"url and menu of a page", "pages/about.md", "---\ntitle: About\nurl: /about-us/\nmenu: main\n---\n", []string{
			`site/pages/about.md:3:1: warning: unknown key "url": Byline sets no URL page by page: a page's URL is permalinks.pages in config.yaml filled with its "slug"; list this URL under "aliases" so that it redirects there`,
			`site/pages/about.md:4:1: warning: unknown key "menu": Byline's menus are listed in config.yaml, under menus.main: add the page there and remove the key`,
		}},
		// A list's URL comes from its file: its old one becomes an alias.
		{"url of a section's text", "articles/roles/_index.md", "---\ntitle: Tech roles explained\nurl: /jobs/\n---\n", []string{
			`site/articles/roles/_index.md:3:1: warning: unknown key "url": Byline sets no URL page by page: a list's URL is fixed by where its text is (articles/roles/_index.md is /articles/roles/, tags/go.md is /tags/go/); list this URL under "aliases" so that it redirects there`,
		}},
		{"url of a term's text", "tags/go.md", "---\ntitle: Go at work\nurl: /topics/go/\n---\n", []string{
			`site/tags/go.md:3:1: warning: unknown key "url": Byline sets no URL page by page: a list's URL is fixed by where its text is (articles/roles/_index.md is /articles/roles/, tags/go.md is /tags/go/); list this URL under "aliases" so that it redirects there`,
		}},
		{"url of the articles' text", "articles/_index.md", "+++\ntitle = \"Every guide\"\nurl = \"/posts/\"\n+++\n", []string{
			`site/articles/_index.md:3:1: warning: unknown key "url": Byline sets no URL page by page: a list's URL is fixed by where its text is (articles/roles/_index.md is /articles/roles/, tags/go.md is /tags/go/); list this URL under "aliases" so that it redirects there`,
		}},
		// An author has no dates: a Hugo key there gets the plain message.
		{"lastmod of an author", "authors/ann.md", "---\nname: Ann\nlastmod: 2024-01-01\n---\n", []string{
			`site/authors/ann.md:3:1: warning: unknown key "lastmod"`,
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, msgs := parseOne(t, tt.path, tt.src)
			if got, want := strings.Join(msgs, "\n"), strings.Join(tt.want, "\n"); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			if p == nil {
				t.Error("a Hugo key failed the page; it is a warning")
			}
		})
	}
}

// TestHugoFolderTexts checks that a term's or an author's text kept the
// Hugo way, in a folder of its own, is an error that names the file Byline
// reads, rather than a folder skipped in silence.
func TestHugoFolderTexts(t *testing.T) {
	site := testSite()
	site["tags/go/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Go\n---\nAll about Go.\n")}
	site["categories/careers/index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Careers\n---\n")}
	site["authors/jane-doe/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Jane Doe\n---\n")}
	site["tags/go/logo.png"] = &fstest.MapFile{Data: []byte("x")}
	site["series/intro/notes/_index.md"] = &fstest.MapFile{Data: []byte("x")} // no list's text in any generator
	var list diag.List
	c := Load(context.Background(), site, Options{Root: "site", Config: testConfig(t)}, &list)
	want := []string{
		`site/authors/jane-doe/_index.md:1:1: Byline reads the author jane-doe (its "name", "role", "bio" and body) from the file site/authors/jane-doe.md, not from a folder: move this file there`,
		`site/categories/careers/index.md:1:1: Byline reads the text of the page /categories/careers/ from the file site/categories/careers.md, not from a folder: move this file there`,
		`site/tags/go/_index.md:1:1: Byline reads the text of the page /tags/go/ from the file site/tags/go.md, not from a folder: move this file there`,
	}
	if got := messages(&list); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(c.Indexes) != 0 {
		t.Errorf("indexes = %q, want none", paths(c.Indexes))
	}
}

// TestHugoPercentCalls checks that a shortcode called the Hugo way whose
// output is Markdown, {{% name %}}, is an error that gives the call to
// write, not text published as written; in code it stays code.
func TestHugoPercentCalls(t *testing.T) {
	src := "---\ntitle: T\ndate: 2024-01-01\n---\nIntro.\n\n{{% note %}}\nNothing here is **sponsored**.\n  {{% /note %}}\n\nA {{% badge \"new\" %}} here.\n\n```go\n{{% code %}}\n```\n\nAnd `{{% span %}}`.\n"
	const msg = "Byline calls a shortcode with {{< >}}, and renders the Markdown between a paired call's lines either way: "
	p, msgs := parseOne(t, "articles/x.md", src)
	want := []string{
		"site/articles/x.md:7:1: " + msg + "write {{< note >}}",
		"site/articles/x.md:9:3: " + msg + "write {{< /note >}}",
		"site/articles/x.md:11:3: " + msg + `write {{< badge "new" >}}`,
	}
	if got := strings.Join(msgs, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	if p != nil {
		t.Error("the page was built, with the calls as text")
	}
}

// TestHugoFolders checks that a Hugo site's content/ and assets/ folders,
// which Byline skips, are named in a warning that says where their files
// go, rather than a build with no articles and no word why.
func TestHugoFolders(t *testing.T) {
	site := fstest.MapFS{
		"config.yaml":                  {Data: []byte("title: x\n")},
		"content/posts/a.md":           article("A"),
		"content/about.md":             {Data: []byte("---\ntitle: About\n---\n")},
		"assets/scss/main.scss":        {Data: []byte("a{}")},
		"static/images/x.png":          {Data: []byte("x")},
		"layouts/partials/footer.html": {Data: []byte("x")},
	}
	var list diag.List
	Load(context.Background(), site, Options{Root: "site", Config: testConfig(t)}, &list)
	want := []string{
		"site/assets: warning: Byline reads no assets/ folder, Hugo's, and skips it: Byline has no asset pipeline: move the files pages use to static/, which is copied as it is",
		"site/content: warning: Byline reads no content/ folder, Hugo's, and skips it: move its posts to articles/ (content/posts/x.md to articles/x.md, a sub-folder being a section), standalone pages to pages/, and a term's _index.md to tags/<slug>.md",
	}
	if got := messages(&list); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
