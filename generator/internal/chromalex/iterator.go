package chromalex

import (
	"errors"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/dlclark/regexp2/v2"
)

// iterator is chroma's LexerState.Iterator with the rule checks: it hands
// out one token per call, then chroma.EOF.
type iterator struct {
	l     *Lexer
	state chroma.LexerState
	src   source            // state.Text as a string
	start string            // the state lexing starts from, and returns to at an unmatched newline
	end   int               // where lexing stops: before a newline Tokenise added
	stack []chroma.Iterator // emitters' pending tokens, innermost last
	queue []chroma.Token    // tokens of a planTokens rule, before stack
	next  int               // of queue, the next to hand out
	// unplanned is the plan, chroma's way, of a rule a mutator put in
	// the lexer's rules as it ran (Raku's do), which New did not see.
	unplanned plan

	// The match being read: take, the callback of regexp2's
	// FindRunesMatches, fills them, since a MatchView lives only during
	// the callback. take itself is made once, as a method value.
	take   func(regexp2.MatchView) bool
	plan   *plan
	found  bool
	length int    // of the match, in runes
	spans  []span // of plan.groups; reused from match to match
	groups []string
	stall  int // matches in a row that read nothing (see stalled)
}

// span is where a group of a match is in the text, in runes.
type span struct{ start, length int }

func (it *iterator) token() chroma.Token {
	s := &it.state
	for s.Pos < it.end && len(s.Stack) > 0 {
		if t, ok := it.pending(); ok {
			return t
		}
		s.State = s.Stack[len(s.Stack)-1]
		rules, ok := it.l.rules[s.State]
		if !ok {
			panic("unknown state " + s.State)
		}
		index, ok := it.match(rules, it.l.plans[s.State])
		if !ok {
			// As in Pygments: an unmatched newline outside the start
			// state resets the stack, so one unclosed string does not
			// spoil the rest of the block.
			if s.Text[s.Pos] == '\n' && s.State != it.start {
				s.Stack = []string{it.start}
				continue
			}
			s.Pos++
			return chroma.Token{Type: chroma.Error, Value: it.text(s.Pos-1, s.Pos)}
		}
		rule, p := rules[index], it.plan
		s.Rule = index
		s.Pos += it.length
		if it.stalled(it.length) {
			panic(ErrNoProgress)
		}
		if rule.Mutator != nil {
			if err := rule.Mutator.Mutate(s); err != nil {
				panic(err)
			}
		}
		switch {
		case p.kind == planTokens:
			it.emit(p)
		case rule.Type != nil:
			it.stack = append(it.stack, rule.Type.Emit(s.Groups, s))
		}
	}
	if t, ok := it.pending(); ok {
		return t
	}
	if s.Pos != len(s.Text) && len(s.Stack) == 0 {
		value := it.text(s.Pos, len(s.Text))
		s.Pos = len(s.Text)
		return chroma.Token{Type: chroma.Error, Value: value}
	}
	return chroma.EOF
}

// ErrNoProgress is the panic of an iterator whose lexer keeps matching
// nothing at one place. A few of chroma's lexers do that on some texts
// (JSONata on "a é b", Jungle on "<a href=x>"), pushing and popping
// states for as long as memory lasts; chroma's own loop never ends.
var ErrNoProgress = errors.New("chromalex: the lexer makes no progress")

// maxStall is the most matches in a row an iterator takes that read
// nothing: a lexer moves between states without reading a few times, not
// thousands.
const maxStall = 10_000

// stalled counts a match of length runes and reports whether there have
// been more than maxStall in a row of length 0.
func (it *iterator) stalled(length int) bool {
	if length > 0 {
		it.stall = 0
		return false
	}
	it.stall++
	return it.stall > maxStall
}

// emit queues the tokens of a planTokens match, as chroma's emitters would
// give them, without an iterator per token: pending skips the same tokens.
// UsingSelf's text is lexed at once, with this lexer's rules and registry
// where chroma would lex it as the tokens are read with base's (the same
// rules, see New, and for lexers from lexers.Get the same registry). Empty
// text lexes to no tokens.
func (it *iterator) emit(p *plan) {
	text := it.state.Text
	for _, e := range p.emit {
		g := it.spans[e.group]
		if !e.self {
			t := chroma.Token{Type: e.typ, Value: it.text(g.start, g.start+g.length)}
			if t.Type != chroma.Ignore && t != chroma.EOF {
				it.queue = append(it.queue, t)
			}
			continue
		}
		if g.length == 0 {
			continue
		}
		// A new slice, so that regexp2 sees the group as the whole text.
		end := g.start + g.length
		nested := it.l.iterate(text[g.start:end:end], it.text(g.start, end), e.state)
		for t := nested.token(); t != chroma.EOF; t = nested.token() {
			it.queue = append(it.queue, t)
		}
	}
}

