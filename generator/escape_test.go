package generator

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const hostile = `</script><script>alert(1)</script>"'&<b>`

// TestHostileFrontMatterIsInert builds a site whose front matter is full of
// markup and script URLs, and checks every output where it appears.
func TestHostileFrontMatterIsInert(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, "site", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) } // a YAML double-quoted string
	// URLs may hold markup too; a javascript: URL is an error (see
	// TestScriptURLsAreErrors).
	u := func(n string) string { return q("https://x.example/" + n + hostile) }
	write("config.yaml", "title: "+q("Site "+hostile)+"\nbase_url: https://example.com/\nnewsletter:\n  action_url: "+u("2")+"\n")
	write("authors/evil.md", "---\nname: "+q("Eve "+hostile)+"\nrole: "+q(hostile)+"\nbio: "+q(hostile)+
		"\navatar: "+u("3")+"\nlinks: ["+u("4")+"]\n---\nBio.\n")
	write("articles/x.md", "---\ntitle: "+q("T "+hostile)+"\ndescription: "+q("D "+hostile)+
		"\ndate: 2025-01-01\nauthor: evil\ncategory: "+q("C "+hostile)+"\ntags: ["+q("G "+hostile)+"]\n"+
		"sources:\n  - {title: "+q(hostile)+", url: "+u("5")+", publisher: "+q(hostile)+"}\n"+
		"faq:\n  - {q: "+q(hostile)+", a: "+q(hostile)+"}\n"+
		"comments:\n  - {author: "+q(hostile)+", date: 2025-01-02, body: "+q(hostile)+"}\n---\nBody [x](javascript:alert(6)).\n")
	res, err := Build(context.Background(), Options{SiteDir: filepath.Join(dir, "site"), ThemesDir: filepath.Join(dir, "themes"), Now: goldenNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		switch filepath.Ext(f.Path) {
		case ".html":
			checkHTMLInert(t, f.Path, f.Data)
		case ".xml":
			if err := xml.Unmarshal(f.Data, new(struct{})); err != nil {
				t.Errorf("%s: %v", f.Path, err)
			}
			if bytes.Contains(f.Data, []byte("<script>")) {
				t.Errorf("%s carries a literal <script>", f.Path)
			}
		case ".json":
			var v []map[string]any
			if err := json.Unmarshal(f.Data, &v); err != nil {
				t.Errorf("%s: %v", f.Path, err)
			} else if f.Path == "search-index.json" && !strings.Contains(v[0]["title"].(string), hostile) {
				t.Errorf("search index title = %q, want the title intact", v[0]["title"])
			}
		}
	}
}

