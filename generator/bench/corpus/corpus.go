// Package corpus writes a synthetic Byline site for benchmarks: a config,
// authors, and any number of ~1,200-word career articles with realistic
// front matter and Markdown (headings, lists, tables, code, links between
// articles).
//
// The output depends only on Options: the same seed gives byte-identical
// files, whatever the machine or the number of cores. Articles are
// generated and written one at a time by a pool of workers, so memory stays
// small even for 100k articles.
package corpus

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
)

// Version changes whenever the generated text changes, so caches of
// generated corpora can tell they are stale.
const Version = "2"

// Options says what to generate.
type Options struct {
	Articles int    // number of articles
	Seed     uint64 // seeds every random choice
	Authors  int    // number of authors; 0 means 40
	Tags     int    // number of distinct tags; 0 means 120
	// Force replaces the config.yaml, authors/ and articles/ of a site
	// folder that is not empty, instead of refusing to write into it.
	Force bool
}

// ErrNotEmpty is returned (wrapped) when dir/site is not empty and
// Options.Force is not set.
var ErrNotEmpty = errors.New("site folder is not empty")

// Write generates a site into dir/site.
func Write(dir string, opts Options) error {
	if opts.Authors == 0 {
		opts.Authors = 40
	}
	if opts.Tags == 0 {
		opts.Tags = 120
	}
	if opts.Articles < 0 || opts.Authors < 1 || opts.Tags < 1 {
		return fmt.Errorf("corpus: need articles >= 0, authors >= 1 and tags >= 1 (got %d, %d, %d)",
			opts.Articles, opts.Authors, opts.Tags)
	}
	root := filepath.Join(dir, "site")
	if err := prepare(root, opts.Force); err != nil {
		return err
	}
	s := &site{
		opts:    opts,
		plans:   planArticles(opts.Articles, opts.Seed),
		authors: makeAuthors(opts.Authors, opts.Seed),
		tags:    makeTags(opts.Tags, opts.Seed),
	}
	if err := os.WriteFile(filepath.Join(root, "config.yaml"), s.config(), 0o644); err != nil {
		return err
	}
	if err := s.writeAuthors(filepath.Join(root, "authors")); err != nil {
		return err
	}
	return s.writeArticles(filepath.Join(root, "articles"))
}

// prepare makes root, refusing a folder with files in it unless force, in
// which case it removes only what Write is about to write.
func prepare(root string, force bool) error {
	entries, err := os.ReadDir(root)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("corpus: %w", err)
	}
	if len(entries) > 0 {
		if !force {
			return fmt.Errorf("corpus: %s: %w; pass -force to replace its config.yaml, authors/ and articles/", root, ErrNotEmpty)
		}
		for _, name := range []string{"config.yaml", "authors", "articles"} {
			if err := os.RemoveAll(filepath.Join(root, name)); err != nil {
				return fmt.Errorf("corpus: %w", err)
			}
		}
	}
	return os.MkdirAll(root, 0o755)
}

func (s *site) config() []byte {
	return []byte(`title: "Byline Bench"
description: "A synthetic career-advice site for benchmarking Byline."
base_url: "https://bench.example.com/"
language: en
time_zone: UTC
default_author: ` + s.authors[0].key + `
pagination:
  per_page: 10
menus:
  main:
    - {name: Articles, url: /articles/}
    - {name: Topics, url: /tags/}
    - {name: Authors, url: /authors/}
newsletter:
  title: "The Bench Letter"
  text: "One email a fortnight with a new role explainer and the salary data worth your attention."
  action_url: "https://newsletter.example.com/subscribe"
disclosure: "Some pages carry advertising. Advertisers never see articles before publication."
`)
}

func (s *site) writeArticles(dir string) error {
	for _, sec := range sections {
		if err := os.MkdirAll(filepath.Join(dir, sec.name), 0o755); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
	}
	var (
		next    atomic.Int64
		wg      sync.WaitGroup
		errOnce sync.Once
		first   error
		failed  atomic.Bool
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var w writer
			w.buf = make([]byte, 0, 16<<10)
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= len(s.plans) {
					return
				}
				s.article(&w, i)
				p := &s.plans[i]
				path := filepath.Join(dir, sections[p.section].name, p.slug+".md")
				if err := os.WriteFile(path, w.buf, 0o644); err != nil {
					errOnce.Do(func() { first = fmt.Errorf("corpus: %w", err) })
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return first
}

// makeTags names n tags: topics, then "<topic> Careers" and the like, then
// numbered ones; shuffled by the seed, since their order is their
// popularity.
func makeTags(n int, seed uint64) []string {
	tags := make([]string, n)
	for i := range tags {
		base := topicTags[i%len(topicTags)]
		switch round := i / len(topicTags); {
		case round == 0:
			tags[i] = base
		case round <= len(tagSuffixes):
			tags[i] = base + " " + tagSuffixes[round-1]
		default:
			tags[i] = base + " " + strconv.Itoa(round-len(tagSuffixes)+1)
		}
	}
	r := rand.New(rand.NewPCG(seed, 1<<63))
	r.Shuffle(len(tags), func(i, j int) { tags[i], tags[j] = tags[j], tags[i] })
	return tags
}
