package serve

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/byline/byline/generator/watch"
)

// TestBodyEditsArePatched follows edits through Rebuild: an edit to an
// article's body or title alone is patched into the served build (no load
// or assemble), anything else, or any edit while the last build failed, is
// built in full; each time the server serves what a clean build makes.
func TestBodyEditsArePatched(t *testing.T) {
	dir, opts := sampleSite(t)
	l := startServer(t, dir, opts)
	// Render every file once, so that cached cards and feed entries exist.
	l.matchesClean(t, opts)
	article := filepath.Join(dir, articleMD)
	changed := watch.Batch{Paths: []string{article}}
	author := filepath.Join(dir, "site", "authors", "maya-okafor.md")
	steps := []struct {
		name        string
		file        string // under dir; articleMD when ""
		old, new    string
		batch       watch.Batch
		fails       bool
		wantPatches int
		served      string // in the article page after the step
	}{
		{"body", "", "## ", "A paragraph written after the build.\n\n## ", changed, false, 1, "A paragraph written after"},
		{"body again", "", "A paragraph written", "A sentence written", changed, false, 2, "A sentence written after"},
		{"title", "", `title: "`, `title: "Edited: `, changed, false, 3, "Edited: "},
		{"tags", "", `tags: [Back End, `, `tags: [Edited Topic, Back End, `, changed, false, 3, "Edited Topic"},
		{"body with a theme file", "", "A sentence", "One sentence", watch.Batch{Paths: []string{article, filepath.Join(dir, "themes", "x.html")}}, false, 3, "One sentence"},
		{"broken body", "", "## ", "## One {#same}\n\n## Two {#same}\n\n## ", changed, true, 3, ""},
		{"fixed body, after a failure", "", "## One {#same}\n\n## Two {#same}\n\n", "", changed, false, 3, "One sentence"},
		{"body after recovery", "", "One sentence", "The last sentence", changed, false, 4, "The last sentence"},
		{"broken author", "site/authors/maya-okafor.md", `name: "Maya Okafor"`, `name: [`, watch.Batch{Paths: []string{author}}, true, 4, ""},
		{"body while the author is broken", "", "The last sentence", "A later sentence", changed, true, 4, ""},
		{"fixed author", "site/authors/maya-okafor.md", `name: [`, `name: "Maya Okafor"`, watch.Batch{Paths: []string{author}}, false, 4, "A later sentence"},
	}
	for _, st := range steps {
		gen := l.cur.Load().id
		events := l.subscribe(t, gen)
		file := cmp.Or(st.file, articleMD)
		edit(t, dir, file, st.old, st.new)
		err := l.Rebuild(context.Background(), st.batch)
		if (err != nil) != st.fails {
			t.Fatalf("%s: Rebuild: %v", st.name, err)
		}
		l.mu.Lock()
		patches := l.patches
		l.mu.Unlock()
		if patches != st.wantPatches {
			t.Errorf("%s: %d patches so far, want %d", st.name, patches, st.wantPatches)
		}
		name, data := events.next(t)
		if name == "error" && !st.fails {
			name, data = events.next(t) // the stream starts with the last failure
		}
		events.close()
		if st.fails {
			if name != "error" {
				t.Errorf("%s: event %s, want error", st.name, name)
			}
			continue
		}
		if name != "reload" || data == gen {
			t.Errorf("%s: event %s %s, want a reload to a new build", st.name, name, data)
		}
		if _, _, body := l.get(t, articleURL); !strings.Contains(body, st.served) {
			t.Errorf("%s: the edit is not served", st.name)
		}
		l.matchesClean(t, opts)
	}
}

