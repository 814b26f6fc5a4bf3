package watch

import (
	"context"
	"slices"
	"time"
)

// DefaultQuiet is the default Options.Quiet, and RunEarly's default settle.
const DefaultQuiet = 20 * time.Millisecond

// RunEarly is Run for a build in two steps, which starts its work before
// the folders are still: prepare does the work of a build, and commit, the
// function it returns, shows the result. Make w with a short Options.Quiet
// (a millisecond), so that it delivers a batch at the first pause in the
// events.
//
// prepare runs on a goroutine of its own as soon as a batch comes, with
// every change since the last commit. A batch that comes while it runs
// ends its ctx, and prepare runs again, with the changes so far, once it
// has returned. A prepared build is committed, on the caller's goroutine,
// only when no batch has come for settle (zero means DefaultQuiet): a save
// in several steps is shown once, as a whole, and the wait for the folders
// to settle is spent building. Prepares never overlap, and no commit
// overlaps a prepare.
//
// As with Run, commit returns when to build again though no file changes,
// and the caller's wake is that time for a build made before RunEarly.
// RunEarly returns when ctx ends or w is closed, after the prepare in
// progress has returned.
func RunEarly(ctx context.Context, w *Watcher, wake time.Time, settle time.Duration, prepare func(context.Context, Batch) (commit func() time.Time)) {
	if settle <= 0 {
		settle = DefaultQuiet
	}
	r := &early{prepare: prepare, done: make(chan func() time.Time, 1)}
	defer r.stop()
	alarm, settled := time.NewTimer(time.Hour), time.NewTimer(time.Hour)
	defer alarm.Stop()
	defer settled.Stop()
	for {
		var alarmC, settledC <-chan time.Time // nil, so never ready
		switch {
		case r.held != nil:
			settled.Reset(time.Until(r.last.Add(settle)))
			settledC = settled.C
		case r.idle() && !wake.IsZero():
			alarm.Reset(max(time.Until(wake), minWake))
			alarmC = alarm.C
		}
		select {
		case <-ctx.Done():
			return
		case b, ok := <-w.Batches():
			if !ok || ctx.Err() != nil {
				return
			}
			r.add(ctx, b, time.Now())
		case commit := <-r.done:
			r.finished(ctx, commit)
		case <-settledC:
		case <-alarmC:
			if ctx.Err() != nil {
				return
			}
			r.add(ctx, Batch{Clock: true}, time.Time{}) // nothing to settle
		}
		if r.held != nil && time.Since(r.last) >= settle {
			wake = r.held()
			r.held, r.pending = nil, nil
		}
	}
}

// early is the state of RunEarly between events.
type early struct {
	prepare func(context.Context, Batch) func() time.Time
	done    chan func() time.Time // the running prepare's commit
	pending *Batch                // the changes since the last commit
	last    time.Time             // when the latest batch came
	cancel  context.CancelFunc    // ends the running prepare; nil when none runs
	stale   bool                  // a batch came while the running prepare ran
	held    func() time.Time      // a finished prepare's commit, waiting to settle
}

func (r *early) idle() bool { return r.pending == nil && r.cancel == nil && r.held == nil }

// add takes in a batch that came at t: it starts a prepare, or ends the
// running one so that it starts again with b too.
func (r *early) add(ctx context.Context, b Batch, t time.Time) {
	if r.pending == nil {
		r.pending = &Batch{}
	}
	r.pending.merge(b)
	r.last, r.held = t, nil
	if r.cancel != nil {
		r.stale = true
		r.cancel()
		return
	}
	r.start(ctx)
}

func (r *early) start(ctx context.Context) {
	pctx, cancel := context.WithCancel(ctx)
	r.cancel, r.stale = cancel, false
	b := *r.pending
	b.Paths = slices.Clone(b.Paths)
	go func() { r.done <- r.prepare(pctx, b) }()
}

// finished takes in the running prepare's commit: held to settle, or
// dropped, and prepare runs again, when a batch came since it started.
func (r *early) finished(ctx context.Context, commit func() time.Time) {
	r.cancel()
	r.cancel = nil
	if r.stale {
		r.start(ctx)
		return
	}
	r.held = commit
}

// stop ends the running prepare and waits for it.
func (r *early) stop() {
	if r.cancel != nil {
		r.cancel()
		<-r.done
	}
}

// merge adds the changes of c to b, keeping b's paths sorted and unique.
func (b *Batch) merge(c Batch) {
	if len(c.Paths) > 0 {
		b.Paths = append(b.Paths, c.Paths...)
		slices.Sort(b.Paths)
		b.Paths = slices.Compact(b.Paths)
	}
	b.Rescan = b.Rescan || c.Rescan
	b.Clock = b.Clock || c.Clock
	if b.Err == nil {
		b.Err = c.Err
	}
}
