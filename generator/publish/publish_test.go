package publish

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var site1 = set(
	"index.html", "<h1>home</h1>",
	"articles/a/index.html", "article a",
	"articles/b/index.html", "article b",
	"tags/go/index.html", "tag go",
	"sitemap.xml", "<urlset/>",
)

func TestPublishFirstThenUnchanged(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public") // does not exist yet
	if got := mustPublish(t, out, site1); got != (Stats{Written: 5}) {
		t.Errorf("first publish: %+v, want 5 written", got)
	}
	assertExact(t, out, site1, nil)
	manifest, _ := os.ReadFile(filepath.Join(out, manifestName))
	const want = "# byline manifest v1\narticles/a/index.html\narticles/b/index.html\n" +
		"index.html\nsitemap.xml\ntags/go/index.html\n"
	if string(manifest) != want {
		t.Errorf("manifest:\n%s\nwant:\n%s", manifest, want)
	}

	old := age(t, out)
	if got := mustPublish(t, out, site1); got != (Stats{Unchanged: 5}) {
		t.Errorf("second publish: %+v, want 5 unchanged", got)
	}
	for p, v := range tree(t, out) {
		info, _ := os.Stat(filepath.Join(out, p))
		if v != "<dir>" && !info.ModTime().Equal(old) {
			t.Errorf("%s was rewritten: mtime %v", p, info.ModTime())
		}
	}
	assertExact(t, out, site1, nil)
}

func TestPublishChangedFiles(t *testing.T) {
	out := t.TempDir()
	mustPublish(t, out, site1)
	next := set(
		"index.html", "<h1>HOME</h1>", // same size, other bytes
		"articles/a/index.html", "article a, longer",
		"articles/b/index.html", "article b",
		"tags/go/index.html", "tag go",
		"sitemap.xml", "<urlset/>",
	)
	if got := mustPublish(t, out, next); got != (Stats{Written: 2, Unchanged: 3}) {
		t.Errorf("stats %+v, want 2 written, 3 unchanged", got)
	}
	assertExact(t, out, next, nil)
	if tmp := findTemp(t, out); tmp != "" {
		t.Errorf("temporary file left behind: %s", tmp)
	}
}

func findTemp(t *testing.T, out string) string {
	for p := range tree(t, out) {
		if strings.Contains(p, tempPrefix) {
			return p
		}
	}
	return ""
}

func TestPublishRemovesStaleKeepsForeign(t *testing.T) {
	out := t.TempDir()
	mustPublish(t, out, site1)
	foreign := map[string]string{
		".git/config":          "[core]",
		"CNAME":                "example.com",
		"articles/b/notes.txt": "a user's notes in a folder Byline made",
	}
	for p, v := range foreign {
		writeFile(t, filepath.Join(out, p), v)
	}
	// Article a renamed to a2, article b and the tag page deleted.
	next := set(
		"index.html", "<h1>home</h1>",
		"articles/a2/index.html", "article a",
		"sitemap.xml", "<urlset/>",
	)
	if got := mustPublish(t, out, next); got != (Stats{Written: 1, Unchanged: 2, Removed: 3}) {
		t.Errorf("stats %+v, want 1 written, 2 unchanged, 3 removed", got)
	}
	assertExact(t, out, next, foreign)
	assertNoFolders(t, out, "articles/a", "tags/go", "tags")
	if _, err := os.Stat(filepath.Join(out, "articles/b")); err != nil {
		t.Errorf("folder with a foreign file was removed: %v", err)
	}

	// Publishing nothing removes every output file but never out or foreign files.
	if got := mustPublish(t, out, nil); got != (Stats{Removed: 3}) {
		t.Errorf("empty publish: %+v, want 3 removed", got)
	}
	assertExact(t, out, nil, foreign)
	assertNoFolders(t, out, "articles/a2")
}

// TestPublishSequence publishes a series of sites, as a watch session would, and checks
// after each that out holds exactly the site plus the foreign files.
func TestPublishSequence(t *testing.T) {
	out := t.TempDir()
	foreign := map[string]string{"CNAME": "example.com", ".well-known/x": "y"}
	for p, v := range foreign {
		writeFile(t, filepath.Join(out, p), v)
	}
	sites := sequence()
	for i, files := range sites {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			for _, workers := range []int{1, 4} {
				if _, err := publish(out, files, workers); err != nil {
					t.Fatalf("publish: %v", err)
				}
				assertExact(t, out, files, foreign)
			}
		})
	}
	assertNoFolders(t, out, "a", "b", "e")
}

func TestPublishReplacesStaleOfOursInTheWay(t *testing.T) {
	out := t.TempDir()
	mustPublish(t, out, set("a", "file", "b/x/1.html", "1", "b/2.html", "2"))
	next := set("a/index.html", "folder", "b", "file")
	if got := mustPublish(t, out, next); got != (Stats{Written: 2, Removed: 3}) {
		t.Errorf("stats %+v, want 2 written, 3 removed", got)
	}
	assertExact(t, out, next, nil)
}

