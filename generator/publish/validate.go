package publish

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

const (
	// maxPathErrors caps how many invalid paths one error reports.
	maxPathErrors = 10
	// maxNameLen is the longest file name most file systems accept.
	maxNameLen = 255
)

// validatePaths checks every path before anything touches the disk.
func validatePaths(files []File) error {
	var errs []error
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		if err := validPath(f.Path); err != nil {
			errs = append(errs, err)
			continue
		}
		if seen[f.Path] {
			errs = append(errs, fmt.Errorf("duplicate output path %q", f.Path))
		}
		seen[f.Path] = true
	}
	for p := range seen {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if seen[d] {
				errs = append(errs, fmt.Errorf("output path %q is a file, but %q needs it to be a folder", d, p))
			}
		}
	}
	if len(errs) > maxPathErrors {
		more := fmt.Errorf("and %d more invalid paths", len(errs)-maxPathErrors)
		errs = append(errs[:maxPathErrors], more)
	}
	return errors.Join(errs...)
}

// validPath reports why p cannot be an output path, or nil.
func validPath(p string) error {
	if why := PathProblem(p); why != "" {
		return fmt.Errorf("invalid output path %q: %s", p, why)
	}
	return nil
}

// PathProblem says why Publish would refuse p as an output path ("control
// character"), or returns "" for a path it accepts, so that an earlier
// stage can report the problem at the file p comes from.
func PathProblem(p string) string {
	switch {
	case p == "":
		return "empty"
	case strings.ContainsRune(p, '\\'):
		return "backslash; use / between folders"
	case strings.ContainsFunc(p, isControl):
		return "control character"
	case strings.HasPrefix(p, "/"):
		return "absolute; paths are relative to the output folder"
	case p == ".." || strings.HasPrefix(p, "../"):
		return "leaves the output folder"
	case path.Clean(p) != p || p == ".":
		return "not clean (empty, \".\" or \"..\" segment, or trailing slash)"
	case slices.ContainsFunc(strings.Split(p, "/"), func(s string) bool { return len(s) > maxNameLen }):
		return fmt.Sprintf("a name is longer than %d bytes", maxNameLen)
	case !filepath.IsLocal(filepath.FromSlash(p)):
		return "not a local path on this system"
	case p == manifestName || strings.HasPrefix(p, manifestName+"/"):
		return "reserved for Byline's manifest"
	case strings.HasPrefix(path.Base(p), tempPrefix):
		return "reserved for Byline's temporary files"
	case p == stagingDir || strings.HasPrefix(p, stagingDir+"/"):
		return "reserved for Byline's staging folder"
	}
	return ""
}

// isControl reports ASCII control characters, which include NUL and the newline that
// separates paths in the manifest.
func isControl(r rune) bool { return r < 0x20 || r == 0x7f }
