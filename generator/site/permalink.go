package site

import (
	"time"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/content"
	"github.com/byline/byline/generator/diag"
)

// permalink returns the parsed permalinks pattern of kind, "articles" or
// "pages". config.Load has checked it; a wrong pattern in a Config made some
// other way is reported, and the default used.
func (s *Site) permalink(kind string, list *diag.List) config.Pattern {
	raw, def := s.Config.Permalinks.Articles, config.DefaultArticlePermalink
	if kind == "pages" {
		raw, def = s.Config.Permalinks.Pages, config.DefaultPagePermalink
	}
	if raw == "" {
		raw = def
	}
	p, err := config.ParsePermalink(kind, raw)
	if err != nil {
		list.Errorf(s.configPos("permalinks."+kind), "permalinks.%s %q: %v", kind, raw, err)
		p, _ = config.ParsePermalink(kind, def)
	}
	return p
}

// articleURL is the URL of a, whose Section and Category are set, by
// pattern p. Dates are read in loc, the site's time zone, so that an article
// dated late on 31 December in New York is filed under that year wherever
// the build runs. Every value is a slug or digits, so the URL is a clean
// path of [a-z0-9_-] segments that stays inside the output folder.
func articleURL(p config.Pattern, a *Article, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	date := a.Meta.Date.In(loc)
	return expand(p, func(token string) string {
		switch token {
		case "slug":
			return a.Slug
		case "section":
			if a.Section != nil {
				return a.Section.Name
			}
		case "category":
			if a.Category != nil {
				return a.Category.Slug
			}
		case "year":
			return date.Format("2006")
		case "month":
			return date.Format("01")
		case "day":
			return date.Format("02")
		}
		return ""
	})
}

// leftOutURL is the URL the article p has in a build that publishes it:
// articleURL with its section and category as they would be.
func leftOutURL(pat config.Pattern, p *content.Page, loc *time.Location) string {
	a := &Article{Page: p, Meta: &p.Meta}
	if p.Section != "" {
		a.Section = &Section{Name: p.Section}
	}
	if slug := content.TermSlug(p.Meta.Category); slug != "" {
		a.Category = &Term{Slug: slug}
	}
	return articleURL(pat, a, loc)
}

// pageURL is the URL of the standalone page p by pattern pat.
func pageURL(pat config.Pattern, p *content.Page) string {
	return expand(pat, func(string) string { return p.Slug })
}

// expand writes pattern p with each token replaced by its value. A segment
// that comes out empty (a missing section or category) is left out, so no
// URL has "//".
func expand(p config.Pattern, value func(token string) string) string {
	buf := make([]byte, 0, 48)
	for _, seg := range p {
		start := len(buf)
		buf = append(buf, '/')
		for _, part := range seg {
			if part.Token == "" {
				buf = append(buf, part.Text...)
			} else {
				buf = append(buf, value(part.Token)...)
			}
		}
		if len(buf) == start+1 {
			buf = buf[:start]
		}
	}
	return string(append(buf, '/'))
}
