package bench

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/byline/byline/generator"
	"github.com/byline/byline/generator/bench/corpus"
	"github.com/byline/byline/generator/render"
)

// now is the builds' clock: after every generated date, so nothing is
// left out as future-dated.
var now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

const themesDir = "../../themes"

// corpusDir returns a folder holding site/ with n articles (seed 1),
// generating it once into os.TempDir() and reusing it while its stamp
// matches corpus.Version. It is written beside its final place and renamed
// there, so an interrupted run leaves no half corpus to reuse.
func corpusDir(tb testing.TB, n int) string {
	tb.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("byline-bench-corpus-%d-seed1", n))
	stamp := fmt.Sprintf("byline corpus v%s: %d articles, seed 1\n", corpus.Version, n)
	if got, err := os.ReadFile(filepath.Join(dir, "complete")); err == nil && string(got) == stamp {
		return dir
	}
	start := time.Now()
	tmp := fmt.Sprintf("%s.tmp-%d", dir, os.Getpid())
	if err := os.RemoveAll(tmp); err != nil {
		tb.Fatal(err)
	}
	if err := corpus.Write(tmp, corpus.Options{Articles: n, Seed: 1}); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "complete"), []byte(stamp), 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.RemoveAll(dir); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("generated %d articles into %s in %v", n, dir, time.Since(start).Round(time.Millisecond))
	return dir
}

