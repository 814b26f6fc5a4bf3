package watch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// start watches a fresh temp dir holding a.md; it checks for leaked
// goroutines when the test ends.
func start(t *testing.T, opts Options) (*Watcher, string) {
	t.Helper()
	before := runtime.NumGoroutine()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.md"), "a")
	w, err := New([]string{dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Error(err)
		}
		noLeak(t, before)
	})
	return w, dir
}

// noLeak waits for the goroutine count to come back to before.
func noLeak(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines, want %d:\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// collect gathers batches until want paths (relative to dir) were all
// reported, then for a further settle period, and returns the batches.
func collect(t *testing.T, w *Watcher, dir string, settle time.Duration, want ...string) []Batch {
	t.Helper()
	var got []Batch
	seen := map[string]bool{}
	missing := func() []string {
		var m []string
		for _, p := range want {
			if !seen[p] {
				m = append(m, p)
			}
		}
		return m
	}
	deadline := time.After(20 * time.Second)
	var quiet <-chan time.Time
	for {
		if quiet == nil && len(missing()) == 0 {
			quiet = time.After(settle)
		}
		select {
		case b := <-w.Batches():
			got = append(got, b)
			for _, p := range b.Rel(dir) {
				seen[p] = true
			}
		case <-quiet:
			return got
		case <-deadline:
			t.Fatalf("changes of %v not reported; batches: %v", missing(), got)
		}
	}
}

func allPaths(dir string, bs []Batch) []string {
	var out []string
	for _, b := range bs {
		for _, p := range b.Rel(dir) {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	slices.Sort(out)
	return out
}

func TestPlainWrite(t *testing.T) {
	w, dir := start(t, Options{})
	write(t, filepath.Join(dir, "a.md"), "changed")
	bs := collect(t, w, dir, 100*time.Millisecond, "a.md")
	if got := allPaths(dir, bs); !slices.Equal(got, []string{"a.md"}) {
		t.Errorf("paths = %v, want [a.md]", got)
	}
}

// vimSave saves p the way Vim does with backupcopy=no: probe the folder
// with 4913, move the file to a backup, write a new file, drop the backup.
func vimSave(t *testing.T, p, s string) {
	dir := filepath.Dir(p)
	write(t, filepath.Join(dir, "4913"), "")
	must(t, os.Remove(filepath.Join(dir, "4913")))
	write(t, filepath.Join(dir, "."+filepath.Base(p)+".swp"), "swap")
	must(t, os.Rename(p, p+"~"))
	write(t, p, s)
	must(t, os.Remove(p+"~"))
	must(t, os.Remove(filepath.Join(dir, "."+filepath.Base(p)+".swp")))
}

// jetBrainsSave saves p the way JetBrains IDEs' "safe write" does.
func jetBrainsSave(t *testing.T, p, s string) {
	write(t, p+"___jb_tmp___", s)
	must(t, os.Rename(p, p+"___jb_old___"))
	must(t, os.Rename(p+"___jb_tmp___", p))
	must(t, os.Remove(p+"___jb_old___"))
}

func TestEditorSaves(t *testing.T) {
	for name, save := range map[string]func(*testing.T, string, string){"vim": vimSave, "jetbrains": jetBrainsSave} {
		t.Run(name, func(t *testing.T) {
			w, dir := start(t, Options{})
			for i := range 3 {
				save(t, filepath.Join(dir, "a.md"), fmt.Sprint("save ", i))
				bs := collect(t, w, dir, 100*time.Millisecond, "a.md")
				if got := allPaths(dir, bs); !slices.Equal(got, []string{"a.md"}) {
					t.Errorf("save %d: paths = %v, want only a.md (temporary files ignored)", i, got)
				}
			}
		})
	}
}

func TestDeleteAndRename(t *testing.T) {
	w, dir := start(t, Options{})
	write(t, filepath.Join(dir, "b.md"), "b")
	collect(t, w, dir, 100*time.Millisecond, "b.md")
	must(t, os.Remove(filepath.Join(dir, "b.md")))
	must(t, os.Rename(filepath.Join(dir, "a.md"), filepath.Join(dir, "c.md")))
	bs := collect(t, w, dir, 100*time.Millisecond, "a.md", "b.md", "c.md")
	if got := allPaths(dir, bs); !slices.Equal(got, []string{"a.md", "b.md", "c.md"}) {
		t.Errorf("paths = %v", got)
	}
}

func TestNewNestedFolder(t *testing.T) {
	w, dir := start(t, Options{})
	// Written in one go: the file exists before the watch on c can.
	write(t, filepath.Join(dir, "a", "b", "c", "x.md"), "x")
	collect(t, w, dir, 100*time.Millisecond, "a", "a/b/c/x.md")
	// The new folders are watched now.
	write(t, filepath.Join(dir, "a", "b", "c", "y.md"), "y")
	collect(t, w, dir, 100*time.Millisecond, "a/b/c/y.md")
	// A folder moved away and back is watched under its new name only.
	must(t, os.Rename(filepath.Join(dir, "a"), filepath.Join(dir, "z")))
	collect(t, w, dir, 100*time.Millisecond, "a", "z", "z/b/c/x.md")
	write(t, filepath.Join(dir, "z", "b", "c", "x.md"), "x2")
	bs := collect(t, w, dir, 100*time.Millisecond, "z/b/c/x.md")
	for _, p := range allPaths(dir, bs) {
		if strings.HasPrefix(p, "a/") {
			t.Errorf("change reported under the folder's old name: %s", p)
		}
	}
}

func TestIgnoredFiles(t *testing.T) {
	w, dir := start(t, Options{})
	for _, name := range []string{"x.md.swp", ".x.md.swx", "x.md~", "x.md___jb_tmp___", "x___jb_old___", ".#x.md", "4913", ".hidden", "#x.md#"} {
		write(t, filepath.Join(dir, name), "tmp")
	}
	write(t, filepath.Join(dir, ".git", "HEAD"), "ref")
	write(t, filepath.Join(dir, "a.md"), "real")
	bs := collect(t, w, dir, 200*time.Millisecond, "a.md")
	if got := allPaths(dir, bs); !slices.Equal(got, []string{"a.md"}) {
		t.Errorf("paths = %v, want only a.md", got)
	}
}

func TestBurstIsCoalesced(t *testing.T) {
	w, dir := start(t, Options{Quiet: 200 * time.Millisecond, MaxLatency: 10 * time.Second})
	var want []string
	for i := range 1000 {
		name := fmt.Sprintf("d%d/f%04d.md", i%10, i)
		write(t, filepath.Join(dir, filepath.FromSlash(name)), "x")
		want = append(want, name)
	}
	bs := collect(t, w, dir, 500*time.Millisecond, want...)
	if len(bs) > 2 {
		t.Errorf("1,000 changes came in %d batches, want 1 or 2", len(bs))
	}
}

func TestOverflowMeansRescan(t *testing.T) {
	// The kernel queue cannot be overflowed on demand: drive the loop's
	// handler directly, on a watcher whose loop is not running.
	dir := t.TempDir()
	fsw, err := fsnotify.NewWatcher()
	must(t, err)
	defer fsw.Close()
	w := &Watcher{fsw: fsw, roots: []string{dir}, dirs: map[string]bool{}}
	must(t, w.addTree(dir, nil))
	write(t, filepath.Join(dir, "lost", "x.md"), "made while events were lost")
	w.problem(fsnotify.ErrEventOverflow, time.Now())
	if b := w.pending.batch(); !b.Rescan || b.Err != nil {
		t.Fatalf("batch = %+v, want a rescan without error", b)
	}
	if !w.dirs[filepath.Join(dir, "lost")] {
		t.Error("a folder made while events were lost is not watched after the rescan")
	}
}

func TestLimitMessages(t *testing.T) {
	for errno, want := range map[syscall.Errno]string{
		syscall.ENOSPC: "sudo sysctl fs.inotify.max_user_watches=",
		syscall.EMFILE: "sudo sysctl fs.inotify.max_user_instances=",
	} {
		err := explain(fmt.Errorf("add: %w", errno), "/site/articles")
		if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "/site/articles") {
			t.Errorf("%v: %v", errno, err)
		}
		if !errors.Is(err, errno) {
			t.Errorf("%v: the message does not wrap the errno", errno)
		}
	}
}

func TestRel(t *testing.T) {
	dir := t.TempDir()
	b := Batch{Paths: []string{dir, filepath.Join(dir, "articles", "x.md"), filepath.Dir(dir), dir + "x/y"}}
	if got := b.Rel(dir); !slices.Equal(got, []string{".", "articles/x.md"}) {
		t.Errorf("Rel = %v", got)
	}
}

// TestChangeDuringBuild checks that changes made while a build runs cause
// exactly one more build, and that builds never overlap.
func TestChangeDuringBuild(t *testing.T) {
	w, dir := start(t, Options{Quiet: 30 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var builds, running atomic.Int32
	inFirst, release := make(chan struct{}), make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		Run(ctx, w, time.Time{}, func(ctx context.Context, b Batch) time.Time {
			if running.Add(1) != 1 {
				t.Error("two builds at once")
			}
			defer running.Add(-1)
			if builds.Add(1) == 1 {
				close(inFirst)
				<-release
			}
			return time.Time{}
		})
	}()
	write(t, filepath.Join(dir, "a.md"), "1")
	<-inFirst
	for i := range 20 {
		write(t, filepath.Join(dir, fmt.Sprintf("n%d.md", i)), "x")
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // the pending batch is due by now
	close(release)
	deadline := time.Now().Add(10 * time.Second)
	for builds.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	if n := builds.Load(); n != 2 {
		t.Errorf("%d builds, want 2: the changes during the first build make exactly one more", n)
	}
	cancel()
	<-done
}

func TestCloseEndsRun(t *testing.T) {
	before := runtime.NumGoroutine()
	w, err := New([]string{t.TempDir(), filepath.Join(t.TempDir(), "missing")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		Run(context.Background(), w, time.Now().Add(time.Hour), func(context.Context, Batch) time.Time { return time.Time{} })
		close(done)
	}()
	must(t, w.Close())
	<-done
	must(t, w.Close()) // twice is fine
	noLeak(t, before)
}

// TestRunWakes: a build that asks to run again at a time gets a Clock
// batch then, without any change; a change before that time comes first
// and its build's answer replaces the wake time; a zero answer waits for
// changes alone.
func TestRunWakes(t *testing.T) {
	w, dir := start(t, Options{Quiet: 30 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type call struct {
		b  Batch
		at time.Time
	}
	calls := make(chan call, 10)
	start := time.Now()
	// What each build asks for, from when it runs: the first, in the past,
	// so at once (after minWake); the second 400 ms on; the third nothing.
	wakes := []time.Duration{-time.Hour, 400 * time.Millisecond, 0}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Run(ctx, w, start.Add(time.Hour), func(ctx context.Context, b Batch) time.Time {
			now := time.Now()
			calls <- call{b, now}
			next := wakes[0]
			wakes = wakes[1:]
			if next == 0 {
				return time.Time{}
			}
			return now.Add(next)
		})
	}()
	write(t, filepath.Join(dir, "a.md"), "1") // long before the first wake time
	recv := func() call {
		select {
		case c := <-calls:
			return c
		case <-time.After(10 * time.Second):
			t.Fatal("no build")
			return call{}
		}
	}
	if c := recv(); c.b.Clock || len(c.b.Paths) == 0 {
		t.Fatalf("first build: %+v, want the change", c.b)
	}
	c := recv()
	if !c.b.Clock || len(c.b.Paths) > 0 {
		t.Fatalf("second build: %+v, want a Clock batch", c.b)
	}
	c3 := recv()
	if !c3.b.Clock {
		t.Fatalf("third build: %+v, want a Clock batch", c3.b)
	}
	if gap := c3.at.Sub(c.at); gap < 300*time.Millisecond {
		t.Errorf("the third build came %v after the second, before its wake time", gap)
	}
	select {
	case c := <-calls:
		t.Errorf("a build without a change or wake time: %+v", c.b)
	case <-time.After(500 * time.Millisecond):
	}
	cancel()
	<-done
}

// TestRootAppears: a root that does not exist when the watch starts (a
// themes folder made later) is watched once it appears, with everything
// written into it before its watch existed.
func TestRootAppears(t *testing.T) {
	before := runtime.NumGoroutine()
	parent := t.TempDir()
	root := filepath.Join(parent, "themes")
	w, err := New([]string{root}, Options{})
	must(t, err)
	defer func() { must(t, w.Close()); noLeak(t, before) }()
	write(t, filepath.Join(parent, "public", "index.html"), "not watched")
	write(t, filepath.Join(root, "mine", "layouts", "baseof.html"), "v1")
	collect(t, w, root, 100*time.Millisecond, "mine/layouts/baseof.html")
	write(t, filepath.Join(root, "mine", "layouts", "baseof.html"), "v2")
	bs := collect(t, w, root, 100*time.Millisecond, "mine/layouts/baseof.html")
	for _, b := range bs {
		for _, p := range b.Paths {
			if !strings.HasPrefix(p, root) {
				t.Errorf("reported %s, outside the root", p)
			}
		}
	}
}

// TestRootMovedAwayAndBack: a root renamed away and back (or deleted and
// made again) is watched again, where its watch used to end for good.
func TestRootMovedAwayAndBack(t *testing.T) {
	w, dir := start(t, Options{})
	away := dir + "-away"
	must(t, os.Rename(dir, away))
	collect(t, w, dir, 100*time.Millisecond, ".")
	must(t, os.Rename(away, dir))
	collect(t, w, dir, 100*time.Millisecond, ".", "a.md")
	write(t, filepath.Join(dir, "sub", "b.md"), "b")
	collect(t, w, dir, 100*time.Millisecond, "sub/b.md")
	write(t, filepath.Join(dir, "a.md"), "a2")
	collect(t, w, dir, 100*time.Millisecond, "a.md")
}

// TestWellKnown: static/.well-known, which a build publishes, is watched
// though other hidden folders are not.
func TestWellKnown(t *testing.T) {
	w, dir := start(t, Options{})
	write(t, filepath.Join(dir, "static", ".well-known", "security.txt"), "v1")
	collect(t, w, dir, 100*time.Millisecond, "static/.well-known/security.txt")
	write(t, filepath.Join(dir, "static", ".well-known", "security.txt"), "v2")
	collect(t, w, dir, 100*time.Millisecond, "static/.well-known/security.txt")
}
