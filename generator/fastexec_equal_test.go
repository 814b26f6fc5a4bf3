package generator

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFastExecEqual builds a site with html/template's executor
// (BYLINE_FASTEXEC=0) and with fastexec, and compares every file. FASTEXEC_SITES
// lists more site folders, separated by colons (a corpus's site/).
func TestFastExecEqual(t *testing.T) {
	if os.Getenv("BYLINE_FASTEXEC") != "" {
		t.Skip("the test sets BYLINE_FASTEXEC itself")
	}
	sites := []string{"../site"}
	if extra := os.Getenv("FASTEXEC_SITES"); extra != "" {
		sites = append(sites, filepath.SplitList(extra)...)
	}
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	for _, dir := range sites {
		for _, o := range []Options{{}, {Minify: true}, {Drafts: true, Future: true}} {
			o.SiteDir, o.ThemesDir, o.Now = dir, "../themes", now
			build := func(fast string) *Result {
				t.Setenv("BYLINE_FASTEXEC", fast)
				p, err := Prepare(context.Background(), o)
				if err != nil {
					t.Fatal(err)
				}
				res, err := p.Render(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if fast == "1" {
					// Every template of the default theme runs on
					// fastexec: a release of Go that moves what it
					// reads, or a theme change it cannot compile,
					// fails here rather than quietly running slower.
					report := p.theme.FastExecReport()
					if strings.Contains(report, "refused") || !strings.Contains(report, "kind article,") || !strings.Contains(report, "partial partials/card.html") {
						t.Errorf("%s: not every template ran on fastexec:\n%s", dir, report)
					}
				}
				return res
			}
			old, fast := build("0"), build("1")
			if len(old.Files) != len(fast.Files) {
				t.Fatalf("%s: %d files, fastexec %d", dir, len(old.Files), len(fast.Files))
			}
			diff, same, bytesN := 0, 0, 0
			for i, f := range old.Files {
				g := fast.Files[i]
				if f.Path != g.Path {
					t.Fatalf("%s: file %d is %s, fastexec %s", dir, i, f.Path, g.Path)
				}
				if !bytes.Equal(f.Data, g.Data) {
					diff++
					if diff <= 5 {
						t.Errorf("%s %+v: %s differs:\n%s", dir, o, f.Path, fastFirstDiff(f.Data, g.Data))
					}
					continue
				}
				same++
				bytesN += len(f.Data)
			}
			t.Logf("%s %+v: %d files identical (%d bytes), %d differ", dir, o, same, bytesN, diff)
		}
	}
}

func fastFirstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "html/template: " + string(a[from:min(len(a), i+80)]) + "\nfastexec:      " + string(b[from:min(len(b), i+80)])
}