// pending returns the next token the last match queued, if any.
func (it *iterator) pending() (chroma.Token, bool) {
	if it.next < len(it.queue) {
		it.next++
		return it.queue[it.next-1], true
	}
	it.queue, it.next = it.queue[:0], 0
	for len(it.stack) > 0 {
		n := len(it.stack) - 1
		t := it.stack[n]()
		if t.Type == chroma.Ignore {
			continue
		}
		if t == chroma.EOF {
			it.stack = it.stack[:n]
			continue
		}
		return t, true
	}
	return chroma.Token{}, false
}

// match returns the index of the first rule that matches at the current
// position, and reads the match as the rule's plan says: into it.spans
// and, for planGroups and planChroma, the state's Groups (and for
// planChroma NamedGroups).
func (it *iterator) match(rules []*chroma.CompiledRule, plans []plan) (int, bool) {
	s := &it.state
	for i, rule := range rules {
		p := &it.unplanned
		if i < len(plans) && plans[i].rule == rule {
			p = &plans[i]
		}
		if p.check != nil && !p.check.may(s.Text, s.Pos) {
			continue
		}
		if p.kind == planChroma {
			m, err := rule.Regexp.FindRunesMatchStartingAt(s.Text, s.Pos)
			if err != nil {
				panic(err) // past MatchTimeout: see New
			}
			if m == nil || m.RuneIndex != s.Pos {
				continue
			}
			all := m.Groups()
			groups := make([]string, 0, len(all))
			named := make(map[string]string, len(all))
			for _, g := range all {
				v := g.String()
				named[g.Name] = v
				groups = append(groups, v)
			}
			it.plan, it.length = p, utf8.RuneCountInString(groups[0])
			s.Groups, s.NamedGroups = groups, named
			return i, true
		}
		// A match borrowed from regexp2's runner, not a new Match.
		it.plan, it.found = p, false
		if err := rule.Regexp.FindRunesMatches(s.Text, s.Pos, it.take); err != nil {
			panic(err) // past MatchTimeout: see New
		} else if !it.found {
			continue
		}
		s.Groups, s.NamedGroups = nil, nil
		if p.kind == planGroups {
			it.groups = it.groups[:0]
			for _, g := range it.spans {
				it.groups = append(it.groups, it.text(g.start, g.start+g.length))
			}
			s.Groups = it.groups
		}
		return i, true
	}
	return 0, false
}

// read is take: it notes where the groups of the plan are in the first
// match found, if it starts where lexing is, and stops the search.
func (it *iterator) read(m regexp2.MatchView) bool {
	start, length, _ := m.GroupRange(0)
	if start != it.state.Pos {
		return false
	}
	// The runes of Text came from a string, so each makes one rune of a
	// string again: the length in runes is that of group 0's string.
	it.found, it.length = true, length
	it.spans = it.spans[:0]
	for _, n := range it.plan.groups {
		var g span // a group that took no part is empty
		if start, length, ok := m.GroupRange(n); ok {
			g = span{start, length}
		}
		it.spans = append(it.spans, g)
	}
	return false
}

// text returns the runes of the text from start to end as a string: a
// substring of the text Tokenise was given where it can, as string() of
// the runes would give it.
func (it *iterator) text(start, end int) string {
	src, runes := &it.src, it.state.Text
	if !src.valid || len(runes) != len(src.runes) || len(runes) > 0 && &runes[0] != &src.runes[0] {
		// Invalid UTF-8, which []rune turned to U+FFFD, or a text a
		// mutator has replaced.
		return string(runes[start:end])
	}
	if src.offsets == nil {
		return src.str[start:end]
	}
	return src.str[src.offsets[start]:src.offsets[end]]
}

// source is the text an iterator lexes as the string it came from.
type source struct {
	str     string
	runes   []rune // []rune(str)
	valid   bool   // str is valid UTF-8, so that each rune is its bytes
	offsets []int  // where each rune starts in str, and its length; nil when all are ASCII
}

func newSource(str string, runes []rune) source {
	src := source{str: str, runes: runes, valid: len(str) == len(runes)}
	if src.valid || !utf8.ValidString(str) {
		return src
	}
	src.valid = true
	src.offsets = make([]int, 0, len(runes)+1)
	for i := range str {
		src.offsets = append(src.offsets, i)
	}
	src.offsets = append(src.offsets, len(str))
	return src
}
