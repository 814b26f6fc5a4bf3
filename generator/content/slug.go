package content

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// MaxSlug is the longest slug, in bytes: it names a folder of the output,
// and file systems allow 255 bytes a name.
const MaxSlug = 200

// ValidSlug reports whether s is a slug: lower-case ASCII letters and digits
// in runs joined by single hyphens, at most MaxSlug bytes.
func ValidSlug(s string) bool { return len(s) <= MaxSlug && slugRE.MatchString(s) }

// notSlug says why s, a file or folder name, is not a valid slug: its
// length, when that is what is wrong with it.
func notSlug(s string) string {
	if len(s) > MaxSlug {
		return fmt.Sprintf("is %d bytes long, too long for a slug (at most %d)", len(s), MaxSlug)
	}
	return "is not a valid slug"
}

// fold spells common accented and special Latin letters in ASCII.
var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ğ': "g", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'į': "i", 'ı': "i",
	'ł': "l", 'ľ': "l", 'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o", 'œ': "oe",
	'ŕ': "r", 'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ș': "s", 'ß': "ss",
	'ť': "t", 'ţ': "t", 'ț': "t", 'þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
}

// Slugify makes a slug of s, for file names and tags: it lower-cases,
// spells common accented Latin letters in ASCII ("Über" → "uber"), writes a
// "+" or "#" that ends a word as "plus" or "sharp" (so "C", "C++" and "C#"
// stay apart: "c", "c-plus-plus", "c-sharp"), and joins the remaining runs
// of letters and digits with single hyphens. Other scripts are dropped, so
// the result may be "": callers must handle that. A slug longer than
// MaxSlug is cut before a hyphen, so that it ends with a whole word.
// Slugify is idempotent and its non-empty results satisfy ValidSlug.
func Slugify(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	hyphen := false
	word := func(w string) {
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteString(w)
	}
	prevAlnum := false
	for i, r := range s {
		r = toLower(r)
		switch {
		case r < utf8.RuneSelf && isAlnum(byte(r)):
			// word, for the common case, without its string
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteByte(byte(r))
			prevAlnum = true
			continue
		case (r == '+' || r == '#') && (prevAlnum || b.Len() > 0 && endsSymbol(s[:i])) && wordEnds(s[i+1:]):
			hyphen = true
			if r == '+' {
				word("plus")
			} else {
				word("sharp")
			}
			hyphen = true
			prevAlnum = false
			continue
		case r < utf8.RuneSelf: // no ASCII is in fold, nor has a compat
		case fold[r] != "":
			word(fold[r])
			prevAlnum = true
			continue
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsNumber(r)) && compat(r) != "":
			// Letters and numbers only: a symbol's decomposition ("™" is
			// "TM", "№" is "No") would be glued to the word before it
			// ("Kubernetes™" → "kubernetestm") and move existing URLs.
			word(compat(r))
			prevAlnum = true
			continue
		}
		hyphen = true
		prevAlnum = false
	}
	slug := b.String()
	if len(slug) > MaxSlug {
		cut := strings.LastIndexByte(slug[:MaxSlug+1], '-')
		if cut <= 0 {
			cut = MaxSlug
		}
		slug = slug[:cut]
	}
	return slug
}

// compat spells r in ASCII letters and digits by its compatibility
// decomposition, accents dropped ("ﬁ" → "fi", "Ｇ" → "g", "ŷ" → "y"), or
// returns "" when it has none.
func compat(r rune) string {
	var b strings.Builder
	for _, c := range norm.NFKD.String(string(r)) {
		c = toLower(c)
		switch {
		case c < utf8.RuneSelf && isAlnum(byte(c)):
			b.WriteRune(c)
		case unicode.Is(unicode.Mn, c):
		default:
			return ""
		}
	}
	return b.String()
}

// endsSymbol reports whether s ends in "+" or "#" that follows a letter or
// digit, so the second "+" of "C++" is spelled too.
func endsSymbol(s string) bool {
	t := strings.TrimRight(s, "+#")
	if len(t) == len(s) || t == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return r < utf8.RuneSelf && isAlnum(byte(toLower(r))) || fold[toLower(r)] != ""
}

// wordEnds reports whether s starts with a word boundary: the end, a space,
// punctuation, or more "+"/"#".
func wordEnds(s string) bool {
	if s == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	r = toLower(r)
	return r == '+' || r == '#' || !(r < utf8.RuneSelf && isAlnum(byte(r))) && fold[r] == ""
}

func isAlnum(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

func toLower(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + 'a' - 'A'
	}
	if r >= 0xC0 && r < 0x250 {
		return []rune(strings.ToLower(string(r)))[0]
	}
	return r
}

// MaxTermSlug is the longest slug, in bytes, TermSlug returns: a URL
// segment, and a folder name in the output, which file systems cap at 255.
const MaxTermSlug = 100

// TermSlug makes the slug of a tag or category name. A name written in
// Latin letters gets Slugify's ("C++" → "c-plus-plus"); any other keeps
// its letters, digits and marks in every script, lower-cased and joined by
// single hyphens ("Go 日本語" → "go-日本語", "हिन्दी" → "हिन्दी"), so that
// the URL carries it percent-encoded, as Hugo does. The result has at most
// MaxTermSlug bytes, is "" when the name has no letter or digit, and is
// idempotent.
func TermSlug(name string) string {
	// "é" typed as one code point or as "e" and a combining accent (as
	// text copied from some systems is) is the same letter.
	name = norm.NFC.String(name)
	if latin(name) {
		return capSlug(Slugify(name))
	}
	var b strings.Builder
	hyphen := false
	afterLatin := false // an accent on a Latin letter goes with it, as Slugify drops it
	for _, r := range name {
		r = unicode.ToLower(r)
		w := fold[r]
		mark := unicode.IsMark(r)
		switch {
		case mark && afterLatin && !hyphen:
			continue
		case w != "":
		case unicode.IsLetter(r) || unicode.IsDigit(r) || b.Len() > 0 && !hyphen && mark:
			w = string(r)
		default:
			hyphen = true
			continue
		}
		afterLatin = w != string(r) || r < utf8.RuneSelf
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteString(w)
	}
	return capSlug(norm.NFC.String(b.String())) // lower-casing may undo NFC
}

// latin reports whether every letter and digit of s is one Slugify keeps.
func latin(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf || fold[toLower(r)] != "" {
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			return false
		}
	}
	return true
}

// capSlug cuts a slug to MaxTermSlug bytes, at a rune and without a
// trailing hyphen.
func capSlug(s string) string {
	if len(s) <= MaxTermSlug {
		return s
	}
	cut := MaxTermSlug
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.TrimRight(s[:cut], "-")
}
