package check

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
)

// target is where a URL leads inside the build.
type target struct {
	path string // output path, "articles/x/index.html"
	frag string
}

func (t target) key() string { return t.path + "#" + t.frag }

// sitePath shows an output path as the URL a reader sees, "/articles/x/".
func (t target) sitePath() string {
	return "/" + strings.TrimSuffix(t.path, "index.html")
}

// resolve finds where raw, written on the page at output path from, leads.
// internal is false for other sites and for schemes such as mailto:.
// Markdown writes site-rooted URLs ("/about/"); built pages relative ones,
// except 404.html, whose site-rooted URLs start with the base path
// (fromOutput says which kind raw is).
func (c *checker) resolve(from, raw string, fromOutput bool) (t target, internal bool, err error) {
	u, err := url.Parse(raw)
	if err != nil {
		return target{}, true, err
	}
	if u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return target{}, false, nil
	}
	t.frag = u.Fragment
	p := u.Path
	if fromOutput && strings.HasPrefix(p, c.base) && c.base != "/" {
		p = "/" + p[len(c.base):]
	}
	if p == "" {
		t.path = from
		return t, true, nil
	}
	abs := (&url.URL{Path: "/" + from}).ResolveReference(&url.URL{Path: p}).Path
	if strings.HasSuffix(abs, "/") {
		abs += "index.html"
	}
	t.path = strings.TrimPrefix(abs, "/")
	if !c.exists(from, t.path) && c.exists(from, t.path+"/index.html") {
		t.path += "/index.html" // hosts redirect /about to /about/
	}
	return t, true, nil
}

// sourceRefs are a page's Markdown links, checked at their source lines.
type sourceRefs struct {
	checked map[string]bool          // target keys of every Markdown link and image
	unnamed map[string][]content.Ref // target key → Markdown links without text
	invalid map[string]bool          // URLs reported at their source as no valid URL
}

// checkSource checks the links and images of one Markdown file and lists
// its external links.
func (c *checker) checkSource(path string, src *content.Page) *sourceRefs {
	refs := &sourceRefs{checked: map[string]bool{}, unnamed: map[string][]content.Ref{}, invalid: map[string]bool{}}
	// A link to a Markdown file keeps the path as written only when the
	// build could not resolve it, and the build has said why (no such
	// file, with a suggestion; a draft, scheduled or expired article):
	// read as a URL, it would be reported again, wrongly, as a broken link.
	unresolved := map[[2]int]string{}
	for _, l := range src.Links {
		unresolved[[2]int{l.Pos.Line, l.Pos.Col}] = l.Written
	}
	for _, r := range src.Refs.Links {
		key := r.URL
		if w, ok := unresolved[[2]int{r.Line, r.Col}]; ok && w == r.URL {
			// reported by the build
		} else if t, ok := c.checkRef(path, src, refs, r, "link"); ok {
			key = t.key()
			refs.checked[key] = true
		}
		if strings.TrimSpace(r.Text) == "" {
			refs.unnamed[key] = append(refs.unnamed[key], r)
		}
	}
	for _, r := range src.Refs.Images {
		if t, ok := c.checkRef(path, src, refs, r, "image"); ok {
			refs.checked[t.key()] = true
		}
		if strings.TrimSpace(r.Text) == "" {
			c.list.Errorf(refPos(src, r), "image %s has no alt text: describe it for readers who cannot see it, as in ![a chart of median pay](…)", r.URL)
		}
	}
	// The URLs of front matter are checked at their values, as Markdown's
	// are: the theme writes them, but the author wrote them.
	for i, s := range src.Meta.Sources {
		c.checkValue(path, src, refs, s.URL, src.Pos[content.SourceURLKey(i)], src.Pos["sources"], "source")
	}
	for i, l := range src.Meta.Links {
		c.checkValue(path, src, refs, l, src.Pos[content.LinkKey(i)], src.Pos["links"], "link")
	}
	return refs
}

