package content

import (
	"strings"
	"testing"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/diag"
)

func TestIsSourceLink(t *testing.T) {
	for dest, want := range map[string]bool{
		"sre.md":                         true,
		"../roles/sre.md#on-call":        true,
		"/pages/about.md":                true,
		"my%20notes.md":                  true,
		"a/b:c.md":                       true, // a colon after a slash is no scheme
		"a:b/c.md":                       false,
		"https://example.com/README.md":  false,
		"//example.com/x.md":             false,
		"mailto:x.md":                    false,
		"x.md?raw=1":                     false,
		"#sre.md":                        false,
		"sre.mdx":                        false,
		"sre.md/":                        false,
		"notes.txt":                      false,
		"":                               false,
		"guide.MD":                       false,
		"../sre.md#not-a-file.md":        true,
		"https://example.com/?next=a.md": false,
	} {
		if got := isSourceLink([]byte(dest)); got != want {
			t.Errorf("isSourceLink(%q) = %v, want %v", dest, got, want)
		}
	}
}

func TestResolveLink(t *testing.T) {
	const from = "articles/roles/back-end.md"
	for _, tc := range []struct{ dest, target, frag string }{
		{"sre.md", "articles/roles/sre.md", ""},
		{"../guides/cv.md#keep-it-short", "articles/guides/cv.md", "keep-it-short"},
		{"/pages/about.md", "pages/about.md", ""},
		{"./../../authors/ann.md", "authors/ann.md", ""},
		{"my%20notes.md#caf%C3%A9", "articles/roles/my notes.md", "café"},
		{"../../../README.md", "", ""},
		{"/../x.md", "", ""}, // "/" is the site folder: nothing is above it
	} {
		target, frag := resolveLink(from, tc.dest)
		if target != tc.target || frag != tc.frag {
			t.Errorf("resolveLink(%q) = %q, %q; want %q, %q", tc.dest, target, frag, tc.target, tc.frag)
		}
	}
}

// TestSourceLinksAreMarksUntilLinked checks that a link to a Markdown file
// renders as marks no Markdown can write, and that Fill writes the
// tags, escaped, or the text alone, on a copy.
func TestSourceLinksAreMarksUntilLinked(t *testing.T) {
	src := "[SRE](sre.md \"On &amp; call\") [kept](a&b.md) [url](https://x.example/a.md)\n" +
		"[forged](%000%00) [raw](\x000\x00) <span>\x000\x00</span> `\x001\x00`\n\n" +
		"```go\n\x000\x00 in code\n```\n"
	r, err := NewMarkdown(config.Default()).Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Links) != 2 || r.Links[0].Dest != "sre.md" || r.Links[1].Dest != "a&b.md" {
		t.Fatalf("links = %+v, want sre.md and a&b.md", r.Links)
	}
	if n := strings.Count(string(r.HTML), "\x00"); n != 8 {
		t.Fatalf("%d NUL bytes in the HTML, want the 8 of two links' marks:\n%q", n, r.HTML)
	}
	p := &Page{Links: []Link{{Target: "articles/sre.md", Written: "sre.md", Title: r.Links[0].Title}, {Target: "articles/a&b.md", Written: "a&b.md"}}}
	p.SetBody(r.HTML)
	got := string(p.Fill([]string{`/articles/sre/#on"call`, ""}, nil).Body())
	for _, want := range []string{
		`<a href="/articles/sre/#on%22call" title="On &amp; call">SRE</a>`,
		`</a> kept <a href="https://x.example/a.md">`,
		`<a href="https://x.example/a.md">url</a>`,
		`<a href="%000%00">forged</a>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("linked body has no %s:\n%s", want, got)
		}
	}
	if !strings.Contains(got, "\uFFFD0\uFFFD") {
		t.Errorf("the NUL bytes in code are not U+FFFD:\n%q", got)
	}
	if strings.Contains(got, "\x00") {
		t.Errorf("linked body still has a NUL byte:\n%q", got)
	}
	if !strings.Contains(string(p.Body()), "\x000\x00SRE\x00/\x00") {
		t.Error("Fill changed the page it was called on")
	}
}

func TestLinksHaveFilePositions(t *testing.T) {
	src := "---\ntitle: A\ndate: 2026-01-01\n---\nIntro.\n\nSee [the guide](../guides/cv.md) or\n[ours][std].\n\n[std]: /pages/standards.md\n"
	var list diag.List
	p := parse([]byte(src), file{path: "articles/roles/a.md", display: "site/articles/roles/a.md", kind: Article}, config.Default(), NewMarkdown(config.Default()), false, &list)
	if p == nil {
		t.Fatal(list.Err())
	}
	var got []string
	for _, l := range p.Links {
		got = append(got, l.Pos.String()+" "+l.Target+" "+l.Written)
	}
	want := "site/articles/roles/a.md:7:5 articles/guides/cv.md ../guides/cv.md\nsite/articles/roles/a.md:8:1 pages/standards.md /pages/standards.md"
	if strings.Join(got, "\n") != want {
		t.Errorf("links:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// TestMarksAfterACalloutTitle checks that a link and an image on a
// callout's first line, which becomes its plain-text title, take no mark
// number from the links and images after them.
func TestMarksAfterACalloutTitle(t *testing.T) {
	src := "---\ntitle: T\ndate: 2026-01-01\n---\n> [!TIP] See [a](a.md) ![i](/i.png)\n> Then [b](b.md) ![j](/j.png)\n\n[c](c.md)\n"
	var list diag.List
	p := parse([]byte(src), file{path: "articles/x.md", display: "site/articles/x.md", kind: Article}, config.Default(), NewMarkdown(config.Default()), false, &list)
	if p == nil {
		t.Fatal(list.Err())
	}
	if len(p.Links) != 2 || p.Links[0].Target != "articles/b.md" || p.Links[1].Target != "articles/c.md" || len(p.Images) != 1 || p.Images[0] != "/j.png" {
		t.Fatalf("links %+v, images %+v: want b.md, c.md and /j.png", p.Links, p.Images)
	}
	got := string(p.Fill([]string{"/b/", "/c/"}, []Image{{Size: Size{W: 2, H: 1}}}).Body())
	for _, want := range []string{`<p class="callout-title">See a</p>`, `<a href="/b/">b</a>`, `alt="j" width="2" height="1"`, `<a href="/c/">c</a>`} {
		if !strings.Contains(got, want) {
			t.Errorf("no %s in:\n%s", want, got)
		}
	}
}
