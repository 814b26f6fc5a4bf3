package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPageImage: a page's image is its social card and hero image, as an
// article's is. Pages accepted image and image_alt (and required the alt),
// and a bundle's relative image was made a site path, but no page showed it.
func TestPageImage(t *testing.T) {
	for _, tt := range []struct {
		name, file, src, out string
		want                 []string
	}{
		{"site path", "pages/about.md", "---\ntitle: About\nimage: /images/logo.svg\nimage_alt: Our logo\n---\nAbout us.\n", "about/index.html", []string{
			`<meta property="og:image" content="https://careers.example.com/images/logo.svg">`,
			`<meta property="og:image:alt" content="Our logo">`,
			`<img src="../images/logo.svg" alt="Our logo">`,
		}},
		{"bundle", "pages/team/index.md", "---\ntitle: Team\nimage: us.svg\nimage_alt: The team\n---\nUs.\n", "team/index.html", []string{
			`<meta property="og:image" content="https://careers.example.com/team/us.svg">`,
			`<meta property="og:image:alt" content="The team">`,
			`<img src="../team/us.svg" alt="The team">`,
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS("../site")); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, filepath.FromSlash(tt.file))
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(tt.file, "/index.md") {
				// no file beside a page that is no bundle
			} else if err := os.WriteFile(filepath.Join(filepath.Dir(file), "us.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"></svg>`), 0o644); err != nil {
				t.Fatal(err)
			}
			p, err := Prepare(context.Background(), Options{SiteDir: dir, ThemesDir: "../themes", Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			f, err := p.File(tt.out)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range tt.want {
				if !strings.Contains(string(f.Data), want) {
					t.Errorf("%s lacks %s", tt.out, want)
				}
			}
		})
	}
}

// TestPageTOCAndDates: a page's toc shows its table of contents as an
// article's does (by default above three headings), and its updated date,
// else its date, is its lastmod in the sitemap. Pages accepted both keys,
// and neither did anything.
func TestPageTOCAndDates(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../site")); err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{
		"pages/team.md":  "---\ntitle: Team\ntoc: true\ndate: 2025-03-01\nupdated: 2025-06-02T10:00:00Z\n---\n## Editors\n\nUs.\n",
		"pages/terms.md": "---\ntitle: Terms\ndate: 2025-03-01T00:00:00Z\n---\n## One\n\n## Two\n\n## Three\n\n## Four\n",
		"pages/press.md": "---\ntitle: Press\ntoc: false\n---\n## One\n\n## Two\n\n## Three\n\n## Four\n",
	}
	for name, src := range pages {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Prepare(context.Background(), Options{SiteDir: dir, ThemesDir: "../themes", Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for out, want := range map[string]bool{"team/index.html": true, "terms/index.html": true, "press/index.html": false} {
		f, err := p.File(out)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(f.Data), `<nav class="toc"`); got != want {
			t.Errorf("%s: a table of contents %t, want %t", out, got, want)
		}
	}
	f, err := p.File("sitemap.xml")
	if err != nil {
		t.Fatal(err)
	}
	sitemap := strings.Join(strings.Fields(string(f.Data)), "")
	for _, want := range []string{ // in the site's time zone, America/New_York
		"<loc>https://careers.example.com/team/</loc><lastmod>2025-06-02T06:00:00-04:00</lastmod>",
		"<loc>https://careers.example.com/terms/</loc><lastmod>2025-02-28T19:00:00-05:00</lastmod>",
		"<loc>https://careers.example.com/press/</loc></url>",
	} {
		if !strings.Contains(sitemap, want) {
			t.Errorf("sitemap.xml lacks %s", want)
		}
	}
}
