package site

import (
	"cmp"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
)

// owner is what claims a URL: a page of some kind, or a built-in list page
// (page nil). Its description is only built for an error message.
type owner struct {
	page *content.Page
	kind string // "article", "page", "author", "alias in"
	key  string // the key of page.Pos where it claims the URL; "slug" when empty
}

func (o owner) pos() diag.Pos { return o.page.KeyPos(cmp.Or(o.key, "slug")) }

func (o owner) what() string { return o.kind + " " + o.page.File }

// clashMark is in every message of checkURLs that says a URL is taken.
const clashMark = " has URL "

// URLClash reports whether d is checkURLs' error that the page in file (as
// messages show it, "site/articles/x.md") has a URL that another page, or
// a page Byline makes, has too: d is at file, or names it as the other.
func URLClash(d *diag.Diagnostic, file string) bool {
	return d.Severity == diag.Error && strings.Contains(d.Msg, clashMark) && (d.Path == file || strings.Contains(d.Msg, " "+file+" "))
}

// checkURLs reports two sources that map to the same URL, and adds the
// aliases after checking them against every real URL.
func (s *Site) checkURLs(list *diag.List) {
	claimed := make(map[string]owner, len(s.Articles)+len(s.Pages)+len(s.Authors)+len(s.Tags)+len(s.Categories)+len(s.Sections)+8)
	paged := s.pagedLists()
	hint := s.permalinkHint()
	// folded maps each URL claimed, in lower case, to the URL: two that
	// differ only in case are one file on macOS and Windows.
	folded := make(map[string]string, len(claimed))
	claim := func(url string, o owner) bool {
		prev, ok := claimed[url]
		if !ok && isPagerURL(url, paged) {
			prev, ok = owner{}, true
		}
		lower := strings.ToLower(url)
		if other, found := folded[lower]; !ok && found {
			prev = claimed[other]
			fix := "give one of them another slug"
			if o.kind == "alias in" {
				fix = "remove the alias, or write it as " + other
			}
			whose := "a page that Byline makes (a list, or the search page)"
			if prev.page != nil {
				whose = prev.what() + " at " + prev.pos().String()
			}
			list.Errorf(o.pos(), "%s"+clashMark+"%s, which differs only in case from %s, the URL of %s: on macOS and Windows they are one file, and one page would overwrite the other: %s", o.what(), url, other, whose, fix)
			return false
		}
		if ok {
			fix := "give one of them another slug" + cmp.Or(hint[o.kind], hint[prev.kind])
			if o.kind == "alias in" {
				switch {
				case prev.page == o.page && prev.kind != "alias in":
					fix = "an alias is another URL for the page: remove this one, the page's own"
				case prev.kind == "alias in":
					fix = "remove one of the two aliases"
				default:
					fix = "remove the alias, or give the page that has the URL another slug"
				}
			}
			if prev.page == nil {
				// No file to name, and none to rename: only this one can move.
				fix = "give the " + o.kind + " another slug" + hint[o.kind]
				if o.kind == "alias in" {
					fix = "remove the alias"
				}
				list.Errorf(o.pos(), "%s"+clashMark+"%s, which a page that Byline makes (a list, or the search page) already has: %s", o.what(), url, fix)
				return false
			}
			list.Errorf(o.pos(), "%s"+clashMark+"%s, which %s at %s already has: %s", o.what(), url, prev.what(), prev.pos(), fix)
			return false
		}
		claimed[url] = o
		folded[lower] = url
		return true
	}
	for _, u := range s.builtinURLs() {
		claimed[u] = owner{}
		folded[strings.ToLower(u)] = u
	}
	for _, a := range s.Articles {
		claim(a.URL, owner{page: a.Page, kind: "article"})
	}
	for _, p := range s.Pages {
		claim(p.URL, owner{page: p.Page, kind: "page"})
	}
	for _, a := range s.Authors {
		claim(a.URL, owner{page: a.Page, kind: "author"})
	}
	s.addAliases(claim, list)
}

// builtinURLs are the URLs of generated list pages.
func (s *Site) builtinURLs() []string {
	urls := []string{"/", "/articles/", "/tags/", "/categories/", "/authors/", "/search/"}
	if len(s.Series) > 0 {
		urls = append(urls, "/series/")
	}
	for _, sec := range s.Sections {
		urls = append(urls, sec.URL)
	}
	for _, t := range s.Tags {
		urls = append(urls, t.URL)
	}
	for _, t := range s.Categories {
		urls = append(urls, t.URL)
	}
	for _, t := range s.Series {
		urls = append(urls, t.URL)
	}
	if len(s.Articles) > s.Config.Pagination.PerPage {
		urls = append(urls, "/articles/page/") // the pagination folder
	}
	return urls
}

// pagedLists maps the URL of each list that has more than one page to its
// number of pages, for isPagerURL.
func (s *Site) pagedLists() map[string]int {
	per := s.Config.Pagination.PerPage
	lists := map[string]int{}
	add := func(base string, n int) {
		if per > 0 && n > per {
			lists[base] = (n + per - 1) / per
		}
	}
	add("/", len(s.Articles))
	add("/articles/", len(s.Articles))
	for _, sec := range s.Sections {
		add(sec.URL, len(sec.Articles))
	}
	for _, terms := range [][]*Term{s.Tags, s.Categories} {
		for _, t := range terms {
			add(t.URL, len(t.Articles))
		}
	}
	for _, a := range s.Authors {
		add(a.URL, len(a.Articles))
	}
	return lists
}

