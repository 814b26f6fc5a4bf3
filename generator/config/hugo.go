package config

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/byline/byline/generator/internal/yamlpos"
)

// hugoKeys says what to write in config.yaml instead of a setting of a
// Hugo site's configuration, by its dotted path in lower case (Hugo reads
// its keys in any case), for a site whose settings were translated key by
// key. A function gets the setting's value when it is a single one ("" for
// a list or a mapping), for the example it gives.
var hugoKeys = map[string]func(val string) string{
	"baseurl":      renamed("base_url"),
	"languagecode": renamed("language"),
	"timezone":     renamed("time_zone"),
	"paginate": func(val string) string {
		return fmt.Sprintf("write pagination: {per_page: %s}", or(val, "10"))
	},
	"pagination.pagersize": renamed("per_page"),
	"author": func(string) string {
		return `an author is a file of authors/, whose name is the author's key: set default_author to the key of the one who writes the articles that name none`
	},
	"params": func(string) string {
		return `Byline reads no free-form settings: the ones it has are keys at the top of config.yaml (description, logo, default_author, newsletter, disclosure…), and templates read data files from data/ as .Site.Data`
	},
	"taxonomies": func(string) string {
		return "Byline's taxonomies are tags, categories and series, always: remove the key"
	},
	"summarylength": func(string) string {
		return `a summary is the article's "description", else the text before <!--more-->, else its first paragraph: remove the key`
	},
	"enablerobotstxt": func(string) string {
		return "Byline always writes robots.txt: remove the key"
	},
	"imaging": func(string) string {
		return "Byline's setting is images: {widths: [480, 800, 1200], quality: 82}: every JPEG or PNG image a page shows in its body or as its hero gets a copy at each width narrower than it, in its srcset"
	},
	"markup": func(string) string {
		return "Byline's Markdown is CommonMark with GitHub's extensions, footnotes, definition lists and highlighting, always; for raw HTML in it, set unsafe_html: true"
	},
}

// renamed is the advice for a setting Byline has under another name.
func renamed(to string) func(string) string {
	return func(string) string { return fmt.Sprintf("Byline calls it %q: rename the key", to) }
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// hugoAdvice returns the message for the unknown key at path (dotted,
// "permalinks.posts") with the value n, when it is a Hugo setting; else "".
func hugoAdvice(path string, n ast.Node) string {
	key := path[strings.LastIndexByte(path, '.')+1:]
	val := scalarText(n)
	if parent, ok := strings.CutSuffix(path, "."+key); ok && parent == "permalinks" && yamlpos.Suggest(key, []string{"articles", "pages"}) == "" {
		// Hugo names a pattern by its section (posts, blog); Byline's
		// articles are all under articles/.
		return fmt.Sprintf("unknown key %q: Byline's patterns are for articles, all under articles/, and for pages: write articles: %s", key, or(val, "/articles/:slug/"))
	}
	if strings.HasPrefix(path, "menus.") {
		return menuAdvice(key)
	}
	f := hugoKeys[strings.ToLower(path)]
	if f == nil {
		return ""
	}
	return fmt.Sprintf("unknown key %q: %s", key, f(val))
}

// menuAdvice is the message for the unknown key of a menu item, when it
// is one of Hugo's; else "".
func menuAdvice(key string) string {
	switch strings.ToLower(key) {
	case "weight":
		return fmt.Sprintf("unknown key %q: a menu shows its items in the order they are written: move this one to its place and remove the key", key)
	case "identifier", "parent":
		return fmt.Sprintf("unknown key %q: Byline's menus have one level, each item a name and a url: remove the key", key)
	case "pre", "post":
		return fmt.Sprintf("unknown key %q: a menu item is a name and a url; the theme draws the rest: remove the key", key)
	}
	return ""
}

// scalarText returns the text of n when it is a string or a number, else "".
func scalarText(n ast.Node) string {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value
	case *ast.IntegerNode, *ast.FloatNode:
		return v.String()
	}
	return ""
}
