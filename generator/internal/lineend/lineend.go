// Package lineend makes the line ends of a text file the same for every
// parser that reads it.
package lineend

import "bytes"

// Normalize drops a UTF-8 byte order mark and turns CRLF and lone CR line
// ends into LF. CommonMark, YAML and TOML's decoders all end a line at a
// CR; after Normalize they count lines as Byline does, so an error's line
// is the line in the file. None of this changes a line number, nor the
// column of any visible character. src is returned as it is when it has
// no CR; otherwise the result is new memory.
func Normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
}
