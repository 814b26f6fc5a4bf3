package main

import (
	"bytes"
	"context"
	"github.com/byline/byline/generator"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets a test run the real program in a child process (with its
// own environment, such as TZ): the child sees BYLINE_TEST_MAIN=1 and runs
// main with the arguments after "--".
func TestMain(m *testing.M) {
	if os.Getenv("BYLINE_TEST_MAIN") == "1" {
		for i, a := range os.Args {
			if a == "--" {
				os.Args = append([]string{"byline"}, os.Args[i+1:]...)
				break
			}
		}
		main()
		return
	}
	os.Exit(m.Run())
}

// runChild runs byline in a child process with extra environment.
func runChild(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "BYLINE_TEST_MAIN=1"), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("byline %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// run runs the app in process and returns its exit code, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	app := &App{Stdout: &out, Stderr: &errb}
	code := app.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

// project copies the sample site into a temp dir and makes it the working directory.
func project(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "site"), os.DirFS("../../site")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return dir
}

// snapshot reads every file under dir into a map.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func equalTrees(t *testing.T, a, b map[string]string) {
	t.Helper()
	for p, data := range a {
		if other, ok := b[p]; !ok {
			t.Errorf("%s only in the first tree", p)
		} else if other != data {
			t.Errorf("%s differs", p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			t.Errorf("%s only in the second tree", p)
		}
	}
}

func TestBuildSampleSite(t *testing.T) {
	project(t)
	code, out, errs := run(t, "build")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if !strings.HasPrefix(out, "built ") || !strings.HasSuffix(out, " → public/\n") {
		t.Errorf("summary line = %q", out)
	}
	for _, p := range []string{"public/index.html", "public/articles/what-does-a-back-end-developer-do/index.html",
		"public/about/index.html", "public/404.html", "public/feed.xml", "public/sitemap.xml"} {
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat("public/articles/what-does-a-platform-engineer-do/index.html"); err == nil {
		t.Error("the draft was published")
	}
}

// TestBrokenBuildLeavesPublicUntouched breaks the sample site in one way at
// a time and checks the exact error line, exit status 1, and that public/
// is byte-identical to the last good build.
func TestBrokenBuildLeavesPublicUntouched(t *testing.T) {
	dir := project(t)
	if code, _, errs := run(t, "build"); code != 0 {
		t.Fatal(errs)
	}
	before := snapshot(t, filepath.Join(dir, "public"))
	const art = "site/articles/roles/what-does-a-back-end-developer-do.md"
	tests := []struct {
		name, file, old, new, want string
	}{
		{"broken YAML", art, "tags: [Back End, APIs, Databases]", "tags: [Back End, APIs, Databases",
			art + ":9:7: ',' or ']' must be specified: a list opened with [ is not closed: end it with ]"},
		{"duplicate key", art, "category: Roles", "category: Roles\ncategory: Guides",
			art + `:9:1: duplicate key "category" (first set on line 8)`},
		{"bad date", art, "date: 2024-03-12T09:00:00", "date: 2024-02-30",
			art + `:4:7: cannot parse date "2024-02-30": day out of range; write dates as 2006-01-02, 2006-01-02T15:04:05, or with an offset as 2006-01-02T15:04:05+01:00`},
		{"unknown author", art, "author: maya-okafor", "author: nobody",
			art + `:6:1: unknown author "nobody": create site/authors/nobody.md or use one of: aisha-rahman, daniel-reyes, lena-hoffmann, marcus-bell, maya-okafor`},
		{"broken TOML", "site/articles/roles/what-does-a-front-end-developer-do.md", `category = "Roles"`, `category = "Roles`,
			"site/articles/roles/what-does-a-front-end-developer-do.md:8:18: strings cannot contain newlines"},
		{"broken JSON", "site/articles/roles/what-does-a-qa-engineer-do.md", `"category": "Roles",`, `"category": "Roles"`,
			"site/articles/roles/what-does-a-qa-engineer-do.md:8:3: invalid JSON: invalid character '\"' after object key:value pair"},
		{"template error", "site/layouts/page.html", "", "{{ define \"main\" }}\n<h1>{{ .Title }</h1>\n{{ end }}\n",
			`site/layouts/page.html:2:1: unexpected "}" in operand`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.file)
			orig, err := os.ReadFile(p)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			broken := tt.new
			if tt.old != "" {
				if !strings.Contains(string(orig), tt.old) {
					t.Fatalf("%s lacks %q", tt.file, tt.old)
				}
				broken = strings.Replace(string(orig), tt.old, tt.new, 1)
			}
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(broken), 0o644); err != nil {
				t.Fatal(err)
			}
			defer func() {
				if orig == nil {
					os.Remove(p)
				} else {
					os.WriteFile(p, orig, 0o644)
				}
			}()
			code, _, errs := run(t, "build")
			if code != 1 {
				t.Fatalf("exit %d, want 1\n%s", code, errs)
			}
			if first, _, _ := strings.Cut(errs, "\n"); first != tt.want {
				t.Errorf("first error:\n got %s\nwant %s", first, tt.want)
			}
			equalTrees(t, before, snapshot(t, filepath.Join(dir, "public")))
		})
	}
}

