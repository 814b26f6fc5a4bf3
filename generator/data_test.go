package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/byline/byline/generator/content"
)

// TestDataFilesWatched: with a watcher's cache, an edited, added or
// deleted data file is in the next build's .Site.Data, and an edit to one
// is never patched into a build as if it were an article's body.
func TestDataFilesWatched(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../site")); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, "data", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return "data/" + name
	}
	opts := Options{SiteDir: dir, ThemesDir: "../themes", Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Cache: content.NewWatchedCache()}
	prepare := func(changed ...string) *Prepared {
		t.Helper()
		opts.Cache.Invalidate(changed)
		p, err := Prepare(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	pay := write("pay.yaml", "sre: 150000\n")
	p := prepare()
	if got := p.Site.Data["pay"]; got.(map[string]any)["sre"] != 150000 {
		t.Fatalf("pay = %v", got)
	}
	write("pay.yaml", "sre: 160000\n")
	if p.PatchArticles([]string{pay}, opts.Now) {
		t.Fatal("PatchArticles took a data file for an article")
	}
	p = prepare(pay)
	if got := p.Site.Data["pay"]; got.(map[string]any)["sre"] != 160000 {
		t.Errorf("after an edit, pay = %v", got)
	}
	levels := write("levels/2026.toml", "names = [\"Junior\", \"Senior\"]\n")
	p = prepare(levels)
	if got, ok := p.Site.Data["levels"].(map[string]any)["2026"]; !ok || len(got.(map[string]any)["names"].([]any)) != 2 {
		t.Errorf("after an addition, levels = %v", p.Site.Data["levels"])
	}
	if err := os.Remove(filepath.Join(dir, pay)); err != nil {
		t.Fatal(err)
	}
	p = prepare(pay)
	if _, ok := p.Site.Data["pay"]; ok {
		t.Errorf("after a deletion, data = %v", p.Site.Data)
	}
}

// TestTOMLDataDates: a TOML local date or date-time in a data file is in
// the site's time zone, as in front matter; one with an offset keeps it.
func TestTOMLDataDates(t *testing.T) {
	files := buildFiles(t, `theme min
-- site/config.yaml --
title: Data
time_zone: America/New_York
-- site/data/events.toml --
day = 2025-03-04
at = 2025-03-04T09:00:00
offset = 2025-03-04T09:00:00Z
-- site/layouts/page.html --
{{define "main"}}<p>{{date .Site.Data.events.day}} | {{isodate .Site.Data.events.at}} | {{isodate .Site.Data.events.offset}}</p>{{end}}
-- site/pages/events.md --
---
title: Events
---
Dates.
`)
	const want = "<p>March 4, 2025 | 2025-03-04T09:00:00-05:00 | 2025-03-04T04:00:00-05:00</p>"
	if got := files["public/events/index.html"]; !strings.Contains(got, want) {
		t.Errorf("events page lacks %s:\n%s", want, got)
	}
}
