package i18n

import (
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"golang.org/x/text/feature/plural"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/internal/lineend"
	"github.com/byline/byline/generator/internal/yamlpos"
)

// forms are the plural forms a value may give, by name.
func formOf(name string) (plural.Form, bool) {
	switch name {
	case "zero":
		return plural.Zero, true
	case "one":
		return plural.One, true
	case "two":
		return plural.Two, true
	case "few":
		return plural.Few, true
	case "many":
		return plural.Many, true
	case "other":
		return plural.Other, true
	}
	return 0, false
}

var formNames = []string{"zero", "one", "two", "few", "many", "other"}

// parseFile reads one translation file, reporting its problems at file's
// positions, and returns the entries it defines correctly.
func parseFile(data []byte, file string, list *diag.List) map[string]*entry {
	data = lineend.Normalize(data)
	out := map[string]*entry{}
	pos := func(n ast.Node) diag.Pos {
		line, col := yamlpos.Of(n)
		return diag.Pos{Path: file, Line: line, Col: col}
	}
	if line, col, over := yamlpos.OpenBrackets(data); over {
		list.Errorf(diag.Pos{Path: file, Line: line, Col: col}, "more than %d brackets are open here: close the lists and mappings opened before", yamlpos.MaxOpenBrackets)
		return out
	}
	f, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		line, col, msg, _ := yamlpos.Error(err)
		line, col = yamlpos.Relocate(data, line, col, msg)
		list.Errorf(diag.Pos{Path: file, Line: line, Col: col}, "%s", msg)
		return out
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return out
	}
	if len(f.Docs) > 1 {
		line, col := yamlpos.Separator(f)
		list.Errorf(diag.Pos{Path: file, Line: line, Col: col}, "a translation file must be a single YAML document: remove this line, and move the keys after it into the first document")
	}
	a := anchors{}
	ast.Walk(a, f.Docs[0].Body)
	m, ok := a.resolve(f.Docs[0].Body).(*ast.MappingNode)
	if !ok {
		msg := "a translation file must be a mapping of keys to words, such as updated: \"Updated\""
		if isIDList(f.Docs[0].Body) {
			msg = "this is the list form of Hugo's older translation files (- id: updated, translation: Updated): write each entry as its id and its words, updated: Updated"
		}
		list.Errorf(pos(f.Docs[0].Body), "%s", msg)
		return out
	}
	for _, mv := range m.Values {
		key, ok := scalar(a.resolve(mv.Key))
		if !ok || !validKey(key) {
			list.Errorf(pos(mv.Key), "a key is a name of letters, digits, \"_\", \"-\" and \".\", such as min_read")
			continue
		}
		if _, dup := out[key]; dup {
			list.Errorf(pos(mv.Key), "duplicate key %q: delete one of the two", key)
			continue
		}
		e, ok := parseValue(key, pos(mv.Key), a.resolve(mv.Value), a, pos, list)
		if ok {
			e.where = pos(mv.Key)
			out[key] = e
		}
	}
	return out
}