// TestScriptURLsAreErrors: a URL with a scheme that runs code, in the
// settings or front matter, is an error at its position: templates would
// neutralise it in HTML, but structured data and feeds would carry it.
func TestScriptURLsAreErrors(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"config.yaml": "title: S\nlogo: \" JAVASCRIPT:alert(1)\"\nnewsletter:\n  action_url: \"javascript:alert(2)\"\n" +
			"menus:\n  main:\n    - {name: M, url: \"vbscript:x\"}\n",
		"authors/evil.md": "---\nname: Eve\navatar: \"javascript:alert(3)\"\nlinks: [\"https://ok.example/\", \"data:text/html,<script>alert(4)</script>\"]\n---\nBio.\n",
		"articles/x.md": "---\ntitle: T\ndate: 2025-01-01\nauthor: evil\nimage: \"javascript:alert(5)\"\nimage_alt: A\n" +
			"sources:\n  - {title: S, url: \"javascript:alert(6)\"}\n---\nBody.\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, "site", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site := filepath.Join(dir, "site")
	_, err := Build(context.Background(), Options{SiteDir: site, ThemesDir: filepath.Join(dir, "themes"), Now: goldenNow})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	got := strings.ReplaceAll(err.Error(), filepath.ToSlash(site), "site")
	for _, want := range []string{
		`site/config.yaml:2:7: logo: " JAVASCRIPT:alert(1)" is not a valid URL`,
		`site/config.yaml:4:15: newsletter.action_url: "javascript:alert(2)" has the scheme "javascript:", which is not allowed`,
		`site/config.yaml:7:22: menus.main[0].url: "vbscript:x" has the scheme "vbscript:", which is not allowed`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no error %s in:\n%s", want, got)
		}
	}
	// The settings' errors stop the build first; then the content's.
	if err := os.WriteFile(filepath.Join(site, "config.yaml"), []byte("title: S\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Build(context.Background(), Options{SiteDir: site, ThemesDir: filepath.Join(dir, "themes"), Now: goldenNow})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	got = strings.ReplaceAll(err.Error(), filepath.ToSlash(site), "site")
	for _, want := range []string{
		`site/authors/evil.md:3:9: avatar: "javascript:alert(3)" has the scheme "javascript:"`,
		`site/authors/evil.md:4:32: links: "data:text/html,<script>alert(4)</script>" has the scheme "data:"`,
		`site/articles/x.md:5:8: image: "javascript:alert(5)" has the scheme "javascript:"`,
		`site/articles/x.md:8:21: sources[0].url: "javascript:alert(6)" has the scheme "javascript:"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no error %s in:\n%s", want, got)
		}
	}
}

// checkHTMLInert is checkInert for the hostile site, which also must show
// no element made of front matter markup, no javascript: in any attribute,
// and the article's title escaped.
func checkHTMLInert(t *testing.T, name string, data []byte) {
	t.Helper()
	checkInert(t, name, data)
	for n := range elements(t, name, data) {
		if n.Data == "b" {
			t.Errorf("%s: markup from front matter became an element", name)
		}
		for _, a := range n.Attr {
			if strings.Contains(strings.ToLower(a.Val), "javascript:") {
				t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
			}
		}
	}
	if name == "articles/x/index.html" && !bytes.Contains(data, []byte(`T &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;`)) {
		t.Errorf("%s: the title is not shown escaped", name)
	}
}

// TestBaseURLFlagChecked: --base-url is checked as base_url is, where it
// used to be taken as it was, query and all, into every canonical URL.
func TestBaseURLFlagChecked(t *testing.T) {
	for _, u := range []string{"https://a.example/?q=1#f", "https://user:pass@a.example/", "javascript:alert(1)", "a.example"} {
		_, err := Prepare(context.Background(), Options{SiteDir: "../site", ThemesDir: "../themes", BaseURL: u, Now: goldenNow})
		if want := "--base-url " + strconv.Quote(u) + ": must"; err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("--base-url %s: %v, want %s…", u, err, want)
		}
	}
	p, err := Prepare(context.Background(), Options{SiteDir: "../site", ThemesDir: "../themes", BaseURL: "https://a.example/blog", Now: goldenNow})
	if err != nil || p.Site.BaseURL != "https://a.example/blog/" {
		t.Errorf("a good --base-url: %v", err)
	}
}

// TestMissingThemeAtItsSetting: a theme the settings name that does not
// exist is an error at the setting.
func TestMissingThemeAtItsSetting(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "config.yaml"), []byte("title: T\ntheme: nowhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Prepare(context.Background(), Options{SiteDir: site, ThemesDir: filepath.Join(site, "..", "themes"), Now: goldenNow})
	if want := `/site/config.yaml:2:1: theme "nowhere" not found`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want …%s…", err, want)
	}
}

// TestThemeLinkOutSkipped: a static file of a theme that is a link out of
// the theme's folder is skipped with a warning, as the site's own are,
// rather than read, or failing the build.
func TestThemeLinkOutSkipped(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(dir, "secret.css")
	if err := os.WriteFile(outside, []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "themes", "mine"), os.DirFS("../themes/default")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "themes", "mine", "static", "leak.css")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	res, err := Build(context.Background(), Options{SiteDir: "../site", ThemesDir: filepath.Join(dir, "themes"), Theme: "mine", Now: goldenNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if bytes.Contains(f.Data, []byte("SECRET")) {
			t.Errorf("%s holds the file outside the theme", f.Path)
		}
	}
	var warned bool
	for _, w := range res.Warnings {
		warned = warned || strings.HasSuffix(w.Path, "/themes/mine/static/leak.css")
	}
	if !warned {
		t.Errorf("no warning for the link: %v", res.Warnings)
	}
}

// TestLayoutLinkOutSkipped: a template in site/layouts that is a link out
// of the site failed the build with the file system's own words ("path
// escapes from parent"), and hid the theme's file of the same name, so that
// a call of the partial said it did not exist. It is skipped with a
// warning, as the site's other links are, and the theme's file is used.
func TestLayoutLinkOutSkipped(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(dir, "secret.html")
	if err := os.WriteFile(outside, []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(dir, "site")
	if err := os.CopyFS(site, os.DirFS("../site")); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(site, "layouts", "partials", "footer.html")
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	res, err := Build(context.Background(), Options{SiteDir: site, ThemesDir: "../themes", Now: goldenNow})
	if err != nil {
		t.Fatal(err)
	}
	var home []byte
	for _, f := range res.Files {
		if bytes.Contains(f.Data, []byte("SECRET")) {
			t.Errorf("%s holds the file outside the site", f.Path)
		}
		if f.Path == "index.html" {
			home = f.Data
		}
	}
	if !bytes.Contains(home, []byte("<footer")) {
		t.Error("the home page has no footer: the theme's partial was not used")
	}
	var warned bool
	for _, w := range res.Warnings {
		warned = warned || strings.HasSuffix(w.Path, "/site/layouts/partials/footer.html") && strings.Contains(w.Msg, "symbolic link skipped")
	}
	if !warned {
		t.Errorf("no warning for the link: %v", res.Warnings)
	}
}
