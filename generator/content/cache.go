package content

import (
	"crypto/sha256"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/diag"
)

// Cache keeps parsed pages between Loads, for watch and serve. A file is
// parsed again only when its bytes or the settings that affect parsing
// (time zone, unsafe_html, base_url, the display root) change; its
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
}

type cacheEntry struct {
	sum   [sha256.Size]byte
	key   string
	page  *Page
	diags []*diag.Diagnostic
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{entries: map[string]*cacheEntry{}}
}

func cacheKey(cfg *config.Config, root string) string {
	return fmt.Sprintf("%s\x00%t\x00%s\x00%s", cfg.Location, cfg.UnsafeHTML, cfg.BaseURL, root)
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
	c.mu.Unlock()
	if e != nil && e.sum == sum && e.key == key {
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
	c.entries[f.path] = &cacheEntry{sum: sum, key: key, page: p, diags: list.All()}
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
