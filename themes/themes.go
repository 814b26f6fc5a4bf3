// Package themes embeds the built-in "default" theme so that the byline binary
// can build a site that has no themes/ folder.
//
// The theme is laid out as every theme is: layouts/ holds html/template files
// (baseof.html, one file per page kind, partials/), static/ holds files copied
// to the output as they are (css/, js/, the favicon).
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var files embed.FS

// Default returns the built-in theme, rooted at its folder: it holds
// "layouts/…" and "static/…".
func Default() fs.FS {
	sub, err := fs.Sub(files, "default")
	if err != nil {
		panic(err) // cannot happen: "default" is a valid, embedded path
	}
	return sub
}
