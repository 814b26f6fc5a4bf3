package content

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/internal/lineend"
)

// regexLines is n lines of Go code with a regular expression character
// class, "[^a-z]", on each: more "[^" than the footnote guard's quick
// count lets through.
func regexLines(n int) string {
	return strings.Repeat("re := regexp.MustCompile(`[^a-z0-9]+`) // not a footnote\n", n)
}

// spanLines is n paragraphs naming "[^a-z]" in code spans.
func spanLines(n int) string {
	return strings.Repeat("Match with `[^a-z]`, not `[^A-Z]`.\n\n", n)
}

// footnotesInOrder is n footnotes referred to in the order they are
// written: 4.5M of goldmark's steps each way for 3,000, under the
// guard's bound.
func footnotesInOrder(n int) string {
	return defs("Pay rose %d%% that year.[^%d]\n\n", n) + defs("[^%d]: Survey %d.\n", n)
}

// TestFootnoteGuardSkipsCode: "[^" in code, as in a regular expression's
// character class, is no footnote reference to goldmark, which looks
// nothing up for it, so the guard counts none there: a tutorial with
// thousands of them in code blocks or code spans renders, footnotes or
// not, as with no guard (so do "[^" in HTML, autolinks and link
// destinations), while references outside code are still counted and
// refused.
func TestFootnoteGuardSkipsCode(t *testing.T) {
	md := NewMarkdown(config.Default())
	fenced := "```text\n" + regexLines(8500) + "```\n"
	indented := "Code:\n\n" + strings.ReplaceAll(regexLines(8500), "re :=", "    re :=")
	for _, tc := range []struct {
		name, src string
		line      int // 0: not refused
	}{
		{"a fenced code block, no footnotes", fenced, 0},
		{"an indented code block, no footnotes", indented, 0},
		{"code spans, no footnotes", spanLines(4500), 0},
		{"a fenced code block and thousands of footnotes", fenced + "\n" + footnotesInOrder(3000), 0},
		{"code spans and thousands of footnotes", spanLines(4500) + footnotesInOrder(3000), 0},
		{"code spans in a list and thousands of footnotes", strings.ReplaceAll(spanLines(4500), "Match", "- Match") + footnotesInOrder(3000), 0},
		{"code spans across lines and thousands of footnotes", strings.Repeat("Use ``x\n[^a-z] ` y`` here.\n\n", 8500) + footnotesInOrder(3000), 0},
		{"code spans in a table and thousands of footnotes", "| a | b |\n|---|---|\n" + strings.Repeat("| `[^a]` | `[^b]` |\n", 4500) + "\n" + footnotesInOrder(3000), 0},
		{"HTML, autolinks and link destinations and thousands of footnotes", strings.Repeat("<abbr title=\"[^a-z]\">re</abbr> <https://example.com/?q=[^a]> [re](/re/?q=[^b])\n\n", 3000) + footnotesInOrder(3000), 0},
		// Backticks that open no code span leave the references in text.
		{"unclosed backticks", "Unclosed ` " + strings.Repeat("[^none] ", 10000) + "\n\n" + footnotesInOrder(3000), 1},
		{"escaped backticks", strings.Repeat("Escaped \\`[^none]\\` ", 10000) + "\n\n" + footnotesInOrder(3000), 1},
		{"backticks of another length", strings.Repeat("Other ``[^none]`\n\n", 10000) + footnotesInOrder(3000), 1},
		{"references between code spans", strings.Repeat("`a` [^none] `b` ", 10000) + "\n\n" + footnotesInOrder(3000), 1},
		{"code spans and too many footnotes", spanLines(4500) + footnotesInOrder(10000), 9001},
	} {
		refusedAt(t, md, tc.name, tc.src, "footnote references", tc.line)
	}
}

// TestFootnoteProblemCountsNoCode: the error's place and count are those
// of the references outside code.
func TestFootnoteProblemCountsNoCode(t *testing.T) {
	md := NewMarkdown(config.Default())
	src := "Intro `[^a-z]`.\n\n" + strings.Repeat("See `[^x]` and [^last]. ", 20000) + "\n\n" + defs("[^%d]: Source %d.\n", 9999) + "[^last]: The last.\n"
	r, err := md.Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := `3:16: this page has 20000 footnote references and 10000 footnotes, which the Markdown parser would take minutes to match, looking each reference up in the footnotes one by one: keep a page to a few thousand footnotes (split it, or cite sources as links or under "sources")`
	if len(r.Problems) != 1 || fmt.Sprintf("%d:%d: %s", r.Problems[0].Line, r.Problems[0].Col, r.Problems[0].Msg) != want {
		t.Errorf("problems %v, want\n%s", r.Problems, want)
	}
}

