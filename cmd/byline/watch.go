package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/byline/byline/generator"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/imaging"
	"github.com/byline/byline/generator/publish"
	"github.com/byline/byline/generator/watch"
)

// watch builds and publishes like build, then again after every change of
// the site or the themes, until ctx ends (Ctrl-C). A failed build prints
// its errors and leaves the output folder as it was.
func (a *App) watch(ctx context.Context, f buildFlags) error {
	siteAbs, _ := filepath.Abs(f.site)
	if err := publish.CheckOut(f.out, f.site, filepath.Dir(siteAbs)); err != nil {
		return err
	}
	w, err := watch.New(watchRoots(f), watch.Options{})
	if err != nil {
		return err
	}
	defer w.Close()
	opts := f.options()
	opts.Cache = content.NewWatchedCache()
	opts.ImageCache = imaging.NewCache()
	opts.Earlier = f.out // for the first build: later ones have the cache
	r := &rebuilder{app: a, flags: f, opts: opts}
	wake := r.build(ctx, watch.Batch{Rescan: true})
	if !f.quiet {
		fmt.Fprintf(a.Stdout, "watching %s for changes; press Ctrl-C to stop\n", filepath.ToSlash(f.site))
	}
	watch.Run(ctx, w, wake, r.build)
	return nil
}

// rebuilder builds and publishes after each batch of changes.
type rebuilder struct {
	app      *App
	flags    buildFlags
	opts     generator.Options
	warnings string // the warnings last printed
	// last is the last build made, while no other has read the site since:
	// its model is then the site on disk but for the changes of the batches
	// after it, and an edit to article text alone is patched into it
	// (generator.Prepared.PatchArticles), as serve does, instead of
	// loading and assembling the site again.
	last *generator.Prepared
}

// It returns when the clock will change what the site publishes (an
// article's date or expiry comes), for watch.Run to build again then; zero
// after a failed build, which waits for a fix.
func (r *rebuilder) build(ctx context.Context, b watch.Batch) (wake time.Time) {
	a, f := r.app, r.flags
	start := time.Now()
	if b.Err != nil {
		fmt.Fprintln(a.Stderr, b.Err)
	}
	if b.Clock && !f.quiet {
		fmt.Fprintln(a.Stdout, "building again: the time of a scheduled or expiring article has come")
	}
	rel := b.Rel(f.site)
	if b.Rescan {
		r.opts.Cache.InvalidateAll()
	} else {
		r.opts.Cache.Invalidate(rel)
	}
	p := r.patch(b, rel)
	patched := p != nil
	if !patched {
		r.last = nil
		var err error
		if p, err = generator.Prepare(ctx, r.opts); err != nil {
			r.failed(ctx, err)
			return time.Time{}
		}
		r.last = p
	}
	res, stats, err := a.publish(ctx, p, f)
	if err != nil {
		r.failed(ctx, err)
		return time.Time{}
	}
	if !f.quiet {
		r.printWarnings(res.Warnings)
		how := ""
		if patched {
			how = ", article text patched in"
		}
		changed := stats.Written + stats.Removed
		fmt.Fprintf(a.Stdout, "built %s pages in %s → %s (%s %s changed%s)\n", thousands(res.Pages), elapsed(time.Since(start)),
			filepath.ToSlash(f.out)+"/", thousands(changed), plural(changed, "file"), how)
	}
	if !r.opts.Now.IsZero() {
		return time.Time{} // a fixed clock: time stands
	}
	return res.Site.ChangesAt()
}

// patch returns the last build with the batch's changes patched in, when
// they are edits to article text alone (see serve.Server.patch), or nil.
func (r *rebuilder) patch(b watch.Batch, rel []string) *generator.Prepared {
	if r.last == nil || b.Rescan || b.Err != nil || len(rel) == 0 || len(rel) != len(b.Paths) {
		return nil
	}
	now := r.opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	if !r.last.PatchArticles(rel, now) {
		return nil
	}
	return r.last
}

// failed reports a build that failed, unless ctx ended it.
func (r *rebuilder) failed(ctx context.Context, err error) {
	if ctx.Err() == nil {
		r.app.failureWarnings(err, r.flags.quiet)
		r.warnings = ""
		fmt.Fprintf(r.app.Stderr, "%s\nbuild failed: %s/ unchanged\n", strings.TrimRight(err.Error(), "\n"), filepath.ToSlash(r.flags.out))
	}
}

// printWarnings prints the warnings unless they are those printed last.
func (r *rebuilder) printWarnings(ws []*diag.Diagnostic) {
	lines := make([]string, len(ws))
	for i, w := range ws {
		lines[i] = w.Error()
	}
	text := strings.Join(slices.Clip(lines), "\n")
	if text != r.warnings && text != "" {
		fmt.Fprintln(r.app.Stderr, text)
	}
	r.warnings = text
}
