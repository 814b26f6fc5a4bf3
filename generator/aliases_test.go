package generator

import (
	"strings"
	"testing"
)

// TestEncodedAliases: an alias is percent-decoded as a server decodes the
// URLs it is asked for. One with encoded letters redirects from the folder
// its decoded path names, as a page's URL does; one that decodes to a "."
// or ".." folder, to a "/" inside a folder's name or to what an alias may
// not hold is an error at the alias, not a folder named "%2e%2e" in
// public/ that no request reaches.
func TestEncodedAliases(t *testing.T) {
	t.Run("letters", encodedLetters)
	t.Run("paths", encodedPaths)
}

func encodedLetters(t *testing.T) {
	files := buildFiles(t, `
-- site/config.yaml --
title: Careers Weekly
-- site/articles/x.md --
---
title: X
date: 2025-01-01
aliases: [/caf%C3%A9/, /100%25-remote/]
---
Hi.
`)
	wantIn(t, "café/index.html", builtPage(t, files, "café/index.html"), `<meta http-equiv="refresh" content="0; url=../articles/x/">`)
	wantIn(t, "100%-remote/index.html", builtPage(t, files, "100%-remote/index.html"), `<meta http-equiv="refresh" content="0; url=../articles/x/">`)
	wantIn(t, "_redirects", builtPage(t, files, "_redirects"), "/caf%C3%A9/ /articles/x/ 301", "/100%25-remote/ /articles/x/ 301")
	for name := range files {
		if strings.Contains(name, "%C3") || strings.Contains(name, "%25") {
			t.Errorf("%s is written with its percent-encoding", name)
		}
	}
}

func encodedPaths(t *testing.T) {
	out := buildOutput(t, `
-- site/config.yaml --
title: Careers Weekly
-- site/articles/x.md --
---
title: X
date: 2025-01-01
aliases:
  - /old/%2e%2e/x/
  - /old/%2E/y/
  - /a%2Fb/
  - /a%20b/
  - /c%zz/
  - /caf%C3%A9/
---
Hi.
`)
	want := []string{
		`site/articles/x.md:5:5: alias "/old/%2e%2e/x/": it decodes to "/old/../x/": an alias may not contain ".."`,
		`site/articles/x.md:6:5: alias "/old/%2E/y/": it decodes to "/old/./y/": an alias may not have a folder named "."`,
		`site/articles/x.md:7:5: alias "/a%2Fb/": it decodes to "/a/b/": a server reads %2F as "/", so no folder is named with one: write "/" or leave it out`,
		`site/articles/x.md:8:5: alias "/a%20b/": it decodes to "/a b/": write a site path such as /old/path/, without a host, query, fragment, spaces, control characters or backslashes`,
		`site/articles/x.md:9:5: alias "/c%zz/": a % must start a percent-encoded byte such as %C3%A9; write %25 for a % itself`,
	}
	if got := strings.TrimSpace(out["errors"]); got != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}
