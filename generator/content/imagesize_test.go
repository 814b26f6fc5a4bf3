package content

import (
	"bytes"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/diag"
)

func TestImageSize(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 30, 12))
	var p, j, g bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&j, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&g, img, nil); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"a.png":        {Data: p.Bytes()},
		"a.JPG":        {Data: j.Bytes()},
		"a.gif":        {Data: g.Bytes()},
		"size.svg":     {Data: []byte(`<?xml version="1.0"?><!-- c --><svg xmlns="http://www.w3.org/2000/svg" width="120" height="40.4px"/>`)},
		"box.svg":      {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64,32" width="100%"><rect/></svg>`)},
		"em.svg":       {Data: []byte(`<svg width="2em" height="1em"/>`)},
		"html.svg":     {Data: []byte(`<html><svg width="1" height="1"/></html>`)},
		"huge.svg":     {Data: []byte(`<svg width="1e300" height="5"/>`)},
		"notimage.png": {Data: []byte("not a PNG")},
		"a.avif":       {Data: []byte("....ftypavif")},
	}
	for name, want := range map[string]Size{
		"a.png": {30, 12}, "a.JPG": {30, 12}, "a.gif": {30, 12},
		"size.svg": {120, 40}, "box.svg": {64, 32},
		"em.svg": {}, "html.svg": {}, "huge.svg": {}, "notimage.png": {}, "a.avif": {},
	} {
		got, err := ImageSize(fsys, name)
		if err != nil || got != want {
			t.Errorf("ImageSize(%s) = %v, %v; want %v", name, got, err, want)
		}
	}
	if _, err := ImageSize(fsys, "missing.png"); err == nil {
		t.Error("no error for a missing file")
	}
}

func TestBundleImages(t *testing.T) {
	src := "![d](d.png) ![e](img/e%20f.png?x#y) ![g](../g.png) ![h](./h.png) ![i](/i.png) ![j](#j) ![k](mailto:k)\n"
	var list diag.List
	p := parse([]byte("---\ntitle: T\ndate: 2026-01-01\n---\n"+src), file{path: "articles/guides/x/index.md", display: "site/articles/guides/x/index.md", kind: Article, bundle: true},
		config.Default(), NewMarkdown(config.Default()), false, &list)
	if p == nil {
		t.Fatal(list.Err())
	}
	want := []string{"articles/guides/x/d.png", "articles/guides/x/img/e f.png", "", "articles/guides/x/h.png", "/i.png"}
	if !slices.Equal(p.Images, want) {
		t.Fatalf("images = %q, want %q", p.Images, want)
	}
	got := string(p.Fill(nil, []Image{{Size: Size{1, 2}}, {Size: Size{3, 4}}, {}, {}, {Size: Size{7, 8}}}).Body())
	for _, want := range []string{
		`<img src="d.png" alt="d" width="1" height="2"`,
		`<img src="img/e%20f.png?x#y" alt="e" width="3" height="4"`,
		`<img src="../g.png" alt="g" loading="lazy"`,
		`<img src="./h.png" alt="h" loading="lazy"`,
		`<img src="/i.png" alt="i" width="7" height="8"`,
		`<img src="#j" alt="j" loading="lazy"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("filled body has no %s:\n%s", want, got)
		}
	}
	if p.Slug != "x" || !p.Bundle {
		t.Errorf("slug %q, bundle %v; want x, true", p.Slug, p.Bundle)
	}
}

func TestFillSizesImages(t *testing.T) {
	src := "![a](/images/a.png) ![b](/images/b%20c.svg?v=2#x) ![c](https://example.com/c.png) ![d](d.png)\n"
	var list diag.List
	p := parse([]byte("---\ntitle: T\ndate: 2026-01-01\n---\n"+src), file{path: "articles/x.md", display: "site/articles/x.md", kind: Article},
		config.Default(), NewMarkdown(config.Default()), false, &list)
	if p == nil {
		t.Fatal(list.Err())
	}
	// d.png is relative, in a page that is no bundle: its size is unknown.
	if !slices.Equal(p.Images, []string{"/images/a.png", "/images/b c.svg", ""}) {
		t.Fatalf("images = %q", p.Images)
	}
	got := string(p.Fill(nil, []Image{{Size: Size{30, 12}}, {}, {}}).Body())
	for _, want := range []string{
		`<img src="/images/a.png" alt="a" width="30" height="12" loading="lazy"`,
		`<img src="/images/b%20c.svg?v=2#x" alt="b" loading="lazy"`,
		`<img src="https://example.com/c.png" alt="c" loading="lazy"`,
		`<img src="d.png" alt="d" loading="lazy"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("filled body has no %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "\x00") {
		t.Errorf("a mark is left:\n%q", got)
	}
}

// TestFillSrcset: an image with resized copies gets its srcset and sizes
// after its width and height, as the site gives them.
func TestFillSrcset(t *testing.T) {
	var list diag.List
	p := parse([]byte("---\ntitle: T\ndate: 2026-01-01\n---\n![Pay](/images/pay.png \"Pay, 2025\")\n"), file{path: "articles/x.md", display: "site/articles/x.md", kind: Article},
		config.Default(), NewMarkdown(config.Default()), false, &list)
	if p == nil {
		t.Fatal(list.Err())
	}
	set := ` srcset="/images/pay.480w.1a2b3c4d.png 480w, /images/pay.png 900w" sizes="100vw"`
	got := string(p.Fill(nil, []Image{{Size: Size{900, 600}, Srcset: set}}).Body())
	want := `<img src="/images/pay.png" alt="Pay" width="900" height="600"` + set + ` loading="lazy" decoding="async">`
	if !strings.Contains(got, want) {
		t.Errorf("filled body has no %s:\n%s", want, got)
	}
}
