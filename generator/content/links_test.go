//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package content

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/sitefs"
)

// linkSite writes a site folder with links and special files, and a folder
// outside it holding a secret: see TestLinksAndSpecialFiles.
func linkSite(t *testing.T) (site, outside string) {
	t.Helper()
	outside = t.TempDir()
	writeFile(t, filepath.Join(outside, "secret.md"), "---\ntitle: Secret\ndate: 2025-01-01\n---\nSECRET\n")
	site = t.TempDir()
	writeFile(t, filepath.Join(site, "src/real.md"), "---\ntitle: Real\ndate: 2025-01-01\n---\nORIGINAL\n")
	writeFile(t, filepath.Join(site, "static/style.css"), "body{}")
	symlink(t, "../../src/real.md", filepath.Join(site, "articles/guides/linked.md")) // inside: kept
	symlink(t, "style.css", filepath.Join(site, "static/same.css"))                   // inside: kept
	symlink(t, outside, filepath.Join(site, "static/d"))                              // a folder out
	symlink(t, "d/secret.md", filepath.Join(site, "static/leak.md"))                  // out, through d
	symlink(t, "../static/d/secret.md", filepath.Join(site, "articles/leak.md"))      // the same, as a page
	symlink(t, filepath.Join(outside, "secret.md"), filepath.Join(site, "articles/abs.md"))
	// Inside, but in a hidden folder, which the watcher does not watch.
	writeFile(t, filepath.Join(site, ".shared/hidden.md"), "---\ntitle: Hidden\ndate: 2025-01-01\n---\nHIDDEN\n")
	symlink(t, "../.shared/hidden.md", filepath.Join(site, "articles/hidden.md"))
	symlink(t, "hidden.md", filepath.Join(site, "articles/chain.md")) // to the link above
	return site, outside
}

// TestLinksAndSpecialFiles: a link to a file of the site is read; a link
// that leads out of the site, by its own target or through a folder link
// on its way, is skipped with a warning; so is a named pipe, which would
// block the build for good were it read.
func TestLinksAndSpecialFiles(t *testing.T) {
	site, _ := linkSite(t)
	for _, name := range []string{"articles/pipe.md", "static/pipe.css"} {
		if err := syscall.Mkfifo(filepath.Join(site, name), 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
	}
	fsys, err := sitefs.Open(site)
	if err != nil {
		t.Fatal(err)
	}
	var list diag.List
	done := make(chan *Content, 1)
	go func() { done <- Load(context.Background(), fsys, Options{Root: "site"}, &list) }()
	var c *Content
	select {
	case c = <-done:
	case <-time.After(time.Minute):
		t.Fatal("Load still running after a minute")
	}
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, p := range c.Articles {
		paths = append(paths, p.Path)
		if strings.Contains(string(p.Body()), "SECRET") {
			t.Errorf("%s: read the file outside the site", p.Path)
		}
	}
	if want := []string{"articles/guides/linked.md"}; !slices.Equal(paths, want) {
		t.Errorf("articles %q, want %q", paths, want)
	}
	if want := []string{"static/same.css", "static/style.css"}; !slices.Equal(c.Static, want) {
		t.Errorf("static %q, want %q", c.Static, want)
	}
	var warned []string
	for _, w := range list.Warnings() {
		warned = append(warned, w.Error())
	}
	for _, want := range []string{
		"site/articles/abs.md: warning: symbolic link skipped",
		"site/articles/chain.md: warning: symbolic link skipped: it points at a hidden or editor's file",
		"site/articles/hidden.md: warning: symbolic link skipped: it points at a hidden or editor's file",
		"site/articles/leak.md: warning: symbolic link skipped",
		"site/articles/pipe.md: warning: skipped: not a regular file (a named pipe)",
		"site/static/d: warning: symbolic link skipped",
		"site/static/leak.md: warning: symbolic link skipped",
		"site/static/pipe.css: warning: skipped: not a regular file (a named pipe)",
	} {
		if !slices.ContainsFunc(warned, func(w string) bool { return strings.HasPrefix(w, want) }) {
			t.Errorf("no warning %q in:\n%s", want, strings.Join(warned, "\n"))
		}
	}
}

// TestWatchedCacheFollowsLinks: under a watch, an edit of the file an
// article links to is shown, though it is reported under the target's
// path; and a file that a save turned into a link out of the site is
// dropped, not read through the listing kept from before.
func TestWatchedCacheFollowsLinks(t *testing.T) {
	site, outside := linkSite(t)
	cache := NewWatchedCache()
	load := func() (*Content, *diag.List) {
		t.Helper()
		fsys, err := sitefs.Open(site)
		if err != nil {
			t.Fatal(err)
		}
		var list diag.List
		c := Load(context.Background(), fsys, Options{Root: "site", Cache: cache}, &list)
		if err := list.Err(); err != nil {
			t.Fatal(err)
		}
		return c, &list
	}
	load()
	// No body edit is patched in while a page is a link: the file that
	// changed may be what a link shows (see Cache.BodyChange).
	fsys, _ := sitefs.Open(site)
	cfg := config.Default()
	cfg.Location = time.UTC
	if _, _, ok := cache.BodyChange(fsys, Options{Root: "site", Config: cfg}, "articles/guides/linked.md"); ok {
		t.Error("BodyChange patched a site whose pages include a link")
	}
	writeFile(t, filepath.Join(site, "src/real.md"), "---\ntitle: Real\ndate: 2025-01-01\n---\nEDITED\n")
	cache.Invalidate([]string{"src/real.md"})
	if c, _ := load(); len(c.Articles) != 1 || !strings.Contains(string(c.Articles[0].Body()), "EDITED") {
		t.Errorf("the linked article was not read again: %q", c.Articles[0].Body())
	}
	// An editor's save by rename, of a link out of the site.
	tmp := filepath.Join(site, "static/.tmp")
	symlink(t, filepath.Join(outside, "secret.md"), tmp)
	if err := os.Rename(tmp, filepath.Join(site, "static/style.css")); err != nil {
		t.Fatal(err)
	}
	cache.Invalidate([]string{"static/style.css"})
	c, list := load()
	if slices.Contains(c.Static, "static/style.css") {
		t.Errorf("static %q lists the link out of the site", c.Static)
	}
	if !strings.Contains(fmtWarnings(list), "site/static/style.css: warning: symbolic link skipped") {
		t.Errorf("no warning for the link:\n%s", fmtWarnings(list))
	}
}

func fmtWarnings(list *diag.List) string {
	var b strings.Builder
	for _, w := range list.Warnings() {
		b.WriteString(w.Error() + "\n")
	}
	return b.String()
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}
