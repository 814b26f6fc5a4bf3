package content

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// jsonTree decodes the JSON object src[start:end] (already known to be
// well-formed) with the file position of every key and value.
func jsonTree(src []byte, start, end int) (*value, []*posError) {
	dec := json.NewDecoder(bytes.NewReader(src[start:end]))
	dec.UseNumber()
	b := jsonBuilder{src: src, base: start, dec: dec, lines: lineTracker{src: src}}
	tok, off, err := b.next()
	if err != nil {
		return nil, []*posError{jsonError(src, start, err).(*posError)}
	}
	v := b.build(tok, off, 0)
	if b.err == errTooDeep {
		return nil, b.errs
	}
	if b.err != nil {
		return nil, []*posError{jsonError(src, start, b.err).(*posError)}
	}
	return v, b.errs
}

type jsonBuilder struct {
	src  []byte
	base int
	dec  *json.Decoder
	errs []*posError
	err  error // a decoding error ends the walk
	// lines positions the tokens, which come in file order.
	lines lineTracker
}

// next reads a token and returns the file offset where it starts.
func (b *jsonBuilder) next() (json.Token, int, error) {
	off := b.base + int(b.dec.InputOffset())
	tok, err := b.dec.Token()
	for off < len(b.src) && bytes.IndexByte([]byte(" \t\r\n,:"), b.src[off]) >= 0 {
		off++
	}
	return tok, off, err
}

func (b *jsonBuilder) build(tok json.Token, off, depth int) *value {
	line, col := b.lines.lineCol(off)
	v := &value{line: line, col: col}
	if depth > maxDepth {
		b.errs = append(b.errs, &posError{line, col, "front matter is nested too deeply"})
		b.err = errTooDeep
		return v
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			v.kind = mapValue
			b.object(v, depth)
		} else {
			v.kind = listValue
			b.array(v, depth)
		}
	case json.Number:
		if i, err := strconv.ParseInt(string(t), 10, 64); err == nil {
			v.scalar = i
		} else {
			f, _ := t.Float64()
			v.scalar = f
		}
	default:
		v.scalar = t
	}
	return v
}

func (b *jsonBuilder) object(v *value, depth int) {
	seen := dupTracker{}
	for b.err == nil && b.dec.More() {
		k, koff, err := b.next()
		if err != nil {
			b.err = err
			return
		}
		key, _ := k.(string)
		line, col := b.lines.lineCol(koff)
		tok, off, err := b.next()
		if err != nil {
			b.err = err
			return
		}
		val := b.build(tok, off, depth+1)
		if seen.check(key, line, col, &b.errs) {
			v.entries = append(v.entries, &entry{key: key, line: line, col: col, val: val})
		}
	}
	b.close()
}

func (b *jsonBuilder) array(v *value, depth int) {
	for b.err == nil && b.dec.More() {
		tok, off, err := b.next()
		if err != nil {
			b.err = err
			return
		}
		v.list = append(v.list, b.build(tok, off, depth+1))
	}
	b.close()
}

func (b *jsonBuilder) close() {
	if b.err == nil {
		_, _, b.err = b.next()
	}
}
