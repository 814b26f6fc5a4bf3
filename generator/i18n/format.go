package i18n

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/internal/yamlpos"
)

// T returns the words of key in the catalog's language, with placeholders
// filled. args are empty; a count alone ({{ T "min_read" 5 }}); or pairs
// of a name and a value ({{ T "articles_by" "name" .Name "count" 3 }}),
// where "count" chooses the plural form and any name fills "{name}".
func (c *Catalog) T(key string, args ...any) (string, error) {
	e := c.entries[key]
	if e == nil || e.list != nil {
		return "", c.unknown("T", key)
	}
	a, err := named(args)
	if err != nil {
		return "", fmt.Errorf("T %q: %v", key, err)
	}
	s := e.other
	if a.hasCount {
		s = e.pick(c, a.count)
	}
	if strings.IndexByte(s, '{') < 0 {
		return s, nil
	}
	return fill(s, a, "T", key, e.where)
}

// unknown is the error of fn (T, Tforms) for a key no file gives.
func (c *Catalog) unknown(fn, key string) error {
	keys := make([]string, 0, len(c.entries))
	for k, e := range c.entries {
		if e.list == nil && !reserved(k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	msg := fmt.Sprintf("%s: no words for %q in any i18n/%s.yaml", fn, key, Fallback)
	if near := yamlpos.Suggest(key, keys); near != "" {
		return fmt.Errorf("%s: did you mean %q?", msg, near)
	}
	return fmt.Errorf("%s: add %s: \"…\" to site/i18n/%s.yaml and to the file of the site's language", msg, key, Fallback)
}

// pick chooses the form for count n.
func (e *entry) pick(c *Catalog, n int) string {
	if n == 0 && e.zero != "" {
		return e.zero
	}
	if e.forms == nil {
		return e.other
	}
	i := n
	if i < 0 {
		i = -i
	}
	if i < 0 {
		// math.MinInt, whose negation is itself: a number as large with
		// the same last six digits, which are all the rules read of one.
		i = -(n + 1_000_000)
	}
	if s, ok := e.forms[plural.Cardinal.MatchPlural(c.lang, i, 0, 0, 0, 0)]; ok {
		return s
	}
	return e.other
}

// args are T's arguments after the key, read: a count alone, or pairs of
// a name and a value.
type args struct {
	pairs    []any
	count    int
	hasCount bool
}

// named reads T's arguments.
func named(list []any) (args, error) {
	if len(list) == 1 {
		n, ok := integer(list[0])
		if !ok {
			return args{}, fmt.Errorf("%v (%T) is not a count: give a whole number, or pairs of a name and a value", list[0], list[0])
		}
		return args{count: n, hasCount: true}, nil
	}
	if len(list)%2 != 0 {
		return args{}, fmt.Errorf("%d arguments after the key: give a count alone, or pairs of a name and a value", len(list))
	}
	a, err := pairs(list)
	if err != nil {
		return args{}, err
	}
	for i := 0; i < len(list); i += 2 {
		if list[i] == "count" {
			n, ok := integer(list[i+1])
			if !ok {
				return args{}, fmt.Errorf("count %v (%T) is not a whole number", list[i+1], list[i+1])
			}
			a.count, a.hasCount = n, true
		}
	}
	return a, nil
}

// pairs reads arguments that are pairs of a name and a value, each filling
// the placeholder of its name; "count" among them is text like any other.
func pairs(list []any) (args, error) {
	if len(list)%2 != 0 {
		return args{}, fmt.Errorf("an odd number of arguments after the key (%d): give pairs of a name and a value", len(list))
	}
	for i := 0; i < len(list); i += 2 {
		if _, ok := list[i].(string); !ok {
			return args{}, fmt.Errorf("argument %d, %v, is not a name: give pairs of a name and a value", i+2, list[i])
		}
	}
	return args{pairs: list}, nil
}

// value returns the text that fills the placeholder {name}.
func (a args) value(name string) (string, bool) {
	if name == "count" && a.hasCount {
		return strconv.Itoa(a.count), true
	}
	for i := 0; i+1 < len(a.pairs); i += 2 {
		if a.pairs[i] == name {
			return text(a.pairs[i+1]), true
		}
	}
	return "", false
}

// integer returns v as an int when it is a whole number.
func integer(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case int32:
		return int(n), true
	case uint:
		return int(n), n <= math.MaxInt
	case float64:
		if n == math.Trunc(n) && math.Abs(n) < 1<<53 {
			return int(n), true
		}
	}
	return 0, false
}

// text shows a placeholder's value.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case fmt.Stringer:
		return x.String()
	}
	if n, ok := integer(v); ok {
		return strconv.Itoa(n)
	}
	return fmt.Sprint(v)
}

// fill replaces the placeholders of s, the words of key, by the values
// of a, the arguments of a call of fn (T, Tforms).
func fill(s string, a args, fn, key string, where diag.Pos) (string, error) {
	var b strings.Builder
	b.Grow(len(s) + 16)
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		name, n := placeholder(s[i:])
		if n == 0 {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		v, ok := a.value(name)
		if !ok {
			return "", fmt.Errorf("%s %q: its words (%s) use {%s}, which this call does not give: add \"%s\" and its value after the key", fn, key, where, name, name)
		}
		b.WriteString(s[:i])
		b.WriteString(v)
		s = s[i+n:]
	}
}

