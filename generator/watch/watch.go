// Package watch reports changes below a set of folders as batches of paths,
// for rebuilding a site while its author edits it (build --watch, serve).
//
// A Watcher watches folders, not files, recursively: a folder that appears
// is watched at once and scanned, so a `mkdir -p a/b/c` followed by a file
// in c is reported even when the file was written before the watch on c
// existed. Hidden files and editors' temporary files (Vim's swap, backup and
// 4913 probe files, Emacs lock and backup files, JetBrains' ___jb_tmp___ and
// ___jb_old___) are ignored, so a save by rename, however the editor does
// it, is reported as a change of the saved file.
//
// Events are coalesced: a batch is delivered once the folders have been
// quiet for Options.Quiet, or when its first change is Options.MaxLatency
// old. While nobody receives from Batches, changes keep accumulating into
// one pending batch, so a consumer that rebuilds on every batch never runs
// two builds at once and builds exactly once more after changes that arrive
// during a build (see Run). When the kernel's event queue overflows, the
// batch says Rescan: anything may have changed.
package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Batch is a set of changes.
type Batch struct {
	// Paths are the absolute, cleaned paths of the files and folders that
	// were written, created, removed or renamed, sorted. A folder that
	// appeared is listed with every file found in it.
	Paths []string
	// Rescan says events were lost (the kernel's queue overflowed): treat
	// every file as changed.
	Rescan bool
	// Err is a problem the watcher ran into, such as the inotify limit;
	// changes below the folder it names may go unnoticed.
	Err error
	// Clock says no file changed: the time the last build asked to run
	// again has come (see Run).
	Clock bool
}

// Rel returns the paths of b below dir, relative to it and slash-separated;
// dir itself is ".".
func (b Batch) Rel(dir string) []string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, p := range b.Paths {
		rel, err := filepath.Rel(abs, p)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

// Options tunes the coalescing of events; zero values take the defaults.
type Options struct {
	// Quiet is how long the folders must be still before a batch is
	// delivered; default DefaultQuiet, 20 ms. The steps of an editor's save, even one by
	// rename, follow each other far faster; a longer wait would only delay
	// the preview.
	Quiet      time.Duration
	MaxLatency time.Duration // deliver a change at most this late; default 1 s
}

// Watcher watches folders recursively. Make it with New; Close it.
type Watcher struct {
	fsw     *fsnotify.Watcher
	roots   []string
	opts    Options
	out     chan Batch
	done    chan struct{}
	closing chan struct{}
	once    sync.Once

	// Owned by the loop goroutine after New returns.
	dirs    map[string]bool // folders being watched
	anchors map[string]bool // the roots' parents, watched for the roots alone
	pending pending
}

// New watches the folders roots and everything below them. A root that does
// not exist yet is watched from when it appears, and one that is removed
// or renamed from when it is back: the folder that holds each root is
// watched too, for its events about the root alone. The error explains how
// to raise the inotify limits when the system runs out of watches.
func New(roots []string, opts Options) (*Watcher, error) {
	if opts.Quiet <= 0 {
		opts.Quiet = DefaultQuiet
	}
	if opts.MaxLatency <= 0 {
		opts.MaxLatency = time.Second
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, explain(err, "")
	}
	w := &Watcher{
		fsw: fsw, opts: opts,
		out: make(chan Batch), done: make(chan struct{}), closing: make(chan struct{}),
		dirs: map[string]bool{}, anchors: map[string]bool{},
	}
	for _, r := range roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			fsw.Close()
			return nil, err
		}
		w.roots = append(w.roots, abs)
		if err := w.addTree(abs, nil); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	for _, r := range w.roots {
		// A parent that does not exist either is not watched: a root is
		// a folder of a project, which does not come and go.
		if parent := filepath.Dir(r); parent != r && !w.anchors[parent] {
			if err := fsw.Add(parent); err == nil {
				w.anchors[parent] = true
			} else if !errors.Is(err, fs.ErrNotExist) {
				fsw.Close()
				return nil, explain(err, parent)
			}
		}
	}
	go w.loop()
	return w, nil
}

// Batches delivers the batches of changes. It is closed by Close.
func (w *Watcher) Batches() <-chan Batch { return w.out }

// Close stops watching and waits for the watcher's goroutine to end.
func (w *Watcher) Close() error {
	var err error
	w.once.Do(func() {
		close(w.closing)
		<-w.done
		err = w.fsw.Close()
	})
	return err
}

// addTree watches dir and every folder below it. When found is not nil,
// every path met is added to it: the folder is new, and files may have
// been written into it before its watch existed.
func (w *Watcher) addTree(dir string, found func(string)) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			// Gone already, a root that does not exist (yet), or unreadable:
			// nothing to watch, and a build will say what is wrong.
			return nil
		}
		if p != dir && Ignored(d.Name()) {
			return skipDir(d)
		}
		if found != nil && p != dir {
			found(p)
		}
		if !d.IsDir() || w.dirs[p] {
			return nil
		}
		if err := w.fsw.Add(p); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			return explain(err, p)
		}
		w.dirs[p] = true
		return nil
	})
}

func skipDir(d fs.DirEntry) error {
	if d.IsDir() {
		return fs.SkipDir
	}
	return nil
}

// forget stops watching p and the folders below it, after p was removed or
// renamed: a moved folder's watch would report events under its old path.
func (w *Watcher) forget(p string) {
	prefix := p + string(filepath.Separator)
	for d := range w.dirs {
		if d == p || strings.HasPrefix(d, prefix) {
			if !w.anchors[d] {
				_ = w.fsw.Remove(d) // the kernel may have dropped it already
			}
			delete(w.dirs, d)
		}
	}
}

// Ignored reports whether a file or folder name is hidden or an editor's
// temporary file, whose changes are not worth a build. A folder
// .well-known is not ignored: a site publishes static/.well-known.
func Ignored(name string) bool {
	switch {
	case name == ".well-known":
		return false
	case strings.HasPrefix(name, "."), // hidden; Emacs locks ".#x"; Vim's ".x.swp"
		strings.HasSuffix(name, "~"),                                     // Vim and Emacs backups
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), // Vim swap
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),                     // Emacs autosave
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"), // JetBrains
		name == "4913": // Vim's probe for a writable folder
		return true
	}
	return false
}

// inRoots reports whether p is a watched root or lies below one.
func (w *Watcher) inRoots(p string) bool {
	return slices.ContainsFunc(w.roots, func(r string) bool {
		return p == r || strings.HasPrefix(p, r+string(filepath.Separator))
	})
}

// rescanTrees watches folders that appeared while events were lost.
func (w *Watcher) rescanTrees() error {
	var first error
	for _, r := range w.roots {
		if _, err := os.Stat(r); err != nil {
			continue
		}
		if err := w.addTree(r, nil); err != nil && first == nil {
			first = err
		}
	}
	return first
}
