package generator

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"syscall"
	"testing"

	"github.com/byline/byline/generator/render"
)

// buildFrom builds the site in dir with Options.Earlier set to out, and
// returns its files and how many it read back.
func buildFrom(t *testing.T, dir, out string) (map[string][]byte, int) {
	t.Helper()
	res, err := Build(context.Background(), Options{SiteDir: dir, ThemesDir: "../themes", Now: goldenNow, Earlier: out})
	if err != nil {
		t.Fatal(err)
	}
	return fileMap(res), res.Reused
}

// madeFiles returns the paths of the copies and cards among files, by
// kind: "card", or the copy's source name ("chart", "photo").
func madeFiles(files map[string][]byte) map[string][]string {
	name := regexp.MustCompile(`([^/.]+)\.\d+w\.[0-9a-f]{8}\.(png|jpg)$`)
	out := map[string][]string{}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		switch m := name.FindStringSubmatch(p); {
		case cardFile.MatchString(p):
			out["card"] = append(out["card"], p)
		case m != nil:
			out[m[1]] = append(out[m[1]], p)
		}
	}
	return out
}

// TestEarlierOutputReused: a build into a folder an earlier build wrote
// reads its copies and cards back instead of making them, and writes the
// same bytes; a copy or card that is not exactly what the build would make
// (an unstamped file of the right name and size, one cut short, a named
// pipe, a link to a file outside the folder) is made again, and the
// folder published again equals a clean build.
func TestEarlierOutputReused(t *testing.T) {
	dir := writeImageSite(t, imagesConfig+"social_cards: true\n")
	out := filepath.Join(t.TempDir(), "public")
	clean, n := buildFrom(t, dir, out)
	if n != 0 {
		t.Fatalf("a build into a folder that does not exist read %d files back", n)
	}
	made := madeFiles(clean)
	counts := map[string]int{}
	total := 0
	for kind, paths := range made {
		// A bundle's copies are written once for each page showing them;
		// each is read back once.
		counts[kind] = len(paths)
		total += len(paths)
	}
	// Cards: the home page, the lists of articles, tags, categories and
	// authors, and the article without an image.
	if counts["card"] != 6 || counts["chart"] != 3 || counts["photo"] != 3 || counts["desk"] != 2 || counts["crew"] != 2 {
		t.Fatalf("copies and cards %v, want 6 cards and 3, 3, 2, 2 copies", made)
	}
	publishAll(t, clean, out)

	again, n := buildFrom(t, dir, out)
	if n != total {
		t.Errorf("the second build read %d files back, want %d", n, total)
	}
	if !maps.EqualFunc(clean, again, bytes.Equal) {
		t.Error("a build that reads files back differs from a clean one")
	}

	outside := filepath.Join(t.TempDir(), "crew-copy")
	write(t, outside, clean[made["crew"][0]])
	spoil(t, out, made["card"][0], func(p string) { write(t, p, testPNG(t, 1200, 630)) })
	spoil(t, out, made["chart"][1], func(p string) { write(t, p, clean[made["chart"][1]][:len(clean[made["chart"][1]])-1]) })
	spoil(t, out, made["photo"][0], func(p string) {
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
	})
	spoil(t, out, made["crew"][0], func(p string) {
		if err := os.Symlink(outside, p); err != nil {
			t.Fatal(err)
		}
	})
	spoilt, n := buildFrom(t, dir, out)
	if want := counts["desk"] + counts["card"] - 1; n != want {
		t.Errorf("with a card, a chart copy, a photo copy and a crew copy spoilt, %d files were read back, want %d (desk's and the other cards)", n, want)
	}
	if !maps.EqualFunc(clean, spoilt, bytes.Equal) {
		t.Error("a build over spoilt files differs from a clean one")
	}
	publishAll(t, clean, out)
}

// spoil removes the file at p in out and lets do put something in its place.
func spoil(t *testing.T, out, p string, do func(string)) {
	t.Helper()
	full := filepath.Join(out, filepath.FromSlash(p))
	if err := os.Remove(full); err != nil {
		t.Fatal(err)
	}
	do(full)
}

func write(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// publishAll publishes files into out, and checks that out then holds
// them.
func publishAll(t *testing.T, files map[string][]byte, out string) {
	t.Helper()
	if _, err := Publish(&Result{Files: filesOf(files)}, out); err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s in the output folder differs from the build's (%v)", p, err)
		}
	}
}

// filesOf returns files as a build's, sorted by path.
func filesOf(files map[string][]byte) []render.File {
	var out []render.File
	for _, p := range slices.Sorted(maps.Keys(files)) {
		out = append(out, render.File{Path: p, Data: files[p]})
	}
	return out
}

// TestEarlierOutputChangedInside: a card or a copy in the output folder
// whose bytes changed inside, its stamp and its end kept (a bit flipped on
// disk, an optimizer that keeps the file's comments), is made again: the
// build equals a clean one.
func TestEarlierOutputChangedInside(t *testing.T) {
	dir := writeImageSite(t, imagesConfig+"social_cards: true\n")
	out := filepath.Join(t.TempDir(), "public")
	clean, _ := buildFrom(t, dir, out)
	publishAll(t, clean, out)
	made := madeFiles(clean)
	for _, p := range []string{made["card"][0], made["chart"][0]} {
		data := bytes.Clone(clean[p])
		data[len(data)/2] ^= 0x40
		spoil(t, out, p, func(full string) { write(t, full, data) })
	}
	again, _ := buildFrom(t, dir, out)
	for _, p := range []string{made["card"][0], made["chart"][0]} {
		if !bytes.Equal(again[p], clean[p]) {
			t.Errorf("%s: the build took the changed file from the output folder", p)
		}
	}
}
