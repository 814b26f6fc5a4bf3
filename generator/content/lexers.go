package content

import (
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"

	"github.com/byline/byline/generator/internal/chromalex"
)

// lexerSet holds the lexer of each language name code blocks have used,
// ready to tokenise: chroma's lexer, coalesced, and for the usual
// regular-expression lexers a chromalex.Lexer in its place, which gives the
// same tokens two to three times faster but costs a few milliseconds to
// build. A Cache keeps one set across the builds of watch and serve, so an
// edit does not pay that again. It is safe for concurrent use.
type lexerSet struct {
	mu sync.RWMutex
	m  map[string]chroma.Lexer // nil when chroma has no lexer for the name
}

// maxLexerNames bounds a lexerSet: a site uses a handful of language names,
// and a body full of made-up ones should not grow it without end.
const maxLexerNames = 256

func newLexerSet() *lexerSet { return &lexerSet{m: map[string]chroma.Lexer{}} }

// get returns the lexer for a language name, or nil.
func (s *lexerSet) get(lang []byte) chroma.Lexer {
	if !langName(lang) {
		return nil
	}
	s.mu.RLock()
	l, ok := s.m[string(lang)]
	s.mu.RUnlock()
	if ok {
		return l
	}
	if l = lexers.Get(string(lang)); l != nil {
		l = ready(l)
	}
	s.mu.Lock()
	if len(s.m) < maxLexerNames {
		s.m[string(lang)] = l
	}
	s.mu.Unlock()
	return l
}

// ready returns chroma's lexer l as a lexerSet holds it: coalesced, and a
// chromalex.Lexer in place of a regular-expression lexer, or, for one
// whose lexing changes its rules, a maker of a new one for each text.
func ready(l chroma.Lexer) chroma.Lexer {
	if rl, ok := l.(*chroma.RegexLexer); ok {
		if fast, err := chromalex.New(rl, lexers.GlobalLexerRegistry); err == nil {
			if fast.Stateful() {
				return chroma.Coalesce(freshLexer{fast, rl})
			}
			l = fast
		}
	}
	return chroma.Coalesce(l)
}

// freshLexer lexes each text with a lexer of its own, built anew: a
// Stateful lexer (Raku's) changes its rules as it lexes, so one shared
// would make a block's tokens depend on the blocks lexed before it, in
// whatever order the pages were rendered, and race. So does chroma's lexer
// under it, which lexes the text of its UsingSelf rules: that is new too.
// It costs the building of the lexer (milliseconds) a block, for the rare
// language that needs it.
type freshLexer struct {
	*chromalex.Lexer // for Config and the rest; never lexes
	base             *chroma.RegexLexer
}

// Tokenise implements chroma.Lexer.
func (f freshLexer) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	raw, err := f.base.Rules() // read, never changed: lexers change their compiled rules
	if err != nil {
		return nil, err
	}
	base, err := chroma.NewLexer(f.base.Config(), func() chroma.Rules { return raw })
	if err != nil {
		return nil, err
	}
	base.SetRegistry(lexers.GlobalLexerRegistry)
	l, err := chromalex.New(base, lexers.GlobalLexerRegistry)
	if err != nil {
		return nil, err
	}
	return l.Tokenise(options, text)
}

// maxLangName bounds the language names get looks up: chroma's longest is
// about twenty bytes, and its lookup takes seconds for a name of thousands.
const maxLangName = 64

// langName reports whether lang could name a chroma lexer: short, and made
// of printable ASCII (its names, aliases and file names, such as "c++",
// "objective-c", "docker-compose.yml").
func langName(lang []byte) bool {
	if len(lang) > maxLangName {
		return false
	}
	for _, c := range lang {
		if c <= ' ' || c >= 0x7f {
			return false
		}
	}
	return true
}
