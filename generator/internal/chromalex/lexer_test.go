package chromalex

import (
	"fmt"
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

// sameTokens fails the test unless l and its base give the same tokens,
// or panic with the same value.
func sameTokens(t *testing.T, name string, base *chroma.RegexLexer, l *Lexer, text string) {
	t.Helper()
	want, wantPanic := tokensOrPanic(t, base, text)
	got, gotPanic := tokensOrPanic(t, l, text)
	if gotPanic != wantPanic {
		t.Errorf("%s: panic %v, chroma's %v", name, gotPanic, wantPanic)
		return
	}
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

// tokensOrPanic is tokens, or what lexing panicked with: a few of chroma's
// lexers panic on some texts (Spade: "unknown state lifetime").
func tokensOrPanic(t *testing.T, l chroma.Lexer, text string) (toks []chroma.Token, panicked any) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			toks, panicked = nil, fmt.Sprint(p)
		}
	}()
	return tokens(t, l, text), nil
}

// TestChromaTestdata lexes with both lexers, for every regular-expression
// lexer chroma registers (any of them can be named by a code block), the
// samples chroma has for it, in lexers/testdata and its subdirectories, and
// edgeCases. A lexer without a sample of its own lexes the samples of a few
// languages instead. The samples come from chroma's module, which the build
// has downloaded.
func TestChromaTestdata(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/alecthomas/chroma/v2").Output()
	if err != nil {
		t.Fatalf("finding chroma's module: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "lexers", "testdata")
	top, err := filepath.Glob(filepath.Join(dir, "*.actual"))
	if err != nil {
		t.Fatal(err)
	}
	nested, err := filepath.Glob(filepath.Join(dir, "*", "*.actual"))
	if err != nil {
		t.Fatal(err)
	}
	samples := map[chroma.Lexer][]string{}
	for _, file := range top {
		l := lexers.Get(strings.TrimSuffix(filepath.Base(file), ".actual"))
		samples[l] = append(samples[l], file)
	}
	for _, file := range nested {
		l := lexers.Get(filepath.Base(filepath.Dir(file)))
		samples[l] = append(samples[l], file)
	}
	read := func(files []string) []string {
		var texts []string
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(src))
		}
		return texts
	}
	others := read([]string{
		filepath.Join(dir, "go.actual"),
		filepath.Join(dir, "bash.actual"),
		filepath.Join(dir, "yaml.actual"),
		filepath.Join(dir, "json.actual"),
		filepath.Join(dir, "markdown.actual"),
		filepath.Join(dir, "python", "test_complex_file1.actual"),
	})
	tested, own := 0, 0
	for _, lexer := range lexers.GlobalLexerRegistry.Lexers {
		base, ok := lexer.(*chroma.RegexLexer)
		if !ok {
			continue
		}
		name := base.Config().Name
		texts := read(samples[lexer])
		if len(texts) > 0 {
			own++
		} else {
			texts = others
		}
		if !runaway[name] {
			texts = append(texts, edgeCases...)
		}
		tested++
		t.Run(name, func(t *testing.T) {
			if raceEnabled && name == "OpenEdge ABL" {
				// Its thousands of keywords take 2 s to compile and lex
				// both ways, and nearly a minute under the race detector.
				t.Skip("too slow under the race detector")
			}
			t.Parallel()
			l, err := New(base, lexers.GlobalLexerRegistry)
			if err != nil {
				t.Fatal(err)
			}
			for i, text := range texts {
				sameTokens(t, fmt.Sprintf("%s text %d", name, i), base, l, text)
			}
		})
	}
	t.Logf("%d lexers lexed both ways, %d with samples of their own", tested, own)
	if own < 150 {
		t.Errorf("only %d lexers have samples; chroma's were not found", own)
	}
}

// runaway are lexers that chroma's own tokeniser never finishes on most
// texts: they push and pop states without moving on, and run out of memory.
// They lex only their samples.
var runaway = map[string]bool{"JSONata": true, "Jungle": true}

// edgeCases are texts every lexer lexes in TestChromaTestdata.
var edgeCases = []string{
	"",
	"\n",
	"x",
	"no trailing newline",
	"crlf\r\nline two\r\n\r\nlone cr\rend",
	"\tindented\n\t\tmore\t# tab\n",
	"unicode: é, 日本語, emoji 😀, combining e\u0301\n",
	"<&>\"'  <a href=\"x?a=1&b=2\">'q'</a>\n",
	"\"unterminated string\n'another\n/* open comment\n",
	"{[(<\n)]}>\n",
	"\x00\x01\uFFFD invalid: \xff\xfe\n",
	"   \n\n\n",
	"key = \"value\" # comment\n// comment\n-- comment\n; comment\n",
	"123 0x1F 1.5e-3 -7 'c' \"s\" `raw` $var @attr #tag\n",
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

// TestRunawayStops checks that the lexers chroma's tokeniser never
// finishes on ordinary text stop with ErrNoProgress instead, soon, and
// that every other lexer gets through the edge cases without it (see
// TestChromaTestdata).
func TestRunawayStops(t *testing.T) {
	for name := range runaway {
		l, err := New(lexers.Get(name).(*chroma.RegexLexer), lexers.GlobalLexerRegistry)
		if err != nil {
			t.Fatal(err)
		}
		stopped := 0
		for _, text := range edgeCases {
			func() {
				defer func() {
					switch r := recover(); r {
					case nil:
					case ErrNoProgress:
						stopped++
					default:
						t.Errorf("%s on %q: panic %v", name, text, r)
					}
				}()
				it, err := l.Tokenise(nil, text)
				if err != nil {
					t.Fatal(err)
				}
				for n := 0; it() != chroma.EOF; n++ {
					if n > 1_000_000 {
						t.Fatalf("%s on %q: a million tokens, and no end", name, text)
					}
				}
			}()
		}
		if stopped == 0 {
			t.Errorf("%s lexed every edge case: it is no runaway now, and may lex them in TestChromaTestdata", name)
		}
	}
}

// TestStateful checks that a lexer whose mutators rewrite its rules as it
// runs says so, and the usual ones do not.
func TestStateful(t *testing.T) {
	for name, want := range map[string]bool{"Raku": true, "Go": false, "Python": false, "Bash": false, "YAML": false} {
		l, err := New(lexers.Get(name).(*chroma.RegexLexer), lexers.GlobalLexerRegistry)
		if err != nil {
			t.Fatal(err)
		}
		if got := l.Stateful(); got != want {
			t.Errorf("%s: Stateful() = %v, want %v", name, got, want)
		}
	}
}

// TestMatchTimeout checks that a rule that runs past its MatchTimeout
// stops the iterator at once, with regexp2's error, rather than being
// tried again at each later place of the text.
func TestMatchTimeout(t *testing.T) {
	base := chroma.MustNewLexer(&chroma.Config{Name: "backtracker"}, func() chroma.Rules {
		return chroma.Rules{"root": {
			{Pattern: `(a+)+b`, Type: chroma.Keyword},
			{Pattern: `.|\n`, Type: chroma.Text},
		}}
	})
	l, err := New(base, lexers.GlobalLexerRegistry)
	if err != nil {
		t.Fatal(err)
	}
	it, err := l.Tokenise(nil, strings.Repeat("a", 40)+"c\n")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		r := recover()
		if err, ok := r.(error); !ok || !strings.Contains(err.Error(), "timeout") {
			t.Errorf("recovered %v, want regexp2's timeout error", r)
		}
	}()
	for it() != chroma.EOF {
	}
}
