package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/byline/byline/generator/scaffold"
)

// initProject writes the starter project of package scaffold into a folder.
func (a *App) initProject(args []string) error {
	flags := a.flagSet("init", "init [--force] DIR")
	force := flags.Bool("force", false, "add the starter files to a folder that is not empty (existing files are kept)")
	pos, err := a.parseArgs(flags, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fmt.Fprintln(a.Stderr, "byline init: give one folder to create the project in")
		flags.Usage()
		return errUsage
	}
	dir := pos[0]
	if empty, err := emptyDir(dir); err != nil {
		return err
	} else if !empty && !*force {
		return fmt.Errorf("%s is not empty: choose a new folder, or pass --force to add the starter files (existing files are never overwritten)", filepath.ToSlash(dir))
	}
	created := 0
	for _, f := range scaffold.Project() {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		switch err := writeNew(p, f.Data); {
		case errors.Is(err, fs.ErrExist):
			fmt.Fprintf(a.Stderr, "kept %s: it already exists\n", filepath.ToSlash(p))
		case err != nil:
			return err
		default:
			created++
		}
	}
	if created == 0 {
		fmt.Fprintf(a.Stdout, "%s already holds every starter file: nothing was created\n", filepath.ToSlash(dir))
		return nil
	}
	fmt.Fprintf(a.Stdout, "created a new site in %s\nnext: cd %s && byline build\n", filepath.ToSlash(dir), shellArg(dir))
	return nil
}

// shellArg writes dir so that a POSIX shell reads it back as one argument
// to cd: "my blog" as 'my blog', "-x" as ./-x.
func shellArg(dir string) string {
	if strings.HasPrefix(dir, "-") {
		dir = "./" + dir
	}
	safe := func(r rune) bool {
		return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+,:@%", r))
	}
	if dir != "" && strings.IndexFunc(dir, func(r rune) bool { return !safe(r) }) < 0 {
		return dir
	}
	return "'" + strings.ReplaceAll(dir, "'", `'\''`) + "'"
}

// emptyDir reports whether dir is missing or holds nothing.
func emptyDir(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return len(entries) == 0, nil
}

// writeNew creates the file p with data, and its folders. It never replaces
// anything: an existing file, or a symbolic link, is an fs.ErrExist error.
func writeNew(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(p)
		return err
	}
	return f.Close()
}

// parseArgs parses flags that may come before, between or after positional
// arguments ("init DIR --force"), and returns the positional ones.
func (a *App) parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := a.parseFlags(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
