package content

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/adrg/frontmatter"
)

// frontMatter is a file cut into its front matter and its Markdown body.
type frontMatter struct {
	format string // "yaml", "toml", "json", or "" when the file has none
	data   []byte // the front matter without its delimiters (JSON: the whole object)
	line   int    // file line of data's first byte
	offset int    // file offset of data's first byte
	body   []byte
	// bodyLine is the file line on which body starts.
	bodyLine int
}

// posError is a problem at a file position found before decoding.
type posError struct {
	line, col int
	msg       string
}

func (e *posError) Error() string { return fmt.Sprintf("%d:%d: %s", e.line, e.col, e.msg) }

type rawFrontMatter struct {
	format string
	data   []byte
}

func capture(format string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		r := v.(*rawFrontMatter)
		r.format, r.data = format, bytes.Clone(data)
		return nil
	}
}

var (
	yamlFormat = frontmatter.NewFormat("---", "---", capture("yaml"))
	tomlFormat = frontmatter.NewFormat("+++", "+++", capture("toml"))
)

// split cuts normalised src into front matter and body. YAML ("---") and
// TOML ("+++") are found by adrg/frontmatter; a JSON object is front matter
// when "{" is the file's first non-blank byte, and it ends where the object
// ends. Blank lines before the front matter are allowed.
//
// br, when not nil, is a reader with a buffer of 4 KB or more that split
// may reset and use, so that adrg/frontmatter, which reads through a
// bufio.Reader, does not make one of its own for each file.
func split(src []byte, br *bufio.Reader) (frontMatter, error) {
	first, line := firstLine(src)
	switch {
	case bytes.HasPrefix(first, []byte("{")):
		return splitJSON(src, len(src)-len(bytes.TrimLeft(src, " \t\n")))
	case !bytes.Equal(first, []byte("---")) && !bytes.Equal(first, []byte("+++")):
		return frontMatter{body: src, bodyLine: 1}, nil
	}
	// adrg/frontmatter copies the rest of what it reads as the body. It
	// is given the file up to the closing delimiter, found here as it
	// finds it, and the body stays in src.
	head := src
	if end, ok := closingLine(src, line, first); ok {
		head = src[:end]
	}
	var raw rawFrontMatter
	var r io.Reader = bytes.NewReader(head)
	if br != nil {
		br.Reset(r)
		r = br // bufio.NewReader(br) is br
	}
	rest, err := frontmatter.Parse(r, &raw, yamlFormat, tomlFormat)
	if err != nil {
		return frontMatter{}, &posError{line, 1, err.Error()}
	}
	if raw.format == "" {
		return frontMatter{}, &posError{line, 1, fmt.Sprintf("front matter is not closed: add a line %s after it", first)}
	}
	bodyOff := len(head) - len(rest)
	body := src[bodyOff:]
	return frontMatter{
		format:   raw.format,
		data:     raw.data,
		line:     line + 1,
		offset:   offsetOfLine(src, line+1),
		body:     body,
		bodyLine: bytes.Count(src[:bodyOff], []byte("\n")) + 1,
	}, nil
}

// closingLine returns the offset just past the line that closes front
// matter opened by delim on line open: the first later line that is delim
// once trimmed of white space, as adrg/frontmatter reads lines.
func closingLine(src []byte, open int, delim []byte) (int, bool) {
	off := offsetOfLine(src, open+1)
	for off < len(src) {
		line, _, found := bytes.Cut(src[off:], []byte("\n"))
		next := off + len(line)
		if found {
			next++
		}
		if bytes.Equal(bytes.TrimSpace(line), delim) {
			return next, true
		}
		off = next
	}
	return 0, false
}

// firstLine returns the first non-blank line, trimmed, and its number.
func firstLine(src []byte) ([]byte, int) {
	for n := 1; len(src) > 0; n++ {
		line, rest, _ := bytes.Cut(src, []byte("\n"))
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return t, n
		}
		src = rest
	}
	return nil, 0
}

func offsetOfLine(src []byte, line int) int {
	off := 0
	for range line - 1 {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return off
}

func splitJSON(src []byte, start int) (frontMatter, error) {
	dec := json.NewDecoder(bytes.NewReader(src[start:]))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return frontMatter{}, jsonError(src, start, err)
	}
	end := start + int(dec.InputOffset())
	rest, _, _ := bytes.Cut(src[end:], []byte("\n"))
	if t := bytes.TrimSpace(rest); len(t) > 0 {
		line, col := lineCol(src, end+bytes.Index(src[end:], t))
		return frontMatter{}, &posError{line, col, "unexpected text after the front matter's closing }"}
	}
	bodyOff := min(end+len(rest)+1, len(src))
	line, _ := lineCol(src, start)
	return frontMatter{
		format:   "json",
		data:     src[start:end],
		line:     line,
		offset:   start,
		body:     src[bodyOff:],
		bodyLine: bytes.Count(src[:bodyOff], []byte("\n")) + 1,
	}, nil
}

// jsonError locates a decoding error of the JSON text that starts at
// src[start:].
func jsonError(src []byte, start int, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	off, msg := len(src)-start, err.Error()
	switch {
	case errors.As(err, &syn):
		off, msg = int(syn.Offset)-1, syn.Error()
		if at := start + max(off, 0); at < len(src) && (src[at] == '}' || src[at] == ']') &&
			bytes.HasSuffix(bytes.TrimRight(src[start:at], " \t\r\n"), []byte(",")) {
			msg += ": JSON allows no comma after the last item: remove it"
		}
	case errors.As(err, &typ):
		off = int(typ.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		msg = "front matter JSON object is not closed"
	}
	line, col := lineCol(src, start+max(off, 0))
	return &posError{line, col, "invalid JSON: " + msg}
}

// lineCol converts a byte offset of src to a 1-based line and column
// (columns count bytes, as go/scanner does).
// lineTracker gives the lines and columns of offsets of src that come in
// increasing order, in time linear in src all told: lineCol, at each of a
// big file's tokens, would count from the start every time.
type lineTracker struct {
	src       []byte
	off, line int // the last offset asked for, and its line
	lineStart int // the offset where that line starts
}

func (t *lineTracker) lineCol(off int) (line, col int) {
	off = min(max(off, 0), len(t.src))
	if t.line == 0 || off < t.off {
		t.off, t.line, t.lineStart = 0, 1, 0
	}
	for {
		i := bytes.IndexByte(t.src[t.off:off], '\n')
		if i < 0 {
			break
		}
		t.line++
		t.off += i + 1
		t.lineStart = t.off
	}
	t.off = off
	return t.line, off - t.lineStart + 1
}

func lineCol(src []byte, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	line = bytes.Count(src[:off], []byte("\n")) + 1
	return line, off - (bytes.LastIndexByte(src[:off], '\n') + 1) + 1
}
