// Package serve previews a site: an http.Handler over the last good build,
// held in memory and never written to disk, with live reload and an error
// overlay.
//
// A Server keeps one build generation, a generator.Prepared whose files are
// rendered on request with the code of a full build and kept for the
// generation's life, so a rebuild costs only the load, assemble and template
// stages, and a one-article edit is visible at once even on a large site.
// Rebuild replaces the generation after a successful build; a failed build
// keeps the last good one in service. An edit to article bodies, titles or
// descriptions alone, after a successful build, is not built at all: the
// new pages are patched into the build in service
// (generator.Prepared.PatchArticles), which then serves as a new
// generation. Watch rebuilds after each change a watcher reports, starting
// the work at once and showing it when the folders have settled, so a
// preview waits for the longer of the two, not for their sum.
//
// Every HTML response gets one external script (so a strict Content
// Security Policy still holds) that listens for Server-Sent Events: "reload"
// after a successful build, "error" with the located errors of a failed
// one, which the script shows over the page until the next success.
//
// The handler answers only requests whose Host names the server itself
// (localhost, 127.0.0.1, [::1] or the address it listens on), against DNS
// rebinding; it maps URL paths to output paths of the build and nothing
// else, so no path can reach the disk; every response says no-store.
package serve

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/byline/byline/generator"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/imaging"
	"github.com/byline/byline/generator/watch"
)

// Options configures a Server.
type Options struct {
	// Build are the options of every build; a nil Cache is replaced by a
	// content.NewWatchedCache, which trusts Rebuild's batches, and a nil
	// ImageCache by a new one, so that resized images are made once.
	Build generator.Options
	// Addr is the address the server listens on ("127.0.0.1:1313"); a host
	// name in it is accepted in the Host header besides the loopback names.
	Addr string
	// Logf, when set, receives a line per build and the errors of failed ones.
	Logf func(format string, args ...any)
}

// Server serves the last good build of a site. Make it with New.
type Server struct {
	opts   Options
	hub    *hub
	mu     sync.Mutex // one Rebuild at a time
	cur    atomic.Pointer[generation]
	failed atomic.Pointer[[]BuildError] // errors of the latest build; nil after a success
	epoch  string                       // tells this process's generations from an earlier one's
	n      int                          // builds committed so far, under mu
	// For tests, under mu: prepares counts the calls of Prepare, and
	// patches the builds committed that were patches; gate, when set, is
	// called at the start of each Prepare with its count.
	prepares, patches int
	gate              func(n int)
	// unserved says a build read the site since the one in service was
	// made, and was not served (it failed, or a newer change dropped it),
	// under mu: the content cache is then ahead of the build in service,
	// which must not be patched.
	unserved bool
	warned   string // warnings last printed, under mu
	// checkMu guards stopCheck, which stops the check of the build in
	// service (see check), nil when none runs, and closed, set by Close,
	// after which no check starts. A lock of their own, so that Close
	// need not wait for a build that holds mu.
	checkMu   sync.Mutex
	stopCheck context.CancelFunc
	closed    bool
}

// New returns a server with no build yet; call Rebuild to make one.
func New(opts Options) *Server {
	if opts.Build.Cache == nil {
		opts.Build.Cache = content.NewWatchedCache()
	}
	if opts.Build.ImageCache == nil {
		opts.Build.ImageCache = imaging.NewCache()
	}
	return &Server{
		opts:  opts,
		hub:   newHub(),
		epoch: strconv.FormatInt(time.Now().UnixNano(), 36),
	}
}

// generation is one successful build and the files rendered from it.
type generation struct {
	id    string
	prep  *generator.Prepared
	files sync.Map // output path → *servedFile
}

// Rebuild builds the site again after the changes in b (a batch with
// Rescan, or the zero Batch on a server's first build, reads every file).
// On success the new build is served and open pages reload; on failure the
// last good build stays and open pages show the errors. It returns the
// build's error.
func (s *Server) Rebuild(ctx context.Context, b watch.Batch) error {
	commit, err := s.Prepare(ctx, b)
	commit()
	return err
}

