package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestThemeFlagNamesNoTheme: a --theme that names no theme is a usage
// error (exit 2) of build, check and serve, found before any work, whose
// message names the folder looked in and lists the themes there are; a
// name that is a path is refused so, never looked up. It was exit 1 after
// loading the site, with no list, and serve served the error page for
// ever.
func TestThemeFlagNamesNoTheme(t *testing.T) {
	dir := project(t)
	const none = `--theme "nosuch" not found: there is no folder themes/; the only theme is the built-in default: use it, or create themes/nosuch/layouts/`
	wantUsage(t, none, "build", "--theme", "nosuch")
	for _, d := range []string{"themes/mine/layouts", "themes/plain", "themes/.git", "evil/layouts"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// A theme outside themes/ that a path could reach.
	write(t, "evil/layouts/home.html", "EVIL")
	const list = `the themes are default (built in), mine and plain: use one of them`
	wantUsage(t, `--theme "nosuch" not found: themes/ has no folder nosuch; `+list+`, or create themes/nosuch/layouts/`, "build", "--theme", "nosuch")
	wantUsage(t, `--theme "nosuch" not found`, "check", "--theme", "nosuch")
	for _, name := range []string{"../evil", "..", "mine/..", "/etc", `..\evil`, ".git", "mine/layouts"} {
		wantUsage(t, `is no theme name: write the name of a folder in themes/ (no "/", "\" or "."); `+list, "build", "--theme", name)
	}
	if _, err := os.Stat("public"); !os.IsNotExist(err) {
		t.Errorf("a refused build wrote public/: %v", err)
	}

	// Commands that keep running: they went on with the error.
	wantUsageAtOnce(t, `--theme "nosuch" not found: themes/ has no folder nosuch`, "build", "--watch", "--theme", "nosuch")
	wantUsageAtOnce(t, `--theme "nosuch" not found: themes/ has no folder nosuch`, "serve", "--theme", "nosuch", "--addr", "127.0.0.1:0")

	if code, _, errs := run(t, "build", "--quiet", "--theme", "mine"); code != 0 {
		t.Errorf("--theme mine: exit %d\n%s", code, errs)
	}
}

// wantUsage runs byline with args and checks exit 2 and a stderr line
// "byline COMMAND: " and then one containing want.
func wantUsage(t *testing.T, want string, args ...string) {
	t.Helper()
	code, _, errs := run(t, args...)
	if first, _, _ := strings.Cut(errs, "\n"); code != exitUsage || !strings.HasPrefix(first, "byline "+args[0]+": ") || !strings.Contains(first, want) {
		t.Errorf("byline %v: exit %d, stderr:\n%s\nwant exit 2 and a first line with\n%s", args, code, errs, want)
	}
}

// wantUsageAtOnce is wantUsage for a command that keeps running unless
// refused: it stops it once it has printed anything.
func wantUsageAtOnce(t *testing.T, want string, args ...string) {
	t.Helper()
	out, errs, stop := background(t, args...)
	eventually(t, "byline "+args[0]+" to print", func() bool { return out.String() != "" || errs.String() != "" })
	code := stop()
	if first, _, _ := strings.Cut(errs.String(), "\n"); code != exitUsage || !strings.HasPrefix(first, "byline "+args[0]+": ") || !strings.Contains(first, want) {
		t.Errorf("byline %v: exit %d, stdout:\n%s\nstderr:\n%s\nwant exit 2 and a first line with\n%s", args, code, out, errs, want)
	}
}

// TestConfigThemeNamesNoTheme: a theme the config names that is not there
// is a config error (exit 1) at its line, with the same list; --theme
// overrides it.
func TestConfigThemeNamesNoTheme(t *testing.T) {
	dir := project(t)
	if err := os.MkdirAll(filepath.Join(dir, "themes/mine/layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	config, err := os.ReadFile("site/config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Count(string(config), "\n") + 1
	write(t, "site/config.yaml", string(config)+"theme: nosuch\n")
	want := `site/config.yaml:` + strconv.Itoa(line) + `:1: theme "nosuch" not found: themes/ has no folder nosuch; the themes are default (built in) and mine: use one of them, or create themes/nosuch/layouts/`
	code, _, errs := run(t, "build")
	if first, _, _ := strings.Cut(errs, "\n"); code != exitContent || first != want {
		t.Errorf("build: exit %d, stderr:\n%s\nwant exit 1 and first\n%s", code, errs, want)
	}
	// check reports its problems on stdout.
	if code, out, errs := run(t, "check"); code != exitContent || !strings.Contains(out, want+"\n") {
		t.Errorf("check: exit %d, stdout:\n%s\nstderr:\n%s\nwant exit 1 and\n%s", code, out, errs, want)
	}
	if code, _, errs := run(t, "build", "--quiet", "--theme", "mine"); code != 0 {
		t.Errorf("--theme mine over the config's: exit %d\n%s", code, errs)
	}
}