// TestFootnoteGuardCountsBangReferences: goldmark reads "!x^label]" as a
// reference, as it reads "![^label]", dropping the "x"; the guard's quick
// count let thousands of them through to a page of 8,000 footnotes, which
// it counted as too few to matter.
func TestFootnoteGuardCountsBangReferences(t *testing.T) {
	md := NewMarkdown(config.Default())
	src := "Intro.\n\n" + strings.Repeat("See !x^8000]. ", 10000) + "\n\n" + defs("[^%d]: Source %d.\n", 8000)
	refusedAt(t, md, "references after a \"!\"", src, "10000 footnote references and 8000 footnotes", 3)
}

// BenchmarkFootnoteGuard times costlyFootnotes alone: on the articles of
// benchArticles, which have too few "[^" for more than the quick count;
// on a tutorial with 10,000 "[^a-z]" in code spans and none elsewhere;
// and on the same with 5,000 footnotes, which the guard matches in full.
func BenchmarkFootnoteGuard(b *testing.B) {
	md := NewMarkdown(config.Default())
	type body struct {
		name string
		src  []byte
	}
	var bodies []body
	for _, name := range benchArticles {
		src, err := os.ReadFile(filepath.Join("../../site", name))
		if err != nil {
			b.Fatal(err)
		}
		fm, err := split(lineend.Normalize(src), nil)
		if err != nil {
			b.Fatalf("%s: %v", name, err)
		}
		bodies = append(bodies, body{strings.TrimSuffix(filepath.Base(name), ".md"), fm.body})
	}
	bodies = append(bodies,
		body{"code-spans", []byte(spanLines(5000))},
		body{"code-spans-and-footnotes", []byte(spanLines(5000) + footnotesInOrder(3000))})
	for _, bd := range bodies {
		b.Run(bd.name, func(b *testing.B) {
			b.SetBytes(int64(len(bd.src)))
			for b.Loop() {
				// A new inlineBlocks each time, as Render makes: the
				// block parse, when the guard needs it, is its cost.
				costlyFootnotes(&inlineBlocks{body: bd.src, parser: md.blocks}, md.footnotes)
			}
		})
	}
}

// FuzzFootnoteCounter checks that a footnoteCounter's parser reads the
// footnote references goldmark's does, and only those, whatever is
// around them: goldmark makes a link of each reference to a footnote.
func FuzzFootnoteCounter(f *testing.F) {
	for _, s := range []string{
		"See [^1] and `[^1]`.",
		"<a title=\"`\">[^1]</a> `x`",
		"<!-- [^1] --> [^1] <https://example.com/[^1]>",
		"https://example.com/a[^1] and www.example.com/`[^1] `x`",
		"jo`e@example.com [^1] `x`",
		"[link](/a`b) [^1] `c` [x][^1] [^1](/y)",
		"{{< x \"`\" >}} [^1] `y`",
		"!a^1] ![^1] \\[^1] [^1\\] [^[1]",
		"| a | b |\n|---|---|\n| `[^1]` | [^1] |",
		"``x\n[^1] ` y`` [^1]",
		"- item [^1] `[^1]`\n> quote [^1]\n\n```\n[^1]\n```\n\n    [^1]",
		"# Title [^1] {#id}\n\nTerm [^1]\n: Definition [^1]",
	} {
		f.Add(s + "\n\n[^1]: Note [^1] `[^1]`.\n")
	}
	md := NewMarkdown(config.Default())
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return // goldmark's own lookups grow with the square
		}
		body := []byte(src)
		links := 0
		_ = ast.Walk(md.md.Parser().Parse(text.NewReader(body)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if _, ok := n.(*east.FootnoteLink); ok && entering {
				links++
			}
			return ast.WalkContinue, nil
		})
		m := newFootnoteMatcher((&inlineBlocks{body: body, parser: md.blocks}).parse())
		m.read(body, md.footnotes)
		if m.found != links {
			t.Errorf("%q: counted %d references to footnotes, goldmark links %d", src, m.found, links)
		}
	})
}
