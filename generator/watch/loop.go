package watch

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/fsnotify/fsnotify"
)

// pending is the batch being collected.
type pending struct {
	paths  map[string]bool
	rescan bool
	err    error
	first  time.Time // when the first change came in
	last   time.Time // when the latest change came in
}

func (p *pending) empty() bool { return len(p.paths) == 0 && !p.rescan && p.err == nil }

func (p *pending) touch(now time.Time) {
	if p.empty() {
		p.first = now
	}
	p.last = now
}

func (p *pending) add(path string, now time.Time) {
	p.touch(now)
	if p.paths == nil {
		p.paths = map[string]bool{}
	}
	p.paths[path] = true
}

func (p *pending) batch() Batch {
	b := Batch{Rescan: p.rescan, Err: p.err}
	for path := range p.paths {
		b.Paths = append(b.Paths, path)
	}
	slices.Sort(b.Paths)
	return b
}

// due returns when the pending batch may be delivered.
func (w *Watcher) due() time.Time {
	quiet, latest := w.pending.last.Add(w.opts.Quiet), w.pending.first.Add(w.opts.MaxLatency)
	if latest.Before(quiet) {
		return latest
	}
	return quiet
}

// loop turns events into batches. It offers a batch on w.out only once the
// batch is due, and keeps collecting while nobody takes it.
func (w *Watcher) loop() {
	defer close(w.done)
	defer close(w.out)
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		var out chan Batch // nil, so never ready, until a batch is due
		var b Batch
		if !w.pending.empty() {
			if wait := time.Until(w.due()); wait > 0 {
				timer.Reset(wait)
			} else {
				out, b = w.out, w.pending.batch()
			}
		}
		select {
		case <-w.closing:
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			w.event(ev, time.Now())
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			w.problem(err, time.Now())
		case <-timer.C:
		case out <- b:
			w.pending = pending{}
		}
	}
}

// event records one file system event.
func (w *Watcher) event(ev fsnotify.Event, now time.Time) {
	p := filepath.Clean(ev.Name)
	if Ignored(filepath.Base(p)) || !w.inRoots(p) {
		return
	}
	w.pending.add(p, now)
	switch {
	case ev.Has(fsnotify.Remove), ev.Has(fsnotify.Rename):
		w.forget(p)
	case ev.Has(fsnotify.Create):
		if fi, err := os.Lstat(p); err == nil && fi.IsDir() {
			if err := w.addTree(p, func(found string) { w.pending.add(found, now) }); err != nil && w.pending.err == nil {
				w.pending.err = err
			}
		}
	}
}

// problem records an error of the watcher. Lost events mean anything may
// have changed, including folders that now need a watch.
func (w *Watcher) problem(err error, now time.Time) {
	w.pending.touch(now)
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		w.pending.rescan = true
		if err := w.rescanTrees(); err != nil && w.pending.err == nil {
			w.pending.err = err
		}
		return
	}
	w.pending.rescan = true
	if w.pending.err == nil {
		w.pending.err = err
	}
}
