package content

import (
	"context"
	"io/fs"
	"path"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/byline/byline/generator/diag"
)

// countingFS counts the files opened through it.
type countingFS struct {
	fstest.MapFS
	opens *atomic.Int64
}

func (c countingFS) Open(name string) (fs.File, error) {
	if name != "." {
		if fi, err := fs.Stat(c.MapFS, name); err == nil && !fi.IsDir() {
			c.opens.Add(1)
		}
	}
	return c.MapFS.Open(name)
}

func (c countingFS) ReadFile(name string) ([]byte, error) {
	c.opens.Add(1)
	return c.MapFS.ReadFile(name)
}

func TestWatchedCache(t *testing.T) {
	site := testSite()
	var opens atomic.Int64
	fsys := countingFS{site, &opens}
	cache := NewWatchedCache()
	opts := Options{Root: "site", Config: testConfig(t), Cache: cache}
	load := func() *Content {
		var list diag.List
		c := Load(context.Background(), fsys, opts, &list)
		if err := list.Err(); err != nil {
			t.Fatal(err)
		}
		return c
	}
	first := load()
	read := opens.Load()
	if read == 0 {
		t.Fatal("first load read no file")
	}

	// Unreported changes are not seen: nothing is read again.
	site["articles/b.md"] = article("B changed")
	if load(); opens.Load() != read {
		t.Errorf("a load with nothing invalidated read %d files", opens.Load()-read)
	}

	// A reported change is read and parsed again; the rest is reused.
	cache.Invalidate([]string{"articles/b.md"})
	second := load()
	if n := opens.Load() - read; n != 1 {
		t.Errorf("read %d files after one was invalidated, want 1", n)
	}
	if second.Articles[1].Meta.Title != "B changed" || second.Articles[0] != first.Articles[0] {
		t.Error("b.md not parsed again, or a.md not reused")
	}

	// Invalidating a folder covers the files below it; "." covers all.
	read = opens.Load()
	cache.Invalidate([]string{"articles/guides"})
	load()
	if n := opens.Load() - read; n != 2 {
		t.Errorf("read %d files after articles/guides was invalidated, want its 2", n)
	}
	read = opens.Load()
	cache.InvalidateAll()
	load()
	if n := opens.Load() - read; n < 6 {
		t.Errorf("read %d files after InvalidateAll, want every file", n)
	}
}

// lateIndexFS hides a bundle's index.md from Lstat while hide is set, as a
// walk sees a folder being made: the folder looks like no bundle when the
// walk reaches it, and index.md is there by the time its entries are read.
type lateIndexFS struct {
	fstest.MapFS
	hide *atomic.Bool
}

func (l lateIndexFS) Lstat(name string) (fs.FileInfo, error) {
	if l.hide.Load() && path.Base(name) == "index.md" {
		return nil, fs.ErrNotExist
	}
	return l.MapFS.Lstat(name)
}

func (l lateIndexFS) Stat(name string) (fs.FileInfo, error) { return l.Lstat(name) }

// TestWatchedCacheBundleSeenLate: a Load that found a new folder's
// index.md before it could see the folder was a bundle parsed it as an
// article of its own (slug "index"); the next Load, which saw the bundle,
// reused that page for the same bytes, and the bundle's page was missing
// from serve until the file changed again.
func TestWatchedCacheBundleSeenLate(t *testing.T) {
	site := testSite()
	site["articles/guides/offer/index.md"] = article("Offer")
	site["articles/guides/offer/chart.svg"] = &fstest.MapFile{Data: []byte("<svg/>")}
	var hide atomic.Bool
	hide.Store(true)
	fsys := lateIndexFS{site, &hide}
	cache := NewWatchedCache()
	opts := Options{Root: "site", Config: testConfig(t), Cache: cache}
	load := func() *Page {
		var list diag.List
		c := Load(context.Background(), fsys, opts, &list)
		for _, p := range c.Articles {
			if p.Path == "articles/guides/offer/index.md" {
				return p
			}
		}
		t.Fatalf("no page for the bundle's index.md: %v", messages(&list))
		return nil
	}
	if p := load(); p.Bundle {
		t.Fatal("the first load saw the bundle: the test shows nothing")
	}
	hide.Store(false)
	cache.Invalidate([]string{"articles/guides/offer", "articles/guides/offer/chart.svg", "articles/guides/offer/index.md"})
	if p := load(); !p.Bundle || p.Slug != "offer" {
		t.Errorf("after the folder settled: bundle %t, slug %q; want the bundle, slug offer", p.Bundle, p.Slug)
	}
}
