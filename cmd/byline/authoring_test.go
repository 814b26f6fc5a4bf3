package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// runAt runs the app in process with its clock set to now.
func runAt(t *testing.T, now time.Time, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	app := &App{Stdout: &out, Stderr: &errb, Now: func() time.Time { return now }}
	code := app.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

func TestInitForceKeepsFiles(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "site", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(cfg), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte("title: Mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := run(t, "init", dir, "--force")
	if code != 0 || !strings.Contains(errs, "kept "+filepath.ToSlash(cfg)) {
		t.Fatalf("init --force: exit %d, %q", code, errs)
	}
	if data, _ := os.ReadFile(cfg); string(data) != "title: Mine\n" {
		t.Errorf("config.yaml was overwritten: %q", data)
	}
	if _, err := os.Stat(filepath.Join(dir, "site/pages/about.md")); err != nil {
		t.Error(err)
	}
	// Again, when every file is there: it said "created a new site".
	code, out, _ := run(t, "init", dir, "--force")
	if want := filepath.ToSlash(dir) + " already holds every starter file: nothing was created\n"; code != 0 || out != want {
		t.Errorf("init --force again: exit %d, %q, want %q", code, out, want)
	}
}

func TestNewArticle(t *testing.T) {
	project(t)
	now := time.Date(2025, 3, 2, 3, 0, 0, 0, time.UTC) // still March 1 in the site's New York
	code, out, errs := runAt(t, now, "new", "article", `Why "Soft" Skills: C# & More`, "--section", "guides", "--author", "aisha-rahman")
	const path = "site/articles/guides/why-soft-skills-c-sharp-more.md"
	if code != 0 || out != path+"\n" {
		t.Fatalf("new: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"title: \"Why \\\"Soft\\\" Skills: C# & More\"\n", "date: 2025-03-01\n", "author: \"aisha-rahman\"\n",
		"draft: true\n", "tags: []\n", "description: \"\"\n", "\n## "} {
		if !strings.Contains(string(data), want) {
			t.Errorf("new article lacks %q:\n%s", want, data)
		}
	}
	// The draft builds, and only with --drafts.
	if code, _, errs := run(t, "build", "--drafts", "--out", "preview"); code != 0 {
		t.Fatalf("build --drafts: %s", errs)
	}
	if _, err := os.Stat("preview/articles/why-soft-skills-c-sharp-more/index.html"); err != nil {
		t.Error(err)
	}
	// Same title again: refused, file unchanged.
	if err := os.WriteFile(path, []byte("edited by hand\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runAt(t, now, "new", "article", `Why "Soft" Skills: C# & More`, "--section", "guides")
	if code != 1 || !strings.Contains(errs, path+" already exists") {
		t.Errorf("second new: exit %d, %q", code, errs)
	}
	if data, _ := os.ReadFile(path); string(data) != "edited by hand\n" {
		t.Errorf("file changed: %q", data)
	}
}

// TestNewBundle: --bundle writes SLUG/index.md, whose images beside it
// are published with the page; the same title as a file is then refused,
// since both would have one URL.
func TestNewBundle(t *testing.T) {
	project(t)
	code, out, errs := run(t, "new", "article", "Reading an Offer Letter", "--bundle", "--author", "aisha-rahman")
	const path = "site/articles/reading-an-offer-letter/index.md"
	if code != 0 || out != path+"\n" {
		t.Fatalf("new --bundle: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"></svg>`
	if err := os.WriteFile("site/articles/reading-an-offer-letter/pay-bands.svg", []byte(svg), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteString("\n![Pay bands](pay-bands.svg)\n")
	if err := errors.Join(err, f.Close()); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, "build", "--drafts", "--out", "preview"); code != 0 {
		t.Fatalf("build --drafts: %s", errs)
	}
	page, err := os.ReadFile("preview/articles/reading-an-offer-letter/index.html")
	if err != nil {
		t.Fatal(err)
	}
	if want := `<img src="pay-bands.svg" alt="Pay bands" width="64" height="32"`; !strings.Contains(string(page), want) {
		t.Errorf("page lacks %s", want)
	}
	if data, err := os.ReadFile("preview/articles/reading-an-offer-letter/pay-bands.svg"); string(data) != svg {
		t.Errorf("pay-bands.svg published as %q, %v", data, err)
	}
	code, _, errs = run(t, "new", "article", "Reading an Offer Letter")
	if code != 1 || !strings.Contains(errs, path+" already exists") {
		t.Errorf("the same title as a file: exit %d, %q", code, errs)
	}
	if _, err := os.Stat("site/articles/reading-an-offer-letter.md"); err == nil {
		t.Error("a file was written beside the bundle of the same slug")
	}
}

func TestNewArticleErrors(t *testing.T) {
	project(t)
	had, _ := os.ReadDir("site/articles")
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"new", "article", "X", "--author", "nobody"}, 1, `unknown author "nobody"; known authors: aisha-rahman, daniel-reyes, lena-hoffmann, marcus-bell, maya-okafor`},
		{[]string{"new", "article", "X", "--section", "Bad Name"}, 1, `section "Bad Name" is not a valid folder name`},
		{[]string{"new", "article"}, 2, `byline new article "Title"`},
		{[]string{"new", "chapter", "X"}, 2, `byline new article "Title"`},
		{[]string{"new", "article", "X", "--site", "nope"}, 1, "site folder nope not found"},
	}
	for _, tt := range tests {
		code, _, errs := run(t, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("byline %v: exit %d, %q; want %d with %q", tt.args, code, errs, tt.code, tt.want)
		}
	}
	if entries, _ := os.ReadDir("site/articles"); len(entries) != len(had) {
		t.Errorf("site/articles has %d entries, want the %d it had", len(entries), len(had))
	}
}

// TestNewURLClash: a new article whose URL another page already has (by
// default an article's URL leaves its section out) is taken back, with the
// folders made for it, and the error names both files; --slug names it
// otherwise, and names the file of a title in another script.
func TestNewURLClash(t *testing.T) {
	project(t)
	before := snapshot(t, "site")
	entries, err := os.ReadDir("site/articles/roles")
	entries = slices.DeleteFunc(entries, func(e os.DirEntry) bool { return e.Name() == "_index.md" })
	if err != nil || len(entries) == 0 {
		t.Fatal(entries, err)
	}
	taken := strings.TrimSuffix(entries[0].Name(), ".md")
	code, out, errs := run(t, "new", "article", taken, "--section", "new-section", "--bundle", "--author", "aisha-rahman")
	wantFile := "site/articles/new-section/" + taken + "/index.md"
	if code != 1 || out != "" || !strings.Contains(errs, "has URL /articles/"+taken+"/") || !strings.Contains(errs, wantFile) ||
		!strings.Contains(errs, "site/articles/roles/"+entries[0].Name()) || !strings.Contains(errs, "nothing was created") {
		t.Fatalf("new: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if _, err := os.Stat("site/articles/new-section"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the section folder made for the draft is left: %v", err)
	}
	if after := snapshot(t, "site"); len(after) != len(before) {
		t.Errorf("site has %d files, had %d", len(after), len(before))
	}
	code, out, errs = run(t, "new", "article", "エンジニアになる方法", "--author", "aisha-rahman")
	if code != 1 || out != "" || !strings.Contains(errs, "--slug") {
		t.Errorf("a title without Latin letters: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, errs = run(t, "new", "article", "エンジニアになる方法", "--slug", "becoming-an-engineer", "--author", "aisha-rahman")
	if code != 0 || out != "site/articles/becoming-an-engineer.md\n" {
		t.Fatalf("--slug: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, _, errs = run(t, "new", "article", "Fine", "--slug", "Not A Slug", "--author", "aisha-rahman")
	if code != 1 || !strings.Contains(errs, `slug "Not A Slug" is not valid: use lower-case letters, digits and single hyphens, like "not-a-slug"`) {
		t.Errorf("a bad --slug: exit %d, %q", code, errs)
	}
}

// TestInitNextStep: the command init suggests can be pasted into a shell,
// whatever the folder's name.
func TestInitNextStep(t *testing.T) {
	t.Chdir(t.TempDir())
	for dir, want := range map[string]string{
		"blog":       "cd blog && byline build",
		"my blog":    "cd 'my blog' && byline build",
		"-draft":     "cd ./-draft && byline build",
		"Sam's blog": `cd 'Sam'\''s blog' && byline build`,
	} {
		code, out, errs := run(t, "init", "--", dir)
		if code != 0 || !strings.Contains(out, "\nnext: "+want+"\n") {
			t.Errorf("init %q: exit %d, stdout %q, stderr %q; want next: %s", dir, code, out, errs, want)
		}
	}
}

// TestNewArticleBuildsWithoutAbout: the new draft's skeleton shows how to
// link to a page by its file as code, not as a link: a live link to
// /pages/about.md broke serve and build --drafts in a site without it.
func TestNewArticleBuildsWithoutAbout(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "p")
	if code, _, errs := run(t, "init", dir); code != 0 {
		t.Fatalf("init: %d %s", code, errs)
	}
	t.Chdir(dir)
	for _, gone := range []string{"site/pages", "site/articles"} { // a site that has none yet
		if err := os.RemoveAll(gone); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile("site/config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.Split(string(cfg), "\n") {
		if !strings.Contains(line, "/about/") && !strings.Contains(line, "/editorial-standards/") {
			kept = append(kept, line)
		}
	}
	if err := os.WriteFile("site/config.yaml", []byte(strings.Join(kept, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "new", "article", "Salary Negotiation 101")
	if code != 0 {
		t.Fatalf("new: %d %s", code, errs)
	}
	// The starter project's archetype gave it its category and headings.
	if data, _ := os.ReadFile(strings.TrimSpace(out)); !strings.Contains(string(data), "\ncategory: Hiring\n") || !strings.Contains(string(data), "\n## The short answer\n") {
		t.Errorf("the new article is not made from the starter archetype:\n%s", data)
	}
	if code, _, errs := run(t, "build", "--drafts", "--out", t.TempDir()); code != 0 {
		t.Errorf("build --drafts after new: exit %d\n%s", code, errs)
	}
}

// TestNewArticleFromArchetype: a site's archetypes/article.md gives a new
// article the rest of its front matter and its body, below the keys byline
// new writes; archetypes/<section>.md does for that section; the draft
// builds. An archetype that sets a key byline new writes, or whose value
// the article cannot have, is an error at its line in the archetype, and
// nothing is created.
func TestNewArticleFromArchetype(t *testing.T) {
	project(t)
	now := time.Date(2025, 3, 2, 12, 0, 0, 0, time.UTC)
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site/archetypes/article.md", "---\ncategory: Roles\ntags: [Careers]\n---\n\n## What the job is\n\nWrite it here.\n")
	write("site/archetypes/guides.md", "---\r\ndescription: \"A step-by-step guide: what to learn, in what order, and how long it takes.\"\r\ncareer:\r\n  currency: USD\r\n---\r\n\r\n## Step 1\r\n")
	code, out, errs := runAt(t, now, "new", "article", "What a QA engineer does", "--author", "aisha-rahman")
	if code != 0 {
		t.Fatalf("new: exit %d, %q", code, errs)
	}
	data, _ := os.ReadFile(strings.TrimSpace(out))
	want := "---\ntitle: \"What a QA engineer does\"\n# A summary for search results and link previews, 50–160 characters.\ndescription: \"\"\n" +
		"date: 2025-03-02\nauthor: \"aisha-rahman\"\ndraft: true\ncategory: Roles\ntags: [Careers]\n---\n\n## What the job is\n\nWrite it here.\n"
	if string(data) != want {
		t.Errorf("from archetypes/article.md:\n%s\nwant\n%s", data, want)
	}
	code, out, errs = runAt(t, now, "new", "article", "How to become a tester", "--section", "guides", "--author", "aisha-rahman")
	if code != 0 {
		t.Fatalf("new --section guides: exit %d, %q", code, errs)
	}
	data, _ = os.ReadFile(strings.TrimSpace(out))
	for _, w := range []string{"description: \"A step-by-step guide", "career:\n  currency: USD\n", "tags: []\n", "\n## Step 1\n"} {
		if !strings.Contains(string(data), w) {
			t.Errorf("from archetypes/guides.md, the article lacks %q:\n%s", w, data)
		}
	}
	if strings.Count(string(data), "description:") != 1 || strings.Contains(string(data), "\r") {
		t.Errorf("from archetypes/guides.md:\n%q", data)
	}
	if code, _, errs := run(t, "build", "--drafts", "--out", "preview"); code != 0 {
		t.Fatalf("build --drafts: %s", errs)
	}

	before := snapshot(t, "site")
	for _, tc := range []struct{ archetype, want string }{
		{"---\ncategory: Roles\ndraft: false\n---\n", "site/archetypes/article.md:3:1: byline new writes draft from its arguments"},
		{"---\ncategory: [Roles, Guides]\n---\n", "site/archetypes/article.md:2:11: "},
		{"---\ncategory: Roles\n  bad: indent\n---\n", "site/archetypes/article.md:2:11: mapping value is not allowed"},
		{"category: Roles\n", "site/archetypes/article.md:1:1: an archetype begins with YAML front matter"},
	} {
		write("site/archetypes/article.md", tc.archetype)
		code, out, errs := runAt(t, now, "new", "article", "Another article", "--author", "aisha-rahman")
		if code != 1 || out != "" || !strings.Contains(errs, tc.want) {
			t.Errorf("archetype %q: exit %d, stdout %q, stderr %q; want %q", tc.archetype, code, out, errs, tc.want)
		}
	}
	if after := snapshot(t, "site"); len(after) != len(before) {
		t.Errorf("site has %d files, had %d: a refused article was left", len(after), len(before))
	}
}

// TestNewPageAndAuthor: byline new page writes a draft standalone page at
// its URL's name, byline new author an author file an article can then
// name; the same name again, or a page whose URL a list has, is refused
// and nothing is left.
func TestNewPageAndAuthor(t *testing.T) {
	project(t)
	code, out, errs := run(t, "new", "page", "Write for us")
	if code != 0 || out != "site/pages/write-for-us.md\n" {
		t.Fatalf("new page: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, errs = run(t, "new", "author", "Priya Nair", "--role", `Staff Writer, "Careers"`)
	if code != 0 || out != "site/authors/priya-nair.md\n" {
		t.Fatalf("new author: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	data, _ := os.ReadFile("site/authors/priya-nair.md")
	for _, want := range []string{"name: \"Priya Nair\"\n", "role: \"Staff Writer, \\\"Careers\\\"\"\n", "links: []\n"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the author lacks %q:\n%s", want, data)
		}
	}
	if code, out, errs := run(t, "new", "article", "A first article", "--author", "priya-nair"); code != 0 {
		t.Fatalf("new article by the new author: exit %d, %q %q", code, out, errs)
	}
	if code, _, errs := run(t, "build", "--drafts", "--out", "preview"); code != 0 {
		t.Fatalf("build --drafts: %s", errs)
	}
	for _, page := range []string{"preview/write-for-us/index.html", "preview/authors/priya-nair/index.html"} {
		if _, err := os.Stat(page); err != nil {
			t.Error(err)
		}
	}
	if page, _ := os.ReadFile("preview/authors/priya-nair/index.html"); !strings.Contains(string(page), "Staff Writer, &#34;Careers&#34;") {
		t.Error("the author's page does not show the role")
	}

	before := snapshot(t, "site")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"new", "author", "Priya Nair"}, "site/authors/priya-nair.md already exists"},
		{[]string{"new", "page", "Write for us"}, "site/pages/write-for-us.md already exists"},
		{[]string{"new", "page", "Our articles", "--slug", "articles"}, "nothing was created"},
		{[]string{"new", "page", "お問い合わせ"}, "--slug, as in --slug contact-us"},
		{[]string{"new", "author", "李明"}, "--key, as in --key ann-lee"},
		{[]string{"new", "page"}, `byline new page "Title"`},
	} {
		code, out, errs := run(t, tc.args...)
		if code == 0 || out != "" || !strings.Contains(errs, tc.want) {
			t.Errorf("byline %q: exit %d, stdout %q, stderr %q; want %q", tc.args, code, out, errs, tc.want)
		}
	}
	if after := snapshot(t, "site"); len(after) != len(before) {
		t.Errorf("site has %d files, had %d: a refused file was left", len(after), len(before))
	}
}
