package serve

import (
	"context"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/byline/byline/generator"
	"github.com/byline/byline/generator/bench/corpus"
	"github.com/byline/byline/generator/watch"
)

// BenchmarkServeEdit10k is design §7's preview goal: in a 10k-article site
// being served, edit one article on disk, rebuild with the watcher's batch
// and fetch the article's page until it shows the edit. The watcher's
// quiet period (20 ms by default) comes on top: see BenchmarkEditToPage10k. "body" edits the Markdown
// body and "title" the title, which the server patches into the build it
// serves; "front-matter" adds a tag, which needs a whole build.
//
//	go test ./generator/serve -run '^$' -bench ServeEdit10k -benchtime 10x
func BenchmarkServeEdit10k(b *testing.B) {
	if testing.Short() {
		b.Skip("10k-article benchmark skipped in -short mode")
	}
	_, opts := corpusSite(b, 10_000)
	s := New(Options{Build: opts})
	defer s.Close()
	if err := s.Rebuild(context.Background(), watch.Batch{}); err != nil {
		b.Fatal(err)
	}
	file, url := someArticle(b, opts.SiteDir)
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range edits(src) {
		name := e.name
		if name == "tag" {
			name = "front-matter"
		}
		b.Run(name, func(b *testing.B) { benchEdit(b, s, file, url, e.edit) })
	}
	if err := os.WriteFile(file, src, 0o644); err != nil {
		b.Fatal(err)
	}
}

// corpusSite writes a corpus of n articles into a temp dir and returns the
// dir and the options of a preview build of its site.
func corpusSite(b *testing.B, n int) (string, generator.Options) {
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return dir, generator.Options{
		SiteDir: filepath.Join(dir, "site"), ThemesDir: filepath.Join(dir, "themes"), Drafts: true, Future: true,
		Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
	}
}

// articleEdit is an edit of a corpus article: edit returns its text with
// text in it.
type articleEdit struct {
	name string
	edit func(text string) []byte
}

// edits are the benchmarks' kinds of edit of the article src: its body, its
// title (both patched in), and its tags (a build).
func edits(src []byte) []articleEdit {
	return []articleEdit{
		{"body", func(text string) []byte { return append(slices.Clip(src), "\n"+text+"\n"...) }},
		{"title", func(text string) []byte {
			return []byte(strings.Replace(string(src), `title: "`, `title: "`+text+" ", 1))
		}},
		{"tag", func(text string) []byte {
			return []byte(strings.Replace(string(src), "tags: [", `tags: ["`+text+`", `, 1))
		}},
	}
}

// benchEdit writes edit(text) to file, with a new text each time, rebuilds
// s and fetches url until it shows the text.
func benchEdit(b *testing.B, s *Server, file, url string, edit func(text string) []byte) {
	var rebuild time.Duration
	i := 0
	for b.Loop() {
		i++
		text := fmt.Sprintf("Edited for the benchmark, take %d.", i)
		if err := os.WriteFile(file, edit(text), 0o644); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := s.Rebuild(context.Background(), watch.Batch{Paths: []string{file}}); err != nil {
			b.Fatal(err)
		}
		rebuild += time.Since(start)
		for body := fetch(b, s, url); !strings.Contains(body, text); body = fetch(b, s, url) {
		}
	}
	b.ReportMetric(float64(rebuild.Microseconds())/1000/float64(i), "rebuild-ms/op")
}

// someArticle returns an article file of the site and its URL.
func someArticle(b *testing.B, site string) (string, string) {
	var file string
	_ = filepath.WalkDir(filepath.Join(site, "articles"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && file == "" && strings.HasSuffix(p, ".md") {
			file = p
		}
		return err
	})
	if file == "" {
		b.Fatal("no article in the corpus")
	}
	return file, "/articles/" + strings.TrimSuffix(filepath.Base(file), ".md") + "/"
}

// fetch gets a page through the handler as a request to 127.0.0.1:1313.
func fetch(b *testing.B, h http.Handler, url string) string {
	req := httptest.NewRequest("GET", url, nil)
	req.Host = "127.0.0.1:1313"
	req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey,
		&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1313}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		b.Fatalf("GET %s: %d", url, rec.Code)
	}
	return rec.Body.String()
}
