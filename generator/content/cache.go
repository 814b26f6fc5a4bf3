package content

import (
	"crypto/sha256"
	"fmt"
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/diag"
)

// Cache keeps parsed pages between Loads, for watch and serve. A file is
// parsed again only when its bytes, what the walk found of it (its kind,
// section, whether it is a bundle's index.md) or the settings that affect
// parsing (time zone, unsafe_html, base_url, the display root) change; its
// diagnostics are kept too, so an unchanged broken file still reports its
// errors. Entries of files that are gone are dropped after each Load.
//
// Cached pages are shared between builds: later stages must treat every
// *Page, and everything it points to, as immutable.
//
// A nil *Cache caches nothing. A Cache may be reused by successive Loads,
// one at a time.
type Cache struct {
	mu      sync.Mutex
	entries map[string]*cacheEntry
	parses  atomic.Int64 // files parsed, for tests
	walks   atomic.Int64 // walks of the site folder, for tests
	watched bool         // see NewWatchedCache
	// listing is the last walk of the site folder, and changed the paths
	// reported since (watched caches only).
	listing *listing
	changed []string
	lexers  *lexerSet // code lexers, built once for every Load
}

type cacheEntry struct {
	sum [sha256.Size]byte
	key string
	// file is what the walk found of the file (its kind, section, whether
	// it is a bundle's index.md), which the page depends on as much as on
	// its bytes: a walk that ran while a folder was being made may have
	// seen its index.md before it could see the folder was a bundle.
	file    file
	page    *Page
	diags   []*diag.Diagnostic
	checked bool // read since the last Invalidate (watched caches only)
}

// NewWatchedCache returns a cache for a caller that watches the site folder
// and reports every change with Invalidate (watch, serve): a file read by an
// earlier Load and not invalidated since is reused without reading it again,
// which spares a rebuild the reading and hashing of every file. A change the
// caller does not report is not seen; after a watcher lost events, call
// InvalidateAll.
func NewWatchedCache() *Cache {
	return &Cache{entries: map[string]*cacheEntry{}, watched: true}
}

// Invalidate reports that the files at paths changed, and every file below
// a path that is a folder. Paths are slash-separated and relative to the
// site folder ("articles/x.md"); "." is the whole site.
func (c *Cache) Invalidate(paths []string) {
	if c == nil || len(paths) == 0 {
		return
	}
	changed := make(map[string]bool, len(paths))
	for _, p := range paths {
		changed[path.Clean(p)] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range changed {
		c.changed = append(c.changed, p)
	}
	for p := range changed {
		if e := c.entries[p]; e != nil {
			e.checked = false // a file: nothing is below it
			continue
		}
		// A folder, or a file no Load has parsed: every entry below it.
		for q, e := range c.entries {
			if p == "." || strings.HasPrefix(q, p+"/") {
				e.checked = false
			}
		}
	}
}

// InvalidateAll reports that any file may have changed.
func (c *Cache) InvalidateAll() { c.Invalidate([]string{"."}) }

// reuse sets pages[i] to the page of files[i] for each file a watched
// cache has that did not change since it was read, replaying its
// diagnostics into list, and returns the indexes of the other files.
func (c *Cache) reuse(files []file, key string, pages []*Page, list *diag.List) (rest []int) {
	if c == nil || !c.watched {
		rest = make([]int, len(files))
		for i := range rest {
			rest[i] = i
		}
		return rest
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, f := range files {
		e := c.entries[f.path]
		if e == nil || !e.checked || e.key != key || e.file != f || f.link {
			rest = append(rest, i)
			continue
		}
		for _, d := range e.diags {
			list.Add(d)
		}
		pages[i] = e.page
	}
	return rest
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{entries: map[string]*cacheEntry{}}
}

func cacheKey(cfg *config.Config, root string, refs bool) string {
	return fmt.Sprintf("%s\x00%t\x00%s\x00%s\x00%t", cfg.Location, cfg.UnsafeHTML, cfg.BaseURL, root, refs)
}

// parse returns the cached page of f when src and key match, replaying its
// diagnostics into list; otherwise it calls fn and remembers the result.
func (c *Cache) parse(src []byte, f file, key string, list *diag.List, fn func() *Page) *Page {
	if c == nil {
		return fn()
	}
	sum := sha256.Sum256(src)
	c.mu.Lock()
	e := c.entries[f.path]
	hit := e != nil && e.sum == sum && e.key == key && e.file == f
	if hit {
		e.checked = true
	}
	c.mu.Unlock()
	if hit {
		for _, d := range e.diags {
			list.Add(d)
		}
		return e.page
	}
	c.parses.Add(1)
	p := fn()
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[string]*cacheEntry{}
	}
	c.entries[f.path] = &cacheEntry{sum: sum, key: key, file: f, page: p, diags: list.All(), checked: true}
	c.mu.Unlock()
	return p
}

// keep drops the entries of files not in files.
func (c *Cache) keep(files []file) {
	if c == nil {
		return
	}
	live := make(map[string]bool, len(files))
	for _, f := range files {
		live[f.path] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.entries {
		if !live[p] {
			delete(c.entries, p)
		}
	}
}

// lexerSet returns the code lexers of the cache's Loads: the same set each
// time, or a new one when c is nil.
func (c *Cache) lexerSet() *lexerSet {
	if c == nil {
		return newLexerSet()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lexers == nil {
		c.lexers = newLexerSet()
	}
	return c.lexers
}
