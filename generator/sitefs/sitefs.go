// Package sitefs opens a folder of a project, the site or a theme, as an
// fs.FS that reads nothing outside the folder, and nothing but regular
// files and folders.
//
// A symbolic link is followed while it stays inside the folder, and fails
// as a path that escapes it otherwise, whatever folders the path goes
// through (see os.Root). A named pipe, socket or device fails to open at
// once with ErrNotRegular, where reading it could block the build for
// good or never end.
package sitefs

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"slices"
	"syscall"
)

// ErrNotRegular is the error of opening a file that is neither a regular
// file nor a folder.
var ErrNotRegular = errors.New("not a regular file or folder")

// FS is a folder opened by Open. Besides fs.FS it implements fs.StatFS,
// fs.ReadFileFS, fs.ReadDirFS and fs.ReadLinkFS, as os.DirFS does.
type FS struct {
	root *os.Root
	fs.FS
}

// Open opens the folder dir. The folder stays open until the FS is
// garbage collected.
func Open(dir string) (*FS, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &FS{root: r, FS: r.FS()}, nil
}

// Open opens the file or folder name.
func (f *FS) Open(name string) (fs.File, error) {
	file, _, err := f.open(name, "open")
	if err != nil {
		return nil, err
	}
	return file, nil
}

// ReadFile reads the file name.
func (f *FS) ReadFile(name string) ([]byte, error) { return f.AppendFile(nil, name) }

// AppendFile appends the bytes of the file name to buf, growing it as
// needed, and returns the result: ReadFile into a buffer the caller reuses.
func (f *FS) AppendFile(buf []byte, name string) ([]byte, error) {
	file, info, err := f.open(name, "read")
	if err != nil {
		return nil, err
	}
	defer file.Close()
	// One read for the whole file, as os.ReadFile does.
	data := slices.Grow(buf, int(info.Size())+1)
	for {
		n, err := file.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // it grew
		}
	}
}

// Stat, ReadDir, Lstat and ReadLink are the os.Root's own.
func (f *FS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(f.FS, name) }
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.FS, name) }
func (f *FS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(f.FS, name) }
func (f *FS) ReadLink(name string) (string, error)       { return fs.ReadLink(f.FS, name) }

// open opens name without blocking (a named pipe would wait for a writer),
// and refuses anything but a regular file or a folder.
func (f *FS) open(name, op string) (*os.File, fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	file, err := f.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := file.Stat()
	if err == nil && !info.Mode().IsRegular() && !info.IsDir() {
		err = &fs.PathError{Op: op, Path: name, Err: ErrNotRegular}
	}
	if err != nil {
		file.Close()
		return nil, nil, err
	}
	return file, info, nil
}
