package theme

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"
	"time"

	"github.com/byline/byline/generator/diag"
)

// MaxOutput caps what one execution writes: a page, or one partial called
// through partialCached. No real page comes near it; a template whose range
// or calls repeat without end reaches it in well under a second, and fails
// instead of taking all the memory there is.
const MaxOutput = 64 << 20

// TimeLimit is how long one execution (a page, a partial or a shortcode)
// may run unless SetTimeLimit says otherwise (Prepare sets the render
// stage's page limit): past it, the execution fails within a few hundred
// writes. Every range of a theme, and every run of a template, writes
// (see guardRanges), so a range or a template call that repeats without
// end is stopped even when it writes nothing of its own.
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
	// ErrOverdue is the error, by errors.Is, of a page that ran past the
	// time limit and was stopped; errors.As finds its *diag.Diagnostic.
	ErrOverdue = errors.New("the page ran past the time limit")
)

// overdueError is the error of a page stopped at the time limit.
type overdueError struct{ *diag.Diagnostic }

func (e overdueError) Unwrap() []error { return []error{e.Diagnostic, ErrOverdue} }

// capped is the writer of one execution: it fails once more than MaxOutput
// bytes went through it, and, at its first write and every clockEvery-th,
// once the execution has run past its deadline or the theme is stopped.
type capped struct {
	w        io.Writer
	left     int
	writes   int
	deadline time.Time
	t        *Theme
	// watching is set once the execution has passed its deadline: the
	// writer then looks at each write, for watchWrites more, to see which
	// ranges run (seen), and blames one of them (at; see blame).
	watching bool
	late     int
	seen     []seenGuard
	at       guard
}

// seenGuard is a range or a template that wrote while a run was watched,
// and how many times.
type seenGuard struct {
	key *byte
	g   guard
	n   int
}

// watchWrites is how many writes a run that passed its deadline goes on
// for, to see where it is: enough for a few passes of the range that
// repeats, few enough to take no time.
const watchWrites = 4 * clockEvery

func (t *Theme) newCapped(w io.Writer) *capped {
	// The first write looks, so that nothing runs to its end after Stop.
	return &capped{w: w, left: MaxOutput, writes: clockEvery - 1, deadline: time.Now().Add(t.limit), t: t}
}

func (c *capped) Write(p []byte) (int, error) {
	if c.writes++; c.writes%clockEvery == 0 || c.watching {
		if err := c.check(p); err != nil {
			return 0, err
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

// check fails the run once the theme is stopped, or once it has passed
// its deadline and watchWrites more writes.
func (c *capped) check(p []byte) error {
	if c.t.stopped.Load() {
		return errStopped
	}
	if !c.watching {
		if !time.Now().After(c.deadline) {
			return nil
		}
		c.watching = true
	}
	if g, key, ok := c.t.guardOf(p); ok {
		i := slices.IndexFunc(c.seen, func(s seenGuard) bool { return s.key == key })
		if i < 0 {
			i = len(c.seen)
			c.seen = append(c.seen, seenGuard{key: key, g: g})
		}
		c.seen[i].n++
	}
	if c.late++; c.late <= watchWrites {
		return nil
	}
	c.at = c.blame()
	return errTooLong
}

// blame picks where a run that went on too long is: the range seen least
// often, first seen on a tie. A range that repeats without end runs its
// inner ranges, which end, many times for each of its own passes, and an
// inner range that repeats without end keeps its outer one from being
// seen at all. A template is blamed only when no range was seen: a range
// that calls a template runs both. A range whose body begins with an
// action that prints is not seen (see tagGuards).
func (c *capped) blame() guard {
	var best *seenGuard
	for _, templates := range []bool{false, true} {
		for i := range c.seen {
			s := &c.seen[i]
			if (s.g.template != "") == templates && (best == nil || s.n < best.n) {
				best = s
			}
		}
		if best != nil {
			return best.g
		}
	}
	return guard{}
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
// at is the range or template it was stopped in, when known (see
// capped.at); here says the message is shown at its position, rather than
// naming it.
func (t *Theme) limitMessage(what string, err error, at guard, here bool) string {
	const (
		inRange    = "check that what it ranges over ends, and is not far longer than meant"
		inTemplate = "check that the template does not call itself without end"
	)
	switch {
	case errors.Is(err, errTooBig):
		return fmt.Sprintf("%s passed %d MiB of output and was stopped: look for a range or a template call in it, or in what it calls, that repeats without end", what, MaxOutput>>20)
	case errors.Is(err, errStopped):
		return what + " was stopped: the build it was part of was cancelled"
	case !errors.Is(err, errTooLong):
		return ""
	case at.pos.Path == "":
		return fmt.Sprintf("%s ran for more than %v and was stopped: look for a range in it, or in what it calls, that repeats without end", what, t.limit)
	case at.template == "" && here:
		return fmt.Sprintf("%s ran for more than %v and was stopped in this range: %s", what, t.limit, inRange)
	case at.template == "":
		return fmt.Sprintf("%s ran for more than %v and was stopped in the range at %s: %s", what, t.limit, at.pos, inRange)
	case here:
		return fmt.Sprintf("%s ran for more than %v and was stopped in template %q, which begins here: %s", what, t.limit, at.template, inTemplate)
	}
	return fmt.Sprintf("%s ran for more than %v and was stopped in template %q, which begins at %s: %s", what, t.limit, at.template, at.pos, inTemplate)
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
//
// A template that calls itself writes in the same way at each call: the
// body of a template that can call itself, and does not begin by writing,
// begins with a guard too, so that a template that calls itself twice,
// say, without writing, which could run for longer than the universe, is
// stopped as well.
func guardRanges(set *template.Template, file string) {
	for _, t := range set.Templates() {
		if t.Tree != nil && t.Tree.Root != nil && (file == "" || t.Tree.ParseName == file) {
			guardList(t.Tree.Root)
		}
	}
	// Only a template that can call itself, directly or through others,
	// can repeat without a range; the others keep their runs as they are.
	for _, t := range recursive(set) {
		if root := t.Tree.Root; !writesFirst(root) { // a guard writes first too
			root.Nodes = append([]parse.Node{&parse.TextNode{NodeType: parse.NodeText, Pos: root.Pos, Text: []byte{}}}, root.Nodes...)
		}
	}
}

// recursive returns the templates of set that can call themselves, with
// {{ template }} or {{ block }}, directly or through others.
func recursive(set *template.Template) []*template.Template {
	runs, _ := scan(set)
	var out []*template.Template
	for _, t := range set.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		if slices.ContainsFunc(runs[t.Name()], func(next string) bool { return pathTo(runs, next, t.Name()) != nil }) {
			out = append(out, t)
		}
	}
	return out
}

func guardList(l *parse.ListNode) {
	eachRange(l, func(n *parse.RangeNode) {
		if n.List == nil {
			n.List = &parse.ListNode{NodeType: parse.NodeList, Pos: n.Pos}
		}
		if !writesFirst(n.List) {
			tick := &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte{}}
			n.List.Nodes = append([]parse.Node{tick}, n.List.Nodes...)
		}
	})
}

// eachRange calls f with every range in l, each after those inside it.
func eachRange(l *parse.ListNode, f func(*parse.RangeNode)) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.IfNode:
			eachRange(n.List, f)
			eachRange(n.ElseList, f)
		case *parse.WithNode:
			eachRange(n.List, f)
			eachRange(n.ElseList, f)
		case *parse.RangeNode:
			eachRange(n.List, f)
			eachRange(n.ElseList, f)
			f(n)
		}
	}
}

