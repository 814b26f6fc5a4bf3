package theme

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"sync/atomic"
	"text/template/parse"
	"time"
)

// MaxOutput caps what one execution writes: a page, or one partial called
// through partialCached. No real page comes near it; a template whose range
// or calls repeat without end reaches it in well under a second, and fails
// instead of taking all the memory there is.
const MaxOutput = 64 << 20

// TimeLimit is how long one execution (a page, a partial or a shortcode)
// may run unless SetTimeLimit says otherwise: past it, the execution fails
// within clockEvery writes (clockEvery passes of a range that repeats
// without end and writes nothing else). Every range of a theme writes once per pass (see
// guardRanges), so a range that repeats without end is stopped even when
// it writes nothing of its own. The render stage's own limit on a page is
// shorter and is reported first; this one ends the run it gave up on.
const TimeLimit = 45 * time.Second

// clockEvery is how many writes pass between two looks at the clock.
const clockEvery = 64

var (
	// errTooBig is what the capped writer returns once an execution passes
	// MaxOutput; text/template stops at the first failed write and returns it.
	errTooBig = errors.New("output too big")
	// errTooLong is what it returns once an execution passes its time limit.
	errTooLong = errors.New("ran too long")
	// errStopped is what it returns once the theme was stopped (Stop).
	errStopped = errors.New("stopped")
)

// capped is the writer of one execution: it fails once more than MaxOutput
// bytes went through it, and, at its first write and every clockEvery-th,
// once the execution has run past its deadline or the theme is stopped.
type capped struct {
	w        io.Writer
	left     int
	writes   int
	deadline time.Time
	stopped  *atomic.Bool
}

func (t *Theme) newCapped(w io.Writer) *capped {
	// The first write looks, so that nothing runs to its end after Stop.
	return &capped{w: w, left: MaxOutput, writes: clockEvery - 1, deadline: time.Now().Add(t.limit), stopped: &t.stopped}
}

func (c *capped) Write(p []byte) (int, error) {
	if c.writes++; c.writes%clockEvery == 0 {
		if c.stopped.Load() {
			return 0, errStopped
		}
		if time.Now().After(c.deadline) {
			return 0, errTooLong
		}
	}
	if len(p) == 0 {
		return 0, nil // a guard's pass (see guardRanges)
	}
	if len(p) > c.left {
		c.left = 0
		return 0, errTooBig
	}
	c.left -= len(p)
	return c.w.Write(p)
}

// SetTimeLimit sets how long each execution may run (TimeLimit when it is
// never called). It must be called before the theme is used.
func (t *Theme) SetTimeLimit(d time.Duration) { t.limit = d }

// Stop makes every execution of the theme, running or to come, fail soon:
// at its first write, and a running one within clockEvery writes. It is
// for a theme whose build was cancelled or is thrown away, so that nothing
// of it runs on.
func (t *Theme) Stop() { t.stopped.Store(true) }

// limitMessage is the message for an execution of what ("the page", a
// partial's name) that failed with err, one of the writer's errors, or "".
func (t *Theme) limitMessage(what string, err error) string {
	switch {
	case errors.Is(err, errTooBig):
		return fmt.Sprintf("%s passed %d MiB of output and was stopped: look for a range or a template call in it, or in what it calls, that repeats without end", what, MaxOutput>>20)
	case errors.Is(err, errTooLong):
		return fmt.Sprintf("%s ran for more than %v and was stopped: look for a range in it, or in what it calls, that repeats without end", what, t.limit)
	case errors.Is(err, errStopped):
		return what + " was stopped: the build it was part of was cancelled"
	}
	return ""
}

// guardRanges makes every pass of every range in the templates of set
// write, so that each pass reaches the capped writer, which can end a range
// that would otherwise repeat without end, silently, until the process
// ends. A body that begins with text or with an action that prints (most
// do) writes on each pass already; any other begins from now on with an
// empty text node, which text/template writes, empty as it is. The node
// goes first, where {{ continue }} cannot skip it. It leaves the output and
// the escaping contexts as they were. A non-empty file limits it to the
// templates parsed from that file: a kind's set is a clone of the base
// set, whose templates are guarded already.
func guardRanges(set *template.Template, file string) {
	for _, t := range set.Templates() {
		if t.Tree != nil && t.Tree.Root != nil && (file == "" || t.Tree.ParseName == file) {
			guardList(t.Tree.Root)
		}
	}
}

func guardList(l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.IfNode:
			guardList(n.List)
			guardList(n.ElseList)
		case *parse.WithNode:
			guardList(n.List)
			guardList(n.ElseList)
		case *parse.RangeNode:
			guardList(n.List)
			guardList(n.ElseList)
			if n.List == nil {
				n.List = &parse.ListNode{NodeType: parse.NodeList, Pos: n.Pos}
			}
			if !writesFirst(n.List) {
				tick := &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte{}}
				n.List.Nodes = append([]parse.Node{tick}, n.List.Nodes...)
			}
		}
	}
}

// writesFirst reports whether l begins with a node that writes whenever it
// runs: text (html/template may empty it, but it is still written), or an
// action that prints rather than sets a variable.
func writesFirst(l *parse.ListNode) bool {
	if len(l.Nodes) == 0 {
		return false
	}
	switch n := l.Nodes[0].(type) {
	case *parse.TextNode:
		return true
	case *parse.ActionNode:
		return len(n.Pipe.Decl) == 0
	}
	return false
}
