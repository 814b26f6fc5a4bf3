package main

import (
	"net/http"
	"os"
	"strings"
	"testing"
)

// TestPermalinksBuildCheckServe moves the starter project's article to
// /:year/:month/:slug/: build writes it there, check follows the links to
// it (and flags one left at the old URL), and serve serves it there.
func TestPermalinksBuildCheckServe(t *testing.T) {
	t.Chdir(t.TempDir())
	if code, out, errs := run(t, "init", "blog"); code != 0 {
		t.Fatalf("init: exit %d\n%s%s", code, out, errs)
	}
	t.Chdir("blog")
	cfg, err := os.ReadFile("site/config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg = append(cfg, "permalinks:\n  articles: /:year/:month/:slug/\n"...)
	if err := os.WriteFile("site/config.yaml", cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	const (
		newURL = "2025/01/how-to-read-a-job-description/"
		oldURL = "articles/how-to-read-a-job-description/"
	)
	if code, _, errs := run(t, "build"); code != 0 || errs != "" {
		t.Fatalf("build: exit %d\n%s", code, errs)
	}
	if _, err := os.Stat("public/" + newURL + "index.html"); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat("public/" + oldURL); !os.IsNotExist(err) {
		t.Errorf("public/%s: %v, want it gone", oldURL, err)
	}
	if code, out, errs := run(t, "check"); code != 0 || out != "" {
		t.Errorf("check: exit %d\n%s%s", code, out, errs)
	}
	replaceIn(t, "site/pages/about.md", "(editorial-standards.md)", "(/"+oldURL+")")
	if code, out, _ := run(t, "check"); code != 1 || !strings.Contains(out, "broken link /"+oldURL) {
		t.Errorf("check with a link to the old URL: exit %d\n%s", code, out)
	}
	replaceIn(t, "site/pages/about.md", "(/"+oldURL+")", "(/"+newURL+")")
	if code, out, errs := run(t, "check"); code != 0 || out != "" {
		t.Errorf("check with a link to the new URL: exit %d\n%s%s", code, out, errs)
	}
	// A link written as the article's file follows the permalinks.
	replaceIn(t, "site/pages/about.md", "(/"+newURL+")", "(../articles/how-to-read-a-job-description.md)")
	if code, _, errs := run(t, "build"); code != 0 || errs != "" {
		t.Fatalf("build with a link to the article's file: exit %d\n%s", code, errs)
	}
	if about, err := os.ReadFile("public/about/index.html"); err != nil || !strings.Contains(string(about), `href="../`+newURL+`"`) {
		t.Errorf("about page: %v, no link to the article's new URL", err)
	}

	out, errs, stop := background(t, "serve", "--addr", "127.0.0.1:0")
	_, get := served(t, out)
	// The server answers 503 until its first build is done.
	eventually(t, "the article at its new URL", func() bool {
		code, body := get(newURL)
		return code == 200 && strings.Contains(body, "How to Read a Software Job Description")
	})
	if code, body := get("articles/"); code != 200 || !strings.Contains(body, `href="../`+newURL+`"`) {
		t.Errorf("serve /articles/: %d, no link to the new URL", code)
	}
	if code, _ := get(oldURL); code != 404 {
		t.Errorf("serve /%s: %d, want 404", oldURL, code)
	}
	http.DefaultClient.CloseIdleConnections()
	if code := stop(); code != 0 {
		t.Errorf("serve: exit %d\n%s", code, errs)
	}
}
