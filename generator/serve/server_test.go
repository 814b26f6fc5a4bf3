package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/watch"
)

func TestServesTheBuild(t *testing.T) {
	dir, opts := sampleSite(t)
	l := startServer(t, dir, opts)
	for _, c := range []struct{ path, ctype string }{
		{"/", "text/html; charset=utf-8"},
		{articleURL, "text/html; charset=utf-8"},
		{"/feed.xml", "application/xml; charset=utf-8"},
		{"/sitemap.xml", "application/xml; charset=utf-8"},
		{"/search-index.json", "application/json"},
		{"/robots.txt", "text/plain; charset=utf-8"},
		{ScriptPath, "text/javascript; charset=utf-8"},
	} {
		code, h, body := l.get(t, c.path)
		if code != 200 || h.Get("Content-Type") != c.ctype || h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: %d %q %q", c.path, code, h.Get("Content-Type"), h.Get("Cache-Control"))
		}
		injected := strings.Contains(body, `<script src="/_byline/reload.js?gen=`)
		if injected != strings.HasPrefix(c.ctype, "text/html") {
			t.Errorf("%s: reload script injected = %v", c.path, injected)
		}
	}
	_, _, body := l.get(t, articleURL)
	if i, j := strings.Index(body, "/_byline/reload.js"), strings.LastIndex(body, "</body>"); i < 0 || i > j {
		t.Error("the script is not just before </body>")
	}
	l.matchesClean(t, opts)
}

func TestRedirectsAnd404(t *testing.T) {
	dir, opts := sampleSite(t)
	l := startServer(t, dir, opts)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(l.http.URL + strings.TrimSuffix(articleURL, "/") + "?x=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != articleURL+"?x=1" {
		t.Errorf("/x: %d → %q, want a redirect to /x/", resp.StatusCode, resp.Header.Get("Location"))
	}
	code, h, body := l.get(t, "/no/such/page/")
	want, _, _ := strings.Cut(l.file(t, "404.html"), "</body>")
	if code != 404 || !strings.HasPrefix(body, want) || h.Get("Cache-Control") != "no-store" {
		t.Errorf("unknown path: %d, site's 404 page served: %v", code, strings.HasPrefix(body, want))
	}
	resp, err = http.Post(l.http.URL+"/", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", resp.StatusCode)
	}
}

