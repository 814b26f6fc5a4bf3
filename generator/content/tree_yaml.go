package content

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/byline/byline/generator/internal/yamlpos"
)

// yamlTree parses YAML front matter whose first line is file line `line`.
// The common, simple front matter takes a fast path (yamlFast); the rest,
// and every error, goes to go-yaml (goccyTree).
func yamlTree(data []byte, line int) (*value, []*posError) {
	if v, ok := yamlFast(data, line); ok {
		return v, nil
	}
	return goccyTree(data, line)
}

// goccyTree parses YAML front matter with go-yaml. Duplicate keys are
// reported here, with both lines, rather than by go-yaml.
func goccyTree(data []byte, line int) (*value, []*posError) {
	if l, c, deep := yamlpos.OpenBrackets(data); deep {
		return nil, []*posError{{l + line - 1, c, errTooDeep.Error()}}
	}
	f, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		l, c, msg, ok := yamlpos.Error(err)
		if !ok {
			l, c = 1, 1
		}
		l, c = yamlpos.Relocate(data, l, c, msg)
		return nil, []*posError{{l + line - 1, c, msg}}
	}
	b := yamlBuilder{line: line, anchors: map[string]ast.Node{}}
	if len(f.Docs) > 1 {
		l, c := yamlpos.Separator(f)
		b.errs = append(b.errs, &posError{l + line - 1, c, "front matter must be a single YAML document: remove this line, or end the front matter here"})
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return nil, b.errs
	}
	v := b.build(f.Docs[0].Body, 0)
	return v, b.errs
}

type yamlBuilder struct {
	line    int
	anchors map[string]ast.Node
	errs    []*posError
	// aliased counts the values built again for aliases: each alias is a
	// copy of its anchor's value, so aliases of aliases multiply (ten
	// lines can stand for a billion values). Past maxAliased, an alias
	// is an error instead.
	aliased  int
	inAlias  bool
	reported bool
}

// maxAliased bounds the values aliases may copy in one document: far more
// than any front matter or data file uses, and built in well under a second.
const maxAliased = 1_000_000

func (b *yamlBuilder) pos(n ast.Node) (int, int) {
	l, c := yamlpos.Of(n)
	if l == 0 {
		return b.line, 1
	}
	return l + b.line - 1, c
}

func (b *yamlBuilder) errorf(n ast.Node, msg string) {
	l, c := b.pos(n)
	b.errs = append(b.errs, &posError{l, c, msg})
}

// maxDepth bounds nesting, so hostile input cannot exhaust the stack.
const maxDepth = 32

func (b *yamlBuilder) build(n ast.Node, depth int) *value {
	l, c := b.pos(n)
	v := &value{line: l, col: c}
	if depth > maxDepth {
		b.errorf(n, "front matter is nested too deeply")
		return v
	}
	if b.inAlias {
		if b.aliased++; b.aliased > maxAliased {
			return v // reported once, at the alias that passed the bound
		}
	}
	switch n := n.(type) {
	case *ast.AnchorNode:
		b.anchors[n.Name.String()] = n.Value
		return b.build(n.Value, depth+1)
	case *ast.AliasNode:
		target, ok := b.anchors[n.Value.String()]
		if !ok {
			b.errorf(n, "unknown alias *"+n.Value.String())
			return v
		}
		outer := b.inAlias
		b.inAlias = true
		t := b.build(target, depth+1)
		b.inAlias = outer
		if !outer && b.aliased > maxAliased && !b.reported {
			b.errorf(n, fmt.Sprintf("aliases expand to more than %d values here: write the values out, or use fewer aliases of aliases", maxAliased))
			b.reported = true
		}
		return t
	case *ast.MappingNode:
		v.kind = mapValue
		b.mapping(v, n.Values, depth)
	case *ast.MappingValueNode:
		v.kind = mapValue
		b.mapping(v, []*ast.MappingValueNode{n}, depth)
	case *ast.SequenceNode:
		v.kind = listValue
		for _, item := range n.Values {
			v.list = append(v.list, b.build(item, depth+1))
		}
	case *ast.StringNode:
		// Taken as written: go-yaml would turn a timestamp into a UTC
		// time.Time, but a date without an offset is in the site's zone.
		v.scalar = n.Value
	default:
		if err := yamlpos.Decode(nil, n, &v.scalar); err != nil {
			b.errorf(n, err.Error())
		}
		if u, ok := v.scalar.(uint64); ok {
			v.scalar = float64(u)
		}
	}
	return v
}

func (b *yamlBuilder) mapping(v *value, items []*ast.MappingValueNode, depth int) {
	seen := dupTracker{}
	for _, mv := range items {
		key := mv.Key.String()
		if k, ok := mv.Key.(*ast.StringNode); ok {
			key = k.Value
		}
		l, c := b.pos(mv.Key)
		if !seen.check(key, l, c, &b.errs) {
			continue
		}
		v.entries = append(v.entries, &entry{key: key, line: l, col: c, val: b.build(mv.Value, depth+1)})
	}
}

// plainScalar types a plain scalar as go-yaml does: its null and boolean
// keywords, then its numbers (token.ToNumber; a positive integer becomes
// a float64, as in yamlBuilder.build), else a string. It declines .inf
// and .nan (NaN equals nothing), so it may only be called under yamlFast.
func plainScalar(s string) any {
	switch s {
	case "null", "Null", "NULL", "~":
		return nil
	case "true", "True", "TRUE":
		return true
	case "false", "False", "FALSE":
		return false
	case ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
		panic(declined{})
	}
	if !maybeNumber(s) {
		return s
	}
	num := token.ToNumber(s)
	if num == nil {
		return s
	}
	switch x := num.Value.(type) {
	case float64:
		return x
	case uint64:
		return float64(x)
	case int64:
		return x
	}
	panic(declined{})
}

// isPlainString reports whether go-yaml takes plain scalar s for a string,
// without plainScalar's allocation.
func isPlainString(s string) bool {
	switch s {
	case "null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE",
		".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
		return false
	}
	return !maybeNumber(s) || token.ToNumber(s) == nil
}

// maybeNumber is false when token.ToNumber(s) is surely nil, cheaply.
// ToNumber strips one "+" then one "-" in front and every "_", and then
// strconv must parse the rest: so it starts with a digit, "." or a sign,
// has no character strconv never parses, and no sign unless it is a float
// (one "."): "2024-01-02" is no number, but "++.5" is.
func maybeNumber(s string) bool {
	t := strings.TrimPrefix(strings.TrimPrefix(s, "+"), "-")
	first := strings.TrimLeft(t, "_")
	if first == "" || strings.IndexByte("0123456789.+-", first[0]) < 0 {
		return false
	}
	dots, signs := 0, 0
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c == '.':
			dots++
		case c == '-' || c == '+':
			signs++
		case c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		default:
			return false
		}
	}
	return signs == 0 || dots == 1
}
