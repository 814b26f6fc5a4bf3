package content

import (
	"bytes"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Images in a body load lazily, since the article's header comes first,
// and an image alone in its paragraph with a title is a figure whose
// caption is the title:
//
//	![Median pay by level](/images/pay.svg "Base pay, U.S., 2025")
//
// An image at a site path ("/images/pay.svg") gets its width and height,
// so the page does not shift as it loads; they are known once the site's
// files are, so the image renders with a mark that Fill replaces (see
// marks.go).
type figure struct {
	ast.BaseBlock
	caption string // plain text
}

var kindFigure = ast.NewNodeKind("Figure")

func (n *figure) Kind() ast.NodeKind { return kindFigure }

func (n *figure) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Caption": n.caption}, nil)
}

// toFigure replaces p by a figure when an image with a title is all it
// holds.
func toFigure(p *ast.Paragraph) {
	img, ok := p.FirstChild().(*ast.Image)
	if !ok || img.NextSibling() != nil || len(img.Title) == 0 || p.Parent() == nil {
		return
	}
	caption := unescapeText(img.Title)
	img.Title = nil // the caption says it; a tooltip would say it twice
	f := &figure{caption: caption}
	f.AppendChild(f, img)
	p.Parent().ReplaceChild(p.Parent(), p, f)
}

type imageRenderer struct{}

func (imageRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindImage, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*ast.Image)
		// Dangerous URLs are gone: the transformer replaced those images
		// by their text.
		_, _ = w.WriteString(`<img src="`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape(n.Destination, true)))
		_, _ = w.WriteString(`" alt="`)
		_, _ = w.Write(util.EscapeHTML([]byte(plainText(n, src))))
		_ = w.WriteByte('"')
		if n.Title != nil {
			_, _ = w.WriteString(` title="`)
			_, _ = w.Write(util.EscapeHTML([]byte(unescapeText(n.Title))))
			_ = w.WriteByte('"')
		}
		if i, ok := n.Attribute(imageIndexAttr); ok {
			_, _ = w.WriteString(sizeMark(i.(int)))
		}
		_, _ = w.WriteString(` loading="lazy" decoding="async">`)
		return ast.WalkSkipChildren, nil
	})
	r.Register(kindFigure, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<figure>\n")
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString("\n<figcaption>")
		_, _ = w.Write(util.EscapeHTML([]byte(node.(*figure).caption)))
		_, _ = w.WriteString("</figcaption>\n</figure>\n")
		return ast.WalkContinue, nil
	})
}

// imageIndexAttr holds, on an image with a site path, its index among the
// page's Images. It is never rendered as an attribute: the image renderer
// writes its own.
var imageIndexAttr = []byte("\x00image")

// isSitePath reports whether an image destination is a path in the site:
// "/images/x.png", not "//host/x.png", "x.png" or a URL.
func isSitePath(dest []byte) bool {
	return len(dest) > 1 && dest[0] == '/' && dest[1] != '/' && bytes.IndexByte(dest, ':') < 0
}

// isRelativePath reports whether an image destination is a path relative
// to its page: "chart.png", "img/x.png", not "/x.png", "#x", "?q" or a URL.
func isRelativePath(dest []byte) bool {
	if len(dest) == 0 || dest[0] == '/' || dest[0] == '#' || dest[0] == '?' || dest[0] == '\\' {
		return false
	}
	end := bytes.IndexAny(dest, "/?#")
	if end < 0 {
		end = len(dest)
	}
	return bytes.IndexByte(dest[:end], ':') < 0 // no scheme
}

// imageFile is what Page.Images holds for an image destination of page p:
// the site path of one at a site path; for one at a relative path in a
// bundle, the file of the bundle it names; else "".
func (p *Page) imageFile(dest string) string {
	if isSitePath([]byte(dest)) {
		return imagePath(dest)
	}
	if !p.Bundle {
		return ""
	}
	dir := path.Dir(p.Path)
	if f := path.Join(dir, imagePath(dest)); strings.HasPrefix(f, dir+"/") {
		return f
	}
	return ""
}

// imagePath is the file path a site-path destination names.
func imagePath(dest string) string {
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		dest = dest[:i]
	}
	if u, err := url.PathUnescape(dest); err == nil {
		dest = u
	}
	return dest
}

// Size is an image's intrinsic width and height in CSS pixels; zero when
// unknown.
type Size struct{ W, H int }

// Image is what Fill writes into the tag of an image of Page.Images.
type Image struct {
	Size
	// Srcset is written as it is after the width and height: the srcset
	// and sizes attributes of an image with resized copies,
	// ` srcset="chart.480w.1a2b3c4d.png 480w, chart.png 1600w" sizes="…"`,
	// else "".
	Srcset string
}
