// Package scaffold makes the files of a new project (byline init) and of a
// new article (byline new article), in memory: the caller writes them.
//
// Project returns the starter project embedded in the binary: a site/ with
// config.yaml, one author, one published article, the About and Editorial
// standards pages and an archetype for new articles, which builds with the built-in theme and passes check as
// it is. Article returns the Markdown file of a new draft with complete front
// matter, every user-given value encoded by a YAML encoder (never pasted into
// the text), and a skeleton body.
//
// Neither function touches the file system for writing; paths are
// slash-separated and relative to the project folder. URLClash reads a
// site, with the new draft written, to find a page that already has the
// draft's URL.
package scaffold

import (
	"embed"
	"io/fs"
	"strings"
)

// File is one file to create; Path is slash-separated, relative to the project.
type File struct {
	Path string
	Data []byte
}

//go:embed all:project
var project embed.FS

// Project returns the files of a new project, sorted by path.
func Project() []File {
	var files []File
	err := fs.WalkDir(project, "project", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := project.ReadFile(p)
		files = append(files, File{Path: strings.TrimPrefix(p, "project/"), Data: data})
		return err
	})
	if err != nil {
		panic("scaffold: embedded project unreadable: " + err.Error()) // cannot happen: embedded at build time
	}
	return files
}
