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
// (about 1.4 bytes per byte of Markdown, plus the static files), so a
// 10k-article site would peak
// at 2.8× its Markdown plus render garbage. A soft limit sized from the
// site keeps the peak near the live data instead, at a little more
// collection work, and leaves headroom so the collector never thrashes.
const (
	minMemoryGoal = 256 << 20
	// goalPerSourceByte is the limit per byte of Markdown: live data at
	// ~1.4 bytes and headroom for rendering and collection.
	goalPerSourceByte = 2.5
	// goalPerStaticByte is the limit per byte of any other file: static
	// files are held in memory once, as they are, until they are written.
	goalPerStaticByte = 1.25
)

// memoryGoal returns the soft memory limit for building the site in dir.
func memoryGoal(dir string) int64 {
	var md, other int64
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		fi, err := d.Info()
		switch {
		case err != nil:
		case strings.HasSuffix(p, ".md"):
			md += fi.Size()
		default:
			other += fi.Size()
		}
		return nil
	})
	return max(minMemoryGoal, int64(float64(md)*goalPerSourceByte+float64(other)*goalPerStaticByte))
}

// setMemoryGoal applies memoryGoal unless the user set GOMEMLIMIT.
func setMemoryGoal(dir string) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return
	}
	debug.SetMemoryLimit(memoryGoal(dir))
}
