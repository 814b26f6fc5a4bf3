// Package publish writes a build's in-memory files to an output directory on disk.
//
// File is one output file; Path is slash-separated and relative to the output root
// ("articles/x/index.html").
//
// CheckOut refuses an output directory that is dangerous, before anything is touched: one that
// is, or contains, the site directory, the project root, a home directory ($HOME, /home and
// /home/*, /root) or "/", or that lies inside the site directory. Paths are made absolute and
// symlinks resolved before comparing. The error says what to do:
//
//	refusing to write to "/" (the file system root): choose an output folder such as public/ with --out
//
// Publish makes out hold exactly files, plus whatever it holds that Byline never wrote:
//
//   - Every path is validated before the disk is touched (relative, clean, no "..", no
//     backslash or control character, not reserved, no duplicates, no path both a file and a
//     folder). One bad path fails the whole publish and nothing is written.
//   - All file operations go through an [os.Root] on out, so no path can leave out. Publish
//     never writes through a symbolic link: a link in the way of an output folder fails the
//     publish before anything is written (remove the link); a link where an output file goes
//     is replaced by the file, and its target is left alone.
//   - A file is written only when its bytes differ from those on disk, to a temporary file
//     (".byline-tmp-…") in the same folder that is then renamed over the old one, so a reader
//     never sees half a file and an unchanged file keeps its modification time. Files are
//     0644, folders 0755 (before umask).
//   - The manifest ".byline-manifest" in out lists, sorted, the paths Byline wrote. Files in
//     the previous manifest that are not in files are removed, and so are the folders this
//     leaves empty (never out itself). A file not in the previous manifest (".git/", "CNAME",
//     anything a user put there) is never removed, with one exception: an output file of the
//     same path replaces it, and from then on it is Byline's. If a user's file stands where an
//     output folder must go, or inside an old folder of ours where an output file must go,
//     Publish fails before writing anything. The manifest is written last.
//
// Before the first change, every folder Publish will change is checked to be writable, so a
// folder made read-only fails it with nothing changed. If writing still fails halfway (a disk
// that fails), out holds a mix of old and new files, the error says so, and the manifest still
// lists every file Byline may have created, so the next successful publish cleans up.
package publish

import (
	"errors"
	"fmt"
	"os"
	"runtime"
)

// File is one output file; Path is slash-separated and relative to the output root
// ("articles/x/index.html").
type File struct {
	Path string
	Data []byte
}

// Stats counts what one Publish did. Removed counts stale files Byline wrote earlier.
type Stats struct {
	Written, Unchanged, Removed int
}

// Publish makes out hold exactly files, plus whatever it holds that Byline never wrote.
// out is created if missing. See the package documentation for the rules.
func Publish(out string, files []File) (Stats, error) {
	return publish(out, files, runtime.GOMAXPROCS(0))
}

func publish(out string, files []File, workers int) (stats Stats, err error) {
	if err := validatePaths(files); err != nil {
		return stats, fmt.Errorf("publish: %w", err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return stats, fmt.Errorf("publish: %w", err)
	}
	unlock, err := lock(out)
	if err != nil {
		return stats, fmt.Errorf("publish: %w", err)
	}
	defer func() { err = errors.Join(err, unlock()) }()
	root, err := os.OpenRoot(out)
	if err != nil {
		return stats, fmt.Errorf("publish: %w", err)
	}
	defer func() { err = errors.Join(err, root.Close()) }()
	if err := removeTemps(root); err != nil {
		return stats, fmt.Errorf("publish: %w", err)
	}

	old, err := readManifest(root)
	if err != nil {
		return stats, fmt.Errorf("publish: %w", err)
	}
	p, err := makePlan(root, old, files)
	if err != nil {
		return stats, fmt.Errorf("publish: %w", err)
	}
	stats, err = p.apply(old, workers, nil)
	if err != nil {
		return stats, fmt.Errorf("publish: %w", err)
	}
	return stats, nil
}

// apply carries out a plan. The order matters for safety: the manifest grows to cover every
// file about to be created before the first write, and shrinks to the new set only at the end.
func (p *plan) apply(old []string, workers int, staged map[string]string) (stats Stats, err error) {
	if err := p.checkWritable(old, staged); err != nil {
		return stats, err
	}
	if claimed := p.claimed(old); len(claimed) > len(old) {
		if err := writeManifest(p.root, claimed); err != nil {
			return stats, err // no output file changed yet
		}
	}
	defer func() {
		if err != nil {
			err = fmt.Errorf("%w; %s now holds some files of this build and some of the last: fix the cause and build again before you deploy it", err, p.root.Name())
		}
	}()
	n, err := p.clearConflicts()
	stats.Removed += n
	if err != nil {
		return stats, err
	}
	moved, err := p.moveFolders(staged)
	if err != nil {
		return stats, err
	}
	for _, d := range p.mkdirs {
		if err := p.root.MkdirAll(d, 0o755); err != nil {
			return stats, err
		}
	}
	stats.Written, stats.Unchanged, err = writeAll(p.root, p.jobs, workers, staged)
	stats.Written += moved
	if err != nil {
		return stats, err
	}
	n, err = p.prune(old)
	stats.Removed += n
	if err != nil {
		return stats, err
	}
	return stats, writeManifest(p.root, p.paths)
}
