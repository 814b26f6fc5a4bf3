package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// guard is a folder that an output folder must neither be nor contain.
type guard struct {
	path string // absolute, symlinks resolved
	what string // "the site directory"
}

// CheckOut refuses an output directory that is dangerous, before anything is touched: one that
// is, or contains, the site directory, the project root, a home directory ($HOME, /home and
// /home/*, /root) or "/", or that is or lies inside the site directory or the project's
// themes folder, where a build would overwrite the templates it reads. An empty siteDir or
// projectRoot is not checked. Paths need not exist; the part that exists has its symlinks
// resolved, and everything is made absolute before comparing.
func CheckOut(out, siteDir, projectRoot string) error {
	refuse := func(why string) error {
		return fmt.Errorf("refusing to write to %q (%s): choose an output folder such as public/ with --out", out, why)
	}
	abs, err := resolve(out)
	if err != nil {
		return fmt.Errorf("checking output folder %q: %w", out, err)
	}
	if filepath.Dir(abs) == abs {
		return refuse("the file system root")
	}
	site, guards, err := dangerous(siteDir, projectRoot)
	if err != nil {
		return fmt.Errorf("checking output folder %q: %w", out, err)
	}
	for _, g := range guards {
		if abs == g.path {
			return refuse("it is " + g.what)
		}
	}
	for _, g := range guards {
		if within(g.path, abs) {
			return refuse(fmt.Sprintf("it contains %s %s", g.what, g.path))
		}
	}
	if site != "" && within(abs, site) {
		return refuse("it is inside the site directory " + site)
	}
	if projectRoot != "" {
		// The build reads its themes from here (generator.Options.ThemesDir).
		themes, err := resolve(filepath.Join(projectRoot, "themes"))
		switch {
		case err != nil: // a broken link: no theme is read from it either
		case abs == themes:
			return refuse("it is the themes folder")
		case within(abs, themes):
			return refuse("it is inside the themes folder " + themes)
		}
	}
	return nil
}

// dangerous lists the folders an output folder must neither be nor contain, and returns the
// resolved site directory ("" if siteDir is).
func dangerous(siteDir, projectRoot string) (string, []guard, error) {
	var guards []guard
	add := func(p, what string) error {
		if p == "" {
			return nil
		}
		abs, err := resolve(p)
		if err == nil {
			guards = append(guards, guard{abs, what})
		}
		return err
	}
	homes, _ := filepath.Glob("/home/*") // the pattern is valid, so there is no error
	errs := []error{
		add(siteDir, "the site directory"),
		add(projectRoot, "the project root"),
		add(os.Getenv("HOME"), "your home directory"),
		add("/root", "a home directory"),
		add("/home", "the home directories"),
	}
	for _, h := range homes {
		errs = append(errs, add(h, "a home directory"))
	}
	site := ""
	if siteDir != "" && len(guards) > 0 {
		site = guards[0].path
	}
	return site, guards, errors.Join(errs...)
}

// resolve makes p absolute and resolves its symlinks name by name, as the kernel does: a ".."
// after a link goes up from where the link leads, not from where it is ("link/../x" is not
// "x"). A name that does not exist is taken as a folder to be made, and a ".." after it goes
// back to where it was made ("missing/../link" is where link leads).
func resolve(p string) (string, error) {
	if !filepath.IsAbs(p) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		p = wd + string(filepath.Separator) + p // not Join, which would clean "link/.."
	}
	vol := filepath.VolumeName(p)
	names := strings.Split(p[len(vol):], string(filepath.Separator))
	cur := vol + string(filepath.Separator)
	for _, name := range names {
		switch name {
		case "", ".":
			continue
		case "..":
			cur = filepath.Dir(cur) // cur is real, or to be made: its parent is where ".." leads
			continue
		}
		next := filepath.Join(cur, name)
		info, err := os.Lstat(next)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			cur = next // to be made
			continue
		}
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			real, err := filepath.EvalSymlinks(next)
			if errors.Is(err, fs.ErrNotExist) {
				return "", fmt.Errorf("%s is a broken symbolic link", next)
			}
			if err != nil {
				return "", err
			}
			next = real
		}
		cur = next
	}
	return cur, nil
}

// within reports whether child lies strictly inside parent; both are absolute and clean.
func within(child, parent string) bool {
	rel, err := filepath.Rel(parent, child)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}
