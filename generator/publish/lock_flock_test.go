//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly || illumos

package publish

import (
	"maps"
	"path/filepath"
	"strings"
	"testing"
)

// TestOneBuildAtATime: while a build stages into a folder, another build
// into it (a build beside a build --watch) fails at once, touching
// nothing, where it used to remove the first one's staging folder and mix
// the two builds' files; the first then commits as if alone, and the
// folder is free again after it.
func TestOneBuildAtATime(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	mustPublish(t, out, site1)
	first, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range set("index.html", "first") {
		if err := first.Add(f); err != nil {
			t.Fatal(err)
		}
	}
	before := tree(t, out)
	const busy = "another build is writing to"
	if _, err := Begin(out); err == nil || !strings.Contains(err.Error(), busy) {
		t.Errorf("a second Begin: %v, want %q…", err, busy)
	}
	if _, err := Publish(out, set("index.html", "second")); err == nil || !strings.Contains(err.Error(), busy) {
		t.Errorf("a Publish meanwhile: %v, want %q…", err, busy)
	}
	if after := tree(t, out); !maps.Equal(before, after) {
		t.Errorf("the refused builds changed the folder:\nbefore %v\nafter  %v", before, after)
	}
	if _, err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, out)["index.html"]; got != "first" {
		t.Errorf("index.html = %q, want the first build's", got)
	}
	mustPublish(t, out, set("index.html", "third"))
}
