package content

import (
	"reflect"
	"testing"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// linkBodies are bodies around GFM's extended autolinks: ones linkify
// turns into links, and ones where the same text is no link. gate is
// whether the parse without linkify asks for it; likely whether the
// guess before parsing is that it will.
var linkBodies = []struct {
	body         string
	gate, likely bool
}{
	{"Apply at www.example.com or https://jobs.example.com/sre_team (remote).\n", true, true},
	{"Write to *jo.smith+jobs@example.co.uk*, or to ~ops@example.com~.\n", true, true},
	{"Not links: `git@example.com:org/repo.git`, [the site](https://example.com), <https://example.com>.\n", false, false},
	{"```yaml\nuses: actions/checkout@v4\nurl: https://example.com\n```\n\nSee [docs](http://example.com/a_b_c \"www.example.com\").\n", false, false},
	{"[http://example.com](/pages/about.md) and ![www.example.com](/i.png)\n\n[ref]: https://example.com/x\n", false, false},
	{"| role | where |\n|---|---|\n| SRE | ftp://files.example.com/pay.csv |\n| QA | `a@b.co` |\n", true, true},
	{"> [!TIP] Ask at help@example.com\n> www.example.com -- \"quoted\" ... done\n", true, true},
	{"Trailing www.example.com. And http://example.com/(x)?! And a.b-c_d@e.f-g.com_\n", true, true},
	{"Escaped \\www.example.com and a\\@b.com and http:// alone and www. alone.\n", true, true},
	{"- [ ] task at https://example.com\n- [x] done: www.example.org\n\nTerm\n: def at x@y.zz\n", true, true},
	{"Heading ids {#id}\n## Pay at https://example.com/pay {#pay}\n\nfoo[^1]\n\n[^1]: see www.example.com\n", true, true},
	{"{{< pay-table url=\"https://example.com\" >}}\n\nText {{< note to=\"a@b.co\" >}} after.\n", false, false},
	{"HTTP and http and www and @ and ftp alone.\n", false, false},
	{"    https://example.com in indented code\n\n~~~\nhttps://example.com\n~~~\n", false, false},
	{"- item\n\n    continued at https://example.com\n", true, false},
	{"[see https://example.com\n", true, true},           // no link, but text after "["
	{"0`@0.0` and `https://example.com`\n", true, false}, // goldmark's address takes the backtick
	{"``0`@0.0`\n", true, false}, // and the backtick after a run that opened no code span
	{"`git@example.com` and `https://example.com`\n", false, false},
	{"`https://example.com` and `ftp://x`\n", false, false},
}

// TestLinkGate checks, for each of linkBodies, the guess before parsing,
// the gate's answer, and that the body renders as when every body goes
// through linkify.
func TestLinkGate(t *testing.T) {
	md := NewMarkdown(nil)
	always := *md
	always.quick = nil
	for _, c := range linkBodies {
		src := []byte(c.body)
		starts := linkStarts(src)
		if got := likelyLinks(src, starts); got != c.likely {
			t.Errorf("%q: likely links %v, want %v", c.body, got, c.likely)
		}
		pc := parser.NewContext()
		pc.Set(linkStartsKey, starts)
		md.quick.Parse(text.NewReader(src), parser.WithContext(pc))
		if got := needsLinkify(pc); got != c.gate {
			t.Errorf("%q: needs linkify %v, want %v", c.body, got, c.gate)
		}
		sameAsLinkify(t, md, &always, src)
	}
}

// TestSpacesBeforeABreak checks that the spaces before a line break, soft
// or hard of spaces, are dropped whether or not linkify split the line, and
// those before a backslash's kept.
func TestSpacesBeforeABreak(t *testing.T) {
	md := NewMarkdown(nil)
	always := *md
	always.quick = nil
	for body, want := range map[string]string{
		"0           \n1\n":         "<p>0<br>\n1</p>\n",
		"0\t \n1\n":                 "<p>0\n1</p>\n",
		"*a*    \nb at www.x.com\n": "<p><em>a</em><br>\nb at <a href=\"http://www.x.com\">www.x.com</a></p>\n",
		"a   \\\nb\n":               "<p>a   <br>\nb</p>\n",
		"![a    \nb](/i.png)\n":     "<p><img src=\"/i.png\" alt=\"a b\"\x00i0\x00 loading=\"lazy\" decoding=\"async\"></p>\n",
	} {
		for _, m := range []*Markdown{md, &always} {
			r, err := m.Render([]byte(body))
			if err != nil {
				t.Fatal(err)
			}
			if string(r.HTML) != want {
				t.Errorf("%q (linkify every time: %t): %q, want %q", body, m.quick == nil, r.HTML, want)
			}
		}
	}
}

// FuzzLinkGate checks that any body renders as it does when parsed with
// linkify every time.
func FuzzLinkGate(f *testing.F) {
	for _, c := range linkBodies {
		f.Add([]byte(c.body))
	}
	md := NewMarkdown(nil)
	always := *md
	always.quick = nil
	f.Fuzz(func(t *testing.T, body []byte) {
		sameAsLinkify(t, md, &always, body)
	})
}

func sameAsLinkify(t *testing.T, md, always *Markdown, body []byte) {
	t.Helper()
	got, err := md.Render(body)
	if err != nil {
		t.Fatal(err)
	}
	want, err := always.Render(body)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: rendered\n%#v\nwith linkify every time:\n%#v", body, got, want)
	}
}
