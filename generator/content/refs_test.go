package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/byline/byline/generator/config"
)

func TestRefsPositions(t *testing.T) {
	body := "# Title\n" + // 1
		"\n" + // 2
		"See [the guide](/articles/x/#pay) and <https://example.com/a>.\n" + // 3
		"Ünï [](/empty/) then ![A chart](/img/c.png \"t\")\n" + // 4
		"\n" + // 5
		"  ### Deep {#deep}\n" + // 6
		"\n" + // 7
		"- item with *[nested **link**](../rel/)*\n" + // 8
		"\n" + // 9
		"Bare https://bare.example/ and [ref][r] and [bad](javascript:alert(1)).\n" + // 10
		"\n" + // 11
		"[r]: /refd/\n" + // 12
		"\n" + // 13
		"Mail **x@example.com** now.\n" + // 14
		"\n" + // 15
		"Logo [![](/img/logo.png)](/home/) and *[![](/img/b.png)](/b/)*\n" + // 16
		"\n" + // 17
		"**![](/img/bold.png)**\n" // 18
	r, err := NewMarkdown(config.Default()).Render([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range r.Refs.Headings {
		got = append(got, fmt.Sprintf("h%d %d:%d #%s %q", x.Level, x.Line, x.Col, x.URL, x.Text))
	}
	for _, x := range r.Refs.Links {
		got = append(got, fmt.Sprintf("a %d:%d %s %q", x.Line, x.Col, x.URL, x.Text))
	}
	for _, x := range r.Refs.Images {
		got = append(got, fmt.Sprintf("img %d:%d %s %q", x.Line, x.Col, x.URL, x.Text))
	}
	want := []string{
		`h1 1:1 #title "Title"`,
		`h3 6:3 #deep "Deep"`,
		`a 3:5 /articles/x/#pay "the guide"`,
		`a 3:39 https://example.com/a "https://example.com/a"`,
		`a 4:5 /empty/ ""`,
		`a 8:14 ../rel/ "nested link"`,
		`a 10:6 https://bare.example/ "https://bare.example/"`,
		`a 10:32 /refd/ "ref"`,
		`a 14:8 mailto:x@example.com "x@example.com"`, // the address, inside the **
		`a 16:6 /home/ ""`,
		`a 16:40 /b/ ""`,
		`img 4:22 /img/c.png "A chart"`,
		`img 16:7 /img/logo.png ""`,
		`img 16:41 /img/b.png ""`,
		`img 18:3 /img/bold.png ""`,
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("got:\n%s\nwant:\n%s", g, w)
	}
}

func TestRefsAtFileLines(t *testing.T) {
	src := "---\ntitle: T\ndate: 2025-01-02\n---\n\nIntro [x](/a/).\n\n## Part\n"
	p, msgs := parseOne(t, "articles/a.md", src)
	if p == nil {
		t.Fatal(msgs)
	}
	if len(p.Refs.Links) != 1 || p.Refs.Links[0].Line != 6 || p.Refs.Links[0].Col != 7 {
		t.Errorf("links = %+v, want line 6 col 7", p.Refs.Links)
	}
	if len(p.Refs.Headings) != 1 || p.Refs.Headings[0].Line != 8 {
		t.Errorf("headings = %+v, want line 8", p.Refs.Headings)
	}
}

// TestRefColumnsOnOneLine: columns count characters, not bytes, for every
// ref on a line, counted on from the ref before (in document order) as
// well as from the line's start after a new line.
func TestRefColumnsOnOneLine(t *testing.T) {
	md := NewMarkdown(config.Default())
	r, err := md.Render([]byte("é [a](/x) ü [b](/y) 語 [](/z)\n[c](/w) é [d](/v)\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range r.Refs.Links {
		got = append(got, fmt.Sprintf("%s %d:%d", l.URL, l.Line, l.Col))
	}
	want := []string{"/x 1:3", "/y 1:13", "/z 1:23", "/w 2:1", "/v 2:11"}
	if !slices.Equal(got, want) {
		t.Errorf("refs %q, want %q", got, want)
	}
}

// TestRefsHTML: raw HTML is kept, at its position, only for a site that
// publishes it (unsafe_html): check places problems of the built page it
// explains there.
func TestRefsHTML(t *testing.T) {
	body := "Text <img src=\"/a.png\"> here.\n\n  <div>\n<a href=\"/b/\"></a>\n</div>\n"
	for _, unsafe := range []bool{false, true} {
		cfg := config.Default()
		cfg.UnsafeHTML = unsafe
		r, err := NewMarkdown(cfg).Render([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, x := range r.Refs.HTML {
			got = append(got, fmt.Sprintf("%d:%d %q", x.Line, x.Col, x.Text))
		}
		want := ""
		if unsafe {
			want = `1:6 "<img src=\"/a.png\">"` + "\n" + `3:1 "  <div>\n<a href=\"/b/\"></a>\n</div>\n"`
		}
		if g := strings.Join(got, "\n"); g != want {
			t.Errorf("unsafe_html %t:\n got %s\nwant %s", unsafe, g, want)
		}
	}
}
