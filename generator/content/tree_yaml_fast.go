package content

import (
	"strings"
	"unicode/utf8"

	"github.com/byline/byline/generator/internal/yamlpos"
)

// yamlFast decodes the plain YAML that front matter almost always is,
// several times faster than go-yaml, into the very tree yamlTree would
// build: the same keys, scalar types and values, and the same line and
// column for every key and value, quirks included (a block mapping is at
// the colon of its first key; columns count runes; a positive integer is a
// float64, as yamlBuilder makes it). ok is false whenever the input is
// outside the subset below, or is not valid YAML; the caller then uses
// go-yaml, so every error message and position comes from one place.
//
// The subset, on lines without tabs, carriage returns or control
// characters:
//   - block mappings and block sequences nested by indentation, including
//     a sequence at its key's indentation and a mapping that starts on
//     its item's "- " line;
//   - single-line flow sequences and mappings of scalars: [a, "b"], {k: v};
//   - plain scalars, typed as go-yaml types them (null, true, numbers;
//     anything else is a string); single- and double-quoted scalars on one
//     line, with the one-character double-quote escapes;
//   - "#" comments on their own line or after a value, blank lines.
//
// Anything else is declined: empty values, anchors, aliases, tags, block
// scalars, multi-line scalars, explicit keys, document markers, .inf and
// .nan, keys that are not strings, duplicate keys, nesting deeper than
// maxDepth, more than yamlpos.MaxOpenBrackets "[" and "{" in all (which
// goccyTree refuses when that many are open, even in a scalar), and
// trailing spaces after a plain scalar (go-yaml moves its column).
func yamlFast(data []byte, line int) (v *value, ok bool) {
	ascii, clean, breaks := scanYAMLBytes(data)
	if !clean {
		return nil, false
	}
	p := fastYAML{src: string(data), line: line, ascii: ascii, perChunk: min(breaks+4, 256)}
	defer func() {
		if r := recover(); r != nil {
			if _, is := r.(declined); !is {
				panic(r)
			}
			v, ok = nil, false
		}
	}()
	p.advance()
	if p.eof || p.ind != 0 {
		p.decline()
	}
	v = p.block(0)
	if !p.eof {
		p.decline()
	}
	return v, true
}

// declined is panicked, and recovered by yamlFast, when the input is
// outside the subset: the parser then needs no error paths of its own.
type declined struct{}

// fastYAML is the state of one yamlFast call.
type fastYAML struct {
	src   string
	line  int  // file line of src's first line
	ascii bool // src has no multi-byte runes, so a column is a byte offset + 1

	next int    // offset in src of the line after cur
	ln   int    // 0-based line of cur in src
	cur  string // the current content line, without its "\n"
	ind  int    // indentation of cur
	eof  bool

	// Values, entries and the slices of collections are carved out of
	// chunks, to make one allocation of many.
	vals     []value
	ents     []entry
	valPtrs  []*value
	entPtrs  []*entry
	items    []*value // the items of the collections being parsed, innermost last
	keys     []*entry // the entries of the mappings being parsed, innermost last
	perChunk int
}

func (p *fastYAML) decline() { panic(declined{}) }

// scanYAMLBytes reports whether data is valid UTF-8 free of the bytes and
// runes the subset leaves to go-yaml (tabs, carriage returns, other
// controls, the Unicode line breaks and byte order mark, and more brackets
// than goccyTree lets open), and whether it is all ASCII. breaks counts newlines and commas, a bound on the
// number of values of most front matter.
func scanYAMLBytes(data []byte) (ascii, clean bool, breaks int) {
	ascii = true
	brackets := 0
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\n' || c == ',':
				breaks++
			case c == '[' || c == '{':
				// goccyTree refuses more than this many open at once,
				// even inside a scalar: leave such data to it.
				if brackets++; brackets > yamlpos.MaxOpenBrackets {
					return false, false, 0
				}
			case c < 0x20 || c == 0x7f:
				return false, false, 0
			}
			i++
			continue
		}
		ascii = false
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n <= 1, r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff:
			return false, false, 0
		}
		i += n
	}
	return ascii, true, breaks
}

// advance moves to the next line that is neither blank nor a comment.
func (p *fastYAML) advance() {
	for p.next < len(p.src) {
		start := p.next
		end := strings.IndexByte(p.src[start:], '\n')
		if end < 0 {
			end = len(p.src)
		} else {
			end += start
		}
		if start > 0 {
			p.ln++
		}
		p.next = end + 1
		l := p.src[start:end]
		ind := 0
		for ind < len(l) && l[ind] == ' ' {
			ind++
		}
		if ind == len(l) || l[ind] == '#' {
			continue
		}
		if strings.HasPrefix(l, "---") || strings.HasPrefix(l, "...") {
			p.decline() // document markers
		}
		p.cur, p.ind = l, ind
		return
	}
	p.cur, p.ind, p.eof = "", 0, true
}

