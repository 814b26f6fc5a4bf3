package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMemoryGoal(t *testing.T) {
	dir := t.TempDir()
	if got := memoryGoal(dir); got != minMemoryGoal {
		t.Errorf("empty site: goal %d, want the floor %d", got, minMemoryGoal)
	}
	// 200 MB of Markdown and a 1 GB static file, as sparse files: the goal
	// follows the content, static files held once.
	for i, name := range []string{"articles/a.md", "articles/guides/b.md"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Repeat("x", i+1)), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(p, 100<<20); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "huge.png"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(filepath.Join(dir, "huge.png"), 1<<30); err != nil {
		t.Fatal(err)
	}
	want := int64(float64(200<<20)*goalPerSourceByte + float64(1<<30)*goalPerStaticByte)
	if got := memoryGoal(dir); got != want {
		t.Errorf("200 MB of Markdown and a 1 GB image: goal %d, want %d", got, want)
	}
}
