package i18n

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/byline/byline/generator/diag"
)

// load makes a catalog for lang from a site folder and a theme folder,
// each a map of file name to text.
func load(t *testing.T, lang string, site, theme map[string]string) (*Catalog, *diag.List) {
	t.Helper()
	var list diag.List
	mk := func(files map[string]string) fstest.MapFS {
		fsys := fstest.MapFS{}
		for name, text := range files {
			fsys[name] = &fstest.MapFile{Data: []byte(text)}
		}
		return fsys
	}
	c := Load([]Source{{FS: mk(site), Prefix: "site/i18n", Site: true}, {FS: mk(theme), Prefix: "themes/x/i18n"}}, lang,
		diag.Pos{Path: "site/config.yaml", Line: 3, Col: 11}, &list)
	return c, &list
}

var themeWords = map[string]string{
	"en.yaml": `updated: Updated
min_read: "{count} min read"
comments:
  zero: No comments yet
  one: "{count} comment"
  other: "{count} comments"
articles_by: "Articles by {name}"
`,
	"de.yaml": `date_format: "{day}. {month} {year}"
months: [Januar, Februar, März, April, Mai, Juni, Juli, August, September, Oktober, November, Dezember]
updated: Aktualisiert am
min_read: "{count} Min. Lesezeit"
comments:
  one: "{count} Kommentar"
  other: "{count} Kommentare"
articles_by: "Artikel von {name}"
`,
}

func TestT(t *testing.T) {
	pl := map[string]string{"pl.yaml": `comments:
  one: "{count} komentarz"
  few: "{count} komentarze"
  many: "{count} komentarzy"
  other: "{count} komentarza"
`}
	for _, tc := range []struct {
		lang string
		site map[string]string
		key  string
		args []any
		want string
	}{
		{"en", nil, "updated", nil, "Updated"},
		{"de", nil, "updated", nil, "Aktualisiert am"},
		{"de-AT", nil, "updated", nil, "Aktualisiert am"}, // de-AT → de
		{"de", map[string]string{"de.yaml": "updated: Zuletzt bearbeitet\n"}, "updated", nil, "Zuletzt bearbeitet"},
		{"de", map[string]string{"de-CH.yaml": "updated: Nachgeführt\n"}, "updated", nil, "Aktualisiert am"},
		{"de-CH", map[string]string{"de-CH.yaml": "updated: Nachgeführt\n"}, "updated", nil, "Nachgeführt"},
		{"en", nil, "min_read", []any{5}, "5 min read"},
		{"de", nil, "min_read", []any{5}, "5 Min. Lesezeit"},
		{"en", nil, "comments", []any{1}, "1 comment"},
		{"en", nil, "comments", []any{2}, "2 comments"},
		{"en", nil, "comments", []any{0}, "No comments yet"},
		{"de", nil, "comments", []any{1}, "1 Kommentar"},
		{"de", nil, "comments", []any{0}, "0 Kommentare"}, // no zero form in de.yaml: CLDR's "other"
		{"pl", pl, "comments", []any{1}, "1 komentarz"},
		{"pl", pl, "comments", []any{3}, "3 komentarze"},
		{"pl", pl, "comments", []any{5}, "5 komentarzy"},
		{"pl", pl, "comments", []any{22}, "22 komentarze"},
		{"en", nil, "comments", []any{"count", 3}, "3 comments"},
		{"de", nil, "articles_by", []any{"name", "Ada {count}"}, "Artikel von Ada {count}"},
		{"ja", nil, "updated", nil, "Updated"}, // no ja.yaml: English
	} {
		c, _ := load(t, tc.lang, tc.site, themeWords)
		got, err := c.T(tc.key, tc.args...)
		if err != nil || got != tc.want {
			t.Errorf("%s: T(%q, %v) = %q, %v; want %q", tc.lang, tc.key, tc.args, got, err, tc.want)
		}
	}
}