// col is the 1-based column of byte offset off of the current line.
func (p *fastYAML) col(off int) int {
	if p.ascii {
		return off + 1
	}
	return utf8.RuneCountInString(p.cur[:off]) + 1
}

func (p *fastYAML) value(depth, off int) *value {
	if depth > maxDepth {
		p.decline()
	}
	v := alloc(&p.vals, p.perChunk)
	v.line, v.col = p.line+p.ln, p.col(off)
	return v
}

func (p *fastYAML) entry(key string, off int) *entry {
	e := alloc(&p.ents, p.perChunk)
	e.key, e.line, e.col = key, p.line+p.ln, p.col(off)
	return e
}

// alloc returns a new zero T from the chunk, after replacing a full chunk.
func alloc[T any](chunk *[]T, perChunk int) *T {
	if len(*chunk) == cap(*chunk) {
		*chunk = make([]T, 0, perChunk)
	}
	*chunk = (*chunk)[:len(*chunk)+1]
	return &(*chunk)[len(*chunk)-1]
}

// carve copies s into the chunk and returns the copy, or nil for an empty
// s, as go-yaml's tree has it. The copy's capacity ends where it does, so
// an append cannot overwrite its neighbour.
func carve[T any](chunk *[]T, s []T) []T {
	if len(s) == 0 {
		return nil
	}
	if cap(*chunk)-len(*chunk) < len(s) {
		*chunk = make([]T, 0, max(64, len(s)))
	}
	n := len(*chunk)
	*chunk = append(*chunk, s...)
	return (*chunk)[n : n+len(s) : n+len(s)]
}

// endList sets v's items to those pushed since mark.
func (p *fastYAML) endList(v *value, mark int) {
	v.list = carve(&p.valPtrs, p.items[mark:])
	p.items = p.items[:mark]
}

// endMapping sets v's entries to those pushed since mark.
func (p *fastYAML) endMapping(v *value, mark int) {
	v.entries = carve(&p.entPtrs, p.keys[mark:])
	p.keys = p.keys[:mark]
}

// addEntry pushes e, the next entry of the mapping whose entries start at
// mark; a duplicate key is go-yaml's to report. seen is the mapping's set
// of keys, made once it has so many that looking through them all for
// each new one would take time growing with the square of their number.
func (p *fastYAML) addEntry(mark int, seen *map[string]struct{}, e *entry) {
	switch n := len(p.keys) - mark; {
	case *seen == nil && n < 16:
		for _, old := range p.keys[mark:] {
			if old.key == e.key {
				p.decline()
			}
		}
	case *seen == nil:
		*seen = make(map[string]struct{}, 2*n)
		for _, old := range p.keys[mark:] {
			(*seen)[old.key] = struct{}{}
		}
		fallthrough
	default:
		if _, dup := (*seen)[e.key]; dup {
			p.decline()
		}
		(*seen)[e.key] = struct{}{}
	}
	p.keys = append(p.keys, e)
}

// isDash reports whether the current line is a block sequence entry.
func (p *fastYAML) isDash() bool {
	l, i := p.cur, p.ind
	return l[i] == '-' && (i+1 == len(l) || l[i+1] == ' ')
}

// block parses the block node that starts on the current line.
func (p *fastYAML) block(depth int) *value {
	if p.isDash() {
		return p.sequence(depth)
	}
	return p.mapping(p.ind, depth)
}

// sequence parses a block sequence whose dashes are at the current
// line's indentation.
func (p *fastYAML) sequence(depth int) *value {
	n := p.ind
	v := p.value(depth, n)
	v.kind = listValue
	mark := len(p.items)
	for {
		off := p.skipSpaces(n + 1)
		if off == len(p.cur) {
			p.decline() // an empty item
		}
		var item *value
		if _, _, isKey := p.blockKey(off); isKey {
			item = p.mapping(off, depth+1)
		} else {
			item = p.inline(off, depth+1)
			p.advance()
		}
		p.items = append(p.items, item)
		switch {
		case p.eof || p.ind < n:
			p.endList(v, mark)
			return v
		case p.ind == n && p.isDash():
			continue
		case p.ind == n:
			p.endList(v, mark)
			return v // the parent mapping's next key
		}
		p.decline()
	}
}

