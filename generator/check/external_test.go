package check

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/byline/byline/generator/diag"
)

func TestFetch(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
		case "/get-only":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		case "/busy":
			w.WriteHeader(http.StatusTooManyRequests)
		case "/slow":
			select {
			case <-release:
			case <-r.Context().Done():
			}
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	defer close(release) // before Close, which waits for the slow handler
	links := []Link{
		{Pos: diag.Pos{Path: "a.md", Line: 1, Col: 1}, URL: srv.URL + "/ok"},
		{Pos: diag.Pos{Path: "a.md", Line: 2, Col: 1}, URL: srv.URL + "/missing"},
		{Pos: diag.Pos{Path: "a.md", Line: 3, Col: 1}, URL: srv.URL + "/slow"},
		{Pos: diag.Pos{Path: "b.md", Line: 1, Col: 1}, URL: srv.URL + "/missing"},
		{Pos: diag.Pos{Path: "b.md", Line: 2, Col: 1}, URL: srv.URL + "/get-only"},
		{Pos: diag.Pos{Path: "b.md", Line: 3, Col: 1}, URL: srv.URL + "/busy"},
	}
	var list diag.List
	start := time.Now()
	fetchAll(context.Background(), Options{Client: srv.Client(), Timeout: 300 * time.Millisecond, Workers: 2}, links, &list)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("fetching took %s: the timeout did not bound it", d)
	}
	var got []string
	for _, d := range list.All() {
		got = append(got, strings.ReplaceAll(d.Error(), srv.URL, "SRV"))
	}
	want := []string{
		"a.md:2:1: external link SRV/missing: 404 Not Found",
		"a.md:3:1: external link SRV/slow: no answer within 300ms",
		"b.md:1:1: external link SRV/missing: 404 Not Found",
		"b.md:3:1: warning: external link SRV/busy: 429 Too Many Requests: the server limits how often it answers, so the link is not checked; run check again later",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if links[0].Status != "200 OK" || links[4].Status != "200 OK" {
		t.Errorf("statuses = %q, %q; want 200 OK", links[0].Status, links[4].Status)
	}
}

// TestFetchReportsFailureOnce: a link that failed is a problem, and is not
// listed again among the external links, in text or JSON.
func TestFetchReportsFailureOnce(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/ok" {
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	links := []Link{
		{Pos: diag.Pos{Path: "a.md", Line: 1, Col: 1}, URL: srv.URL + "/ok"},
		{Pos: diag.Pos{Path: "a.md", Line: 2, Col: 1}, URL: srv.URL + "/missing"},
	}
	var list diag.List
	fetchAll(context.Background(), Options{Client: srv.Client(), Timeout: 5 * time.Second}, links, &list)
	rep := &Report{Problems: list.All(), Links: links}
	var text, js bytes.Buffer
	if err := rep.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	got := strings.ReplaceAll(text.String(), srv.URL, "SRV")
	want := "a.md:2:1: external link SRV/missing: 404 Not Found\na.md:1:1: external link SRV/ok: 200 OK\n"
	if got != want {
		t.Errorf("text report:\n%s\nwant:\n%s", got, want)
	}
	if n := strings.Count(js.String(), "/missing"); n != 1 {
		t.Errorf("JSON names the failed link %d times, want once:\n%s", n, js.String())
	}
}
