//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// TestReadsOnlyInside: files and links inside the folder read as os.DirFS
// reads them; a link out of it fails, also one whose own target is inside
// but goes through a folder link that leads out, which a check of the
// link's target alone lets through.
func TestReadsOnlyInside(t *testing.T) {
	outside := t.TempDir()
	write(t, filepath.Join(outside, "secret.txt"), "SECRET")
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a/page.md"), "page")
	link(t, "page.md", filepath.Join(dir, "a/same.md"))
	link(t, "../a/page.md", filepath.Join(dir, "b/up.md"))
	link(t, outside, filepath.Join(dir, "static/d"))
	link(t, "d/secret.txt", filepath.Join(dir, "static/leak.txt"))
	link(t, filepath.Join(outside, "secret.txt"), filepath.Join(dir, "static/abs.txt"))
	fsys, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a/page.md", "a/same.md", "b/up.md"} {
		if data, err := fsys.ReadFile(name); err != nil || string(data) != "page" {
			t.Errorf("%s: %q, %v", name, data, err)
		}
		if data, err := fs.ReadFile(fsys, name); err != nil || string(data) != "page" {
			t.Errorf("%s through Open: %q, %v", name, data, err)
		}
	}
	for _, name := range []string{"static/leak.txt", "static/abs.txt", "static/d/secret.txt"} {
		if data, err := fsys.ReadFile(name); err == nil || strings.Contains(string(data), "SECRET") {
			t.Errorf("%s: read %q, %v", name, data, err)
		}
		if _, err := fsys.Open(name); err == nil {
			t.Errorf("%s: opened", name)
		}
		if _, err := fsys.Stat(name); err == nil {
			t.Errorf("%s: stat", name)
		}
	}
	// Where nothing leads out, it is a well-behaved fs.FS.
	a, _ := fs.Sub(fsys, "a")
	if err := fstest.TestFS(a, "page.md", "same.md"); err != nil {
		t.Error(err)
	}
}

// TestRefusesPipes: a named pipe, which a read would wait on for a
// writer, fails at once, by itself or behind a link.
func TestRefusesPipes(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	link(t, "pipe.md", filepath.Join(dir, "via.md"))
	fsys, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, name := range []string{"pipe.md", "via.md"} {
			if _, err := fsys.ReadFile(name); !errors.Is(err, ErrNotRegular) {
				t.Errorf("ReadFile %s: %v, want ErrNotRegular", name, err)
			}
			if _, err := fs.ReadFile(fsys, name); !errors.Is(err, ErrNotRegular) {
				t.Errorf("Open %s: %v, want ErrNotRegular", name, err)
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("reading a named pipe blocked")
	}
}

// TestReadFileGrows: a file read whole, however its size compares with
// the buffer's first guess.
func TestReadFileGrows(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 100_000} {
		write(t, filepath.Join(dir, "f"), strings.Repeat("x", n))
		fsys, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		if data, err := fsys.ReadFile("f"); err != nil || len(data) != n {
			t.Errorf("%d bytes: got %d, %v", n, len(data), err)
		}
		// AppendFile keeps what buf holds, and uses its room.
		buf := make([]byte, 3, 1024)
		copy(buf, "abc")
		data, err := fsys.AppendFile(buf, "f")
		if err != nil || string(data) != "abc"+strings.Repeat("x", n) || n < 1000 && &data[0] != &buf[0] {
			t.Errorf("%d bytes appended to abc: %.10q… (%d), %v", n, data, len(data), err)
		}
	}
	// A file longer than its size said when it was opened: Linux gives
	// the files of /proc a size of 0.
	if proc, err := Open("/proc/self"); err == nil {
		if data, err := proc.ReadFile("status"); err != nil || !strings.Contains(string(data), "\nPid:") {
			t.Errorf("/proc/self/status: %q, %v", data, err)
		}
	}
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func link(t *testing.T, target, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}
