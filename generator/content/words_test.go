package content

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzWordCounter checks that wordCounter agrees with strings.Fields, however
// the text is cut into writes.
func FuzzWordCounter(f *testing.F) {
	for _, s := range []string{"", "one", " two  words ", "a\tb\nc\u00a0d", "naïve café — ok", "x\u2003y", "\xff\xfe bad utf8", "転職はGo言語で", "エンジニア ー 面接"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, cut int) {
		var wc wordCounter
		if cut > 0 && cut < len(s) {
			wc.WriteString(s[:cut])
			wc.WriteString(s[cut:])
			if strings.ContainsRune(s, '\uFFFD') || !validCut(s, cut) {
				return // a cut inside a rune decodes differently; only whole runes are written in practice
			}
		} else {
			wc.WriteString(s)
		}
		// A Chinese or Japanese character is counted apart, and ends a word.
		cjk := 0
		spaced := strings.Map(func(r rune) rune {
			if isCJK(r) {
				cjk++
				return ' '
			}
			if r >= 0x3000 && unicode.IsPunct(r) {
				return ' '
			}
			return r
		}, s)
		if want := len(strings.Fields(spaced)); wc.words != want || wc.cjk != cjk {
			t.Errorf("wordCounter(%q) = %d words, %d CJK; want %d and %d", s, wc.words, wc.cjk, want, cjk)
		}
	})
}

func validCut(s string, cut int) bool { return utf8Start(s[cut]) }

// FuzzSpaceJoiner checks that spaceJoiner keeps what strings.Fields and
// strings.Join would make of the text, written whole or in two parts.
func FuzzSpaceJoiner(f *testing.F) {
	for _, s := range []string{"", "one", " two  words ", "a\tb\nc\u00a0d", "naïve café — ok", "x\u2003y", "\xff\xfe bad utf8", "\u0085x "} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, cut int) {
		var j spaceJoiner
		if cut > 0 && cut < len(s) && validCut(s, cut) && !strings.ContainsRune(s, '\uFFFD') {
			j.WriteString(s[:cut])
			j.WriteString(s[cut:])
		} else {
			j.WriteString(s)
		}
		if want := strings.Join(strings.Fields(s), " "); j.b.String() != want {
			t.Errorf("spaceJoiner(%q) = %q, strings.Fields and Join: %q", s, j.b.String(), want)
		}
	})
}
