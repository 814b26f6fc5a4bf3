package deploy

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

// The crawler itself finds what the nginx test relies on it to find.
func TestCrawlerFindsProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"blog/index.html":   {Data: []byte(`<link rel=stylesheet href="s.css"><a href="a/#top">a</a><a href="a/#nowhere">x</a><a href="missing/">m</a><a href="/elsewhere/">out</a><a href="https://example.com/">ext</a>`)},
		"blog/s.css":        {Data: []byte(`body { background: url("img/bg.png") }`)},
		"blog/a/index.html": {Data: []byte(`<h1 id="top">A</h1><meta http-equiv="refresh" content="0; url=../">`)},
		"blog/img/bg.png":   {Data: []byte("png")},
		"blog/feed.xml":     {Data: []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><link href="gone/"/></feed>`)},
		"blog/robots.txt":   {Data: []byte("Sitemap: feed.xml\n")},
	}
	srv := httptest.NewServer(http.FileServerFS(fsys))
	defer srv.Close()
	c := newCrawler(srv.URL, "/blog/")
	c.add(srv.URL+"/blog/", srv.URL+"/blog/")
	c.add(srv.URL+"/blog/feed.xml", srv.URL+"/blog/")
	c.run()
	got := strings.Join(c.problems, "\n")
	for _, want := range []string{
		`/blog/missing/ (linked from ` + srv.URL + `/blog/): status 404`,
		`link "/elsewhere/" leaves the site's path /blog/`,
		`no element has id "nowhere"`,
		`/blog/gone/ (linked from ` + srv.URL + `/blog/feed.xml): status 404`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no problem %q in:\n%s", want, got)
		}
	}
	if len(c.problems) != 4 {
		t.Errorf("want 4 problems, got:\n%s", got)
	}
	if !c.seen[srv.URL+"/blog/img/bg.png"] {
		t.Error("the image of the stylesheet was not followed")
	}
}
