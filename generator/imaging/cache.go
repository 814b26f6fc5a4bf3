package imaging

import (
	"sync"
	"time"
)

// Cache keeps the copies made of each source by their Key, and what
// Inspect read of each file, so that a watcher or a preview server makes
// each copy once, however many builds ask for it, and does not hash an
// unchanged file again. A build without one makes its own. It is safe for
// concurrent use: of two calls of Copies for one Key at once, one makes
// the copies and the other waits for them.
//
// Each build calls Begin; an entry that no build has asked for during the
// last two is dropped then, so edited images do not pile up.
type Cache struct {
	mu     sync.Mutex
	build  int
	copies map[Key]*entry
	infos  map[string]fileInfo
	made   int // how many times Copies made copies
}

type entry struct {
	done   chan struct{} // closed once data and err are set
	data   [][]byte
	err    error
	used   int // the last build that asked for it
	failed bool
}

// fileInfo is Inspect's result for a file as it was when read.
type fileInfo struct {
	size  int64
	mtime time.Time
	info  Info
	err   error
	used  int
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{copies: map[Key]*entry{}, infos: map[string]fileInfo{}}
}

// Begin starts a build, dropping what the two builds before it did not
// use.
func (c *Cache) Begin() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.build++
	for k, e := range c.copies {
		if e.used < c.build-2 {
			delete(c.copies, k)
		}
	}
	for k, f := range c.infos {
		if f.used < c.build-2 {
			delete(c.infos, k)
		}
	}
}

// Copies returns the copies of key, made by makeCopies unless this cache has
// them. An error is not kept: the next call tries again.
func (c *Cache) Copies(key Key, makeCopies func() ([][]byte, error)) ([][]byte, error) {
	c.mu.Lock()
	e, ok := c.copies[key]
	if ok && e.failed {
		ok = false // a failure is not kept: it may have been a read error
	}
	if !ok {
		e = &entry{done: make(chan struct{})}
		c.copies[key] = e
	}
	e.used = c.build
	c.mu.Unlock()
	if ok {
		<-e.done
		return e.data, e.err
	}
	e.data, e.err = makeCopies()
	c.mu.Lock()
	c.made++
	c.mu.Unlock()
	if e.err != nil {
		c.mu.Lock()
		e.failed = true
		c.mu.Unlock()
	}
	close(e.done)
	return e.data, e.err
}

// Made returns how many times Copies has made copies: once per source
// and parameters, when the cache does its work.
func (c *Cache) Made() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.made
}

// Touch keeps the copies of key for the builds to come, for a build that
// plans them but may never ask for them (a preview server renders what is
// asked for).
func (c *Cache) Touch(key Key) {
	c.mu.Lock()
	if e, ok := c.copies[key]; ok {
		e.used = c.build
	}
	c.mu.Unlock()
}

// Inspect returns Inspect's result for the file named id (a path that
// tells it from every other file of the site and its themes), whose size
// and modification time are size and mtime; read returns its bytes when
// they must be read. A file read before with the same size and a non-zero
// modification time is not read again.
func (c *Cache) Inspect(id string, size int64, mtime time.Time, read func() ([]byte, error)) (Info, error) {
	c.mu.Lock()
	f, ok := c.infos[id]
	if ok && f.size == size && f.mtime.Equal(mtime) && !mtime.IsZero() {
		f.used = c.build
		c.infos[id] = f
		c.mu.Unlock()
		return f.info, f.err
	}
	c.mu.Unlock()
	data, err := read()
	if err != nil {
		return Info{}, err // not kept
	}
	info, err := Inspect(id, data)
	c.mu.Lock()
	c.infos[id] = fileInfo{size: size, mtime: mtime, info: info, err: err, used: c.build}
	c.mu.Unlock()
	return info, err
}
