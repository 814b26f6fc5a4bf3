package deploy

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/byline/byline/generator"
)

// TestHTMLValid runs the Nu HTML Checker (vnu-jar from npm) on every HTML
// file of the sample site and fails on any error.
func TestHTMLValid(t *testing.T) {
	t.Parallel() // mostly waiting on another process
	if testing.Short() {
		t.Skip("vnu skipped in -short mode")
	}
	java := needTool(t, "BYLINE_REQUIRE_VALIDATORS", "java", "apt-get install default-jre-headless")
	jar := needFile(t, "BYLINE_REQUIRE_VALIDATORS", "node_modules/vnu-jar/build/dist/vnu.jar", "npm install vnu-jar")
	dir := t.TempDir()
	res := publishSample(t, dir, "https://careers.example.com/", false)
	args := []string{"-jar", jar, "--errors-only", "--format", "json"}
	var n int
	for _, f := range res.Files {
		if strings.HasSuffix(f.Path, ".html") {
			args = append(args, filepath.Join(dir, filepath.FromSlash(f.Path)))
			n++
		}
	}
	// A broken page in the batch proves vnu reports errors at all.
	control := filepath.Join(t.TempDir(), "control.html")
	if err := os.WriteFile(control, []byte("<!doctype html><html lang=en><title>x</title><p><div></span>"), 0o644); err != nil {
		t.Fatal(err)
	}
	args = append(args, control)
	// vnu writes its report to stderr and exits 1 when it has errors.
	cmd := exec.Command(java, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	out := stderr.Bytes()
	var report struct {
		Messages []struct {
			Type, URL, Message, Extract string
			LastLine                    int
		}
	}
	if jerr := json.Unmarshal(out, &report); jerr != nil {
		t.Fatalf("vnu: %v; output %q (%v)", err, out, jerr)
	}
	var controlErrors int
	for _, m := range report.Messages {
		if strings.HasSuffix(m.URL, "/control.html") {
			controlErrors++
			continue
		}
		t.Errorf("%s:%d: %s: %s\n\t%s", strings.TrimPrefix(m.URL, "file:"+dir+"/"), m.LastLine, m.Type, m.Message, m.Extract)
	}
	if controlErrors == 0 {
		t.Errorf("vnu found no error in a broken page: %s", out)
	}
	t.Logf("vnu checked %d HTML files: %d errors", n, len(report.Messages)-controlErrors)
}

// TestFeedsAndSitemapValid validates every Atom feed against the RELAX NG
// schema of RFC 4287 and the sitemap against the sitemaps.org schema, with
// xmllint. The schemas are in testdata; each must also reject a broken file,
// so a schema that accepts anything cannot pass the test.
func TestFeedsAndSitemapValid(t *testing.T) {
	xmllint := needTool(t, "BYLINE_REQUIRE_VALIDATORS", "xmllint", "apt-get install libxml2-utils")
	atom, _ := filepath.Abs("testdata/atom.rng")
	sitemap, _ := filepath.Abs("testdata/sitemap.xsd")
	dir := t.TempDir()
	res := publishSample(t, dir, "https://careers.example.com/", false)
	var feeds []string
	for _, f := range res.Files {
		if strings.HasSuffix(f.Path, "feed.xml") {
			feeds = append(feeds, filepath.Join(dir, filepath.FromSlash(f.Path)))
		}
	}
	lint := func(schemaFlag, schema string, files ...string) (string, error) {
		out, err := exec.Command(xmllint, append([]string{"--noout", schemaFlag, schema}, files...)...).CombinedOutput()
		return string(out), err
	}
	if out, err := lint("--relaxng", atom, feeds...); err != nil {
		t.Errorf("feeds are not valid Atom: %v\n%s", err, out)
	}
	if out, err := lint("--schema", sitemap, filepath.Join(dir, "sitemap.xml")); err != nil {
		t.Errorf("sitemap.xml is not valid: %v\n%s", err, out)
	}
	t.Logf("validated %d feeds and sitemap.xml", len(feeds))

	// A sitemap split as past the protocol's 50,000 URLs: the index and
	// each of its parts.
	res, err := generator.Build(context.Background(), generator.Options{
		SiteDir: filepath.Join(root, "site"), ThemesDir: filepath.Join(root, "themes"),
		BaseURL: "https://careers.example.com/", SitemapURLs: 7,
	})
	if err != nil {
		t.Fatal(err)
	}
	splitDir := t.TempDir()
	if _, err := generator.Publish(res, splitDir); err != nil {
		t.Fatal(err)
	}
	parts, _ := filepath.Glob(filepath.Join(splitDir, "sitemap-*.xml"))
	if len(parts) < 2 {
		t.Fatalf("the split sitemap has %d parts", len(parts))
	}
	if out, err := lint("--schema", sitemap, append([]string{filepath.Join(splitDir, "sitemap.xml")}, parts...)...); err != nil {
		t.Errorf("the split sitemap is not valid: %v\n%s", err, out)
	}

	bad := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(bad, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	noID := write("feed.xml", `<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><updated>2026-01-02T03:04:05Z</updated></feed>`)
	if out, err := lint("--relaxng", atom, noID); err == nil {
		t.Errorf("the Atom schema accepts a feed with no id:\n%s", out)
	}
	relative := write("sitemap.xml", `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/articles/x/</loc></url></urlset>`)
	if out, err := lint("--schema", sitemap, relative); err == nil {
		t.Errorf("the sitemap schema accepts a relative loc:\n%s", out)
	}
	urlInIndex := write("sitemap-index.xml", `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://careers.example.com/</loc></url></sitemapindex>`)
	if out, err := lint("--schema", sitemap, urlInIndex); err == nil {
		t.Errorf("the sitemap schema accepts a url in an index:\n%s", out)
	}
}
