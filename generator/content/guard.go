package content

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// maxDestinationScan bounds the work goldmark may spend looking for the
// ends of a body's link destinations. For each "](" it scans the rest of
// the line for the ")" that closes the destination ("<" destinations: for
// the ">"), so a line of thousands of unclosed openers ("[](" repeated)
// costs the square of its length: 80 KB took 3 s, 1 MB would take
// minutes. Real lines, whose destinations close, cost a few times their
// length. 32M steps is about 0.1 s.
const maxDestinationScan = 32 << 20

// costlyLine returns the 1-based line of body whose link destinations
// would cost goldmark more than maxDestinationScan to scan, with the
// number of openers on it, or 0. It works out each scan's length in one
// pass per line, as goldmark would stop it: at a space, or at a ")" that
// closes more than the destination opened (at a ">" for "<").
func costlyLine(body []byte) (line, openers int) {
	if bytes.Count(body, []byte("](")) < 64 {
		return 0, 0 // too few openers to matter: the common case
	}
	n := 1
	for len(body) > 0 {
		end := bytes.IndexByte(body, '\n')
		if end < 0 {
			end = len(body)
		}
		if cost, k := scanCost(body[:end]); cost > maxDestinationScan {
			return n, k
		}
		body = body[min(end+1, len(body)):]
		n++
	}
	return 0, 0
}

// scanCost is the total length of goldmark's destination scans on one
// line, and the number of "](" on it. Going right to left, it keeps for
// each paren depth the nearest position where the depth falls below it
// (the ")" that would end a scan started at that depth), the nearest
// space, and the nearest ">".
func scanCost(line []byte) (cost, openers int) {
	if len(line) < 1024 || bytes.Count(line, []byte("](")) < 64 {
		return 0, 0
	}
	// depth[i] is the paren depth just before line[i], from the left.
	depth := make([]int32, len(line)+1)
	for i, c := range line {
		depth[i+1] = depth[i]
		switch c {
		case '(':
			depth[i+1]++
		case ')':
			depth[i+1]--
		}
	}
	// stop[d-min] is the nearest ")" to the right that brings the depth
	// below d; blank the nearest space, gt the nearest ">".
	lo, hi := int32(0), int32(0)
	for _, d := range depth {
		lo, hi = min(lo, d), max(hi, d)
	}
	stop := make([]int, hi-lo+2)
	for i := range stop {
		stop[i] = len(line)
	}
	blank, gt := len(line), len(line)
	for i := len(line) - 1; i >= 0; i-- {
		switch line[i] {
		case ' ', '\t', '\r':
			blank = i
		case '>':
			gt = i
		case ')':
			// A scan that reaches here at depth d stops if d-1 < its start.
			stop[depth[i]-lo] = i
		}
		if line[i] == ']' && i+1 < len(line) && line[i+1] == '(' {
			openers++
			start := i + 2
			end := min(blank, stop[depth[start]-lo])
			if start < len(line) && line[start] == '<' {
				end = gt
			}
			cost += end - start
		}
	}
	return cost, openers
}

// costlyProblem is the error for a line costlyLine found.
func costlyProblem(line, openers int) Problem {
	return Problem{line, fmt.Sprintf("this line has %d link openers \"](\" whose destinations do not close: the Markdown parser would take minutes on it; close them with \")\" or break the line", openers)}
}

// maxEmphasisWork bounds the work goldmark may spend matching a block's
// emphasis marks. For each run of "*", "_" or "~" (strikethrough) that can
// close, it walks back over the runs still open in the block to the
// nearest one of its kind, so a block of thousands of marks that open, and
// of thousands that close none of them, costs the product of the two:
// 80 KB of "a*_b" took 1.7 s, of "_a~" 3.2 s, of lines "_b" and "a*" in
// turn 0.8 s, and 1 MB would take minutes. Real text has a few marks a
// paragraph. A step costs goldmark 7–15 ns, so 16M steps are 0.1–0.25 s.
const maxEmphasisWork = 16 << 20

