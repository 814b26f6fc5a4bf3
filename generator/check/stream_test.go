package check

import (
	"bytes"
	"testing"

	"github.com/byline/byline/generator/render"
	"github.com/byline/byline/generator/site"
)

// TestAddKeepsNoData: add keeps nothing of a file's bytes, which a streamed
// build reuses for the next page as soon as add returns: a page whose
// buffer is then written over is checked as it was built.
func TestAddKeepsNoData(t *testing.T) {
	c := newChecker(&site.Site{})
	pages := map[string]string{
		"a/index.html": `<html><body><h1 id="top">A</h1><a href="../b/#part">to b</a><img src="../img.png" alt="x"></body></html>`,
		"b/index.html": `<html><body><h1>B</h1><h2 id="part">Part</h2><a href="../a/#top">back</a></body></html>`,
	}
	buf := make([]byte, 0, 512)
	for _, path := range []string{"a/index.html", "b/index.html"} {
		buf = append(buf[:0], pages[path]...)
		c.add(render.File{Path: path, Data: buf})
		copy(buf, bytes.Repeat([]byte("#"), len(buf))) // the next page's bytes
	}
	c.add(render.File{Path: "img.png", Data: []byte{0x89}})
	c.run(nil)
	if ds := c.list.All(); len(ds) != 0 {
		t.Errorf("problems in pages without any: %v", ds)
	}
	a := c.pages["a/index.html"]
	if a == nil || a.ids["top"] != 1 || len(a.urls) != 2 || a.urls[0].value != "../b/#part" || a.headings[0].text != "A" {
		t.Errorf("page a as kept: %+v", a)
	}
}
