package watch

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// earlyRun runs RunEarly on w in the background with the given settle
// and prepare, and stops it when the test ends. Each prepare's commit
// sends its batch on the returned channel.
type earlyRun struct {
	commits  chan Batch
	prepares atomic.Int32
	running  atomic.Int32
}

func runEarly(t *testing.T, w *Watcher, settle time.Duration, prepare func(ctx context.Context, n int32, b Batch)) *earlyRun {
	t.Helper()
	r := &earlyRun{commits: make(chan Batch, 10)}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() {
		RunEarly(ctx, w, time.Time{}, settle, func(ctx context.Context, b Batch) func() time.Time {
			if r.running.Add(1) != 1 {
				t.Error("two prepares at once")
			}
			defer r.running.Add(-1)
			prepare(ctx, r.prepares.Add(1), b)
			return func() time.Time {
				if r.running.Load() != 0 {
					t.Error("a commit while a prepare runs")
				}
				r.commits <- b
				return time.Time{}
			}
		})
	})
	t.Cleanup(func() { cancel(); wg.Wait() })
	return r
}

func (r *earlyRun) commit(t *testing.T) Batch {
	t.Helper()
	select {
	case b := <-r.commits:
		return b
	case <-time.After(10 * time.Second):
		t.Fatal("no commit")
		return Batch{}
	}
}

func (r *earlyRun) noCommit(t *testing.T, d time.Duration) {
	t.Helper()
	select {
	case b := <-r.commits:
		t.Errorf("another commit, of %v", b.Paths)
	case <-time.After(d):
	}
}

// TestRunEarlyOverlapsTheWait: the build starts at the first pause in the
// events, long before the folders have settled, and is shown only once
// they have.
func TestRunEarlyOverlapsTheWait(t *testing.T) {
	w, dir := start(t, Options{Quiet: time.Millisecond})
	const settle = 400 * time.Millisecond
	var started atomic.Int64
	r := runEarly(t, w, settle, func(ctx context.Context, n int32, b Batch) {
		started.CompareAndSwap(0, time.Now().UnixNano())
	})
	t0 := time.Now()
	write(t, filepath.Join(dir, "a.md"), "changed")
	b := r.commit(t)
	if took := time.Since(t0); took < settle {
		t.Errorf("committed %v after the change, before the folders settled (%v)", took, settle)
	}
	if got := b.Rel(dir); !slices.Equal(got, []string{"a.md"}) {
		t.Errorf("paths = %v, want [a.md]", got)
	}
	if s := time.Unix(0, started.Load()).Sub(t0); s >= settle {
		t.Errorf("the build started %v after the change; it should not wait for the folders to settle", s)
	}
	r.noCommit(t, 2*settle)
	if n := r.prepares.Load(); n != 1 {
		t.Errorf("%d prepares for one change, want 1", n)
	}
}

// TestRunEarlyStartsAgain: a change while a build is being prepared ends
// that build (its context is done) and prepares another with both
// changes; only that one is shown.
func TestRunEarlyStartsAgain(t *testing.T) {
	w, dir := start(t, Options{Quiet: time.Millisecond})
	inFirst := make(chan struct{})
	var cancelled atomic.Bool
	r := runEarly(t, w, 50*time.Millisecond, func(ctx context.Context, n int32, b Batch) {
		if n == 1 {
			close(inFirst)
			select {
			case <-ctx.Done():
				cancelled.Store(true)
			case <-time.After(10 * time.Second):
			}
		}
	})
	write(t, filepath.Join(dir, "a.md"), "1")
	<-inFirst
	write(t, filepath.Join(dir, "b.md"), "2")
	b := r.commit(t)
	if !cancelled.Load() {
		t.Error("the first prepare's context was not done by the second change")
	}
	if got := b.Rel(dir); !slices.Equal(got, []string{"a.md", "b.md"}) {
		t.Errorf("committed paths = %v, want [a.md b.md]: the changes since the last commit", got)
	}
	r.noCommit(t, 300*time.Millisecond)
}

