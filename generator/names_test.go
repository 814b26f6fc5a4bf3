package generator

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/byline/byline/generator/diag"
)

// TestUnpublishableNames: a static or bundle file whose name no host can
// take (a control character, a backslash) is an error at that file, every
// one of them reported, before anything is published.
func TestUnpublishableNames(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"site/config.yaml":            "title: Names\n",
		"site/authors/ann.md":         "---\nname: Ann\n---\n",
		"site/articles/x/index.md":    "---\ntitle: X\ndate: 2025-01-01\nauthor: ann\n---\nHi.\n",
		"site/articles/x/we\\ird.png": "png",
		"site/articles/x/ok.png":      "png",
		"site/static/tab\tname.txt":   "text",
		"site/static/fine.txt":        "text",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	_, err := Build(context.Background(), Options{SiteDir: "site", Now: goldenNow})
	var list diag.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("build: %v, want a list of errors", err)
	}
	var got []string
	for _, d := range list {
		got = append(got, d.Error())
	}
	want := []string{
		`site/articles/x/we\ird.png: this file of a page's folder would be written to "articles/x/we\\ird.png", which cannot be published (backslash; use / between folders): move or rename it`,
		"site/static/tab\tname.txt: this static file would be written to \"tab\\tname.txt\", which cannot be published (control character): move or rename it",
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%q\nwant\n%q", got, want)
	}
}
