package content

import (
	"bufio"
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"golang.org/x/text/unicode/norm"

	"github.com/byline/byline/generator/internal/lineend"
)

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"", "---\n---\n", "---\ntitle: x\n---\nbody\n", "\n\n---\na: 1\n---", "+++\na = 1\n+++\n\nbody",
		"{\"a\": 1}\nbody", "{\n\"a\": [1,\n2]\n}\n\nbody", "{\"a\": 1} trailing\n", "{", "---\nno end\n",
		"# just markdown\n", "---\n--- \n", "---\na: 1\n---x\n ---\nbody", "+++\na = 1\n+++ \n\n+++\nx", "  {\"x\":\"}\"}\n", "\ufeff---\r\na: b\r\n---\r\nx",
	} {
		f.Add([]byte(s))
	}
	br := bufio.NewReader(nil) // reused, as parse reuses its readers
	f.Fuzz(func(t *testing.T, src []byte) {
		src = lineend.Normalize(src)
		fm, err := split(src, br)
		if own, oerr := split(src, nil); !reflect.DeepEqual(own, fm) || fmt.Sprint(oerr) != fmt.Sprint(err) {
			t.Fatalf("split with a reused reader: %+v, %v; with its own: %+v, %v", fm, err, own, oerr)
		}
		// split gives adrg/frontmatter the file up to where it ends the
		// front matter; given the whole file, it finds the same.
		if first, _ := firstLine(src); bytes.Equal(first, []byte("---")) || bytes.Equal(first, []byte("+++")) {
			var raw rawFrontMatter
			body, rerr := frontmatter.Parse(bytes.NewReader(src), &raw, yamlFormat, tomlFormat)
			closed := rerr == nil && raw.format != ""
			if closed != (err == nil) || closed && (raw.format != fm.format || !bytes.Equal(body, fm.body) || !bytes.Equal(raw.data, fm.data)) {
				t.Fatalf("split: %v, %s, body %q; frontmatter.Parse of the whole file: %v, %s, body %q", err, fm.format, fm.body, rerr, raw.format, body)
			}
		}
		if err != nil {
			pe := err.(*posError)
			if pe.line < 1 || pe.col < 1 {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		if !bytes.HasSuffix(src, fm.body) {
			t.Fatalf("body %q is not the end of the file", fm.body)
		}
		start := len(src) - len(fm.body)
		if want := bytes.Count(src[:start], []byte("\n")) + 1; fm.bodyLine != want {
			t.Fatalf("bodyLine = %d, want %d", fm.bodyLine, want)
		}
		if fm.format == "" {
			if start != 0 {
				t.Fatalf("no front matter but body starts at %d", start)
			}
			return
		}
		if fm.offset < 0 || fm.offset+len(fm.data) > start {
			t.Fatalf("front matter [%d:+%d] overlaps the body at %d", fm.offset, len(fm.data), start)
		}
		if !bytes.Equal(src[fm.offset:fm.offset+len(fm.data)], fm.data) {
			t.Fatalf("data %q is not at offset %d", fm.data, fm.offset)
		}
		if line, _ := lineCol(src, fm.offset); line != fm.line {
			t.Fatalf("line = %d, offset is on line %d", fm.line, line)
		}
		// Decoding never panics, and errors are placed inside the file.
		_, errs := decodeTree(fm, src)
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, e := range errs {
			if e.line < 1 || e.line > lines {
				t.Fatalf("error on line %d of %d: %s", e.line, lines, e.msg)
			}
		}
	})
}

func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"", "Go", "go", "C++", "C#", "F# and C++ tips", "Über uns", "  --a--b--  ", "ß", "日本語", "1+1", "#hashtag", "Ünïcödé Ñame", "İstanbul", "x+#"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slugify(s)
		if got != "" && !ValidSlug(got) {
			t.Fatalf("Slugify(%q) = %q, not a valid slug", s, got)
		}
		if again := Slugify(got); again != got {
			t.Fatalf("Slugify(%q) = %q, but Slugify(%q) = %q", s, got, got, again)
		}
	})
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Go": "go", "go": "go", "C++": "c-plus-plus", "C#": "c-sharp", "C": "c",
		"F# and C++ tips": "f-sharp-and-c-plus-plus-tips", "Über uns": "uber-uns", "Back End": "back-end",
		"#hashtag": "hashtag", "1+1": "1-1", "日本語": "", "Straße": "strasse", "  --a--b--  ": "a-b",
		"What Does a Back-End Developer Do?": "what-does-a-back-end-developer-do",
		// Ligatures, digraphs and full-width letters were dropped ("ﬁle" → "le").
		"İstanbul ǅ ﬁle": "istanbul-dz-file", "Ｇｏ ｔｉｐｓ": "go-tips", "ŷes ②": "yes-2",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-01-02", "2024-01-02T15:04", "2024-01-02T15:04:05", "2024-01-02 15:04:05",
		"2024-01-02T15:04:05+09:00", "2024-01-02T15:04:05.123Z", "2024-13-01", "2024-02-30", "yesterday", "", "2024-03-10T02:30:00",
		"2024-01-02 15:04", "2024-01-02T15:04:05+0100", "2024-01-02 15:04:05 -0700", "2024-01-02 15:04:05.5 +0530"} {
		f.Add(s)
	}
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s, loc)
		if err != nil {
			return
		}
		// A parsed date printed in RFC 3339 parses back to the same instant,
		// unless its zone's offset has seconds (local mean time before
		// 1883 in New York), which RFC 3339 cannot write.
		back, err := ParseDate(d.Format(time.RFC3339Nano), loc)
		if _, off := d.Zone(); off%60 == 0 && (err != nil || !back.Equal(d)) {
			t.Fatalf("%q → %v → %q → %v, %v", s, d, d.Format(time.RFC3339Nano), back, err)
		}
		// And so does the short form, in the site zone.
		short := d.In(loc).Format("2006-01-02T15:04:05")
		if back, err := ParseDate(short, loc); err != nil || !back.Equal(d.In(loc).Truncate(time.Second)) && !inGap(back, d) {
			t.Fatalf("%q → %q → %v, %v", s, short, back, err)
		}
	})
}

