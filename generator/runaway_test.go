package generator

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runawaySite copies the sample site into a folder of its own, with a
// pay-table shortcode (called from the article switching) whose range
// repeats without end and writes nothing, and a second call of it.
func runawaySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../site")); err != nil {
		t.Fatal(err)
	}
	loop := []byte("{{ range 1000000000000 }}{{ end }}\n")
	if err := os.WriteFile(filepath.Join(dir, "layouts/shortcodes/pay-table.html"), loop, 0o644); err != nil {
		t.Fatal(err)
	}
	apply(t, dir, []edit{{switching, func(s string) string { return s + "\n{{< pay-table >}}\n" }}})
	return dir
}

// awaitPrepare runs Prepare, and fails the test if it has not returned
// after a minute, as it never did when a shortcode's range had no end.
func awaitPrepare(t *testing.T, ctx context.Context, opts Options) error {
	t.Helper()
	errc := make(chan error, 1)
	go func() {
		_, err := Prepare(ctx, opts)
		errc <- err
	}()
	select {
	case err := <-errc:
		return err
	case <-time.After(time.Minute):
		t.Fatal("Prepare still running after a minute")
		return nil
	}
}

// TestRunawayShortcode: a shortcode whose template repeats without end
// fails the build with an error at each call once it passes the time limit
// (the page's), naming the range, where it used to hang the build;
// the second call fails at once rather than running as long again.
func TestRunawayShortcode(t *testing.T) {
	dir := runawaySite(t)
	opts := Options{SiteDir: dir, ThemesDir: "../themes", Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), PageTimeout: 100 * time.Millisecond}
	err := awaitPrepare(t, context.Background(), opts)
	if err == nil {
		t.Fatal("the build succeeded")
	}
	// The errors are sorted by position: the first call ran, the second not.
	want := []string{
		`shortcode "pay-table" failed: shortcodes/pay-table.html ran for more than 100ms and was stopped in the range at ` + filepath.ToSlash(dir) + `/layouts/shortcodes/pay-table.html:1:10: check that what it ranges over ends, and is not far longer than meant`,
		`shortcode "pay-table" failed: shortcodes/pay-table.html is not run again in this build: it ran for more than 100ms once and was stopped`,
	}
	file := filepath.ToSlash(dir) + "/" + switching
	var calls []string
	for line := range strings.SplitSeq(err.Error(), "\n") {
		if strings.Contains(line, "pay-table") {
			calls = append(calls, line)
		}
	}
	if len(calls) != 2 {
		t.Fatalf("want an error at each of the two calls, got:\n%v", err)
	}
	for i, c := range calls {
		if !strings.Contains(c, switching+":") || !strings.HasSuffix(c, want[i]) {
			t.Errorf("got  %s\nwant %s:LINE:COL: %s", c, file, want[i])
		}
	}
}

// TestRunawayShortcodeCancelled: a build cancelled while a shortcode's
// range runs without end returns at once, long before the time limit, as
// serve needs when the fix is saved.
func TestRunawayShortcodeCancelled(t *testing.T) {
	dir := runawaySite(t)
	opts := Options{SiteDir: dir, ThemesDir: "../themes", Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), PageTimeout: time.Hour}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	if err := awaitPrepare(t, ctx, opts); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want the context's error", err)
	}
}
