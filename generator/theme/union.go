package theme

import (
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// unionFS overlays file systems: the first one that has a file wins, and a
// directory lists the entries of every layer (the first layer's entry for a
// name that several layers have). It is the override rule of layouts: a site
// replaces a theme's template file by file.
type unionFS []fs.FS

var (
	_ fs.ReadDirFS = unionFS{}
	_ fs.StatFS    = unionFS{}
)

// Open opens name in the first layer that has it; a directory lists the
// entries of every layer.
func (u unionFS) Open(name string) (fs.File, error) {
	var firstErr error
	for _, layer := range u {
		f, err := layer.Open(name)
		if err == nil {
			return u.dir(name, f)
		}
		if !errors.Is(err, fs.ErrNotExist) && firstErr == nil && !skippedLink(layer, name) {
			firstErr = err
		}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// dir wraps f, when it is a directory, so that reading it lists every layer.
func (u unionFS) dir(name string, f fs.File) (fs.File, error) {
	fi, err := f.Stat()
	if err != nil || !fi.IsDir() {
		return f, err
	}
	entries, err := u.ReadDir(name)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &unionDir{File: f, entries: entries}, nil
}

// unionDir is a directory of a unionFS with its merged listing.
type unionDir struct {
	fs.File
	entries []fs.DirEntry
}

var _ fs.ReadDirFile = (*unionDir)(nil)

// ReadDir implements fs.ReadDirFile over the merged listing.
func (d *unionDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if n <= 0 {
		out := d.entries
		d.entries = nil
		return out, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	out := d.entries[:n]
	d.entries = d.entries[n:]
	return out, nil
}

// Stat describes name as the first layer that has it sees it.
func (u unionFS) Stat(name string) (fs.FileInfo, error) {
	i, err := u.layerOf(name)
	if err != nil {
		return nil, err
	}
	return fs.Stat(u[i], name)
}

// layerOf returns the index of the first layer that has name. A symbolic
// link that cannot be followed (the site's file system refuses one that
// leads out of the site) hides nothing: the next layer's file is used, as
// the site's other such links are skipped (see skippedLink).
func (u unionFS) layerOf(name string) (int, error) {
	for i, layer := range u {
		_, err := fs.Stat(layer, name)
		if err == nil {
			return i, nil
		}
		if !errors.Is(err, fs.ErrNotExist) && !skippedLink(layer, name) {
			return -1, err
		}
	}
	return -1, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

// ReadDir merges the listings of name in every layer, sorted by name.
func (u unionFS) ReadDir(name string) ([]fs.DirEntry, error) {
	var (
		out   []fs.DirEntry
		seen  = map[string]bool{}
		found bool
	)
	for _, layer := range u {
		entries, err := fs.ReadDir(layer, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// skippedLink reports whether name, which fsys cannot open, is a symbolic
// link: one that leads out of the site, or to nothing.
func skippedLink(fsys fs.FS, name string) bool {
	fi, err := fs.Lstat(fsys, name)
	return err == nil && fi.Mode()&fs.ModeSymlink != 0
}