func TestTErrors(t *testing.T) {
	c, _ := load(t, "en", nil, themeWords)
	for _, tc := range []struct {
		key  string
		args []any
		want string
	}{
		{"updatd", nil, `T: no words for "updatd" in any i18n/en.yaml: did you mean "updated"?`},
		{"nothing_like_it", nil, `add nothing_like_it: "…" to site/i18n/en.yaml`},
		{"articles_by", nil, `T "articles_by": its words (themes/x/i18n/en.yaml:7:1) use {name}, which this call does not give: add "name" and its value after the key`},
		{"min_read", []any{"five"}, `is not a count`},
		{"min_read", []any{"count", 1.5}, `count 1.5 (float64) is not a whole number`},
		{"min_read", []any{"count", 1, "x"}, `3 arguments after the key`},
		{"months", nil, `no words for "months"`},
	} {
		_, err := c.T(tc.key, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("T(%q, %v) = %v, want an error containing %q", tc.key, tc.args, err, tc.want)
		}
	}
}

func TestDate(t *testing.T) {
	day := time.Date(2026, time.March, 4, 23, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{"en": "March 4, 2026", "de": "4. März 2026", "ja": "March 4, 2026"} {
		c, _ := load(t, lang, nil, themeWords)
		if got := c.Date(day); got != want {
			t.Errorf("%s: Date = %q, want %q", lang, got, want)
		}
	}
	c, list := load(t, "en", map[string]string{"en.yaml": `date_format: "{year}-{month}-{day} ({weekday})"` + "\n"}, themeWords)
	if got := c.Date(day); got != "March 4, 2026" {
		t.Errorf("a bad date_format: Date = %q, want the default", got)
	}
	if got, want := list.Err().Error(), `site/i18n/en.yaml:1:1: date_format: {weekday} is not one of its placeholders: use {day}, {month} and {year}`; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

// day_numbers writes a day of the month as the language does where that
// is not its number (the first in French), in the language's own files
// alone: an en.yaml's English ordinals stay out of another language's dates.
func TestDayNumbers(t *testing.T) {
	first := time.Date(2026, time.May, 1, 12, 0, 0, 0, time.UTC)
	second := time.Date(2026, time.May, 2, 12, 0, 0, 0, time.UTC)
	fr := map[string]string{"fr.yaml": `date_format: "{day} {month} {year}"
months: [janvier, février, mars, avril, mai, juin, juillet, août, septembre, octobre, novembre, décembre]
day_numbers: {1: 1er}
`}
	ordinals := map[string]string{"en.yaml": "day_numbers:\n  1: 1st\n  2: 2nd\n"}
	for _, tc := range []struct {
		lang string
		site map[string]string
		t    time.Time
		want string
	}{
		{"fr", fr, first, "1er mai 2026"},
		{"fr", fr, second, "2 mai 2026"},
		{"fr-CA", fr, first, "1er mai 2026"}, // fr-CA → fr
		{"en", ordinals, first, "May 1st, 2026"},
		{"en-GB", ordinals, second, "May 2nd, 2026"},
		{"de", ordinals, first, "1. Mai 2026"}, // not "1st. Mai"
		{"en", nil, first, "May 1, 2026"},
	} {
		c, list := load(t, tc.lang, tc.site, themeWords)
		if err := list.Err(); err != nil {
			t.Fatal(err)
		}
		if got := c.Date(tc.t); got != tc.want {
			t.Errorf("%s: Date = %q, want %q", tc.lang, got, tc.want)
		}
	}
	// A site's empty mapping turns its theme's day_numbers off.
	theme := map[string]string{"en.yaml": themeWords["en.yaml"], "fr.yaml": fr["fr.yaml"]}
	c, list := load(t, "fr", map[string]string{"fr.yaml": "day_numbers: {}\n"}, theme)
	if got := c.Date(first); list.Err() != nil || got != "1 mai 2026" {
		t.Errorf("day_numbers: {} over the theme's: Date = %q, %v", got, list.Err())
	}
	// A key that holds no words: not a word for T, nor one the language misses.
	c, list = load(t, "fr", fr, themeWords)
	if _, err := c.T("day_numbers"); err == nil {
		t.Error("T(day_numbers) gave words")
	}
	for _, w := range list.Warnings() {
		if strings.Contains(w.Error(), "day_numbers") {
			t.Error(w)
		}
	}
}

// Every problem of a file is an error at its position, and the rest of
// the file still counts.
func TestFileErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"- a\n- b\n", "site/i18n/en.yaml:1:1: a translation file must be a mapping of keys to words"},
		{"updated: [a, b]\n", "site/i18n/en.yaml:1:10: write a string here, or a mapping of plural forms"},
		{"comments:\n  ones: x\n  other: y\n", `site/i18n/en.yaml:2:3: "ones" is not a plural form: did you mean "one"?`},
		{"comments:\n  one: x\n", `site/i18n/en.yaml:1:1: comments has no "other" form`},
		{"months: [a, b]\n", "site/i18n/en.yaml:1:9: months lists the twelve month names, January first: this list has 2"},
		{"months: Jan\n", "site/i18n/en.yaml:1:9: months lists the twelve month names"},
		{"day_numbers: 1er\n", "site/i18n/en.yaml:1:14: day_numbers maps days of the month to how they are written, such as {1: 1er}: write a mapping"},
		{"day_numbers: [1er]\n", "site/i18n/en.yaml:1:14: day_numbers maps days of the month"},
		{"day_numbers:\n  one: 1st\n", `site/i18n/en.yaml:2:3: "one" is not a day of the month: write a number from 1 to 31`},
		{"day_numbers: {32: x}\n", `site/i18n/en.yaml:1:15: "32" is not a day of the month`},
		{"day_numbers: {1: 1er, 01: 1re}\n", "site/i18n/en.yaml:1:23: duplicate day 1: delete one of the two"},
		{"day_numbers:\n  1: [1, er]\n", "site/i18n/en.yaml:2:6: write how day 1 is written as a string"},
		{"day_numbers: {1: \"{{ .Day }}er\"}\n", "site/i18n/en.yaml:1:18: translations are not templates"},
		{"updated: \"{{ .Count }} x\"\n", "site/i18n/en.yaml:1:10: translations are not templates"},
		{"updated: a\nupdated: b\n", `site/i18n/en.yaml:2:1: duplicate key "updated"`},
		{"updated: [a\n", "site/i18n/en.yaml:1:"},
		{"bad key: a\n", `site/i18n/en.yaml:1:1: a key is a name of letters`},
		{"a: 1\n---\nb: 2\n", "site/i18n/en.yaml:2:1: a translation file must be a single YAML document"},
		{"- id: updated\n  translation: Updated\n", "site/i18n/en.yaml:1:1: this is the list form of Hugo's older translation files"},
	} {
		c, list := load(t, "en", map[string]string{"en.yaml": tc.text}, themeWords)
		err := list.Err()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want an error containing %q", tc.text, err, tc.want)
		}
		if s, err := c.T("min_read", 2); err != nil || s != "2 min read" {
			t.Errorf("%q: the theme's words are lost: %q, %v", tc.text, s, err)
		}
	}
}

