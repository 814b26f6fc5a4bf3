package fastexec

import (
	"html/template"
	"reflect"
	texttemplate "text/template"
	"text/template/parse"
)

// TextSet returns the text/template behind t, whose set holds the escaped
// trees of t's set, and the copies html/template made of templates called
// in other contexts ("name$htmltemplate_stateRCDATA_elementTitle"), which
// html/template's own Lookup does not find. html/template keeps it in an
// unexported field: this reads it by reflection, and returns nil if a Go
// release renames or retypes it.
func TextSet(t *template.Template) *texttemplate.Template {
	f := reflect.ValueOf(t).Elem().FieldByName("text")
	if !f.IsValid() || f.Type() != reflect.TypeFor[*texttemplate.Template]() {
		return nil
	}
	return (*texttemplate.Template)(f.UnsafePointer())
}

// Lookup returns a lookup of the escaped trees of t's set, for
// NewCompiler, or nil (see TextSet).
func Lookup(t *template.Template) func(string) *parse.Tree {
	text := TextSet(t)
	if text == nil {
		return nil
	}
	return func(name string) *parse.Tree {
		if x := text.Lookup(name); x != nil {
			return x.Tree
		}
		return nil
	}
}
