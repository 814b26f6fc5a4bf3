// Package diag holds located messages about a site's files: the errors and
// warnings a build collects instead of stopping at the first one.
//
// A Diagnostic prints as "path:line:col: message", like go/scanner. A List
// collects them; List.Err is nil when the list holds no error, so a caller
// can write `return list.Err()`. Paths are relative to the project (for
// example "site/articles/x.md"); lines and columns count from 1, and 0 means
// "unknown".
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Severity says whether a message fails the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a position in a file. Line and Col count from 1; 0 is unknown.
type Pos struct {
	Path string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	return p.Path
}

// Diagnostic is one located message.
type Diagnostic struct {
	Pos
	Severity Severity
	Msg      string
}

// Error prints "path:line:col: message"; warnings get a "warning: " prefix.
func (d *Diagnostic) Error() string {
	if d.Severity == Warning {
		return d.Pos.String() + ": warning: " + d.Msg
	}
	return d.Pos.String() + ": " + d.Msg
}

// MaxErrors caps how many errors an ErrorList prints.
const MaxErrors = 50

// List collects diagnostics. It is safe for concurrent use.
type List struct {
	mu    sync.Mutex
	items []*Diagnostic
}

// Errorf adds an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.Add(&Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	l.Add(&Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Add appends d.
func (l *List) Add(d *Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Merge appends every diagnostic of other.
func (l *List) Merge(other *List) {
	if other == nil {
		return
	}
	for _, d := range other.All() {
		l.Add(d)
	}
}

// All returns the diagnostics sorted by path, line, column and message.
func (l *List) All() []*Diagnostic {
	l.mu.Lock()
	out := slices.Clone(l.items)
	l.mu.Unlock()
	slices.SortStableFunc(out, compare)
	return out
}

// Warnings returns the sorted warnings.
func (l *List) Warnings() []*Diagnostic {
	return l.filter(Warning)
}

func (l *List) filter(s Severity) []*Diagnostic {
	var out []*Diagnostic
	for _, d := range l.All() {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Err returns the errors as an ErrorList, or nil when there are none.
func (l *List) Err() error {
	if l == nil {
		return nil
	}
	errs := l.filter(Error)
	if len(errs) == 0 {
		return nil
	}
	return ErrorList(errs)
}

func compare(a, b *Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Path, b.Path),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.Msg, b.Msg),
	)
}

// ErrorList is a sorted list of errors; it is itself an error.
type ErrorList []*Diagnostic

// Error prints one diagnostic per line, capped at MaxErrors.
func (el ErrorList) Error() string {
	var b strings.Builder
	for i, d := range el {
		if i == MaxErrors {
			fmt.Fprintf(&b, "\n(and %d more errors)", len(el)-MaxErrors)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// Unwrap lets errors.As find a single *Diagnostic.
func (el ErrorList) Unwrap() []error {
	out := make([]error, len(el))
	for i, d := range el {
		out[i] = d
	}
	return out
}