// mapping parses a block mapping whose first key starts at byte offset
// off of the current line, and whose other keys are indented by off.
func (p *fastYAML) mapping(off, depth int) *value {
	var (
		v    *value
		seen map[string]struct{}
	)
	mark := len(p.keys)
	for {
		key, colon, isKey := p.blockKey(off)
		if !isKey {
			p.decline()
		}
		if v == nil {
			v = p.value(depth, colon)
			v.kind = mapValue
		}
		e := p.entry(key, off)
		if rest := p.skipSpaces(colon + 1); rest < len(p.cur) {
			e.val = p.inline(rest, depth+1)
			p.advance()
		} else {
			p.advance()
			switch {
			case !p.eof && p.ind > off:
				e.val = p.block(depth + 1)
			case !p.eof && p.ind == off && p.isDash():
				e.val = p.sequence(depth + 1)
			default:
				p.decline() // an empty value: go-yaml places its null oddly
			}
		}
		p.addEntry(mark, &seen, e)
		switch {
		case p.eof || p.ind < off:
			p.endMapping(v, mark)
			return v
		case p.ind == off && !p.isDash():
			continue
		}
		p.decline()
	}
}

// blockKey reports whether the current line holds a block mapping key at
// byte offset off, and returns it with the offset of its colon.
func (p *fastYAML) blockKey(off int) (key string, colon int, ok bool) {
	l := p.cur
	switch l[off] {
	case '"', '\'':
		key, end := p.quoted(off)
		if end < len(l) && l[end] == ':' && (end+1 == len(l) || l[end+1] == ' ') {
			return key, end, true
		}
		return "", 0, false
	}
	if isIndicator(l[off]) {
		return "", 0, false
	}
	for i := off; i < len(l); i++ {
		switch l[i] {
		case ':':
			if i+1 < len(l) && l[i+1] != ' ' {
				continue
			}
			key = l[off:i]
			p.checkPlainKey(key)
			return key, i, true
		case '#':
			if l[i-1] == ' ' {
				return "", 0, false
			}
		}
	}
	return "", 0, false
}

// checkPlainKey declines a plain key that go-yaml might split ("<<" is
// its merge key, even inside a key), or that is not a string, as go-yaml
// spells such keys its own way.
func (p *fastYAML) checkPlainKey(key string) {
	if key[len(key)-1] == ' ' || strings.ContainsAny(key, "[]{},\"'") || strings.Contains(key, "<<") {
		p.decline()
	}
	if !isPlainString(key) {
		p.decline()
	}
}

// inline parses the scalar or flow collection at byte offset off of the
// current line, which must end the line but for a comment.
func (p *fastYAML) inline(off, depth int) *value {
	l := p.cur
	var v *value
	end := 0
	switch c := l[off]; {
	case c == '[':
		v, end = p.flowSequence(off, depth)
	case c == '{':
		v, end = p.flowMapping(off, depth)
	case c == '"' || c == '\'':
		v = p.value(depth, off)
		v.scalar, end = p.quoted(off)
	case c == '-' && off+1 < len(l) && l[off+1] != ' ':
		return p.plain(off, depth) // "-x", "-1"
	case isIndicator(c):
		p.decline()
	default:
		return p.plain(off, depth)
	}
	for end < len(l) && l[end] == ' ' {
		end++
	}
	if end < len(l) && (l[end] != '#' || l[end-1] != ' ') {
		p.decline()
	}
	return v
}

// plain parses a plain scalar in block context: the rest of the line, up
// to a comment.
func (p *fastYAML) plain(off, depth int) *value {
	l := p.cur
	end := len(l)
	for i := off; i < len(l); i++ {
		if l[i] == '#' && l[i-1] == ' ' {
			end = i
			break
		}
		if l[i] == ':' && (i+1 == len(l) || l[i+1] == ' ') {
			p.decline()
		}
	}
	s := strings.TrimRight(l[off:end], " ")
	if end == len(l) && len(s) < end-off {
		p.decline() // trailing spaces move go-yaml's column
	}
	v := p.value(depth, off)
	v.scalar = plainScalar(s)
	return v
}

// flowSequence parses "[a, b]" at byte offset off, returning the offset
// after "]".
func (p *fastYAML) flowSequence(off, depth int) (*value, int) {
	v := p.value(depth, off)
	v.kind = listValue
	i := p.skipSpaces(off + 1)
	if i < len(p.cur) && p.cur[i] == ']' {
		return v, i + 1
	}
	mark := len(p.items)
	for {
		var item *value
		item, i = p.flowScalar(i, depth+1, ']')
		p.items = append(p.items, item)
		var done bool
		if i, done = p.flowNext(i, ']'); done {
			p.endList(v, mark)
			return v, i
		}
	}
}

