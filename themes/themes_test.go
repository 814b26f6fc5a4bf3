package themes

import (
	"io/fs"
	"testing"
)

func TestDefaultHoldsTheTheme(t *testing.T) {
	for _, name := range []string{
		"layouts/baseof.html", "layouts/home.html", "layouts/article.html", "layouts/partials/head.html",
		"static/css/style.css", "static/js/search.js", "static/favicon.svg",
	} {
		if _, err := fs.Stat(Default(), name); err != nil {
			t.Error(err)
		}
	}
}

// The search script is loaded on one page only, but it should stay small:
// under 4 KiB until it learned to show the site's language's words, and
// under 4.5 KiB since.
func TestSearchScriptIsSmall(t *testing.T) {
	b, err := fs.ReadFile(Default(), "static/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	if len(b) >= 4608 {
		t.Errorf("search.js is %d bytes, want < 4.5 KiB", len(b))
	}
}
