package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFailedBuildShowsWarnings: a build that fails prints its warnings
// too, before its errors, since a warning often explains an error. They
// were dropped: a misspelt "titel" gave only "missing required key
// "title"", and a link to a file the build skipped only "there is no
// article … outside.md", though the file is there.
func TestFailedBuildShowsWarnings(t *testing.T) {
	const art = "site/articles/roles/what-does-a-back-end-developer-do.md"
	outside := filepath.Join(t.TempDir(), "outside.md")
	if err := os.WriteFile(outside, []byte("---\ntitle: Outside\ndate: 2025-01-01\n---\nHi.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		setup func(t *testing.T)
		want  []string // lines of stderr, in order
	}{
		{"misspelt key", func(t *testing.T) {
			write(t, "site/articles/typo.md", "---\ntitel: Typo\ndate: 2025-01-01\n---\nText.\n")
		}, []string{
			`site/articles/typo.md:2:1: warning: unknown key "titel"; did you mean "title"?`,
			`site/articles/typo.md:1:1: missing required key "title": add it to the front matter, as in title: "What Does an SRE Do?"`,
		}},
		{"skipped file", func(t *testing.T) {
			if err := os.Symlink(outside, "site/articles/outside.md"); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(art)
			if err != nil {
				t.Fatal(err)
			}
			write(t, art, string(data)+"\nSee [the other one](../outside.md).\n")
		}, []string{
			`site/articles/outside.md: warning: symbolic link skipped: it must point at a file inside the site`,
			art + `:NN: link to "../outside.md": there is no article, page or author site/articles/outside.md: the path is relative to this file's folder, or to the site folder when it starts with "/"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			project(t)
			tt.setup(t)
			code, _, errs := run(t, "build")
			if code != 1 {
				t.Fatalf("exit %d, want 1\n%s", code, errs)
			}
			lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("stderr:\n%s\nwant:\n%s", errs, strings.Join(tt.want, "\n"))
			}
			for i, want := range tt.want {
				if before, after, ok := strings.Cut(want, ":NN:"); ok {
					// The line and column of an appended line.
					if !strings.HasPrefix(lines[i], before+":") || !strings.HasSuffix(lines[i], after) {
						t.Errorf("line %d: got %s\nwant %s", i+1, lines[i], want)
					}
				} else if lines[i] != want {
					t.Errorf("line %d: got %s\nwant %s", i+1, lines[i], want)
				}
			}
		})
	}
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