func build(tb testing.TB, dir string) *generator.Result {
	res, err := generator.Build(context.Background(), generator.Options{
		SiteDir: filepath.Join(dir, "site"), ThemesDir: themesDir, Now: now,
	})
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

func skip10k(b *testing.B, n int) {
	if n >= 10_000 && testing.Short() {
		b.Skip("10k-article benchmark skipped in -short mode")
	}
}

// measure runs op in a b.Loop and reports, beside ns/op, the articles
// per second and the CPU seconds per op (user + system, all threads).
func measure(b *testing.B, n int, op func()) {
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		op()
	}
	cpu = cpuTime() - cpu
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

func benchBuild(b *testing.B, n int) {
	skip10k(b, n)
	dir := corpusDir(b, n)
	var pages int
	measure(b, n, func() { pages = build(b, dir).Pages })
	b.ReportMetric(float64(pages), "pages")
}

func BenchmarkBuild1k(b *testing.B)  { benchBuild(b, 1_000) }
func BenchmarkBuild10k(b *testing.B) { benchBuild(b, 10_000) }

// stream builds the site in dir as `byline build` does, each page handed
// on as it is rendered, and throws the pages away, as the goldmark floors
// throw their HTML away: the build without the writing of files.
func stream(tb testing.TB, dir string) int {
	p, err := generator.Prepare(context.Background(), generator.Options{
		SiteDir: filepath.Join(dir, "site"), ThemesDir: themesDir, Now: now,
	})
	if err != nil {
		tb.Fatal(err)
	}
	var handed atomic.Int64
	res, err := p.Stream(context.Background(), func(f render.File) error {
		handed.Add(int64(len(f.Data)))
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if handed.Load() == 0 {
		tb.Fatal("the streamed build handed on no bytes")
	}
	return res.Pages
}

func benchStream(b *testing.B, n int) {
	skip10k(b, n)
	dir := corpusDir(b, n)
	var pages int
	measure(b, n, func() { pages = stream(b, dir) })
	b.ReportMetric(float64(pages), "pages")
}

// BenchmarkStream1k and BenchmarkStream10k time the build of `byline
// build`: BenchmarkBuild's work, without keeping every page in memory.
func BenchmarkStream1k(b *testing.B)  { benchStream(b, 1_000) }
func BenchmarkStream10k(b *testing.B) { benchStream(b, 10_000) }

// BenchmarkBuildAndPublish10k publishes every build into a fresh folder,
// as a first deploy does.
func BenchmarkBuildAndPublish10k(b *testing.B) {
	const n = 10_000
	skip10k(b, n)
	dir := corpusDir(b, n)
	outs := b.TempDir()
	var pages, i int
	measure(b, n, func() {
		res := build(b, dir)
		if _, err := generator.Publish(res, filepath.Join(outs, fmt.Sprint("public-", i))); err != nil {
			b.Fatal(err)
		}
		pages, i = res.Pages, i+1
	})
	b.ReportMetric(float64(pages), "pages")
}

// BenchmarkRenderStage10k times the render stage alone: every file of a
// 10k-article site rendered from a site model and templates made before
// the timer starts (a new one each time, so that no cached card or feed
// entry carries over). Beside the floors, it bounds what the build could
// reach if loading and Markdown cost nothing.
func BenchmarkRenderStage10k(b *testing.B) {
	const n = 10_000
	skip10k(b, n)
	dir := corpusDir(b, n)
	b.ReportAllocs()
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		p, err := generator.Prepare(context.Background(), generator.Options{
			SiteDir: filepath.Join(dir, "site"), ThemesDir: themesDir, Now: now,
		})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC() // the garbage of Prepare is not the render stage's
		b.StartTimer()
		start := cpuTime()
		if _, err := p.Render(context.Background()); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - start
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// benchGoldmark times "goldmark alone" from design §7: read every article,
// split off its front matter, convert the body with md on GOMAXPROCS
// workers, and throw the HTML away.
func benchGoldmark(b *testing.B, n int, md goldmark.Markdown) {
	skip10k(b, n)
	articles := filepath.Join(corpusDir(b, n), "site", "articles")
	measure(b, n, func() { goldmarkAlone(b, articles, md) })
}

func goldmarkAlone(b *testing.B, articles string, md goldmark.Markdown) {
	paths, err := markdownFiles(articles)
	if err != nil {
		b.Fatal(err)
	}
	if err := convertAll(md, paths); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRatio10k runs a full build of the 10k corpus, as `byline
// build` makes it (streamed, see stream), and both goldmark floors on its
// files, one after the other in each iteration, so that the machine's
// drift (±20% over a day here) touches all three alike, and reports the
// build's wall time as a multiple of each floor's: design §7's target is
// 1.5 (aim 1.25). Its ns/op is the three together.
func BenchmarkRatio10k(b *testing.B) {
	const n = 10_000
	skip10k(b, n)
	dir := corpusDir(b, n)
	articles := filepath.Join(dir, "site", "articles")
	plain, format := plainGFM(), formatGoldmark()
	var buildT, plainT, formatT time.Duration
	timed := func(op func()) time.Duration {
		start := time.Now()
		op()
		return time.Since(start)
	}
	for b.Loop() {
		buildT += timed(func() { stream(b, dir) })
		plainT += timed(func() { goldmarkAlone(b, articles, plain) })
		formatT += timed(func() { goldmarkAlone(b, articles, format) })
	}
	b.ReportMetric(buildT.Seconds()/float64(b.N), "build-s")
	b.ReportMetric(buildT.Seconds()/plainT.Seconds(), "x-plain-floor")
	b.ReportMetric(buildT.Seconds()/formatT.Seconds(), "x-format-floor")
}

// plainGFM is the stricter floor: goldmark with GFM only.
func plainGFM() goldmark.Markdown { return goldmark.New(goldmark.WithExtensions(extension.GFM)) }

// formatGoldmark is goldmark configured, from its own extensions, for
// every Markdown feature Byline's format has: GFM, footnotes, definition
// lists, typographic punctuation, heading IDs and code highlighted by
// chroma with CSS classes (goldmark-highlighting). It is what a site
// generator built on goldmark cannot do without.
func formatGoldmark() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer,
			highlighting.NewHighlighting(highlighting.WithFormatOptions(chromahtml.WithClasses(true)))),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

func BenchmarkGoldmarkFloor1k(b *testing.B)   { benchGoldmark(b, 1_000, plainGFM()) }
func BenchmarkGoldmarkFloor10k(b *testing.B)  { benchGoldmark(b, 10_000, plainGFM()) }
func BenchmarkGoldmarkFormat1k(b *testing.B)  { benchGoldmark(b, 1_000, formatGoldmark()) }
func BenchmarkGoldmarkFormat10k(b *testing.B) { benchGoldmark(b, 10_000, formatGoldmark()) }

func markdownFiles(dir string) ([]string, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			paths = append(paths, path)
		}
		return err
	})
	return paths, err
}

var (
	fmOpen  = []byte("---\n")
	fmClose = []byte("\n---\n")
)

func convertAll(md goldmark.Markdown, paths []string) error {
	var (
		next  atomic.Int64
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var out bytes.Buffer
			for {
				i := int(next.Add(1) - 1)
				if i >= len(paths) {
					return
				}
				if err := convert(md, paths[i], &out); err != nil {
					once.Do(func() { first = err })
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

func convert(md goldmark.Markdown, path string, out *bytes.Buffer) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	body, ok := bytes.CutPrefix(data, fmOpen)
	end := bytes.Index(body, fmClose)
	if !ok || end < 0 {
		return fmt.Errorf("%s: no front matter", path)
	}
	out.Reset()
	return md.Convert(body[end+len(fmClose):], out)
}

var linkRE = regexp.MustCompile(`\]\(/articles/([a-z0-9-]+)/\)`)

// TestCorpusBuilds checks that the generator writes a site Byline builds
// cleanly: no errors, no warnings, a page per article, and every link
// between articles landing on a built page.
func TestCorpusBuilds(t *testing.T) {
	dir := t.TempDir()
	const n = 200
	if err := corpus.Write(dir, corpus.Options{Articles: n, Seed: 3, Authors: 15, Tags: 40}); err != nil {
		t.Fatal(err)
	}
	res := build(t, dir)
	for _, w := range res.Warnings {
		t.Errorf("warning: %v", w)
	}
	built := map[string]bool{}
	for _, f := range res.Files {
		built[f.Path] = true
	}
	articles, err := markdownFiles(filepath.Join(dir, "site", "articles"))
	if err != nil {
		t.Fatal(err)
	}
	if len(articles) != n {
		t.Fatalf("%d article files, want %d", len(articles), n)
	}
	for _, path := range articles {
		slug := strings.TrimSuffix(filepath.Base(path), ".md")
		if !built["articles/"+slug+"/index.html"] {
			t.Errorf("no page built for %s", path)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range linkRE.FindAllSubmatch(data, -1) {
			if !built["articles/"+string(m[1])+"/index.html"] {
				t.Errorf("%s: link to /articles/%s/, which was not built", path, m[1])
			}
		}
	}
	if res.Pages < n {
		t.Errorf("%d pages for %d articles", res.Pages, n)
	}
}
