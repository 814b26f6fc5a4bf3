package generator

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"path"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// buildSample builds the repository's sample site in memory.
func buildSample(t *testing.T, opts Options) map[string][]byte {
	t.Helper()
	opts.SiteDir, opts.ThemesDir = "../site", "../themes"
	if opts.Now.IsZero() {
		opts.Now = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	}
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return fileMap(res)
}

// fileMap indexes a build's files by path.
func fileMap(res *Result) map[string][]byte {
	files := make(map[string][]byte, len(res.Files))
	for _, f := range res.Files {
		files[f.Path] = f.Data
	}
	return files
}

type atomDoc struct {
	Title   string `xml:"title"`
	ID      string `xml:"id"`
	Updated string `xml:"updated"`
	Entries []struct {
		Title     string `xml:"title"`
		ID        string `xml:"id"`
		Published string `xml:"published"`
		Updated   string `xml:"updated"`
		Link      struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Authors []struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Summary string `xml:"summary"`
		Content string `xml:"content"`
	} `xml:"entry"`
}

func TestSampleFeedAndSitemap(t *testing.T) {
	files := buildSample(t, Options{})
	var feed atomDoc
	if err := xml.Unmarshal(files["feed.xml"], &feed); err != nil {
		t.Fatalf("feed.xml: %v", err)
	}
	if feed.Title == "" || !strings.HasPrefix(feed.ID, "https://") || len(feed.Entries) < 10 {
		t.Fatalf("feed = %q %q with %d entries", feed.Title, feed.ID, len(feed.Entries))
	}
	newest := ""
	for _, e := range feed.Entries {
		if e.Title == "" || e.ID == "" || e.Published == "" || e.Updated < e.Published || len(e.Authors) == 0 ||
			e.Summary == "" || !strings.Contains(e.Content, "<h2") || !strings.HasPrefix(e.Link.Href, "https://") {
			t.Errorf("incomplete entry %+v", e.Title)
		}
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("entry %q: updated %q: %v", e.Title, e.Updated, err)
		}
		newest = max(newest, e.Updated)
		if strings.Contains(e.Content, `href="/`) {
			t.Errorf("entry %q has a site-rooted link in its content; feeds need absolute URLs", e.Title)
		}
	}
	if feed.Updated != newest {
		t.Errorf("feed updated = %s, want the newest entry's %s", feed.Updated, newest)
	}

	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(files["sitemap.xml"], &sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	locs := map[string]string{}
	for _, u := range sm.URLs {
		if _, dup := locs[u.Loc]; dup {
			t.Errorf("sitemap lists %s twice", u.Loc)
		}
		locs[u.Loc] = u.LastMod
	}
	for p := range files {
		if !strings.HasPrefix(p, "articles/") || strings.Count(p, "/") != 2 || !strings.HasSuffix(p, "/index.html") || strings.HasPrefix(p, "articles/page/") {
			continue
		}
		loc := "https://careers.example.com/" + strings.TrimSuffix(p, "index.html")
		if lm, ok := locs[loc]; !ok || lm == "" {
			if _, isSection := locs[loc]; !isSection {
				t.Errorf("sitemap lacks %s (or its lastmod)", loc)
			}
		}
	}
	if _, ok := locs["https://careers.example.com/articles/what-does-a-platform-engineer-do/"]; ok {
		t.Error("sitemap lists a draft")
	}
	if robots := string(files["robots.txt"]); !strings.Contains(robots, "Sitemap: https://careers.example.com/sitemap.xml") {
		t.Errorf("robots.txt = %q", robots)
	}
}

