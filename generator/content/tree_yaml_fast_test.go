package content

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/token"

	"github.com/byline/byline/generator/bench/corpus"
	"github.com/byline/byline/generator/internal/lineend"
	"github.com/byline/byline/generator/internal/yamlpos"
)

// fastSamples are the sections of testdata/yamlfast/samples.txtar, and a
// few inputs a text file cannot hold.
func fastSamples(t testing.TB) (names []string, samples map[string]string) {
	t.Helper()
	a, err := readArchive("testdata/yamlfast/samples.txtar")
	if err != nil {
		t.Fatal(err)
	}
	a.set("decline/carriage-return", "a: 1\rb: 2\n")
	a.set("decline/nul", "a: \x00\n")
	a.set("decline/invalid-utf8", "a: \xff\n")
	a.set("decline/bom", "a: \ufeffx\n")
	a.set("decline/line-separator", "a: x\u2028y\n")
	deep := strings.Repeat("a:\n", maxDepth) // a mapping at depth maxDepth
	a.set("decline/too-deep", indentEach(deep)+strings.Repeat(" ", maxDepth)+"b: 1\n")
	a.set("accept/deep-enough", indentEach(strings.Repeat("a:\n", maxDepth-1))+strings.Repeat(" ", maxDepth-1)+"b: 1\n")
	a.set("decline/brackets-in-a-scalar", "- 0"+strings.Repeat("[", yamlpos.MaxOpenBrackets+1)+"\n")
	a.set("decline/too-deep-flow", indentEach(strings.Repeat("a:\n", maxDepth-1))+strings.Repeat(" ", maxDepth-1)+"b: [1]\n")
	return a.names, a.files
}

// indentEach indents the n-th line of s by n spaces.
func indentEach(s string) string {
	var b strings.Builder
	for i, l := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		b.WriteString(strings.Repeat(" ", i) + l + "\n")
	}
	return b.String()
}

// checkFast decodes data on both paths. When the fast path accepts, go-yaml
// must decode data without an error into an equal tree.
func checkFast(t testing.TB, data []byte) (accepted bool) {
	t.Helper()
	const line = 7
	fast, ok := yamlFast(data, line)
	if !ok {
		return false
	}
	slow, errs := goccyTree(data, line)
	if len(errs) > 0 {
		t.Fatalf("fast path accepted %q, go-yaml: %v", data, errs[0])
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("trees differ for %q\nfast:\n%s\ngo-yaml:\n%s", data, dumpTree(fast), dumpTree(slow))
	}
	return true
}

func TestYAMLFastPath(t *testing.T) {
	names, samples := fastSamples(t)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			// Front matter reaches yamlTree with and without a final newline.
			for _, src := range []string{samples[name], strings.TrimSuffix(samples[name], "\n")} {
				got := checkFast(t, []byte(src))
				switch {
				case strings.HasPrefix(name, "accept/") && !got:
					t.Errorf("fast path declined %q", src)
				case strings.HasPrefix(name, "decline/") && got:
					t.Errorf("fast path accepted %q", src)
				}
			}
		})
	}
}

