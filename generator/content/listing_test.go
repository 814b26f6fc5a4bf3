package content

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/byline/byline/generator/diag"
)

// A watched cache walks the site again only when a reported change is not
// an edit of a file it already lists.
func TestWatchedCacheReusesListing(t *testing.T) {
	art := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: 2025-01-01\n---\nBody.\n")}
	}
	fsys := fstest.MapFS{"articles/a.md": art("A"), "articles/b.md": art("B"), "static/x.css": {Data: []byte("x")}}
	c := NewWatchedCache()
	load := func() *Content {
		t.Helper()
		var list diag.List
		got := Load(context.Background(), fsys, Options{Root: "site", Cache: c}, &list)
		if err := list.Err(); err != nil {
			t.Fatal(err)
		}
		return got
	}
	titles := func(got *Content) string {
		s := ""
		for _, p := range got.Articles {
			s += p.Meta.Title
		}
		return s
	}
	steps := []struct {
		change  func()
		paths   []string
		walks   int64
		titles  string
		comment string
	}{
		{func() {}, nil, 1, "AB", "first load walks"},
		{func() { fsys["articles/a.md"] = art("A2") }, []string{"articles/a.md"}, 1, "A2B", "an edit reuses the listing"},
		{func() { fsys["static/x.css"] = &fstest.MapFile{Data: []byte("y")} }, []string{"static/x.css"}, 1, "A2B", "a static edit too"},
		{func() { fsys["articles/c.md"] = art("C") }, []string{"articles/c.md"}, 2, "A2BC", "a new file walks"},
		{func() { delete(fsys, "articles/b.md") }, []string{"articles/b.md"}, 3, "A2C", "a deleted file walks"},
		{func() { fsys["articles/d/e.md"] = art("E") }, []string{"articles/d"}, 4, "A2CE", "a new folder walks"},
		{func() {}, []string{"."}, 5, "A2CE", "a rescan walks"},
	}
	for _, s := range steps {
		s.change()
		c.Invalidate(s.paths)
		got := load()
		if c.walks.Load() != s.walks || titles(got) != s.titles {
			t.Errorf("%s: %d walks, titles %q; want %d, %q", s.comment, c.walks.Load(), titles(got), s.walks, s.titles)
		}
	}
}
