package check

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// page is what the checks need of one built HTML file.
type page struct {
	ids      map[string]int // element id → how many elements have it
	urls     []outURL       // href, src, srcset and action URLs, in document order
	headings []outHeading   // h1–h6, in document order
	images   []outImage
	links    []outLink // <a href>, for their text
	redirect bool      // a meta refresh page (an alias): no content of its own
}

type outURL struct {
	tag, attr, value string // "img", "src", "/images/x.png"; a srcset gives one for each candidate
}

type outHeading struct {
	level int
	id    string
	text  string
}

type outImage struct {
	src    string
	hasAlt bool
	alt    string
}

type outLink struct {
	href string
	// named says whether assistive technology gets a name for the link:
	// text, an image's alt, aria-label or aria-labelledby, or a title.
	named  bool
	hidden bool // aria-hidden="true": not announced at all
}

// parsePage reads a built HTML file. x/net/html parses like a browser, so
// broken markup cannot hide an element from the checks.
func parsePage(data []byte) (*page, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	p := &page{ids: map[string]int{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			p.element(n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return p, nil
}

func (p *page) element(n *html.Node) {
	if id := attr(n, "id"); id != "" {
		p.ids[id]++
	}
	if n.DataAtom == atom.A {
		if name := attr(n, "name"); name != "" {
			p.ids[name]++
		}
	}
	for _, a := range n.Attr {
		switch {
		case a.Key == "href" && n.DataAtom != atom.Base,
			a.Key == "src", a.Key == "action":
			p.urls = append(p.urls, outURL{n.Data, a.Key, strings.TrimSpace(a.Val)})
		case a.Key == "srcset":
			for _, c := range strings.Split(a.Val, ",") {
				if f := strings.Fields(c); len(f) > 0 {
					p.urls = append(p.urls, outURL{n.Data, a.Key, f[0]})
				}
			}
		}
	}
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		p.headings = append(p.headings, outHeading{level: int(n.Data[1] - '0'), id: attr(n, "id"), text: textOf(n)})
	case atom.Meta:
		if strings.EqualFold(attr(n, "http-equiv"), "refresh") {
			p.redirect = true
		}
	case atom.Img:
		alt, hasAlt := attrOK(n, "alt")
		p.images = append(p.images, outImage{src: attr(n, "src"), hasAlt: hasAlt, alt: alt})
	case atom.A:
		if href, ok := attrOK(n, "href"); ok {
			p.links = append(p.links, outLink{href: strings.TrimSpace(href), named: named(n), hidden: attr(n, "aria-hidden") == "true"})
		}
	}
}

// named reports whether a link has an accessible name.
func named(n *html.Node) bool {
	for _, k := range []string{"aria-label", "aria-labelledby", "title"} {
		if strings.TrimSpace(attr(n, k)) != "" {
			return true
		}
	}
	if strings.TrimSpace(textOf(n)) != "" {
		return true
	}
	found := false
	var walk func(c *html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Img && strings.TrimSpace(attr(c, "alt")) != "" ||
			strings.TrimSpace(attr(c, "aria-label")) != "") {
			found = true
		}
		for k := c.FirstChild; k != nil && !found; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return found
}

// textOf is the text inside n, leaving out what is hidden from assistive
// technology (aria-hidden), such as the "#" anchors of headings.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(c *html.Node)
	walk = func(c *html.Node) {
		switch {
		case c.Type == html.TextNode:
			b.WriteString(c.Data)
		case c.Type == html.ElementNode && attr(c, "aria-hidden") == "true":
			return
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
