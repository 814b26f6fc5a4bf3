package main

import (
	"os"
	"strings"
	"testing"
)

func TestInitBuildCheck(t *testing.T) {
	t.Chdir(t.TempDir())
	if code, out, errs := run(t, "init", "blog"); code != 0 || !strings.Contains(out, "cd blog && byline build") {
		t.Fatalf("init: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := run(t, "init", "blog"); code != 1 || !strings.Contains(errs, "blog is not empty") {
		t.Errorf("init into a non-empty folder: exit %d, %q", code, errs)
	}
	t.Chdir("blog")
	code, out, errs := run(t, "build")
	if code != 0 || errs != "" {
		t.Fatalf("build: exit %d\n%s", code, errs)
	}
	if !strings.HasPrefix(out, "built ") {
		t.Errorf("build printed %q", out)
	}
	for _, p := range []string{"public/articles/how-to-read-a-job-description/index.html", "public/about/index.html",
		"public/editorial-standards/index.html", "public/authors/sam-taylor/index.html"} {
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
	}
	if code, out, errs := run(t, "check"); code != 0 || out != "" {
		t.Errorf("check: exit %d\n%s%s", code, out, errs)
	}
}

func TestCheckSampleAndBroken(t *testing.T) {
	project(t)
	if code, out, errs := run(t, "check"); code != 0 || out != "" || !strings.Contains(errs, "no problems") {
		t.Fatalf("check of the sample site: exit %d\n%s%s", code, out, errs)
	}
	art := "site/pages/about.md"
	src, _ := os.ReadFile(art)
	broken := strings.Replace(string(src), "(editorial-standards.md)", "(/editorial-standard/)", 1)
	if err := os.WriteFile(art, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "check")
	if code != 1 || !strings.HasPrefix(out, "site/pages/about.md:23:134: broken link /editorial-standard/") || !strings.Contains(errs, "1 problem") {
		t.Errorf("check: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = run(t, "check", "--format", "json")
	if code != 1 || !strings.Contains(out, `"path": "site/pages/about.md"`) {
		t.Errorf("check --format json: exit %d\n%s", code, out)
	}
	if code, _, errs := run(t, "check", "--format", "xml"); code != 2 || !strings.Contains(errs, "use text or json") {
		t.Errorf("--format xml: exit %d %q", code, errs)
	}
	if code, _, errs := run(t, "check", "--external=ftp"); code != 2 {
		t.Errorf("--external=ftp: exit %d %q", code, errs)
	}
}
