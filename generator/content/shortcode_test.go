package content

import (
	"strconv"
	"strings"
	"testing"
)

// TestPairedShortcodes checks where a paired call's inner content ends:
// at the closing line of its name that is neither code, nor HTML, nor the
// closing line of a call of the same name inside it.
func TestPairedShortcodes(t *testing.T) {
	for _, tc := range []struct {
		name, body, html, problem string
	}{
		{"a quote", "> {{< box >}}\n> inner *x*\n> {{< /box >}}\n",
			"<blockquote>\n\x00s0\x00\n<p>inner <em>x</em></p>\n\x00/s0\x00\n</blockquote>\n", ""},
		{"a list item", "1. item\n\n   {{< box >}}\n   inner\n   {{< /box >}}\n2. next\n",
			"<ol>\n<li>\n<p>item</p>\n\x00s0\x00\n<p>inner</p>\n\x00/s0\x00\n</li>\n<li>\n<p>next</p>\n</li>\n</ol>\n", ""},
		{"a paragraph's next line", "{{< box >}}\npara\n{{< /box >}}\nafter\n",
			"\x00s0\x00\n<p>para</p>\n\x00/s0\x00\n<p>after</p>\n", ""},
		{"nothing inside", "{{< box >}}\n{{< /box >}}\n", "\x00s0\x00\n\x00/s0\x00\n", ""},
		{"indented code", "{{< box >}}\n\n    {{< /box >}}\n\n{{< /box >}}\n",
			"\x00s0\x00\n<pre><code>{{&lt; /box &gt;}}\n</code></pre>\n\x00/s0\x00\n", ""},
		{"fenced code", "{{< box >}}\n~~~\n{{< /box >}}\n~~~\n{{< /box >}}\n",
			"\x00s0\x00\n<pre><code>{{&lt; /box &gt;}}\n</code></pre>\n\x00/s0\x00\n", ""},
		{"nested", "{{< box >}}\n{{< box >}}\na\n{{< /box >}}\nb\n{{< /box >}}\n",
			"\x00s0\x00\n\x00s1\x00\n<p>a</p>\n\x00/s1\x00\n<p>b</p>\n\x00/s0\x00\n", ""},
		{"self-closing", "{{< box />}}\n{{< box >}}\na\n{{< /box >}}\n",
			"\x00s0\x00\n\x00s1\x00\n<p>a</p>\n\x00/s1\x00\n", ""},
		{"HTML that takes the line", "{{< box >}}\n<div>\n{{< /box >}}\n",
			"\x00s0\x00\n<!-- raw HTML omitted -->\n\x00/s0\x00\n", "1: {{< box >}} is not closed"},
		{"a quote that ends first", "> {{< box >}}\n> a\n\n{{< /box >}}\n",
			"<blockquote>\n\x00s0\x00\n<p>a</p>\n\x00/s0\x00\n</blockquote>\n", "1: {{< box >}} is not closed"},
		{"a closing line alone", "a\n\n{{< /box >}}\n", "<p>a</p>\n", "3: {{< /box >}} closes no {{< box >}}"},
	} {
		r, err := NewMarkdown(nil).Render([]byte(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		if string(r.HTML) != tc.html {
			t.Errorf("%s: %q, want %q", tc.name, r.HTML, tc.html)
		}
		var problems []string
		for _, p := range r.Problems {
			problems = append(problems, strconv.Itoa(p.Line)+": "+p.Msg)
		}
		got := strings.Join(problems, "; ")
		if tc.problem == "" && got != "" || !strings.HasPrefix(got, tc.problem) {
			t.Errorf("%s: problems %q, want %q", tc.name, got, tc.problem)
		}
	}
}

// FuzzShortcodeArgs checks that values given by position come back as
// they were written, quoted, whatever they hold, and that a call parses to
// parameters by name or by position, never both.
func FuzzShortcodeArgs(f *testing.F) {
	f.Add("a", `b "c" \d`, "k=v")
	f.Add("", "=", `"`)
	f.Add("https://example.com/?a=b", "x y", `name="z"`)
	quote := func(s string) string {
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
	}
	f.Fuzz(func(t *testing.T, a, b, raw string) {
		if strings.ContainsAny(a+b, "\x00") {
			return
		}
		sc, err := parseShortcode("{{< x " + quote(a) + " " + quote(b) + " >}}")
		if err != nil {
			t.Fatalf("%q, %q: %v", a, b, err)
		}
		if len(sc.Args) != 2 || sc.Args[0] != a || sc.Args[1] != b || len(sc.Params) != 0 {
			t.Fatalf("%q, %q: Args %q, Params %v", a, b, sc.Args, sc.Params)
		}
		if sc, err := parseShortcode("{{< x " + raw + " >}}"); err == nil && len(sc.Args) > 0 && len(sc.Params) > 0 {
			t.Fatalf("%q: both Args %q and Params %v", raw, sc.Args, sc.Params)
		}
	})
}
