package serve

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/byline/byline/generator"
	"github.com/byline/byline/generator/render"
	"github.com/byline/byline/generator/watch"
)

// now is the builds' clock, after every date of the sample site.
var now = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

const (
	draftURL   = "/articles/what-does-a-platform-engineer-do/"
	articleURL = "/articles/what-does-a-back-end-developer-do/"
	articleMD  = "site/articles/roles/what-does-a-back-end-developer-do.md"
)

// sampleSite copies the repository's sample site into a temp dir and
// returns the options of a preview build of it.
func sampleSite(t testing.TB) (string, generator.Options) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "site"), os.DirFS("../../site")); err != nil {
		t.Fatal(err)
	}
	return dir, generator.Options{
		SiteDir: filepath.Join(dir, "site"), ThemesDir: filepath.Join(dir, "themes"),
		Drafts: true, Future: true, Now: now,
	}
}

// live is a Server on a real HTTP listener at 127.0.0.1.
type live struct {
	*Server
	http *httptest.Server
	dir  string
}

// startServer builds the site once and serves it; everything stops when
// the test ends, and no goroutine may be left behind.
func startServer(t testing.TB, dir string, opts generator.Options) *live {
	t.Helper()
	return startServerWith(t, dir, Options{Build: opts, Logf: t.Logf})
}

// startServerWith is startServer with the server's options.
func startServerWith(t testing.TB, dir string, opts Options) *live {
	t.Helper()
	before := goroutines()
	s := New(opts)
	if err := s.Rebuild(context.Background(), watch.Batch{}); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	t.Cleanup(func() {
		s.Close()
		hs.Close()
		http.DefaultClient.CloseIdleConnections()
		waitGoroutines(t, before)
	})
	return &live{Server: s, http: hs, dir: dir}
}

func waitGoroutines(t testing.TB, before int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for goroutines() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Errorf("%d goroutines left, want %d:\n%s", goroutines(), before, buf[:runtime.Stack(buf, true)])
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// goroutines counts the goroutines, leaving out the clock regexp2 (used by
// chroma) keeps running for a second after its last match.
func goroutines() int {
	buf := make([]byte, 1<<20)
	stacks := string(buf[:runtime.Stack(buf, true)])
	return runtime.NumGoroutine() - strings.Count(stacks, "regexp2/v2.runClock")
}

// get fetches a path and returns status, headers and body.
func (l *live) get(t testing.TB, p string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(l.http.URL + p)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(body)
}

// edit rewrites a file of the site dir with a replacement applied.
func edit(t testing.TB, dir, rel, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", rel, old)
	}
	writeFile(t, p, strings.Replace(string(data), old, new, 1))
}

func writeFile(t testing.TB, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

var scriptRE = regexp.MustCompile(`<script src="/_byline/reload\.js\?gen=[^"]*"></script>`)

// matchesClean checks that the server serves exactly the files of a clean
// build of the same site folder, the injected script aside.
func (l *live) matchesClean(t testing.TB, opts generator.Options) {
	t.Helper()
	opts.Cache = nil
	res, err := generator.Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("clean build: %v", err)
	}
	g := l.cur.Load()
	var want []string
	var wg sync.WaitGroup
	next := make(chan render.File)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for f := range next {
				served, err := g.file(f.Path)
				if err != nil {
					t.Errorf("%s: %v", f.Path, err)
				} else if got := scriptRE.ReplaceAll(served.data, nil); !bytes.Equal(got, f.Data) {
					t.Errorf("served %s differs from a clean build", f.Path)
				}
			}
		})
	}
	for _, f := range res.Files {
		want = append(want, f.Path)
		next <- f
	}
	close(next)
	wg.Wait()
	if got := g.prep.Paths(); !slices.Equal(got, want) {
		t.Errorf("served paths differ from a clean build's:\n got %v\nwant %v", got, want)
	}
}

// sse reads the events of a stream.
type sse struct {
	resp   *http.Response
	events chan [2]string // name, data
	wg     sync.WaitGroup
}

func (l *live) subscribe(t testing.TB, gen string) *sse {
	t.Helper()
	resp, err := http.Get(l.http.URL + EventsPath + "?gen=" + gen)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream content type %q", ct)
	}
	s := &sse{resp: resp, events: make(chan [2]string, 100)}
	s.wg.Go(func() {
		defer close(s.events)
		sc := bufio.NewScanner(resp.Body)
		var name string
		for sc.Scan() {
			line := sc.Text()
			if v, ok := strings.CutPrefix(line, "event: "); ok {
				name = v
			} else if v, ok := strings.CutPrefix(line, "data: "); ok {
				s.events <- [2]string{name, v}
			}
		}
	})
	t.Cleanup(s.close)
	return s
}

func (s *sse) close() {
	s.resp.Body.Close()
	s.wg.Wait()
}

func (s *sse) next(t testing.TB) (string, string) {
	t.Helper()
	select {
	case e, ok := <-s.events:
		if !ok {
			t.Fatal("event stream ended")
		}
		return e[0], e[1]
	case <-time.After(20 * time.Second):
		t.Fatal("no event within 20 s")
	}
	return "", ""
}
