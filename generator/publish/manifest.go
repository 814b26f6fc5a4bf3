package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
)

const (
	// manifestName is the file in the output root that lists what Byline wrote.
	manifestName = ".byline-manifest"
	// manifestHeader is its first line; a new format gets a new version.
	manifestHeader = "# byline manifest v1"
)

// readManifest returns the sorted paths of the previous manifest, or none if there is none.
func readManifest(root *os.Root) ([]string, error) {
	info, err := root.Lstat(manifestName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file: remove it", manifestName)
	}
	data, err := root.ReadFile(manifestName)
	if err != nil {
		return nil, err
	}
	paths, err := parseManifest(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (delete it to start over; Byline will then leave its old files alone)", manifestName, err)
	}
	return paths, nil
}

// parseManifest is the inverse of formatManifest. It refuses anything formatManifest could
// not have written, so a damaged manifest cannot make Publish delete the wrong files.
func parseManifest(data []byte) ([]string, error) {
	text, ok := strings.CutPrefix(string(data), manifestHeader+"\n")
	if !ok {
		return nil, errors.New("unknown format: the first line is not " + manifestHeader)
	}
	paths := strings.Split(text, "\n")
	if paths[len(paths)-1] != "" {
		return nil, errors.New("truncated: no newline at the end")
	}
	paths = paths[:len(paths)-1]
	for i, p := range paths {
		if err := validPath(p); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+2, err)
		}
		if i > 0 && paths[i-1] >= p {
			return nil, fmt.Errorf("line %d: paths are not sorted and unique", i+2)
		}
	}
	return paths, nil
}

// formatManifest renders sorted, unique paths deterministically.
func formatManifest(paths []string) []byte {
	var b bytes.Buffer
	b.WriteString(manifestHeader + "\n")
	for _, p := range paths {
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// writeManifest replaces the manifest atomically, unless it already says the same.
func writeManifest(root *os.Root, paths []string) error {
	data := formatManifest(paths)
	if old, err := root.ReadFile(manifestName); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return writeAtomic(root, manifestName, data)
}

// claimed returns the sorted union of the old manifest and every output path where nothing
// foreign stands. Listing these before writing means a publish that fails halfway never leaves
// behind a file of ours that the next publish would take for a user's. Paths that exist but
// are not in the old manifest are not claimed: they may be a user's, and a failed publish must
// not turn them into files that a later publish deletes.
func (p *plan) claimed(old []string) []string {
	out := slices.Clone(old)
	for _, j := range p.jobs {
		if !j.foreign {
			out = append(out, j.file.Path)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
