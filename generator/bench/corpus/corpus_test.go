package corpus

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// tree reads every file under dir into a map keyed by slash path.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func write(t *testing.T, opts Options) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	if err := Write(dir, opts); err != nil {
		t.Fatal(err)
	}
	return tree(t, dir)
}

func TestCorpusDeterministic(t *testing.T) {
	a := write(t, Options{Articles: 60, Seed: 1})
	// The number of workers must not matter.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b := write(t, Options{Articles: 60, Seed: 1})
	if len(a) != len(b) {
		t.Fatalf("same seed: %d files, then %d", len(a), len(b))
	}
	for path, data := range a {
		if !bytes.Equal(data, b[path]) {
			t.Fatalf("same seed: %s differs between runs", path)
		}
	}
	c := write(t, Options{Articles: 60, Seed: 2})
	same := 0
	for path, data := range a {
		if bytes.Equal(data, c[path]) {
			same++
		}
	}
	if same > 1 { // only config.yaml may happen to match
		t.Errorf("seeds 1 and 2 give %d identical files", same)
	}
}

func TestRefusesNonEmptySite(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, Options{Articles: 5, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	stray := filepath.Join(dir, "site", "articles", "stray.md")
	keep := filepath.Join(dir, "site", "static", "keep.txt")
	for _, p := range []string{stray, keep} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err := Write(dir, Options{Articles: 5, Seed: 1})
	if !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), "-force") {
		t.Fatalf("Write into a non-empty site: got %v, want ErrNotEmpty mentioning -force", err)
	}
	if _, err := os.Stat(stray); err != nil {
		t.Fatalf("refused Write touched the site: %v", err)
	}
	if err := Write(dir, Options{Articles: 5, Seed: 1, Force: true}); err != nil {
		t.Fatalf("Write with Force: %v", err)
	}
	if _, err := os.Stat(stray); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Force kept a stale article: %v", err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("Force removed a file it does not write: %v", err)
	}
}

type frontMatter struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Date        string `yaml:"date"`
	Updated     string `yaml:"updated"`
	Author      string `yaml:"author"`
	ReviewedBy  string `yaml:"reviewed_by"`
	Category    string `yaml:"category"`
	Tags        []string
	Sources     []struct{ Title, URL, Publisher string }
	FAQ         []struct{ Q, A string }
}

var (
	linkRE    = regexp.MustCompile(`\]\(/articles/([a-z0-9-]+)/\)`)
	headingRE = regexp.MustCompile(`(?m)^## `)
)

// TestArticleShape checks the promises the benchmarks rely on: valid
// front matter, the advertised lengths and counts, links that resolve.
func TestArticleShape(t *testing.T) {
	const n = 300
	files := write(t, Options{Articles: n, Seed: 7, Authors: 12, Tags: 30})
	slugs := map[string]bool{}
	authors := map[string]bool{}
	for path := range files {
		if name, ok := strings.CutPrefix(path, "site/authors/"); ok {
			authors[strings.TrimSuffix(name, ".md")] = true
		}
		if strings.HasPrefix(path, "site/articles/") {
			slug := strings.TrimSuffix(filepath.Base(path), ".md")
			if slugs[slug] {
				t.Errorf("slug %s used twice", slug)
			}
			slugs[slug] = true
		}
	}
	if len(slugs) != n || len(authors) != 12 {
		t.Fatalf("got %d articles and %d authors, want %d and 12", len(slugs), len(authors), n)
	}
	var tables, code int
	for path, data := range files {
		if !strings.HasPrefix(path, "site/articles/") {
			continue
		}
		rest, ok := bytes.CutPrefix(data, []byte("---\n"))
		end := bytes.Index(rest, []byte("\n---\n"))
		if !ok || end < 0 {
			t.Fatalf("%s: no front matter", path)
		}
		var fm frontMatter
		if err := yaml.UnmarshalWithOptions(rest[:end], &fm, yaml.Strict()); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		body := rest[end+5:]
		switch {
		case fm.Title == "" || fm.Description == "" || fm.Category == "":
			t.Errorf("%s: missing title, description or category", path)
		case fm.Date < "2015-01-01" || fm.Date > "2026" || fm.Updated != "" && fm.Updated < fm.Date:
			t.Errorf("%s: dates %q, %q", path, fm.Date, fm.Updated)
		case !authors[fm.Author] || fm.ReviewedBy != "" && (!authors[fm.ReviewedBy] || fm.ReviewedBy == fm.Author):
			t.Errorf("%s: author %q, reviewer %q", path, fm.Author, fm.ReviewedBy)
		case len(fm.Tags) < 2 || len(fm.Tags) > 5 || len(fm.Sources) < 1 || len(fm.Sources) > 3:
			t.Errorf("%s: %d tags, %d sources", path, len(fm.Tags), len(fm.Sources))
		}
		// Templates show front matter as it is: no Markdown marks.
		texts := []string{fm.Description}
		for _, f := range fm.FAQ {
			texts = append(texts, f.Q, f.A)
		}
		for _, s := range texts {
			if strings.ContainsAny(s, "*`") {
				t.Errorf("%s: Markdown in front matter text %q", path, s)
			}
		}
		if w := len(bytes.Fields(body)); w < 800 || w > 2000 {
			t.Errorf("%s: %d words", path, w)
		}
		if h := len(headingRE.FindAll(body, -1)); h < 5 || h > 8 {
			t.Errorf("%s: %d ## headings", path, h)
		}
		for _, m := range linkRE.FindAllSubmatch(body, -1) {
			if !slugs[string(m[1])] {
				t.Errorf("%s: link to unknown article %s", path, m[1])
			}
		}
		if bytes.Contains(body, []byte("\n| --- |")) {
			tables++
		}
		if bytes.Contains(body, []byte("\n```")) {
			code++
		}
	}
	if tables < n/5 || tables > n*2/5 || code < n*3/10 || code > n/2 {
		t.Errorf("%d tables and %d code blocks in %d articles, want about 30%% and 40%%", tables, code, n)
	}
}