// isPagerURL reports whether url is page 2 or later of a list, such as
// "/articles/page/2/": a permalink pattern can put an article there.
func isPagerURL(url string, lists map[string]int) bool {
	rest, ok := strings.CutSuffix(url, "/")
	i := strings.LastIndexByte(rest, '/')
	if !ok || i < 0 {
		return false
	}
	base, ok := strings.CutSuffix(rest[:i+1], "page/")
	if !ok {
		return false // and no number to parse: Atoi's error would cost an allocation per article
	}
	n, err := strconv.Atoi(rest[i+1:])
	return err == nil && n >= 2 && n <= lists[base] && strconv.Itoa(n) == rest[i+1:]
}

// permalinkHint says, by owner kind, where to change a URL that comes from
// a permalinks pattern rather than the default.
func (s *Site) permalinkHint() map[string]string {
	hint := map[string]string{}
	if p := s.Config.Permalinks.Articles; p != "" && p != config.DefaultArticlePermalink {
		hint["article"] = ", or change permalinks.articles at " + s.configPos("permalinks.articles").String()
	}
	if p := s.Config.Permalinks.Pages; p != "" && p != config.DefaultPagePermalink {
		hint["page"] = ", or change permalinks.pages at " + s.configPos("permalinks.pages").String()
	}
	return hint
}

func (s *Site) addAliases(claim func(string, owner) bool, list *diag.List) {
	add := func(p pageRef, aliases []string) {
		for i, raw := range aliases {
			key := content.AliasKey(i)
			if _, ok := p.page.Pos[key]; !ok {
				key = "aliases" // a single alias, not in a list
			}
			from, err := CleanAlias(raw)
			pos := p.page.KeyPos(key)
			if err != nil {
				list.Errorf(pos, "alias %q: %v", raw, err)
				continue
			}
			if claim(from, owner{p.page, "alias in", key}) {
				s.Aliases = append(s.Aliases, Alias{From: from, To: p.url, Pos: pos})
			}
		}
	}
	for _, a := range s.Articles {
		add(pageRef{a.Page, a.URL}, a.Meta.Aliases)
	}
	for _, p := range s.Pages {
		add(pageRef{p.Page, p.URL}, p.Meta.Aliases)
	}
	for _, r := range s.indexRefs() {
		add(r, r.page.Meta.Aliases)
	}
	slices.SortFunc(s.Aliases, func(a, b Alias) int { return cmp.Compare(a.From, b.From) })
}

// CleanAlias turns an alias as written ("old/path", "/old/path.html") into a
// site-rooted URL, refusing anything that is not a plain path inside the
// site, as written or percent-decoded.
func CleanAlias(raw string) (string, error) {
	if err := aliasPathProblem(raw); err != nil {
		return "", err
	}
	if strings.IndexByte(raw, '%') >= 0 {
		if err := decodedAliasProblem(raw); err != nil {
			return "", err
		}
	}
	p := path.Clean("/" + raw)
	// "/x/index.html" is the folder's page, the one "/x/" names.
	if d, ok := strings.CutSuffix(p, "/index.html"); ok {
		p = d + "/"
	}
	if p == "/" {
		return "", fmt.Errorf("an alias may not be the home page")
	}
	if path.Ext(p) != ".html" && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p, nil
}

// aliasPathProblem says what keeps p, an alias as written or decoded, from
// being a plain site path, or nil.
func aliasPathProblem(p string) error {
	if strings.ContainsAny(p, "\\?#") || strings.ContainsFunc(p, unicode.IsSpace) || strings.ContainsFunc(p, unicode.IsControl) || strings.Contains(p, "://") {
		return fmt.Errorf("write a site path such as /old/path/, without a host, query, fragment, spaces, control characters or backslashes")
	}
	if slices.Contains(strings.Split(p, "/"), "..") {
		return fmt.Errorf("an alias may not contain \"..\"")
	}
	return nil
}

// decodedAliasProblem says what keeps the alias raw, percent-decoded, from
// being a plain site path of the same segments, or nil. Its redirect is
// written to the folder that the decoded path names, where a server looks
// for it ("/caf%C3%A9/" is café/, as a page's URL is), and a server reads
// "%2e%2e" as "..", "%2e" as "." and "%2F" as "/": as written, such an
// alias would be a folder "%2e%2e" that no request finds.
func decodedAliasProblem(raw string) error {
	dec, err := url.PathUnescape(raw)
	if err != nil {
		return fmt.Errorf("a %% must start a percent-encoded byte such as %%C3%%A9; write %%25 for a %% itself")
	}
	if err := aliasPathProblem(dec); err != nil {
		return fmt.Errorf("it decodes to %q: %w", dec, err)
	}
	if slices.Contains(strings.Split(dec, "/"), ".") {
		return fmt.Errorf("it decodes to %q: an alias may not have a folder named \".\"", dec)
	}
	if strings.Count(dec, "/") != strings.Count(raw, "/") {
		return fmt.Errorf("it decodes to %q: a server reads %%2F as \"/\", so no folder is named with one: write \"/\" or leave it out", dec)
	}
	return nil
}

type pageRef struct {
	page *content.Page
	url  string
}