// TestYAMLFastPathSite checks that the YAML front matter of the sample site
// and of a generated corpus all takes the fast path.
func TestYAMLFastPathSite(t *testing.T) {
	gen := t.TempDir()
	if err := corpus.Write(gen, corpus.Options{Articles: 200, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	for _, root := range []string{"../../site", filepath.Join(gen, "site")} {
		files := yamlFrontMatter(t, root)
		if len(files) < 10 {
			t.Errorf("%s: only %d files with YAML front matter", root, len(files))
		}
		for path, fm := range files {
			if !checkFast(t, fm.data) {
				t.Errorf("%s: fast path declined its front matter", path)
			}
		}
	}
}

// yamlFrontMatter splits every Markdown file under root as Parse does and
// returns those with YAML front matter.
func yamlFrontMatter(t testing.TB, root string) map[string]frontMatter {
	t.Helper()
	out := map[string]frontMatter{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fm, err := split(lineend.Normalize(src), nil)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if fm.format == "yaml" {
			out[path] = fm
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestMaybeNumber(t *testing.T) {
	for _, s := range []string{
		"", "+", "-", ".", "_", "0", "1", "-1", "+1", "+-1", "-+1", "--1", "++1", "++.5", "+-+.5", "-+.5",
		".5", "5.", "1.5e-3", "-1.5E+3", "1e-5", "1e5", "_1", "+_1", "1_000", "0x1F", "-0x1f", "0o17", "0b101",
		"012", "0b", "0x", "2024-01-02", "2024-01-02T10:00:00", "1.2.3", "inf", "+inf", "nan", "Infinity",
		"x", "1 2", "99999999999999999999", "-99999999999999999999", "1e400", "0x1.8p1",
	} {
		if !maybeNumber(s) && token.ToNumber(s) != nil {
			t.Errorf("maybeNumber(%q) = false, but go-yaml reads %v", s, token.ToNumber(s).Value)
		}
	}
}

func FuzzYAMLFastPath(f *testing.F) {
	names, samples := fastSamples(f)
	for _, name := range names {
		f.Add([]byte(samples[name]))
	}
	for _, fm := range yamlFrontMatter(f, "../../site") {
		f.Add(fm.data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFast(t, data)
		s := string(data)
		if !maybeNumber(s) && token.ToNumber(s) != nil {
			t.Fatalf("maybeNumber(%q) is false, but go-yaml reads a number", s)
		}
	})
}

// benchFrontMatter has the shape of the corpus generator's front matter.
const benchFrontMatter = `title: "How to Negotiate a Raise as a Site Reliability Engineer"
description: "A practical guide for career changers, with advice on incident response, code review and your first on-call rotation."
date: 2021-03-14T09:45:00
updated: 2022-01-09T17:00:00
author: maya-okafor
reviewed_by: daniel-reyes
category: "Salaries"
tags: ["Salaries", "Career Growth", "Reliability", "Interviewing"]
sources:
  - title: "Occupational Profile: Site Reliability Engineer"
    url: "https://lakeside-workforce-center.example.org/occupational-profile-site-reliability-engineer"
    publisher: "Lakeside Workforce Center"
  - title: "State of DevOps Report 2021"
    url: "https://harbor-tech-council.example.org/state-of-devops-report-2021"
    publisher: "Harbor Tech Council"
faq:
  - q: "How much do site reliability engineers earn?"
    a: "Pay varies widely between a startup and a large public company. Anchor on the range for engineers with 5 years of experience."
  - q: "Do I need a degree?"
    a: "Not usually. Teams care more about how you handle \"the pager\" than about where you studied."
`

func BenchmarkYAMLTree(b *testing.B) {
	data := []byte(benchFrontMatter)
	if !checkFast(b, data) {
		b.Fatal("fast path declined the benchmark's front matter")
	}
	for _, path := range []struct {
		name string
		tree func([]byte, int) (*value, []*posError)
	}{{"goccy", goccyTree}, {"fast", yamlTree}} {
		b.Run(path.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				path.tree(data, 2)
			}
		})
	}
}

// dumpTree prints a tree with every position and scalar type, for failure
// messages.
func dumpTree(v *value) string {
	var b strings.Builder
	var dump func(v *value, indent string)
	dump = func(v *value, indent string) {
		if v == nil {
			b.WriteString(indent + "<nil>\n")
			return
		}
		switch v.kind {
		case mapValue:
			fmt.Fprintf(&b, "%smapping @%d:%d (nil: %t)\n", indent, v.line, v.col, v.entries == nil)
			for _, e := range v.entries {
				fmt.Fprintf(&b, "%s  %q @%d:%d:\n", indent, e.key, e.line, e.col)
				dump(e.val, indent+"    ")
			}
		case listValue:
			fmt.Fprintf(&b, "%slist @%d:%d (nil: %t)\n", indent, v.line, v.col, v.list == nil)
			for _, item := range v.list {
				dump(item, indent+"  ")
			}
		default:
			fmt.Fprintf(&b, "%s%T %#v @%d:%d\n", indent, v.scalar, v.scalar, v.line, v.col)
		}
	}
	dump(v, "")
	return b.String()
}

// TestYAMLFastPathRandom compares the two paths on front matter made up
// from the subset's grammar, with a few inputs in five slightly spoilt by
// characters, spaces and indentation the subset avoids. It finds what the
// fuzzer, mutating bytes, reaches slowly: go-yaml's quirks inside
// well-formed documents. YAMLFAST_SEED picks other documents.
func TestYAMLFastPathRandom(t *testing.T) {
	seed, _ := strconv.ParseUint(os.Getenv("YAMLFAST_SEED"), 10, 64)
	n := 20000
	if testing.Short() {
		n = 2000
	}
	g := yamlGen{r: rand.New(rand.NewPCG(seed, 1))}
	accepted := 0
	for i := range n {
		g.spoil = []int{0, 0, 2, 5, 12}[i%5] // percent
		var b strings.Builder
		g.block(&b, 0, 0, false)
		src := b.String()
		if i%2 == 0 {
			src = strings.TrimSuffix(src, "\n")
		}
		if checkFast(t, []byte(src)) {
			accepted++
		}
	}
	if accepted < n/10 {
		t.Errorf("fast path accepted only %d of %d documents", accepted, n)
	}
}

// yamlGen writes random YAML front matter.
type yamlGen struct {
	r     *rand.Rand
	spoil int // percent chance of each spoiling choice
}

func (g *yamlGen) pick(s ...string) string { return s[g.r.IntN(len(s))] }
func (g *yamlGen) spoilt() bool            { return g.r.IntN(100) < g.spoil }

func (g *yamlGen) word() string {
	var b strings.Builder
	for range 1 + g.r.IntN(3) {
		if g.spoilt() {
			b.WriteString(g.pick(":", ": ", "#", " #", "'", "\"", "''", `\`, `\"`, "[", "]", "{", "}", ",", ", ",
				"&", "*", "!", "|", ">", "%", "@", "`", "?", "_", "+", "0x", "e5", "<<", `\n`, `\x41`, "-", "- ", "~", "  ", "\t"))
		} else {
			b.WriteString(g.pick("a", "b", "x y", "word", "0", "1", "12", "-3", "1.5", "é", "東京", "2024-01-02",
				"true", "null", "http://x.org/a", "a-b", "c_d", "T10:00:00", " ", "."))
		}
	}
	return b.String()
}

func (g *yamlGen) scalar() string {
	switch w := g.word(); g.r.IntN(4) {
	case 0:
		return `"` + w + `"`
	case 1:
		return "'" + w + "'"
	default:
		return w
	}
}

func (g *yamlGen) key() string { return g.pick("a", "b", "key", g.word(), g.scalar()) }

func (g *yamlGen) flow() string {
	var b strings.Builder
	isMap := g.r.IntN(2) == 0
	b.WriteString(g.pick("[", "[ "))
	if isMap {
		b.WriteString(g.pick("{", "{ "))
	}
	for i := range g.r.IntN(4) {
		if i > 0 {
			b.WriteString(g.pick(",", ", ", " , ", ",  "))
		}
		if isMap {
			b.WriteString(g.scalar() + g.pick(": ", ": ", ":", " : ", ":  "))
		}
		b.WriteString(g.scalar())
	}
	if isMap {
		return strings.TrimPrefix(strings.TrimPrefix(b.String(), "["), " ") + g.pick("}", " }")
	}
	return b.String() + g.pick("]", " ]")
}

// indent returns ind, or once in a while (when spoiling) one more or less.
func (g *yamlGen) indent(ind int) string {
	if g.r.IntN(300) < g.spoil {
		ind = max(0, ind+g.r.IntN(3)-1)
	}
	return strings.Repeat(" ", ind)
}

func (g *yamlGen) noise(b *strings.Builder, ind int) {
	if g.r.IntN(8) == 0 {
		b.WriteString(g.pick("\n", "# c\n", strings.Repeat(" ", ind+2)+"# c\n", "   \n", strings.Repeat(" ", ind)+"#\n"))
	}
}

func (g *yamlGen) lineEnd() string {
	if g.spoilt() {
		return g.pick("#c", " ", "  ") + "\n"
	}
	return g.pick("", "", "", " # c", "  # c") + "\n"
}

// value writes what follows a key's colon, at indentation ind.
func (g *yamlGen) value(b *strings.Builder, ind, depth int) {
	switch n := g.r.IntN(10); {
	case n < 3 && depth < 5:
		b.WriteString(g.pick("", " # c", " ") + "\n")
		g.block(b, ind+1+g.r.IntN(3), depth+1, false)
	case n == 3 && depth < 5:
		b.WriteString("\n")
		g.block(b, ind, depth+1, true) // a sequence at its key's indentation
	case n < 6:
		b.WriteString(" " + g.flow() + g.lineEnd())
	case n == 6 && g.spoilt():
		b.WriteString(g.lineEnd()) // an empty value
	default:
		b.WriteString(g.pick(" ", "  ") + g.scalar() + g.lineEnd())
	}
}

// block writes a block mapping or sequence at indentation ind.
func (g *yamlGen) block(b *strings.Builder, ind, depth int, seq bool) {
	seq = seq || g.r.IntN(3) == 0
	for range 1 + g.r.IntN(4) {
		g.noise(b, ind)
		if !seq {
			b.WriteString(g.indent(ind) + g.key() + ":")
			g.value(b, ind, depth)
			continue
		}
		sp := g.pick(" ", " ", "  ", "   ")
		if g.spoilt() {
			sp = ""
		}
		b.WriteString(g.indent(ind) + "-" + sp)
		switch n := g.r.IntN(10); {
		case n < 4: // a mapping that starts on the dash's line
			in := ind + 1 + len(sp)
			for k := range 1 + g.r.IntN(3) {
				if k > 0 {
					g.noise(b, in)
					b.WriteString(g.indent(in))
				}
				b.WriteString(g.key() + ":")
				g.value(b, in, depth+1)
			}
		case n < 5 && depth < 5 && g.spoilt():
			b.WriteString("\n")
			g.block(b, ind+1+g.r.IntN(3), depth+1, false)
		case n < 7:
			b.WriteString(g.flow() + g.lineEnd())
		default:
			b.WriteString(g.scalar() + g.lineEnd())
		}
	}
}