func TestDangerousOutRefused(t *testing.T) {
	dir := project(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	if err := os.WriteFile(filepath.Join(home, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"/", ".", "site", "site/static", home, dir + "/.."} {
		code, _, errs := run(t, "build", "--out", out)
		if code != 1 || !strings.Contains(errs, "refusing") {
			t.Errorf("--out %s: exit %d, stderr %q", out, code, errs)
		}
	}
	if data, err := os.ReadFile(filepath.Join(home, "keep.txt")); err != nil || string(data) != "mine" {
		t.Error("a file in HOME was touched")
	}
	if _, err := os.Stat(filepath.Join(dir, "site/config.yaml")); err != nil {
		t.Error("the site was touched")
	}
}

func TestDeterministicAcrossTimeZones(t *testing.T) {
	dir := project(t)
	runChild(t, dir, []string{"TZ=UTC"}, "build", "--out", "a", "--quiet")
	runChild(t, dir, []string{"TZ=Asia/Kathmandu"}, "build", "--out", "b", "--quiet")
	runChild(t, dir, []string{"TZ=America/Los_Angeles"}, "build", "--out", "c", "--quiet")
	a := snapshot(t, filepath.Join(dir, "a"))
	equalTrees(t, a, snapshot(t, filepath.Join(dir, "b")))
	equalTrees(t, a, snapshot(t, filepath.Join(dir, "c")))
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "Usage:"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"build", "--nope"}, 2, "flag provided but not defined"},
		{[]string{"build", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"help", "frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"build", "--base-url", "ftp://x"}, 2, `byline build: --base-url "ftp://x" must be an absolute http or https URL, like "https://example.com/"`},
		// A query was refused later, as a build error (exit 1).
		{[]string{"build", "--base-url", "https://example.com/blog/?q=1"}, 2, `byline build: --base-url "https://example.com/blog/?q=1" must not have a query, fragment or user name`},
		{[]string{"build", "-h"}, 0, "-drafts"},
		{[]string{"version", "extra"}, 2, `unexpected argument "extra"`},
		// Outside a project, serve waited for a site for ever.
		{[]string{"serve", "--addr", "127.0.0.1:0"}, 1, "byline serve: site folder site not found: run byline in a project folder, or pass --site DIR"},
	}
	for _, tt := range tests {
		code, out, errs := run(t, tt.args...)
		if code != tt.code || !strings.Contains(out+errs, tt.want) {
			t.Errorf("byline %v: exit %d, output %q; want exit %d with %q", tt.args, code, out+errs, tt.code, tt.want)
		}
	}
	if code, out, _ := run(t, "version"); code != 0 || !strings.HasPrefix(out, "byline ") {
		t.Errorf("version: %d %q", code, out)
	}
}

// TestHelpOnStdout: help asked for is the program's output (stdout, exit
// 0), so "byline build -h | less" works; a usage error goes to stderr.
func TestHelpOnStdout(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-h"}, "Usage:\n  byline build"},
		{[]string{"help"}, "Usage:\n  byline build"},
		{[]string{"build", "-h"}, "Usage: byline build [flags]"},
		{[]string{"build", "--help"}, "-precompress"},
		{[]string{"help", "build"}, "Usage: byline build [flags]"},
		{[]string{"help", "serve"}, "-no-drafts"},
		{[]string{"check", "-h"}, "-external"},
		{[]string{"init", "-h"}, "-force"},
		{[]string{"new", "--site", "x", "-h"}, "-bundle"},
		{[]string{"version", "-h"}, "Usage: byline version"},
	}
	for _, tt := range tests {
		code, out, errs := run(t, tt.args...)
		if code != 0 || !strings.Contains(out, tt.want) || errs != "" {
			t.Errorf("byline %v: exit %d, stdout %q, stderr %q; want exit 0 and %q on stdout alone", tt.args, code, out, errs, tt.want)
		}
	}
	code, out, errs := run(t, "build", "--nope")
	if code != 2 || out != "" || !strings.Contains(errs, "flag provided but not defined: -nope\nUsage: byline build") {
		t.Errorf("build --nope: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	stop := startProgress(&buf, true, "site")
	time.Sleep(progressDelay + 100*time.Millisecond)
	stop()
	if s := buf.String(); !strings.Contains(s, "building site… 1.") || !strings.HasSuffix(s, "\r\033[K") {
		t.Errorf("progress output = %q", s)
	}
	buf.Reset()
	stop = startProgress(&buf, true, "site")
	stop()
	if buf.Len() != 0 {
		t.Errorf("a fast build printed %q", buf.String())
	}
	stop = startProgress(&buf, false, "site")
	stop()
	if buf.Len() != 0 {
		t.Errorf("not a terminal, yet printed %q", buf.String())
	}
}

// The CLI streams files into public/ as they render; the result must equal
// the in-memory build published in one go.
func TestStreamedBuildEqualsInMemoryBuild(t *testing.T) {
	dir := project(t)
	if code, _, errs := run(t, "build", "--quiet"); code != 0 {
		t.Fatal(errs)
	}
	res, err := generator.Build(context.Background(), buildFlags{site: "site", out: "mem"}.options())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := generator.Publish(res, filepath.Join(dir, "mem")); err != nil {
		t.Fatal(err)
	}
	streamed, inMemory := snapshot(t, filepath.Join(dir, "public")), snapshot(t, filepath.Join(dir, "mem"))
	if len(streamed) < 60 {
		t.Fatalf("only %d files built", len(streamed))
	}
	equalTrees(t, streamed, inMemory)
}

// TestUsageNamesEveryFlag: the synopsis "byline help" prints names every
// flag each command takes (it left out new's --slug).
func TestUsageNamesEveryFlag(t *testing.T) {
	code, top, _ := run(t, "help")
	if code != 0 {
		t.Fatalf("byline help: exit %d", code)
	}
	for _, cmd := range []string{"build", "serve", "new article", "new page", "new author", "check", "init"} {
		var line string
		for l := range strings.Lines(top) {
			if strings.Join(strings.Fields(l), " ") == "byline "+cmd || strings.HasPrefix(strings.Join(strings.Fields(l), " "), "byline "+cmd+" ") {
				line = l
			}
		}
		if line == "" {
			t.Errorf("byline help names no %s command", cmd)
			continue
		}
		_, help, helpErr := run(t, append(strings.Fields(cmd), "-h")...)
		help += helpErr
		for l := range strings.Lines(help) {
			f, ok := strings.CutPrefix(l, "  -")
			if !ok {
				continue
			}
			name, _, _ := strings.Cut(strings.TrimSpace(f), " ")
			if !strings.Contains(line, "[--"+name) {
				t.Errorf("byline help: the %s line %q lacks --%s, which byline help %s lists", cmd, strings.TrimSpace(line), name, cmd)
			}
		}
	}
}
