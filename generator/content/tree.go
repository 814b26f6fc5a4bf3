package content

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// A value is decoded front matter of any format, with the file position of
// every value and key, so YAML, TOML and JSON share one typed decoder and
// one set of messages.
type value struct {
	line, col int
	kind      valueKind
	// scalar is a string, bool, int64, float64, time.Time or nil.
	scalar  any
	list    []*value
	entries []*entry // a mapping's keys in document order
}

type valueKind uint8

const (
	scalarValue valueKind = iota
	listValue
	mapValue
)

type entry struct {
	key       string
	line, col int
	val       *value
}

// describe names what a value is, for "expected X, found Y" messages.
func (v *value) describe() string {
	switch v.kind {
	case listValue:
		return "a list"
	case mapValue:
		return "a mapping"
	}
	switch s := v.scalar.(type) {
	case nil:
		return "nothing"
	case string:
		return "the string " + strconv.Quote(short(s))
	case bool:
		return fmt.Sprintf("%t", s)
	case int64, float64:
		return fmt.Sprintf("the number %v", s)
	case time.Time:
		return "a date"
	}
	return fmt.Sprintf("%T", v.scalar)
}

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

var errTooDeep = errors.New("front matter is nested too deeply")

// dupTracker reports keys set twice in one mapping.
type dupTracker map[string]int

func (d dupTracker) check(key string, line, col int, errs *[]*posError) bool {
	if first, ok := d[key]; ok {
		*errs = append(*errs, &posError{line, col, fmt.Sprintf("duplicate key %q (first set on line %d)", key, first)})
		return false
	}
	d[key] = line
	return true
}
