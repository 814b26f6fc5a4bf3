package generator

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io/fs"
	"iter"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"

	"github.com/byline/byline/generator/diag"
)

// fuzzFiles are the files of FuzzArticle's site besides the fuzzed ones:
// an author, and a second article so that lists, tags and related
// articles have more than one entry.
var fuzzFiles = map[string]string{
	"config.yaml":    "title: Fuzz\nbase_url: https://example.com/blog/\ntime_zone: Europe/Berlin\npagination: {per_page: 1}\n",
	"authors/ann.md": "---\nname: Ann Example\n---\nAnn writes.\n",
	"articles/other.md": "---\ntitle: Other\ndate: 2025-01-01\nauthor: ann\ntags: [go, careers]\ncategory: Guides\n---\n" +
		"The other article, linking to [x](/articles/x/#a).\n",
}

// fuzzSVG is the image of FuzzArticle's bundle.
const fuzzSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"></svg>`

// FuzzArticle builds a site whose article, the bundle articles/x/index.md
// (with chart.svg), or page pages/x.md, is the fuzzed bytes, drafts and
// future articles included,
// and checks what the design promises of any input:
//   - the build does not panic, and fails only with positioned diagnostics
//     (each in a site file, on a line the file has, at a column >= 1);
//   - a site that builds has only clean relative output paths, each one
//     file, none where another needs a folder, no NUL byte in a text
//     file, and inert HTML
//     (no inline script but JSON-LD that parses, no event handler, no
//     script URL, no embedded frame or object), XML that parses, and JSON
//     that parses;
//   - a second build gives the same files, byte for byte.
func FuzzArticle(f *testing.F) {
	for i, seed := range fuzzSeeds(f) {
		f.Add(seed, i%2 == 1)
	}
	f.Fuzz(func(t *testing.T, data []byte, page bool) {
		dir := t.TempDir()
		// The article is a bundle, with an image beside it to name.
		files := map[string][]byte{"articles/x/index.md": data, "articles/x/chart.svg": []byte(fuzzSVG)}
		if page {
			files = map[string][]byte{"pages/x.md": data}
		}
		for name, text := range fuzzFiles {
			files[name] = []byte(text)
		}
		for name, text := range files {
			p := filepath.Join(dir, "site", filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, text, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		opts := Options{SiteDir: filepath.Join(dir, "site"), ThemesDir: filepath.Join(dir, "themes"),
			Drafts: true, Future: true, Now: goldenNow}
		res, err := Build(context.Background(), opts)
		if err != nil {
			var list diag.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("build failed without diagnostics: %v", err)
			}
			checkPositions(t, opts.SiteDir, files, list)
			return
		}
		checkPositions(t, opts.SiteDir, files, res.Warnings)
		got := fileMap(res)
		if len(got) != len(res.Files) {
			t.Errorf("%d files at %d paths", len(res.Files), len(got))
		}
		for name, data := range got {
			checkOutput(t, name, data)
			for d := path.Dir(name); d != "."; d = path.Dir(d) {
				if _, ok := got[d]; ok {
					t.Errorf("%s is a file, and %s needs it to be a folder", d, name)
				}
			}
		}
		again, err := Build(context.Background(), opts)
		if err != nil {
			t.Fatalf("second build failed: %v", err)
		}
		for name, data := range fileMap(again) {
			if !bytes.Equal(got[name], data) {
				t.Errorf("%s differs between two builds of the same site", name)
			}
		}
		if len(again.Files) != len(got) {
			t.Errorf("%d files, then %d", len(got), len(again.Files))
		}
	})
}

// fuzzSeeds are the sample site's articles and pages, the articles and pages
// of the golden sites, and a few hostile files.
func fuzzSeeds(tb testing.TB) [][]byte {
	var seeds [][]byte
	for _, dir := range []string{"../site/articles", "../site/pages"} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".md") {
				data, rerr := os.ReadFile(p)
				seeds = append(seeds, data)
				return rerr
			}
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	archives, _ := filepath.Glob("testdata/sites/*.txtar")
	for _, file := range archives {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		for _, af := range ar.Files {
			if strings.HasPrefix(af.Name, "site/articles/") || strings.HasPrefix(af.Name, "site/pages/") {
				seeds = append(seeds, af.Data)
			}
		}
	}
	for _, s := range []string{
		"",
		"",
		"no front matter at all\n",
		"---\n---\n",
		"---\ntitle: [\n---\nbody\n",
		"\ufeff---\r\ntitle: CRLF\r\ndate: 2025-02-03\r\n---\r\n# H\r\n",
		"---\ntitle: T\nslug: ../../etc\ndate: 2025-01-01\n---\nx\n",
		"---\ntitle: T\ndate: 2025-01-01\naliases: [/feed.xml, /x/index.html, /articles/x/index.html, /sitemap.xml/]\n---\nx\n",
		"---\ntitle: T\ndate: 2025-01-01\nupdated: 2024-01-01\n---\nx\n",
		"+++\ntitle = \"T\"\ndate = 2025-01-01\n+++\n[a](javascript:alert(1)) <script>x</script>\n",
		"{\"title\": \"T\", \"date\": \"2025-01-01\", \"tags\": [\"a\", \"a\"]}\n\n## A {#a}\n",
		"---\ntitle: \"</script><script>alert(1)</script>\"\ndescription: \"javascript:alert(1)\"\nimage: \"javascript:alert(2)\"\n" +
			"sources:\n  - {title: s, url: \"vbscript:x\"}\ndate: 2025-01-01\n---\n![i](data:text/html,x) [^1]\n\n[^1]: <javascript:y>\n",
		"---\ntitle: T\ndate: 2025-01-01\n---\n[o](other.md#x \"t&amp;\") *[a](/authors/ann.md)* [me](x.md#h) [r][r]\n\n## H {#h}\n\n[r]: ../pages/x.md\n",
		"---\ntitle: T\ndate: 2025-01-01\nimage: chart.svg\nimage_alt: c\n---\n![c](chart.svg \"cap\") [o](../other.md#x) [me](index.md#h) ![u](../x/chart.svg) ![n](none.png)\n\n## H {#h}\n",
		"---\ntitle: T\ndate: 2025-01-01\nimage: ./chart.svg?v=1\nimage_alt: c\n---\n![c](./chart%2Esvg)\n",
	} {
		seeds = append(seeds, []byte(s))
	}
	return seeds
}