// Prepare does the work of Rebuild, and returns its error and commit,
// which shows the result: it serves the new build and reloads open pages,
// or shows the errors. Until then pages are served from the build in
// service, which a patch (an edit to article bodies, titles or
// descriptions alone) has already brought up to date. A Prepare whose ctx
// ends commits nothing. Call Prepare and commit in turn, never two at
// once; watch.RunEarly does, starting a build before the folders settle.
func (s *Server) Prepare(ctx context.Context, b watch.Batch) (commit func(), err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.endCheck() // a patch waits for the renders in progress: see check
	if s.prepares++; s.gate != nil {
		s.gate(s.prepares)
	}
	start := time.Now()
	cache := s.opts.Build.Cache
	rel := b.Rel(s.opts.Build.SiteDir)
	if b.Rescan || s.n == 0 {
		cache.InvalidateAll()
	} else {
		cache.Invalidate(rel)
	}
	note := func() {
		if b.Err != nil {
			s.logf("%v", b.Err)
		}
		if b.Clock {
			s.logf("building again: the time of a scheduled or expiring article has come")
		}
	}
	// The time logged is the work's, without the wait for the commit.
	if g := s.patch(b, rel); g != nil {
		took := time.Since(start)
		return s.commit(func() {
			note()
			s.patches++
			s.serve(g)
			s.logWarnings(g.Warnings) // its links may have changed
			s.logf("updated in %s", elapsed(took))
		}), nil
	}
	s.unserved = true
	prep, err := generator.Prepare(ctx, s.opts.Build)
	took := time.Since(start)
	if err != nil {
		if ctx.Err() != nil {
			return func() {}, err
		}
		return s.commit(func() {
			note()
			errs := buildErrors(err)
			s.failed.Store(&errs)
			s.hub.publish(event{name: "error", data: errorsJSON(errs)})
			s.logf("build failed:\n%v", err)
		}), err
	}
	return s.commit(func() {
		note()
		s.serve(prep)
		s.logWarnings(prep.Warnings)
		s.logf("built in %s", elapsed(took))
	}), nil
}

// commit returns f to run under s.mu, with the build count raised.
func (s *Server) commit(f func()) func() {
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.n++
		f()
	}
}

// serve makes prep the build in service, as a new generation, reloads
// open pages, and checks the generation's pages once they have loaded.
func (s *Server) serve(prep *generator.Prepared) {
	g := &generation{id: s.epoch + "." + strconv.Itoa(s.n), prep: prep}
	s.cur.Store(g)
	s.failed.Store(nil)
	s.unserved = false
	s.hub.publish(event{name: "reload", data: g.id})
	s.checkMu.Lock()
	defer s.checkMu.Unlock()
	s.stopCheckLocked()
	if s.closed {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.stopCheck = cancel
	time.AfterFunc(checkAfter, func() { s.check(ctx, g) })
}

// checkAfter is how long after a commit the check of its pages begins:
// time for the browser to fetch and show the reloaded page first, and for
// a burst of saves to end, so that the check runs while the author reads.
const checkAfter = time.Second

// check renders every file of g and throws the files away, as byline
// build would render them, and shows the errors of the pages that fail as
// a failed build's are shown: pages render on request, so a template
// error that hits only some pages (an article without a reviewer, a
// partial indexing past a short list) would otherwise show only on those
// pages, and the preview would look good while byline build failed. The
// pages that render are still served. A new Prepare, or Close, stops it.
func (s *Server) check(ctx context.Context, g *generation) {
	if ctx.Err() != nil {
		return
	}
	// Not Stream: a Stream stopped by the next Prepare gives up on its
	// pages in progress, which leaves the build Stuck, never patched again.
	err := g.prep.Check(ctx)
	if ctx.Err() != nil {
		return
	}
	// The check leaves as much garbage as a build: collected now, while
	// the author reads, and not by the next build.
	runtime.GC()
	if err == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// Under checkMu too, so that Close, which stops the check under it,
	// returns before or after this report, never during it.
	s.checkMu.Lock()
	defer s.checkMu.Unlock()
	if ctx.Err() != nil || s.cur.Load() != g {
		return
	}
	errs := buildErrors(err)
	s.failed.Store(&errs)
	s.hub.publish(event{name: "error", data: errorsJSON(errs)})
	s.logf("pages failed to render, so byline build would fail:\n%v", err)
}

// endCheck stops the check in progress, if any.
func (s *Server) endCheck() {
	s.checkMu.Lock()
	defer s.checkMu.Unlock()
	s.stopCheckLocked()
}

func (s *Server) stopCheckLocked() {
	if s.stopCheck != nil {
		s.stopCheck()
		s.stopCheck = nil
	}
}

// patch brings the build in service up to date with the batch's changes,
// without a build, when they are edits to article bodies, titles or
// descriptions alone (generator.Prepared.PatchArticles): no build read the
// site since the one in service was made, so its model is the site on disk
// but for the batch, and every changed path is a file of the site. It
// returns the patched build, or nil.
func (s *Server) patch(b watch.Batch, rel []string) *generator.Prepared {
	g := s.cur.Load()
	if g == nil || s.unserved || b.Rescan || b.Err != nil || len(rel) == 0 || len(rel) != len(b.Paths) {
		return nil
	}
	now := s.opts.Build.Now
	if now.IsZero() {
		now = time.Now()
	}
	if !g.prep.PatchArticles(rel, now) {
		return nil
	}
	return g.prep
}

// Pause is the Quiet of the watcher that Watch wants: a batch at the first
// pause in the events.
const Pause = time.Millisecond

// Watch rebuilds s after each batch of changes from w, until ctx ends or w
// is closed, with watch.RunEarly: a build starts at the first pause in the
// events (make w with Options.Quiet set to Pause), and is shown once the
// folders have been still for settle (zero: watch.DefaultQuiet). It also
// builds when the clock changes what the site shows (ChangesAt).
//
// A rebuild leaves the build it replaced as garbage. So that collecting it
// does not slow the next rebuild, Watch collects garbage once the preview
// has had time to load (idleGC after a commit), unless a change came first.
func (s *Server) Watch(ctx context.Context, w *watch.Watcher, settle time.Duration) {
	var gc idleGC
	defer gc.cancel()
	watch.RunEarly(ctx, w, s.ChangesAt(), settle, func(ctx context.Context, b watch.Batch) func() time.Time {
		gc.cancel()
		commit, _ := s.Prepare(ctx, b) // errors are logged and shown by commit
		return func() time.Time {
			commit()
			gc.schedule()
			return s.ChangesAt()
		}
	})
}

// idleGC runs a garbage collection when a build has been in service for
// a while: the collector's work then falls between edits, rather than into
// the next build when the heap reaches its goal.
type idleGC struct {
	mu    sync.Mutex
	timer *time.Timer
}

// idleAfter is how long after a commit idleGC collects: time for the
// browser to fetch the reloaded page.
const idleAfter = 100 * time.Millisecond

func (g *idleGC) schedule() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.timer != nil {
		g.timer.Stop()
	}
	g.timer = time.AfterFunc(idleAfter, runtime.GC)
}

