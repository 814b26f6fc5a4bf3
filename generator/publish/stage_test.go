package publish

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// stageAll publishes files through a Stage, adding them concurrently.
func stageAll(t *testing.T, out string, files []File) (Stats, error) {
	t.Helper()
	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(files))
	for i, f := range files {
		wg.Go(func() { errs[i] = s.Add(f) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			s.Abort()
			return Stats{}, err
		}
	}
	return s.Commit()
}

// A Stage ends in the same tree as Publish after every step of the sequence
// Publish is tested with, and leaves no staging folder.
func TestStageSequence(t *testing.T) {
	out := t.TempDir()
	foreign := map[string]string{"CNAME": "example.com", ".well-known/x": "y"}
	for p, v := range foreign {
		writeFile(t, filepath.Join(out, p), v)
	}
	sites := sequence()
	for i, files := range sites {
		if _, err := stageAll(t, out, files); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		assertExact(t, out, files, foreign)
	}
	assertNoFolders(t, out, "a", "b", "e", stagingDir)
}

// Files whose bytes are on disk already are not rewritten.
func TestStageUnchangedKeepsFiles(t *testing.T) {
	out := t.TempDir()
	files := set("index.html", "home", "x/index.html", "x")
	if _, err := stageAll(t, out, files); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	for _, f := range files {
		os.Chtimes(filepath.Join(out, f.Path), old, old)
	}
	changed := set("index.html", "home", "x/index.html", "x changed")
	stats, err := stageAll(t, out, changed)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Written != 1 || stats.Unchanged != 1 {
		t.Errorf("stats = %+v, want 1 written, 1 unchanged", stats)
	}
	if fi, _ := os.Stat(filepath.Join(out, "index.html")); !fi.ModTime().Equal(old) {
		t.Error("an unchanged file was rewritten")
	}
	assertExact(t, out, changed, nil)
}

// Abort, and a Commit that fails its checks, leave out as it was.
func TestStageAbortLeavesOutUntouched(t *testing.T) {
	out := t.TempDir()
	if _, err := stageAll(t, out, site1); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)

	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		if err := s.Add(File{Path: fmt.Sprintf("new/%d.html", i), Data: []byte("x")}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	assertSameTree(t, before, tree(t, out))

	// Two files claim one path: Commit refuses before touching anything.
	_, err = stageAll(t, out, append(set("dup.html", "1", "dup.html", "2"), site1...))
	if err == nil || !strings.Contains(err.Error(), "duplicate output path") {
		t.Fatalf("err = %v", err)
	}
	assertSameTree(t, before, tree(t, out))
}

func assertSameTree(t *testing.T, want, got map[string]string) {
	t.Helper()
	if !maps.Equal(want, got) {
		t.Errorf("out changed:\nbefore %v\nafter  %v", want, got)
	}
}

func TestStageRemovesLeftoverAndRefusesReservedPaths(t *testing.T) {
	out := t.TempDir()
	writeFile(t, filepath.Join(out, stagingDir, "7"), "left by a crash")
	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, stagingDir, "7")); !os.IsNotExist(err) {
		t.Error("Begin kept a leftover staged file")
	}
	if err := s.Add(File{Path: stagingDir + "/x", Data: []byte("x")}); err == nil {
		t.Error("a path in the staging folder was accepted")
	}
	if _, err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	assertNoFolders(t, out, stagingDir)
}

