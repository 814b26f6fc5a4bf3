// Package yamlpos turns goccy/go-yaml errors and nodes into file positions,
// suggests the nearest known key for a misspelt one, and finds the
// brackets left open that would make a parser slow (OpenBrackets, which
// TOML front matter uses too).
//
// It is shared by the config and content stages, which both decode YAML
// strictly and report "path:line:col: message". Line numbers of a node are
// relative to the YAML text; callers add the line on which that text starts
// in the file.
package yamlpos

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
)

// Of returns the 1-based line and column of a node, or 0, 0 when unknown.
// A document's is that of its "---", else of its body.
func Of(n ast.Node) (line, col int) {
	if d, ok := n.(*ast.DocumentNode); ok {
		if d.Start != nil && d.Start.Position != nil {
			return d.Start.Position.Line, d.Start.Position.Column
		}
		n = d.Body // go-yaml's GetToken fails on a document without one
	}
	if n == nil {
		return 0, 0
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 0, 0
	}
	return tk.Position.Line, tk.Position.Column
}

// MaxOpenBrackets bounds the brackets ("[", "{") left open at any point of
// YAML or TOML. go-yaml takes time quadratic in the "[" it finds unclosed (4 s
// for 20,000), and the TOML decoder time and memory quadratic in the inline
// tables (160 MB for 2,000), so callers refuse more before parsing. Nothing
// real comes near it: front matter nested past 32 levels is refused anyway.
const MaxOpenBrackets = 256

// OpenBrackets reports the line and column at which more than
// MaxOpenBrackets brackets are open in data, counted without regard to
// quotes or comments.
func OpenBrackets(data []byte) (line, col int, over bool) {
	open, line, start := 0, 1, 0
	for i, c := range data {
		switch c {
		case '[', '{':
			if open++; open > MaxOpenBrackets {
				return line, i - start + 1, true
			}
		case ']', '}':
			open = max(open-1, 0)
		case '\n':
			line, start = line+1, i+1
		}
	}
	return 0, 0, false
}

// Unclosed finds the bracket that go-yaml's "',' or ']' must be specified"
// (or '}') is about: go-yaml places it where the next key begins, on the
// line after the unclosed list, which an editor then searches in vain. It
// returns the position of the last "[" (or "{") left open on a line
// before the given one, counting brackets outside quotes and comments,
// and ok when there is one.
func Unclosed(data []byte, line int, open byte) (l, c int, ok bool) {
	lines := strings.Split(string(data), "\n")
	for i := min(line-1, len(lines)) - 1; i >= 0; i-- {
		var stack []int
		quote := byte(0)
	scan:
		for j := 0; j < len(lines[i]); j++ {
			switch ch := lines[i][j]; {
			case quote != 0:
				if ch == quote {
					quote = 0
				}
			case ch == '"' || ch == '\'':
				quote = ch
			case ch == '#' && (j == 0 || lines[i][j-1] == ' '):
				break scan
			case ch == open:
				stack = append(stack, j)
			case ch == ']' && open == '[', ch == '}' && open == '{':
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			}
		}
		if len(stack) > 0 {
			return i + 1, stack[len(stack)-1] + 1, true
		}
	}
	return 0, 0, false
}

// Relocate moves the position of an unclosed-bracket error, as Error
// gives it, to the bracket (see Unclosed); other errors keep theirs.
func Relocate(data []byte, line, col int, msg string) (int, int) {
	open := byte(0)
	switch {
	case strings.HasPrefix(msg, "',' or ']' must be specified"):
		open = '['
	case strings.HasPrefix(msg, "',' or '}' must be specified"):
		open = '{'
	default:
		return line, col
	}
	if l, c, ok := Unclosed(data, line, open); ok {
		return l, c
	}
	return line, col
}

// Decode decodes n into v with dec, or with a decoder of its own when dec
// is nil. go-yaml panics on some odd trees (a tag around an anchored list
// where a list goes, among others FuzzLoad found); Decode turns that into
// an error, which has no position: callers put it at n.
func Decode(dec *yaml.Decoder, n ast.Node, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("cannot read this value: write it without YAML tags (!) or anchors (&)")
		}
	}()
	if dec == nil {
		return yaml.NodeToValue(n, v)
	}
	return dec.DecodeFromNode(n, v)
}

