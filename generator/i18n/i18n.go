// Package i18n gives a theme its words in the site's language.
//
// A theme writes {{ T "updated" }} where a page shows a word or a phrase of
// its own ("Updated", "min read"), and Byline looks the key up in YAML files
// named after language tags, in i18n folders: the site's (site/i18n/), then
// the theme's (themes/<name>/i18n/), then the built-in theme's. For the
// language "pt-BR" it tries pt-BR.yaml, then pt.yaml, in each folder in that
// order, and last en.yaml, in which every theme keeps all of its words: a
// key the site's language lacks is shown in English, and Load warns once,
// at the config's language key, naming the keys and the file to add them to.
//
// A value is a string, or a mapping of plural forms ("one", "other", and
// for the languages that have them "two", "few", "many"), chosen by the
// count the template gives by CLDR's rules (golang.org/x/text/feature/plural);
// "zero", when given, is used for a count of 0 in any language. A value may
// hold placeholders, "{count}" and any other "{name}" the call gives:
// {{ T "articles_by" "name" .Name }}. Where the count is known only in the
// browser, Forms gives a key's words in every form, for a script to choose
// among by Intl.PluralRules. Five keys are not words: date_format, a
// pattern of "{day}", "{month}" and "{year}" for Date; months, the twelve
// month names; day_numbers, optional, a mapping of days of the month to
// how the language writes them where not as a number ({1: 1er} in
// French), taken from the language's own files alone, never from en.yaml
// for another language; thousands_separator and money_format, a pattern
// of "{amount}" and "{symbol}", for Money.
//
// Every problem of a file is reported at its path:line:col. Load never
// fails: a catalog with errors still answers, with English where the
// site's words were wrong.
package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/internal/yamlpos"
)

// Source is an i18n folder.
type Source struct {
	FS     fs.FS  // rooted at the folder
	Prefix string // the folder as shown in messages, e.g. "site/i18n"
	// Site is set for the site's own folder, site/i18n, whose en.yaml, on
	// a site in English, holds the site's words, not a theme's: a key
	// there spelt nearly as a theme's is misspelt (see Load).
	Site bool
}

// Catalog holds the words of one language, resolved across the sources.
// It is read-only after Load, and safe for concurrent use.
type Catalog struct {
	lang    language.Tag
	entries map[string]*entry
	months  [12]string
	layout  []part   // date_format, parsed
	days    []string // day_numbers: by day of the month, "" for the number
	group   string   // thousands_separator
	money   []part   // money_format, parsed
}

// entry is one key's translation.
type entry struct {
	other string                 // the "other" form, or the whole value
	forms map[plural.Form]string // the other plural forms given, if any
	zero  string                 // the explicit "zero" form, if given
	list  []string               // the month names, for months; by day, for day_numbers
	where diag.Pos               // where it was defined
}

// Fallback is the language whose file every theme keeps complete.
const Fallback = "en"

// Load reads the catalog for the language tag lang (a BCP 47 tag, checked
// by the config) from sources, the first winning. langPos is where the
// config sets the language, for the warning about words left in English.
func Load(sources []Source, lang string, langPos diag.Pos, list *diag.List) *Catalog {
	c := &Catalog{entries: map[string]*entry{}}
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	c.lang = tag
	chain := languageChain(lang)
	own := map[string]bool{} // keys the language itself gives
	// englishKeys are the keys an English file gives: a theme's, and on a
	// site in another language the site's en.yaml, where it gives the
	// English of its own keys. On a site in English, the site's en.yaml
	// is its language's file, and a key there that no theme has, spelt
	// nearly as one of theirs, is as misspelt as in a de.yaml.
	englishKeys := map[string]bool{}
	base, _ := tag.Base()
	english := base.String() == Fallback
	for i, name := range append(chain, Fallback) {
		isFallback := i == len(chain)
		for _, src := range sources {
			file, ok := findFile(src.FS, name+".yaml")
			if !ok {
				continue
			}
			data, err := fs.ReadFile(src.FS, file)
			where := path.Join(src.Prefix, file)
			if err != nil {
				list.Errorf(diag.Pos{Path: where}, "%v", err)
				continue
			}
			for key, e := range parseFile(data, where, list) {
				if isFallback && !(src.Site && english) {
					englishKeys[key] = true
				}
				if _, ok := c.entries[key]; ok {
					continue
				}
				c.entries[key] = e
				if !isFallback {
					own[key] = true
				}
			}
		}
	}
	for _, src := range sources {
		warnOtherFormats(src, list)
	}
	c.patterns(list)
	// day_numbers is the language's own: a theme's or a site's en.yaml may
	// write English ordinals ("1st"), which would be wrong in a German date.
	if e := c.entries["day_numbers"]; e != nil && (english || own["day_numbers"]) {
		c.days = e.list
	}
	if !english {
		c.warnMissing(own, chain[0], sources, langPos, list)
	}
	c.warnNearMisses(englishKeys, list)
	return c
}