// Folders that out lacks are moved into place whole when every file below
// them is staged at its own path; a folder with a file staged elsewhere, and
// files in folders out has, are moved one by one.
func TestStageMovesNewFoldersWhole(t *testing.T) {
	out := t.TempDir()
	writeFile(t, filepath.Join(out, "tags", "old.html"), "a user's")
	root, err := os.OpenRoot(out)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	files := set("index.html", "home", "articles/a/index.html", "a", "articles/b/index.html", "b",
		"tags/go/index.html", "go", "tags/go/page/2/index.html", "go 2", "authors/x/index.html", "x")
	staged := map[string]string{}
	for _, f := range files {
		name := stagingTree + "/" + f.Path
		if f.Path == "authors/x/index.html" {
			name = stagingDir + "/1" // as when its tree path could not be made
		}
		writeFile(t, filepath.Join(out, name), string(f.Data))
		staged[f.Path] = name
	}
	p, err := makePlan(root, nil, files)
	if err != nil {
		t.Fatal(err)
	}
	n, err := p.moveFolders(staged)
	if err != nil {
		t.Fatal(err)
	}
	if n != 4 {
		t.Errorf("moved %d files, want the 4 of articles/ and tags/go/", n)
	}
	var left []string
	for _, j := range p.jobs {
		left = append(left, j.file.Path)
	}
	if want := []string{"index.html", "authors/x/index.html"}; !slices.Equal(left, want) {
		t.Errorf("jobs left = %q, want %q", left, want)
	}
	if want := []string{"authors", "authors/x"}; !slices.Equal(p.mkdirs, want) {
		t.Errorf("folders left to make = %q, want %q", p.mkdirs, want)
	}
	got := tree(t, out)
	for _, f := range files[1:5] {
		if got[f.Path] != string(f.Data) {
			t.Errorf("%s = %q, want %q", f.Path, got[f.Path], f.Data)
		}
	}
	if got["tags/old.html"] != "a user's" {
		t.Error("a file in a folder out had was lost")
	}
	for _, gone := range []string{stagingTree + "/articles", stagingTree + "/tags/go"} {
		if _, ok := got[gone]; ok {
			t.Errorf("%s is still staged", gone)
		}
	}
}

// An added file that has the name of another's folder is staged all the
// same, and Commit refuses the pair, whatever order they came in.
func TestStageFileWhereAFolderMustGo(t *testing.T) {
	for _, files := range [][]File{set("a", "file", "a/b.html", "b"), set("a/b.html", "b", "a", "file")} {
		out := t.TempDir()
		s, err := Begin(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if err := s.Add(f); err != nil {
				t.Fatalf("Add(%s): %v", f.Path, err)
			}
		}
		_, err = s.Commit()
		if err == nil || !strings.Contains(err.Error(), `output path "a" is a file, but "a/b.html" needs it to be a folder`) {
			t.Errorf("Commit: %v", err)
		}
		assertSameTree(t, map[string]string{}, tree(t, out))
	}
}

// A temporary file left in out by a publish killed while it wrote the
// manifest is removed by the next one, through a Stage or Publish, and a
// user's file whose name only looks alike is kept.
func TestLeftoverTempFilesRemoved(t *testing.T) {
	for _, how := range []string{"stage", "publish"} {
		t.Run(how, func(t *testing.T) {
			out := t.TempDir()
			left := filepath.Join(out, tempPrefix+"ABCDEFGH")
			writeFile(t, left, "# byline manifest v1\n")
			writeFile(t, filepath.Join(out, "byline-tmp-keep"), "a user's file")
			var err error
			if how == "stage" {
				_, err = stageAll(t, out, site1)
			} else {
				_, err = Publish(out, site1)
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, err := os.Lstat(left); !os.IsNotExist(err) {
				t.Errorf("%s kept the temporary file a crash left (%v)", how, err)
			}
			assertExact(t, out, site1, map[string]string{
				"byline-tmp-keep": "a user's file",
			})
		})
	}
}

// A stage that ends without changing out, in an out that Begin made, leaves
// no empty folder behind; one that out or its parent already was stays.
func TestStageFailureRemovesTheFolderItMade(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "a", "public")
	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Add(File{Path: "index.html", Data: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(filepath.Join(parent, "a")); !os.IsNotExist(err) {
		t.Errorf("an aborted build left the folder it made for out (%v)", err)
	}

	// A commit that fails its checks.
	if _, err := stageAll(t, out, set("dup.html", "1", "dup.html", "2")); err == nil {
		t.Fatal("two files at one path were accepted")
	}
	if _, err := os.Lstat(filepath.Join(parent, "a")); !os.IsNotExist(err) {
		t.Errorf("a failed commit left the folder it made for out (%v)", err)
	}

	// An out that was there before stays, empty.
	if err := os.Mkdir(filepath.Join(parent, "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	s, err = Begin(filepath.Join(parent, "b"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(filepath.Join(parent, "b")); err != nil || !fi.IsDir() {
		t.Errorf("an aborted build removed an out that was there before (%v)", err)
	}
}
