package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPrecompressPathsChecked: with --precompress, a file in the way of a
// compressed copy, or whose copy's name would be too long, is an error at
// the file, where it used to fail at publish with no source named.
func TestPrecompressPathsChecked(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	long := strings.Repeat("x", 250) + ".txt"
	for name, text := range map[string]string{
		"config.yaml":            "title: T\n",
		"static/feed.xml.gz":     "not the feed",
		"static/" + long:         "text",
		"static/images/logo.png": "png",
	} {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := Options{SiteDir: site, ThemesDir: "../themes", Now: goldenNow}
	if _, err := Prepare(context.Background(), opts); err != nil {
		t.Fatalf("without --precompress: %v", err)
	}
	opts.Precompress = true
	_, err := Prepare(context.Background(), opts)
	if err == nil {
		t.Fatal("with --precompress: no error")
	}
	got := strings.ReplaceAll(err.Error(), filepath.ToSlash(site), "site")
	for _, want := range []string{
		`site/static/feed.xml.gz: this static file would be written to "feed.xml.gz", where --precompress puts the compressed copy of feed.xml`,
		`site/static/` + long + `: this static file would be written to "` + long + `", whose compressed copy "` + long + `.gz" cannot be published (a name is longer than 255 bytes)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no error %s in:\n%s", want, got)
		}
	}
}
