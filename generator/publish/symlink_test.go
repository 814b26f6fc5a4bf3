package publish

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Publish never writes through a link in the way of an output folder: it fails before
// writing anything, and the link's target is untouched.
func TestPublishRefusesLinkedFolder(t *testing.T) {
	for name, target := range map[string]func(out, elsewhere string) string{
		"outside":          func(_, elsewhere string) string { return elsewhere },
		"outside relative": func(out, elsewhere string) string { r, _ := filepath.Rel(out, elsewhere); return r },
		"inside":           func(out, _ string) string { return "real" },
	} {
		t.Run(name, func(t *testing.T) {
			parent := t.TempDir()
			out, elsewhere := filepath.Join(parent, "public"), filepath.Join(parent, "elsewhere")
			writeFile(t, filepath.Join(elsewhere, "keep.txt"), "outside")
			writeFile(t, filepath.Join(out, "real", "keep.txt"), "inside")
			symlink(t, target(out, elsewhere), filepath.Join(out, "articles"))
			before := tree(t, parent)

			_, err := Publish(out, set("index.html", "home", "articles/x/index.html", "x", "articles/y.html", "y"))
			if err == nil || !strings.Contains(err.Error(), `"articles" is a symbolic link`) {
				t.Fatalf("error %v, want a symbolic-link error", err)
			}
			if after := tree(t, parent); !maps.Equal(before, after) {
				t.Errorf("tree changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

// A link where an output file goes is replaced by the file; its target is left alone.
func TestPublishReplacesLinkedFile(t *testing.T) {
	parent := t.TempDir()
	out, elsewhere := filepath.Join(parent, "public"), filepath.Join(parent, "elsewhere")
	writeFile(t, filepath.Join(elsewhere, "target.html"), "outside")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	symlink(t, filepath.Join(elsewhere, "target.html"), filepath.Join(out, "index.html"))
	symlink(t, elsewhere, filepath.Join(out, "dirlink"))

	files := set("index.html", "home", "dirlink", "now a file")
	if got := mustPublish(t, out, files); got != (Stats{Written: 2}) {
		t.Errorf("stats %+v, want 2 written", got)
	}
	assertExact(t, out, files, nil)
	assertTree(t, elsewhere, map[string]string{"target.html": "outside"})
}

// Pruning never deletes through a link that a user put where a folder of ours was.
func TestPruneDoesNotFollowLinks(t *testing.T) {
	parent := t.TempDir()
	out, elsewhere := filepath.Join(parent, "public"), filepath.Join(parent, "elsewhere")
	mustPublish(t, out, set("articles/a/index.html", "a", "docs/b.html", "b", "index.html", "home"))
	writeFile(t, filepath.Join(elsewhere, "a", "index.html"), "outside")
	writeFile(t, filepath.Join(out, "real", "b.html"), "inside")
	for _, d := range []string{"articles", "docs"} {
		if err := os.RemoveAll(filepath.Join(out, d)); err != nil {
			t.Fatal(err)
		}
	}
	symlink(t, elsewhere, filepath.Join(out, "articles"))
	symlink(t, "real", filepath.Join(out, "docs"))

	files := set("index.html", "home")
	if got := mustPublish(t, out, files); got != (Stats{Unchanged: 1}) {
		t.Errorf("stats %+v, want 1 unchanged, nothing removed", got)
	}
	assertExact(t, out, files, map[string]string{
		"articles":    "-> " + elsewhere,
		"docs":        "-> real",
		"real/b.html": "inside",
	})
	assertTree(t, elsewhere, map[string]string{"a/index.html": "outside"})
}
