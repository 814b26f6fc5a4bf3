package content

import (
	"bytes"
	"fmt"
	"slices"
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
	return Problem{Line: line, Msg: fmt.Sprintf("this line has %d link openers \"](\" whose destinations do not close: the Markdown parser would take minutes on it; close them with \")\" or break the line", openers)}
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

// costlyEmphasis returns the 1-based first line of a block of body (one
// of goldmark's, see inlineBlocks) on which matching emphasis would cost
// goldmark more than maxEmphasisWork steps, with the number of mark runs
// in the block, or 0. It follows goldmark's matching over its list of
// runs (see emphasisMatcher.line), in time linear in the block.
func costlyEmphasis(blocks *inlineBlocks) (line, runs int) {
	body := blocks.body
	if n := bytes.Count(body, []byte("*")) + bytes.Count(body, []byte("_")) + bytes.Count(body, []byte("~")); n*n <= maxEmphasisWork {
		return 0, 0 // too few marks to matter: the common case
	}
	var m emphasisMatcher
	start := 0
	blocks.each(func(n, _ int, text []byte, first bool) bool {
		if first {
			start, m = n, emphasisMatcher{}
		}
		m.line(text)
		return m.work <= maxEmphasisWork
	})
	if m.work > maxEmphasisWork {
		return start, m.runs
	}
	return 0, 0
}

// emphasisMatcher estimates goldmark's work on one block's emphasis.
type emphasisMatcher struct {
	list []markRun // the runs still in goldmark's delimiter list, last latest
	seen [3]int    // how many runs of list can open, for "*", "_" and "~"
	work int       // steps so far
	runs int       // runs so far
}

// markRun is a run of "*", "_" or "~" in the delimiter list.
type markRun struct {
	c           byte
	open, close bool
	n           int // its length
}

// matches reports whether closer, a run of n of the same character that
// can open when open, can close r: CommonMark's rule of three, as goldmark
// applies it, keeps "*" from closing "**" where either could be both.
func (r markRun) matches(n int, open bool) bool {
	return !((r.close || open) && (r.n+n)%3 == 0 && n%3 != 0)
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

// line adds the mark runs of one line of the block. As in goldmark, a run
// that can neither open nor close stays in the list, and a closing run
// walks back over everything in it: to the nearest run of its character
// that can open, removing what lies between, or to the start.
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
		if c == '~' && j-i > 2 {
			i = j // three or more tildes strike nothing: text
			continue
		}
		open, close := flanking(text, i, j)
		m.runs++
		closed, maybe := false, false
		if close {
			if m.seen[markIndex(c)] == 0 {
				m.work += len(m.list) // walks over all, finds nothing
			} else {
				for k := len(m.list) - 1; k >= 0; k-- {
					m.work++
					r := m.list[k]
					if r.c != c || !r.open {
						continue
					}
					maybe = true
					if r.matches(j-i, open) {
						for _, d := range m.list[k:] {
							if d.open {
								m.seen[markIndex(d.c)]--
							}
						}
						m.list, closed = m.list[:k], true
						break
					}
				}
			}
		}
		// A closer that closed nothing stays if it can open, or if a run
		// of its character could have been its opener.
		if !closed && (open || !close || maybe) {
			m.list = append(m.list, markRun{c: c, open: open, close: close, n: j - i})
			if open {
				m.seen[markIndex(c)]++
			}
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

func isSpace(r rune) bool { return unicode.IsSpace(r) }

func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

// emphasisProblem is the error for a block costlyEmphasis found.
func emphasisProblem(line, runs int) Problem {
	return Problem{Line: line, Msg: fmt.Sprintf("this paragraph has %d runs of \"*\", \"_\" or \"~\" that open or close nothing of each other, which the Markdown parser would take minutes to match: escape the marks that are not emphasis (\\*, \\_, \\~), or split the paragraph", runs)}
}

// maxRescanWork bounds the bytes goldmark may read again and again in a
// block: 25 ms on one line, 0.3 s over many (it reads across lines more
// slowly). Two more of its scans can grow with the square of a block:
//   - the typographer reads a run of one quote character to its end at
//     each of its quotes: 80 KB of apostrophes took 4.5 s;
//   - a run of backticks that no later run of the same length closes is
//     read to the end of its block: 80 KB of two backticks and a
//     backslash, repeated, took 2 s;
//   - a "]" not followed by "(" (a reference link, or brackets that are
//     none) makes goldmark walk the block's lines from the first: 80 KB of
//     lines "][" took 1.5 s.
const maxRescanWork = 16 << 20

// costlyRescan returns the 1-based first line of a block of body (one of
// goldmark's: a table's cells are blocks of their own) on which goldmark
// would read more than maxRescanWork bytes for quotes, code spans or
// brackets, and the end of the message that says so (one of the rescan
// constants), or 0.
func costlyRescan(blocks *inlineBlocks) (line int, what string) {
	body := blocks.body
	q, t := bytes.Count(body, []byte("'"))+bytes.Count(body, []byte(`"`)), bytes.Count(body, []byte("`"))
	b, lines := bytes.Count(body, []byte("]")), bytes.Count(body, []byte("\n"))+1
	if q*q/2 <= maxRescanWork && t*len(body) <= maxRescanWork && b*lines <= maxRescanWork {
		return 0, "" // the common case: too few to matter
	}
	quotes, start := 0, 0
	var (
		spans    spanScan
		brackets int // "]" not followed by "(" in the block
		rows     int // lines of the block
		tooMuch  bool
	)
	blocks.each(func(n, _ int, text []byte, first bool) bool {
		if first {
			if spans.work() > maxRescanWork {
				tooMuch = true
				return false
			}
			start, spans, brackets, rows = n, spanScan{}, 0, 0
		}
		quotes += quoteWork(text)
		spans.line(text)
		brackets += bytes.Count(text, []byte("]")) - bytes.Count(text, []byte("]("))
		rows++
		return quotes <= maxRescanWork && brackets*rows <= maxRescanWork
	})
	switch {
	case brackets*rows > maxRescanWork:
		return start, rescanBrackets
	case quotes > maxRescanWork:
		return start, rescanQuotes
	case tooMuch || spans.work() > maxRescanWork:
		return start, rescanBackticks
	}
	return 0, ""
}

// The ends of rescanProblem's messages, one for each scan: what the
// paragraph has too many of, why the parser would take long on them, and
// what to do.
const (
	rescanBrackets  = `lines, and so many brackets "]" that end no inline link (reference links, or brackets that are no link), that the Markdown parser, which reads the paragraph again from its first line at each such bracket, would take minutes on it: escape the brackets that are no link (\[ and \]), or split the paragraph`
	rescanQuotes    = `long runs of quotes (''' or """) that the Markdown parser, which reads each run again to its end at each of its quotes, would take minutes on it: escape the quotes (\' and \"), or split the paragraph`
	rescanBackticks = "unclosed runs of backticks (only a later run of the same length closes one) that the Markdown parser, which reads on from each of them to the end of the paragraph, would take minutes on it: close each code span with as many backticks as opened it, escape the backticks that are not code (\\`), or split the paragraph"
)

// rescanProblem is the error for a block costlyRescan found.
func rescanProblem(line int, what string) Problem {
	return Problem{Line: line, Msg: "this paragraph has so many " + what}
}

// quoteWork is what the typographer reads on a line: each run of one
// quote character, at each of its quotes, to its end.
func quoteWork(text []byte) int {
	work := 0
	for i := 0; i < len(text); {
		c := text[i]
		if c != '\'' && c != '"' {
			i++
			continue
		}
		j := i
		for j < len(text) && text[j] == c {
			j++
		}
		k := j - i
		work += k * (k + 1) / 2
		i = j
	}
	return work
}

// spanScan gathers the backtick runs of one block for work.
type spanScan struct {
	size int       // bytes of the block so far
	runs []tickRun // in order
}

// tickRun is a run of backticks at pos in its block: n long, the first
// one taken as text (a backslash before it) when esc.
type tickRun struct {
	pos, n int
	esc    bool
}

func (s *spanScan) line(text []byte) {
	for i := 0; i < len(text); {
		if text[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(text) && text[j] == '`' {
			j++
		}
		esc := false
		for k := i - 1; k >= 0 && text[k] == '\\'; k-- {
			esc = !esc
		}
		s.runs = append(s.runs, tickRun{pos: s.size + i, n: j - i, esc: esc})
		i = j
	}
	s.size += len(text) + 1
}

// work is what goldmark reads for the block's code spans: from each
// opening run to the next run of its length, which closes it (a backslash
// does not escape inside a span), or, when there is none, to the block's
// end, the run then being text.
func (s *spanScan) work() int {
	if len(s.runs) == 0 {
		return 0
	}
	at := map[int][]int{} // run length → indexes of the runs of it
	for i, r := range s.runs {
		at[r.n] = append(at[r.n], i)
	}
	work := 0
	for i := 0; i < len(s.runs); {
		r := s.runs[i]
		n := r.n
		if r.esc {
			n-- // the first backtick is text
		}
		if n == 0 {
			i++
			continue
		}
		later := at[n]
		k, _ := slices.BinarySearch(later, i+1)
		if k == len(later) {
			work += s.size - r.pos
			i++
			continue
		}
		j := later[k]
		work += s.runs[j].pos - r.pos
		i = j + 1
	}
	return work
}
