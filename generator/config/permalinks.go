package config

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/byline/byline/generator/internal/yamlpos"
)

// Permalinks sets the URL patterns of articles and pages.
//
// A pattern is a site-rooted path such as "/:year/:month/:slug/": literal
// lower-case letters, digits, "-" and "_", and tokens that each page fills in:
//
//	:slug      the slug (required)
//	:section   the article's sub-folder of articles/, "guides"
//	:category  the slug of the article's category
//	:year      the year of the article's date in the site's time zone
//	:month     its month, two digits
//	:day       its day of the month, two digits
//
// :section and :category may be empty, so each must fill a whole segment; an
// article without one loses that segment ("/:section/:slug/" puts a
// top-level article at "/<slug>/"). Pages have only :slug. Section, tag,
// category and author pages keep their fixed URLs.
type Permalinks struct {
	Articles string `yaml:"articles"`
	Pages    string `yaml:"pages"`
}

// The patterns of a site that sets none.
const (
	DefaultArticlePermalink = "/articles/:slug/"
	DefaultPagePermalink    = "/:slug/"
)

// Pattern is a parsed permalink pattern: the segments between its slashes.
type Pattern []Segment

// Segment is one path segment: literal text and tokens, in order.
type Segment []Part

// Part is literal Text, or a Token such as "year" (without the colon).
type Part struct {
	Token string
	Text  string
}

// String writes the pattern back as it was written.
func (p Pattern) String() string {
	var b strings.Builder
	for _, seg := range p {
		b.WriteByte('/')
		for _, part := range seg {
			if part.Token != "" {
				b.WriteString(":" + part.Token)
			} else {
				b.WriteString(part.Text)
			}
		}
	}
	b.WriteByte('/')
	return b.String()
}

// tokens lists the tokens each kind of page can fill in, in the order
// messages name them.
var tokens = map[string][]string{
	"articles": {"slug", "section", "category", "year", "month", "day"},
	"pages":    {"slug"},
}

// hugoTokens maps Hugo tokens that Byline spells differently to their
// Byline name, for the message.
var hugoTokens = map[string]string{
	"title": "slug", "filename": "slug", "slugorfilename": "slug",
	"contentbasename": "slug", "slugorcontentbasename": "slug", "sections": "section",
}

// ParsePermalink parses and checks the pattern s for kind, "articles" or
// "pages". Its errors say what to write instead.
func ParsePermalink(kind, s string) (Pattern, error) {
	if strings.Contains(s, "..") {
		return nil, errors.New(`must not contain ".."`)
	}
	if trimmed := strings.TrimSuffix(s, "/"); strings.HasSuffix(trimmed, ".html") {
		return nil, fmt.Errorf("must end in \"/\", not \".html\": every page is written as index.html in its own folder, like %q",
			suggest(kind, strings.TrimSuffix(trimmed, ".html")+"/"))
	}
	for _, r := range s {
		switch {
		case r == ':' || r == '/' || literal(r):
		case 'A' <= r && r <= 'Z':
			return nil, fmt.Errorf("use lower case, like %q", suggest(kind, strings.ToLower(s)))
		default:
			return nil, fmt.Errorf("%q is not allowed: write literal text with a-z, 0-9, \"-\" and \"_\", and tokens such as :slug", string(r))
		}
	}
	if len(s) < 2 || s[0] != '/' || s[len(s)-1] != '/' {
		return nil, fmt.Errorf("must start and end with \"/\", like %q", suggest(kind, "/"+strings.Trim(s, "/")+"/"))
	}
	if strings.Contains(s, "//") {
		return nil, errors.New(`has an empty segment: write a single "/" between segments`)
	}
	var p Pattern
	hasSlug := false
	for _, text := range strings.Split(s[1:len(s)-1], "/") {
		seg, err := parseSegment(kind, text)
		if err != nil {
			return nil, err
		}
		for _, part := range seg {
			hasSlug = hasSlug || part.Token == "slug"
		}
		p = append(p, seg)
	}
	if !hasSlug {
		return nil, fmt.Errorf("must contain :slug, so that each %s has its own URL, like %q", strings.TrimSuffix(kind, "s"), s+":slug/")
	}
	return p, nil
}

// suggest returns fixed when it is a valid pattern, else the default, for a
// message's "like ...".
func suggest(kind, fixed string) string {
	if _, err := ParsePermalink(kind, fixed); err == nil {
		return fixed
	}
	if kind == "pages" {
		return DefaultPagePermalink
	}
	return DefaultArticlePermalink
}

func literal(r rune) bool {
	return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-' || r == '_'
}

// parseSegment splits one segment into literal text and tokens. A token is
// ":" and the longest run of a-z, 0-9 and "_" after it, as in Hugo.
func parseSegment(kind, text string) (Segment, error) {
	if strings.HasPrefix(text, "_") {
		return nil, fmt.Errorf("segment %q starts with \"_\", which is reserved for files such as _redirects and the preview server's /_byline/: rename it", text)
	}
	var seg Segment
	for text != "" {
		i := strings.IndexByte(text, ':')
		if i != 0 {
			if i < 0 {
				i = len(text)
			}
			seg = append(seg, Part{Text: text[:i]})
			text = text[i:]
			continue
		}
		n := 1
		for n < len(text) && text[n] != ':' && text[n] != '-' {
			n++
		}
		name := text[1:n]
		text = text[n:]
		if err := checkToken(kind, name); err != nil {
			return nil, err
		}
		if (name == "section" || name == "category") && (len(seg) > 0 || text != "") {
			return nil, fmt.Errorf(":%s must be a whole segment, like \"/:%s/:slug/\", because an article may have none", name, name)
		}
		seg = append(seg, Part{Token: name})
	}
	return seg, nil
}

func checkToken(kind, name string) error {
	known := tokens[kind]
	list := ":" + strings.Join(known, ", :")
	switch {
	case name == "":
		return fmt.Errorf("a \":\" must start a token; the tokens are %s", list)
	case slices.Contains(known, name):
		return nil
	case slices.Contains(tokens["articles"], name):
		return fmt.Errorf("pages have no :%s; their only token is :slug", name)
	}
	if s, ok := hugoTokens[name]; ok {
		return fmt.Errorf("unknown token :%s; use :%s (the tokens are %s)", name, s, list)
	}
	if s := yamlpos.Suggest(name, known); s != "" {
		return fmt.Errorf("unknown token :%s; did you mean :%s? (the tokens are %s)", name, s, list)
	}
	return fmt.Errorf("unknown token :%s; the tokens are %s", name, list)
}