// checkPositions fails unless every diagnostic names a file of the site,
// and, for the files in files, a line the file has and a column >= 1.
func checkPositions(t *testing.T, siteDir string, files map[string][]byte, ds []*diag.Diagnostic) {
	t.Helper()
	root := displayPath(siteDir) + "/"
	for _, d := range ds {
		if d.Msg == "" {
			t.Errorf("%s: an empty message", d.Pos)
		}
		rel, ok := strings.CutPrefix(d.Path, root)
		data, known := files[rel]
		if !ok || !known {
			t.Errorf("%s: the diagnostic names no file of the site", d.Error())
			continue
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		if d.Line < 1 || d.Line > lines || d.Col < 1 {
			t.Errorf("%s: not a position in the file's %d lines", d.Error(), lines)
		}
	}
}

// checkOutput checks one output file of a successful build.
func checkOutput(t *testing.T, name string, data []byte) {
	t.Helper()
	if name == "" || path.IsAbs(name) || path.Clean(name) != name || strings.HasPrefix(name, "../") || strings.Contains(name, "\\") {
		t.Errorf("output path %q is not clean and relative", name)
	}
	if bytes.IndexByte(data, 0) >= 0 && path.Ext(name) != ".png" {
		t.Errorf("%s has a NUL byte: a link's mark left in the HTML?", name)
	}
	switch path.Ext(name) {
	case ".html":
		checkInert(t, name, data)
	case ".xml":
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			_, err := d.Token()
			if err != nil {
				if err.Error() != "EOF" {
					t.Errorf("%s: %v", name, err)
				}
				break
			}
		}
	case ".json":
		if !json.Valid(data) {
			t.Errorf("%s is not valid JSON", name)
		}
	}
}

// checkInert fails when a page could run script: an inline script other
// than JSON-LD (which must parse), an event handler attribute, a
// javascript:, vbscript: or data:text/html URL, or a frame, object, embed
// or base element.
func checkInert(t *testing.T, name string, data []byte) {
	t.Helper()
	for n := range elements(t, name, data) {
		switch n.Data {
		case "script":
			if attr(n, "src") != "" {
				break
			}
			if attr(n, "type") != "application/ld+json" {
				t.Errorf("%s: inline script %v", name, n.FirstChild)
			} else if n.FirstChild == nil || !json.Valid([]byte(n.FirstChild.Data)) {
				t.Errorf("%s: JSON-LD that does not parse", name)
			}
		case "iframe", "frame", "object", "embed", "base":
			t.Errorf("%s: a <%s> element", name, n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("%s: event handler attribute %s", name, a.Key)
			}
			if isURLAttr(a.Key) && scriptURL(a.Val) {
				t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
			}
		}
	}
}

// elements parses an HTML page and yields its elements.
func elements(t *testing.T, name string, data []byte) iter.Seq[*html.Node] {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return func(yield func(*html.Node) bool) {
		for n := range doc.Descendants() {
			if n.Type == html.ElementNode && !yield(n) {
				return
			}
		}
	}
}

func isURLAttr(key string) bool {
	switch key {
	case "href", "src", "action", "formaction", "poster", "srcset", "xlink:href", "cite", "data":
		return true
	}
	return false
}

// scriptURL reports whether a browser would take u as a URL that runs
// script: it drops tabs and newlines anywhere and leading control
// characters and spaces before reading the scheme.
func scriptURL(u string) bool {
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	u = strings.ToLower(strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
	return strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:") || strings.HasPrefix(u, "data:text/html")
}
