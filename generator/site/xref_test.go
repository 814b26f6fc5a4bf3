package site

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
)

// loadSite parses files (site paths → text) and assembles them.
func loadSite(t *testing.T, files map[string]string) (*Site, *diag.List) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	cfg := config.Default()
	var list diag.List
	c := content.Load(context.Background(), fsys, content.Options{Root: "site", Config: cfg}, &list)
	return Assemble(cfg, c, Options{Now: now}, &list), &list
}

const linkedArticle = `---
title: %s
date: 2025-06-01
author: ann
---
`

func linkSite(body string) map[string]string {
	return map[string]string{
		"authors/ann.md":        "---\nname: Ann\n---\n",
		"articles/guides/a.md":  strings.Replace(linkedArticle, "%s", "A", 1) + body,
		"articles/roles/sre.md": strings.Replace(linkedArticle, "%s", "SRE", 1) + "## On call\n\nPager duty.\n",
	}
}

func TestLinkFragmentsAreCheckedAgainstHeadings(t *testing.T) {
	s, list := loadSite(t, linkSite("See [on call](../roles/sre.md#on-cal) and [the top](../roles/sre.md#on-call).\n"))
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	var warnings []string
	for _, w := range list.Warnings() {
		warnings = append(warnings, w.Error())
	}
	want := `site/articles/guides/a.md:6:5: warning: link to "../roles/sre.md#on-cal": site/articles/roles/sre.md has no heading with id "on-cal"; did you mean #on-call?`
	if len(warnings) != 1 || warnings[0] != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), want)
	}
	body := string(articleAt(s, "articles/guides/a.md").Body())
	for _, href := range []string{`href="/articles/sre/#on-cal"`, `href="/articles/sre/#on-call"`} {
		if !strings.Contains(body, href) {
			t.Errorf("body has no %s:\n%s", href, body)
		}
	}
}

func TestLinkedResolvesAChangedBody(t *testing.T) {
	s, _ := loadSite(t, linkSite("Nothing yet.\n"))
	fsys := fstest.MapFS{}
	for name, text := range linkSite("Now see [SRE](/articles/roles/sre.md) and [nothing](none.md).\n") {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	var list diag.List
	c := content.Load(context.Background(), fsys, content.Options{Root: "site", Config: config.Default()}, &list)
	var cur *content.Page
	for _, p := range c.Articles {
		if p.Path == "articles/guides/a.md" {
			cur = p
		}
	}
	if _, ok := s.Linked(cur); ok {
		t.Error("Linked took a body with a link to no page")
	}
	cur.Links = cur.Links[:1]
	got, ok := s.Linked(cur)
	if !ok {
		t.Fatal("Linked refused a body whose links all have pages")
	}
	if body := string(got.Body()); !strings.Contains(body, `<a href="/articles/sre/">SRE</a>`) {
		t.Errorf("linked body:\n%s", body)
	}
	if strings.Contains(string(cur.Body()), "/articles/sre/") {
		t.Error("Linked changed the page it was given")
	}
}

func articleAt(s *Site, path string) *Article {
	for _, a := range s.Articles {
		if a.Path == path {
			return a
		}
	}
	return nil
}

// TestLinksToPagesLeftOut checks links to a draft, a scheduled article and
// a file with errors: the first two are warnings, the third is left to the
// file's own error, and each shows its text without the link.
func TestLinksToPagesLeftOut(t *testing.T) {
	files := linkSite("Read [the draft](draft.md), [the next one](next.md) and [the broken one](broken.md).\nAnd [the old one](old.md).\n")
	files["articles/guides/old.md"] = "---\ntitle: Old\ndate: 2025-01-01\nexpires: 2025-06-01\n---\n"
	files["articles/guides/draft.md"] = "---\ntitle: Draft\ndate: 2025-01-01\ndraft: true\n---\n"
	files["articles/guides/next.md"] = "---\ntitle: Next\ndate: 2026-03-01\n---\n"
	files["articles/guides/broken.md"] = "---\ntitle: [Broken\ndate: 2025-01-01\n---\n"
	s, list := loadSite(t, files)
	var got []string
	for _, d := range list.All() {
		got = append(got, d.Error())
	}
	want := []string{
		`site/articles/guides/a.md:6:29: warning: link to "next.md": site/articles/guides/next.md is scheduled for 2026-03-01, so it is not in this build: the link's text is shown without the link until it is published`,
		`site/articles/guides/a.md:6:6: warning: link to "draft.md": site/articles/guides/draft.md is a draft, so it is not in this build: the link's text is shown without the link until it is published`,
		// An expired article never comes back.
		`site/articles/guides/a.md:7:5: warning: link to "old.md": site/articles/guides/old.md is expired (2025-06-01), so it is not in this build: the link's text is shown without the link: remove the link, or the article's expires`,
	}
	slices.Sort(got)
	if len(got) != 4 || strings.Join(got[:3], "\n") != strings.Join(want, "\n") || !strings.HasPrefix(got[3], "site/articles/guides/broken.md:2:8: ") {
		t.Errorf("diagnostics:\n%s\nwant these, then broken.md's own error:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	body := string(articleAt(s, "articles/guides/a.md").Body())
	if want := "<p>Read the draft, the next one and the broken one.\nAnd the old one.</p>"; !strings.Contains(body, want) {
		t.Errorf("body:\n%s\nwant %s", body, want)
	}
}

func TestImagesGetSizes(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, text := range linkSite("![a](/images/a.png) and ![none](/images/none.png)\n") {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	cfg := config.Default()
	var list diag.List
	c := content.Load(context.Background(), fsys, content.Options{Root: "site", Config: cfg}, &list)
	image := func(_ *content.Page, p string) content.Image {
		if p == "/images/a.png" {
			return content.Image{Size: content.Size{W: 3, H: 2}}
		}
		return content.Image{}
	}
	s := Assemble(cfg, c, Options{Now: now, Image: image}, &list)
	if len(list.All()) > 0 {
		t.Errorf("diagnostics: %v", list.Err())
	}
	body := string(articleAt(s, "articles/guides/a.md").Body())
	if !strings.Contains(body, `<img src="/images/a.png" alt="a" width="3" height="2" loading="lazy" decoding="async">`) ||
		!strings.Contains(body, `<img src="/images/none.png" alt="none" loading="lazy" decoding="async">`) {
		t.Errorf("body:\n%s", body)
	}
}
