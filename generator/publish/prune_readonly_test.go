//go:build linux

package publish

import (
	"maps"
	"os"
	"path/filepath"
	"testing"
)

const pruneAsNobody = "BYLINE_TEST_PRUNE_AS_NOBODY"

// TestPruneBelowReadOnlyFolder: a folder that a publish empties, inside a
// folder made read-only, passed checkWritable (which checks the folders of
// the files removed, not their parents), and its removal then failed the
// publish after the new files were in place: a mix of two builds.
func TestPruneBelowReadOnlyFolder(t *testing.T) {
	if out := os.Getenv(pruneAsNobody); out != "" {
		files := set("index.html", "new home")
		s, err := Begin(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if err := s.Add(f); err != nil {
				t.Fatal(err)
			}
		}
		if _, err = s.Commit(); err != nil {
			t.Errorf("Commit: %v", err)
		}
		return
	}
	base := t.TempDir()
	out := filepath.Join(base, "public")
	mustPublish(t, out, set("index.html", "old home", "a/x/index.html", "old x"))
	if err := os.Chmod(filepath.Join(out, "a"), 0o555); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		t.Setenv(pruneAsNobody, out)
		TestPruneBelowReadOnlyFolder(t)
	} else {
		runAsNobody(t, "TestPruneBelowReadOnlyFolder", base, pruneAsNobody, out)
	}
	want := map[string]string{"index.html": "new home", "a": "<dir>", "a/x": "<dir>", ".byline-manifest": "# byline manifest v1\nindex.html\n"}
	if got := tree(t, out); !maps.Equal(got, want) {
		t.Errorf("after the publish: %v, want %v", got, want)
	}
}
