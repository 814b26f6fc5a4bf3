package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a running command and a test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// background runs the app until the test cancels it, and returns its
// output and a func that stops it and returns the exit code.
func background(t *testing.T, args ...string) (out, errs *syncBuffer, stop func() int) {
	t.Helper()
	out, errs = new(syncBuffer), new(syncBuffer)
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() {
		app := &App{Stdout: out, Stderr: errs}
		code <- app.Run(ctx, args)
	}()
	stop = func() int {
		cancel()
		select {
		case c := <-code:
			return c
		case <-time.After(20 * time.Second):
			t.Fatalf("byline %v did not stop\nstdout:\n%s\nstderr:\n%s", args, out, errs)
			return -1
		}
	}
	t.Cleanup(func() { cancel() })
	return out, errs, stop
}

// eventually polls cond until it holds or 30 s pass.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func replaceIn(t *testing.T, p, old, new string) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil || !strings.Contains(string(data), old) {
		t.Fatalf("%s: %v, or no %q in it", p, err, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

const backEnd = "site/articles/roles/what-does-a-back-end-developer-do.md"

// openFiles counts the process's open file descriptors (Linux), or -1.
func openFiles() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}

// served waits for serve's "serving URL" line in out and returns the URL
// and a getter of pages under it (status and body).
func served(t *testing.T, out *syncBuffer) (base string, get func(p string) (int, string)) {
	t.Helper()
	urlRE := regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+/) from memory`)
	eventually(t, "the serving line", func() bool {
		m := urlRE.FindStringSubmatch(out.String())
		if m != nil {
			base = m[1]
		}
		return m != nil
	})
	return base, func(p string) (int, string) {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
}

func TestServe(t *testing.T) {
	project(t)
	fds := openFiles()
	out, errs, stop := background(t, "serve", "--addr", "127.0.0.1:0")
	base, page := served(t, out)
	eventually(t, "the draft with its banner", func() bool {
		code, body := page("articles/what-does-a-platform-engineer-do/")
		return code == 200 && strings.Contains(body, "draft-banner")
	})
	replaceIn(t, backEnd, `title: "What Does`, `title: "Served Live: What Does`)
	eventually(t, "the edit", func() bool {
		_, body := page("articles/what-does-a-back-end-developer-do/")
		return strings.Contains(body, "Served Live")
	})
	// An open page's event stream does not hold the shutdown up.
	stream, err := http.Get(base + "_byline/events")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	if code := stop(); code != 0 {
		t.Errorf("exit %d after Ctrl-C\n%s", code, errs)
	}
	if _, err := io.ReadAll(stream.Body); err != nil {
		t.Errorf("event stream after shutdown: %v", err)
	}
	http.DefaultClient.CloseIdleConnections()
	eventually(t, "the file descriptors closed", func() bool { return openFiles() <= fds })
	if _, err := os.Stat("public"); !os.IsNotExist(err) {
		t.Errorf("serve wrote public/: %v", err)
	}
}

func TestServeFlags(t *testing.T) {
	code, out, _ := run(t, "serve", "-h")
	if code != 0 || !strings.Contains(out, `"127.0.0.1:1313"`) || !strings.Contains(out, "-no-drafts") {
		t.Errorf("serve -h: exit %d\n%s", code, out)
	}
	project(t)
	if code, _, errs := run(t, "serve", "extra"); code != exitUsage {
		t.Errorf("serve extra: exit %d\n%s", code, errs)
	}
}

// settle waits until no build line was printed for a while, and returns
// the number of builds.
func settle(out *syncBuffer) int {
	n := strings.Count(out.String(), "built ")
	for {
		time.Sleep(300 * time.Millisecond)
		m := strings.Count(out.String(), "built ")
		if m == n {
			return n
		}
		n = m
	}
}

func TestBuildWatch(t *testing.T) {
	project(t)
	out, errs, stop := background(t, "build", "--watch")
	eventually(t, "the first build", func() bool { return strings.Contains(out.String(), "watching site for changes") })
	article := filepath.Join("public", "articles", "what-does-a-back-end-developer-do", "index.html")
	replaceIn(t, backEnd, `title: "What Does`, `title: "Watched: What Does`)
	eventually(t, "the edit published", func() bool {
		data, _ := os.ReadFile(article)
		return strings.Count(out.String(), "built ") >= 2 && bytes.Contains(data, []byte("Watched: What Does"))
	})
	builds := settle(out)
	// A title edit is patched into the last build, as serve does.
	if !strings.Contains(out.String(), "article text patched in)") {
		t.Errorf("the title edit was not patched in:\n%s", out)
	}
	before := snapshot(t, "public")

	replaceIn(t, backEnd, "author: maya-okafor", "author: nobody-here")
	eventually(t, "the error list", func() bool { return strings.Contains(errs.String(), "build failed: public/ unchanged") })
	if !strings.Contains(errs.String(), backEnd+":6:") {
		t.Errorf("errors do not name %s:6:\n%s", backEnd, errs)
	}
	equalTrees(t, before, snapshot(t, "public"))

	replaceIn(t, backEnd, "author: nobody-here", "author: maya-okafor")
	eventually(t, "the recovery", func() bool { return strings.Count(out.String(), "built ") > builds })
	builds = settle(out)
	if strings.Count(out.String(), "patched in") != 1 {
		t.Errorf("a build after a failed one was patched:\n%s", out)
	}

	// The build after the failure read the site: the next body edit is
	// patched into it, and the output equals a clean build's below.
	replaceIn(t, backEnd, "\n---\n", "\n---\nA new first paragraph, written while the watcher ran.\n\n")
	eventually(t, "the body edit published", func() bool {
		data, _ := os.ReadFile(article)
		return strings.Count(out.String(), "built ") > builds && bytes.Contains(data, []byte("written while the watcher ran"))
	})
	settle(out)
	if n := strings.Count(out.String(), "patched in"); n != 2 {
		t.Errorf("%d builds patched, want 2:\n%s", n, out)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d after Ctrl-C\n%s", code, errs)
	}
	if _, err := os.Stat("public/articles/what-does-a-platform-engineer-do"); err == nil {
		t.Error("build --watch published a draft")
	}
	// The watched output equals a clean build of the same files.
	if code, _, errs := run(t, "build", "--out", "clean"); code != 0 {
		t.Fatal(errs)
	}
	equalTrees(t, snapshot(t, "clean"), snapshot(t, "public"))
}

// TestBuildWatchSchedule: build --watch publishes a scheduled article when
// its date comes, and takes one down when it expires, though no file
// changes: its output stays that of a clean build at the time.
func TestBuildWatchSchedule(t *testing.T) {
	project(t)
	now := time.Now().UTC()
	soon, later := now.Add(3*time.Second).Format(time.RFC3339), now.Add(6*time.Second).Format(time.RFC3339)
	article := func(title, extra string) string {
		return "---\ntitle: " + title + "\ndate: " + extra + "\nauthor: maya-okafor\n---\nA short note.\n"
	}
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site/articles/scheduled-note.md", article("Scheduled Note", soon))
	write("site/articles/expiring-note.md", article("Expiring Note", "2026-01-01\nexpires: "+later))
	out, errs, stop := background(t, "build", "--watch")
	eventually(t, "the first build", func() bool { return strings.Contains(out.String(), "watching site for changes") })
	exists := func(slug string) bool {
		_, err := os.Stat(filepath.Join("public", "articles", slug, "index.html"))
		return err == nil
	}
	if exists("scheduled-note") || !exists("expiring-note") {
		t.Fatalf("first build: scheduled published %v, expiring published %v", exists("scheduled-note"), exists("expiring-note"))
	}
	eventually(t, "the scheduled article", func() bool { return exists("scheduled-note") })
	if !exists("expiring-note") {
		t.Error("the expiring article went before its time")
	}
	eventually(t, "the expiry", func() bool { return !exists("expiring-note") })
	if !strings.Contains(out.String(), "building again: the time of a scheduled or expiring article has come") {
		t.Errorf("no word of the timed builds:\n%s", out)
	}
	settle(out)
	if code := stop(); code != 0 {
		t.Errorf("exit %d after Ctrl-C\n%s", code, errs)
	}
	if code, _, errs := run(t, "build", "--out", "clean"); code != 0 {
		t.Fatal(errs)
	}
	equalTrees(t, snapshot(t, "clean"), snapshot(t, "public"))
}