// TestPatchedEditsWarn: a patched edit's links are checked as a build's
// are, and the warnings are logged when they change.
func TestPatchedEditsWarn(t *testing.T) {
	dir, opts := sampleSite(t)
	var mu sync.Mutex
	var log strings.Builder
	l := startServerWith(t, dir, Options{Build: opts, Logf: func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(&log, format+"\n", args...)
	}})
	const warning = `what-does-a-back-end-developer-do.md:36:5: warning: link to "what-does-a-qa-engineer-do.md#pyramids": `
	changed := watch.Batch{Paths: []string{filepath.Join(dir, articleMD)}}
	for i, st := range []struct{ old, new string }{
		{"## The short answer", "See [the pyramid](what-does-a-qa-engineer-do.md#pyramids).\n\n## The short answer"},
		{"See [the pyramid]", "See [a pyramid]"}, // the same warning: not logged again
		{"See [a pyramid](what-does-a-qa-engineer-do.md#pyramids).", "No link."},
	} {
		edit(t, dir, articleMD, st.old, st.new)
		if err := l.Rebuild(context.Background(), changed); err != nil {
			t.Fatal(err)
		}
		l.mu.Lock()
		patches := l.patches
		l.mu.Unlock()
		mu.Lock()
		got := strings.Count(log.String(), warning)
		mu.Unlock()
		if patches != i+1 || got != 1 {
			t.Errorf("edit %d: %d patches, the warning logged %d times, want %d and 1", i+1, patches, got, i+1)
		}
		if want := i < 2; strings.Contains(fmt.Sprint(l.cur.Load().prep.Warnings), "#pyramids") != want {
			t.Errorf("edit %d: warnings %v", i+1, l.cur.Load().prep.Warnings)
		}
	}
}

// TestNoPatchAfterADroppedBuild: a build that read the site but was never
// committed (watch.RunEarly drops one when a change comes before the
// folders settle) leaves the content cache ahead of the build in service,
// so the next edit, though to the body alone, is built in full: patching
// it would serve the dropped build's new tag in the article but on no list.
func TestNoPatchAfterADroppedBuild(t *testing.T) {
	dir, opts := sampleSite(t)
	l := startServer(t, dir, opts)
	changed := watch.Batch{Paths: []string{filepath.Join(dir, articleMD)}}
	edit(t, dir, articleMD, `tags: [Back End, `, `tags: [Dropped Topic, Back End, `)
	if _, err := l.Prepare(context.Background(), changed); err != nil { // never committed
		t.Fatal(err)
	}
	edit(t, dir, articleMD, "## ", "A paragraph written after the build.\n\n## ")
	commit, err := l.Prepare(context.Background(), changed)
	if err != nil {
		t.Fatal(err)
	}
	commit()
	if l.patches != 0 {
		t.Error("the body edit was patched into a build older than the cache")
	}
	if code, _, body := l.get(t, "/tags/dropped-topic/"); code != 200 || !strings.Contains(body, articleURL) {
		t.Errorf("the page of the dropped build's tag does not list the article (status %d)", code)
	}
	l.matchesClean(t, opts)
}

// TestPatchWhileServing patches an article again and again while clients
// fetch pages that show it; run with -race, it checks that a patch waits
// for the renders in progress.
func TestPatchWhileServing(t *testing.T) {
	dir, opts := smallSite(t)
	l := startServer(t, dir, opts)
	p := filepath.Join(dir, "site", "articles", "a0.md")
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, url := range []string{"/articles/a0/", "/", "/feed.xml", "/tags/go/", "/search-index.json"} {
		wg.Go(func() {
			for ctx.Err() == nil {
				if code, _, _ := l.get(t, url); code != 200 {
					t.Errorf("%s: %d", url, code)
					return
				}
			}
		})
	}
	const edits = 40
	for i := range edits {
		writeFile(t, p, fmt.Sprintf("---\ntitle: Article 0\ndate: 2025-01-01\ntags: [go, t0]\n---\n\nEdit number %d.\n%s\n", i, strings.Repeat("Word ", i*40)))
		if err := l.Rebuild(ctx, watch.Batch{Paths: []string{p}}); err != nil {
			t.Fatal(err)
		}
	}
	stop()
	wg.Wait()
	l.mu.Lock()
	patches := l.patches
	l.mu.Unlock()
	if patches != edits {
		t.Errorf("%d of %d edits patched", patches, edits)
	}
	l.matchesClean(t, opts)
}
