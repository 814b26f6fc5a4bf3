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
