package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/byline/byline/generator/content"
)

// patchBase is the article FuzzPatch's seeds start from; fuzzFiles hold the
// rest of the site, an article dated 2025-01-01 among them.
const patchBase = "---\ntitle: \"Testing, Then Shipping\"\ndescription: \"What a tester does.\"\n" +
	"date: 2025-01-01\nauthor: ann\ntags: [go, testing]\ncategory: Guides\n---\n\n" +
	"Testers read the diff first.\n\n## Plans\n\nA plan names risks.\n\n## Tools\n\nSee [the other](/articles/other/).\n"

// FuzzPatch builds a site with the article articles/x.md as the first
// bytes, edits the article to the second, and checks the promise of
// Prepared.PatchArticles: when it patches the build, the build renders,
// file for file, what a full build of the edited site renders; when it
// refuses, the build renders what it did before.
func FuzzPatch(f *testing.F) {
	for _, edited := range []string{
		patchBase + "\nOne more paragraph.\n",
		replaceOnce(patchBase, `title: "Testing`, `title: "Zen and Testing`),
		replaceOnce(patchBase, `title: "Testing`, `title: "A Testing`),
		replaceOnce(patchBase, `description: "What`, `description: "Who`),
		replaceOnce(patchBase, "description: \"What a tester does.\"\n", ""),
		replaceOnce(patchBase, "tags: [go, ", "tags: [go, careers, "),
		replaceOnce(patchBase, "date: 2025-01-01", "date: 2025-01-02"),
		replaceOnce(patchBase, "## Tools", "## Tools {#plans}"),
		replaceOnce(patchBase, "[the other](/articles/other/)", "[the other](other.md) and [none](none.md)"),
		replaceOnce(patchBase, "---\n\n", "toc: false\n---\n\n"),
		patchBase + "\n## More\n\n## And more\n\n### Less\n",
	} {
		f.Add([]byte(patchBase), []byte(edited))
	}
	f.Fuzz(func(t *testing.T, before, after []byte) {
		dir := t.TempDir()
		site := filepath.Join(dir, "site")
		files := map[string][]byte{"articles/x.md": before}
		for name, text := range fuzzFiles {
			files[name] = []byte(text)
		}
		for name, text := range files {
			p := filepath.Join(site, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, text, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		opts := Options{SiteDir: site, ThemesDir: filepath.Join(dir, "themes"), Drafts: true, Future: true,
			Now: goldenNow, Cache: content.NewWatchedCache()}
		p, err := Prepare(context.Background(), opts)
		if err != nil {
			return // FuzzArticle checks what a broken site reports
		}
		old := renderAll(t, p)
		if err := os.WriteFile(filepath.Join(site, "articles", "x.md"), after, 0o644); err != nil {
			t.Fatal(err)
		}
		opts.Cache.Invalidate([]string{"articles/x.md"})
		if !p.PatchArticles([]string{"articles/x.md"}, goldenNow) {
			sameFiles(t, "refused patch", old, renderAll(t, p))
			return
		}
		patched := renderAll(t, p)
		opts.Cache = nil
		full, err := Prepare(context.Background(), opts)
		if err != nil {
			t.Fatalf("patched, but a full build fails: %v", err)
		}
		sameFiles(t, "patched vs full build", renderAll(t, full), patched)
	})
}

// replaceOnce replaces the first old in s, which must hold it.
func replaceOnce(s, old, new string) string {
	if !strings.Contains(s, old) {
		panic("no " + old)
	}
	return strings.Replace(s, old, new, 1)
}
