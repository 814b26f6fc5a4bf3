package scaffold

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
)

// FuzzArchetype: any archetype is read without panicking; one that is
// taken gives an article whose header is byline new's, which the content
// stage reads without panicking, and whose problems Locate places in the
// archetype, at a line it has.
func FuzzArchetype(f *testing.F) {
	f.Add([]byte("---\ncategory: Roles\ntags: [Careers]\n---\n\n## What the job is\n"))
	f.Add([]byte("---\r\ndescription: \"x\"\r\n---\r\n"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\ncategory: [a, b]\n---\nBody\n"))
	f.Add([]byte("---\n- a\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := parseArchetype("site/archetypes/article.md", data)
		if err != nil {
			return
		}
		file, err := Article(ArticleOptions{Title: "A title", Author: "ann", Date: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), Archetype: a})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(file.Data, []byte("---\ntitle: \"A title\"\n")) {
			t.Fatalf("the article does not begin with byline new's header:\n%s", file.Data)
		}
		var list diag.List
		content.Load(context.Background(), fstest.MapFS{file.Path: {Data: file.Data}}, content.Options{Root: "site"}, &list)
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, d := range list.All() {
			if l := a.Locate(d, "site/"+file.Path); l.Path == a.File && (l.Line < 1 || l.Line > lines) {
				t.Fatalf("%s: line %d of an archetype of %d lines", l, l.Line, lines)
			}
		}
	})
}

// TestArchetypeWrittenKeys: a key byline new writes is refused at its
// place in the archetype however it is spelled (quoted, or as authors,
// which would silently take the place of --author); a quoted description
// or tags is the archetype's, and the article gets it once.
func TestArchetypeWrittenKeys(t *testing.T) {
	const file = "site/archetypes/article.md"
	for _, tc := range []struct{ archetype, want string }{
		{"---\ncategory: Roles\n\"title\": X\n---\n", file + ":3:1: byline new writes title"},
		{"---\n'draft': false\n---\n", file + ":2:1: byline new writes draft"},
		{"---\nauthors: [bob]\n---\n", file + ":2:1: byline new writes author from --author"},
	} {
		_, err := parseArchetype(file, []byte(tc.archetype))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("archetype %q: error %v, want %q", tc.archetype, err, tc.want)
		}
	}
	a, err := parseArchetype(file, []byte("---\n\"description\": A guide\n'tags': [Go]\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Article(ArticleOptions{Title: "A title", Author: "ann", Date: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), Archetype: a})
	if err != nil {
		t.Fatal(err)
	}
	if n, m := strings.Count(string(f.Data), "description"), strings.Count(string(f.Data), "tags"); n != 1 || m != 1 {
		t.Errorf("the article sets description %d times and tags %d times, want once each:\n%s", n, m, f.Data)
	}
}

// TestArchetypeKeysAtLineStart: an archetype's keys follow byline new's,
// so they must start their lines as those do: indented keys, or a mapping
// in braces, are refused at their place in the archetype, where the
// article's error named a line of byline new's own header in a file that
// was then removed.
func TestArchetypeKeysAtLineStart(t *testing.T) {
	const file = "site/archetypes/article.md"
	for _, tc := range []struct{ archetype, want string }{
		{"---\n  category: Roles\n  toc: true\n---\n", file + ":2:3: "},
		{"---\n{category: Roles}\n---\n", file + ":2:1: "},
	} {
		_, err := parseArchetype(file, []byte(tc.archetype))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("archetype %q: error %v, want %q", tc.archetype, err, tc.want)
		}
	}
}
