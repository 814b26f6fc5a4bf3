package scaffold

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/goccy/go-yaml"

	"github.com/byline/byline/generator/content"
)

// ArticleOptions describes a new article.
type ArticleOptions struct {
	Title   string
	Author  string // an author key (see PickAuthor)
	Section string // a sub-folder of articles/, "" for the top level
	// Slug names the file; "" makes it from the title by content.Slugify.
	Slug string
	Date time.Time // the publication date; only its calendar day is written
	// Bundle makes the article a folder of its own, for the images and
	// files it needs beside it (content.Page.Bundle).
	Bundle bool
	// Archetype, when not nil, gives the rest of the front matter and the
	// body (see LoadArchetype); else the article gets a skeleton body.
	Archetype *Archetype
}

// Article returns the new draft at "articles/[section/]<slug>.md", or
// "articles/[section/]<slug>/index.md" for a bundle, relative to the site
// folder, with the slug given or made from the title by content.Slugify.
func Article(o ArticleOptions) (File, error) {
	if o.Section != "" && !content.ValidSlug(o.Section) {
		return File{}, fmt.Errorf("section %q is not a valid folder name: use lower-case letters, digits and single hyphens, like %q",
			o.Section, content.Slugify(o.Section))
	}
	_, slug, err := titleAndSlug(o.Title, o.Slug, "article")
	if err != nil {
		return File{}, err
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	header(&b, o)
	if a := o.Archetype; a != nil {
		b.Write(a.front)
		b.WriteString("---\n")
		b.Write(a.body)
	} else {
		b.WriteString("---\n\n")
		b.WriteString(skeleton)
		if o.Bundle {
			b.WriteString(bundleNote)
		}
	}
	if o.Bundle {
		return File{Path: path.Join("articles", o.Section, slug, "index.md"), Data: b.Bytes()}, nil
	}
	return File{Path: path.Join("articles", o.Section, slug+".md"), Data: b.Bytes()}, nil
}

// header writes the front matter keys that byline new writes from its
// arguments, and the description and tags unless the archetype gives
// them. Archetype.Locate counts its lines.
func header(b *bytes.Buffer, o ArticleOptions) {
	field(b, "title", strings.TrimSpace(o.Title))
	if !o.Archetype.has("description") {
		b.WriteString("# A summary for search results and link previews, 50–160 characters.\n")
		field(b, "description", "")
	}
	fmt.Fprintf(b, "date: %s\n", o.Date.Format("2006-01-02"))
	field(b, "author", o.Author)
	if !o.Archetype.has("tags") {
		b.WriteString("tags: []\n")
	}
	b.WriteString("draft: true\n")
}

// field writes "key: value" with value encoded as a double-quoted YAML
// string, whatever characters it holds.
func field(b *bytes.Buffer, key, value string) {
	enc, err := yaml.MarshalWithOptions(value, yaml.JSON())
	if err != nil {
		panic(err) // a string always encodes
	}
	fmt.Fprintf(b, "%s: %s\n", key, bytes.TrimSpace(enc))
}

const skeleton = `Start with who this article is for and what they will be able to do after reading it, in two or three sentences.

## The main question

Answer the question in the title first, then explain it. Link to sources, and to related articles and pages of this site by their files, as in ` + "`[About us](/pages/about.md)`" + `: the build writes their URLs and stops at a typo.

## What it looks like in practice

Give a concrete example: a day at work, a real hiring process, a salary range with where it was measured and when.

## Next steps

End with what the reader can do next.
`

// Authors lists the author keys of a site: the names of authors/*.md
// without ".md", sorted.
func Authors(siteFS fs.FS) ([]string, error) {
	matches, err := fs.Glob(siteFS, "authors/*.md")
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(matches))
	for _, m := range matches {
		keys = append(keys, strings.TrimSuffix(path.Base(m), ".md"))
	}
	slices.Sort(keys)
	return keys, nil
}

// PickAuthor chooses a new article's author: the one asked for, which must
// be known; else the site's default author; else the only author.
func PickAuthor(asked, defaultAuthor string, known []string) (string, error) {
	list := func() string {
		if len(known) == 0 {
			return "the site has no authors yet: create site/authors/<key>.md"
		}
		return "known authors: " + strings.Join(known, ", ")
	}
	switch {
	case asked != "":
		if !slices.Contains(known, asked) {
			return "", fmt.Errorf("unknown author %q; %s", asked, list())
		}
		return asked, nil
	case defaultAuthor != "" && slices.Contains(known, defaultAuthor):
		return defaultAuthor, nil
	case len(known) == 1:
		return known[0], nil
	}
	return "", fmt.Errorf("pass --author KEY; %s", list())
}

// bundleNote ends the skeleton of a bundle.
const bundleNote = `
Put this article's images and files in its folder, beside this file, and name them by their paths from here, as in ` + "`![a chart of pay bands](pay-bands.svg \"A caption, if it needs one\")`" + `: the build writes them beside the page and gives each image its size.
`