// costlyEmphasis returns the 1-based first line of a block of body (lines
// between blank lines, fenced code left out) on which matching emphasis
// would cost goldmark more than maxEmphasisWork steps, with the number of
// mark runs in the block, or 0. It follows goldmark's matching with a
// stack of the open runs: a closing run walks back to the nearest open
// run of its character, removing what it passes, or over all of them when
// there is none.
func costlyEmphasis(body []byte) (line, runs int) {
	if n := bytes.Count(body, []byte("*")) + bytes.Count(body, []byte("_")) + bytes.Count(body, []byte("~")); n*n <= maxEmphasisWork {
		return 0, 0 // too few marks to matter: the common case
	}
	var (
		fence []byte // the open fence ("```", "~~~~"), nil outside code
		start int    // first line of the block, 0 between blocks
		m     emphasisMatcher
	)
	for n := 1; len(body) > 0; n++ {
		end := bytes.IndexByte(body, '\n')
		if end < 0 {
			end = len(body)
		}
		text := body[:end]
		body = body[min(end+1, len(body)):]
		switch {
		case fence != nil:
			if f := fenceOf(text); f != nil && f[0] == fence[0] && len(f) >= len(fence) && len(bytes.TrimSpace(text)) == len(f) {
				fence = nil
			}
			continue
		case len(bytes.TrimSpace(text)) == 0:
			start, m = 0, emphasisMatcher{}
			continue
		}
		if f := fenceOf(text); f != nil {
			fence, start, m = f, 0, emphasisMatcher{}
			continue
		}
		if start == 0 {
			start = n
		}
		if m.line(text); m.work > maxEmphasisWork {
			return start, m.runs
		}
	}
	return 0, 0
}

// emphasisMatcher estimates goldmark's work on one block's emphasis.
type emphasisMatcher struct {
	open []byte // the characters of the open runs, innermost last
	seen [3]int // how many of open are "*", "_" and "~"
	work int    // steps so far
	runs int    // runs so far
}

func markIndex(c byte) int {
	switch c {
	case '*':
		return 0
	case '_':
		return 1
	}
	return 2
}

// line adds the mark runs of one line of the block.
func (m *emphasisMatcher) line(text []byte) {
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\\' {
			i += 2
			continue
		}
		if c != '*' && c != '_' && c != '~' {
			i++
			continue
		}
		j := i
		for j < len(text) && text[j] == c {
			j++
		}
		open, close := flanking(text, i, j)
		m.runs++
		closed := false
		if close {
			if m.seen[markIndex(c)] == 0 {
				m.work += len(m.open) // walks over all, finds nothing
			} else {
				for k := len(m.open) - 1; ; k-- {
					m.work++
					if m.open[k] == c {
						for _, d := range m.open[k:] {
							m.seen[markIndex(d)]--
						}
						m.open, closed = m.open[:k], true
						break
					}
				}
			}
		}
		if open && !closed {
			m.open = append(m.open, c)
			m.seen[markIndex(c)]++
		}
		i = j
	}
}

// flanking says whether the run text[i:j] of "*", "_" or "~" can open and
// close emphasis (strikethrough for "~"), by CommonMark's rules (the line's
// ends count as space).
func flanking(text []byte, i, j int) (open, close bool) {
	before, after := ' ', ' '
	if i > 0 {
		before, _ = utf8.DecodeLastRune(text[:i])
	}
	if j < len(text) {
		after, _ = utf8.DecodeRune(text[j:])
	}
	left := !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before))
	right := !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after))
	if text[i] == '_' {
		return left && (!right || isPunct(before)), right && (!left || isPunct(after))
	}
	return left, right
}

// fenceOf returns the code fence that starts line ("```" or "~~~", three
// or more, after at most three spaces), or nil.
func fenceOf(line []byte) []byte {
	t := bytes.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return nil
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 {
		return nil
	}
	return t[:n]
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }

func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

// emphasisProblem is the error for a block costlyEmphasis found.
func emphasisProblem(line, runs int) Problem {
	return Problem{line, fmt.Sprintf("this paragraph has %d runs of \"*\", \"_\" or \"~\" that open or close nothing of each other, which the Markdown parser would take minutes to match: escape the marks that are not emphasis (\\*, \\_, \\~), or split the paragraph", runs)}
}
