package content

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// codeSamples are the texts TestWriteCodeLexers highlights with every
// lexer: code as articles show it, and edge cases of lines and escaping.
var codeSamples = []string{
	"",
	"\n",
	"\n\n\n",
	"x",
	"no trailing newline",
	"crlf\r\nline two\r\n\r\nlone cr\rend",
	"\tindented\n\t\tmore\t# tab\n",
	"unicode: é, 日本語, emoji 😀, combining e\u0301\n",
	"<&>\"'  <a href=\"x?a=1&b=2\">'q'</a>\n",
	"\"unterminated string\n'another\n/* open comment\n",
	"\x00\x01\uFFFD invalid: \xff\xfe\n",
	"   \n\n",
	"package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i, s := range []string{\"a<b\", `c&d`} {\n\t\tfmt.Println(i, s) // 'x'\n\t}\n}\n",
	"import csv\n\ndef top(path: str, n: int = 5) -> list[str]:\n    \"\"\"Doc & <more>.\"\"\"\n    with open(path) as f:\n        return [r[\"k\"] for r in csv.DictReader(f)][:n]\n",
	"#!/usr/bin/env bash\nset -euo pipefail\nfor h in $(cat hosts); do\n  ssh \"$h\" 'echo ok' >&2 || echo \"${h} down\"\ndone\n",
	"name: deploy\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest # os\n    steps:\n      - run: make test && echo '<done>'\n",
	"SELECT name, COUNT(*) AS n FROM posts WHERE tag = 'go' AND score > 3 GROUP BY name; -- top\n",
	"const f = async (x) => { return `a ${x < 2 && \"b\"}`; }; // c\n",
	"<!DOCTYPE html>\n<p class=\"a\">x &amp; y</p><script>if (a < b) {}</script>\n",
	"{\"a\": [1, 2.5e3, true, null], \"b\": \"<&>\"}\n",
	"# Title\n\nSome *text* and `code`.\n\n```go\nx := 1\n```\n",
}

// runawayLexers are chroma lexers that never finish on most of
// codeSamples (chroma's own tokeniser pushes and pops states without
// moving on until memory runs out): they highlight only the first few.
var runawayLexers = map[string]bool{"JSONata": true, "Jungle": true}

// chromaHTML is the output of chroma's formatter as codeBlockRenderer had
// it for a block without attributes, or what the lexer panicked with.
func chromaHTML(it func() (chroma.Iterator, error)) (string, any) {
	return formatted(func(w *bufio.Writer, it chroma.Iterator) {
		_ = chromahtml.New(chromahtml.WithClasses(true)).Format(w, styles.Get("github"), it)
	}, it)
}

// writeCodeHTML is writeCode's output, or what the lexer panicked with.
func writeCodeHTML(it func() (chroma.Iterator, error)) (string, any) {
	return formatted(func(w *bufio.Writer, it chroma.Iterator) { writeCode(w, it) }, it)
}

func formatted(format func(*bufio.Writer, chroma.Iterator), newIt func() (chroma.Iterator, error)) (out string, panicked any) {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	defer func() {
		if p := recover(); p != nil {
			out, panicked = "", fmt.Sprint(p)
		}
	}()
	it, err := newIt()
	if err != nil {
		return "", err.Error()
	}
	format(w, it)
	_ = w.Flush()
	return b.String(), nil
}

// sameCodeHTML fails the test unless writeCode writes what chroma's
// formatter writes for the tokens newIt gives.
func sameCodeHTML(t *testing.T, name string, newIt func() (chroma.Iterator, error)) {
	t.Helper()
	want, wantPanic := chromaHTML(newIt)
	got, gotPanic := writeCodeHTML(newIt)
	if gotPanic != wantPanic {
		t.Errorf("%s: panic %v, chroma's %v", name, gotPanic, wantPanic)
		return
	}
	if got != want {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Errorf("%s: differs from chroma's at byte %d:\ngot  %q\nwant %q", name, i, got[max(0, i-40):], want[max(0, i-40):])
	}
}

// lexed returns a function that tokenises text with l.
func lexed(l chroma.Lexer, text string) func() (chroma.Iterator, error) {
	return func() (chroma.Iterator, error) { return l.Tokenise(nil, text) }
}

