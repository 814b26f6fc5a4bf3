package generator

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/byline/byline/generator/content"
)

// manyWords is enough prose to change an article's reading time.
var manyWords = strings.Repeat("Testers who write code read the diff before the ticket, and ask what the change may break next. ", 60)

// Articles of the sample site that the patch tests edit.
const (
	qa      = "articles/roles/what-does-a-qa-engineer-do.md"        // JSON front matter, toc: true
	backEnd = "articles/roles/what-does-a-back-end-developer-do.md" // YAML front matter
	draft   = "articles/roles/what-does-a-platform-engineer-do.md"  // a draft
	// switching calls the shortcode pay-table.
	switching = "articles/guides/how-to-switch-careers-into-tech.md"
	// interview has a paired call of the shortcode checklist.
	interview = "articles/how-to-prepare-for-a-technical-interview/index.md"
)

// edit changes one file of a site: fn maps its text to the new text; a nil
// fn deletes it.
type edit struct {
	file string
	fn   func(string) string
}

// TestPatchArticlesMatchesAFullBuild edits files of the sample site after a
// build whose every file was rendered (so cached cards and feed entries are
// warm), and checks that PatchArticles takes exactly the edits to article
// bodies, and that a patched build renders, file for file, what a full
// build of the edited site renders. An edit it refuses leaves the build as
// it was.
func TestPatchArticlesMatchesAFullBuild(t *testing.T) {
	appendText := func(s string) func(string) string {
		return func(src string) string { return src + "\n" + s + "\n" }
	}
	replace := func(old, new string) func(string) string {
		return func(src string) string { return strings.Replace(src, old, new, 1) }
	}
	fewHeadings := edit{backEnd, func(s string) string {
		s = strings.Replace(s, "toc: true\n", "", 1)
		s = strings.ReplaceAll(s, "\n## ", "\nHeading: ")
		return strings.ReplaceAll(s, "\n### ", "\nSubheading: ")
	}}
	// sameDate gives the QA article the back end article's date.
	sameDate := func(s string) string {
		i := strings.Index(s, `"date": "`) + len(`"date": "`)
		return s[:i] + "2024-03-12T09:00:00" + s[i+strings.Index(s[i:], `"`):]
	}
	noDescription := edit{backEnd, func(s string) string {
		i := strings.Index(s, "description: ")
		return s[:i] + s[i+strings.Index(s[i:], "\n")+1:]
	}}
	for _, tc := range []struct {
		name  string
		setup []edit // before the first build
		edits []edit
		want  bool
	}{
		{"a paragraph more", nil, []edit{{backEnd, appendText("One more paragraph, written after the build.")}}, true},
		{"a longer read", nil, []edit{{qa, appendText(manyWords)}}, true},
		{"no headings, no contents", nil, []edit{{qa, func(s string) string { return strings.ReplaceAll(s, "\n## ", "\nHeading: ") }}}, true},
		{"headings enough for contents", []edit{fewHeadings}, []edit{{backEnd, appendText("## A\n\n## B\n\n## C\n\n## D\n")}}, true},
		{"a first paragraph that is the summary", []edit{noDescription}, []edit{{backEnd, replace("Every time you tap", "Each time you tap")}}, true},
		{"two articles", nil, []edit{{qa, appendText("Edited.")}, {backEnd, appendText("Edited too.")}}, true},
		{"a draft left out of the site", nil, []edit{{draft, appendText(manyWords)}}, true},
		{"the same bytes", nil, []edit{{backEnd, func(s string) string { return s }}}, true},
		{"a link to another article's file", nil, []edit{{backEnd, appendText("Compare [the QA role](what-does-a-qa-engineer-do.md) and [us](/pages/about.md).")}}, true},
		{"an image, sized", nil, []edit{{backEnd, appendText("![Our logo](/images/logo.svg \"The logo\") and ![a missing one](/images/none.png)")}}, true},
		{"a link to no file", nil, []edit{{backEnd, appendText("See [nothing](what-does-a-nobody-do.md).")}}, false},
		{"a link to a draft's file", nil, []edit{{backEnd, appendText("See [the draft](what-does-a-platform-engineer-do.md).")}}, true},
		{"a heading another article links to, renamed", []edit{{backEnd, appendText("See [the pyramid](what-does-a-qa-engineer-do.md#the-test-pyramid).")}}, []edit{{qa, replace("## The test pyramid", "## The testing pyramid")}}, true},
		{"a heading another article links to, added", []edit{{backEnd, appendText("See [the pyramid](what-does-a-qa-engineer-do.md#pyramids).")}}, []edit{{qa, appendText("## Pyramids\n\nShapes.")}}, true},
		{"a heading a list's text links to, renamed", []edit{{"articles/roles/_index.md", appendText("See [the pyramid](what-does-a-qa-engineer-do.md#the-test-pyramid).")}}, []edit{{qa, replace("## The test pyramid", "## The testing pyramid")}}, true},
		{"a link to a heading that is not there", nil, []edit{{backEnd, appendText("See [the pyramid](what-does-a-qa-engineer-do.md#pyramids).")}}, true},
		{"a link to a draft removed", []edit{{backEnd, appendText("See [the draft](what-does-a-platform-engineer-do.md).")}}, []edit{{backEnd, replace("See [the draft]", "See the draft")}}, true},
		{"a shortcode's parameter", nil, []edit{{switching, replace(`caption="Base pay`, `caption="Pay`)}}, true},
		{"a shortcode more", nil, []edit{{backEnd, appendText("{{< pay-table >}}")}}, true},
		{"a shortcode no template renders", nil, []edit{{switching, appendText("{{< nowhere >}}")}}, false},
		{"a paired shortcode's inner content", nil, []edit{{interview, replace("a glass of water", "a glass of **tea**")}}, true},
		{"a paired shortcode no longer closed", nil, []edit{{interview, replace("{{< /checklist >}}\n", "")}}, true},
		{"a closing line that closes nothing", nil, []edit{{interview, replace("{{< checklist title=\"The evening before\" >}}\n", "")}}, false},
		{"a title", nil, []edit{{backEnd, replace(`title: "`, `title: "New: `)}}, true},
		{"a description", nil, []edit{{backEnd, replace(`description: "`, `description: "New: `)}}, true},
		{"a title and a description in JSON", nil, []edit{{qa, replace(`"title": "`, `"title": "New: `)}, {qa, replace(`"description": "`, `"description": "Now: `)}}, true},
		{"a title that orders articles of one date", []edit{{qa, sameDate}}, []edit{{backEnd, replace(`title: "`, `title: "Zooming in: `)}}, false},
		{"a body beside an article of its date", []edit{{qa, sameDate}}, []edit{{backEnd, appendText("Edited.")}}, true},
		{"a title on a line of its own", nil, []edit{{backEnd, replace(`title: "`, "title: >-\n  \"New: ")}}, false},
		{"a description added", []edit{noDescription}, []edit{{backEnd, replace("title: ", "description: New.\ntitle: ")}}, false},
		{"a tag", nil, []edit{{backEnd, replace("tags: [", "tags: [Edited, ")}}, false},
		{"a JSON key", nil, []edit{{qa, replace(`"toc": true`, `"toc": false`)}}, false},
		{"a line before the front matter", nil, []edit{{backEnd, func(s string) string { return "\n" + s }}}, false},
		{"a body error", nil, []edit{{backEnd, appendText("## One {#same}\n\n## Two {#same}\n")}}, false},
		{"one body and one title", nil, []edit{{qa, appendText("Edited.")}, {backEnd, replace(`title: "`, `title: "New: `)}}, true},
		{"one body and one tag", nil, []edit{{qa, appendText("Edited.")}, {backEnd, replace("tags: [", "tags: [Edited, ")}}, false},
		{"a standalone page", nil, []edit{{"pages/about.md", appendText("More about us.")}}, false},
		{"an author", nil, []edit{{"authors/maya-okafor.md", appendText("More about Maya.")}}, false},
		{"a list's text", nil, []edit{{"articles/roles/_index.md", appendText("More about roles.")}}, false},
		{"the config", nil, []edit{{"config.yaml", appendText("# a comment")}}, false},
		{"a file that is gone", nil, []edit{{backEnd, nil}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS("../site")); err != nil {
				t.Fatal(err)
			}
			apply(t, dir, tc.setup)
			opts := Options{SiteDir: dir, ThemesDir: "../themes", Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Cache: content.NewWatchedCache()}
			p, err := Prepare(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			before := renderAll(t, p)
			paths := apply(t, dir, tc.edits)
			opts.Cache.Invalidate(paths)
			if got := p.PatchArticles(paths, opts.Now); got != tc.want {
				t.Fatalf("PatchArticles = %t, want %t", got, tc.want)
			}
			after := renderAll(t, p)
			if !tc.want {
				sameFiles(t, "refused patch", before, after)
				return
			}
			opts.Cache = nil
			full, err := Prepare(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, "patched vs full build", renderAll(t, full), after)
			if got, want := fmt.Sprint(p.Warnings), fmt.Sprint(full.Warnings); got != want {
				t.Errorf("patched build's warnings:\n%s\nthe full build's:\n%s", got, want)
			}
		})
	}
}

