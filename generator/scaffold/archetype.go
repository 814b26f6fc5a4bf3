package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/internal/yamlpos"
)

// Archetype is a site's starting point for new articles: a Markdown file
// in archetypes/ whose YAML front matter and body a new article takes as
// they are, below the keys byline new writes from its arguments. It is no
// template: nothing in it is run or filled in, so a title cannot break its
// YAML and its text cannot run code.
type Archetype struct {
	File string // as messages show it, "site/archetypes/guides.md"
	// front is the front matter's lines, without the delimiters; body, what
	// follows the closing delimiter.
	front, body []byte
	keys        []string // the front matter's top-level keys
}

// written are the keys byline new writes from its arguments, which an
// archetype may not set, quoted or not, nor authors, which would take the
// place of --author; description and tags it writes only when the
// archetype does not.
var written = []string{"title", "date", "author", "draft", "slug"}

// LoadArchetype returns the archetype of a new article in section ("" for
// the top level) of the site in siteFS, shown in messages under root
// ("site"): archetypes/<section>.md, else archetypes/article.md, else nil
// when the site has neither. Its error names the line and column of what
// is wrong in the file.
func LoadArchetype(siteFS fs.FS, root, section string) (*Archetype, error) {
	names := []string{"archetypes/article.md"}
	if section != "" {
		names = slices.Insert(names, 0, "archetypes/"+section+".md")
	}
	for _, name := range names {
		data, err := fs.ReadFile(siteFS, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		shown := path.Join(root, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", shown, err)
		}
		return parseArchetype(shown, data)
	}
	return nil, nil
}

// parseArchetype reads an archetype's front matter and body.
func parseArchetype(shown string, data []byte) (*Archetype, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	fail := func(line, col int, format string, args ...any) error {
		return &diag.Diagnostic{Pos: diag.Pos{Path: shown, Line: line, Col: col}, Msg: fmt.Sprintf(format, args...)}
	}
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil, fail(1, 1, "an archetype begins with YAML front matter, a line \"---\": write ---, the keys new articles start with, and --- again")
	}
	front, body, ok := cutDelimiter(rest)
	if !ok {
		return nil, fail(1, 1, "the front matter is not closed: end it with a line \"---\"")
	}
	a := &Archetype{File: shown, front: front, body: body}
	if len(bytes.TrimSpace(front)) == 0 {
		return a, nil
	}
	f, err := parser.ParseBytes(front, 0)
	if err != nil {
		l, c, msg, ok := yamlpos.Error(err)
		if !ok {
			l, c = 1, 1
		}
		l, c = yamlpos.Relocate(front, l, c, msg)
		return nil, fail(l+1, c, "%s", msg)
	}
	m, ok := mapping(f)
	if !ok {
		return nil, fail(2, 1, "the front matter must be keys and values, as in \"category: Roles\"")
	}
	if m.IsFlowStyle {
		l, c := yamlpos.Of(m)
		return nil, fail(l+1, c, "write the keys one a line, as in \"category: Roles\", not in braces: they follow the keys byline new writes")
	}
	for _, kv := range m.Values {
		key := keyName(kv.Key)
		l, c := yamlpos.Of(kv.Key)
		switch {
		case c != 1:
			return nil, fail(l+1, c, "start the key %s at the start of its line, as the keys byline new writes above it are: remove the spaces before it", key)
		case key == "authors":
			return nil, fail(l+1, c, "byline new writes author from --author, which authors would take the place of: remove authors from the archetype")
		case slices.Contains(written, key):
			return nil, fail(l+1, c, "byline new writes %s from its arguments (the title, today's date, --author, --slug; every new article is a draft): remove it from the archetype", key)
		}
		a.keys = append(a.keys, key)
	}
	return a, nil
}

// keyName is a key as the article's front matter reads it: "title" for
// title, "title" or 'title'.
func keyName(k ast.MapKeyNode) string {
	if s, ok := k.(*ast.StringNode); ok {
		return s.Value
	}
	return k.String()
}

// cutDelimiter splits rest at its first line "---".
func cutDelimiter(rest []byte) (front, body []byte, ok bool) {
	if b, ok := bytes.CutPrefix(rest, []byte("---\n")); ok {
		return nil, b, true
	}
	if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
		return rest[:i+1], rest[i+5:], true
	}
	if bytes.HasSuffix(rest, []byte("\n---")) {
		return rest[:len(rest)-3], nil, true
	}
	return nil, nil, false
}

// mapping returns the front matter's top-level mapping.
func mapping(f *ast.File) (*ast.MappingNode, bool) {
	if len(f.Docs) != 1 || f.Docs[0].Body == nil {
		return nil, false
	}
	switch n := f.Docs[0].Body.(type) {
	case *ast.MappingNode:
		return n, true
	case *ast.MappingValueNode:
		return &ast.MappingNode{Values: []*ast.MappingValueNode{n}}, true
	}
	return nil, false
}

// Locate returns d, a problem that Review found in file, the article
// written from a, placed in the archetype when it lies in a line the
// article took from it, as "site/archetypes/article.md:4:3: … (in the
// new article)"; else d as it is.
func (a *Archetype) Locate(d *diag.Diagnostic, file string) *diag.Diagnostic {
	if a == nil || d.Path != file {
		return d
	}
	var b bytes.Buffer
	header(&b, ArticleOptions{Archetype: a})
	shift := bytes.Count(b.Bytes(), []byte("\n"))
	if d.Line <= 1+shift {
		return d
	}
	out := *d
	out.Pos = diag.Pos{Path: a.File, Line: d.Line - shift, Col: d.Col}
	out.Msg = d.Msg + " (in the new article " + file + ")"
	return &out
}

// has reports whether the archetype's front matter sets key.
func (a *Archetype) has(key string) bool { return a != nil && slices.Contains(a.keys, key) }