// TestWriteCodeLexers highlights codeSamples with every lexer chroma
// registers, as a lexerSet readies it, and checks writeCode against
// chroma's formatter byte for byte.
func TestWriteCodeLexers(t *testing.T) {
	n := 0
	for _, base := range lexers.GlobalLexerRegistry.Lexers {
		name := base.Config().Name
		if raceEnabled && name == "OpenEdge ABL" {
			continue // seconds to compile, a minute under the race detector
		}
		n++
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			l := ready(base)
			samples := codeSamples
			if runawayLexers[name] {
				samples = samples[:6]
			}
			for i, text := range samples {
				sameCodeHTML(t, fmt.Sprintf("%s sample %d", name, i), lexed(l, text))
			}
		})
	}
	if n < 250 {
		t.Errorf("only %d lexers", n)
	}
}

// TestWriteCodeTokens checks writeCode on token streams no coalesced lexer
// gives: empty tokens, where chroma drops a last line of one empty token,
// and every token type chroma knows, with types it does not, whose class
// is that of their sub-category or category.
func TestWriteCodeTokens(t *testing.T) {
	tok := func(typ chroma.TokenType, v string) chroma.Token { return chroma.Token{Type: typ, Value: v} }
	streams := [][]chroma.Token{
		nil,
		{tok(chroma.Text, "")},
		{tok(chroma.Keyword, "")},
		{tok(chroma.Keyword, ""), tok(chroma.Keyword, "")},
		{tok(chroma.Keyword, "a"), tok(chroma.Keyword, "")},
		{tok(chroma.Keyword, "a\n"), tok(chroma.Name, "")},
		{tok(chroma.Keyword, "a\n"), tok(chroma.Name, ""), tok(chroma.Text, "b")},
		{tok(chroma.Keyword, ""), tok(chroma.Name, "\n")},
		{tok(chroma.Keyword, "\n\n"), tok(chroma.String, "x\ny\n\nz")},
		{tok(chroma.Comment, "a\nb"), tok(chroma.Text, "\n")},
		{tok(chroma.EOFType, "x"), tok(chroma.Error, "<"), tok(chroma.Other, ">"), tok(chroma.None, "&"), tok(chroma.Ignore, "'")},
		{tok(chroma.Keyword, "a"), tok(chroma.EOFType, ""), tok(chroma.Keyword, "never")},
	}
	var all []chroma.Token
	for typ := range chroma.StandardTypes {
		for _, d := range []chroma.TokenType{0, 1, 7, 50, 99, 100, 999} {
			all = append(all, tok(typ+d, fmt.Sprintf("%d\"\n", typ+d)))
		}
	}
	all = append(all, tok(12345, "x"), tok(-500, "y"), tok(-1, "z"))
	streams = append(streams, all)
	for i, tokens := range streams {
		sameCodeHTML(t, fmt.Sprintf("stream %d", i), func() (chroma.Iterator, error) {
			return chroma.Literator(tokens...), nil
		})
	}
}

// fuzzCodeLanguages are the languages FuzzWriteCode highlights; the last
// choice makes tokens of the text itself.
var fuzzCodeLanguages = []string{"go", "python", "bash", "yaml", "html", "markdown", "sql"}

// FuzzWriteCode checks writeCode against chroma's formatter for any text:
// highlighted by a lexer, or cut into tokens at each '|' (with types from
// the lengths of the pieces), which gives empty tokens too.
func FuzzWriteCode(f *testing.F) {
	for i, text := range codeSamples {
		f.Add(uint8(i), text)
	}
	f.Add(uint8(len(fuzzCodeLanguages)), "a||b\n|\n|<c>|")
	f.Add(uint8(len(fuzzCodeLanguages)), "|")
	ls := make([]chroma.Lexer, len(fuzzCodeLanguages))
	for i, name := range fuzzCodeLanguages {
		ls[i] = ready(lexers.Get(name))
	}
	types := []chroma.TokenType{chroma.Text, chroma.Keyword, chroma.KeywordType, chroma.NameBuiltinPseudo, chroma.LiteralStringDouble, chroma.Error, chroma.Other, 1099, chroma.Generic}
	f.Fuzz(func(t *testing.T, lang uint8, text string) {
		if i := int(lang) % (len(ls) + 1); i < len(ls) {
			sameCodeHTML(t, fuzzCodeLanguages[i], lexed(ls[i], text))
			return
		}
		var tokens []chroma.Token
		for piece := range strings.SplitSeq(text, "|") {
			tokens = append(tokens, chroma.Token{Type: types[len(piece)%len(types)], Value: piece})
		}
		sameCodeHTML(t, "tokens", func() (chroma.Iterator, error) { return chroma.Literator(tokens...), nil })
	})
}
