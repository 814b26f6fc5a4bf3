package deploy

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// crawler fetches every URL of one site reachable from its seeds: links,
// stylesheets, scripts, images, data-url attributes, meta refresh targets,
// form actions, the URLs in feeds and the sitemap, and url() in CSS. It
// follows only URLs of its origin, and reports any of those outside prefix
// (a link out of a site deployed under a sub-path), any that does not end
// in a 200, and any #fragment that names no id on its page.
type crawler struct {
	client *http.Client
	origin string // "http://127.0.0.1:8080"
	prefix string // "/" or "/blog/"

	seen      map[string]bool
	queue     []link
	checked   []string            // "200 http://…", in crawl order
	ids       map[string][]string // page URL → ids on it
	fragments []link              // links with a #fragment, checked at the end
	problems  []string
}

// link is a URL and the page it was found on.
type link struct{ url, from string }

func newCrawler(origin, prefix string) *crawler {
	return &crawler{client: &http.Client{}, origin: origin, prefix: prefix, seen: map[string]bool{}, ids: map[string][]string{}}
}

func (c *crawler) problemf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// add queues ref, resolved against the page it is on.
func (c *crawler) add(ref, from string) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return
	}
	base, err := url.Parse(from)
	if err != nil {
		c.problemf("%s: bad page URL: %v", from, err)
		return
	}
	u, err := base.Parse(ref)
	if err != nil {
		c.problemf("%s: bad link %q: %v", from, ref, err)
		return
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Scheme+"://"+u.Host != c.origin {
		return // another site, mailto:, …
	}
	if !strings.HasPrefix(u.Path, c.prefix) {
		c.problemf("%s: link %q leaves the site's path %s", from, ref, c.prefix)
		return
	}
	if u.Fragment != "" {
		c.fragments = append(c.fragments, link{u.String(), from})
	}
	u.Fragment = ""
	if s := u.String(); !c.seen[s] {
		c.seen[s] = true
		c.queue = append(c.queue, link{s, from})
	}
}

// run crawls until nothing is left.
func (c *crawler) run() {
	for len(c.queue) > 0 {
		l := c.queue[0]
		c.queue = c.queue[1:]
		c.fetch(l)
	}
	for _, f := range c.fragments {
		u, _ := url.Parse(f.url)
		id := u.Fragment
		u.Fragment = ""
		ids, isPage := c.ids[u.String()]
		if isPage && !slices.Contains(ids, id) {
			c.problemf("%s: link to %s: no element has id %q", f.from, f.url, id)
		}
	}
}

func (c *crawler) fetch(l link) {
	resp, err := c.client.Get(l.url)
	if err != nil {
		c.problemf("%s (linked from %s): %v", l.url, l.from, err)
		return
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		c.problemf("%s: reading: %v", l.url, err)
		return
	}
	c.checked = append(c.checked, fmt.Sprintf("%d %s", resp.StatusCode, l.url))
	final := resp.Request.URL.String() // after redirects ("/blog" → "/blog/")
	if !strings.HasPrefix(resp.Request.URL.Path, c.prefix) {
		c.problemf("%s redirects out of %s, to %s", l.url, c.prefix, final)
	}
	if resp.StatusCode != http.StatusOK {
		c.problemf("%s (linked from %s): status %d", l.url, l.from, resp.StatusCode)
		return
	}
	c.scan(final, l.url, resp.Header.Get("Content-Type"), body)
}

// scan queues the links in a fetched body, by its media type.
func (c *crawler) scan(final, requested, contentType string, body []byte) {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case mt == "text/html":
		ids := c.scanHTML(final, body)
		c.ids[final], c.ids[requested] = ids, ids
	case strings.HasSuffix(mt, "xml"):
		c.scanXML(final, body)
	case mt == "text/css":
		for _, m := range cssURL.FindAllSubmatch(body, -1) {
			if ref := string(m[1]); !strings.HasPrefix(ref, "data:") {
				c.add(ref, final)
			}
		}
	case mt == "text/plain" && strings.HasSuffix(final, "/robots.txt"):
		for _, line := range strings.Split(string(body), "\n") {
			if v, ok := strings.CutPrefix(line, "Sitemap: "); ok {
				c.add(v, final)
			}
		}
	}
}

var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")]+)['"]?\s*\)`)

// urlAttrs are the attributes that hold a URL a browser or crawler follows.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "data-url": true, "poster": true}

// scanHTML queues a page's links and returns the ids on it.
func (c *crawler) scanHTML(page string, body []byte) []string {
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		c.problemf("%s: %v", page, err)
		return nil
	}
	var ids []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		var httpEquiv, content string
		for _, a := range n.Attr {
			switch {
			case a.Key == "id" || (n.Data == "a" && a.Key == "name"):
				ids = append(ids, a.Val)
			case urlAttrs[a.Key]:
				c.add(a.Val, page)
			case a.Key == "srcset":
				for _, cand := range strings.Split(a.Val, ",") {
					if f := strings.Fields(cand); len(f) > 0 {
						c.add(f[0], page)
					}
				}
			case a.Key == "http-equiv":
				httpEquiv = strings.ToLower(a.Val)
			case a.Key == "content":
				content = a.Val
			}
		}
		if httpEquiv == "refresh" {
			if _, target, ok := strings.Cut(content, "url="); ok {
				c.add(target, page)
			}
		}
	}
	return ids
}

// scanXML queues the URLs of an Atom feed (link href, uri, content links)
// or a sitemap (loc).
func (c *crawler) scanXML(page string, body []byte) {
	d := xml.NewDecoder(bytes.NewReader(body))
	var inContent bool
	base := page // the content's xml:base, against which its URLs resolve
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			c.problemf("%s: %v", page, err)
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "link":
				for _, a := range t.Attr {
					if a.Name.Local == "href" {
						c.add(a.Value, page)
					}
				}
			case "loc", "uri":
				var s string
				if err := d.DecodeElement(&s, &t); err == nil {
					c.add(s, page)
				}
			case "content":
				inContent, base = true, page
				for _, a := range t.Attr {
					if a.Name.Local == "base" && (a.Name.Space == "xml" || a.Name.Space == "http://www.w3.org/XML/1998/namespace") {
						if u, err := url.Parse(page); err == nil {
							if r, err := u.Parse(a.Value); err == nil {
								base = r.String()
							}
						}
					}
				}
			}
		case xml.EndElement:
			if t.Name.Local == "content" {
				inContent = false
			}
		case xml.CharData:
			if inContent { // escaped HTML of an entry: its links must work too
				c.scanHTML(base, t)
			}
		}
	}
}

// report logs every URL checked and fails on the problems found.
func (c *crawler) report(t *testing.T) {
	t.Helper()
	t.Logf("checked %d URLs:\n%s", len(c.checked), strings.Join(c.checked, "\n"))
	for _, p := range c.problems {
		t.Error(p)
	}
}
