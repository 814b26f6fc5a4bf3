package chromalex

import (
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// iterator is chroma's LexerState.Iterator with the rule checks: it hands
// out one token per call, then chroma.EOF.
type iterator struct {
	l     *Lexer
	state chroma.LexerState
	end   int               // where lexing stops: before a newline Tokenise added
	stack []chroma.Iterator // emitters' pending tokens, innermost last
}

func (it *iterator) next() chroma.Token {
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
		index, groups, named := match(s.Text, s.Pos, rules, it.l.checks[s.State])
		if groups == nil {
			// As in Pygments: an unmatched newline outside the root
			// state resets the stack, so one unclosed string does not
			// spoil the rest of the block.
			if s.Text[s.Pos] == '\n' && s.State != "root" {
				s.Stack = []string{"root"}
				continue
			}
			s.Pos++
			return chroma.Token{Type: chroma.Error, Value: string(s.Text[s.Pos-1 : s.Pos])}
		}
		rule := rules[index]
		s.Rule, s.Groups, s.NamedGroups = index, groups, named
		s.Pos += utf8.RuneCountInString(groups[0])
		if rule.Mutator != nil {
			if err := rule.Mutator.Mutate(s); err != nil {
				panic(err)
			}
		}
		if rule.Type != nil {
			it.stack = append(it.stack, rule.Type.Emit(s.Groups, s))
		}
	}
	if t, ok := it.pending(); ok {
		return t
	}
	if s.Pos != len(s.Text) && len(s.Stack) == 0 {
		value := string(s.Text[s.Pos:])
		s.Pos = len(s.Text)
		return chroma.Token{Type: chroma.Error, Value: value}
	}
	return chroma.EOF
}

// pending returns the next token the emitters have queued, if any.
func (it *iterator) pending() (chroma.Token, bool) {
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

// match returns the index of the first rule that matches at pos, with its
// groups by number and by name; groups is nil when none matches.
func match(text []rune, pos int, rules []*chroma.CompiledRule, checks []*check) (int, []string, map[string]string) {
	for i, rule := range rules {
		if c := checks[i]; c != nil && !c.may(text, pos) {
			continue
		}
		m, err := rule.Regexp.FindRunesMatchStartingAt(text, pos)
		if m == nil || err != nil || m.RuneIndex != pos {
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
		return i, groups, named
	}
	return 0, nil, nil
}
