package render

import "errors"

import "github.com/byline/byline/generator/site"

// Nav is what the site header needs to know about a page: the site, and
// the only two facts that make one page's header differ from another's,
// reduced so that pages with the same header share one Nav value. Themes
// pass it to partialCached, so the header is rendered once per distinct
// value rather than once per page:
//
//	{{ partialCached "partials/header.html" (nav .) }}
type Nav struct {
	Site *site.Site
	// Kind is the page's kind when it is "home" or "search", else "".
	Kind string
	// URL is the page's URL when a main-menu item links to it, else "".
	URL string
}

// nav reduces d to its Nav.
func (r *Renderer) nav(d *Data) (Nav, error) {
	if d == nil {
		return Nav{}, errors.New("nav needs the page's data: call it as {{ nav . }}, or {{ nav $ }} inside a with or range")
	}
	n := Nav{Site: d.Site}
	if d.Kind == "home" || d.Kind == "search" {
		n.Kind = d.Kind
	}
	for _, item := range d.Site.Config.Menus["main"] {
		if item.URL != "" && item.URL == d.URL {
			n.URL = d.URL
			break
		}
	}
	return n, nil
}
