package content

import (
	"fmt"
	"strings"
)

// hugoKeys says, for the front-matter keys of a Hugo site that Byline names
// otherwise or does without, what to write instead, so that a site moved
// from Hugo gets more than "unknown key" for each. Hugo reads its keys in
// any case ("lastMod"), so they are looked up in lower case. A function
// returns "" where it has no advice for that kind of page or value.
var hugoKeys = map[string]func(v *value, k Kind) string{
	"lastmod":       renamed("updated", "the date of the last update %q"),
	"modified":      renamed("updated", "the date of the last update %q"),
	"expirydate":    renamed("expires", "the date an article is taken down %q"),
	"unpublishdate": renamed("expires", "the date an article is taken down %q"),
	"summary":       renamed("description", "the summary %q (also the meta description; without one, the text before <!--more-->, else the first paragraph)"),
	"publishdate":   publishDate,
	"pubdate":       publishDate,
	"categories":    categories,
	"images":        images,
	"linktitle": func(_ *value, k Kind) string {
		if k == Index {
			return `Byline calls a list's short name "link_title": rename the key`
		}
		return `Byline has no shorter title for an article's or a page's links: cards, menus and breadcrumbs show "title"; remove the key`
	},
	"keywords": func(*value, Kind) string {
		return `Byline writes no meta keywords: make them "tags" if readers should browse by them, else remove the key`
	},
	"url": func(_ *value, k Kind) string {
		if k == Index {
			return `Byline sets no URL page by page: a list's URL is fixed by where its text is (articles/roles/_index.md is /articles/roles/, tags/go.md is /tags/go/); list this URL under "aliases" so that it redirects there`
		}
		what := map[Kind]string{Article: "an article's", Standalone: "a page's"}[k]
		if what == "" {
			return ""
		}
		pattern := map[Kind]string{Article: "permalinks.articles", Standalone: "permalinks.pages"}[k]
		return fmt.Sprintf(`Byline sets no URL page by page: %s URL is %s in config.yaml filled with its "slug"; list this URL under "aliases" so that it redirects there`, what, pattern)
	},
	"menu": func(*value, Kind) string {
		return `Byline's menus are listed in config.yaml, under menus.main: add the page there and remove the key`
	},
	"weight": func(_ *value, k Kind) string {
		switch k {
		case Article:
			return `articles are listed newest first, and "featured: true" shows one large on the home page: remove the key`
		case Standalone:
			return `menus list pages in the order config.yaml's menus.main gives them: remove the key`
		}
		return ""
	},
}

// renamed is the advice for a key Byline has under another name, to, for
// the pages that take it; what names the value, with a %q for the name.
func renamed(to, what string) func(*value, Kind) string {
	return func(_ *value, k Kind) string {
		if metaFields[to].kinds&(1<<k) == 0 {
			return ""
		}
		return "Byline calls " + fmt.Sprintf(what, to) + ": rename the key"
	}
}

func publishDate(_ *value, k Kind) string {
	if k != Article {
		return ""
	}
	return `Byline publishes an article at its "date" (one dated in the future waits for it): put this date in "date" and remove the key`
}

// categories advises the one category an article has, named by the first
// of the list.
func categories(v *value, k Kind) string {
	if k != Article {
		return ""
	}
	names := scalarStrings(v)
	switch len(names) {
	case 0:
		return `an article has one "category": rename the key and give it one name`
	case 1:
		return fmt.Sprintf(`an article has one "category": write category: %s`, names[0])
	}
	return fmt.Sprintf(`an article has one "category": write category: %s, and make the others tags`, names[0])
}

// images advises the one image an article or page has, with its alt text.
func images(v *value, k Kind) string {
	if metaFields["image"].kinds&(1<<k) == 0 {
		return ""
	}
	example := "/images/card.png"
	if names := scalarStrings(v); len(names) > 0 {
		example = names[0]
	}
	return fmt.Sprintf(`the social card and hero image is "image", one path, described by "image_alt": write image: %s and image_alt: (what it shows)`, example)
}

// scalarStrings returns the non-empty strings of v, a string or a list.
func scalarStrings(v *value) []string {
	items := []*value{v}
	if v.kind == listValue {
		items = v.list
	}
	var out []string
	for _, it := range items {
		if s, ok := it.scalar.(string); ok && it.kind == scalarValue && strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// hugoAdvice returns what to write instead of the Hugo key of e on a page
// of kind k, or "" when e is no such key.
func hugoAdvice(e *entry, k Kind) string {
	f := hugoKeys[strings.ToLower(e.key)]
	if f == nil {
		return ""
	}
	return f(e.val, k)
}

// hugoFolders says where the files of a Hugo site's folders go in a
// Byline site, whose walk skips any folder it does not know: a site moved
// as it is would build with no articles and no word why.
var hugoFolders = map[string]string{
	"content": "move its posts to articles/ (content/posts/x.md to articles/x.md, a sub-folder being a section), standalone pages to pages/, and a term's _index.md to tags/<slug>.md",
	"assets":  "Byline has no asset pipeline: move the files pages use to static/, which is copied as it is",
}
