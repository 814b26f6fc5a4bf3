package sitefs

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkReadFile reads 2,000 files of 8 KB in section folders, as a
// site's articles are, through os.DirFS and through an FS of this package:
// what reading through os.Root, without blocking, costs.
func BenchmarkReadFile(b *testing.B) {
	dir := b.TempDir()
	var names []string
	body := strings.Repeat("Reading time leaves code blocks out. ", 220)
	for i := range 2000 {
		name := fmt.Sprintf("articles/s%d/a%d.md", i%8, i)
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
		names = append(names, name)
	}
	root, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		fsys fs.FS
	}{{"DirFS", os.DirFS(dir)}, {"sitefs", root}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				for _, n := range names {
					if _, err := fs.ReadFile(c.fsys, n); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
