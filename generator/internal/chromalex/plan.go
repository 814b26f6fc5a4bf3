package chromalex

import (
	"reflect"

	"github.com/alecthomas/chroma/v2"
)

// plan is what the iterator does with a match of one rule. chroma hands
// every emitter and mutator the match's groups by number (a fresh slice)
// and by name (a fresh map), but most rules read far less: a TokenType
// reads group 0, ByGroups of TokenTypes one group each, and only an
// emitter or mutator that is a function of the lexer's own (EmitterFunc,
// MutatorFunc, ByGroupNames, UsingLexer) can read more, the names or the
// state. New gives each rule the cheapest plan that cannot change a token.
type plan struct {
	rule   *chroma.CompiledRule // the rule planned for
	kind   planKind
	check  *check  // nil where nothing is known
	groups []int   // numbers of the groups to read, in the order of Groups()
	emit   []token // planTokens: the tokens, each the text of a group
}

// token is what planTokens makes of the text of a group of the match (of
// plan.groups[group]): a token of type typ, or if self the tokens of that
// text lexed again from state, as chroma's UsingSelf(state) has them.
type token struct {
	group int
	typ   chroma.TokenType
	self  bool
	state string
}

type planKind uint8

const (
	// planTokens: the rule's emitter is a TokenType, or ByGroups of
	// TokenTypes and nils, or, when self is allowed, UsingSelf or ByGroups
	// with UsingSelf too; the iterator makes the tokens itself.
	planTokens planKind = iota
	// planGroups: the emitter reads the groups passed to Emit, at once and
	// by value, and nothing else of the match (Using, UsingSelf, ByGroups
	// or UsingByGroup of such emitters): the slice is reused.
	planGroups
	// planChroma: anything else, given what chroma gives it.
	planChroma
)

// newPlan returns the plan of rule. Its mutator, already run through the
// compile-time ones, must be nil or chroma's Push, Pop or Mutators of
// those, which read nothing of the match; else chroma's way is kept. self
// is whether the iterator may lex UsingSelf's text itself, where chroma
// would lex it with the lexer this one wraps.
func newPlan(rule *chroma.CompiledRule, self bool) plan {
	numbers := rule.Regexp.GetGroupNumbers() // by capture slot, as Groups() orders them
	p := plan{rule: rule, kind: planChroma}
	if !pureMutator(rule.Mutator) {
		return p
	}
	if rule.Type == nil {
		p.kind = planTokens // no tokens: only the length of the match counts
		return p
	}
	if t, ok := groupToken(rule.Type, self); ok {
		p.kind, p.groups, p.emit = planTokens, numbers[:1], []token{t}
		return p
	}
	if reflect.TypeOf(rule.Type) == reflect.TypeOf(chroma.ByGroups()) {
		// UsingByGroup is not for planTokens: it may lex a group with
		// another lexer.
		subs, _ := groupEmitters(rule.Type)
		if groups, emit, ok := groupTokens(subs, numbers, self); ok {
			p.kind, p.groups, p.emit = planTokens, groups, emit
			return p
		}
	}
	if valueEmitter(rule.Type) {
		p.kind, p.groups = planGroups, numbers
	}
	return p
}

// groupToken returns the token emitter e makes of a group, if it is a
// TokenType or, if self, UsingSelf.
func groupToken(e chroma.Emitter, self bool) (token, bool) {
	if t, ok := e.(chroma.TokenType); ok {
		return token{typ: t}, true
	}
	if self && reflect.TypeOf(e) == reflect.TypeOf(chroma.UsingSelf("")) {
		state, ok := field[string](e, "State")
		return token{self: true, state: state}, ok
	}
	return token{}, false
}

// groupTokens returns the groups to read and the tokens to make for
// ByGroups of emitters subs, when each is nil or one groupToken knows.
// New has checked that there is one emitter per group.
func groupTokens(subs chroma.Emitters, numbers []int, self bool) (groups []int, emit []token, ok bool) {
	if len(subs) != len(numbers)-1 {
		return nil, nil, false
	}
	for i, sub := range subs {
		if sub == nil {
			continue
		}
		t, ok := groupToken(sub, self)
		if !ok {
			return nil, nil, false
		}
		t.group = len(groups)
		emit = append(emit, t)
		groups = append(groups, numbers[i+1])
	}
	return groups, emit, true
}

// valueEmitter reports whether e is one of chroma's emitters that read only
// the groups passed to Emit, by value and before Emit returns.
func valueEmitter(e chroma.Emitter) bool {
	switch e.(type) {
	case nil, chroma.TokenType:
		return true
	}
	switch reflect.TypeOf(e) {
	case reflect.TypeOf(chroma.Using("")), reflect.TypeOf(chroma.UsingSelf("")):
		return true
	}
	subs, ok := groupEmitters(e)
	if !ok {
		return false
	}
	for _, sub := range subs {
		if !valueEmitter(sub) {
			return false
		}
	}
	return true
}

// groupEmitters returns the emitters, one per group, of chroma's ByGroups
// and UsingByGroup, whose types it does not export.
func groupEmitters(e chroma.Emitter) (chroma.Emitters, bool) {
	switch reflect.TypeOf(e) {
	case reflect.TypeOf(chroma.ByGroups()), reflect.TypeOf(chroma.UsingByGroup(0, 0)):
		return field[chroma.Emitters](e, "Emitters")
	}
	return nil, false
}

// pureMutator reports whether m is nil or one of chroma's run-time
// mutators that only push and pop states.
func pureMutator(m chroma.Mutator) bool {
	if m == nil {
		return true
	}
	switch reflect.TypeOf(m) {
	case reflect.TypeOf(chroma.Push()), reflect.TypeOf(chroma.Pop(1)):
		return true
	case reflect.TypeOf(chroma.Mutators()):
		subs, ok := field[[]chroma.Mutator](m, "Mutators")
		if !ok {
			return false
		}
		for _, sub := range subs {
			if !pureMutator(sub) {
				return false
			}
		}
		return true
	}
	return false
}

// field returns the field name of the struct v points to, if it has one of
// type T: chroma's emitters and mutators keep their parts in exported
// fields of unexported types. Should a new chroma name them otherwise, the
// rule is planned chroma's way.
func field[T any](v any, name string) (T, bool) {
	var zero T
	p := reflect.ValueOf(v)
	if p.Kind() != reflect.Pointer || p.Elem().Kind() != reflect.Struct {
		return zero, false
	}
	f := p.Elem().FieldByName(name)
	if !f.IsValid() || !f.CanInterface() {
		return zero, false
	}
	t, ok := f.Interface().(T)
	return t, ok
}