// TestRunEarlyDropsAnUnsettledBuild: a change after a build was prepared
// but before the folders settled drops that build unseen.
func TestRunEarlyDropsAnUnsettledBuild(t *testing.T) {
	w, dir := start(t, Options{Quiet: time.Millisecond})
	firstDone := make(chan struct{})
	r := runEarly(t, w, time.Second, func(ctx context.Context, n int32, b Batch) {
		if n == 1 {
			close(firstDone)
		}
	})
	write(t, filepath.Join(dir, "a.md"), "1")
	<-firstDone
	time.Sleep(50 * time.Millisecond) // prepared, not settled
	write(t, filepath.Join(dir, "b.md"), "2")
	b := r.commit(t)
	if got := b.Rel(dir); !slices.Equal(got, []string{"a.md", "b.md"}) {
		t.Errorf("committed paths = %v, want [a.md b.md]: the first build should be dropped", got)
	}
	r.noCommit(t, 1500*time.Millisecond)
	if n := r.prepares.Load(); n != 2 {
		t.Errorf("%d prepares, want 2", n)
	}
}

// TestRunEarlyWakes: a commit that asks to run again at a time gets a
// Clock batch then, without any change.
func TestRunEarlyWakes(t *testing.T) {
	w, dir := start(t, Options{Quiet: time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	batches := make(chan Batch, 10)
	n := 0
	done := make(chan struct{})
	go func() {
		defer close(done)
		RunEarly(ctx, w, time.Time{}, 30*time.Millisecond, func(ctx context.Context, b Batch) func() time.Time {
			return func() time.Time {
				batches <- b
				if n++; n == 1 {
					return time.Now().Add(200 * time.Millisecond)
				}
				return time.Time{}
			}
		})
	}()
	write(t, filepath.Join(dir, "a.md"), "1")
	for i, want := range []bool{false, true} {
		select {
		case b := <-batches:
			if b.Clock != want {
				t.Errorf("commit %d: Clock = %v, want %v", i+1, b.Clock, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("commit %d never came", i+1)
		}
	}
	select {
	case b := <-batches:
		t.Errorf("a commit without a change or wake time: %+v", b)
	case <-time.After(400 * time.Millisecond):
	}
	cancel()
	<-done
}

// TestCloseEndsRunEarly: closing the watcher ends RunEarly, which waits
// for the prepare in progress to see its context end.
func TestCloseEndsRunEarly(t *testing.T) {
	w, dir := start(t, Options{Quiet: time.Millisecond})
	inPrepare := make(chan struct{})
	var sawEnd atomic.Bool
	done := make(chan struct{})
	go func() {
		defer close(done)
		RunEarly(context.Background(), w, time.Time{}, 0, func(ctx context.Context, b Batch) func() time.Time {
			close(inPrepare)
			<-ctx.Done()
			sawEnd.Store(true)
			return func() time.Time { t.Error("a commit after Close"); return time.Time{} }
		})
	}()
	write(t, filepath.Join(dir, "a.md"), "1")
	<-inPrepare
	must(t, w.Close())
	<-done
	if !sawEnd.Load() {
		t.Error("RunEarly returned before its prepare did")
	}
}

func TestBatchMerge(t *testing.T) {
	var b Batch
	b.merge(Batch{Paths: []string{"/s/b", "/s/d"}})
	b.merge(Batch{Paths: []string{"/s/a", "/s/d", "/s/c"}, Clock: true})
	b.merge(Batch{Rescan: true})
	if want := []string{"/s/a", "/s/b", "/s/c", "/s/d"}; !slices.Equal(b.Paths, want) || !b.Rescan || !b.Clock {
		t.Errorf("merged = %+v, want paths %v, Rescan and Clock", b, want)
	}
}
