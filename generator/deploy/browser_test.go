package deploy

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/byline/byline/generator/internal/browsertest"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// watchPage runs in every page before its own scripts (DevTools scripts are
// not subject to the page's Content Security Policy) and records policy
// violations and resources that failed to load.
const watchPage = `
window.__problems = [];
document.addEventListener('securitypolicyviolation', e =>
	window.__problems.push('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
window.addEventListener('error', e => {
	const el = e.target;
	if (el && el !== window && (el.src || el.href)) window.__problems.push('failed to load ' + (el.src || el.href));
}, true);
`

// axeImpacts are the violations that fail the test.
var axeImpacts = map[string]bool{"serious": true, "critical": true}

// TestInBrowser opens the sample site in headless Chromium, served with the
// headers of its _headers file, Content-Security-Policy included. On every
// article page (in the light and the dark color scheme) and on one page of
// each other kind, it expects no policy violation, no failed load and no
// serious or critical axe-core violation; on /search/ it also runs a
// search, which fetches the index.
func TestInBrowser(t *testing.T) {
	t.Parallel() // mostly waiting on another process
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	axePath := needFile(t, "BYLINE_REQUIRE_VALIDATORS", "node_modules/axe-core/axe.min.js", "npm install axe-core")
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	res := buildSample(t, "")
	files := fileMap(res.Files)
	rules := parseHeaders(t, files["_headers"])
	fsys := fstest.MapFS{}
	for p, data := range files {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	fileServer := http.FileServerFS(fsys)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for name, value := range rules.match(r.URL.Path) {
			w.Header().Set(name, value)
		}
		fileServer.ServeHTTP(w, r)
	}))
	defer srv.Close()

	var pages []string
	for _, a := range res.Site.Articles {
		pages = append(pages, a.URL)
	}
	others := []string{"/", "/articles/", "/articles/roles/", "/tags/", "/tags/kubernetes/", "/categories/career-paths/", "/authors/", "/authors/maya-okafor/", "/about/", "/search/?q=engineer", "/404.html"}

	ctx := browsertest.New(t, 5*time.Minute)
	err = chromedp.Do(ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchPage})
		return chromedp.Void{}, err
	})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	check := func(path, scheme string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+path)); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if strings.HasPrefix(path, "/search/") { // wait for the results the query brings
			_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll('#search-results a, [data-url] a').length > 0`,
				chromedp.WithPollingTimeout(10*time.Second)))
			if err != nil {
				t.Errorf("%s: no search results: %v", path, err)
			}
		}
		violations, err := runAxe(ctx, axe)
		if err != nil {
			t.Fatalf("%s: axe: %v", path, err)
		}
		for _, v := range violations {
			if axeImpacts[v.Impact] {
				t.Errorf("%s (%s): axe %s (%s): %s\n\t%s", path, scheme, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
			}
		}
		problems, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__problems`))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, p := range problems {
			t.Errorf("%s: %s", path, p)
		}
		checked++
	}
	for _, p := range append(pages, others...) {
		check(p, "light")
	}

	// Markdown table alignment survives the policy (allowed by hash).
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/articles/tech-salaries-by-career-level/")); err != nil {
		t.Fatal(err)
	}
	align, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const td = document.querySelector('td[style]');
		return td ? getComputedStyle(td).textAlign : 'no aligned cell';
	})()`))
	if err != nil || align != "right" {
		t.Errorf("an aligned table column has text-align %q (%v), want right", align, err)
	}

	err = chromedp.Do(ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
		})
		return chromedp.Void{}, err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		check(p, "dark")
	}
	t.Logf("checked %d page views with axe-core and the site's Content-Security-Policy", checked)
}

type axeViolation struct {
	ID, Impact, Help string
	Nodes            []string
}

// runAxe loads axe-core into the page and runs it.
func runAxe(ctx context.Context, axe []byte) ([]axeViolation, error) {
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
		return nil, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {resultTypes: ['violations']}).then(r =>
		r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
			nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\s+/g, ' '))})))`,
		chromedp.EvalAwaitPromise))
}