func TestPublishRefusesForeignInTheWay(t *testing.T) {
	tests := []struct {
		name    string
		foreign string // a user's file, relative to out
		files   []File
		wantErr string
	}{
		{"file where a folder goes", "docs", set("docs/index.html", "x"), `"docs" must become a folder`},
		{"foreign file in stale folder where a file goes", "a/notes.txt", set("a", "x"), `"a" must become a file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			mustPublish(t, out, set("a/index.html", "old", "index.html", "home"))
			writeFile(t, filepath.Join(out, tt.foreign), "mine")
			before := tree(t, out)
			_, err := Publish(out, tt.files)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want one containing %s", err, tt.wantErr)
			}
			assertTree(t, out, filesOf(before))
		})
	}
}

// filesOf drops the folders from a tree.
func filesOf(m map[string]string) map[string]string {
	m = maps.Clone(m)
	maps.DeleteFunc(m, func(_, v string) bool { return v == "<dir>" })
	return m
}

func TestPublishClaimsForeignFileItOverwrites(t *testing.T) {
	out := t.TempDir()
	writeFile(t, filepath.Join(out, "CNAME"), "old.example.com")
	files := set("CNAME", "new.example.com")
	if got := mustPublish(t, out, files); got != (Stats{Written: 1}) {
		t.Errorf("stats %+v, want 1 written", got)
	}
	assertExact(t, out, files, nil)
}

func TestPublishInvalidPaths(t *testing.T) {
	tests := []struct {
		path, wantErr string
	}{
		{"../x", "leaves the output folder"},
		{"..", "leaves the output folder"},
		{"/etc/x", "absolute"},
		{"a/../b", "not clean"},
		{"a//b", "not clean"},
		{"./a", "not clean"},
		{"a/", "not clean"},
		{".", "not clean"},
		{`a\b`, "backslash"},
		{"", "empty"},
		{"a\x00b", "control character"},
		{"a\nb", "control character"},
		{manifestName, "reserved"},
		{manifestName + "/index.html", "reserved"},
		{stagingDir + "/index.html", "reserved"},
		{"x/" + tempPrefix + "1", "reserved"},
		{"a/" + strings.Repeat("x", 256) + "/b", "longer than 255 bytes"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.path), func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			mustPublish(t, out, site1)
			writeFile(t, filepath.Join(out, "CNAME"), "example.com")
			before := tree(t, parent)
			files := append(set("new.html", "new"), File{Path: tt.path, Data: []byte("x")})
			_, err := Publish(out, files)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
			if after := tree(t, parent); !maps.Equal(before, after) {
				t.Errorf("tree changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

func TestPublishInvalidSets(t *testing.T) {
	tests := []struct {
		name    string
		files   []File
		wantErr string
	}{
		{"duplicate", set("a.html", "1", "b.html", "2", "a.html", "3"), `duplicate output path "a.html"`},
		{"file and folder", set("a", "1", "a/b/c", "2"), `output path "a" is a file, but "a/b/c" needs it to be a folder`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			_, err := Publish(out, tt.files)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
			if _, err := os.Lstat(out); err == nil {
				t.Error("out was created for an invalid publish")
			}
		})
	}
}

func TestPublishCorruptManifest(t *testing.T) {
	for name, manifest := range map[string]string{
		"header":   "# something else\nindex.html\n",
		"unsorted": manifestHeader + "\nb\na\n",
		"escapes":  manifestHeader + "\n../outside\n",
		"no eol":   manifestHeader + "\nindex.html",
	} {
		t.Run(name, func(t *testing.T) {
			out := t.TempDir()
			writeFile(t, filepath.Join(out, manifestName), manifest)
			writeFile(t, filepath.Join(out, "index.html"), "user's")
			before := tree(t, out)
			_, err := Publish(out, nil)
			if err == nil || !strings.Contains(err.Error(), "delete it to start over") {
				t.Fatalf("error %v, want a corrupt-manifest error", err)
			}
			assertTree(t, out, filesOf(before))
		})
	}
}

// Before writing, the manifest grows to list every file the publish may create, so that one
// failing halfway leaves nothing of ours that a later publish would take for a user's. A
// foreign file about to be overwritten is not claimed: a failure must not make it ours.
func TestPlanClaimsWhatItMayCreate(t *testing.T) {
	out := t.TempDir()
	mustPublish(t, out, set("index.html", "home", "old.html", "old"))
	writeFile(t, filepath.Join(out, "CNAME"), "example.com")
	root, err := os.OpenRoot(out)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	old, err := readManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	p, err := makePlan(root, old, set("index.html", "home", "new/a.html", "a", "CNAME", "other.com"))
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(p.claimed(old), " ")
	if want := "index.html new/a.html old.html"; got != want {
		t.Errorf("claimed %q, want %q", got, want)
	}
}