// findFile returns the name of the file of folder fsys named name in any
// case: language tags are the same in any case ("DE-AT" is "de-AT"), so
// language: DE finds the theme's de.yaml, and de-AT a site's de-at.yaml.
// The name as given wins, then the first in sorted order.
func findFile(fsys fs.FS, name string) (string, bool) {
	if _, err := fs.Stat(fsys, name); !errors.Is(err, fs.ErrNotExist) {
		return name, true // a file to read, or an error to report
	}
	entries, _ := fs.ReadDir(fsys, ".")
	for _, e := range entries {
		if strings.EqualFold(e.Name(), name) {
			return e.Name(), true
		}
	}
	return "", false
}

// languageChain returns the file names to try for lang, most specific
// first: "pt-BR" → pt-BR, pt. English comes last for every language, and is
// not in the chain.
func languageChain(lang string) []string {
	var chain []string
	for l := lang; l != ""; {
		if !strings.EqualFold(l, Fallback) {
			chain = append(chain, l)
		}
		i := strings.LastIndexByte(l, '-')
		if i < 0 {
			break
		}
		l = l[:i]
	}
	return chain
}

// warnMissing warns once when the theme's English words include keys the
// site's language does not give.
func (c *Catalog) warnMissing(own map[string]bool, lang string, sources []Source, at diag.Pos, list *diag.List) {
	var missing []string
	for key := range c.entries {
		if !own[key] && !reserved(key) {
			missing = append(missing, key)
		}
	}
	if len(missing) == 0 {
		return
	}
	slices.Sort(missing)
	shown := missing
	if len(shown) > 6 {
		shown = shown[:6]
	}
	quoted := make([]string, len(shown))
	for i, k := range shown {
		quoted[i] = strconv.Quote(k)
	}
	more := ""
	if len(missing) > len(shown) {
		more = fmt.Sprintf(" and %d more", len(missing)-len(shown))
	}
	file := lang + ".yaml"
	if len(sources) > 0 {
		file = path.Join(sources[0].Prefix, file)
	}
	list.Warnf(at, "language %q: %d of the theme's words have no translation and are shown in English (%s%s): add them to %s, copying the keys of the theme's en.yaml",
		lang, len(missing), strings.Join(quoted, ", "), more, file)
}

// warnNearMisses warns of a key that no English file has but one of them
// has a key spelt nearly so: a misspelt key would leave the theme's word in
// English without a word said.
func (c *Catalog) warnNearMisses(known map[string]bool, list *diag.List) {
	names := make([]string, 0, len(known))
	for k := range known {
		names = append(names, k)
	}
	slices.Sort(names)
	var unknown []string
	for key := range c.entries {
		if !known[key] && !reserved(key) {
			unknown = append(unknown, key)
		}
	}
	slices.Sort(unknown)
	// Each comparison is an edit distance: a site's own thousands of keys
	// are compared with the first of them only, and a file of misspellings
	// gets its first few warnings, not one a key.
	if limit := maxComparisons / max(len(names), 1); len(unknown) > limit {
		unknown = unknown[:limit]
	}
	warned := 0
	for _, key := range unknown {
		e := c.entries[key]
		if near := yamlpos.Suggest(key, names); near != "" && c.entries[near].where.Path != e.where.Path {
			list.Warnf(e.where, "key %q is in no theme's %s.yaml, so no template asks for it: did you mean %q?", key, Fallback, near)
			if warned++; warned == maxNearMisses {
				return
			}
		}
	}
}

// maxNearMisses bounds the warnings of warnNearMisses, and maxComparisons
// the edit distances it computes.
const (
	maxNearMisses  = 20
	maxComparisons = 200_000
)

// reserved reports whether key holds no words but a pattern of dates or
// amounts, or the month names.
func reserved(key string) bool {
	switch key {
	case "date_format", "months", "thousands_separator", "money_format":
		return true
	}
	return optional(key)
}

// optional reports whether key is a reserved key that a language gives
// only when it needs it, so that en.yaml, which has every other key of a
// theme, need not: day_numbers.
func optional(key string) bool {
	return key == "day_numbers"
}

// warnOtherFormats warns of each file of src that another generator would
// read as translations (de.toml, de.yml, de.json) and Byline does not.
func warnOtherFormats(src Source, list *diag.List) {
	entries, err := fs.ReadDir(src.FS, ".")
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		switch ext := path.Ext(name); ext {
		case ".yml", ".toml", ".json":
			list.Warnf(diag.Pos{Path: path.Join(src.Prefix, name)}, "not read: Byline reads translations from .yaml files alone; write these words in YAML, in %s",
				strings.TrimSuffix(name, ext)+".yaml")
		}
	}
}
