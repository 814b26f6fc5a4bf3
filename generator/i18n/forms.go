package i18n

import (
	"fmt"
	"strings"

	"golang.org/x/text/feature/plural"
)

// Forms are the words of a key in each of its plural forms, for a page
// whose script learns the count and chooses the form itself, by the
// browser's Intl.PluralRules: the form named as the rules select it, when
// given, else Other. A form the words do not give is "".
//
// Zero is Byline's form for a count of 0, which T chooses before the
// language's rules in every language. It is not CLDR's "zero" category,
// which Intl.PluralRules selects for 0 in Arabic but for 10 and 20 in
// Latvian, and which T never uses: a script shows Zero for 0 alone.
type Forms struct {
	Zero, One, Two, Few, Many, Other string
}

// formsFunc is the name templates call Forms by, which its errors give.
const formsFunc = "Tforms"

// Forms returns the words of key, as the catalog's language gives them,
// in each plural form, with placeholders filled by args: pairs of a name
// and a value, as T takes them, where "count" is a name like any other
// (give "count" "{count}" to leave it to the script). Words given as a
// string alone are Other. A form the language's file gives and its rules
// never select (a "few" in English) is returned too; T never shows it.
func (c *Catalog) Forms(key string, args ...any) (Forms, error) {
	e := c.entries[key]
	if e == nil || e.list != nil {
		return Forms{}, c.unknown(formsFunc, key)
	}
	a, err := pairs(args)
	if err != nil {
		return Forms{}, fmt.Errorf("%s %q: %v", formsFunc, key, err)
	}
	f := Forms{
		Zero:  e.zero,
		One:   e.forms[plural.One],
		Two:   e.forms[plural.Two],
		Few:   e.forms[plural.Few],
		Many:  e.forms[plural.Many],
		Other: e.other,
	}
	for _, s := range []*string{&f.Zero, &f.One, &f.Two, &f.Few, &f.Many, &f.Other} {
		if strings.IndexByte(*s, '{') < 0 {
			continue
		}
		if *s, err = fill(*s, a, formsFunc, key, e.where); err != nil {
			return Forms{}, err
		}
	}
	return f, nil
}
