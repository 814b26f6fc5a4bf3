package serve

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/byline/byline/generator/watch"
)

// BenchmarkEditToPage10k measures design §7's preview goal end to end, as
// `byline serve` runs: from the write of an article file in a 10k-article
// site until its page, reloaded, has arrived over HTTP. A real watcher
// with serve's options sees the write, the server patches or rebuilds
// (Server.Watch) and commits once the folders have been still for 20 ms,
// the "reload" event reaches an open page's event stream on 127.0.0.1, and
// the page is fetched: all but the browser's paint. ms/op is that latency,
// p90-ms its 90th percentile.
//
//	go test ./generator/serve -run '^$' -bench EditToPage -benchtime 40x
func BenchmarkEditToPage10k(b *testing.B) { benchEditToPage(b, 10_000) }

// BenchmarkEditToPage1k is BenchmarkEditToPage10k on a 1k-article site.
func BenchmarkEditToPage1k(b *testing.B) { benchEditToPage(b, 1000) }

// BenchmarkEditDuringCheck10k is BenchmarkEditToPage10k with each edit
// made while the background check of the last build's pages (see
// Server.check) is halfway through: what an author who saves again a
// moment after looking at the page waits for.
func BenchmarkEditDuringCheck10k(b *testing.B) {
	benchEditToPageAfter(b, 10_000, checkAfter+500*time.Millisecond)
}

func benchEditToPage(b *testing.B, n int) { benchEditToPageAfter(b, n, 200*time.Millisecond) }

// benchEditToPageAfter times edits made pause after the page of the last
// one was fetched.
func benchEditToPageAfter(b *testing.B, n int, pause time.Duration) {
	if testing.Short() {
		b.Skip("corpus benchmark skipped in -short mode")
	}
	dir, opts := corpusSite(b, n)
	l := startServer(b, dir, opts)
	wt, err := watch.New([]string{opts.SiteDir, opts.ThemesDir}, watch.Options{Quiet: Pause})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { l.Watch(ctx, wt, 0) })
	defer func() { cancel(); wt.Close(); wg.Wait() }()
	events := l.subscribe(b, l.cur.Load().id)
	file, url := someArticle(b, opts.SiteDir)
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(file, src, 0o644)
	for _, e := range edits(src) {
		b.Run(e.name, func(b *testing.B) { benchLatency(b, l, events, file, url, e.edit, pause) })
	}
}

// benchLatency writes edit(text) to file, with a new text each time, and
// waits for the reload event and the page at url showing the text.
func benchLatency(b *testing.B, l *live, events *sse, file, url string, edit func(text string) []byte, pause time.Duration) {
	var times []time.Duration
	i := 0
	for b.Loop() {
		i++
		text := fmt.Sprintf("Edited for the benchmark, take %d.", i)
		start := time.Now()
		if err := os.WriteFile(file, edit(text), 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			if name, data := events.next(b); name != "reload" {
				b.Fatalf("event %s: %s", name, data)
			}
			if _, _, body := l.get(b, url); strings.Contains(body, text) {
				break
			}
		}
		times = append(times, time.Since(start))
		b.StopTimer()
		time.Sleep(pause) // let the watcher settle
		b.StartTimer()
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "p90-ms")
}
