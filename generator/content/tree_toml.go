package content

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/byline/byline/generator/internal/yamlpos"
)

// tomlTree parses TOML front matter whose first line is file line `line`.
// BurntSushi/toml reports no positions for decoded keys, so they are found
// by scanning the text for "key =" lines and [table] headers.
func tomlTree(data []byte, line int) (*value, []*posError) {
	if l, c, deep := yamlpos.OpenBrackets(data); deep {
		return nil, []*posError{{l + line - 1, c, errTooDeep.Error()}}
	}
	var m map[string]any
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			l, c := tomlErrorPos(data, pe.Position)
			return nil, []*posError{{l + line - 1, c, tomlMessage.Replace(pe.Message)}}
		}
		return nil, []*posError{{line, 1, err.Error()}}
	}
	b := tomlBuilder{pos: scanTOMLKeys(data, line), line: line}
	root := &value{line: line, col: 1, kind: mapValue}
	b.fill(root, m, md.Keys(), nil)
	return root, nil
}

// tomlMessage rewrites the line ends, tabs and end of data that the
// decoder quotes raw in its messages ("invalid escape in string '\<LF>'"),
// so that a message reads on one line.
var tomlMessage = strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`, "\x00", "")

// tomlErrorPos returns the line and column of a TOML error in data. The
// error's byte offset is right where its line and column are not: the
// decoder counts lines one short for some errors at the end of the data
// (an escape cut off by it is on "line 0"), and gives a duplicate key the
// column of the previous line's end. So the offset wins, unless it is
// missing (0 past the first line).
func tomlErrorPos(data []byte, p toml.Position) (line, col int) {
	if p.Start > 0 && p.Start <= len(data) || p.Start == 0 && p.Line <= 1 {
		return lineCol(data, p.Start)
	}
	return max(p.Line, 1), max(p.Col, 1)
}

type tomlBuilder struct {
	pos  map[string][2]int // dotted key path → {line, col} of its value
	line int
}

func (b *tomlBuilder) build(x any, path string, at [2]int) *value {
	if p, ok := b.pos[path]; ok {
		at = p
	}
	v := &value{line: at[0], col: at[1]}
	switch x := x.(type) {
	case map[string]any:
		v.kind = mapValue
		b.fill(v, x, nil, splitPath(path))
	case []map[string]any:
		v.kind = listValue
		for _, item := range x {
			v.list = append(v.list, b.build(item, path, at))
		}
	case []any:
		v.kind = listValue
		for _, item := range x {
			v.list = append(v.list, b.build(item, path, at))
		}
	default:
		v.scalar = x
	}
	return v
}

// fill adds the entries of m to v, in file order when keys gives it.
func (b *tomlBuilder) fill(v *value, m map[string]any, keys []toml.Key, prefix []string) {
	var names []string
	for _, k := range keys {
		if len(k) == len(prefix)+1 && slices.Equal(k[:len(prefix)], prefix) && m[k[len(k)-1]] != nil {
			names = append(names, k[len(k)-1])
		}
	}
	if len(names) != len(m) {
		names = names[:0]
		for k := range m {
			names = append(names, k)
		}
		slices.Sort(names)
	}
	for _, name := range names {
		path := strings.Join(append(slices.Clone(prefix), name), ".")
		at := [2]int{v.line, v.col}
		key := at
		if p, ok := b.pos["key:"+path]; ok {
			key = p
		}
		v.entries = append(v.entries, &entry{key: name, line: key[0], col: key[1], val: b.build(m[name], path, at)})
	}
}

func splitPath(p string) []string {
	if p == "" {
		return nil
	}
	return strings.Split(p, ".")
}

// scanTOMLKeys finds where keys are set: "key:a.b" maps to the key's
// position, "a.b" to its value's. Only plain keys are recognised; others
// fall back to the position of their table.
func scanTOMLKeys(data []byte, first int) map[string][2]int {
	pos := map[string][2]int{}
	var table []string
	for i, raw := range bytes.Split(data, []byte("\n")) {
		line := string(raw)
		trimmed := strings.TrimSpace(line)
		indent := len(line) - len(strings.TrimLeft(line, " \t"))
		n := first + i
		if strings.HasPrefix(trimmed, "[") {
			name := strings.Trim(trimmed, "[] \t")
			table = strings.Split(name, ".")
			add(pos, name, [2]int{n, indent + 1})
			continue
		}
		key, rest, ok := strings.Cut(trimmed, "=")
		if !ok || strings.HasPrefix(trimmed, "#") {
			continue
		}
		key = strings.Trim(strings.TrimSpace(key), `"'`)
		path := strings.Join(append(slices.Clone(table), key), ".")
		valCol := len(line) - len(strings.TrimLeft(rest, " \t")) + 1
		if _, ok := pos[path]; !ok {
			pos[path] = [2]int{n, valCol}
			pos["key:"+path] = [2]int{n, indent + 1}
		}
	}
	return pos
}

func add(pos map[string][2]int, path string, at [2]int) {
	if _, ok := pos[path]; !ok {
		pos[path] = at
		pos["key:"+path] = at
	}
}

// tomlLocal reports whether t is a TOML local date or date-time, which has
// no offset and must be read in the site's time zone.
func tomlLocal(t time.Time) bool {
	name := t.Location().String()
	return name == "datetime-local" || name == "date-local"
}
