package generator

import (
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// atomFeed is what these tests read of an Atom feed.
type atomFeed struct {
	Updated string      `xml:"updated"`
	Author  *atomAuthor `xml:"author"`
	Entries []struct {
		Title   string       `xml:"title"`
		Authors []atomAuthor `xml:"author"`
	} `xml:"entry"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

// buildOutput builds the site of the txtar archive src and returns its
// output files by name, or its error list as the file "errors" (see
// buildArchive).
func buildOutput(t *testing.T, src string) map[string]string {
	t.Helper()
	testdata, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	out := buildArchive(t, txtar.Parse([]byte(src)), testdata)
	files := map[string]string{}
	for _, f := range out.Files {
		files[f.Name] += string(f.Data) // each warning is a file "warnings"
	}
	return files
}

// buildFiles is buildOutput for a site that must build.
func buildFiles(t *testing.T, src string) map[string]string {
	t.Helper()
	files := buildOutput(t, src)
	if errs, ok := files["errors"]; ok {
		t.Fatal(errs)
	}
	return files
}

func readFeed(t *testing.T, data string) atomFeed {
	t.Helper()
	var f atomFeed
	if err := xml.Unmarshal([]byte(data), &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestFeedOfAuthorlessArticle: RFC 4287 wants a feed-level author unless
// every entry has its own. It was added only when the first entry had
// none, so a feed whose newest article had an author and another had none
// broke the rule. The page of an article without an author has no empty
// "By" line, and an update on the day and hour of publication is no update.
func TestFeedOfAuthorlessArticle(t *testing.T) {
	files := buildFiles(t, `
-- site/config.yaml --
title: Careers Weekly
base_url: https://example.com/
-- site/authors/ann.md --
---
name: Ann Lee
---
-- site/articles/newer.md --
---
title: Newer
date: 2026-02-01T10:00:00
updated: 2026-02-01T10:00:00
author: ann
---
By Ann.
-- site/articles/older.md --
---
title: Older
date: 2026-01-01
---
By nobody.
`)
	feed := readFeed(t, files["public/feed.xml"])
	if len(feed.Entries) != 2 || len(feed.Entries[0].Authors) != 1 || len(feed.Entries[1].Authors) != 0 {
		t.Fatalf("entries: %+v", feed.Entries)
	}
	if feed.Author == nil || feed.Author.Name != "Careers Weekly" {
		t.Errorf("feed author %+v, want the site's title, since an entry has none", feed.Author)
	}
	older := files["public/articles/older/index.html"]
	if strings.Contains(older, `class="byline-authors"`) {
		t.Errorf("an article without an author has a byline-authors line")
	}
	newer := files["public/articles/newer/index.html"]
	if !strings.Contains(newer, `class="byline-authors"`) || strings.Contains(newer, "Updated <time") {
		t.Errorf("an article updated when it was published shows an update, or no byline")
	}
}

// TestFeedOfSiteWithoutArticles: a site whose every article is a draft
// (before launch) has feeds with no entries; their updated was the zero
// time in the site's zone, "0000-12-31T19:03:58-04:56" in New York, which
// is no xsd:dateTime.
func TestFeedOfSiteWithoutArticles(t *testing.T) {
	files := buildFiles(t, `
-- site/config.yaml --
title: Soon
base_url: https://example.com/
time_zone: America/New_York
-- site/authors/ann.md --
---
name: Ann Lee
---
-- site/articles/draft.md --
---
title: Not Yet
date: 2026-01-01
author: ann
draft: true
---
Soon.
`)
	for _, name := range []string{"public/feed.xml", "public/authors/ann/feed.xml"} {
		feed := readFeed(t, files[name])
		if _, err := time.Parse(time.RFC3339, feed.Updated); err != nil || strings.HasPrefix(feed.Updated, "0000") {
			t.Errorf("%s: updated %q is no valid date-time (%v)", name, feed.Updated, err)
		}
		if len(feed.Entries) != 0 || feed.Author == nil {
			t.Errorf("%s: %d entries, author %v", name, len(feed.Entries), feed.Author)
		}
	}
}

// TestPersonSameAs: an author's sameAs holds the addresses that name the
// author elsewhere: mailto: links are left out, and site paths are made
// absolute, as every other URL of the structured data is.
func TestPersonSameAs(t *testing.T) {
	files := buildFiles(t, `
-- site/config.yaml --
title: Careers Weekly
base_url: https://example.com/blog/
-- site/authors/ann.md --
---
name: Ann Lee
links: ["https://github.com/ann", "mailto:ann@example.com", "/about/"]
---
-- site/pages/about.md --
---
title: About
---
About us.
`)
	page := files["public/authors/ann/index.html"]
	var person map[string]any
	for _, ld := range jsonLD(t, "authors/ann/index.html", []byte(page)) {
		if ld["@type"] == "Person" {
			person = ld
		}
	}
	if person == nil {
		t.Fatalf("no Person in the author page's JSON-LD")
	}
	got, _ := json.Marshal(person["sameAs"])
	if want := `["https://github.com/ann","https://example.com/blog/about/"]`; string(got) != want {
		t.Errorf("sameAs = %s, want %s", got, want)
	}
}