// renderAll renders every file of p, as a full build writes them.
func renderAll(t *testing.T, p *Prepared) map[string][]byte {
	t.Helper()
	res, err := p.Render(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return fileMap(res)
}

func sameFiles(t *testing.T, what string, want, got map[string][]byte) {
	t.Helper()
	for p, w := range want {
		if g, ok := got[p]; !ok {
			t.Errorf("%s: %s missing", what, p)
		} else if !bytes.Equal(w, g) {
			t.Errorf("%s: %s differs: %s", what, p, firstDiff(w, g))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: %s is extra", what, p)
		}
	}
}

// apply makes the edits to the site in dir and returns the files edited.
func apply(t *testing.T, dir string, edits []edit) []string {
	t.Helper()
	var paths []string
	for _, e := range edits {
		file := filepath.Join(dir, e.file)
		if e.fn == nil {
			if err := os.Remove(file); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, e.file)
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(e.fn(string(src))), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, e.file)
	}
	return paths
}

// TestPatchArticlesWaitsForTheClock checks that a build is not patched once
// the clock has passed a date that changes which articles it publishes: a
// future article's date, or an article's expiry.
func TestPatchArticlesWaitsForTheClock(t *testing.T) {
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		setup edit
		day   int // of November 2026, at midnight in the site's time zone: when the model changes
	}{
		{"a future article", edit{backEnd, func(s string) string {
			return strings.Replace(s, "date: 2024-03-12T09:00:00\nupdated: 2025-11-04T10:15:00\n", "date: 2026-11-10T00:00:00\n", 1)
		}}, 10},
		{"an article that expires", edit{backEnd, func(s string) string {
			return strings.Replace(s, "updated: 2025-11-04T10:15:00\n", "updated: 2025-11-04T10:15:00\nexpires: 2026-11-07T00:00:00\n", 1)
		}}, 7},
		{"a draft that expires", edit{draft, func(s string) string {
			return strings.Replace(s, "\ndate: ", "\nexpires: 2026-11-05T00:00:00\ndate: ", 1)
		}}, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS("../site")); err != nil {
				t.Fatal(err)
			}
			apply(t, dir, []edit{tc.setup})
			opts := Options{SiteDir: dir, ThemesDir: "../themes", Now: now, Cache: content.NewWatchedCache()}
			p, err := Prepare(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			at := time.Date(2026, 11, tc.day, 0, 0, 0, 0, p.Site.Config.Location)
			if got := p.Site.ChangesAt(); !got.Equal(at) {
				t.Fatalf("ChangesAt = %v, want %v", got, at)
			}
			paths := apply(t, dir, []edit{{qa, func(s string) string { return s + "\nEdited.\n" }}})
			opts.Cache.Invalidate(paths)
			if p.PatchArticles(paths, at) {
				t.Errorf("patched at %v, when the model changes", at)
			}
			if !p.PatchArticles(paths, at.Add(-time.Second)) {
				t.Errorf("not patched a second before %v", at)
			}
		})
	}
}

