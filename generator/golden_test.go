package generator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenNow is the clock of golden builds, so future and expired articles
// are judged the same on every run.
var goldenNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// TestGoldenSites builds every testdata/sites/NAME.txtar and compares the
// output with NAME.golden. The archive's comment sets options, one per line:
// "drafts", "future", "minify", "base-url URL", "theme NAME" (testdata/themes
// is copied into the project), "all-assets". Text outputs
// are compared whole; other files by size and hash. A site that fails to
// build has its error list as the golden "errors" file.
// Refresh with: go test ./generator -run Golden -update
func TestGoldenSites(t *testing.T) {
	testdata, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	archives, _ := filepath.Glob(filepath.Join(testdata, "sites", "*.txtar"))
	if len(archives) == 0 {
		t.Fatal("no golden sites")
	}
	for _, file := range archives {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			goldenFile := strings.TrimSuffix(file, ".txtar") + ".golden"
			got := txtar.Format(buildArchive(t, ar, testdata))
			if *update {
				if err := os.WriteFile(goldenFile, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(goldenFile)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			compareArchives(t, want, got)
		})
	}
}

// buildArchive writes ar into a temp project, builds it and returns the
// output as an archive.
func buildArchive(t *testing.T, ar *txtar.Archive, testdata string) *txtar.Archive {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "themes"), os.DirFS(filepath.Join(testdata, "themes"))); err != nil {
		t.Fatal(err)
	}
	fsys, err := txtar.FS(ar)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	opts := Options{SiteDir: "site", ThemesDir: "themes", Now: goldenNow}
	allAssets := false
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		key, val, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch key {
		case "drafts":
			opts.Drafts = true
		case "future":
			opts.Future = true
		case "minify":
			opts.Minify = true
		case "base-url":
			opts.BaseURL = val
		case "theme":
			opts.Theme = val
		case "all-assets":
			allAssets = true
		case "", "#":
		default:
			t.Fatalf("unknown option %q in archive comment", line)
		}
	}
	out := &txtar.Archive{Comment: ar.Comment}
	res, err := Build(context.Background(), opts)
	if err != nil {
		out.Files = append(out.Files, txtar.File{Name: "errors", Data: []byte(err.Error() + "\n")})
		return out
	}
	for _, w := range res.Warnings {
		out.Files = append(out.Files, txtar.File{Name: "warnings", Data: []byte(w.Error() + "\n")})
	}
	for _, f := range res.Files {
		if !allAssets && builtinAsset(f.Path) {
			continue
		}
		data := goldenData(f.Path, f.Data)
		if !allAssets {
			data = fingerprint.ReplaceAll(data, []byte("$1.HASH.$2"))
		}
		out.Files = append(out.Files, txtar.File{Name: "public/" + f.Path, Data: data})
	}
	return out
}

// fingerprint matches a fingerprinted asset name; golden files show it as
// "style.HASH.css" unless the site asks for "all-assets".
var fingerprint = regexp.MustCompile(`\b([\w-]+)\.[0-9a-f]{8}\.(css|js)\b`)

// builtinAsset reports the built-in theme's stylesheets, scripts and icons,
// left out of golden files unless a site asks for "all-assets".
func builtinAsset(p string) bool {
	return strings.HasPrefix(p, "css/") || strings.HasPrefix(p, "js/") || strings.HasPrefix(p, "favicon")
}

// goldenData keeps text outputs whole; theme assets and images become a
// size and hash, so a CSS tweak does not rewrite every golden file.
func goldenData(p string, data []byte) []byte {
	switch path.Ext(p) {
	case ".html", ".xml", ".json", ".txt", "":
		if !bytes.HasSuffix(data, []byte("\n")) {
			data = append(data, '\n')
		}
		return data
	}
	return []byte(fmt.Sprintf("%d bytes, sha256 %x\n", len(data), sha256.Sum256(data)))
}

func compareArchives(t *testing.T, want, got []byte) {
	t.Helper()
	if bytes.Equal(want, got) {
		return
	}
	w, g := txtar.Parse(want), txtar.Parse(got)
	files := map[string][]byte{}
	for _, f := range w.Files {
		files[f.Name] = f.Data
	}
	seen := map[string]bool{}
	for _, f := range g.Files {
		seen[f.Name] = true
		wd, ok := files[f.Name]
		switch {
		case !ok:
			t.Errorf("unexpected output %s", f.Name)
		case !bytes.Equal(wd, f.Data):
			t.Errorf("%s differs:\n%s", f.Name, firstDiff(wd, f.Data))
		}
	}
	for _, f := range w.Files {
		if !seen[f.Name] {
			t.Errorf("missing output %s", f.Name)
		}
	}
	t.Log("run go test ./generator -run Golden -update to accept the new output")
}

// firstDiff shows the first differing line.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant %q\n got %q", i+1, w, g)
		}
	}
	return "(same lines, different bytes)"
}
