package content

import (
	"bytes"
	"fmt"
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