// TestPatchArticlesAfterAStuckPage: once a page ran past the time limit in
// a call that does not return, and was left running, the model it may
// still read is not patched; the caller prepares a new build instead.
func TestPatchArticlesAfterAStuckPage(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	p, opts, dir := preparedWithPage(t, `{{ define "main" }}{{ stall }}{{ end }}`,
		template.FuncMap{"stall": func() string { <-release; return "" }})
	_, err := p.File("about/index.html")
	if want := "ran for more than 150ms and were given up on"; err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want an error saying %q", err, want)
	}
	paths := apply(t, dir, []edit{{backEnd, func(s string) string { return s + "\nEdited.\n" }}})
	opts.Cache.Invalidate(paths)
	if p.PatchArticles(paths, opts.Now) {
		t.Error("PatchArticles patched a model that a page left running may still read")
	}
}

// TestPatchArticlesAfterARunawayPage: a page whose range runs without end
// is stopped at the time limit, at the range, and leaves nothing running:
// an edit is still patched in, as serve needs to stay fast. The page fails
// at once until then, and runs again after it, as the edit may matter.
func TestPatchArticlesAfterARunawayPage(t *testing.T) {
	runs := 0
	p, opts, dir := preparedWithPage(t, `{{ define "main" }}{{ run }}{{ range 1000000000000 }}{{ end }}{{ end }}`,
		template.FuncMap{"run": func() string { runs++; return "" }})
	const want = "/layouts/page.html:1:38: the page ran for more than 100ms and was stopped in this range"
	for range 2 {
		if _, err := p.File("about/index.html"); err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("got %v, want an error saying %q", err, want)
		}
	}
	if runs != 1 {
		t.Errorf("the page ran %d times before the edit, want once", runs)
	}
	paths := apply(t, dir, []edit{{backEnd, func(s string) string { return s + "\nEdited.\n" }}})
	opts.Cache.Invalidate(paths)
	if !p.PatchArticles(paths, opts.Now) {
		t.Fatal("PatchArticles refused, with no page left running")
	}
	if _, err := p.File("about/index.html"); err == nil || !strings.Contains(err.Error(), want) || runs != 2 {
		t.Errorf("after the edit: %d runs, %v", runs, err)
	}
}

// preparedWithPage prepares a copy of the sample site whose page.html is
// page, with the template functions funcs added, and a page time limit of
// 100 ms.
func preparedWithPage(t *testing.T, page string, funcs template.FuncMap) (*Prepared, Options, string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../site")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "layouts", "page.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := Options{SiteDir: dir, ThemesDir: "../themes", Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
		Cache: content.NewWatchedCache(), PageTimeout: 100 * time.Millisecond, funcs: funcs}
	p, err := Prepare(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return p, opts, dir
}
