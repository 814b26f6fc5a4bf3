package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/byline/byline/generator"
	"github.com/byline/byline/generator/watch"
)

// watched is a live server rebuilt by a real watcher, as serve runs it
// (Server.Watch): a build is prepared at the first pause in the events and
// committed once they have settled for the Quiet of the options given.
type watched struct {
	*live
}

func startWatched(t *testing.T, opts watch.Options, gate func(n int)) (*watched, generator.Options) {
	t.Helper()
	return startWatchedWith(t, opts, gate, nil)
}

// startWatchedWith is startWatched with setup run on the site folder and
// the build options before the first build. gate, when set, runs before
// each build is prepared, with its count (the first, which startServer
// made, is 1).
func startWatchedWith(t *testing.T, opts watch.Options, gate func(n int), setup func(dir string, o *generator.Options)) (*watched, generator.Options) {
	t.Helper()
	dir, bopts := sampleSite(t)
	if setup != nil {
		setup(dir, &bopts)
	}
	w := &watched{live: startServer(t, dir, bopts)}
	w.mu.Lock()
	w.gate = gate
	w.mu.Unlock()
	settle := opts.Quiet
	opts.Quiet = Pause
	wt, err := watch.New([]string{bopts.SiteDir, bopts.ThemesDir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { w.Watch(ctx, wt, settle) })
	t.Cleanup(func() { // before startServer's cleanup, which checks for leaks
		cancel()
		wt.Close()
		wg.Wait()
	})
	return w, bopts
}

// builds returns how many builds were prepared and committed since the
// first.
func (w *watched) builds() (prepared, committed int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.prepares - 1, w.n - 1
}

// settle waits until the page at url satisfies ok and no build has run for
// a while.
func (w *watched) settle(t *testing.T, url string, ok func(code int, body string) bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		code, _, body := w.get(t, url)
		if ok(code, body) {
			break
		}
		if time.Now().After(deadline) {
			n, _ := w.builds()
			t.Fatalf("%s never reached the expected state (last status %d) after %d builds", url, code, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
	for n, _ := w.builds(); ; {
		time.Sleep(300 * time.Millisecond)
		if m, _ := w.builds(); m == n {
			break
		} else {
			n = m
		}
	}
}

func contains(s string) func(int, string) bool {
	return func(code int, body string) bool { return code == 200 && strings.Contains(body, s) }
}

func TestWatchPlainWrite(t *testing.T) {
	w, opts := startWatched(t, watch.Options{}, nil)
	edit(t, w.dir, articleMD, "title: \"What Does", "title: \"Plainly, What Does")
	w.settle(t, articleURL, contains("Plainly, What Does"))
	w.matchesClean(t, opts)
}

func TestWatchEditorSaves(t *testing.T) {
	w, opts := startWatched(t, watch.Options{}, nil)
	p := filepath.Join(w.dir, filepath.FromSlash(articleMD))
	orig, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	saves := map[string]func(string){
		"vim": func(s string) { // backupcopy=no: probe, rename to backup, write, delete backup
			dir := filepath.Dir(p)
			writeFile(t, filepath.Join(dir, "4913"), "")
			_ = os.Remove(filepath.Join(dir, "4913"))
			writeFile(t, filepath.Join(dir, "."+filepath.Base(p)+".swp"), "swap")
			must(t, os.Rename(p, p+"~"))
			writeFile(t, p, s)
			must(t, os.Remove(p+"~"))
		},
		"jetbrains": func(s string) { // safe write
			writeFile(t, p+"___jb_tmp___", s)
			must(t, os.Rename(p, p+"___jb_old___"))
			must(t, os.Rename(p+"___jb_tmp___", p))
			must(t, os.Remove(p+"___jb_old___"))
		},
	}
	for _, editor := range []string{"vim", "jetbrains"} {
		for i := range 3 {
			text := fmt.Sprintf("Saved by %s, take %d", editor, i)
			saves[editor](strings.Replace(string(orig), "title: \"What Does", "title: \""+text+": What Does", 1))
			w.settle(t, articleURL, contains(text))
		}
	}
	w.matchesClean(t, opts)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestWatchDeleteAndRename renames and then deletes the draft, the one
// sample article no other links to (see TestLinksToADeletedArticle).
func TestWatchDeleteAndRename(t *testing.T) {
	w, opts := startWatched(t, watch.Options{}, nil)
	from := filepath.Join(w.dir, "site", "articles", "roles", "what-does-a-platform-engineer-do.md")
	to := filepath.Join(w.dir, "site", "articles", "roles", "what-does-an-infrastructure-engineer-do.md")
	must(t, os.Rename(from, to))
	w.settle(t, "/articles/what-does-an-infrastructure-engineer-do/", contains("Platform Engineer"))
	if code, _, _ := w.get(t, "/articles/what-does-a-platform-engineer-do/"); code != 404 {
		t.Errorf("old URL after a rename: %d", code)
	}
	must(t, os.Remove(to))
	w.settle(t, "/articles/what-does-an-infrastructure-engineer-do/", func(code int, _ string) bool { return code == 404 })
	w.matchesClean(t, opts)
}

func TestWatchNewNestedFolder(t *testing.T) {
	w, opts := startWatched(t, watch.Options{}, nil)
	src, err := os.ReadFile(filepath.Join(w.dir, filepath.FromSlash(articleMD)))
	if err != nil {
		t.Fatal(err)
	}
	// mkdir -p and a file in one go, then a second file once it is watched.
	// Its links to other articles' files are relative to its folder:
	// written from the site folder, they hold in any other.
	src = []byte(strings.ReplaceAll(string(src), "](what-does-", "](/articles/roles/what-does-"))
	src = []byte(strings.ReplaceAll(string(src), "](../", "](/articles/"))
	deep := filepath.Join(w.dir, "site", "articles", "leadership", "staff", "deep")
	writeFile(t, filepath.Join(deep, "staff-engineer.md"),
		strings.Replace(string(src), "title: \"What Does", "title: \"Staff Track: What Does", 1))
	w.settle(t, "/articles/staff-engineer/", contains("Staff Track"))
	writeFile(t, filepath.Join(deep, "principal-engineer.md"),
		strings.Replace(string(src), "title: \"What Does", "title: \"Principal Track: What Does", 1))
	w.settle(t, "/articles/principal-engineer/", contains("Principal Track"))
	// Moving the folder tree moves its articles to another section.
	must(t, os.Rename(filepath.Join(w.dir, "site", "articles", "leadership"), filepath.Join(w.dir, "site", "articles", "management")))
	w.settle(t, "/articles/management/", contains("Staff Track"))
	w.matchesClean(t, opts)
}

func TestWatchLayoutsAndConfig(t *testing.T) {
	w, opts := startWatched(t, watch.Options{}, nil)
	edit(t, w.dir, "site/config.yaml", "title: ", "title: Renamed ")
	w.settle(t, "/", contains("Renamed "))
	writeFile(t, filepath.Join(w.dir, "site", "layouts", "404.html"), "<!doctype html><title>Lost</title><body><h1>Nothing here, friend</h1></body>\n")
	w.settle(t, "/404.html", contains("Nothing here, friend"))
	w.matchesClean(t, opts)
}

func TestWatchBurst(t *testing.T) {
	// A quiet period long enough that a loaded CI machine writing the
	// files does not pause for longer between two of them.
	w, opts := startWatched(t, watch.Options{Quiet: 500 * time.Millisecond, MaxLatency: 10 * time.Second}, nil)
	for i := range 998 {
		writeFile(t, filepath.Join(w.dir, "site", "static", "burst", fmt.Sprintf("d%d", i%7), fmt.Sprintf("f%03d.txt", i)), fmt.Sprint("file ", i))
	}
	edit(t, w.dir, articleMD, "title: \"What Does", "title: \"Burst: What Does")
	edit(t, w.dir, "site/articles/tech-salaries-by-career-level.md", "title: \"", "title: \"Burst ")
	w.settle(t, "/burst/d3/f997.txt", contains("file 997"))
	if _, n := w.builds(); n < 1 || n > 2 {
		t.Errorf("1,000 changes showed %d builds, want 1 or 2", n)
	}
	w.matchesClean(t, opts)
}

func TestWatchChangeDuringBuild(t *testing.T) {
	inBuild, release := make(chan struct{}), make(chan struct{})
	w, opts := startWatched(t, watch.Options{}, func(n int) {
		if n == 2 {
			close(inBuild)
			<-release
		}
	})
	edit(t, w.dir, articleMD, "title: \"What Does", "title: \"First: What Does")
	<-inBuild
	edit(t, w.dir, articleMD, "title: \"First: What Does", "title: \"Second: What Does")
	edit(t, w.dir, "site/articles/tech-salaries-by-career-level.md", "title: \"", "title: \"During ")
	time.Sleep(300 * time.Millisecond) // the changes are due while the build runs
	close(release)
	w.settle(t, articleURL, contains("Second: What Does"))
	prepared, committed := w.builds()
	if prepared != 2 {
		t.Errorf("%d builds, want 2: changes during a build cause exactly one more", prepared)
	}
	if n := committed; n != 1 {
		t.Errorf("%d builds shown, want 1: the build the changes overtook is dropped", n)
	}
	w.matchesClean(t, opts)
}

// TestWatchBundle makes a bundle, then changes, adds and deletes its
// files: the page shows each image's size as its file has it, and the
// files are served beside the page.
func TestWatchBundle(t *testing.T) {
	w, opts := startWatched(t, watch.Options{}, nil)
	dir := filepath.Join(w.dir, "site", "articles", "guides", "offer-letters")
	svg := func(width int) string {
		return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="50"></svg>`, width)
	}
	writeFile(t, filepath.Join(dir, "chart.svg"), svg(100))
	index := "---\ntitle: Reading an Offer Letter\ndate: 2025-01-10\nauthor: maya-okafor\n---\nWhat the numbers mean.\n\n![Offer parts](chart.svg)\n"
	writeFile(t, filepath.Join(dir, "index.md"), index)
	const page = "/articles/offer-letters/"
	w.settle(t, page, contains(`<img src="chart.svg" alt="Offer parts" width="100" height="50"`))
	if code, _, body := w.get(t, page+"chart.svg"); code != 200 || body != svg(100) {
		t.Fatalf("GET chart.svg: %d %q", code, body)
	}

	writeFile(t, filepath.Join(dir, "chart.svg"), svg(200))
	w.settle(t, page, contains(`width="200" height="50"`))
	if _, _, body := w.get(t, page+"chart.svg"); body != svg(200) {
		t.Errorf("GET chart.svg after the edit: %q", body)
	}

	writeFile(t, filepath.Join(dir, "img", "more.svg"), svg(300))
	writeFile(t, filepath.Join(dir, "index.md"), index+"\n![More](img/more.svg)\n")
	w.settle(t, page, contains(`<img src="img/more.svg" alt="More" width="300" height="50"`))

	must(t, os.Remove(filepath.Join(dir, "chart.svg")))
	w.settle(t, page+"chart.svg", func(code int, _ string) bool { return code == 404 })
	if _, _, body := w.get(t, page); !strings.Contains(body, `<img src="chart.svg" alt="Offer parts" loading="lazy"`) {
		t.Errorf("an image with no file has a size:\n%s", body)
	}

	// Renaming the folder moves the page and its files to the new slug.
	must(t, os.Rename(dir, filepath.Join(filepath.Dir(dir), "offer-letter-basics")))
	w.settle(t, "/articles/offer-letter-basics/img/more.svg", contains(svg(300)))
	for _, gone := range []string{page, page + "img/more.svg"} {
		if code, _, _ := w.get(t, gone); code != 404 {
			t.Errorf("GET %s after the rename: %d", gone, code)
		}
	}
	w.matchesClean(t, opts)
}

// TestWatchSchedule: a server that hides drafts and future articles (serve
// --no-drafts), on the real clock, shows a scheduled article when its date
// comes, though no file changes.
func TestWatchSchedule(t *testing.T) {
	const page = "/articles/scheduled-note/"
	w, _ := startWatchedWith(t, watch.Options{}, nil, func(dir string, o *generator.Options) {
		o.Now, o.Drafts, o.Future = time.Time{}, false, false
		date := time.Now().UTC().Add(2 * time.Second).Format(time.RFC3339)
		writeFile(t, filepath.Join(dir, "site", "articles", "scheduled-note.md"),
			"---\ntitle: Scheduled Note\ndate: "+date+"\nauthor: maya-okafor\n---\nOn time.\n")
	})
	if code, _, _ := w.get(t, page); code != 404 {
		t.Fatalf("before its date: %d", code)
	}
	if w.ChangesAt().IsZero() {
		t.Fatal("no wake time for the scheduled article")
	}
	w.settle(t, page, contains("On time."))
	if _, n := w.builds(); n != 1 {
		t.Errorf("%d builds after the first, want the one its date caused", n)
	}
	if !w.ChangesAt().IsZero() {
		t.Errorf("a wake time is left: %v", w.ChangesAt())
	}
}

// TestWatchCollectsWhenIdle: after a rebuild, with the collector's own
// pacing turned off, Watch still collects the replaced build's garbage
// once the preview has had time to load.
func TestWatchCollectsWhenIdle(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	w, _ := startWatched(t, watch.Options{}, nil)
	before := numGC()
	edit(t, w.dir, articleMD, "title: \"What Does", "title: \"Idle: What Does")
	w.settle(t, articleURL, contains("Idle: What Does"))
	for deadline := time.Now().Add(5 * time.Second); numGC() == before; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no collection after the rebuild")
		}
	}
}

func numGC() uint32 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.NumGC
}

// TestWatchHalfSaveShowsNoError: a save in two steps whose first leaves
// the file broken (here 50 ms apart, within the folders' settle time)
// shows open pages one reload to the saved page, never the error overlay
// of the half-saved file.
func TestWatchHalfSaveShowsNoError(t *testing.T) {
	w, opts := startWatched(t, watch.Options{Quiet: 400 * time.Millisecond}, nil)
	events := w.subscribe(t, w.cur.Load().id)
	p := filepath.Join(w.dir, filepath.FromSlash(articleMD))
	orig, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, p, "---\ntitle: [\n") // the editor's first write
	time.Sleep(50 * time.Millisecond)
	writeFile(t, p, strings.Replace(string(orig), "title: \"What Does", "title: \"Saved Whole: What Does", 1))
	if name, data := events.next(t); name != "reload" {
		t.Fatalf("first event %s %s, want a reload", name, data)
	}
	w.settle(t, articleURL, contains("Saved Whole: What Does"))
	if _, committed := w.builds(); committed != 1 {
		t.Errorf("%d builds shown, want 1", committed)
	}
	w.matchesClean(t, opts)
}