// placeholder returns the name of the placeholder at the start of s
// ("{count}…") and its length, or 0 when s does not start with one.
func placeholder(s string) (string, int) {
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '}' && i > 1:
			return s[1:i], i + 1
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_', '0' <= c && c <= '9' && i > 1:
		default:
			return "", 0
		}
	}
	return "", 0
}

// checkPlaceholders returns what is wrong with the placeholders of s, or "".
func checkPlaceholders(s string) string {
	if strings.Contains(s, "{{") {
		return "translations are not templates: write a placeholder as {count} or {name}, not {{ .Count }}"
	}
	return ""
}

// patterns reads the keys that hold no words: date_format and months for
// Date, thousands_separator and money_format for Money.
func (c *Catalog) patterns(list *diag.List) {
	c.months = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	if e := c.entries["months"]; e != nil && e.list != nil {
		copy(c.months[:], e.list)
	}
	c.layout = c.pattern(list, "date_format", "{month} {day}, {year}", "day", "month", "year")
	c.money = c.pattern(list, "money_format", "{symbol}{amount}", "amount", "symbol")
	c.group = ","
	if e := c.entries["thousands_separator"]; e != nil && e.list == nil {
		c.group = e.other
	}
}

// pattern parses the value of key, a pattern of the placeholders names,
// or def when it is missing or wrong.
func (c *Catalog) pattern(list *diag.List, key, def string, names ...string) []part {
	layout, _ := parsePattern(def, names)
	e := c.entries[key]
	if e == nil || e.list != nil {
		return layout
	}
	p, bad := parsePattern(e.other, names)
	if bad != "" {
		list.Errorf(e.where, "%s: {%s} is not one of its placeholders: use %s", key, bad, joinBraced(names))
		return layout
	}
	return p
}

func joinBraced(names []string) string {
	b := make([]string, len(names))
	for i, n := range names {
		b[i] = "{" + n + "}"
	}
	if len(b) == 1 {
		return b[0]
	}
	return strings.Join(b[:len(b)-1], ", ") + " and " + b[len(b)-1]
}

// parsePattern splits s into literal text and placeholders of names, or
// returns the first placeholder that is not one of them.
func parsePattern(s string, names []string) (layout []part, bad string) {
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			layout = append(layout, part{text: s})
			break
		}
		name, n := placeholder(s[i:])
		if n == 0 {
			layout = append(layout, part{text: s[:i+1]})
			s = s[i+1:]
			continue
		}
		if !slices.Contains(names, name) {
			return nil, name
		}
		if i > 0 {
			layout = append(layout, part{text: s[:i]})
		}
		layout = append(layout, part{text: name, name: true})
		s = s[i+n:]
	}
	return layout, ""
}

// part is a piece of date_format: literal text, or the name of a part of
// the date.
type part struct {
	text string
	name bool
}

// Date shows t's day (in t's location) in the catalog's language:
// "March 4, 2026" in English, "1er mai 2026" in French.
func (c *Catalog) Date(t time.Time) string {
	var b strings.Builder
	y, m, d := t.Date()
	for _, p := range c.layout {
		switch {
		case !p.name:
			b.WriteString(p.text)
		case p.text == "day":
			b.WriteString(c.day(d))
		case p.text == "month":
			b.WriteString(c.months[m-1])
		default:
			b.WriteString(strconv.Itoa(y))
		}
	}
	return b.String()
}

// day shows the day of the month d as day_numbers gives it, else as its
// number.
func (c *Catalog) day(d int) string {
	if d <= len(c.days) && c.days[d-1] != "" {
		return c.days[d-1]
	}
	return strconv.Itoa(d)
}

// Fold is T for theme.Fold, which gives the key as the first argument.
func (c *Catalog) Fold(args []any) (string, error) {
	if len(args) == 0 {
		return "", fmt.Errorf("T: give a key")
	}
	key, ok := args[0].(string)
	if !ok {
		return "", fmt.Errorf("T: the key %v is not a string", args[0])
	}
	return c.T(key, args[1:]...)
}

// Money shows a whole amount of money in the catalog's language: its
// digits grouped by thousands_separator and placed by money_format
// beside symbol ("$128,000" in English, "128.000 €" in German). A
// currency without a symbol goes after the amount by its code, in every
// language ("128,000 CHF"), and an amount without one alone.
func (c *Catalog) Money(n int64, symbol, code string) string {
	digits := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, d := range []byte(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 && digits[i-1] != '-' {
			b.WriteString(c.group)
		}
		b.WriteByte(d)
	}
	amount := b.String()
	switch {
	case symbol == "" && code == "":
		return amount
	case symbol == "":
		return amount + " " + code
	}
	b.Reset()
	for _, p := range c.money {
		switch {
		case !p.name:
			b.WriteString(p.text)
		case p.text == "amount":
			b.WriteString(amount)
		default:
			b.WriteString(symbol)
		}
	}
	return b.String()
}

// Where returns where key's words are defined, or the zero Pos.
func (c *Catalog) Where(key string) diag.Pos {
	if e := c.entries[key]; e != nil {
		return e.where
	}
	return diag.Pos{}
}

// Lang returns the catalog's language.
func (c *Catalog) Lang() string { return c.lang.String() }
