package render

import (
	"context"
	"fmt"
	"html/template"
	"maps"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/site"
	"github.com/byline/byline/generator/theme"
)

// timed makes a renderer of the site in siteFS, with the page timeout
// given and the theme's limit half as long again (as Prepare sets them),
// and a theme of layouts over the built-in one; more adds functions.
func timed(t *testing.T, siteFS, layouts fstest.MapFS, timeout time.Duration, more template.FuncMap) (*Renderer, *theme.Theme) {
	t.Helper()
	var list diag.List
	cfg := config.Default()
	c := content.Load(context.Background(), siteFS, content.Options{Root: "site", Config: cfg}, &list)
	s := site.Assemble(cfg, c, site.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, &list)
	var funcs Funcs
	fm := funcs.Map()
	maps.Copy(fm, more)
	builtin := theme.Builtin()
	th := theme.Load([]theme.Source{{FS: layouts, Prefix: "site/layouts"}, builtin}, fm, &list)
	r := New(s, Options{SiteFS: siteFS, ThemeStatic: []theme.Source{{FS: builtin.Static, Prefix: "themes/default/static"}}, SyntaxCSS: "/* code */", Root: "site", PageTimeout: timeout}, &list)
	funcs.Bind(r)
	th.SetTimeLimit(timeout)
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	return r, th
}

// aboutSite is a site of one standalone page.
var aboutSite = fstest.MapFS{"pages/about.md": {Data: []byte("---\ntitle: About\n---\nHello.\n")}}

// stalled makes a renderer of a one-page site whose home page calls stall,
// a function that returns only when the test ends, and whose other pages
// come from the built-in theme.
func stalled(t *testing.T, timeout time.Duration) (*Renderer, *theme.Theme) {
	t.Helper()
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	layouts := fstest.MapFS{"home.html": {Data: []byte(`{{ define "main" }}<h1>{{ stall }}</h1>{{ end }}`)}}
	return timed(t, aboutSite, layouts, timeout, template.FuncMap{"stall": func() string { <-release; return "" }})
}

// TestPageTimeout: a page whose templates never end, in a function call
// the theme's limit cannot stop, is given up on half as long again after
// the time limit, with an error on the kind's file naming the page, instead
// of hanging the build; the renderer is then stuck, and File does not start
// the page again.
func TestPageTimeout(t *testing.T) {
	const want = "site/layouts/home.html: the page's templates ran for more than 75ms and were given up on"
	r, th := stalled(t, 50*time.Millisecond)
	if _, err := r.File(th, "about/index.html"); err != nil || r.Stuck() {
		t.Fatalf("about: %v, stuck %v", err, r.Stuck())
	}
	_, err := r.File(th, "index.html")
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), "(rendering index.html)") {
		t.Fatalf("got  %v\nwant %s… (rendering index.html)", err, want)
	}
	if !r.Stuck() {
		t.Error("not stuck after a page was left running")
	}
	before := runtime.NumGoroutine()
	for range 5 {
		if _, again := r.File(th, "index.html"); again == nil || !strings.HasPrefix(again.Error(), want) {
			t.Fatalf("again: %v", again)
		}
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after asking for the page 5 more times, %d before: each left one behind", n, before)
	}

	// A whole render returns, with the error once, and renders the rest.
	r, th = stalled(t, 50*time.Millisecond)
	var (
		list diag.List
		mu   sync.Mutex
		got  = map[string]bool{}
	)
	r.RenderEach(context.Background(), th, &list, func(f File) {
		mu.Lock()
		got[f.Path] = f.Data != nil
		mu.Unlock()
	})
	errs := list.All()
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), want) {
		t.Fatalf("errors: %v", list.Err())
	}
	if got["index.html"] {
		t.Error("the home page has data")
	}
}

