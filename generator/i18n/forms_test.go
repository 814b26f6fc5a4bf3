package i18n

import (
	"strings"
	"testing"
)

// Forms gives every plural form the language's words have, each filled
// as T fills it, for a script to choose among by the browser's rules.
func TestForms(t *testing.T) {
	pl := map[string]string{"pl.yaml": `search_matches:
  zero: "Nic nie pasuje do „{query}”."
  one: "{n} artykuł pasuje do „{query}”."
  few: "{n} artykuły pasują do „{query}”."
  many: "{n} artykułów pasuje do „{query}”."
  other: "{n} artykułu pasuje do „{query}”."
updated: Zaktualizowano
`}
	theme := map[string]string{"en.yaml": `search_matches:
  one: "{n} article matches “{query}”."
  other: "{n} articles match “{query}”."
updated: Updated
min_read: "{count} min read"
`}
	args := []any{"n", "{n}", "query", "<q>"}
	for _, tc := range []struct {
		lang string
		key  string
		args []any
		want Forms
	}{
		{"pl", "search_matches", args, Forms{
			Zero:  "Nic nie pasuje do „<q>”.",
			One:   "{n} artykuł pasuje do „<q>”.",
			Few:   "{n} artykuły pasują do „<q>”.",
			Many:  "{n} artykułów pasuje do „<q>”.",
			Other: "{n} artykułu pasuje do „<q>”.",
		}},
		// A language whose file lacks the key has the English forms.
		{"de", "search_matches", args, Forms{One: "{n} article matches “<q>”.", Other: "{n} articles match “<q>”."}},
		// Words given as a string are the other form alone.
		{"pl", "updated", nil, Forms{Other: "Zaktualizowano"}},
		// "count" is a placeholder like any other, left to the script.
		{"en", "min_read", []any{"count", "{count}"}, Forms{Other: "{count} min read"}},
	} {
		c, _ := load(t, tc.lang, pl, theme)
		got, err := c.Forms(tc.key, tc.args...)
		if err != nil || got != tc.want {
			t.Errorf("%s: Forms(%q, %v) = %+v, %v; want %+v", tc.lang, tc.key, tc.args, got, err, tc.want)
		}
	}
}

func TestFormsErrors(t *testing.T) {
	c, _ := load(t, "en", nil, themeWords)
	for _, tc := range []struct {
		key  string
		args []any
		want string
	}{
		{"comment", nil, `Tforms: no words for "comment" in any i18n/en.yaml: did you mean "comments"?`},
		{"months", nil, `Tforms: no words for "months"`},
		{"comments", nil, `Tforms "comments": its words (themes/x/i18n/en.yaml:3:1) use {count}, which this call does not give`},
		{"comments", []any{2}, `Tforms "comments": an odd number of arguments after the key (1): give pairs of a name and a value`},
		{"articles_by", []any{3, "Ada"}, `Tforms "articles_by": argument 2, 3, is not a name`},
	} {
		_, err := c.Forms(tc.key, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Forms(%q, %v) = %v, want an error containing %q", tc.key, tc.args, err, tc.want)
		}
	}
}