// file returns an output file of the current build as served.
func (l *live) file(t *testing.T, p string) string {
	f, err := l.cur.Load().file(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(f.data)
}

// raw sends a request line and headers as written, so that no client
// cleans the path, and returns the status line and, unless the response
// is an event stream, the rest of the response.
func raw(t *testing.T, addr, target, host string) (string, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	r := bufio.NewReader(conn)
	status, err := r.ReadString('\n')
	if err != nil {
		t.Fatalf("%s: %v", target, err)
	}
	if strings.HasPrefix(target, EventsPath) && strings.Contains(status, " 200 ") {
		return strings.TrimSpace(status), ""
	}
	rest, _ := io.ReadAll(r)
	return strings.TrimSpace(status), string(rest)
}

func TestNoPathOutsideTheSite(t *testing.T) {
	dir, opts := sampleSite(t)
	secret := "TOP-SECRET-" + t.Name()
	writeFile(t, filepath.Join(dir, "secret.txt"), secret)
	writeFile(t, filepath.Join(dir, "site", "secret.txt"), secret)
	l := startServer(t, dir, opts)
	addr := l.http.Listener.Addr().String()
	for _, target := range []string{
		"/../secret.txt", "/../../../../etc/passwd", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd",
		"/..%2fsecret.txt", "/articles/..%2f..%2fsecret.txt", "/%2e%2e%2fsecret.txt", `/..\secret.txt`,
		"/%5c..%5csecret.txt", "/secret.txt%00.html", "/./../secret.txt", "//../secret.txt",
		"/config.yaml", "/site/config.yaml", "/articles/roles/what-does-a-back-end-developer-do.md",
		"/static/", "/secret.txt", "/../site/config.yaml",
	} {
		status, rest := raw(t, addr, target, addr)
		if strings.Contains(status, " 200 ") || strings.Contains(rest, secret) || strings.Contains(rest, "title: Career") ||
			strings.Contains(rest, "root:") {
			t.Errorf("GET %s: %s, reached a file outside the build", target, status)
		}
	}
	// A clean path still works through the raw client.
	if status, _ := raw(t, addr, articleURL, addr); !strings.Contains(status, " 200 ") {
		t.Errorf("GET %s: %s", articleURL, status)
	}
}

func TestHostCheck(t *testing.T) {
	dir, opts := sampleSite(t)
	l := startServer(t, dir, opts)
	addr := l.http.Listener.Addr().String()
	_, port, _ := net.SplitHostPort(addr)
	for host, want := range map[string]string{
		addr:                       " 200 ",
		"localhost:" + port:        " 200 ",
		"LOCALHOST:" + port:        " 200 ",
		"127.0.0.1:" + port:        " 200 ",
		"[::1]:" + port:            " 200 ",
		"evil.example:" + port:     " 403 ",
		"evil.example":             " 403 ",
		"localhost.evil.example":   " 403 ",
		"127.0.0.1.nip.io:" + port: " 403 ",
		"localhost:1":              " 403 ",
		"":                         " 403 ",
	} {
		for _, target := range []string{"/", EventsPath} {
			if status, _ := raw(t, addr, target, host); !strings.Contains(status, want) {
				t.Errorf("Host %q, %s: %s, want%s", host, target, status, want)
			}
		}
	}
}

func TestDefaultAddrIsLoopback(t *testing.T) {
	if !IsLoopback(DefaultAddr) || !strings.HasPrefix(DefaultAddr, "127.0.0.1:") {
		t.Errorf("DefaultAddr = %s", DefaultAddr)
	}
	for addr, want := range map[string]bool{"127.0.0.1:1": true, "[::1]:1": true, "localhost:1": true,
		":1313": false, "0.0.0.0:1313": false, "192.168.1.2:80": false, "example.com:80": false} {
		if IsLoopback(addr) != want {
			t.Errorf("IsLoopback(%q) = %v", addr, !want)
		}
	}
}

func TestEventsAfterBuilds(t *testing.T) {
	dir, opts := sampleSite(t)
	l := startServer(t, dir, opts)
	gen := l.cur.Load().id
	events := l.subscribe(t, gen)

	edit(t, dir, articleMD, "title:", "title: Edited")
	changed := watch.Batch{Paths: []string{filepath.Join(dir, articleMD)}}
	if err := l.Rebuild(context.Background(), changed); err != nil {
		t.Fatal(err)
	}
	if name, data := events.next(t); name != "reload" || data == gen {
		t.Errorf("after a build: %s %s", name, data)
	}

	edit(t, dir, articleMD, "author: maya-okafor", "author: nobody-here")
	if err := l.Rebuild(context.Background(), changed); err == nil {
		t.Fatal("a broken front matter built")
	}
	name, data := events.next(t)
	var errs []BuildError
	if err := json.Unmarshal([]byte(data), &errs); name != "error" || err != nil || len(errs) == 0 {
		t.Fatalf("after a failed build: %s %s (%v)", name, data, err)
	}
	e := errs[0]
	if !strings.HasSuffix(e.Path, articleMD) || e.Line != 6 || e.Col == 0 || e.Message == "" || e.Source != "author: nobody-here" {
		t.Errorf("error = %+v", e)
	}
	// The last good build is still served, and a page opened now sees the
	// errors at once.
	if code, _, body := l.get(t, articleURL); code != 200 || !strings.Contains(body, "Edited") {
		t.Errorf("last good build not served: %d", code)
	}
	if name, _ := l.subscribe(t, gen).next(t); name != "error" {
		t.Errorf("a new stream during a failure starts with %q", name)
	}

	edit(t, dir, articleMD, "author: nobody-here", "author: maya-okafor")
	edit(t, dir, articleMD, "title: Edited", "title: Fixed")
	if err := l.Rebuild(context.Background(), changed); err != nil {
		t.Fatal(err)
	}
	if name, _ := events.next(t); name != "reload" {
		t.Errorf("after recovery: %s", name)
	}
	if _, _, body := l.get(t, articleURL); !strings.Contains(body, "Fixed") {
		t.Error("the fixed article is not served")
	}
	// A page served by an older build reloads as soon as it connects.
	if name, _ := l.subscribe(t, gen).next(t); name != "reload" {
		t.Errorf("a stale page's stream starts with %q", name)
	}
}

func TestDrafts(t *testing.T) {
	dir, opts := sampleSite(t)
	l := startServer(t, dir, opts)
	if code, _, body := l.get(t, draftURL); code != 200 || !strings.Contains(body, "draft-banner") {
		t.Errorf("draft: %d, banner shown: %v", code, strings.Contains(body, "draft-banner"))
	}
	opts.Drafts, opts.Future = false, false
	l = startServer(t, dir, opts)
	if code, _, _ := l.get(t, draftURL); code != 404 {
		t.Errorf("draft with --no-drafts: %d", code)
	}
}

func TestFirstBuildFails(t *testing.T) {
	dir, opts := sampleSite(t)
	layout := filepath.Join(dir, "site", "layouts", "article.html")
	writeFile(t, layout, "{{ define \"main\" }}\n{{ if }}\n{{ end }}\n")
	s := New(Options{Build: opts})
	if err := s.Rebuild(context.Background(), watch.Batch{}); err == nil {
		t.Fatal("a broken template built")
	}
	l := &live{Server: s, http: httptest.NewServer(s), dir: dir}
	defer l.http.Close()
	defer s.Close()
	code, _, body := l.get(t, articleURL)
	// The offending line too, as the overlay shows it.
	if code != 503 || !strings.Contains(body, "layouts/article.html:2:") || !strings.Contains(body, "\n    {{ if }}\n") || !strings.Contains(body, ScriptPath) {
		t.Errorf("no good build yet: %d\n%s", code, body)
	}
	if err := os.Remove(layout); err != nil {
		t.Fatal(err)
	}
	if err := s.Rebuild(context.Background(), watch.Batch{Paths: []string{layout}}); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := l.get(t, articleURL); code != 200 {
		t.Errorf("after the fix: %d", code)
	}
}

// TestLinksToADeletedArticle deletes an article that others link to by its
// file: the build fails with an error at each link, the last good build is
// still served, and putting the file back mends it.
func TestLinksToADeletedArticle(t *testing.T) {
	dir, opts := sampleSite(t)
	l := startServer(t, dir, opts)
	file := filepath.Join(dir, articleMD)
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	must(t, os.Remove(file))
	changed := watch.Batch{Paths: []string{file}}
	err = l.Rebuild(context.Background(), changed)
	var list diag.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("a build without a linked article: %v", err)
	}
	for _, d := range list {
		if !strings.Contains(d.Msg, `link to "`) || !strings.Contains(d.Msg, "what-does-a-back-end-developer-do.md") || d.Line == 0 || d.Col == 0 {
			t.Errorf("error %v: want a link to the deleted file, at its line and column", d)
		}
	}
	if len(list) < 5 {
		t.Errorf("%d errors, want one for each of the sample's links to the article:\n%v", len(list), err)
	}
	if code, _, _ := l.get(t, articleURL); code != 200 {
		t.Errorf("last good build not served: %d", code)
	}
	writeFile(t, file, string(src))
	if err := l.Rebuild(context.Background(), changed); err != nil {
		t.Fatal(err)
	}
	if code, _, body := l.get(t, "/articles/tech-salaries-by-career-level/"); code != 200 || !strings.Contains(body, `href="../../articles/what-does-a-back-end-developer-do/"`) {
		t.Errorf("a page linking to the article, after it came back: %d", code)
	}
}

