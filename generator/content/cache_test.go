package content

import (
	"context"
	"io/fs"
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
