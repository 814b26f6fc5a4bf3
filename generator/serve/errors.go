package serve

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
)

// maxSource caps the size of a file read for its error lines, and
// maxLine the length of a line shown.
const (
	maxSource = 8 << 20
	maxLine   = 300
)

// readLines returns the lines of the file at a diagnostic's path: relative
// to the working directory, as every path in messages is, or absolute. A
// file that cannot be read (a built-in template) has no lines.
func readLines(p string) []string {
	p = filepath.FromSlash(p)
	fi, err := os.Stat(p)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxSource {
		return nil
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		l = strings.TrimRight(l, "\r")
		if len(l) > maxLine {
			l = strings.ToValidUTF8(l[:maxLine], "") + "…"
		}
		lines[i] = l
	}
	return lines
}

func errorsJSON(errs []BuildError) string {
	data, err := json.Marshal(errs)
	if err != nil {
		return "[]" // cannot happen: strings and ints only
	}
	return string(data)
}