func TestRedirectsNonCanonicalPaths(t *testing.T) {
	dir, opts := sampleSite(t)
	l := startServer(t, dir, opts)
	expectRedirects(t, l, map[string]string{
		"/articles//":      "/articles/",
		"/articles/./?q=1": "/articles/?q=1",
		articleURL + "/":   articleURL,
	})
}

// expectRedirects requests each path of redirects from l as written, and
// wants a redirect to its value.
func expectRedirects(t *testing.T, l *live, redirects map[string]string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for in, want := range redirects {
		req, _ := http.NewRequest("GET", l.http.URL+"/", nil)
		req.URL.Opaque = in // sent as written (not "//…", which the client would send as a host)
		if i := strings.IndexByte(in, '?'); i >= 0 {
			req.URL.Opaque, req.URL.RawQuery = in[:i], in[i+1:]
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != want {
			t.Errorf("%s: %d → %q, want a redirect to %q", in, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
}

// TestRedirectsKeepOddNames: the redirect to a folder named with "?", "#"
// or "%" escaped the path again, so it led elsewhere ("/q?x/").
func TestRedirectsKeepOddNames(t *testing.T) {
	dir, opts := sampleSite(t)
	for _, name := range []string{"q?x", "h#x", "p%41", "a b"} {
		folder := filepath.Join(dir, "site", "static", "odd", name)
		if err := os.MkdirAll(folder, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(folder, "index.html"), []byte("<p>"+name+"</p>\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l := startServer(t, dir, opts)
	expectRedirects(t, l, map[string]string{
		"/odd/q%3Fx":          "/odd/q%3Fx/",
		"/odd/h%23x?y=1":      "/odd/h%23x/?y=1",
		"/odd/p%2541":         "/odd/p%2541/",
		"/odd/a%20b":          "/odd/a%20b/",
		"/odd/./q%3Fx/":       "/odd/q%3Fx/",
		"/odd//h%23x/?y=%3F1": "/odd/h%23x/?y=%3F1",
	})
	for _, name := range []string{"q%3Fx", "h%23x", "p%2541", "a%20b"} {
		if code, _, _ := l.get(t, "/odd/"+name+"/"); code != 200 {
			t.Errorf("/odd/%s/: %d", name, code)
		}
	}
}

func TestAnswersRangeRequests(t *testing.T) {
	dir, opts := sampleSite(t)
	l := startServer(t, dir, opts)
	whole := l.file(t, "robots.txt")
	req, _ := http.NewRequest("GET", l.http.URL+"/robots.txt", nil)
	req.Header.Set("Range", "bytes=2-5")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent || string(body) != whole[2:6] ||
		resp.Header.Get("Content-Type") != "text/plain; charset=utf-8" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Range: %d %q %q", resp.StatusCode, body, resp.Header)
	}
}

// TestContentTypesAreFixed: the types of the files a site is made of come
// from Byline's own table, not the machine's, where .otf was an
// OpenDocument formula and .webm audio.
func TestContentTypesAreFixed(t *testing.T) {
	for name, want := range map[string]string{
		"a.otf": "font/otf", "a.webm": "video/webm", "a.mp4": "video/mp4", "a.map": "application/json",
		"a.mjs": "text/javascript; charset=utf-8", "a.css": "text/css; charset=utf-8",
	} {
		if got := contentType(name); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

// TestPagesThatFailAreShown: a template error that hits only some pages
// was shown only on those pages, with a bare 500, while the preview, its
// log and every other open page said the build was good, and byline build
// of the same files failed. The pages of each build are now checked in
// the background: their errors are shown and logged as a failed build's,
// while the pages that render are still served; the fix clears them.
func TestPagesThatFailAreShown(t *testing.T) {
	dir, opts := sampleSite(t)
	l := startServer(t, dir, opts)
	series := filepath.Join(dir, "site", "layouts", "partials", "series.html")
	text, err := os.ReadFile("../../themes/default/layouts/partials/series.html")
	if err != nil {
		t.Fatal(err)
	}
	broken := `{{ if eq .Slug "what-does-a-back-end-developer-do" }}{{ index .Meta.Tags 9 }}{{ end }}`
	writeFile(t, series, broken+string(text))
	events := l.subscribe(t, l.cur.Load().id)
	if err := l.Rebuild(context.Background(), watch.Batch{Paths: []string{series}}); err != nil {
		t.Fatal(err) // the build itself is good: it renders no page
	}
	if name, _ := events.next(t); name != "reload" {
		t.Fatalf("event %s, want reload", name)
	}
	name, data := events.next(t)
	if name != "error" || !strings.Contains(data, `site/layouts/partials/series.html`) || !strings.Contains(data, "index out of range") {
		t.Fatalf("event %s %s, want the page's error", name, data)
	}
	if code, _, _ := l.get(t, "/"); code != http.StatusOK {
		t.Errorf("the home page, which renders: %d", code)
	}
	if code, _, body := l.get(t, articleURL); code != http.StatusInternalServerError || !strings.Contains(body, "index out of range") {
		t.Errorf("the broken page: %d", code)
	}
	// A page opened now shows the errors at once.
	late := l.subscribe(t, l.cur.Load().id)
	if name, _ := late.next(t); name != "error" {
		t.Errorf("a page opened after the check: event %s, want error", name)
	}
	late.close()

	writeFile(t, series, string(text))
	if err := l.Rebuild(context.Background(), watch.Batch{Paths: []string{series}}); err != nil {
		t.Fatal(err)
	}
	if name, _ := events.next(t); name != "reload" {
		t.Errorf("after the fix: event %s, want reload", name)
	}
	select {
	case e := <-events.events:
		t.Errorf("after the fix, a check that passes sent %v", e)
	case <-time.After(2 * checkAfter):
	}
	if l.failed.Load() != nil {
		t.Error("the errors outlived the fix")
	}
}
