package publish

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// set builds files from path, content pairs.
func set(pairs ...string) []File {
	var files []File
	for i := 0; i < len(pairs); i += 2 {
		files = append(files, File{Path: pairs[i], Data: []byte(pairs[i+1])})
	}
	return files
}

func mustPublish(t *testing.T, out string, files []File) Stats {
	t.Helper()
	stats, err := Publish(out, files)
	if err != nil {
		t.Fatalf("Publish: %v", err)
	}
	return stats
}

// writeFile creates a file, and its folders, the way a user would.
func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
}

// tree maps every entry under dir (slash paths) to its content: file bytes, "<dir>", or
// "-> target" for a link. It never follows links.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := make(map[string]string)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			m[rel] = "<dir>"
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			m[rel] = "-> " + target
			return err
		default:
			data, err := os.ReadFile(p)
			m[rel] = string(data)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// assertTree checks that dir holds exactly want (files only; folders are implied).
func assertTree(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	got := tree(t, dir)
	for p, v := range got {
		if v == "<dir>" {
			delete(got, p)
		}
	}
	if !maps.Equal(got, want) {
		t.Errorf("tree mismatch\n got: %v\nwant: %v", sortedKeys(got), sortedKeys(want))
		for p, v := range want {
			if got[p] != v {
				t.Errorf("  %s: got %q, want %q", p, got[p], v)
			}
		}
	}
}

// assertExact checks the rule Publish promises: every file under out is an output file with
// its bytes, the manifest, or one of foreign; and every output file is there.
func assertExact(t *testing.T, out string, files []File, foreign map[string]string) {
	t.Helper()
	want := make(map[string]string)
	maps.Copy(want, foreign)
	var paths []string
	for _, f := range files {
		want[f.Path] = string(f.Data)
		paths = append(paths, f.Path)
	}
	slices.Sort(paths)
	want[manifestName] = string(formatManifest(paths))
	assertTree(t, out, want)
}

// assertNoFolders checks that none of dirs exists under out.
func assertNoFolders(t *testing.T, out string, dirs ...string) {
	t.Helper()
	for _, d := range dirs {
		if _, err := os.Lstat(filepath.Join(out, d)); err == nil {
			t.Errorf("folder %s still exists", d)
		}
	}
}

func sortedKeys(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }

// age sets every file under dir to an old modification time, so a rewrite shows.
func age(t *testing.T, dir string) time.Time {
	t.Helper()
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	for p, v := range tree(t, dir) {
		if v != "<dir>" && !strings.HasPrefix(v, "-> ") {
			if err := os.Chtimes(filepath.Join(dir, p), old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	return old
}

// sequence is a series of sites published one after another into one
// folder: files become folders and back, folders empty out, output lands
// next to a foreign file, and everything goes and comes back.
func sequence() [][]File {
	return [][]File{
		site1,
		set("a", "file a", "b/c/d.html", "d"),
		set("a/index.html", "a is now a folder", "b", "b is now a file"),
		set("a", "a is a file again", "b/c/d.html", "d", "e/f/g/h.html", "deep"),
		set("e/f/other.html", "x", ".well-known/y", "Byline output next to a foreign file"),
		nil,
		site1,
	}
}
