package generator

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
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
	write("config.yaml", "title: "+q("Site "+hostile)+"\nbase_url: https://example.com/\nnewsletter:\n  action_url: \"javascript:alert(2)\"\n")
	write("authors/evil.md", "---\nname: "+q("Eve "+hostile)+"\nrole: "+q(hostile)+"\nbio: "+q(hostile)+
		"\navatar: \"javascript:alert(3)\"\nlinks: [\"javascript:alert(4)\"]\n---\nBio.\n")
	write("articles/x.md", "---\ntitle: "+q("T "+hostile)+"\ndescription: "+q("D "+hostile)+
		"\ndate: 2025-01-01\nauthor: evil\ncategory: "+q("C "+hostile)+"\ntags: ["+q("G "+hostile)+"]\n"+
		"sources:\n  - {title: "+q(hostile)+", url: \"javascript:alert(5)\", publisher: "+q(hostile)+"}\n"+
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
