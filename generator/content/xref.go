package content

import (
	"bytes"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/byline/byline/generator/diag"
)

// Links between Markdown files. A link whose destination is the path of a
// .md file ("sre.md", "../pages/about.md#team", "/authors/maya.md"), not a
// URL, points at another page of the site: the path is relative to the
// linking file's folder, or to the site folder when it starts with "/", as
// GitHub reads it. Its URL is known only once the site is assembled (it
// depends on the target's front matter and the permalinks), so the body is
// rendered with marks in place of the link's tags, which Fill replaces
// (see marks.go).

// Link is a link in a page's body to another Markdown file of the site.
type Link struct {
	Target   string   // the file linked to, in the site file system: "articles/sre.md"; "" when the path leaves the site folder
	Fragment string   // the part after "#", unescaped; "" when none
	Written  string   // the destination as written in the Markdown
	Title    string   // the link's title, as goldmark read it
	Pos      diag.Pos // where the link starts in the file
}

// linkRef is a source link as the Markdown renderer found it, at a body
// position.
type linkRef struct {
	Dest, Title string
	Line, Col   int
}

// sourceLink replaces an ast.Link to a .md file.
type sourceLink struct {
	ast.BaseInline
	index int
	dest  []byte // as written
	title []byte
}

var kindSourceLink = ast.NewNodeKind("SourceLink")

func (n *sourceLink) Kind() ast.NodeKind { return kindSourceLink }

func (n *sourceLink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Destination": string(n.dest)}, nil)
}

// isSourceLink reports whether a link destination is the path of a .md
// file: no scheme, not protocol-relative, no query, ending in ".md" before
// any fragment.
func isSourceLink(dest []byte) bool {
	if len(dest) == 0 || dest[0] == '#' || bytes.HasPrefix(dest, []byte("//")) {
		return false
	}
	p := dest
	if i := bytes.IndexByte(p, '#'); i >= 0 {
		p = p[:i]
	}
	if bytes.IndexByte(p, '?') >= 0 || !bytes.HasSuffix(p, []byte(".md")) {
		return false
	}
	if i := bytes.IndexByte(p, ':'); i >= 0 && bytes.IndexByte(p[:i], '/') < 0 {
		return false // a scheme, such as "mailto:" or "x:y.md"
	}
	return true
}

// toSourceLink puts a sourceLink with the given index in place of link.
func toSourceLink(link *ast.Link, index int) {
	parent := link.Parent()
	if parent == nil {
		return
	}
	n := &sourceLink{index: index, dest: link.Destination, title: link.Title}
	for c := link.FirstChild(); c != nil; {
		next := c.NextSibling()
		n.AppendChild(n, c)
		c = next
	}
	parent.ReplaceChild(parent, link, n)
}

type sourceLinkRenderer struct{}

func (sourceLinkRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(kindSourceLink, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(startMark(node.(*sourceLink).index))
		} else {
			_, _ = w.WriteString(endMark)
		}
		return ast.WalkContinue, nil
	})
}

// resolveLink turns a destination written in the file at from (a site
// path) into the file it names and its fragment; target is "" when the
// path leaves the site folder.
func resolveLink(from, dest string) (target, fragment string) {
	p, frag, _ := strings.Cut(dest, "#")
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	if u, err := url.PathUnescape(frag); err == nil {
		frag = u
	}
	if strings.HasPrefix(p, "/") {
		p = path.Clean(p[1:])
	} else {
		p = path.Join(path.Dir(from), p)
	}
	if p == ".." || strings.HasPrefix(p, "../") || p == "." {
		return "", frag
	}
	return p, frag
}