// TestRenderEachStops: a render whose context ends returns at once, without
// waiting for a page in progress that would never end, and never emits it.
func TestRenderEachStops(t *testing.T) {
	r, th := stalled(t, time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	var list diag.List
	var mu sync.Mutex
	var home bool
	time.AfterFunc(100*time.Millisecond, cancel)
	r.RenderEach(ctx, th, &list, func(f File) {
		mu.Lock()
		home = home || f.Path == "index.html"
		mu.Unlock()
	})
	if home {
		t.Error("emitted the page left running")
	}
	if !r.Stuck() {
		t.Error("not stuck after leaving a page running")
	}
}

// TestRunawayPageStopped: a page whose range repeats without end, writing
// nothing, is stopped at the time limit, with an error at the range; no
// run is left behind, so the renderer is not stuck, and File fails at once
// for that page from then on.
func TestRunawayPageStopped(t *testing.T) {
	var runs atomic.Int32
	layouts := fstest.MapFS{"home.html": {Data: []byte(`{{ define "main" }}{{ run }}{{ range 1000000000000 }}{{ end }}{{ end }}`)}}
	r, th := timed(t, aboutSite, layouts, 50*time.Millisecond, template.FuncMap{"run": func() string { runs.Add(1); return "" }})
	before := runtime.NumGoroutine()
	const want = "site/layouts/home.html:1:38: the page ran for more than 50ms and was stopped in this range"
	_, err := r.File(th, "index.html")
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("got  %v\nwant %s…", err, want)
	}
	if r.Stuck() {
		t.Error("stuck, with no run left behind")
	}
	// The run's goroutine ends just after it reports.
	for deadline := time.Now().Add(time.Second); runtime.NumGoroutine() > before; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines a second after the page was stopped, %d before", runtime.NumGoroutine(), before)
		}
	}
	if _, err := r.File(th, "index.html"); err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("again: %v", err)
	}
	if n := runs.Load(); n != 1 {
		t.Errorf("the page ran %d times, want once", n)
	}
}

// TestRenderStopsAfterARunawayPage: once a page ran past the time limit,
// RenderEach starts no more pages, since each may take as long (here
// every standalone page would), and reports the error once.
func TestRenderStopsAfterARunawayPage(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	siteFS := fstest.MapFS{}
	for i := range 20 {
		siteFS[fmt.Sprintf("pages/p%02d.md", i)] = &fstest.MapFile{Data: []byte("---\ntitle: P\n---\nHello.\n")}
	}
	var started atomic.Int32
	layouts := fstest.MapFS{"page.html": {Data: []byte(`{{ define "main" }}{{ start }}{{ range 1000000000000 }}{{ end }}{{ end }}`)}}
	// A limit well above a loaded machine's scheduling delays: at 50 ms the
	// test failed while the whole suite kept both cores busy.
	r, th := timed(t, siteFS, layouts, 250*time.Millisecond, template.FuncMap{"start": func() string { started.Add(1); return "" }})
	var list diag.List
	r.RenderEach(context.Background(), th, &list, func(File) {})
	if n := started.Load(); n > 2 {
		t.Errorf("%d pages started, one a worker, at most 2", n)
	}
	errs := list.All()
	const want = "site/layouts/page.html:1:40: the page ran for more than 250ms and was stopped in this range"
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), want) {
		t.Errorf("errors: %q\nwant one: %s…", errs, want)
	}
}

// TestRenderEachWaitsForEveryLivePage: once a page given up on ends (as a
// call that was merely slow does), RenderEach still waits
// for the pages the other workers are rendering, and emits nothing after
// it returned. It used to count the given-up page's end as a live
// worker's, and return while another page was half rendered.
func TestRenderEachWaitsForEveryLivePage(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2)) // one worker loops, one renders the rest
	siteFS := fstest.MapFS{}
	for i := range 8 {
		siteFS[fmt.Sprintf("pages/p%d.md", i)] = &fstest.MapFile{Data: []byte("---\ntitle: P\n---\nHello.\n")}
	}
	layouts := fstest.MapFS{
		"home.html": {Data: []byte(`{{ define "main" }}{{ slow 200 }}{{ end }}`)},
		"page.html": {Data: []byte(`{{ define "main" }}{{ slow 80 }}{{ end }}`)},
	}
	// Pages take 80 ms, under the page limit; the home page is given up on
	// at 150 ms, and its run ends at 200 ms, while a page renders.
	slow := func(ms int) string { time.Sleep(time.Duration(ms) * time.Millisecond); return "" }
	r, th := timed(t, siteFS, layouts, 100*time.Millisecond, template.FuncMap{"slow": slow})
	var returned, late atomic.Bool
	var out diag.List
	r.RenderEach(context.Background(), th, &out, func(f File) {
		if returned.Load() {
			late.Store(true)
		}
	})
	returned.Store(true)
	time.Sleep(300 * time.Millisecond) // time for a page left rendering to end
	if late.Load() {
		t.Error("a page was emitted after RenderEach returned")
	}
	if errs := out.All(); len(errs) != 1 || !strings.Contains(errs[0].Error(), "home.html") {
		t.Errorf("errors: %d: %q", len(errs), errs)
	}
}
