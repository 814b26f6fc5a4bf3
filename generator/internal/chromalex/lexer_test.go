package chromalex

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// tokens lexes text with l and returns every token.
func tokens(t testing.TB, l chroma.Lexer, text string) []chroma.Token {
	t.Helper()
	it, err := l.Tokenise(nil, text)
	if err != nil {
		t.Fatal(err)
	}
	return it.Tokens()
}

func fast(t testing.TB, name string) (*chroma.RegexLexer, *Lexer) {
	t.Helper()
	base, ok := lexers.Get(name).(*chroma.RegexLexer)
	if !ok {
		t.Fatalf("%s: not a regex lexer", name)
	}
	l, err := New(base, lexers.GlobalLexerRegistry)
	if err != nil {
		t.Fatal(err)
	}
	return base, l
}

// sameTokens fails the test unless l and its base give the same tokens.
func sameTokens(t *testing.T, name string, base *chroma.RegexLexer, l *Lexer, text string) {
	t.Helper()
	want := tokens(t, base, text)
	got := tokens(t, l, text)
	if reflect.DeepEqual(got, want) {
		return
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Errorf("%s: token %d is %v, chroma gives %v", name, i, got[i], want[i])
			return
		}
	}
	t.Errorf("%s: %d tokens, chroma gives %d", name, len(got), len(want))
}

// TestChromaTestdata lexes the sample file of every chroma lexer that has
// one with both lexers. The samples come from chroma's module, which the
// build has downloaded.
func TestChromaTestdata(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/alecthomas/chroma/v2").Output()
	if err != nil {
		t.Fatalf("finding chroma's module: %v", err)
	}
	files, err := filepath.Glob(filepath.Join(strings.TrimSpace(string(out)), "lexers", "testdata", "*.actual"))
	if err != nil {
		t.Fatal(err)
	}
	tested := 0
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".actual")
		base, ok := lexers.Get(name).(*chroma.RegexLexer)
		if !ok {
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		tested++
		t.Run(name, func(t *testing.T) {
			if raceEnabled && name == "openedgeabl" {
				// Its thousands of keywords take 2 s to compile and lex
				// both ways, and nearly a minute under the race detector.
				t.Skip("too slow under the race detector")
			}
			t.Parallel()
			l, err := New(base, lexers.GlobalLexerRegistry)
			if err != nil {
				t.Fatal(err)
			}
			sameTokens(t, name, base, l, string(src))
		})
	}
	t.Logf("%d lexers lexed both ways", tested)
	if tested < 100 {
		t.Errorf("only %d lexers tested; chroma's samples were not found", tested)
	}
}

// fuzzLanguages are the languages FuzzSameTokens lexes: those articles on
// tech careers show most.
var fuzzLanguages = []string{"go", "python", "bash", "yaml", "javascript", "typescript", "json", "sql", "java", "rust", "c", "html", "css", "dockerfile", "toml"}

// FuzzSameTokens checks that a Lexer gives chroma's tokens for any text.
func FuzzSameTokens(f *testing.F) {
	for i, name := range []string{"go", "python", "bash", "yaml"} {
		f.Add(uint8(i), benchCode[name])
	}
	f.Add(uint8(0), "s := `raw\r\nstring` + \"\\u00e9\" // é\n\tx := 'a'")
	f.Add(uint8(1), "def f(x):\n    return f'{x!r}' \"\"\"doc\n")
	f.Add(uint8(2), "echo \"$(( 1 + 2 ))\" <<EOF\nbody\nEOF\n")
	f.Add(uint8(3), "a: &x [1, {b: c}]\n--- |\n  text\n")
	lexers := make([]struct {
		base *chroma.RegexLexer
		fast *Lexer
	}, len(fuzzLanguages))
	for i, name := range fuzzLanguages {
		lexers[i].base, lexers[i].fast = fast(f, name)
	}
	f.Fuzz(func(t *testing.T, lang uint8, text string) {
		l := lexers[int(lang)%len(lexers)]
		sameTokens(t, fuzzLanguages[int(lang)%len(lexers)], l.base, l.fast, text)
	})
}
