package deploy

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/byline/byline/generator"
	"github.com/byline/byline/generator/render"
)

// root is the project folder, seen from this package.
const root = "../.."

// buildSample builds the sample site the way the deploy recipes do (minified)
// and returns its files.
func buildSample(t *testing.T, baseURL string) *generator.Result {
	t.Helper()
	res, err := generator.Build(context.Background(), generator.Options{
		SiteDir: filepath.Join(root, "site"), ThemesDir: filepath.Join(root, "themes"),
		BaseURL: baseURL, Minify: true,
	})
	if err != nil {
		t.Fatalf("building the sample site: %v", err)
	}
	return res
}

// publishSample builds the sample site into dir, as byline build --out dir
// does, with --precompress when asked.
func publishSample(t *testing.T, dir, baseURL string, precompress bool) *generator.Result {
	t.Helper()
	res := buildSample(t, baseURL)
	if precompress {
		res.Precompress()
	}
	if _, err := generator.Publish(res, dir); err != nil {
		t.Fatal(err)
	}
	return res
}

// fileMap indexes a build's files by path.
func fileMap(files []render.File) map[string][]byte {
	m := make(map[string][]byte, len(files))
	for _, f := range files {
		m[f.Path] = f.Data
	}
	return m
}

// needTool returns the path of a program, or skips the test with how to
// install it; when the environment variable require is set, it fails instead.
func needTool(t *testing.T, require, name, install string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	missing(t, require, name+" not found ("+install+")")
	return ""
}

// needFile is needTool for a file installed by .ci/run under BYLINE_TOOLS.
func needFile(t *testing.T, require, rel, install string) string {
	t.Helper()
	p := filepath.Join(toolsDir(), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err == nil {
		return p
	}
	missing(t, require, p+" not found ("+install+")")
	return ""
}

func missing(t *testing.T, require, why string) {
	t.Helper()
	if os.Getenv(require) != "" {
		t.Fatalf("%s, and %s is set", why, require)
	}
	t.Skipf("skipping: %s; .ci/run installs it", why)
}

// toolsDir is where .ci/run installs the npm tools.
func toolsDir() string {
	if d := os.Getenv("BYLINE_TOOLS"); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "byline", "tools")
	}
	return filepath.Join(os.TempDir(), "byline-tools")
}
