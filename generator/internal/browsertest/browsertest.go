// Package browsertest starts a real headless Chromium for tests, driven by
// chromedp. When no browser is installed the test is skipped with a clear
// message, unless BYLINE_REQUIRE_BROWSER is set (as .ci/run does), in which
// case it fails.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// candidates are the names Debian and others give Chromium.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Find returns the path of a Chromium binary, or "".
func Find() string {
	if p := os.Getenv("BYLINE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range candidates {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// New starts a headless browser for t and returns a context for
// chromedp.Run that expires after timeout. Everything is stopped when the
// test ends.
func New(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	bin := Find()
	if bin == "" {
		if os.Getenv("BYLINE_REQUIRE_BROWSER") != "" {
			t.Fatal("no Chromium found, and BYLINE_REQUIRE_BROWSER is set: apt-get install chromium")
		}
		t.Skip("skipping browser test: no Chromium found (apt-get install chromium, or set BYLINE_CHROMIUM)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	// Start the browser now, with no timeout on this first call: its
	// context's lifetime is the browser's.
	if err := chromedp.Do(ctx); err != nil {
		cancelCtx()
		cancelAlloc()
		t.Fatalf("starting %s: %v", bin, err)
	}
	tctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	return tctx
}
