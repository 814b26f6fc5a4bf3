package generator

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/byline/byline/generator/internal/browsertest"
	"github.com/chromedp/chromedp"
	"golang.org/x/tools/txtar"
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

// searchStatus types query into the search page at url and returns the
// status line the script writes once it has searched for the whole query.
// Every status names its query, and only that one will do: on a busy
// machine the script may search while the keys are still being typed, and
// the status of "reli" is not that of "reliability engineer".
func searchStatus(t *testing.T, ctx context.Context, url, query string) string {
	t.Helper()
	quoted, err := json.Marshal(query)
	if err != nil {
		t.Fatal(err)
	}
	const status = `document.getElementById("search-status").textContent`
	err = chromedp.Do(ctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible(`input[type=search]`),
		chromedp.SendKeys(`input[type=search]`, query),
	)
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](status+`.includes(`+string(quoted)+`)`,
			chromedp.WithPollingTimeout(10*time.Second)))
	}
	got, evalErr := chromedp.Run(ctx, chromedp.Evaluate[string](status))
	if err != nil {
		t.Fatalf("%s, %q: %v (the status says %q)", url, query, err, got)
	}
	if evalErr != nil {
		t.Fatal(evalErr)
	}
	return got
}

// The search script says what it found in the site's language, with the
// words the search page gives it: English for the sample, German for a
// site in German, Polish for a site with its own pl.yaml, in the plural
// form the browser's rules choose for the count.
func TestSearchStatusInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	serve := func(files map[string][]byte) string {
		fsys := fstest.MapFS{}
		for p, data := range files {
			fsys[p] = &fstest.MapFile{Data: data}
		}
		srv := httptest.NewServer(http.FileServerFS(fsys))
		t.Cleanup(srv.Close)
		return srv.URL
	}
	english := serve(buildSample(t, Options{}))
	deURL := serve(buildWithTheme(t, i18nSite))
	plURL := serve(buildWithTheme(t, polishSite))
	ctx := browsertest.New(t, 60*time.Second)
	for _, tc := range []struct{ url, query, want string }{
		{english + "/search/", "zzzqqq", "No articles match “zzzqqq”. Try fewer or different words."},
		{english + "/search/", "reliability engineer", "2 articles match “reliability engineer”."},
		{deURL + "/search/", "zzzqqq", "Kein Artikel passt zu „zzzqqq“. Versuchen Sie weniger oder andere Wörter."},
		{deURL + "/search/", "SRE", "1 Artikel passt zu „SRE“."},
		{deURL + "/search/", "Was macht", "2 Artikel passen zu „Was macht“."},
		// Polish has four forms: one, few (2–4, 22–24…), many (5–21…) and
		// other (fractions), each from the site's pl.yaml.
		{plURL + "/search/", "alfa", "1 artykuł pasuje do „alfa”."},
		{plURL + "/search/", "beta", "2 artykuły pasują do „beta”."},
		{plURL + "/search/", "gamma", "5 artykułów pasuje do „gamma”."},
		{plURL + "/search/", "zzzqqq", "Żaden artykuł nie pasuje do „zzzqqq”."},
	} {
		if got := searchStatus(t, ctx, tc.url, tc.query); got != tc.want {
			t.Errorf("%s %q: status %q, want %q", tc.url, tc.query, got, tc.want)
		}
	}
}

// buildWithTheme builds src, a txtar site, with the real themes folder
// (not testdata's), and returns its files.
func buildWithTheme(t *testing.T, src string) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	ar, err := txtar.FS(txtar.Parse([]byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dir, ar); err != nil {
		t.Fatal(err)
	}
	themes, _ := filepath.Abs("../themes")
	res, err := Build(context.Background(), Options{SiteDir: filepath.Join(dir, "site"), ThemesDir: themes, Now: goldenNow})
	if err != nil {
		t.Fatal(err)
	}
	return fileMap(res)
}
