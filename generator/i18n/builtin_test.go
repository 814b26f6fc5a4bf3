package i18n

import (
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/themes"
)

// Every language the default theme ships gives every word of its en.yaml,
// and no word en.yaml lacks: a key added to the theme in English only, or
// misspelt in a translation, fails here. An optional reserved key
// (day_numbers) is a language's own, and en.yaml need not have it.
func TestBuiltinLanguagesComplete(t *testing.T) {
	dir, err := fs.Sub(themes.Default(), "i18n")
	if err != nil {
		t.Fatal(err)
	}
	keysOf := func(name string) map[string]bool {
		data, err := fs.ReadFile(dir, name)
		if err != nil {
			t.Fatal(err)
		}
		var list diag.List
		keys := map[string]bool{}
		for k := range parseFile(data, "themes/default/i18n/"+name, &list) {
			keys[k] = true
		}
		if err := list.Err(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		return keys
	}
	english := keysOf(Fallback + ".yaml")
	names, _ := fs.Glob(dir, "*.yaml")
	if len(names) < 4 {
		t.Fatalf("the theme ships %v", names)
	}
	for _, name := range names {
		lang := strings.TrimSuffix(name, ".yaml")
		keys := keysOf(name)
		for k := range english {
			if !keys[k] {
				t.Errorf("%s lacks %q", name, k)
			}
		}
		for k := range keys {
			if !english[k] && !optional(k) {
				t.Errorf("%s has %q, which en.yaml lacks", name, k)
			}
		}
		var list diag.List
		c := Load([]Source{{FS: dir, Prefix: "themes/default/i18n"}}, lang, diag.Pos{}, &list)
		if err := list.Err(); err != nil || len(list.Warnings()) > 0 {
			t.Errorf("%s: %v %v", lang, err, list.Warnings())
		}
		// Every word shows with the arguments the theme gives it.
		for _, k := range slices.Sorted(maps.Keys(english)) {
			if reserved(k) {
				continue
			}
			args := []any{"count", 2, "name", "N", "site", "S", "number", 1, "total", 2, "shown", 1, "part", 1, "query", "q", "n", 2, "title", "T"}
			if s, err := c.T(k, args...); err != nil || s == "" || strings.ContainsAny(s, "{}") {
				t.Errorf("%s: T(%q) = %q, %v", lang, k, s, err)
			}
		}
	}
}

// The theme's dates: the first of the month in French is "1er".
func TestBuiltinDates(t *testing.T) {
	for _, tc := range []struct {
		lang string
		day  int
		want string
	}{
		{"fr", 1, "1er mai 2026"},
		{"fr", 2, "2 mai 2026"},
		{"fr", 31, "31 mai 2026"},
		{"de", 1, "1. Mai 2026"},
		{"es", 1, "1 de mayo de 2026"},
		{"en", 1, "May 1, 2026"},
	} {
		if got := Builtin(tc.lang).Date(time.Date(2026, time.May, tc.day, 12, 0, 0, 0, time.UTC)); got != tc.want {
			t.Errorf("%s: Date = %q, want %q", tc.lang, got, tc.want)
		}
	}
}