// inGap allows wall-clock times that occur twice (end of daylight saving)
// to come back as the other instant.
func inGap(a, b time.Time) bool {
	d := a.Sub(b.Truncate(time.Second))
	return d == time.Hour || d == -time.Hour
}

// FuzzMarks renders any Markdown and checks the marks' contract: each link
// the page lists has one start mark and one end mark in the HTML, in order
// and not nested, each image one size mark, each shortcode call one mark
// and a paired call an end mark after it, pairs nested, and there is no
// other NUL; after Fill only the shortcodes' marks are left, and after
// WithShortcodes, which renders every call once, none.
func FuzzMarks(f *testing.F) {
	for _, s := range []string{
		"[a](a.md) ![i](/i.png) [b](../b.md#x \"t\")\n",
		"> [!TIP] See [a](a.md) ![i](/i.png)\n> Then [b](b.md)\n",
		"![see [a](a.md)](/x.png \"cap\")\n\n[r][r]\n\n[r]: /pages/r.md\n",
		"```\n\x000\x00\n```\n[a](a.md)\n",
		"- [a](a.md)\n  > [!NOTE]\n  > ![b](/b.png)\n",
		"Pay:\n{{< pay role=\"sre\" >}}\n> {{< note say=x >}}\n- {{< bad\n[a](a.md) {{< text >}}\n",
		"{{< box >}}\nIn [a](a.md):\n{{< box >}}\n{{< pay >}} ![i](/i.png)\n{{< /box >}}\n{{< /box >}}\n- {{< x >}}\n{{< /x >}}\n",
		"> {{< aside >}}\n> ```\n> {{< /aside >}}\n> ```\n> {{< /aside >}}\n{{< /aside >}} {{< /x >}}\n",
	} {
		f.Add([]byte(s))
	}
	md := NewMarkdown(nil)
	f.Fuzz(func(t *testing.T, src []byte) {
		r, err := md.Render(src)
		if err != nil {
			return
		}
		html := string(r.HTML)
		open, starts, ends, sizes, calls := -1, 0, 0, 0, 0
		var pairs []int // paired calls whose end mark is to come
		seen := make([]bool, len(r.Shortcodes))
		for {
			_, mark, rest, ok := nextMark(html)
			if !ok {
				if strings.IndexByte(html, 0) >= 0 {
					t.Fatalf("a NUL with no mark: %q", html)
				}
				break
			}
			html = rest
			switch {
			case mark == "/":
				if open < 0 {
					t.Fatalf("an end mark with no link open: %q", r.HTML)
				}
				open = -1
				ends++
			case strings.HasPrefix(mark, "s"):
				// Block calls are numbered before calls within lines of
				// text: each number once, in any order.
				n, err := strconv.Atoi(mark[1:])
				if err != nil || n < 0 || n >= len(r.Shortcodes) || seen[n] {
					t.Fatalf("shortcode mark %q: not one of %d, or seen before: %q", mark, len(r.Shortcodes), r.HTML)
				}
				seen[n] = true
				if r.Shortcodes[n].Paired {
					pairs = append(pairs, n)
				}
				calls++
			case strings.HasPrefix(mark, "/s"):
				if len(pairs) == 0 || mark != "/s"+strconv.Itoa(pairs[len(pairs)-1]) {
					t.Fatalf("shortcode end mark %q, with %v open: %q", mark, pairs, r.HTML)
				}
				pairs = pairs[:len(pairs)-1]
			case strings.HasPrefix(mark, "i"):
				if mark != "i"+strconv.Itoa(sizes) {
					t.Fatalf("size mark %q, want i%d: %q", mark, sizes, r.HTML)
				}
				sizes++
			default:
				if open >= 0 || mark != strconv.Itoa(starts) {
					t.Fatalf("link mark %q inside link %d, or not %d: %q", mark, open, starts, r.HTML)
				}
				open = starts
				starts++
			}
		}
		if len(pairs) > 0 {
			t.Fatalf("paired calls %v have no end mark: %q", pairs, r.HTML)
		}
		if open >= 0 || starts != len(r.Links) || ends != starts || sizes != len(r.Images) || calls != len(r.Shortcodes) {
			t.Fatalf("%d link marks (%d ends), %d size marks, %d shortcode marks; %d links, %d images and %d shortcodes listed: %q",
				starts, ends, sizes, calls, len(r.Links), len(r.Images), len(r.Shortcodes), r.HTML)
		}
		p := &Page{Shortcodes: r.Shortcodes}
		p.SetBody(r.HTML)
		for _, l := range r.Links {
			p.Links = append(p.Links, Link{Written: l.Dest, Title: l.Title})
		}
		hrefs := make([]string, len(r.Links))
		for i := range hrefs {
			hrefs[i] = "/x/"
		}
		filled := p.Fill(hrefs, make([]Image, len(r.Images)))
		marks := len(r.Shortcodes)
		for _, sc := range r.Shortcodes {
			if sc.Paired {
				marks++
			}
		}
		if out := filled.Body(); strings.Count(string(out), "\x00") != 2*marks {
			t.Fatalf("NULs after Fill other than the %d shortcode marks: %q", marks, out)
		}
		called := 0
		out := filled.WithShortcodes(func(i int, inner template.HTML) template.HTML {
			called++
			if strings.IndexByte(string(inner), 0) >= 0 {
				t.Fatalf("call %d's inner content has a NUL: %q", i, inner)
			}
			return template.HTML("<call" + strconv.Itoa(i) + ">" + string(inner) + "</call>")
		}).Body()
		if strings.IndexByte(string(out), 0) >= 0 || called != len(r.Shortcodes) {
			t.Fatalf("%d of %d calls rendered; a NUL after WithShortcodes: %q", called, len(r.Shortcodes), out)
		}
	})
}

