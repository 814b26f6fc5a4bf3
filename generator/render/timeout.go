package render

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/theme"
)

// PageTimeout is how long the templates of one page may run. A real page
// takes a millisecond or so; only a range or call that repeats without end
// comes near it (one that writes as it goes is stopped sooner, by
// theme.MaxOutput).
//
// The theme's time limit, which must be the same (theme.SetTimeLimit),
// stops a page's run within a few writes once it passes it, and every
// range writes on each pass; the page's error (theme.ErrOverdue) names
// the range it was in, when it was in one. Render then starts no more
// pages, since the next may take as long, and File fails at once for that
// path from then on.
//
// Only a function call that does not return keeps a run from its next
// write; text/template cannot be stopped from outside. A page still
// running half as long again (giveUpAfter) is given up on and left running
// on its goroutine, its output never used; the renderer is then stuck (see
// Stuck).
const PageTimeout = 30 * time.Second

// giveUpAfter is how long a page may run before the renderer gives up on it.
func (r *Renderer) giveUpAfter() time.Duration { return r.timeout + r.timeout/2 }

// Stuck reports whether a page of r was given up on and left running: the
// site model it reads must not change any more. Render starts no more
// pages then, and File fails at once for that path.
func (r *Renderer) Stuck() bool { return r.stuck.Load() }

// RenderEach renders every output file on all cores and hands each to emit
// as soon as it is made, in no particular order; emit is called from several
// goroutines at once. It stops early when ctx is done, without waiting for
// the pages in progress, and when a page runs past the time limit, without
// waiting for that page; emit is never called for a page not waited for.
func (r *Renderer) RenderEach(ctx context.Context, th *theme.Theme, list *diag.List, emit func(File)) {
	r.renderEach(ctx, th, list, false, false, emit)
}

// StreamEach is RenderEach for an emit that keeps no file's data: a page's
// Data is then the memory of the goroutine that rendered it, valid only
// until emit returns, and a build allocates no memory for its pages.
func (r *Renderer) StreamEach(ctx context.Context, th *theme.Theme, list *diag.List, emit func(File)) {
	r.renderEach(ctx, th, list, true, false, emit)
}

// CheckEach renders every output file and keeps none, reporting the pages'
// problems to list. Unlike StreamEach, it waits for the pages in progress
// when ctx ends (a page past the time limit is still given up on), so a
// check stopped for an edit leaves r patchable (see Stuck).
func (r *Renderer) CheckEach(ctx context.Context, th *theme.Theme, list *diag.List) {
	r.renderEach(ctx, th, list, true, true, func(File) {})
}

func (r *Renderer) renderEach(ctx context.Context, th *theme.Theme, list *diag.List, borrowed, waitOnCancel bool, emit func(File)) {
	var (
		errs    pageErrors
		next    = &dispatch{n: int64(len(r.jobs))}
		workers = make([]worker, runtime.GOMAXPROCS(0))
		exited  = make(chan struct{}, len(workers))
		tick    = time.NewTicker(max(r.giveUpAfter()/4, time.Millisecond))
	)
	defer tick.Stop()
	for w := range workers {
		go func() {
			r.work(th, &workers[w], next, &errs, list, borrowed, emit)
			// A worker given up on is counted as stuck, whether or not its
			// page ever ends: were its end counted too, the wait below
			// could end while another worker still renders.
			if workers[w].began.Load() != -1 {
				exited <- struct{}{}
			}
		}()
	}
	// The workers take the jobs in order until there are none left or next
	// is stopped: when a worker is given up on, when a page overruns the
	// time limit (the worker that saw it stops next), or when ctx ends.
	stuck := 0
	done := ctx.Done()
	// live counts the workers that have not ended, stuck ones among them.
	for live := len(workers); live > stuck; {
		select {
		case <-exited:
			live--
		case <-tick.C:
			if stuck = r.overdue(th, workers, &errs); stuck > 0 {
				next.stop.Store(true)
			}
		case <-done:
			next.stop.Store(true)
			done = nil
			if !waitOnCancel { // else the pages in progress end, or overdue gives up on them
				stuck = r.abandon(workers)
			}
		}
	}
	errs.flush(list)
}

