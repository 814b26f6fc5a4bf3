package config

import (
	"strings"
	"testing"
)

// TestHugoSettings checks that a Hugo site's settings, translated key by
// key into config.yaml, are each reported with what Byline writes instead.
func TestHugoSettings(t *testing.T) {
	src := `baseURL: https://example.org/
languageCode: en-us
timeZone: Europe/Berlin
paginate: 5
params:
  description: D
taxonomies: {tag: tags}
summaryLength: 40
enableRobotsTXT: true
markup: {goldmark: {renderer: {unsafe: true}}}
author: Jane Doe
permalinks:
  posts: /:year/:month/:slug/
pagination:
  pagerSize: 5
menus:
  main:
    - {name: Articles, url: /articles/, weight: 2, identifier: articles}
`
	want := []string{
		`site/config.yaml:1:1: warning: unknown key "baseURL": Byline calls it "base_url": rename the key`,
		`site/config.yaml:2:1: warning: unknown key "languageCode": Byline calls it "language": rename the key`,
		`site/config.yaml:3:1: warning: unknown key "timeZone": Byline calls it "time_zone": rename the key`,
		`site/config.yaml:4:1: warning: unknown key "paginate": write pagination: {per_page: 5}`,
		`site/config.yaml:5:1: warning: unknown key "params": Byline reads no free-form settings: the ones it has are keys at the top of config.yaml (description, logo, default_author, newsletter, disclosure…), and templates read data files from data/ as .Site.Data`,
		`site/config.yaml:7:1: warning: unknown key "taxonomies": Byline's taxonomies are tags, categories and series, always: remove the key`,
		`site/config.yaml:8:1: warning: unknown key "summaryLength": a summary is the article's "description", else the text before <!--more-->, else its first paragraph: remove the key`,
		`site/config.yaml:9:1: warning: unknown key "enableRobotsTXT": Byline always writes robots.txt: remove the key`,
		`site/config.yaml:10:1: warning: unknown key "markup": Byline's Markdown is CommonMark with GitHub's extensions, footnotes, definition lists and highlighting, always; for raw HTML in it, set unsafe_html: true`,
		`site/config.yaml:11:1: warning: unknown key "author": an author is a file of authors/, whose name is the author's key: set default_author to the key of the one who writes the articles that name none`,
		`site/config.yaml:13:3: warning: permalinks: unknown key "posts": Byline's patterns are for articles, all under articles/, and for pages: write articles: /:year/:month/:slug/`,
		`site/config.yaml:15:3: warning: pagination: unknown key "pagerSize": Byline calls it "per_page": rename the key`,
		`site/config.yaml:18:41: warning: menus.main[0]: unknown key "weight": a menu shows its items in the order they are written: move this one to its place and remove the key`,
		`site/config.yaml:18:52: warning: menus.main[0]: unknown key "identifier": Byline's menus have one level, each item a name and a url: remove the key`,
	}
	_, msgs := load(t, src)
	if got := strings.Join(msgs, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}
