// Package chromalex tokenises code with chroma's regular-expression lexers,
// faster than they do it themselves and with the same tokens.
//
// A chroma.RegexLexer tries the rules of its current state in order at each
// position, running regexp2's interpreter for every rule until one matches.
// Most rules cannot match at most positions: a keyword rule at a space, a
// string rule at a letter. This package compiles the same rules, and for
// each one also keeps what regexp2's own search analysis says any match
// must start with (a set of first characters, characters at fixed
// distances, a literal prefix, a minimum length). A rule is tried only
// where that holds, so the interpreter runs for a fraction of the rules.
// The analysis is the one regexp2 relies on to find matches in unanchored
// searches, so skipping a rule it rules out never changes a token.
//
// Lexer implements chroma.Lexer, so it can be coalesced and formatted as
// any other. Tokenise options other than the defaults (a nested or
// non-root start, no line-ending fix-up) go to the wrapped lexer.
package chromalex

import (
	"fmt"
	"strings"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/dlclark/regexp2/v2"
)

// Lexer is a chroma regex lexer with pre-checked rules. It is safe for
// concurrent use once built.
type Lexer struct {
	base     *chroma.RegexLexer
	registry *chroma.LexerRegistry
	rules    chroma.CompiledRules
	plans    map[string][]plan // parallel to rules
	// chromaPlans is whether some rule has planChroma: only those may
	// read the state's MutatorContext.
	chromaPlans bool
	// stateful is whether a rule's mutator may change the rules as it
	// runs (see Stateful).
	stateful bool
}

// Stateful reports whether lexing may change the lexer's rules, as Raku's
// mutators rewrite them: then a text's tokens may depend on the texts lexed
// before it, and lexing two at once is a data race. Such a lexer is for one
// text at a time; build one for each.
func (l *Lexer) Stateful() bool { return l.stateful }

// New compiles the rules of base. registry is where base looks up the
// lexers its rules delegate to (lexers.GlobalLexerRegistry for lexers
// from lexers.Get).
func New(base *chroma.RegexLexer, registry *chroma.LexerRegistry) (*Lexer, error) {
	raw, err := base.Rules()
	if err != nil {
		return nil, err
	}
	flags := ""
	cfg := base.Config()
	if !cfg.NotMultiline {
		flags += "m"
	}
	if cfg.CaseInsensitive {
		flags += "i"
	}
	if cfg.DotAll {
		flags += "s"
	}
	l := &Lexer{base: base, registry: registry, rules: chroma.CompiledRules{}, plans: map[string][]plan{}}
	patterns := map[*chroma.CompiledRule]string{}
	for state, rules := range raw {
		compiled := make([]*chroma.CompiledRule, 0, len(rules))
		for _, rule := range rules {
			// As chroma.RegexLexer compiles a rule.
			pattern := "(?:" + rule.Pattern + ")"
			if flags != "" {
				pattern = "(?" + flags + ")" + pattern
			}
			re, err := regexp2.Compile(`\G` + pattern)
			if err != nil {
				return nil, fmt.Errorf("%s: rule %s.%d: %w", cfg.Name, state, len(compiled), err)
			}
			// As chroma sets it. A match that runs past it stops the
			// iterator with regexp2's error, a panic, where chroma takes
			// it for no match and tries again at the next place, and the
			// next: a rule that backtracks without end on a line would
			// cost a quarter of a second at each of its characters.
			re.MatchTimeout = 250 * time.Millisecond
			cr := &chroma.CompiledRule{Rule: rule, Regexp: re}
			patterns[cr] = pattern
			compiled = append(compiled, cr)
		}
		l.rules[state] = compiled
	}
	if err := l.mutate(); err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.Name, err)
	}
	// The iterator may lex UsingSelf's text with these rules, where chroma
	// lexes it with base's: the same unless a mutator of the lexer's own
	// changes them as it runs (Raku's replace rules).
	self := true
	for state, rules := range l.rules {
		for _, rule := range rules {
			if validate, ok := rule.Type.(chroma.ValidatingEmitter); ok {
				if err := validate.ValidateEmitter(rule); err != nil {
					return nil, fmt.Errorf("%s: %s: %s: %w", cfg.Name, state, rule.Pattern, err)
				}
			}
			self = self && pureMutator(rule.Mutator)
		}
	}
	l.stateful = !self
	for state, rules := range l.rules {
		plans := make([]plan, len(rules))
		for i, rule := range rules {
			plans[i] = newPlan(rule, self)
			plans[i].check = newCheck(patterns[rule])
			l.chromaPlans = l.chromaPlans || plans[i].kind == planChroma
		}
		l.plans[state] = plans
	}
	return l, nil
}

// mutate applies the rules' compile-time mutators (include, combined) as
// chroma.RegexLexer does: one at a time, looking again from the start
// after each, since each may add or remove rules.
func (l *Lexer) mutate() error {
	for range maxMutations {
		state, i, m := l.nextMutator()
		if m == nil {
			return nil
		}
		if err := m.MutateLexer(l.rules, state, i); err != nil {
			return err
		}
	}
	return fmt.Errorf("more than %d compile-time mutations: one may not remove itself", maxMutations)
}

// maxMutations bounds mutate: chroma's largest lexers need a few hundred.
const maxMutations = 100_000

// nextMutator finds a rule whose mutator works at compile time.
func (l *Lexer) nextMutator() (string, int, chroma.LexerMutator) {
	for state, rules := range l.rules {
		for i, rule := range rules {
			if m, ok := rule.Mutator.(chroma.LexerMutator); ok {
				return state, i, m
			}
		}
	}
	return "", 0, nil
}

// Config implements chroma.Lexer.
func (l *Lexer) Config() *chroma.Config { return l.base.Config() }

// SetRegistry implements chroma.Lexer.
func (l *Lexer) SetRegistry(r *chroma.LexerRegistry) chroma.Lexer {
	l.registry = r
	return l
}

// SetAnalyser implements chroma.Lexer.
func (l *Lexer) SetAnalyser(f func(text string) float32) chroma.Lexer {
	l.base.SetAnalyser(f)
	return l
}

// AnalyseText implements chroma.Lexer.
func (l *Lexer) AnalyseText(text string) float32 { return l.base.AnalyseText(text) }

// Tokenise implements chroma.Lexer.
func (l *Lexer) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	if options != nil && (options.State != "root" || options.Nested || !options.EnsureLF) {
		return l.base.Tokenise(options, text)
	}
	text = ensureLF(text)
	added := l.base.Config().EnsureNL && !strings.HasSuffix(text, "\n")
	if added {
		text += "\n"
	}
	it := l.iterate([]rune(text), text, "root")
	if added {
		it.end-- // the newline added is not lexed
	}
	return it.token, nil
}

// iterate returns an iterator over text, []rune(str), from state start.
func (l *Lexer) iterate(text []rune, str, start string) *iterator {
	it := &iterator{l: l, src: newSource(str, text), start: start, end: len(text), state: chroma.LexerState{
		Lexer:    l.base,
		Registry: l.registry,
		Text:     text,
		Stack:    []string{start},
		Rules:    l.rules,
	}}
	if l.chromaPlans {
		it.state.MutatorContext = map[any]any{}
	}
	it.take = it.read
	it.unplanned.kind = planChroma
	return it
}

// ensureLF turns "\r\n" and a lone "\r" into "\n", as chroma does by default.
func ensureLF(text string) string {
	if !strings.Contains(text, "\r") {
		return text
	}
	return strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
}