// checkValue checks a URL written in front matter, at pos, or at the key's
// position orElse when the value's is unknown.
func (c *checker) checkValue(path string, src *content.Page, refs *sourceRefs, u string, pos, orElse diag.Pos, what string) {
	if u == "" {
		return
	}
	if pos.Line == 0 {
		pos = orElse
	}
	if t, ok := c.checkRef(path, src, refs, content.Ref{URL: u, Line: pos.Line, Col: pos.Col}, what); ok {
		refs.checked[t.key()] = true
	}
}

// checkRef checks one Markdown link or image; ok says it leads inside the site.
// A URL it reports as invalid is added to refs.invalid, so that the page's
// output does not report it again.
func (c *checker) checkRef(path string, src *content.Page, refs *sourceRefs, r content.Ref, what string) (target, bool) {
	pos := refPos(src, r)
	t, internal, err := c.resolve(path, r.URL, false)
	switch {
	case err != nil:
		c.list.Errorf(pos, "%s %q is not a valid URL", what, r.URL)
		refs.invalid[r.URL] = true
		return t, false
	case !internal:
		c.addExternal(pos, r.URL)
		return t, false
	}
	if !c.exists(path, t.path) {
		if why, ok := c.unpublished[t.path]; ok {
			advice := "published pages may only link to published ones"
			if strings.HasPrefix(why, "expired") {
				advice = "remove the link, or change the article's expires"
			}
			c.list.Errorf(pos, "%s to %s, which is %s: %s", what, r.URL, why, advice)
		} else {
			c.list.Errorf(pos, "broken %s %s: the site has no %s", what, r.URL, t.sitePath())
		}
		return t, true
	}
	if to, ok := c.aliases[t.path]; ok {
		// An alias keeps an old URL working for other sites; the site's
		// own links should not go through its redirect.
		c.list.Warnf(pos, "%s to %s, an old URL that redirects to %s: link to the page itself, best by its Markdown file, which follows the page if its URL changes again", what, r.URL, to)
		return t, true
	}
	pg := c.pages[t.path]
	if t.frag != "" && pg != nil {
		c.fragments[pos] = true
	}
	if t.frag != "" && pg != nil && pg.ids[t.frag] == 0 {
		c.list.Errorf(pos, "broken %s %s: %s has no heading or element with id %q", what, r.URL, t.sitePath(), t.frag)
	}
	return t, true
}

func (c *checker) addExternal(pos diag.Pos, raw string) {
	if u, err := url.Parse(raw); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		c.external = append(c.external, Link{Pos: pos, URL: raw})
	}
}

// checkValues checks the site paths that front matter and config.yaml give
// the theme to show (an article's or page's image, an author's avatar, the
// logo, the menu items) at the values, where they were written, once each:
// the theme shows them on many pages, and a missing file is not the
// theme's mistake.
func (c *checker) checkValues() {
	c.values, c.draftValues = map[string]bool{}, map[string]bool{}
	check := func(from, u string, pos diag.Pos, what string) {
		if u == "" {
			return
		}
		t, internal, err := c.resolve(from, u, false)
		if err != nil || !internal {
			return // the value's scheme was checked when it was read
		}
		if c.drafts[from] {
			c.draftValues[t.key()] = true
		} else {
			c.values[t.key()] = true
		}
		if !c.exists(from, t.path) {
			c.list.Errorf(pos, "broken %s %s: the site has no %s", what, u, t.sitePath())
		}
	}
	for _, path := range c.paths {
		src := c.sources[path]
		if src == nil {
			continue
		}
		check(path, src.Meta.Image, src.KeyPos("image"), "image")
		check(path, src.Meta.Avatar, src.KeyPos("avatar"), "avatar")
	}
	cfg := c.site.Config
	if cfg == nil {
		return
	}
	at := func(key string) diag.Pos {
		if pos, ok := cfg.Pos[key]; ok {
			return pos
		}
		return diag.Pos{Path: cfg.File}
	}
	check("index.html", cfg.Logo, at("logo"), "logo")
	for _, name := range slices.Sorted(maps.Keys(cfg.Menus)) {
		for i, item := range cfg.Menus[name] {
			pos, ok := cfg.Pos[fmt.Sprintf("menus.%s[%d].url", name, i)]
			if !ok {
				pos = at("menus")
			}
			check("index.html", item.URL, pos, "menu item")
		}
	}
}

