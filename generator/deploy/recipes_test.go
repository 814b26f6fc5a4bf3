package deploy

import (
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/goccy/go-yaml"

	"github.com/byline/byline/generator/render"
)

// buildCommand is how every recipe builds the site.
const buildCommand = "go run ./cmd/byline build"

// checkBuildCommand checks that cmd runs Byline's build with flags the
// build command has, and writes to public/ (no --out elsewhere).
func checkBuildCommand(t *testing.T, where, cmd string) {
	t.Helper()
	_, args, ok := strings.Cut(cmd, buildCommand)
	if !ok {
		t.Errorf("%s: %q does not run %q", where, cmd, buildCommand)
		return
	}
	src, err := os.ReadFile(filepath.Join(root, "cmd", "byline", "build.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`(?:^|\s)--([a-z-]+)`).FindAllStringSubmatch(args, -1) {
		if !strings.Contains(string(src), `"`+m[1]+`", `) {
			t.Errorf("%s: byline build has no flag --%s", where, m[1])
		}
		if m[1] == "out" {
			t.Errorf("%s: the recipe must publish public/, the default output", where)
		}
	}
}

func readRecipe(t *testing.T, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestGitHubPagesWorkflow: the workflow parses, builds with the Pages URL
// as base URL and uploads public/, then deploys it.
func TestGitHubPagesWorkflow(t *testing.T) {
	var wf struct {
		Permissions map[string]string
		Jobs        map[string]struct {
			Needs any
			Steps []struct {
				ID, Uses, Run string
				With          map[string]string
			}
		}
	}
	if err := yaml.Unmarshal(readRecipe(t, ".github/workflows/pages.yml"), &wf); err != nil {
		t.Fatalf(".github/workflows/pages.yml: %v", err)
	}
	if wf.Permissions["pages"] != "write" || wf.Permissions["id-token"] != "write" {
		t.Errorf("permissions %v: Pages needs pages: write and id-token: write", wf.Permissions)
	}
	var built, uploaded, deployed bool
	for name, job := range wf.Jobs {
		for _, s := range job.Steps {
			switch {
			case strings.Contains(s.Run, buildCommand):
				checkBuildCommand(t, "pages.yml job "+name, s.Run)
				built = strings.Contains(s.Run, "--base-url \"${{ steps.pages.outputs.base_url }}/\"")
			case strings.HasPrefix(s.Uses, "actions/upload-pages-artifact@"):
				uploaded = built && s.With["path"] == "public"
			case strings.HasPrefix(s.Uses, "actions/deploy-pages@"):
				deployed = job.Needs == "build"
			}
		}
	}
	if !built || !uploaded || !deployed {
		t.Errorf("want a build with the Pages base URL (%v), then public/ uploaded (%v), then deployed by a job that needs build (%v)", built, uploaded, deployed)
	}
}

// TestNetlifyRecipe: netlify.toml parses, builds with byline and publishes
// public/.
func TestNetlifyRecipe(t *testing.T) {
	type build struct{ Command, Publish string }
	var conf struct {
		Build struct {
			build
			Environment map[string]string
		}
		Context map[string]build
	}
	if _, err := toml.Decode(string(readRecipe(t, ".deploy/netlify.toml")), &conf); err != nil {
		t.Fatalf(".deploy/netlify.toml: %v", err)
	}
	checkBuildCommand(t, "netlify.toml [build]", conf.Build.Command)
	if conf.Build.Publish != "public" {
		t.Errorf("netlify.toml publishes %q, want public", conf.Build.Publish)
	}
	gomod := string(readRecipe(t, "go.mod"))
	if v := conf.Build.Environment["GO_VERSION"]; !strings.Contains(gomod, "\ngo "+v+"\n") {
		t.Errorf("netlify.toml GO_VERSION %q is not go.mod's go line", v)
	}
	for name, c := range conf.Context {
		checkBuildCommand(t, "netlify.toml [context."+name+"]", c.Command)
	}
}

// TestS3Recipe runs .deploy/s3-deploy.sh against a built site with a stub
// aws command, and checks what it would upload, and with which headers.
func TestS3Recipe(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("skipping: no bash to run .deploy/s3-deploy.sh")
	}
	script := string(readRecipe(t, ".deploy/s3-deploy.sh"))
	m := regexp.MustCompile(`\n\s*(` + regexp.QuoteMeta(buildCommand) + `[^\n]*)`).FindStringSubmatch(script)
	if m == nil {
		t.Fatalf("s3-deploy.sh does not run %q", buildCommand)
	}
	checkBuildCommand(t, "s3-deploy.sh", m[1])

	// A copy of the project layout the script expects: .deploy/ and public/.
	dir := t.TempDir()
	res := publishSample(t, filepath.Join(dir, "public"), "https://careers.example.com/", true)
	if err := os.MkdirAll(filepath.Join(dir, ".deploy"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".deploy", "s3-deploy.sh"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	stub := filepath.Join(dir, "bin")
	log := filepath.Join(dir, "aws.log")
	if err := os.MkdirAll(stub, 0o755); err != nil {
		t.Fatal(err)
	}
	// The stub logs each call, one argument a line, and a blank line after.
	if err := os.WriteFile(filepath.Join(stub, "aws"), []byte("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> "+log+"\necho >> "+log+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	var data []byte
	cmd := exec.Command(bash, filepath.Join(dir, ".deploy", "s3-deploy.sh"), "--no-build", "s3://bucket")
	cmd.Env = append(os.Environ(), "PATH="+stub+string(os.PathListSeparator)+os.Getenv("PATH"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("s3-deploy.sh: %v\n%s", err, out)
	}
	data, err = os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	calls := strings.Split(strings.TrimSpace(string(data)), "\n\n")
	if len(calls) != 3 {
		t.Fatalf("want 3 aws calls, got %d:\n%s", len(calls), data)
	}

	// Apply each call's filters the way the AWS CLI does (later filters win)
	// and see which header each file gets; public/ may also hold files that
	// are not the site's (see private), which are not uploaded.
	uploadable := slices.Clone(private)
	for _, f := range res.Files {
		uploadable = append(uploadable, f.Path)
	}
	cache := map[string]string{}
	for _, call := range calls[:2] {
		args := strings.Split(call, "\n")
		var filters [][2]string
		cc := ""
		for i := 0; i+1 < len(args); i++ {
			switch args[i] {
			case "--exclude", "--include":
				filters = append(filters, [2]string{args[i], args[i+1]})
			case "--cache-control":
				cc = args[i+1]
			}
		}
		for _, p := range uploadable {
			in := true
			for _, flt := range filters {
				if ok, _ := path.Match(flt[1], p); ok || matchAnyDepth(flt[1], p) {
					in = flt[0] == "--include"
				}
			}
			if in {
				if prev, dup := cache[p]; dup {
					t.Errorf("%s uploaded twice (%s, then %s)", p, prev, cc)
				}
				cache[p] = cc
			}
		}
	}
	for _, f := range res.Files {
		p := f.Path
		hashed := regexp.MustCompile(`\.[0-9a-f]{8}\.(css|js)$`).MatchString(p)
		hostFile := p == "_headers" || p == "_redirects" || strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".br")
		switch want := map[bool]string{true: render.CacheImmutable, false: render.CacheRevalidate}[hashed]; {
		case hostFile && cache[p] != "":
			t.Errorf("%s is uploaded; it is not part of the site", p)
		case !hostFile && cache[p] != want:
			t.Errorf("%s uploaded with Cache-Control %q, want %q", p, cache[p], want)
		}
	}
	for _, p := range private {
		if cache[p] != "" {
			t.Errorf("%s is uploaded; it is not part of the site", p)
		}
	}
	if !strings.Contains(calls[2], "application/atom+xml") {
		t.Errorf("the feeds are not given the Atom content type:\n%s", calls[2])
	}
}

// matchAnyDepth matches a pattern against a path the way the AWS CLI does,
// where "*" also matches "/".
func matchAnyDepth(pattern, name string) bool {
	re := "^" + strings.ReplaceAll(regexp.QuoteMeta(pattern), `\*`, ".*") + "$"
	re = strings.ReplaceAll(re, `\[0-9a-f\]`, "[0-9a-f]")
	return regexp.MustCompile(re).MatchString(name)
}

// TestCloudflareRecipe: the README's Cloudflare Pages settings name the real
// build command and output folder; the files Cloudflare reads from it,
// _headers and _redirects, are checked by TestHostFiles.
func TestCloudflareRecipe(t *testing.T) {
	readme := string(readRecipe(t, "README.md"))
	_, section, ok := strings.Cut(readme, "### Cloudflare Pages")
	if !ok {
		t.Fatal("README has no Cloudflare Pages section")
	}
	section, _, _ = strings.Cut(section, "\n### ")
	m := regexp.MustCompile("Build command: `([^`]*)`").FindStringSubmatch(section)
	if m == nil {
		t.Fatal("README's Cloudflare Pages section gives no build command")
	}
	checkBuildCommand(t, "README Cloudflare Pages", m[1])
	if !strings.Contains(section, "output directory: `public`") {
		t.Error("README's Cloudflare Pages section does not name public as the output directory")
	}
}
