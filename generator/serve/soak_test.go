package serve

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/byline/byline/generator"
	"github.com/byline/byline/generator/watch"
)

// smallSite writes a site of a few short articles and returns its options.
func smallSite(t testing.TB) (string, generator.Options) {
	t.Helper()
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	writeFile(t, filepath.Join(site, "config.yaml"), "title: Small\nbase_url: https://small.example/\ndefault_author: ann\n")
	writeFile(t, filepath.Join(site, "authors", "ann.md"), "---\nname: Ann\n---\nAnn writes.\n")
	for i := range 5 {
		writeFile(t, filepath.Join(site, "articles", fmt.Sprintf("a%d.md", i)),
			fmt.Sprintf("---\ntitle: Article %d\ndate: 2025-01-0%d\ntags: [go, t%d]\n---\n\nBody of article %d.\n\n## Part\n\nMore.\n", i, i+1, i%2, i))
	}
	return dir, generator.Options{SiteDir: site, ThemesDir: filepath.Join(dir, "themes"), Drafts: true, Future: true, Now: now}
}

// tinyTheme writes a theme with one small template per page kind, so that
// a rebuild costs little even under the race detector.
func tinyTheme(t testing.TB, opts *generator.Options) {
	t.Helper()
	layouts := filepath.Join(opts.ThemesDir, "tiny", "layouts")
	for _, kind := range []string{"home", "article", "list", "term", "terms", "author", "authors", "page", "search", "404"} {
		writeFile(t, filepath.Join(layouts, kind+".html"),
			"<!doctype html><html><head><title>{{ .Title }}</title></head><body><main>{{ with .Article }}{{ .Body }}{{ end }}</main></body></html>\n")
	}
	opts.Theme = "tiny"
}

// TestSoak runs 300 edit → rebuild → fetch cycles, with a page listening
// for reloads, and checks that heap and goroutines stay flat.
func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("soak test skipped in -short mode")
	}
	dir, opts := smallSite(t)
	tinyTheme(t, &opts)
	l := startServer(t, dir, opts)
	events := l.subscribe(t, l.cur.Load().id)
	p := filepath.Join(dir, "site", "articles", "a0.md")
	changed := watch.Batch{Paths: []string{p}}
	var heap0 uint64
	goroutines0 := 0
	for i := range 300 {
		text := fmt.Sprintf("Edit number %d.", i)
		writeFile(t, p, "---\ntitle: Article 0\ndate: 2025-01-01\ntags: [go]\n---\n\n"+text+"\n")
		if err := l.Rebuild(context.Background(), changed); err != nil {
			t.Fatal(err)
		}
		if name, _ := events.next(t); name != "reload" {
			t.Fatalf("cycle %d: event %q", i, name)
		}
		if code, _, body := l.get(t, "/articles/a0/"); code != 200 || !strings.Contains(body, text) {
			t.Fatalf("cycle %d: the edit is not served (%d)", i, code)
		}
		if i == 49 {
			heap0, goroutines0 = heapInUse(), runtime.NumGoroutine()
		}
	}
	heap, goroutines := heapInUse(), runtime.NumGoroutine()
	t.Logf("after 50 cycles: heap %d KiB, %d goroutines; after 300: heap %d KiB, %d goroutines",
		heap0>>10, goroutines0, heap>>10, goroutines)
	if heap > heap0+heap0/2+4<<20 {
		t.Errorf("heap grew from %d KiB to %d KiB over 250 rebuilds", heap0>>10, heap>>10)
	}
	if goroutines > goroutines0+2 {
		t.Errorf("goroutines grew from %d to %d over 250 rebuilds", goroutines0, goroutines)
	}
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
