package content

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/byline/byline/generator/config"
)

// TestMarkdownGolden renders the "in.md" section of each
// testdata/markdown/*.txtar and compares with "want.html" and "want.meta"
// (TOC, summary, word count). A comment line "unsafe_html: true" turns raw
// HTML on. Refresh with go test -run TestMarkdownGolden -update.
func TestMarkdownGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/markdown/*.txtar")
	if len(files) == 0 {
		t.Fatal("no test data")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			a, err := readArchive(path)
			if err != nil {
				t.Fatal(err)
			}
			cfg := config.Default()
			cfg.UnsafeHTML = strings.Contains(a.comment, "unsafe_html: true")
			r, err := NewMarkdown(cfg).Render([]byte(a.files["in.md"]))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{"want.html": showMarks(string(r.HTML)), "want.meta": describeRendered(r)}
			if *update {
				a.set("want.html", got["want.html"])
				a.set("want.meta", got["want.meta"])
				if err := a.write(path); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{"want.html", "want.meta"} {
				if want := a.files[name]; strings.TrimRight(got[name], "\n") != strings.TrimRight(want, "\n") {
					t.Errorf("%s:\n--- got\n%s\n--- want\n%s", name, got[name], want)
				}
			}
		})
	}
}

// showMarks shows the NUL bytes of Fill's marks as "␀".
func showMarks(html string) string { return strings.ReplaceAll(html, "\x00", "␀") }

func describeRendered(r *Rendered) string {
	var b strings.Builder
	for _, h := range r.TOC {
		fmt.Fprintf(&b, "toc: h%d #%s %q\n", h.Level, h.ID, h.Text)
	}
	fmt.Fprintf(&b, "summary: %q\nwords: %d\n", r.Summary, r.WordCount)
	for _, p := range r.Problems {
		fmt.Fprintf(&b, "problem: %d: %s\n", p.Line, p.Text(1)) // lines of the body
	}
	return b.String()
}

func TestDangerousURLsDropped(t *testing.T) {
	inputs := []string{
		"[x](javascript:alert(1))",
		"[x](JAVASCRIPT:alert(1))",
		"[x](javascript&colon;alert(1))",
		"[x](&#106;avascript:alert(1))",
		"[x](java\tscript:alert(1))",
		"<javascript:alert(1)>",
		"[x](vbscript:msgbox(1))",
		"[x](file:///etc/passwd)",
		"[x](data:text/html;base64,PHNjcmlwdD4=)",
		"![x](data:image/svg+xml;base64,PHN2Zz4=)",
		"![x](javascript:alert(1))",
		"[x][r]\n\n[r]: javascript:alert(1)",
	}
	for _, unsafe := range []bool{false, true} {
		cfg := config.Default()
		cfg.UnsafeHTML = unsafe
		md := NewMarkdown(cfg)
		for _, in := range inputs {
			r, err := md.Render([]byte(in))
			if err != nil {
				t.Fatal(err)
			}
			for _, bad := range []string{"<a ", "<img", "href", "src="} {
				if strings.Contains(string(r.HTML), bad) {
					t.Errorf("unsafe_html=%t: %q rendered %q (contains %q)", unsafe, in, r.HTML, bad)
				}
			}
		}
	}
	// Safe data: images are kept.
	r, _ := NewMarkdown(config.Default()).Render([]byte("![dot](data:image/png;base64,iVBORw0KGgo=)"))
	if !strings.Contains(string(r.HTML), `src="data:image/png`) {
		t.Errorf("png data URL dropped: %s", r.HTML)
	}
}

// TestMarkdownConcurrent shares one Markdown between goroutines; run with
// -race.
func TestMarkdownConcurrent(t *testing.T) {
	md := NewMarkdown(config.Default())
	src := []byte("# T\n\n## A\n\ntext[^1] \"q\"\n\n[^1]: note\n\n```go\nfunc main() {}\n```\n\nTerm\n: def\n\nhttps://example.com\n")
	want, _ := md.Render(src)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				r, err := md.Render(src)
				if err != nil || r.HTML != want.HTML {
					t.Errorf("concurrent render differs: %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestReadingTime(t *testing.T) {
	for words, want := range map[int]int{0: 1, 1: 1, 230: 1, 231: 2, 460: 2, 1137: 5} {
		if got := ReadingTime(words, 0); got != want {
			t.Errorf("ReadingTime(%d, 0) = %d, want %d", words, got, want)
		}
	}
}

// TestReadingTimeCJK: Chinese and Japanese put no spaces between words, so
// a long Japanese article was one "word" a paragraph and "1 min read".
func TestReadingTimeCJK(t *testing.T) {
	para := "ソフトウェアエンジニアとして転職を考えるとき、まず自分の強みと弱みを整理することが大切です。"
	for _, tt := range []struct {
		name, body string
		words, cjk int
		minutes    int
	}{
		{"english", strings.Repeat("word ", 460), 460, 0, 2},
		{"japanese", strings.Repeat(para+"\n\n", 100), 4400, 4400, 9},
		{"mixed", "Go言語で書く。「面接」", 8, 7, 1},
		{"chinese", strings.Repeat("软件工程师的职业发展需要不断学习新技术。\n\n", 50), 950, 950, 2},
	} {
		r, err := NewMarkdown(config.Default()).Render([]byte(tt.body))
		if err != nil {
			t.Fatal(err)
		}
		if r.WordCount != tt.words || r.CJKChars != tt.cjk {
			t.Errorf("%s: %d words, %d CJK characters; want %d and %d", tt.name, r.WordCount, r.CJKChars, tt.words, tt.cjk)
		}
		if got := ReadingTime(r.WordCount, r.CJKChars); got != tt.minutes {
			t.Errorf("%s: %d minutes, want %d", tt.name, got, tt.minutes)
		}
	}
}

func TestTruncate(t *testing.T) {
	s := strings.Repeat("word ", 100)
	got := Truncate(s, 300)
	if len(got) > 300+len("…") || !strings.HasSuffix(got, "word…") {
		t.Errorf("Truncate = %q", got)
	}
	if got := Truncate("short  text\n", 300); got != "short text" {
		t.Errorf("Truncate = %q", got)
	}
}

func TestHighlightCSS(t *testing.T) {
	css := HighlightCSS("github", "github-dark")
	light, dark, ok := strings.Cut(css, "@media (prefers-color-scheme: dark) {")
	if !ok || !strings.Contains(light, ".chroma .k {") || !strings.Contains(dark, ".chroma .k {") {
		t.Errorf("HighlightCSS lacks a light and a dark keyword rule:\n%s", css)
	}
	if strings.Contains(css, "<") {
		t.Error("HighlightCSS must be plain CSS")
	}
	if HighlightCSS("github", "github-dark") != css {
		t.Error("HighlightCSS is not deterministic")
	}
}

// TestCodeBlocks pins the fenced code block renderer to the output of
// goldmark-highlighting, which it replaced: chroma classes for a known
// language, plain escaped code for an unknown one or none, and the
// attributes after the language.
func TestCodeBlocks(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"unknown language", "```nosuchlang\na < b & \"c\"\n```\n",
			"<pre><code class=\"language-nosuchlang\">a &lt; b &amp; &quot;c&quot;\n</code></pre>\n"},
		{"no language", "```\n<b>x</b>\n```\n",
			"<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>\n"},
		{"language escaped", "```a\"b\n<b>x</b>\n```\n",
			"<pre><code class=\"language-a&quot;b\">&lt;b&gt;x&lt;/b&gt;\n</code></pre>\n"},
		{"known language", "```go\nx := \"<script>\" // &amp;\n```\n",
			"<pre class=\"chroma\"><code><span class=\"line\"><span class=\"cl\"><span class=\"nx\">x</span><span class=\"w\"> </span><span class=\"o\">:=</span><span class=\"w\"> </span><span class=\"s\">&#34;&lt;script&gt;&#34;</span><span class=\"w\"> </span><span class=\"c1\">// &amp;amp;</span><span class=\"w\">\n</span></span></span></code></pre>"},
		{"line numbers in a table", "```python {linenos=table hl_lines=[2] linenostart=7}\nx = 1\ny = 2\n```\n",
			"<div class=\"chroma\">\n<table class=\"lntable\"><tr><td class=\"lntd\">\n<pre class=\"chroma\"><span class=\"lnt\">7\n</span><span class=\"hl\"><span class=\"lnt\">8\n</span></span></pre></td>\n<td class=\"lntd\">\n<pre class=\"chroma\"><code><span class=\"line\"><span class=\"cl\"><span class=\"n\">x</span> <span class=\"o\">=</span> <span class=\"mi\">1</span>\n</span></span><span class=\"line hl\"><span class=\"cl\"><span class=\"n\">y</span> <span class=\"o\">=</span> <span class=\"mi\">2</span>\n</span></span></code></pre></td></tr></table>\n</div>\n"},
		{"line numbers inline", "```go {linenos=inline}\na\n```\n",
			"<pre class=\"chroma\"><code><span class=\"line\"><span class=\"ln\">1</span><span class=\"cl\"><span class=\"nx\">a</span><span class=\"w\">\n</span></span></span></code></pre>"},
		{"highlighted range", "```go {hl_lines=[\"1-2\"]}\na\nb\nc\n```\n",
			"<pre class=\"chroma\"><code><span class=\"line hl\"><span class=\"cl\"><span class=\"nx\">a</span><span class=\"w\">\n</span></span></span><span class=\"line hl\"><span class=\"cl\"><span class=\"nx\">b</span><span class=\"w\">\n</span></span></span><span class=\"line\"><span class=\"cl\"><span class=\"nx\">c</span><span class=\"w\">\n</span></span></span></code></pre>"},
		{"highlighting off", "```go {nohl=true}\nx := 1\n```\n",
			"<pre><code class=\"language-go\">x := 1\n</code></pre>\n"},
		// Lexers of chroma's that fail on some texts: the block is plain.
		{"a lexer that panics", "```spade\nx: &'a T\n```\n",
			"<pre><code class=\"language-spade\">x: &amp;'a T\n</code></pre>\n"},
		{"a lexer that never ends", "```jungle\n<a href=\"x\">\n```\n",
			"<pre><code class=\"language-jungle\">&lt;a href=&quot;x&quot;&gt;\n</code></pre>\n"},
		{"another", "```jsonata\na é b\n```\n", "<pre><code class=\"language-jsonata\">a é b\n</code></pre>\n"},
		{"a lexer that fails, then one that works", "```spade {linenos=inline}\nx: &'a T\n```\n\n```go\na\n```\n",
			"<pre><code class=\"language-spade\">x: &amp;'a T\n</code></pre>\n" +
				"<pre class=\"chroma\"><code><span class=\"line\"><span class=\"cl\"><span class=\"nx\">a</span><span class=\"w\">\n</span></span></span></code></pre>"},
	}
	md := NewMarkdown(config.Default())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 2 { // the second time the lexer comes from the cache
				r, err := md.Render([]byte(tt.in))
				if err != nil {
					t.Fatal(err)
				}
				if string(r.HTML) != tt.want {
					t.Fatalf("got\n%q\nwant\n%q", r.HTML, tt.want)
				}
			}
		})
	}
}

// TestCodeBlocksConcurrent renders blocks in many languages, known and
// not, from several goroutines at once, so that -race sees the lexer cache
// filled concurrently.
func TestCodeBlocksConcurrent(t *testing.T) {
	var src strings.Builder
	for _, lang := range []string{"go", "python", "yaml", "bash", "sql", "nosuch", "GO", "c++", "Dockerfile", "x.rs"} {
		fmt.Fprintf(&src, "```%s\nx = 1 < 2\n```\n\n", lang)
	}
	want, err := NewMarkdown(config.Default()).Render([]byte(src.String()))
	if err != nil {
		t.Fatal(err)
	}
	md := NewMarkdown(config.Default())
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 5 {
				r, err := md.Render([]byte(src.String()))
				if err != nil || r.HTML != want.HTML {
					t.Errorf("concurrent render differs: %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestMaybeDangerous checks the premise of the quick test: no rune but
// the ASCII letters j, v, f, d (either case) lowercases to one of them, so
// a URL that starts with any other visible character is safe.
func TestMaybeDangerous(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if l := unicode.ToLower(r); strings.ContainsRune("jvfd&", l) {
			t.Errorf("%U lowercases to %q", r, l)
		}
	}
	for url, want := range map[string]bool{
		"https://x": false, "/a": false, "#f": false, "mailto:a@b": false, "é": false, "": false, " \t": false,
		"javascript:x": true, " \tJavaScript:x": true, "VBScript:x": true, "file:x": true, "data:x": true, "&#106;x": true,
	} {
		if got := maybeDangerous([]byte(url)); got != want {
			t.Errorf("maybeDangerous(%q) = %t, want %t", url, got, want)
		}
		if !want && dangerous([]byte(url)) {
			t.Errorf("dangerous(%q) = true", url)
		}
	}
}

// TestLangName: chroma's lookup takes seconds on a name of thousands of
// bytes (FuzzArticle found a block with 2,500 control bytes after "go"),
// so only names that could be chroma's are looked up.
func TestLangName(t *testing.T) {
	for name, want := range map[string]bool{
		"go": true, "c++": true, "objective-c": true, "docker-compose.yml": true, "C#": true,
		strings.Repeat("a", maxLangName):   true,
		strings.Repeat("a", maxLangName+1): false,
		"go\x1f":                           false, "gö": false, "a b": false, "": true,
	} {
		if got := langName([]byte(name)); got != want {
			t.Errorf("langName(%q) = %v, want %v", name, got, want)
		}
	}
	s := newLexerSet()
	if s.get([]byte("go")) == nil || s.get([]byte("go\x1f\x1f")) != nil {
		t.Error(`get("go") should find chroma's Go lexer, and get("go\x1f\x1f") nothing`)
	}
}

func TestHeadingIDsInAnyScript(t *testing.T) {
	r, err := NewMarkdown(config.Default()).Render([]byte("## Go 入門\n\n## Привет\n\n## Привет\n\n## !!!\n\n## Back End\n"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range r.TOC {
		ids = append(ids, h.ID)
	}
	if got, want := strings.Join(ids, " "), "go-入門 привет привет-1 section back-end"; got != want {
		t.Errorf("ids %q, want %q", got, want)
	}
}

// TestCodeBlocksStateful renders Raku, whose lexer rewrites its rules as it
// lexes (a chromalex.Lexer that is Stateful), from several goroutines at
// once: each block gets a lexer of its own, so -race sees no shared rules
// written, and each block comes out as it does alone.
func TestCodeBlocksStateful(t *testing.T) {
	blocks := []string{
		"my $x = q{a {b} c};\nsay $x;\n",
		"grammar G { token TOP { <word>+ % \\s } }\n",
		"my @a = <a b c>;\nfor @a -> $v { say \"$v\" }\n",
		"sub f(Int $n --> Int) { $n * 2 }\n",
	}
	md := NewMarkdown(config.Default())
	want := make([]string, len(blocks))
	for i, b := range blocks {
		r, err := md.Render([]byte("```raku\n" + b + "```\n"))
		if err != nil || !strings.Contains(string(r.HTML), `class="chroma"`) {
			t.Fatalf("block %d: not highlighted: %v %s", i, err, r.HTML)
		}
		want[i] = string(r.HTML)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k := range 10 {
				i := (g + k) % len(blocks)
				r, err := md.Render([]byte("```raku\n" + blocks[i] + "```\n"))
				if err != nil || string(r.HTML) != want[i] {
					t.Errorf("block %d, rendered among others, differs from alone: %v", i, err)
					return
				}
			}
		})
	}
	wg.Wait()
}
