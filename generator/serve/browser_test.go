package serve

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/byline/byline/generator/internal/browsertest"
	"github.com/byline/byline/generator/watch"
	"github.com/chromedp/chromedp"
)

// TestLiveReloadInBrowser opens an article from the preview server in
// headless Chromium, then edits files on disk and watches the open page:
// it reloads with an edit, shows an overlay naming the broken template's
// path:line:col, and recovers when the template is fixed.
func TestLiveReloadInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	w, _ := startWatched(t, watch.Options{}, nil)
	ctx := browsertest.New(t, 90*time.Second)
	// waitFor evaluates a JavaScript predicate until it holds; the page
	// reloads meanwhile, so an evaluation may fail and is retried.
	waitFor := func(what, js string) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
			if err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 2000) : ""`))
				t.Fatalf("timed out waiting for %s (last error %v); the page shows:\n%s", what, err, text)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	const overlay = `document.getElementById("byline-error-overlay")`

	if err := chromedp.Do(ctx, chromedp.Navigate(w.http.URL+articleURL)); err != nil {
		t.Fatal(err)
	}
	waitFor("the article", `document.querySelector("h1").textContent.includes("What Does a Back End Developer Do")`)

	edit(t, w.dir, articleMD, `title: "What Does`, `title: "Seen Live: What Does`)
	waitFor("the edit, without navigating", `document.querySelector("h1").textContent.includes("Seen Live")`)

	layout := filepath.Join(w.dir, "site", "layouts", "article.html")
	writeFile(t, layout, "{{ define \"main\" }}\n<article>{{ if }}</article>\n{{ end }}\n")
	waitFor("the error overlay", overlay+` !== null && `+overlay+`.textContent.includes("layouts/article.html:2:")`)
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](overlay+`.textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, `<article>{{ if }}</article>`) {
		t.Errorf("the overlay does not quote the source line:\n%s", text)
	}
	waitFor("the last good build under the overlay", `document.querySelector("h1").textContent.includes("Seen Live")`)

	if err := os.Remove(layout); err != nil {
		t.Fatal(err)
	}
	edit(t, w.dir, articleMD, `title: "Seen Live: What Does`, `title: "Recovered: What Does`)
	waitFor("the recovery", overlay+` === null && document.querySelector("h1").textContent.includes("Recovered")`)

	// A hidden page lets go of its stream (a browser has six connections
	// to a server, which six tabs' streams would take), and catches up
	// with the builds it missed when it is shown again.
	streams := func() int {
		w.hub.mu.Lock()
		defer w.hub.mu.Unlock()
		return len(w.hub.clients)
	}
	setHidden := func(hidden bool) {
		t.Helper()
		js := `Object.defineProperty(document, "hidden", {configurable: true, get: () => ` + strconv.FormatBool(hidden) + `});
			document.dispatchEvent(new Event("visibilitychange")); true`
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err != nil {
			t.Fatal(err)
		}
	}
	waitUntil := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
		}
	}
	waitUntil("the page's stream", func() bool { return streams() == 1 })
	setHidden(true)
	waitUntil("the hidden page to close its stream", func() bool { return streams() == 0 })
	edit(t, w.dir, articleMD, `title: "Recovered: What Does`, `title: "Missed While Hidden: What Does`)
	w.settle(t, articleURL, contains("Missed While Hidden"))
	if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("h1").textContent.includes("Recovered")`)); !ok {
		t.Fatal("the hidden page reloaded")
	}
	setHidden(false)
	waitFor("the page shown again to catch up", `document.querySelector("h1").textContent.includes("Missed While Hidden")`)
}