// flowMapping parses "{k: v, k: v}" at byte offset off, returning the
// offset after "}".
func (p *fastYAML) flowMapping(off, depth int) (*value, int) {
	v := p.value(depth, off)
	v.kind = mapValue
	i := p.skipSpaces(off + 1)
	if i < len(p.cur) && p.cur[i] == '}' {
		return v, i + 1
	}
	mark := len(p.keys)
	var seen map[string]struct{}
	for {
		keyOff := i
		var key string
		var quoted bool
		key, quoted, i = p.flowText(i, ':')
		if i >= len(p.cur)-1 || p.cur[i] != ':' || p.cur[i+1] != ' ' {
			p.decline()
		}
		if !quoted {
			p.checkPlainKey(key)
		}
		e := p.entry(key, keyOff)
		e.val, i = p.flowScalar(p.skipSpaces(i+1), depth+1, '}')
		p.addEntry(mark, &seen, e)
		var done bool
		if i, done = p.flowNext(i, '}'); done {
			p.endMapping(v, mark)
			return v, i
		}
	}
}

// flowNext reads what follows an item of a flow collection at byte offset
// i: the closing byte (done, and the offset after it) or a comma (the
// offset of the next item). Anything else declines.
func (p *fastYAML) flowNext(i int, closing byte) (next int, done bool) {
	i = p.skipSpaces(i)
	if i == len(p.cur) {
		p.decline()
	}
	switch p.cur[i] {
	case closing:
		return i + 1, true
	case ',':
		return p.skipSpaces(i + 1), false
	}
	p.decline()
	return 0, false
}

func (p *fastYAML) skipSpaces(i int) int {
	for i < len(p.cur) && p.cur[i] == ' ' {
		i++
	}
	return i
}

// flowScalar parses a scalar inside a flow collection that ends with
// close, returning the offset after it.
func (p *fastYAML) flowScalar(off, depth int, close byte) (*value, int) {
	v := p.value(depth, off)
	s, quoted, end := p.flowText(off, close)
	if quoted {
		v.scalar = s
	} else {
		v.scalar = plainScalar(s)
	}
	return v, end
}

// flowText returns the text of the quoted or plain scalar at byte offset
// off inside a flow collection, and the offset after it. A plain scalar
// ends before "," or close (":" for a key), and may hold no flow
// indicator, quote or "#", nor a ":" that could start a value.
func (p *fastYAML) flowText(off int, close byte) (s string, quoted bool, end int) {
	l := p.cur
	if off == len(l) {
		p.decline()
	}
	switch c := l[off]; {
	case c == '"' || c == '\'':
		s, end = p.quoted(off)
		return s, true, end
	case isIndicator(c):
		p.decline()
	}
	i := off
	for ; i < len(l); i++ {
		c := l[i]
		if c == ',' || c == close {
			break
		}
		switch c {
		case '[', ']', '{', '}', '"', '\'', '#':
			p.decline()
		case ':':
			if i+1 == len(l) || strings.IndexByte(" ,]}", l[i+1]) >= 0 {
				p.decline()
			}
		}
	}
	if i == len(l) {
		p.decline()
	}
	return strings.TrimRight(l[off:i], " "), false, i
}

// quoted parses the single- or double-quoted scalar at byte offset off,
// returning its value and the offset after its closing quote.
func (p *fastYAML) quoted(off int) (string, int) {
	l := p.cur
	q := l[off]
	var b strings.Builder
	start := off + 1
	for i := start; i < len(l); i++ {
		c := l[i]
		switch {
		case c == q && q == '\'' && i+1 < len(l) && l[i+1] == '\'':
			b.WriteString(l[start : i+1])
			i++
			start = i + 1
		case c == q:
			if b.Len() == 0 {
				return l[start:i], i + 1
			}
			b.WriteString(l[start:i])
			return b.String(), i + 1
		case c == '\\' && q == '"':
			if i+1 == len(l) {
				p.decline()
			}
			r := unescape(l[i+1])
			if r < 0 {
				p.decline()
			}
			b.WriteString(l[start:i])
			b.WriteRune(r)
			i++
			start = i + 1
		}
	}
	p.decline() // the scalar goes on to the next line
	return "", 0
}

// unescape returns the rune a one-character double-quote escape stands
// for, as go-yaml reads it, or -1.
func unescape(c byte) rune {
	if i := strings.IndexByte("0abtnvfre \"/\\", c); i >= 0 {
		return rune("\x00\a\b\t\n\v\f\r\x1b \"/\\"[i])
	}
	switch c {
	case 'N':
		return 0x85
	case '_':
		return 0xa0
	case 'L':
		return 0x2028
	case 'P':
		return 0x2029
	}
	return -1
}

// isIndicator reports whether c may not start a plain scalar. "-", "?"
// and ":" may, before a non-space, but are declined as rare (inline
// allows "-").
func isIndicator(c byte) bool {
	return strings.IndexByte("-?:,[]{}#&*!|>'\"%@` ", c) >= 0
}
