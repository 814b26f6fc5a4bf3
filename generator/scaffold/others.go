package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode"

	"github.com/byline/byline/generator/content"
)

// PageOptions describes a new standalone page.
type PageOptions struct {
	Title  string
	Slug   string // names the file and the URL; "" makes it from the title
	Bundle bool   // pages/<slug>/index.md, for files beside it
}

// Page returns a new draft standalone page at "pages/<slug>.md", or
// "pages/<slug>/index.md" for a bundle: its URL is /<slug>/.
func Page(o PageOptions) (File, error) {
	title, slug, err := titleAndSlug(o.Title, o.Slug, "page")
	if err != nil {
		return File{}, err
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	field(&b, "title", title)
	b.WriteString("# A summary for search results and link previews, 50–160 characters.\n")
	field(&b, "description", "")
	b.WriteString("draft: true\n")
	b.WriteString("---\n\n")
	b.WriteString(pageSkeleton)
	if o.Bundle {
		return File{Path: path.Join("pages", slug, "index.md"), Data: b.Bytes()}, nil
	}
	return File{Path: path.Join("pages", slug+".md"), Data: b.Bytes()}, nil
}

// AuthorOptions describes a new author.
type AuthorOptions struct {
	Name string
	Key  string // names the file, the URL and the key articles give; "" makes it from the name
	Role string
}

// Author returns a new author's file at "authors/<key>.md": the key is
// what an article's author names, and the page's URL is /authors/<key>/.
func Author(o AuthorOptions) (File, error) {
	name, key, err := titleAndSlug(o.Name, o.Key, "author")
	if err != nil {
		return File{}, err
	}
	if strings.IndexFunc(o.Role, unicode.IsControl) >= 0 {
		return File{}, errors.New("the role must be a single line without control characters")
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	field(&b, "name", name)
	field(&b, "role", strings.TrimSpace(o.Role))
	b.WriteString("# One or two sentences, shown under the author's articles.\n")
	field(&b, "bio", "")
	b.WriteString("# A square image in static/, as in /images/authors/" + key + ".jpg.\n")
	b.WriteString("# avatar: /images/authors/" + key + ".jpg\n")
	b.WriteString("# Profiles elsewhere (schema.org sameAs), as in https://www.linkedin.com/in/...\n")
	b.WriteString("links: []\n")
	b.WriteString("---\n\n")
	b.WriteString(authorSkeleton)
	return File{Path: path.Join("authors", key+".md"), Data: b.Bytes()}, nil
}

// titleAndSlug checks a new file's title and slug, making the slug from
// the title when none is given; kind names the command in messages.
func titleAndSlug(title, slug, kind string) (string, string, error) {
	title = strings.TrimSpace(title)
	what := "title"
	if kind == "author" {
		what = "name"
	}
	switch {
	case title == "":
		return "", "", fmt.Errorf("the %s is empty: byline new %s \"Your %s\"", what, kind, strings.ToUpper(what[:1])+what[1:])
	case strings.IndexFunc(title, unicode.IsControl) >= 0:
		return "", "", fmt.Errorf("the %s must be a single line without control characters", what)
	}
	flagName := "--slug"
	if kind == "author" {
		flagName = "--key"
	}
	switch {
	case slug != "" && !content.ValidSlug(slug):
		like := ""
		if s := content.Slugify(slug); s != "" {
			like = fmt.Sprintf(", like %q", s)
		}
		return "", "", fmt.Errorf("%s %q is not valid: use lower-case letters, digits and single hyphens%s", strings.TrimPrefix(flagName, "--"), slug, like)
	case slug == "":
		slug = content.Slugify(title)
	}
	if slug == "" {
		example := map[string]string{"article": "how-to-become-an-engineer", "page": "contact-us", "author": "ann-lee"}[kind]
		return "", "", fmt.Errorf("%s %q has no Latin letters or digits to make a file name from: name the file with %s, as in %s %s", what, title, flagName, flagName, example)
	}
	return title, slug, nil
}

const pageSkeleton = `Say in a sentence or two what this page is for and who it is for.

## The main section

Write the page. Link to articles and other pages by their files, as in ` + "`[Editorial standards](/pages/editorial-standards.md)`" + `: the build writes their URLs and stops at a typo.
`

const authorSkeleton = `Write the long bio here: what the author has done, what they know first-hand, and how readers can reach them. It is shown on the author's page above their articles.
`
