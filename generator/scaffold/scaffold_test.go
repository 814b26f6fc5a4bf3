package scaffold

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
)

func TestProjectFiles(t *testing.T) {
	var paths []string
	for _, f := range Project() {
		paths = append(paths, f.Path)
	}
	want := ".gitignore site/archetypes/article.md site/articles/_index.md site/articles/how-to-read-a-job-description.md site/authors/sam-taylor.md site/config.yaml site/pages/about.md site/pages/editorial-standards.md"
	if got := strings.Join(paths, " "); got != want {
		t.Errorf("files = %s\nwant    %s", got, want)
	}
}

// TestArticleRoundTrip writes articles with titles that would break YAML
// written by concatenation and reads them back with the content stage.
func TestArticleRoundTrip(t *testing.T) {
	titles := []string{
		`Plain Title`,
		`Why: "Quotes" & #Hashes`,
		`yes`,
		`- Not a list`,
		`C# vs C++: {braces} [brackets] 'single' \backslash`,
		`Ünïcödé — and emoji 🚀`,
		`123`,
		`null`,
		`*star* @at %percent |pipe >gt`,
	}
	loc, _ := time.LoadLocation("America/New_York")
	date := time.Date(2025, 3, 2, 3, 0, 0, 0, time.UTC).In(loc)
	for _, title := range titles {
		f, err := Article(ArticleOptions{Title: title, Author: "ann", Section: "guides", Date: date})
		if err != nil {
			t.Fatalf("%q: %v", title, err)
		}
		if !strings.HasPrefix(f.Path, "articles/guides/") || !content.ValidSlug(strings.TrimSuffix(f.Path[len("articles/guides/"):], ".md")) {
			t.Errorf("%q: path %s", title, f.Path)
		}
		fsys := fstest.MapFS{f.Path: {Data: f.Data}}
		var list diag.List
		c := content.Load(context.Background(), fsys, content.Options{Root: "site"}, &list)
		for _, d := range list.All() {
			t.Errorf("%q: %s", title, d)
		}
		if len(c.Articles) != 1 {
			t.Fatalf("%q: no article parsed from\n%s", title, f.Data)
		}
		m := c.Articles[0].Meta
		if m.Title != title || !m.Draft || m.Author != "ann" || m.Date.Format("2006-01-02") != "2025-03-01" {
			t.Errorf("%q: meta = %+v", title, m)
		}
		if _, ok := c.Articles[0].Pos["description"]; !ok || m.Description != "" {
			t.Errorf("%q: want an empty description to fill in", title)
		}
		if len(c.Articles[0].TOC) < 2 {
			t.Errorf("%q: skeleton has %d headings", title, len(c.Articles[0].TOC))
		}
	}
}

func TestArticleRefuses(t *testing.T) {
	for _, o := range []ArticleOptions{
		{Title: "  "},
		{Title: "two\nlines"},
		{Title: "日本語"},
		{Title: "Fine", Section: "Bad Section"},
		{Title: "Fine", Section: "../up"},
	} {
		if _, err := Article(o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}

func TestPickAuthor(t *testing.T) {
	tests := []struct {
		asked, def string
		known      []string
		want, err  string
	}{
		{"", "", []string{"ann"}, "ann", ""},
		{"", "bob", []string{"ann", "bob"}, "bob", ""},
		{"ann", "bob", []string{"ann", "bob"}, "ann", ""},
		{"", "", []string{"ann", "bob"}, "", "pass --author KEY; known authors: ann, bob"},
		{"zed", "", []string{"ann", "bob"}, "", `unknown author "zed"; known authors: ann, bob`},
		{"", "", nil, "", "pass --author KEY; the site has no authors yet: create site/authors/<key>.md"},
	}
	for _, tt := range tests {
		got, err := PickAuthor(tt.asked, tt.def, tt.known)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != tt.want || msg != tt.err {
			t.Errorf("PickAuthor(%q, %q, %v) = %q, %q; want %q, %q", tt.asked, tt.def, tt.known, got, msg, tt.want, tt.err)
		}
	}
}
