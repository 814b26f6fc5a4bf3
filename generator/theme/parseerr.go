package theme

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/internal/yamlpos"
)

// builtinFuncs are text/template's own functions.
var builtinFuncs = []string{"and", "call", "eq", "ge", "gt", "html", "index", "js", "le", "len", "lt", "ne", "not", "or", "print", "printf", "println", "slice", "urlquery"}

var (
	undefinedRE = regexp.MustCompile(`^function "([^"]+)" not defined`)
	// actionRE finds the actions that open a block, the ends, and the
	// comments and raw strings to skip, in a template's text.
	actionRE = regexp.MustCompile("(?s)\\{\\{-?\\s*(?:/\\*.*?\\*/\\s*-?\\}\\}|(if|range|with|define|block|end)\\b)|`[^`]*`")
)

// explainParse makes a parse error of the template file text one a person
// can act on, where text/template gives only a line: an undefined function
// is placed at its name, with the nearest function's name as a
// suggestion; "unexpected EOF" is placed at the block that has no end.
func explainParse(d *diag.Diagnostic, text string, funcs []string) {
	switch m := undefinedRE.FindStringSubmatch(d.Msg); {
	case m != nil:
		if col := wordIn(lineOf(text, d.Line), m[1]); col > 0 {
			d.Col = col
		}
		known := slices.Concat(builtinFuncs, funcs)
		if !strings.HasSuffix(d.Msg, "not defined") {
			// advice given already (habitAdvice)
		} else if s := yamlpos.Suggest(m[1], known); s != "" {
			d.Msg += fmt.Sprintf("; did you mean %q?", s)
		} else {
			slices.Sort(known)
			d.Msg += ": the functions a template can call are " + strings.Join(known, ", ")
		}
	case d.Msg == "unexpected EOF":
		if open, last, ok := unclosed(text); ok {
			d.Line, d.Col = position(text, open.at)
			d.Msg = fmt.Sprintf("{{ %s }} has no {{ end }}: add one where its block ends", open.word)
			if last.end > open.at {
				l, c := position(text, last.at)
				el, ec := position(text, last.end)
				d.Msg += fmt.Sprintf(" (the last {{ end }}, at %d:%d, closes the {{ %s }} at %d:%d)", el, ec, last.word, l, c)
			}
		}
	}
}

// block is an action that opens a block (at, an offset in the text), its
// keyword, and the offset of the {{ end }} that closes it (0 while open).
type block struct {
	at, end int
	word    string
}

// unclosed finds the innermost block of text left open at its end, and
// the block closed last.
func unclosed(text string) (open, last block, ok bool) {
	var stack []block
	for _, m := range actionRE.FindAllStringSubmatchIndex(text, -1) {
		if m[2] < 0 {
			continue // a comment or a raw string
		}
		switch w := text[m[2]:m[3]]; w {
		case "end":
			if len(stack) > 0 {
				last = stack[len(stack)-1]
				last.end = m[0]
				stack = stack[:len(stack)-1]
			}
		default:
			stack = append(stack, block{at: m[0], word: w})
		}
	}
	if len(stack) == 0 {
		return block{}, block{}, false
	}
	return stack[len(stack)-1], last, true
}

// position returns the line and column, from 1, of byte offset at of text.
func position(text string, at int) (line, col int) {
	before := text[:at]
	return strings.Count(before, "\n") + 1, at - strings.LastIndexByte(before, '\n')
}

// lineOf returns line n of text, counting from 1.
func lineOf(text string, n int) string {
	lines := strings.Split(text, "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

// wordIn returns the 1-based byte column of the first whole-word w in an
// action of line, or 0.
func wordIn(line, w string) int {
	for i := 0; ; {
		j := strings.Index(line[i:], w)
		if j < 0 {
			return 0
		}
		at, end := i+j, i+j+len(w)
		inAction := strings.LastIndex(line[:at], "{{") > strings.LastIndex(line[:at], "}}")
		// A "." before the name makes it a field's; one after it is a
		// field of the function's result ({{ now.Year }}).
		if inAction && !isWordByte(line, at-1) && (!isWordByte(line, end) || line[end] == '.') {
			return at + 1
		}
		i = end
	}
}

func isWordByte(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	c := s[i]
	return c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// parseError is the diagnostic of an error parsing the file name, whose
// text is text (see explainParse).
func (l *loader) parseError(err error, name, text string) *diag.Diagnostic {
	d := l.th.locate(err, name)
	explainParse(d, text, slices.Sorted(maps.Keys(l.funcs)))
	return d
}
