package generator

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/byline/byline/generator/internal/browsertest"
	"github.com/chromedp/chromedp"
)

// TestSearchInBrowser serves the built sample site on 127.0.0.1 under a
// sub-path, opens /search/ in headless Chromium, types a query and expects
// the matching article first.
func TestSearchInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	files := buildSample(t, Options{BaseURL: "https://example.com/blog/"})
	fsys := fstest.MapFS{}
	for p, data := range files {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	mux := http.NewServeMux()
	mux.Handle("/blog/", http.StripPrefix("/blog", http.FileServerFS(fsys)))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	ctx := browsertest.New(t, 60*time.Second)
	const results = `[data-url] a[href*="/articles/"], #search-results a[href*="/articles/"]`
	firstResult := func() string {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll('`+results+`').length > 0`,
			chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Fatalf("no search results appeared: %v", err)
		}
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('`+results+`').href`))
		if err != nil {
			t.Fatal(err)
		}
		return href
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/blog/search/"),
		chromedp.WaitVisible(`input[type=search]`),
		chromedp.SendKeys(`input[type=search]`, "reliability engineer"),
	)
	if err != nil {
		t.Fatal(err)
	}
	want := srv.URL + "/blog/articles/how-to-become-a-site-reliability-engineer/"
	if first := firstResult(); first != want {
		t.Errorf("first result = %q, want %q", first, want)
	}

	// The query string of the header's search form fills the box and searches.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/blog/search/?q=kubernetes")); err != nil {
		t.Fatal(err)
	}
	if first := firstResult(); !strings.Contains(first, "/blog/articles/") {
		t.Errorf("?q=kubernetes: first result = %q", first)
	}
}