// jsonLD returns the parsed JSON-LD blocks of an HTML page.
func jsonLD(t *testing.T, name string, page []byte) []map[string]any {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []map[string]any
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.Data != "script" || attr(n, "type") != "application/ld+json" {
			continue
		}
		var v map[string]any
		if n.FirstChild == nil {
			t.Errorf("%s: empty JSON-LD block", name)
			continue
		}
		if err := json.Unmarshal([]byte(n.FirstChild.Data), &v); err != nil {
			t.Errorf("%s: JSON-LD does not parse: %v", name, err)
			continue
		}
		out = append(out, v)
	}
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestSampleStructuredData(t *testing.T) {
	files := buildSample(t, Options{})
	articles := 0
	for p, data := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		blocks := jsonLD(t, p, data)
		for _, b := range blocks {
			if b["@type"] != "Article" {
				continue
			}
			articles++
			for _, key := range []string{"headline", "description", "datePublished", "dateModified", "publisher", "url"} {
				if b[key] == nil || b[key] == "" {
					t.Errorf("%s: Article lacks %s", p, key)
				}
			}
			authors, _ := b["author"].([]any)
			if len(authors) == 0 {
				t.Errorf("%s: Article has no author", p)
			}
			for _, a := range authors {
				person, _ := a.(map[string]any)
				if person["@type"] != "Person" || !strings.HasPrefix(person["url"].(string), "https://") {
					t.Errorf("%s: author %v", p, a)
				}
			}
		}
		if strings.HasPrefix(p, "articles/what-does-a-back-end") {
			types := map[any]bool{}
			for _, b := range blocks {
				types[b["@type"]] = true
			}
			for _, want := range []string{"Article", "BreadcrumbList", "Occupation", "FAQPage"} {
				if !types[want] {
					t.Errorf("%s lacks JSON-LD %s", p, want)
				}
			}
		}
	}
	if articles < 13 {
		t.Errorf("found %d Article blocks, want one per published article (13+)", articles)
	}
	// A list of articles is a CollectionPage, described by its text when it
	// has one, with its breadcrumbs.
	blocks := jsonLD(t, "articles/roles/index.html", files["articles/roles/index.html"])
	if len(blocks) != 2 || blocks[0]["@type"] != "CollectionPage" || blocks[1]["@type"] != "BreadcrumbList" {
		t.Fatalf("articles/roles/index.html: JSON-LD %v, want a CollectionPage and a BreadcrumbList", blocks)
	}
	page := blocks[0]
	if page["name"] != "Roles" || page["url"] != "https://careers.example.com/articles/roles/" ||
		!strings.HasPrefix(page["description"].(string), "What each software job involves") {
		t.Errorf("articles/roles/index.html: CollectionPage %v", page)
	}
	if site, _ := page["isPartOf"].(map[string]any); site["@type"] != "WebSite" || site["url"] != "https://careers.example.com/" {
		t.Errorf("articles/roles/index.html: isPartOf %v", page["isPartOf"])
	}
	items, _ := blocks[1]["itemListElement"].([]any)
	if len(items) != 2 || items[1].(map[string]any)["item"] != "https://careers.example.com/articles/roles/" {
		t.Errorf("articles/roles/index.html: breadcrumbs %v", items)
	}
	// A tag's page without a text of its own is not described by the site's.
	blocks = jsonLD(t, "tags/testing/index.html", files["tags/testing/index.html"])
	if len(blocks) == 0 || blocks[0]["@type"] != "CollectionPage" || blocks[0]["description"] != nil {
		t.Errorf("tags/testing/index.html: JSON-LD %v, want a CollectionPage without a description", blocks)
	}
}

// TestSampleLinksResolve checks that every internal link and asset of every
// built page points at a built file, at "/" and under a sub-path.
func TestSampleLinksResolve(t *testing.T) {
	for _, base := range []string{"", "https://example.com/blog/"} {
		files := buildSample(t, Options{BaseURL: base})
		checked := 0
		for p, data := range files {
			if !strings.HasSuffix(p, ".html") || p == "404.html" {
				continue
			}
			doc, err := html.Parse(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			for n := range doc.Descendants() {
				for _, key := range []string{"href", "src", "action", "data-url"} {
					ref := attr(n, key)
					if n.Type != html.ElementNode || ref == "" || (n.Data == "link" && attr(n, "rel") == "canonical") ||
						(n.Data == "form" && attr(n, "method") == "post") {
						continue
					}
					target, ok := resolve(p, ref)
					if !ok {
						continue // external or fragment-only
					}
					checked++
					if _, ok := files[target]; !ok {
						t.Errorf("base %q: %s links to %s (%s), which was not built", base, p, ref, target)
					}
				}
			}
		}
		if checked < 500 {
			t.Errorf("checked only %d links", checked)
		}
	}
}

// resolve maps a link in the page at output path p to an output path.
func resolve(p, ref string) (string, bool) {
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return "", false
	}
	if strings.HasPrefix(u.Path, "/") {
		return "/" + u.Path, true // site-rooted links must not appear: reported as missing
	}
	target := path.Join(path.Dir(p), u.Path)
	if strings.HasSuffix(u.Path, "/") || u.Path == "." || u.Path == ".." || strings.HasSuffix(u.Path, "/..") {
		target = path.Join(target, "index.html")
	}
	return strings.TrimPrefix(target, "./"), true
}
