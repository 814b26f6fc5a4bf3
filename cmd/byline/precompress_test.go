package main

import (
	"os"
	"strings"
	"testing"
)

// build --precompress writes a .gz and a .br next to each text file, the
// same bytes on every run; a build without it removes them again.
func TestBuildPrecompress(t *testing.T) {
	project(t)
	if code, _, errs := run(t, "build", "--quiet", "--precompress"); code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	first := snapshot(t, "public")
	for p := range first {
		text := strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".css") || strings.HasSuffix(p, ".xml") || strings.HasSuffix(p, ".json")
		if !text {
			continue
		}
		for _, ext := range []string{".gz", ".br"} {
			if _, ok := first[p+ext]; !ok {
				t.Errorf("no %s%s", p, ext)
			}
		}
	}
	if code, _, errs := run(t, "build", "--quiet", "--precompress"); code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	equalTrees(t, first, snapshot(t, "public"))

	if code, _, errs := run(t, "build", "--quiet"); code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if _, err := os.Stat("public/index.html.gz"); !os.IsNotExist(err) {
		t.Errorf("public/index.html.gz outlived a build without --precompress: %v", err)
	}
}
