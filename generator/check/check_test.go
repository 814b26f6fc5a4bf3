package check

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/byline/byline/generator"
	"github.com/byline/byline/generator/scaffold"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// fixture writes the files of testdata/name.txtar into a temp dir and makes
// it the working directory, so paths print as "site/…".
func fixture(t *testing.T, name string) {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	fsys, err := txtar.FS(a)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
}

func buildOptions() generator.Options {
	return generator.Options{SiteDir: "site", ThemesDir: "themes", Now: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}
}

// TestGolden checks each fixture site and compares the text report (and
// the reason output checks were skipped) with testdata/<name>.golden.
// Refresh with go test ./generator/check -run TestGolden -update.
func TestGolden(t *testing.T) {
	for _, name := range []string{"problems", "mdlinks", "values", "rawhtml", "indexes", "drafts", "shortcodes"} {
		t.Run(name, func(t *testing.T) {
			golden, _ := filepath.Abs(filepath.Join("testdata", name+".golden"))
			fixture(t, name)
			rep, err := Run(context.Background(), Options{Build: buildOptions(), External: ExternalList})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := rep.WriteText(&b); err != nil {
				t.Fatal(err)
			}
			if rep.Skipped != "" {
				b.WriteString("skipped: " + rep.Skipped + "\n")
			}
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("report differs from %s (rerun with -update to accept):\n--- got\n%s--- want\n%s", golden, got, want)
			}
		})
	}
}

func TestJSON(t *testing.T) {
	fixture(t, "problems")
	rep, err := Run(context.Background(), Options{Build: buildOptions()})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	want := `{
    "path": "site/articles/problems.md",
    "line": 11,
    "col": 12,
    "severity": "error",
    "message": "broken link /articles/missing/: the site has no /articles/missing/"
  }`
	if !strings.HasPrefix(b.String(), "[\n") || !strings.Contains(b.String(), want) {
		t.Errorf("JSON lacks\n%s\ngot:\n%s", want, b.String())
	}
	if strings.Contains(b.String(), `"info"`) {
		t.Error("external links listed without --external")
	}
}

// TestStarterProjectClean checks the project of byline init, also deployed
// under a sub-path (404.html then links with the base path).
func TestStarterProjectClean(t *testing.T) {
	dir := t.TempDir()
	for _, f := range scaffold.Project() {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	for _, base := range []string{"", "https://example.com/blog/"} {
		opts := buildOptions()
		opts.BaseURL = base
		rep, err := Run(context.Background(), Options{Build: opts})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range rep.Problems {
			t.Errorf("base %q: %s", base, d)
		}
	}
}
