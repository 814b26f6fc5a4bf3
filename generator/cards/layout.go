package cards

import (
	"strings"
	"unicode/utf8"
)

// ellipsis ends a title or a label cut to fit.
const ellipsis = "…"

// step is one size of the title's type, with the most lines it may take
// at that size: a short title is large, a long one smaller.
type step struct{ size, lines int }

// titleSteps are tried in order; the last one's lines are the most a
// title gets, the rest cut with an ellipsis.
var titleSteps = [...]step{{76, 3}, {66, 3}, {58, 4}, {50, 4}}

// measure gives the width in pixels of s set at size pixels.
type measure func(s string, size int) int

// block is a title laid out: its size and its lines.
type block struct {
	size  int
	lines []string
}

// layout sets title (on one line, see oneLine) within width: at the first
// size of titleSteps at which it wraps onto that step's lines, else at
// the last size over its lines, the last of them cut with an ellipsis.
func layout(title string, width int, m measure) block {
	words := strings.Fields(title)
	for i, s := range titleSteps {
		lines, all := wrap(words, width, s.size, s.lines, m)
		if all {
			return block{size: s.size, lines: lines}
		}
		if i == len(titleSteps)-1 {
			last := len(lines) - 1
			lines[last] = cut(lines[last], width, s.size, m, true)
			return block{size: s.size, lines: lines}
		}
	}
	panic("unreachable")
}

// wrap breaks words into at most max lines of width at size, greedily,
// breaking a word wider than a line between its characters. It reports
// whether every word found a place; when not, the last line holds all
// that was left, for cut to shorten.
func wrap(words []string, width, size, max int, m measure) ([]string, bool) {
	var lines []string
	line := ""
	for k := 0; k < len(words); k++ {
		w := words[k]
		try := w
		if line != "" {
			try = line + " " + w
		}
		switch {
		case m(try, size) <= width:
			line = try
			continue
		case line != "":
			lines = append(lines, line)
			line = ""
			k-- // the word starts the next line
		default: // a word wider than a line on its own
			head := fit(w, width, size, m)
			lines = append(lines, head)
			if rest := w[len(head):]; rest != "" {
				words = append(words[:k:k], append([]string{rest}, words[k+1:]...)...)
				k--
			}
		}
		if len(lines) == max {
			rest := strings.Join(words[k+1:], " ")
			if rest == "" {
				return lines, true
			}
			lines[max-1] += " " + rest
			return lines, false
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines, len(lines) <= max
}

// fit returns the longest prefix of s, at least its first character,
// that fits width at size.
func fit(s string, width, size int, m measure) string {
	_, n := utf8.DecodeRuneInString(s)
	for n < len(s) {
		_, k := utf8.DecodeRuneInString(s[n:])
		if m(s[:n+k], size) > width {
			break
		}
		n += k
	}
	return s[:n]
}

// cut shortens s to fit width at size, ending it with an ellipsis when it
// is shortened, or always when more is true (text came after it).
func cut(s string, width, size int, m measure, more bool) string {
	if !more && m(s, size) <= width {
		return s
	}
	s = fit(s, width, size, m) // a long s is then measured short
	for s != "" && m(s+ellipsis, size) > width {
		_, k := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-k]
	}
	return strings.TrimRight(s, " ") + ellipsis
}