// Separator returns the position of the line that ends the first document
// of f, which must have two or more: the second one's "---", else the first
// one's "...", else the second one's body; 1, 1 when none is known.
func Separator(f *ast.File) (line, col int) {
	if tk := f.Docs[0].End; tk != nil && tk.Position != nil && (f.Docs[1].Start == nil || f.Docs[1].Start.Position == nil) {
		return tk.Position.Line, tk.Position.Column
	}
	if line, col = Of(f.Docs[1]); line > 0 {
		return line, col
	}
	return 1, 1
}

// Error extracts the position and a one-line message from a go-yaml error.
// ok is false when err carries no position.
func Error(err error) (line, col int, msg string, ok bool) {
	var ye yaml.Error
	if !errors.As(err, &ye) {
		return 0, 0, firstLine(err.Error()), false
	}
	msg = ye.GetMessage()
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msg = "expected " + Describe(te.DstType)
	}
	msg += advice(msg)
	tk := ye.GetToken()
	if tk == nil || tk.Position == nil {
		return 0, 0, msg, false
	}
	return tk.Position.Line, tk.Position.Column, msg, true
}

// advices say what to do about go-yaml's commonest syntax errors in front
// matter and config, by the start of its message.
var advices = []struct{ prefix, advice string }{
	{"mapping value is not allowed in this context", `: a value that holds ": " must be quoted, as in title: "How to: Start"; or this line is indented more than the one before`},
	{"value is not allowed in this context", `: text follows a quoted value, a list or a mapping on one line: quote the whole value, as in title: "[Draft] Notes", writing '' for a ' inside '…'; or check the indentation`},
	{"sequence end token ']' not found", ": a list opened with [ is not closed: end it with ]"},
	{"mapping end token '}' not found", ": a mapping opened with { is not closed: end it with }"},
	{"',' or ']' must be specified", ": a list opened with [ is not closed: end it with ]"},
	{"',' or '}' must be specified", ": a mapping opened with { is not closed: end it with }"},
	{"could not find end character of double-quoted text", `: the quoted value is not closed: end it with "`},
	{"could not find end character of single-quoted text", ": the quoted value is not closed: end it with '"},
	{"found character '\t' that cannot start any token", ": YAML indents with spaces: replace the tab"},
	{"found a tab character", ": YAML indents with spaces: replace the tab"},
	{"'@' is a reserved character", `: a value that begins with @ must be quoted, as in "@name"`},
	{"'`' is a reserved character", ": a value that begins with ` must be quoted, as in \"`code` tips\""},
	{"unexpected directive value", `: a value that begins with % must be quoted, as in "%d off"`},
}

func advice(msg string) string {
	for _, a := range advices {
		if strings.HasPrefix(msg, a.prefix) {
			return a.advice
		}
	}
	return ""
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// Describe names a Go type the way a site author thinks of a value.
func Describe(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	switch t.Kind() {
	case reflect.Pointer:
		return Describe(t.Elem())
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "a mapping of keys to values"
	}
	return "a " + t.String()
}

// Unknown returns the message for an unknown key, with the nearest known key
// as a suggestion when one is close enough.
func Unknown(key string, known []string) string {
	if s := Suggest(key, known); s != "" {
		return fmt.Sprintf("unknown key %q; did you mean %q?", key, s)
	}
	return fmt.Sprintf("unknown key %q", key)
}

// Suggest returns the known key nearest to key by edit distance, or "" when
// none is within a third of the key's length (at least 1, at most 3 edits).
func Suggest(key string, known []string) string {
	limit := min(max(len(key)/3, 1), 3)
	best, bestDist := "", limit+1
	lower := strings.ToLower(key)
	for _, k := range known {
		if d := distance(lower, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, by bytes, with
// transpositions of neighbours counted as one edit.
func distance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
