// Command byline-corpus writes a synthetic Byline site for benchmarks:
//
//	go run ./cmd/byline-corpus -n 10000 -out DIR [-seed 1] [-authors 40] [-tags 120] [-force]
//
// It writes DIR/site/: config.yaml, authors/<key>.md and
// articles/<section>/<slug>.md, n career articles of 800–1,600 words each.
// The same flags always give byte-identical files. It refuses a DIR/site
// that is not empty unless -force, which replaces the site's config.yaml,
// authors/ and articles/ (and nothing else).
//
// # Measuring a build
//
// Time and peak memory of a real build (the design's goal: 10k articles
// within 1.5× of goldmark alone, under 300 MiB peak), with GNU time
// (apt-get install time if /usr/bin/time is missing):
//
//	go run ./cmd/byline-corpus -n 10000 -out /tmp/c10k
//	go build -o /tmp/byline ./cmd/byline
//	/usr/bin/time -v /tmp/byline build --site /tmp/c10k/site --out /tmp/c10k/public
//
// Read "Elapsed (wall clock) time" and "Maximum resident set size" (KiB).
// Time the built binary rather than `go run`, whose figures include the
// compiler's. In-process benchmarks, compared with goldmark alone on the
// same files, live in generator/bench:
//
//	go test ./generator/bench -run '^$' -bench 'Build|Goldmark' -benchtime 3x -timeout 60m
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/byline/byline/generator/bench/corpus"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	fs := flag.NewFlagSet("byline-corpus", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: byline-corpus -n ARTICLES -out DIR [-seed N] [-authors N] [-tags N] [-force]")
		fs.PrintDefaults()
	}
	var opts corpus.Options
	fs.IntVar(&opts.Articles, "n", 1000, "number of `articles`")
	out := fs.String("out", "", "write the site into `DIR`/site (required)")
	fs.Uint64Var(&opts.Seed, "seed", 1, "random `seed`; the same seed gives the same files")
	fs.IntVar(&opts.Authors, "authors", 40, "number of authors")
	fs.IntVar(&opts.Tags, "tags", 120, "number of distinct tags")
	fs.BoolVar(&opts.Force, "force", false, "replace config.yaml, authors/ and articles/ in a non-empty DIR/site")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 || opts.Articles < 0 || opts.Authors < 1 || opts.Tags < 1 {
		fs.Usage()
		return 2
	}
	start := time.Now()
	if err := corpus.Write(*out, opts); err != nil {
		fmt.Fprintln(os.Stderr, "byline-corpus:", err)
		return 1
	}
	fmt.Printf("wrote %d articles to %s/site in %v\n", opts.Articles, *out, time.Since(start).Round(time.Millisecond))
	return 0
}