func validKey(k string) bool {
	if k == "" {
		return false
	}
	for _, c := range []byte(k) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// parseValue reads the value of key: a string, a mapping of plural forms,
// for months a list of twelve names, and for day_numbers a mapping of days.
func parseValue(key string, keyPos diag.Pos, n ast.Node, a anchors, pos func(ast.Node) diag.Pos, list *diag.List) (*entry, bool) {
	if key == "day_numbers" {
		return parseDayNumbers(n, a, pos, list)
	}
	switch v := n.(type) {
	case *ast.MappingNode:
		if reserved(key) {
			break
		}
		return parseForms(key, v, keyPos, a, pos, list)
	case *ast.SequenceNode:
		if key != "months" {
			break
		}
		if len(v.Values) != 12 {
			list.Errorf(pos(n), "months lists the twelve month names, January first: this list has %d", len(v.Values))
			return nil, false
		}
		names := make([]string, 12)
		for i, m := range v.Values {
			s, ok := scalar(a.resolve(m))
			if !ok || s == "" {
				list.Errorf(pos(m), "write the month's name here")
				return nil, false
			}
			names[i] = s
		}
		return &entry{list: names}, true
	default:
		s, ok := scalar(n)
		if !ok {
			break
		}
		if key == "months" {
			list.Errorf(pos(n), "months lists the twelve month names, January first: write [January, February, …]")
			return nil, false
		}
		if err := checkPlaceholders(s); err != "" {
			list.Errorf(pos(n), "%s", err)
			return nil, false
		}
		return &entry{other: s}, true
	}
	switch {
	case key == "months":
		list.Errorf(pos(n), "months lists the twelve month names, January first: write [January, February, …]")
	case reserved(key):
		list.Errorf(pos(n), "%s is a pattern such as \"{month} {day}, {year}\": write it as a string", key)
	default:
		list.Errorf(pos(n), "write a string here, or a mapping of plural forms such as {one: \"{count} article\", other: \"{count} articles\"}")
	}
	return nil, false
}

// parseForms reads a mapping of plural forms.
func parseForms(key string, m *ast.MappingNode, keyPos diag.Pos, a anchors, pos func(ast.Node) diag.Pos, list *diag.List) (*entry, bool) {
	e := &entry{}
	seen := map[string]bool{}
	ok := true
	for _, mv := range m.Values {
		name, _ := scalar(a.resolve(mv.Key))
		form, known := formOf(name)
		if !known {
			msg := "plural forms are " + joinQuoted(formNames)
			if near := yamlpos.Suggest(name, formNames); near != "" {
				msg = "did you mean \"" + near + "\"? " + msg
			}
			list.Errorf(pos(mv.Key), "%q is not a plural form: %s", name, msg)
			ok = false
			continue
		}
		if seen[name] {
			list.Errorf(pos(mv.Key), "duplicate form %q: delete one of the two", name)
			ok = false
			continue
		}
		seen[name] = true
		s, isScalar := scalar(a.resolve(mv.Value))
		if !isScalar {
			list.Errorf(pos(mv.Value), "write the words for the form %q as a string", name)
			ok = false
			continue
		}
		if err := checkPlaceholders(s); err != "" {
			list.Errorf(pos(mv.Value), "%s", err)
			ok = false
			continue
		}
		switch form {
		case plural.Other:
			e.other = s
		case plural.Zero:
			e.zero = s
		default:
			if e.forms == nil {
				e.forms = map[plural.Form]string{}
			}
			e.forms[form] = s
		}
	}
	if ok && !seen["other"] {
		list.Errorf(keyPos, "%s has no \"other\" form, which every language uses: add other: \"…\"", key)
		ok = false
	}
	return e, ok
}

// parseDayNumbers reads the value of day_numbers, a mapping of days of the
// month to how the language writes them where not as a number: {1: 1er}.
// The entry's list holds them by day, "" for a day the mapping leaves out.
func parseDayNumbers(n ast.Node, a anchors, pos func(ast.Node) diag.Pos, list *diag.List) (*entry, bool) {
	m, isMap := n.(*ast.MappingNode)
	if !isMap {
		list.Errorf(pos(n), "day_numbers maps days of the month to how they are written, such as {1: 1er}: write a mapping")
		return nil, false
	}
	days := make([]string, 31)
	ok := true
	for _, mv := range m.Values {
		ok = dayNumber(mv, days, a, pos, list) && ok
	}
	if !ok {
		return nil, false
	}
	return &entry{list: days}, true
}

// dayNumber reads one day of day_numbers into days, or reports why not.
func dayNumber(mv *ast.MappingValueNode, days []string, a anchors, pos func(ast.Node) diag.Pos, list *diag.List) bool {
	k, _ := scalar(a.resolve(mv.Key))
	d, err := strconv.Atoi(k)
	if err != nil || d < 1 || d > 31 {
		list.Errorf(pos(mv.Key), "%q is not a day of the month: write a number from 1 to 31", k)
		return false
	}
	if days[d-1] != "" {
		list.Errorf(pos(mv.Key), "duplicate day %d: delete one of the two", d)
		return false
	}
	s, isScalar := scalar(a.resolve(mv.Value))
	if !isScalar || s == "" {
		list.Errorf(pos(mv.Value), "write how day %d is written as a string", d)
		return false
	}
	if msg := checkPlaceholders(s); msg != "" {
		list.Errorf(pos(mv.Value), "%s", msg)
		return false
	}
	days[d-1] = s
	return true
}

// anchors are the anchors of a file by name, the values that its aliases
// stand for.
type anchors map[string]ast.Node

func (a anchors) Visit(n ast.Node) ast.Visitor {
	if x, ok := n.(*ast.AnchorNode); ok && x.Name != nil && x.Name.GetToken() != nil {
		a[x.Name.GetToken().Value] = x.Value
	}
	return a
}

// resolve returns the node that n stands for, as YAML reads it: the value
// of an anchor (&a Suche) or of a tag (!!str 5), and the anchored value of
// an alias (*a). An alias to no anchor, or in a cycle, is returned as it
// is, which is then no words.
func (a anchors) resolve(n ast.Node) ast.Node {
	for hops := 0; ; {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		case *ast.AliasNode:
			if v.Value == nil || v.Value.GetToken() == nil {
				return n
			}
			target, ok := a[v.Value.GetToken().Value]
			if !ok || hops > len(a) {
				return n
			}
			n, hops = target, hops+1
		default:
			return n
		}
	}
}

// scalar returns the text of a scalar node: a string as decoded, anything
// else (a number, "yes") as written.
func scalar(n ast.Node) (string, bool) {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		if v.Value == nil {
			return "", true
		}
		return v.Value.Value, true
	case *ast.NullNode, *ast.AnchorNode, *ast.AliasNode, *ast.TagNode:
		return "", false // a null, or an alias that names no anchor
	case ast.ScalarNode:
		if tk := n.GetToken(); tk != nil {
			return tk.Value, true
		}
	}
	return "", false
}

// joinQuoted lists names, quoted: "a", "b" and "c".
func joinQuoted(names []string) string {
	var b strings.Builder
	for i, n := range names {
		switch {
		case i == len(names)-1 && i > 0:
			b.WriteString(" and ")
		case i > 0:
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(n))
	}
	return b.String()
}

// isIDList reports whether n is a list of mappings with an "id" key, as
// go-i18n's first file format and Hugo's older sites have them.
func isIDList(n ast.Node) bool {
	seq, ok := n.(*ast.SequenceNode)
	if !ok || len(seq.Values) == 0 {
		return false
	}
	m, ok := seq.Values[0].(*ast.MappingNode)
	if !ok {
		return false
	}
	for _, mv := range m.Values {
		if k, _ := scalar(mv.Key); k == "id" {
			return true
		}
	}
	return false
}
