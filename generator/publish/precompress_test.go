package publish

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestPrecompress(t *testing.T) {
	page := strings.Repeat("<p>Careers in software, explained.</p>\n", 200)
	files := set(
		"index.html", page,
		"css/style.1a2b3c4d.css", "body { color: black }\n",
		"feed.xml", "<feed/>",
		"images/logo.svg", "<svg/>",
		"images/photo.png", "\x89PNG not text",
		"_headers", "/*\n  X-Frame-Options: DENY\n",
	)
	got := Precompress(files)
	var paths []string
	for _, f := range got {
		paths = append(paths, f.Path)
	}
	want := []string{
		"index.html", "css/style.1a2b3c4d.css", "feed.xml", "images/logo.svg", "images/photo.png", "_headers",
		"index.html.gz", "index.html.br", "css/style.1a2b3c4d.css.gz", "css/style.1a2b3c4d.css.br",
		"feed.xml.gz", "feed.xml.br", "images/logo.svg.gz", "images/logo.svg.br",
	}
	if !slices.Equal(paths, want) {
		t.Fatalf("paths:\n got %q\nwant %q", paths, want)
	}
	byPath := map[string][]byte{}
	for _, f := range got {
		byPath[f.Path] = f.Data
	}
	for _, f := range files {
		if gz, ok := byPath[f.Path+".gz"]; ok {
			zr, err := gzip.NewReader(bytes.NewReader(gz))
			if err != nil {
				t.Fatal(err)
			}
			if zr.Name != "" || !zr.ModTime.IsZero() {
				t.Errorf("%s.gz: header has name %q, time %v; want neither", f.Path, zr.Name, zr.ModTime)
			}
			if plain, err := io.ReadAll(zr); err != nil || !bytes.Equal(plain, f.Data) {
				t.Errorf("%s.gz does not decompress to the file: %v", f.Path, err)
			}
			plain, err := io.ReadAll(brotli.NewReader(bytes.NewReader(byPath[f.Path+".br"])))
			if err != nil || !bytes.Equal(plain, f.Data) {
				t.Errorf("%s.br does not decompress to the file: %v", f.Path, err)
			}
		}
	}
	if n := len(byPath["index.html.br"]); n >= len(page)/10 {
		t.Errorf("index.html.br is %d bytes for %d repetitive bytes: not compressed", n, len(page))
	}

	// Byte-deterministic: a second run, on other goroutines, gives the same bytes.
	again := Precompress(files)
	for i := range got {
		if !bytes.Equal(got[i].Data, again[i].Data) {
			t.Errorf("%s differs between two runs", got[i].Path)
		}
	}
}

// A compressed copy is an output like any other: when its source goes, or a
// build runs without --precompress, the next publish removes it.
func TestPrecompressedFilesArePruned(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	mustPublish(t, out, Precompress(set("index.html", "<p>home</p>", "old/index.html", "<p>old</p>")))
	for _, p := range []string{"index.html.gz", "index.html.br", "old/index.html.gz"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Fatalf("%s not written: %v", p, err)
		}
	}
	mustPublish(t, out, Precompress(set("index.html", "<p>home</p>")))
	if _, err := os.Stat(filepath.Join(out, "old")); !os.IsNotExist(err) {
		t.Errorf("old/ and its compressed copies should be gone: %v", err)
	}
	stats := mustPublish(t, out, set("index.html", "<p>home</p>"))
	if stats.Removed != 2 {
		t.Errorf("publishing without precompress removed %d files, want the 2 copies", stats.Removed)
	}
	if got := tree(t, out); len(got) != 2 { // index.html and the manifest
		t.Errorf("left %v", got)
	}
}

func BenchmarkPrecompress(b *testing.B) {
	page := []byte(strings.Repeat("<p>An engineer's day: reviews, design, on-call, and <a href=\"../x/\">mentoring</a>.</p>\n", 400))
	files := make([]File, 100)
	for i := range files {
		files[i] = File{Path: "p" + string(rune('a'+i%26)) + strings.Repeat("x", i) + ".html", Data: page}
	}
	b.SetBytes(int64(len(page) * len(files)))
	for b.Loop() {
		Precompress(files)
	}
}
