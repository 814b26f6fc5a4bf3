package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// Memory goal of a one-off build. Go's collector lets the heap grow to twice
// what is live before it collects; a build holds its whole site model live
// (about 1.4 bytes per byte of Markdown), so a 10k-article site would peak
// at 2.8× its Markdown plus render garbage. A soft limit sized from the
// site keeps the peak near the live data instead, at a little more
// collection work, and leaves headroom so the collector never thrashes.
const (
	minMemoryGoal = 256 << 20
	// goalPerSourceByte is the limit per byte of Markdown: live data at
	// ~1.4 bytes and headroom for rendering and collection.
	goalPerSourceByte = 2.5
)

// memoryGoal returns the soft memory limit for building the site in dir.
func memoryGoal(dir string) int64 {
	var size int64
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		if fi, err := d.Info(); err == nil {
			size += fi.Size()
		}
		return nil
	})
	return max(minMemoryGoal, int64(float64(size)*goalPerSourceByte))
}

// setMemoryGoal applies memoryGoal unless the user set GOMEMLIMIT.
func setMemoryGoal(dir string) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return
	}
	debug.SetMemoryLimit(memoryGoal(dir))
}
