package deploy

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestPageWeight measures every article page of the sample site as a
// visitor with an empty cache loads it: the HTML plus the stylesheets,
// scripts and images it references, uncompressed, from the production
// (minified) build. It fails when the largest passes the config's
// page_budget_kb, or when a page loads anything from another host.
func TestPageWeight(t *testing.T) {
	res := buildSample(t, "https://careers.example.com/")
	files := fileMap(res.Files)
	budget := res.Site.Config.PageBudgetKB * 1024
	var rows []string
	largest, largestPage := 0, ""
	for _, a := range res.Site.Articles {
		p := strings.TrimPrefix(a.URL, "/") + "index.html"
		page, ok := files[p]
		if !ok {
			t.Fatalf("no %s", p)
		}
		parts := map[string]int{"html": len(page)}
		for _, ref := range subresources(t, page) {
			if strings.HasPrefix(ref.url, "http:") || strings.HasPrefix(ref.url, "https:") || strings.HasPrefix(ref.url, "//") {
				t.Errorf("%s loads %s from another host", p, ref.url)
				continue
			}
			target := path.Join(path.Dir(p), ref.url)
			data, ok := files[target]
			if !ok {
				t.Errorf("%s: %s (%s) is not in the build", p, ref.url, target)
			}
			parts[ref.kind] += len(data)
		}
		total := 0
		for _, n := range parts {
			total += n
		}
		rows = append(rows, fmt.Sprintf("%6.1f KB  html %5.1f  css %5.1f  js %4.1f  img %4.1f  %s", kb(total),
			kb(parts["html"]), kb(parts["css"]), kb(parts["js"]), kb(parts["img"]), a.URL))
		if total > largest {
			largest, largestPage = total, a.URL
		}
	}
	slices.Sort(rows)
	t.Logf("article pages with their CSS, JS and images, uncompressed (budget %d KB):\n%s", budget/1024, strings.Join(rows, "\n"))
	if largest > budget {
		t.Errorf("%s weighs %.1f KB with its assets, over the page_budget_kb of %d KB", largestPage, kb(largest), budget/1024)
	}
}

func kb(n int) float64 { return float64(n) / 1024 }

type subresource struct{ kind, url string }

// subresources lists what a browser loads for a page: stylesheets, icons,
// scripts and images, each once.
func subresources(t *testing.T, page []byte) []subresource {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var out []subresource
	add := func(kind, u string) {
		if u != "" && !seen[u] && !strings.HasPrefix(u, "data:") {
			seen[u] = true
			out = append(out, subresource{kind, u})
		}
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		attr := func(k string) string {
			for _, a := range n.Attr {
				if a.Key == k {
					return a.Val
				}
			}
			return ""
		}
		switch n.Data {
		case "link":
			switch rel := attr("rel"); {
			case rel == "stylesheet":
				add("css", attr("href"))
			case strings.Contains(rel, "icon"):
				add("img", attr("href"))
			}
		case "script":
			add("js", attr("src"))
		case "img":
			add("img", attr("src"))
		}
	}
	return out
}
