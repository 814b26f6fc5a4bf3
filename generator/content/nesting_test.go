package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/byline/byline/generator/config"
)

// TestNestingIsCapped checks that lists and block quotes nest no deeper
// than maxNesting, the rest of the markers staying text, and that nesting
// up to it is untouched.
func TestNestingIsCapped(t *testing.T) {
	md := NewMarkdown(config.Default())
	for _, tc := range []struct {
		src       string
		open      string // the tag each level opens
		levels    int
		remaining string // text after the last level
	}{
		{strings.Repeat("- ", 100) + "x\n", "<ul>", maxNesting, strings.TrimSpace(strings.Repeat("- ", 100-maxNesting)) + " x"},
		{strings.Repeat("1. ", 40) + "x\n", "<ol>", maxNesting, "1. 1. 1. 1. 1. 1. 1. 1. x"},
		{strings.Repeat("> ", 200) + "x\n", "<blockquote>", 2 * maxNesting, strings.TrimSpace(strings.Repeat("&gt; ", 200-2*maxNesting)) + " x"},
		{strings.Repeat("- ", maxNesting) + "x\n", "<ul>", maxNesting, "x"},
	} {
		r, err := md.Render([]byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		html := string(r.HTML)
		if got := strings.Count(html, tc.open); got != tc.levels || !strings.Contains(html, tc.remaining+"</") {
			t.Errorf("%.20q…: %d levels (want %d), text %q expected at the bottom:\n%.400s", tc.src, got, tc.levels, tc.remaining, html)
		}
	}
}

// BenchmarkPathological renders 80 KB lines on which goldmark's time grows
// with the square of the length: nesting markers, which maxNesting keeps
// linear; unclosed link destinations, which costlyLine refuses at once;
// emphasis inside link labels, still quadratic (upstream); link
// brackets nested as deep as the line is long, which costlyBrackets
// refuses; and 100,000 link reference definitions in a row, which
// costlyDefinitions refuses, and as many lines like them in a fenced
// code block, which render; and tens of thousands of footnotes and
// references to them, which costlyFootnotes refuses.
func BenchmarkPathological(b *testing.B) {
	md := NewMarkdown(config.Default())
	type shape struct{ name, src string }
	var shapes []shape
	for _, p := range []string{"- ", "* ", "> ", "1. ", "[](", "[*_a", "*_a", "a*_b", "_b\na*\n", "_a~", "=\n", "\n-\n\\", "'", "``\\", "][\n", "[](*)|", "{{< x >}}\n", "{{<\n", "`a@b`", "`x a@b"} {
		shapes = append(shapes, shape{strings.TrimSpace(p), strings.Repeat(p, 80000/len(p)) + "x\n"})
	}
	for _, p := range [][2]string{{"[", "]"}, {"*[", "]*"}} {
		n := 80000 / len(p[0]+p[1])
		shapes = append(shapes, shape{p[0] + "x" + p[1], strings.Repeat(p[0], n) + "x" + strings.Repeat(p[1], n) + "\n"})
	}
	shapes = append(shapes, shape{"[cN]: /c/N/", defs("[c%d]: /c/%d/\n", 100000)},
		shape{"```[cN]: /c/N/```", "```\n" + defs("[c%d]: /c/%d/\n", 100000) + "```\n"},
		shape{"Claim N.[^N] [^N]: in order", defs("Claim %d.[^%d]\n\n", 40000) + defs("[^%d]: Source %d.\n", 40000)},
		shape{"[^none] [^N]:", strings.Repeat("[^none]", 20000) + "\n\n" + defs("[^%d]: %d\n", 20000)})
	for _, s := range shapes {
		src := []byte(s.src)
		b.Run(s.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := md.Render(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestCostlyLinesAreRefused checks that a line of unclosed link openers is
// an error before goldmark spends minutes on it, and that long lines whose
// links close, however many, are not.
func TestCostlyLinesAreRefused(t *testing.T) {
	md := NewMarkdown(config.Default())
	for _, tc := range []struct {
		name, src string
		refused   bool
	}{
		{"unclosed", "Intro.\n\n" + strings.Repeat("[](", 20000) + "\n", true},
		{"unclosed angle destinations", strings.Repeat("[a](<b", 20000) + "\n", true},
		{"nested parens never closing", strings.Repeat("[a](b(", 20000) + "\n", true},
		{"closed links on one long line", strings.Repeat("[a](https://example.com/x) ", 5000) + "\n", false},
		{"closed links without spaces", strings.Repeat("[a](/x/(y))", 8000) + "\n", false},
		{"angle links that close", strings.Repeat("[a](<b c>)", 8000) + "\n", false},
		{"few openers", strings.Repeat("[](", 60) + "\n", false},
		{"openers spread over short lines", strings.Repeat("[](\n", 20000), false},
	} {
		r, err := md.Render([]byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		refused := len(r.Problems) == 1 && strings.Contains(r.Problems[0].Msg, `link openers "]("`)
		if refused != tc.refused {
			t.Errorf("%s: problems %v, want refused %v", tc.name, r.Problems, tc.refused)
		}
		if tc.refused && r.Problems[0].Line != strings.Count(tc.src[:strings.Index(tc.src, "](")], "\n")+1 {
			t.Errorf("%s: the problem is on line %d", tc.name, r.Problems[0].Line)
		}
	}
}

// TestCostlyEmphasisIsRefused checks that a paragraph whose emphasis marks
// would take goldmark minutes to match is an error at its first line, and
// that text with many marks that match, or that sit in code, is not.
func TestCostlyEmphasisIsRefused(t *testing.T) {
	md := NewMarkdown(config.Default())
	table := "| Role | Pay |\n| --- | --- |\n" + strings.Repeat("| *Senior* engineer | __$150k__ |\n", 3000)
	for _, tc := range []struct {
		name, src string
		line      int // of the refused paragraph; 0: not refused
	}{
		{"closers of one mark, openers of the other", "Intro.\n\n" + strings.Repeat("a*_b", 20000) + "\n", 3},
		{"over many lines", "# T\n\n" + strings.Repeat("_b\na*\n", 8000), 3},
		{"in link labels", strings.Repeat("[*_a", 20000) + "\n", 1},
		{"with strikethrough", strings.Repeat("_a~", 27000) + "\n", 1},
		{"strikethrough that matches", strings.Repeat("~~a~~ ", 13000) + "\n", 0},
		{"closers and marks that neither open nor close", "x\n" + strings.Repeat("1a_a*\n", 12000), 1},
		{"tildes that close, and tildes that do neither", strings.Repeat("x~ ~ ", 14000) + "\n", 1},
		{"long runs of tildes are text", strings.Repeat("a~~~ ", 14000) + "\n", 0},
		{"closers the rule of three keeps from matching", strings.Repeat("_>__1#", 14000) + "\n", 1},
		{"marks that match", strings.Repeat("a*a", 27000) + "\n", 0},
		{"emphasis in every word", strings.Repeat("_x_ *y* ", 10000) + "\n", 0},
		{"a long table with emphasis", table, 0},
		// goldmark matches the marks of each cell and each list item on
		// its own: a mark in one row closes nothing in another.
		{"a long table of names with \"_\" and pay marked \"*\"", "| Role | Pay |\n|---|---|\n" + strings.Repeat("| data_engineer | $150k* |\n", 8000), 0},
		{"a long ordered list of the same", strings.Repeat("1. data_engineer: $150k*\n", 8000), 0},
		{"the same in one paragraph", "Pay:\n" + strings.Repeat("data_engineer: $150k*\n", 8000), 1},
		{"the same in a table's cell", "| Pay |\n|---|\n| " + strings.Repeat("data_engineer: $150k* ", 8000) + "|\n", 3},
		{"the same in fenced code", "```\n" + strings.Repeat("_b\na*\n", 8000) + "```\n", 0},
		{"the same in many paragraphs", strings.Repeat("_b a* _c d*\n\n", 8000), 0},
		{"escaped marks", strings.Repeat("a\\*\\_b", 20000) + "\n", 0},
	} {
		r, err := md.Render([]byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		line := 0
		if len(r.Problems) == 1 && strings.Contains(r.Problems[0].Msg, `runs of "*", "_" or "~"`) {
			line = r.Problems[0].Line
		} else if len(r.Problems) > 0 {
			t.Errorf("%s: problems %v", tc.name, r.Problems)
		}
		if line != tc.line {
			t.Errorf("%s: refused at line %d, want %d (0: not refused)", tc.name, line, tc.line)
		}
		if line == 0 {
			if want := unguarded(t, md, tc.src); string(r.HTML) != want {
				t.Errorf("%s: renders\n%.300s\nwant, as with no guard,\n%.300s", tc.name, r.HTML, want)
			}
		}
	}
}

// TestHeadingIDsUnique: headings alike get numbered ids, empty ones too,
// and a page of thousands of them costs no more than of different ones
// (BenchmarkPathological "=\n": 20,000 setext headings).
func TestHeadingIDsUnique(t *testing.T) {
	md := NewMarkdown(config.Default())
	r, err := md.Render([]byte("#\n\n#\n\n## Notes\n\n## Notes\n\n## Notes 1\n\n## Notes\n"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range r.Refs.Headings {
		ids = append(ids, h.URL)
	}
	if want := []string{"section", "section-1", "notes", "notes-1", "notes-1-1", "notes-2"}; !slices.Equal(ids, want) {
		t.Errorf("ids %q, want %q", ids, want)
	}
}

// TestCostlyRescanIsRefused: a paragraph on which goldmark would read runs
// of quotes or unclosed backticks again and again is an error at its first
// line; quotes and code spans of real text pass, however many.
func TestCostlyRescanIsRefused(t *testing.T) {
	md := NewMarkdown(config.Default())
	for _, tc := range []struct {
		name, src string
		line      int // 0: not refused
	}{
		{"a run of apostrophes", "Intro.\n\n" + strings.Repeat("'", 40000) + "\n", 3},
		{"a run of double quotes", strings.Repeat(`"`, 40000) + "\n", 1},
		{"escaped backticks that never close", "# T\n" + strings.Repeat("``\\", 27000) + "\n", 2},
		{"escaped backticks over many lines", "Intro.\n\n" + strings.Repeat("a \\`` b\n", 9000), 3},
		{"quotes of real text", strings.Repeat(`She said "it's fine" and 'left'. `, 3000) + "\n", 0},
		{"code spans that close", strings.Repeat("use `go test` or ``a`b`` ", 4000) + "\n", 0},
		{"backticks in fenced code", "```\n" + strings.Repeat("``\\\n", 20000) + "```\n", 0},
		{"a line like a fence, with backticks after it", strings.Repeat("```&\\", 16000) + "\n", 1},
		{"a few backticks in a long paragraph", strings.Repeat("word ", 40000) + "`x\n", 0},
		{"brackets on thousands of lines", "Intro.\n\n" + strings.Repeat("][\n", 9000), 3},
		{"reference links over many lines", strings.Repeat("see [the guide][g] and [pay]\n", 1500) + "\n[g]: /g/\n[pay]: /p/\n", 0},
		{"a long table of links", "| a | b |\n|---|---|\n" + strings.Repeat("| [x](/x/) | [y](/y/) |\n", 5000), 0},
		{"a long list of links", strings.Repeat("- [Guide][g] and [x]\n", 6000) + "\n[g]: /g/\n", 0},
		// goldmark parses each cell of a table, each item of a list and
		// each definition on its own: their brackets are not the lines'.
		{"a long table of links, images in links, boxes and footnotes", "| a | b |\n|---|---|\n" + strings.Repeat("| [x](/x/) [![i](/i.png)](/y/) | [ ] [^1] |\n", 3000) + "\n[^1]: Note.\n", 0},
		{"a long table of reference links", "Pay by company:\n\n| Company | Pay |\n|:--|--:|\n" + strings.Repeat("| [Acme][acme] | [$150k][src] |\n", 6000) + "\n[acme]: /acme/\n[src]: /src/\n", 0},
		{"a long ordered list of links", strings.Repeat("1. [Acme][acme] and [x]\n", 5000) + "\n[acme]: /acme/\n", 0},
		{"thousands of link reference definitions", "See [c1] and [c4999].\n\n" + defs("[c%d]: /companies/%d/\n", 5000), 0},
		{"thousands of footnote definitions", "See [^1].\n\n" + defs("[^%d]: See [%d].\n", 5000), 0},
		// They stay one paragraph where goldmark's are.
		{"brackets on lines before a table", "Intro\n" + strings.Repeat("][\n", 9000) + "| a |\n|---|\n| b |\n", 1},
		{"brackets on thousands of lines in a quote", "Intro.\n\n> " + strings.Repeat("][\n", 9000), 3},
		{"brackets on thousands of lines after a table", "| a |\n|---|\n\n" + strings.Repeat("][\n", 9000), 4},
	} {
		refusedAt(t, md, tc.name, tc.src, "so many", tc.line)
	}
}

// TestRescanMessages: each kind of paragraph costlyRescan refuses gets a
// message in plain English that says what to do about that kind.
func TestRescanMessages(t *testing.T) {
	md := NewMarkdown(config.Default())
	for _, tc := range []struct{ src, want string }{
		{"# T\n" + strings.Repeat("``\\", 27000) + "\n",
			"2: this paragraph has so many unclosed runs of backticks (only a later run of the same length closes one) that the Markdown parser, which reads on from each of them to the end of the paragraph, would take minutes on it: close each code span with as many backticks as opened it, escape the backticks that are not code (\\`), or split the paragraph"},
		{strings.Repeat("'", 40000) + "\n",
			`1: this paragraph has so many long runs of quotes (''' or """) that the Markdown parser, which reads each run again to its end at each of its quotes, would take minutes on it: escape the quotes (\' and \"), or split the paragraph`},
		{"Intro.\n\n" + strings.Repeat("][\n", 9000),
			`3: this paragraph has so many lines, and so many brackets "]" that end no inline link (reference links, or brackets that are no link), that the Markdown parser, which reads the paragraph again from its first line at each such bracket, would take minutes on it: escape the brackets that are no link (\[ and \]), or split the paragraph`},
	} {
		r, err := md.Render([]byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Problems) != 1 {
			t.Errorf("%.20q…: problems %v, want one", tc.src, r.Problems)
			continue
		}
		if got := fmt.Sprintf("%d: %s", r.Problems[0].Line, r.Problems[0].Msg); got != tc.want {
			t.Errorf("%.20q…:\ngot  %s\nwant %s", tc.src, got, tc.want)
		}
	}
}

// refusedAt checks that md refuses src, by a problem whose message holds
// msg, at line (0: not at all), and that a body it does not refuse renders
// as with no guard.
func refusedAt(t *testing.T, md *Markdown, name, src, msg string, line int) {
	t.Helper()
	r, err := md.Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := 0
	if len(r.Problems) == 1 && strings.Contains(r.Problems[0].Msg, msg) {
		got = r.Problems[0].Line
	} else if len(r.Problems) > 0 {
		t.Errorf("%s: problems %v", name, r.Problems)
	}
	if got != line {
		t.Errorf("%s: refused at line %d, want %d (0: not refused)", name, got, line)
	}
	if got == 0 {
		if want := unguarded(t, md, src); string(r.HTML) != want {
			t.Errorf("%s: renders\n%.300s\nwant, as with no guard,\n%.300s", name, r.HTML, want)
		}
	}
}

// TestCostlyDefinitionsAreRefused: a paragraph of tens of thousands of
// link reference definitions, which goldmark takes off one by one copying
// the lines after each, is an error at its first line before any parse;
// thousands, or many more in groups, render as with no guard.
func TestCostlyDefinitionsAreRefused(t *testing.T) {
	md := NewMarkdown(config.Default())
	for _, tc := range []struct {
		name, src string
		line      int // 0: not refused
	}{
		{"a paragraph of link reference definitions", "Intro.\n\n" + defs("[c%d]: /companies/%d/\n", 60000), 3},
		{"definitions opening a long paragraph", "Intro.\n\n" + defs("[c%d]: /c/%d/\n", 3000) + strings.Repeat("text\n", 60000), 3},
		{"thousands of definitions", "See [c1].\n\n" + defs("[c%d]: /companies/%d/\n", 8000), 0},
		{"definitions in groups", "See [c1].\n\n" + strings.Repeat(defs("[c%d]: /c/%d/\n", 2000)+"\n", 30), 0},
		// Lines in code, in HTML or in footnotes are no paragraph's: no
		// definition is taken off them, however many look like one.
		{"a fenced code block of definitions", "Example:\n\n```\n" + defs("[c%d]: /companies/%d/\n", 20000) + "```\n", 0},
		{"a fenced code block right after text", "Example:\n~~~\n" + defs("[c%d]: /c/%d/\n", 20000) + "~~~\nDone.\n", 0},
		{"an indented code block of definitions", "Example:\n\n" + defs("    [c%d]: /c/%d/\n", 20000), 0},
		{"fenced code in a list item", "- Example:\n\n  ```\n" + defs("  [c%d]: /c/%d/\n", 20000) + "  ```\n", 0},
		{"an HTML block", "<pre>\n" + defs("[c%d]: /c/%d/\n", 20000) + "</pre>\n", 0},
		{"footnote definitions in a row", "See [^1].\n\n" + defs("[^%d]: Source %d.\n", 20000), 0},
		// The paragraph's own first line, not the code's before it.
		{"definitions right after a code block", "```\nx\n```\n" + defs("[c%d]: /c/%d/\n", 60000), 4},
		{"definitions after a code block that ends with its list item", "- x\n  ```\n" + defs("[c%d]: /c/%d/\n", 60000), 3},
		// goldmark takes "[a]: /b" off before the "-" that would make it a
		// heading, finds nothing left and reads "-" again, as a list
		// item that the indented lines continue: a paragraph of
		// definitions, which a parser that takes none off sees as code.
		{"definitions a heading's underline leaves in a list item", "[a]: /b\n-\n" + defs("    [c%d]: /c/%d/\n", 60000), 1},
	} {
		refusedAt(t, md, tc.name, tc.src, "link reference definitions", tc.line)
	}
}

// defs is format, with a number for each %d, for 1 to n.
func defs(format string, n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, format, i, i)
	}
	return b.String()
}

// nested is a line of n brackets open, x, and n closed.
func nested(open, x, close string, n int) string {
	return strings.Repeat(open, n) + x + strings.Repeat(close, n) + "\n"
}

// TestCostlyBracketsAreRefused: a paragraph of link brackets nested so
// deep that goldmark would walk it again at each "]" is an error at the
// outermost bracket; brackets of real text pass, however many, and render
// as they would with no guard.
func TestCostlyBracketsAreRefused(t *testing.T) {
	md := NewMarkdown(config.Default())
	for _, tc := range []struct {
		name, src string
		line, col int // of the refused paragraph's outermost bracket; 0: not refused
	}{
		{"brackets nested deep", "Intro.\n\n" + nested("[", "x", "]", 40000), 3, 1},
		{"after text on the line", "Pay: " + nested("[", "x", "]", 40000), 1, 6},
		{"with emphasis", nested("*[", "x", "]*", 20000), 1, 2},
		{"inside emphasis", "*" + nested("[", "x", "]", 40000)[:80001] + "*\n", 1, 2},
		{"with text in each label", nested("[a ", "x", "] ", 40000), 1, 1},
		{"footnote marks", nested("[^", "x", "]", 30000), 1, 1},
		{"closed by reference labels", nested("[", "x", "][r]", 20000) + "\n[r]: /r/\n", 1, 1},
		{"over a few lines", "Intro\n" + strings.Repeat("[", 20000) + "\n" + strings.Repeat("[", 20000) + "\nx\n" + strings.Repeat("]", 40000) + "\n", 2, 1},
		{"in a list item", "- a\n- " + nested("[", "x", "]", 40000), 2, 3},
		{"in a table's cell", "| a | b |\n|---|---|\n| x | " + nested("[", "x", "]", 40000)[:80001] + " |\n", 3, 7},
		{"in a block quote", "> " + nested("*[", "x", "]*", 20000), 1, 4},
		{"nested links that close", nested("[", "x", "](/u)", 20000), 0, 0},
		{"nested images that close", nested("![", "x", "](/u)", 20000), 0, 0},
		{"images in links, nested", nested("[![", "x", "](/i)](/u)", 10000), 0, 0},
		{"image brackets", nested("![", "x", "]", 20000), 0, 0},
		{"brackets that never close", strings.Repeat("[", 80000) + "\n", 0, 0},
		{"closers alone", "[x" + strings.Repeat("]", 80000) + "\n", 0, 0},
		{"images in links", strings.Repeat("[![Logo](/img/logo.png)](https://example.com/) ", 5000) + "\n", 0, 0},
		{"links in image labels", strings.Repeat("![a [b](/c) d](/e.png) ", 5000) + "\n", 0, 0},
		{"brackets in prose", strings.Repeat("Pay rose [citation needed] in 2024 [1], [2] (see [the report]). ", 3000) + "\n", 0, 0},
		{"prose nested ten deep", strings.Repeat("[[[[[[[[[[x]]]]]]]]]] ", 4000) + "\n", 0, 0},
		{"task lists", strings.Repeat("- [ ] apply\n- [x] interview\n", 5000), 0, 0},
		{"footnotes", strings.Repeat("Salaries grew.[^1] Hiring slowed.[^2] ", 3000) + "\n\n[^1]: BLS.\n[^2]: Indeed.\n", 0, 0},
		{"reference links", strings.Repeat("Read [the guide][g], [pay][] and [faq]. ", 3000) + "\n\n[g]: /g/\n[pay]: /pay/\n[faq]: /faq/\n", 0, 0},
		{"brackets in code spans", strings.Repeat("`grid[i][j]` and `m[k]` ", 4000) + "\n", 0, 0},
		{"destinations with parentheses", strings.Repeat("[Foo](https://en.wikipedia.org/wiki/Foo_(bar)) ", 5000) + "\n", 0, 0},
		{"a bracket left open before thousands of links", "[draft " + strings.Repeat("[a](/a) ", 10000) + "\n", 0, 0},
		{"a table of links and boxes", "| a | b |\n|---|---|\n" + strings.Repeat("| [x](/x/) [![i](/i.png)](/y/) | [ ] [^1] |\n", 300) + "\n[^1]: Note.\n", 0, 0},
	} {
		r, err := md.Render([]byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		line, col := 0, 0
		if len(r.Problems) == 1 && strings.Contains(r.Problems[0].Msg, "link brackets") {
			line, col = r.Problems[0].Line, r.Problems[0].Col
		} else if len(r.Problems) > 0 {
			t.Errorf("%s: problems %v", tc.name, r.Problems)
		}
		if line != tc.line || col != tc.col {
			t.Errorf("%s: refused at %d:%d, want %d:%d (0: not refused)", tc.name, line, col, tc.line, tc.col)
		}
		if line == 0 {
			if want := unguarded(t, md, tc.src); string(r.HTML) != want {
				t.Errorf("%s: renders\n%.300s\nwant, as with no guard,\n%.300s", tc.name, r.HTML, want)
			}
		}
	}
}

// unguarded is src rendered by md's goldmark with none of Render's guards.
func unguarded(t *testing.T, md *Markdown, src string) string {
	t.Helper()
	doc, _ := md.parse([]byte(src))
	var buf htmlBuffer
	if err := md.md.Renderer().Render(&buf, []byte(src), doc); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestCostlyFootnotesAreRefused: a page of so many footnotes that goldmark
// would take seconds to match its references to them, looking each up in
// the footnotes one by one, is an error at its first reference; pages of
// real footnotes, however many references they have, render as with no
// guard.
func TestCostlyFootnotesAreRefused(t *testing.T) {
	md := NewMarkdown(config.Default())
	inOrder := func(n int) string {
		return defs("Pay rose %d%% that year.[^%d]\n\n", n) + defs("[^%d]: Survey %d.\n", n)
	}
	for _, tc := range []struct {
		name, src string
		line      int // 0: not refused
	}{
		{"footnotes referred to in the order they are written", "Intro.\n\n" + inOrder(10000), 3},
		{"references to the last footnote", strings.Repeat("See [^last]. ", 20000) + "\n\n" + defs("[^%d]: Source %d.\n", 9999) + "[^last]: The last.\n", 1},
		{"references to no footnote", "# Notes\n" + strings.Repeat("[^none]", 20000) + "\n\n" + defs("[^%d]: Source %d.\n", 5000), 2},
		{"references in a table", "| a | b |\n|---|---|\n" + defs("| x[^%d] | [^%d] |\n", 10000) + "\n" + defs("[^%d]: Note %d.\n", 10000), 3},
		{"a few hundred footnotes", "Intro.\n\n" + inOrder(300), 0},
		{"thousands of footnotes", inOrder(5000), 0},
		{"many references to the first footnote", strings.Repeat("Source.[^1] ", 20000) + "\n\n" + defs("[^%d]: Source %d.\n", 5000), 0},
		{"escaped references", strings.Repeat(`\[^none] `, 20000) + "\n\n" + defs("[^%d]: Source %d.\n", 5000), 0},
		{"labels that do not close on their line", strings.Repeat("[^x\n", 20000) + "\n" + defs("[^%d]: Source %d.\n", 5000), 0},
	} {
		refusedAt(t, md, tc.name, tc.src, "footnote references", tc.line)
	}
	r, err := md.Render([]byte("Intro.\n\n" + strings.Repeat("See [^last]. ", 20000) + "\n\n" + defs("[^%d]: Source %d.\n", 9999) + "[^last]: The last.\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := `3:5: this page has 20000 footnote references and 10000 footnotes, which the Markdown parser would take minutes to match, looking each reference up in the footnotes one by one: keep a page to a few thousand footnotes (split it, or cite sources as links or under "sources")`
	if len(r.Problems) != 1 || fmt.Sprintf("%d:%d: %s", r.Problems[0].Line, r.Problems[0].Col, r.Problems[0].Msg) != want {
		t.Errorf("problems %v, want\n%s", r.Problems, want)
	}
}