func FuzzTermSlug(f *testing.F) {
	for _, s := range []string{"", "Go", "C++", "日本語", "Go 日本語", "हिन्दी", "Привет, Мир!", "İstanbul", "ǅ", "a\u0301", "\u0301a", "x/y", "..", "%2F", strings.Repeat("語", 60)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := TermSlug(s)
		if len(got) > MaxTermSlug || !utf8.ValidString(got) || strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("TermSlug(%q) = %q: too long, invalid UTF-8 or stray hyphens", s, got)
		}
		for _, r := range got {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
				t.Fatalf("TermSlug(%q) = %q has %q", s, got, r)
			}
		}
		if again := TermSlug(got); again != got {
			t.Fatalf("TermSlug(%q) = %q, but TermSlug(%q) = %q", s, got, got, again)
		}
		if nfd := TermSlug(norm.NFD.String(s)); nfd != got {
			t.Fatalf("TermSlug(%q) = %q, but of its decomposed form %q", s, got, nfd)
		}
	})
}

func TestTermSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Go": "go", "C++": "c-plus-plus", "Über uns": "uber-uns", "!!!": "",
		"日本語": "日本語", "Go 日本語": "go-日本語", "Привет, Мир!": "привет-мир", "हिन्दी": "हिन्दी",
		"Crème brûlée 東京": "creme-brulee-東京", strings.Repeat("語", 40): strings.Repeat("語", 33),
		// Decomposed accents: the same slugs as the composed ones.
		"Cafe\u0301": "cafe", "Cre\u0300me 東京": "creme-東京", "\u1112\u1161\u11AB": "한",
	} {
		if got := TermSlug(in); got != want {
			t.Errorf("TermSlug(%q) = %q, want %q", in, got, want)
		}
	}
}