// abandon gives up on the pages in progress, once the render is stopped,
// and returns how many workers are given up on in all. r is then stuck,
// since those pages may still read the model.
func (r *Renderer) abandon(workers []worker) (n int) {
	for i := range workers {
		w := &workers[i]
		if began := w.began.Load(); began > 0 && w.began.CompareAndSwap(began, -1) {
			r.stuck.Store(true)
		}
		if w.began.Load() == -1 {
			n++
		}
	}
	return n
}

// dispatch hands out the indexes of a render's jobs, in order, to the
// workers that ask, without a goroutine in between: a channel's hand-off
// left a core idle for a moment at each of the ~19,000 pages of a 10k
// site.
type dispatch struct {
	next atomic.Int64
	n    int64
	stop atomic.Bool // no more jobs are handed out
}

// take returns the next job's index, or false when there is none left or
// d is stopped.
func (d *dispatch) take() (int, bool) {
	if d.stop.Load() {
		return 0, false
	}
	i := d.next.Add(1) - 1
	if i >= d.n {
		return 0, false
	}
	return int(i), true
}

// worker is the state of one of RenderEach's goroutines: the job it runs
// and when it began, 0 when idle, -1 once given up on.
type worker struct {
	job   atomic.Int64
	began atomic.Int64
}

// work renders the jobs it takes from next until there are none or next is
// stopped, or until the page it runs is given up on, when it returns as
// soon as the page ends, if ever.
func (r *Renderer) work(th *theme.Theme, w *worker, next *dispatch, errs *pageErrors, list *diag.List, borrowed bool, emit func(File)) {
	buf := new(bytes.Buffer)
	var out *[]byte // a page's output, when borrowed
	if borrowed {
		out = new([]byte)
	}
	for {
		if errs.overran.Load() {
			next.stop.Store(true) // see PageTimeout: the render ends
		}
		i, ok := next.take()
		if !ok {
			return
		}
		w.job.Store(int64(i))
		var began int64 // a resized image or a card runs no template: never overdue
		if !r.jobs[i].resized && !r.jobs[i].card {
			began = time.Now().UnixNano()
		}
		w.began.Store(began)
		// The page's problems are its own until it is known to count: a
		// page given up on, already reported, may still end (at the
		// theme's time limit) after the render has returned.
		var pageErrs pageErrors
		var pageList diag.List
		f, _ := r.run(th, r.jobs[i], buf, out, &pageErrs, &pageList, false)
		if !w.began.CompareAndSwap(began, 0) {
			return // overdue gave up on it
		}
		errs.merge(&pageErrs)
		list.Merge(&pageList)
		emit(f)
	}
}

// overdue gives up on the pages that have run past the time limit,
// reporting each, and returns how many workers are stuck in all.
func (r *Renderer) overdue(th *theme.Theme, workers []worker, errs *pageErrors) (stuck int) {
	now := time.Now().UnixNano()
	for i := range workers {
		w := &workers[i]
		began := w.began.Load()
		if began > 0 && now-began > int64(r.giveUpAfter()) && w.began.CompareAndSwap(began, -1) {
			j := r.jobs[w.job.Load()]
			errs.add(r.giveUp(th, j), j.path)
		}
		if w.began.Load() == -1 {
			stuck++
		}
	}
	return stuck
}

// execute runs the templates of a page into buf under the time limit, on a
// goroutine of its own so that File can return if they never end; the
// caller must then not touch buf again.
func (r *Renderer) execute(th *theme.Theme, buf *bytes.Buffer, j job, data any) (err error, abandoned bool) {
	done := make(chan error, 1)
	go func() { done <- th.Execute(buf, j.kind, data) }()
	timer := time.NewTimer(r.giveUpAfter())
	defer timer.Stop()
	select {
	case err := <-done:
		return err, false
	case <-timer.C:
		return r.giveUp(th, j), true
	}
}

// giveUp marks r stuck, and returns the error of page j, which ran past
// the time limit; File returns it from then on instead of starting j again.
func (r *Renderer) giveUp(th *theme.Theme, j job) *diag.Diagnostic {
	d := &diag.Diagnostic{
		Pos: diag.Pos{Path: th.KindFile(j.kind)},
		Msg: fmt.Sprintf("the page's templates ran for more than %v and were given up on: look in this template, and those it calls, for a call that does not return, or a range or call that repeats without end", r.giveUpAfter()),
	}
	r.timedOut.Store(j.path, d)
	r.stuck.Store(true)
	return d
}
