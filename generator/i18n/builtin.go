package i18n

import (
	"io/fs"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/themes"
)

// Builtin returns the built-in theme's words in lang alone, with no site or
// theme folder over them: for a renderer made without a catalog, and for
// tests of templates.
func Builtin(lang string) *Catalog {
	dir, err := fs.Sub(themes.Default(), "i18n")
	if err != nil {
		panic(err) // cannot happen: "i18n" is a valid, embedded path
	}
	return Load([]Source{{FS: dir, Prefix: "themes/default/i18n"}}, lang, diag.Pos{}, &diag.List{})
}