// cancel drops a collection that has not started.
func (g *idleGC) cancel() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.timer != nil {
		g.timer.Stop()
		g.timer = nil
	}
}

// ChangesAt is when the clock changes what the build in service shows (an
// article's date or expiry comes: see site.Site.ChangesAt), for a watcher
// to rebuild then; zero when no date is ahead, before a good build, and
// for builds on a fixed clock (Options.Build.Now), on which time stands.
func (s *Server) ChangesAt() time.Time {
	if g := s.cur.Load(); g != nil && s.opts.Build.Now.IsZero() {
		return g.prep.Site.ChangesAt()
	}
	return time.Time{}
}

// Close ends the event streams of open pages, so that an http.Server
// serving s can shut down.
func (s *Server) Close() {
	s.checkMu.Lock()
	s.closed = true
	s.stopCheckLocked()
	s.checkMu.Unlock()
	s.hub.close()
}

func (s *Server) logf(format string, args ...any) {
	if s.opts.Logf != nil {
		s.opts.Logf(format, args...)
	}
}

// logWarnings prints the warnings when they differ from the last printed.
func (s *Server) logWarnings(ws []*diag.Diagnostic) {
	lines := make([]string, len(ws))
	for i, w := range ws {
		lines[i] = w.Error()
	}
	text := strings.Join(lines, "\n")
	if text != s.warned && text != "" {
		s.logf("%s", text)
	}
	s.warned = text
}

func elapsed(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// BuildError is one error of a failed build as sent to the browser.
type BuildError struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
	Source  string `json:"source,omitempty"` // the offending line of the file
}

func (e BuildError) String() string {
	return (&diag.Diagnostic{Pos: diag.Pos{Path: e.Path, Line: e.Line, Col: e.Col}, Msg: e.Message}).Error()
}

// buildErrors lists the errors of err, at most diag.MaxErrors, each with
// its source line when the file can be read.
func buildErrors(err error) []BuildError {
	var el diag.ErrorList
	if !errors.As(err, &el) {
		return []BuildError{{Message: err.Error()}}
	}
	var out []BuildError
	lines := map[string][]string{}
	for _, d := range el[:min(len(el), diag.MaxErrors)] {
		e := BuildError{Path: d.Path, Line: d.Line, Col: d.Col, Message: d.Msg}
		if _, ok := lines[d.Path]; !ok && d.Line > 0 {
			lines[d.Path] = readLines(d.Path)
		}
		if ls := lines[d.Path]; d.Line > 0 && d.Line <= len(ls) {
			e.Source = ls[d.Line-1]
		}
		out = append(out, e)
	}
	if len(el) > diag.MaxErrors {
		out = append(out, BuildError{Message: fmt.Sprintf("and %d more errors", len(el)-diag.MaxErrors)})
	}
	return slices.Clip(out)
}