// A language whose files lack some of the theme's keys shows them in
// English, with one warning at the config's language key.
func TestMissingWordsWarn(t *testing.T) {
	_, list := load(t, "de", nil, themeWords)
	if ws := list.Warnings(); len(ws) != 0 {
		t.Errorf("de has every key, but: %v", ws)
	}
	_, list = load(t, "pt-BR", map[string]string{"pt.yaml": "updated: Atualizado em\n"}, themeWords)
	ws := list.Warnings()
	want := `site/config.yaml:3:11: warning: language "pt-BR": 3 of the theme's words have no translation and are shown in English ("articles_by", "comments", "min_read"): add them to site/i18n/pt-BR.yaml, copying the keys of the theme's en.yaml`
	if len(ws) != 1 || ws[0].Error() != want {
		t.Errorf("got %v\nwant %s", ws, want)
	}
}

// A site's key that no English file has, but spelt nearly as one, is
// misspelt: the theme would go on showing its English word.
func TestNearMissWarns(t *testing.T) {
	_, list := load(t, "de", map[string]string{"de.yaml": "updatd: Zuletzt\nsite_only: Eigenes\n"}, themeWords)
	ws := list.Warnings()
	want := `site/i18n/de.yaml:1:1: warning: key "updatd" is in no theme's en.yaml, so no template asks for it: did you mean "updated"?`
	if len(ws) != 1 || ws[0].Error() != want {
		t.Errorf("got %v\nwant %s", ws, want)
	}
}

