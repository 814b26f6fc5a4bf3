package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/theme"
)

// assets are the static files of a build, with fingerprinted names for
// stylesheets and scripts.
type assets struct {
	files []File
	names map[string]string // "css/style.css" → "/css/style.1a2b3c4d.css"
	src   map[string]string // output path → the file it comes from, as shown in messages
}

// fingerprinted says whether a static file gets a content hash in its name.
func fingerprinted(p string) bool {
	ext := path.Ext(p)
	return ext == ".css" || ext == ".js"
}

// collectAssets reads the theme's static folders and the site's static
// files; a site file wins over a theme file of the same path.
func collectAssets(opts Options, list *diag.List) *assets {
	byPath := map[string][]byte{}
	srcOf := map[string]string{}
	var order []string
	put := func(p string, data []byte, src string) {
		if _, ok := byPath[p]; !ok {
			order = append(order, p)
		}
		byPath[p], srcOf[p] = data, src
	}
	sources := opts.ThemeStatic
	for i := len(sources) - 1; i >= 0; i-- { // last has lowest priority: read it first
		readTree(sources[i], put, list)
	}
	for _, p := range opts.Static {
		src := path.Join(opts.Root, p)
		data, err := fs.ReadFile(opts.SiteFS, p)
		if err != nil {
			list.Errorf(diag.Pos{Path: src}, "cannot read static file: %v", err)
			continue
		}
		put(strings.TrimPrefix(p, "static/"), data, src)
	}
	if opts.SyntaxCSS != "" {
		put("css/syntax.css", []byte(opts.SyntaxCSS), "(built-in) css/syntax.css")
	}
	a := &assets{names: map[string]string{}, src: map[string]string{}}
	for _, p := range order {
		out := p
		if fingerprinted(p) {
			sum := sha256.Sum256(byPath[p])
			ext := path.Ext(p)
			out = strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		}
		a.names[p] = "/" + out
		a.src[out] = srcOf[p]
		a.files = append(a.files, File{Path: out, Data: byPath[p]})
	}
	return a
}

func readTree(src theme.Source, put func(p string, data []byte, from string), list *diag.List) {
	err := fs.WalkDir(src.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		if t := d.Type(); t&fs.ModeType&^fs.ModeSymlink != 0 {
			list.Warnf(diag.Pos{Path: path.Join(path.Dir(src.Prefix), "static", p)}, "skipped: not a regular file, which a build cannot read")
			return nil
		}
		from := path.Join(path.Dir(src.Prefix), "static", p)
		data, err := fs.ReadFile(src.FS, p)
		if err != nil {
			// A link out of the theme's folder, say: skipped, as the
			// site's own are (see content.Load).
			list.Warnf(diag.Pos{Path: from}, "skipped: %v", err)
			return nil
		}
		put(p, data, from)
		return nil
	})
	if err != nil {
		list.Errorf(diag.Pos{Path: src.Prefix}, "cannot read theme static files: %v", err)
	}
}

// url returns the site-rooted URL of a static file, fingerprinted when it
// is a stylesheet or script.
func (a *assets) url(p string) (string, error) {
	p = strings.TrimPrefix(p, "/")
	if u, ok := a.names[p]; ok {
		return u, nil
	}
	return "", fmt.Errorf("asset %q not found: add it to site/static/ or the theme's static/ folder", p)
}
