package content

import (
	"strings"
	"testing"

	"github.com/byline/byline/generator/config"
)

func TestCallouts(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"note", "> [!NOTE]\n> Read the *whole* offer.\n",
			"<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n<p>Read the <em>whole</em> offer.</p>\n</div>\n"},
		{"lower case, a blank line, two paragraphs", "> [!tip]\n>\n> One.\n>\n> Two.\n",
			"<div class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\">Tip</p>\n<p>One.</p>\n<p>Two.</p>\n</div>\n"},
		{"a title of its own", "> [!WARNING] Offers *expire* <fast>\n> Answer in a week.\n",
			"<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Offers expire</p>\n<p>Answer in a week.</p>\n</div>\n"},
		{"a title and nothing else", "> [!CAUTION] Do not sign yet\n",
			"<div class=\"callout callout-caution\" role=\"note\">\n<p class=\"callout-title\">Do not sign yet</p>\n</div>\n"},
		{"in a list", "- item\n\n  > [!IMPORTANT]\n  > Nested.\n",
			"<ul>\n<li>\n<p>item</p>\n<div class=\"callout callout-important\" role=\"note\">\n<p class=\"callout-title\">Important</p>\n<p>Nested.</p>\n</div>\n</li>\n</ul>\n"},
		{"an unknown kind", "> [!DANGER]\n> Stays a quote.\n", "<blockquote>\n<p>[!DANGER]\nStays a quote.</p>\n</blockquote>\n"},
		{"not on the first line", "> Quote.\n> [!NOTE]\n", "<blockquote>\n<p>Quote.\n[!NOTE]</p>\n</blockquote>\n"},
		{"a link, not a mark", "> [!NOTE](https://example.com/)\n", "<blockquote>\n<p><a href=\"https://example.com/\">!NOTE</a></p>\n</blockquote>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewMarkdown(config.Default()).Render([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if got := string(r.HTML); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
	r, _ := NewMarkdown(config.Default()).Render([]byte("> [!NOTE]\n> Four words here now.\n"))
	if r.WordCount != 4 || strings.Contains(r.Summary, "NOTE") {
		t.Errorf("word count %d, summary %q: the mark is no word of the text", r.WordCount, r.Summary)
	}
}