// tagGuards gives each guard of set's templates (see guardRanges) bytes of
// its own, empty still, and records where its range is, so that a run
// stopped while writing a guard can say which range it was in. It must be
// called once set is escaped (html/template copies a template it escapes
// in a new context), before set runs; a guard copied later, untagged, has
// no position.
func (t *Theme) tagGuards(set *template.Template) {
	for _, tmpl := range set.Templates() {
		tree := tmpl.Tree
		if tree == nil || tree.Root == nil {
			continue
		}
		t.tagList(tree, tree.Root)
		if g, ok := guardAt(tree.Root, tree.Root.Pos); ok {
			// html/template names a copy of a template "name$htmltemplate_…".
			name, _, _ := strings.Cut(tmpl.Name(), "$htmltemplate")
			t.tag(g, guard{pos: t.position(tree, tree.Root), template: name})
		}
	}
}

// guard is where a guard is: a range, or the start of a template.
type guard struct {
	pos      diag.Pos
	template string // the template's name, for the guard of a template's body
}

// tag gives g bytes of its own, empty still, and records where it is.
func (t *Theme) tag(g *parse.TextNode, where guard) {
	g.Text = make([]byte, 0, 1)
	t.guards[&g.Text[:1][0]] = where
}

func (t *Theme) tagList(tree *parse.Tree, l *parse.ListNode) {
	eachRange(l, func(n *parse.RangeNode) {
		if g, ok := guardAt(n.List, n.Pos); ok {
			t.tag(g, guard{pos: t.position(tree, n)})
		} else if text, ok := firstText(n.List); ok {
			// A body that begins with text writes those bytes on each
			// pass, as they are: they tell the range.
			t.guards[&text.Text[0]] = guard{pos: t.position(tree, n)}
		}
	})
}

// guardAt returns the guard guardRanges put first in l, a range's body or
// a template's, at pos, the range's or the body's position.
func guardAt(l *parse.ListNode, pos parse.Pos) (*parse.TextNode, bool) {
	if l == nil || len(l.Nodes) == 0 {
		return nil, false
	}
	g, ok := l.Nodes[0].(*parse.TextNode)
	// The text of a template is never empty, except a guard's; and a
	// range's body never begins where its pipeline does.
	return g, ok && len(g.Text) == 0 && g.Pos == pos
}

// position is the position of n, a node of tree, as shown in messages.
func (t *Theme) position(tree *parse.Tree, n parse.Node) diag.Pos {
	loc, _ := tree.ErrorContext(n) // "name:line:col", the column from 0
	i := strings.LastIndexByte(loc, ':')
	j := strings.LastIndexByte(loc[:max(i, 0)], ':')
	if j < 0 {
		return diag.Pos{Path: t.display(tree.ParseName)}
	}
	line, _ := strconv.Atoi(loc[j+1 : i])
	col, _ := strconv.Atoi(loc[i+1:])
	return diag.Pos{Path: t.display(loc[:j]), Line: line, Col: col + 1}
}

// firstText returns the text a range's body l begins with, if it does.
func firstText(l *parse.ListNode) (*parse.TextNode, bool) {
	if l == nil || len(l.Nodes) == 0 {
		return nil, false
	}
	text, ok := l.Nodes[0].(*parse.TextNode)
	return text, ok && len(text.Text) > 0
}

// guardOf returns where the guard or the range's text that wrote p is, if
// one of them wrote it, and the key it is known by.
func (t *Theme) guardOf(p []byte) (guard, *byte, bool) {
	if cap(p) == 0 {
		return guard{}, nil, false
	}
	key := &p[:1][0]
	g, ok := t.guards[key]
	return g, key, ok
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