// Translations in another format than YAML are a warning, not ignored in
// silence: a site moved from Hugo may have i18n/de.toml.
func TestOtherFormatsWarn(t *testing.T) {
	_, list := load(t, "de", map[string]string{"de.toml": "[updated]\nother = \"Zuletzt\"\n", "fr.yml": "x: y\n", "notes.txt": "hi"}, themeWords)
	var got []string
	for _, w := range list.Warnings() {
		got = append(got, w.Error())
	}
	want := []string{
		"site/i18n/de.toml: warning: not read: Byline reads translations from .yaml files alone; write these words in YAML, in de.yaml",
		"site/i18n/fr.yml: warning: not read: Byline reads translations from .yaml files alone; write these words in YAML, in fr.yaml",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestMoney(t *testing.T) {
	de := map[string]string{"de.yaml": "thousands_separator: \".\"\nmoney_format: \"{amount} {symbol}\"\n"}
	for _, tc := range []struct {
		lang         string
		site         map[string]string
		n            int64
		symbol, code string
		want         string
	}{
		{"en", nil, 128000, "$", "USD", "$128,000"},
		{"en", nil, -1234567, "€", "EUR", "€-1,234,567"},
		{"en", nil, 1000, "", "", "1,000"},
		{"en", nil, 0, "", "XYZ", "0 XYZ"},
		{"de", de, 128000, "€", "EUR", "128.000 €"},
		{"de", de, 999, "€", "EUR", "999 €"},
		{"de", de, 128000, "", "CHF", "128.000 CHF"},
		{"ja", nil, 128000, "¥", "JPY", "¥128,000"}, // no ja.yaml: English
	} {
		c, list := load(t, tc.lang, tc.site, themeWords)
		if err := list.Err(); err != nil {
			t.Fatal(err)
		}
		if got := c.Money(tc.n, tc.symbol, tc.code); got != tc.want {
			t.Errorf("%s: Money(%d, %q, %q) = %q, want %q", tc.lang, tc.n, tc.symbol, tc.code, got, tc.want)
		}
	}
	_, list := load(t, "en", map[string]string{"en.yaml": "money_format: \"{amount} {currency}\"\n"}, themeWords)
	if got, want := list.Err().Error(), `site/i18n/en.yaml:1:1: money_format: {currency} is not one of its placeholders: use {amount} and {symbol}`; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

// TestAnchorsAliasesTags checks that a file's words are read as YAML reads
// them: an anchor's or a tag's value, and for an alias the anchored value,
// not the "&", "*" or "!!str" that starts them.
func TestAnchorsAliasesTags(t *testing.T) {
	c, list := load(t, "de", map[string]string{"de.yaml": `updated: &u Aktualisiert
published: *u
min_read: !!str "{count} Min."
comments: &c
  one: "{count} Kommentar"
  other: "{count} Kommentare"
articles_by: *c
months: [&j Januar, Februar, März, April, Mai, Juni, Juli, August, September, Oktober, November, Dezember]
`}, map[string]string{"en.yaml": "updated: Updated\npublished: Published\nmin_read: \"{count} min\"\narticles_by: x\ncomments: y\n"})
	if list.Err() != nil {
		t.Fatalf("errors: %v", list.Err())
	}
	for _, tc := range []struct {
		key  string
		args []any
		want string
	}{
		{"updated", nil, "Aktualisiert"},
		{"published", nil, "Aktualisiert"},
		{"min_read", []any{3}, "3 Min."},
		{"comments", []any{1}, "1 Kommentar"},
		{"articles_by", []any{2}, "2 Kommentare"},
	} {
		if got, err := c.T(tc.key, tc.args...); err != nil || got != tc.want {
			t.Errorf("T(%q, %v) = %q, %v; want %q", tc.key, tc.args, got, err, tc.want)
		}
	}
	if got := c.Date(time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC)); !strings.Contains(got, "Januar") {
		t.Errorf("Date = %q, want Januar", got)
	}
	// An alias to no anchor is no words, at the alias.
	_, list = load(t, "en", map[string]string{"en.yaml": "updated: *nowhere\n"}, nil)
	if err := list.Err(); err == nil || !strings.Contains(err.Error(), "site/i18n/en.yaml:1:10") {
		t.Errorf("alias to no anchor: %v", err)
	}
}

// TestLanguageCase checks that a language tag finds its files in any case,
// as BCP 47 tags are the same in any case.
func TestLanguageCase(t *testing.T) {
	for _, lang := range []string{"DE", "De-at", "DE-AT", "de-AT"} {
		c, list := load(t, lang, map[string]string{"de-at.yaml": "updated: Aktualisiert am (AT)\n"}, themeWords)
		if got, _ := c.T("min_read", 3); got != "3 Min. Lesezeit" {
			t.Errorf("%s: min_read = %q, want the theme's de.yaml", lang, got)
		}
		if lang != "DE" {
			if got, _ := c.T("updated"); got != "Aktualisiert am (AT)" {
				t.Errorf("%s: updated = %q, want the site's de-at.yaml", lang, got)
			}
		}
		if all := list.All(); len(all) != 0 {
			t.Errorf("%s: %v", lang, all)
		}
	}
}

// TestExtremeCounts checks that no count makes T panic: theme.Fold calls
// it while the theme loads, outside a template's recovery, so a constant
// {{ T "comments" -9223372036854775808 }} would crash the build.
func TestExtremeCounts(t *testing.T) {
	pl := map[string]string{"pl.yaml": "comments: {one: \"{count} komentarz\", few: \"{count} komentarze\", many: \"{count} komentarzy\", other: \"{count} komentarza\"}\n"}
	for _, lang := range []string{"pl", "de", "ar", "ru", "fr"} {
		c, _ := load(t, lang, pl, themeWords)
		for _, n := range []any{math.MinInt, math.MaxInt, int64(math.MinInt64), -1, -2} {
			if _, err := c.Fold([]any{"comments", n}); err != nil {
				t.Errorf("%s: T(comments, %v): %v", lang, n, err)
			}
		}
	}
	c, _ := load(t, "pl", pl, themeWords)
	// 9223372036854775808 ends in 08, as 8 does: "many" in Polish.
	if got, _ := c.T("comments", math.MinInt); got != "-9223372036854775808 komentarzy" {
		t.Errorf("T(comments, MinInt) = %q", got)
	}
}

// A file of thousands of keys the theme lacks, spelt nearly as its own,
// gets a bounded number of warnings, found in bounded time (5,000 keys
// against 5,000 took 15 s).
func TestNearMissesBounded(t *testing.T) {
	var en, de strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&en, "key_number_%05d: x\n", i)
		fmt.Fprintf(&de, "key_numbr_%05d: y\n", i)
	}
	_, list := load(t, "de", map[string]string{"de.yaml": de.String()}, map[string]string{"en.yaml": en.String()})
	ws := 0
	for _, w := range list.Warnings() {
		if strings.Contains(w.Msg, "did you mean") {
			ws++
		}
	}
	if ws != maxNearMisses {
		t.Errorf("%d near-miss warnings, want %d", ws, maxNearMisses)
	}
}

// On a site in English, the site's en.yaml is the file a misspelt key is
// in: it warns as a de.yaml does, while a key of the site's own, near no
// theme's, and one the site overrides, do not.
func TestNearMissWarnsEnglish(t *testing.T) {
	for _, lang := range []string{"en", "en-GB"} {
		c, list := load(t, lang, map[string]string{"en.yaml": "updatd: Last changed\nsite_only: Own\nmin_read: \"{count} minutes\"\n"}, themeWords)
		ws := list.Warnings()
		want := `site/i18n/en.yaml:1:1: warning: key "updatd" is in no theme's en.yaml, so no template asks for it: did you mean "updated"?`
		if len(ws) != 1 || ws[0].Error() != want {
			t.Errorf("%s: got %v\nwant %s", lang, ws, want)
		}
		if got, _ := c.T("min_read", 2); got != "2 minutes" {
			t.Errorf("%s: min_read = %q", lang, got)
		}
	}
}