// checkOutputURLs checks the URLs the theme wrote: those Markdown did not
// write were checked at their source already.
func (c *checker) checkOutputURLs(path string, src *content.Page, pg *page, refs *sourceRefs) {
	for _, u := range pg.urls {
		t, internal, err := c.resolve(path, u.value, true)
		if err == nil && internal && !c.drafts[path] {
			c.linked[t.path] = true // shown by a published page
		}
		switch {
		case err != nil:
			if refs == nil || !refs.invalid[u.value] { // else reported at its source
				c.themeProblem(path, src, "%s=%q is not a valid URL", u.attr, u.value)
			}
			continue
		case !internal, refs != nil && refs.checked[t.key()], c.values[t.key()], c.drafts[path] && c.draftValues[t.key()]:
			continue
		case !c.exists(path, t.path):
			why := "the site has no " + t.sitePath()
			if w, ok := c.unpublished[t.path]; ok {
				why = t.sitePath() + " is " + w
			}
			if !c.brokenAt(src, u, t, why) {
				c.themeProblem(path, src, "the theme links to %s, which the build does not produce", t.sitePath())
			}
		case t.frag == "" || c.pages[t.path] == nil || c.pages[t.path].ids[t.frag] > 0:
		case c.brokenAt(src, u, t, fmt.Sprintf("%s has no heading or element with id %q", t.sitePath(), t.frag)):
		case t.path == path:
			// Named without the page, so that one template's link is
			// reported once, not once for every page that shows it.
			c.themeProblem(path, src, "the theme links to #%s on the same page, which has no element with that id", t.frag)
		default:
			c.themeProblem(path, src, "the theme links to %s#%s, which has no element with that id", t.sitePath(), t.frag)
		}
	}
}

// brokenAt reports u, a URL of the page made from src that leads to t and
// is broken for the reason why, at the raw HTML or the shortcode call that
// wrote it, and reports whether one did (else the theme wrote it).
func (c *checker) brokenAt(src *content.Page, u outURL, t target, why string) bool {
	shown := u.value // "#part", as written
	if !strings.HasPrefix(u.value, "#") {
		shown = t.sitePath()
		if t.frag != "" {
			shown += "#" + t.frag
		}
	}
	o, ok := c.originOfURL("url", src, u.value, shown)
	if u.attr == "srcset" {
		// A candidate is no whole attribute: the srcset that has it.
		found := append(candidates(src, []string{"srcset=", shown + " "}), candidates(src, []string{"srcset=", u.value + " "})...)
		o, ok = c.place("url "+shown, found)
	}
	if !ok {
		return false
	}
	what := "link"
	if u.tag == "img" {
		what = "image"
	} else if u.attr != "href" {
		what = u.tag + " " + u.attr
	}
	o.report(&c.list, fmt.Sprintf("broken %s %s", what, shown), why, why+"; fix the URL in the call, or in the template")
	return true
}

// checkIDs reports ids used twice on a page: a heading whose id the theme
// also uses breaks its anchor link (content reports two headings with one id).
func (c *checker) checkIDs(path string, src *content.Page, pg *page) {
	var dups []string
	for id, n := range pg.ids {
		if n > 1 {
			dups = append(dups, id)
		}
	}
	slices.Sort(dups)
	for _, id := range dups {
		if h, ok := headingRef(src, id); ok {
			c.list.Errorf(refPos(src, h), "duplicate id %q: the theme uses it too, so links to #%s may land elsewhere; give the heading another id, as in ## %s {#other-id}", id, id, h.Text)
			continue
		}
		if o, ok := c.originOf(src, `id="`+id+`"`); ok {
			o.report(&c.list, fmt.Sprintf("duplicate id %q in the built page", id), "give this element another id",
				"give the template's element another id, or one made from a parameter of the call")
			continue
		}
		c.themeProblem(path, src, "duplicate id %q in the built page", id)
	}
}

// headingRef finds the Markdown heading with the given id.
func headingRef(src *content.Page, id string) (content.Ref, bool) {
	if src == nil || id == "" {
		return content.Ref{}, false
	}
	for _, h := range src.Refs.Headings {
		if h.URL == id {
			return h, true
		}
	}
	return content.Ref{}, false
}
