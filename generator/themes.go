package generator

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/sitefs"
	"github.com/byline/byline/generator/theme"
)

// themeSources lists where layouts come from, first wins: site/layouts,
// themes/<name>, then the built-in default. A theme the config names that
// is not there is an error at the config's line.
func themeSources(opts Options, cfg *config.Config, siteFS fs.FS, root string) ([]theme.Source, error) {
	var sources []theme.Source
	if fi, err := fs.Stat(siteFS, "layouts"); err == nil && fi.IsDir() {
		sub, _ := fs.Sub(siteFS, "layouts")
		sources = append(sources, theme.Source{FS: sub, Prefix: root + "/layouts"})
	}
	name := cmp.Or(opts.Theme, cfg.Theme, "default")
	dir, err := findTheme(opts.ThemesDir, name)
	if err != nil {
		msg := fmt.Sprintf("theme %q %v", name, err)
		if pos, ok := cfg.Pos["theme"]; ok && opts.Theme == "" {
			return nil, diag.ErrorList{{Pos: pos, Msg: msg}}
		}
		return nil, errors.New(msg)
	}
	if dir != "" {
		fsys, err := sitefs.Open(dir)
		if err != nil {
			return nil, fmt.Errorf("theme %q: %w", name, err)
		}
		sources = append(sources, theme.ThemeSource(fsys, displayPath(dir)))
	}
	return append(sources, theme.Builtin()), nil
}

// CheckTheme returns an error when name, for Options.Theme, names no theme
// in themesDir: one that says what is wrong, after the words "theme
// NAME" or "--theme NAME", lists the themes there are, and says what to
// do. The built-in "default" is always there.
func CheckTheme(themesDir, name string) error {
	_, err := findTheme(themesDir, name)
	return err
}

// findTheme returns the folder of the theme name in themesDir, or "" for
// the built-in default; or CheckTheme's error. A name is one folder's,
// with no separator or dot, so that it never leads out of themesDir.
func findTheme(themesDir, name string) (string, error) {
	where := displayPath(themesDir) + "/"
	if !themeName(name) {
		return "", fmt.Errorf(`is no theme name: write the name of a folder in %s (no "/", "\" or "."); %s`, where, themeChoice(themesDir))
	}
	dir := filepath.Join(themesDir, name)
	if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
		return dir, nil
	}
	if name == "default" {
		return "", nil
	}
	missing := fmt.Sprintf("%s has no folder %s", where, name)
	if _, err := os.Stat(themesDir); errors.Is(err, fs.ErrNotExist) {
		missing = "there is no folder " + where
	}
	return "", fmt.Errorf("not found: %s; %s, or create %s/layouts/", missing, themeChoice(themesDir), displayPath(dir))
}

// themeName reports whether name can be a theme's: one folder name.
func themeName(name string) bool {
	return name != "" && !strings.ContainsAny(name, `/\.`)
}

// themeChoice says which themes there are, and to use one: the built-in
// default, and the folders of themesDir.
func themeChoice(themesDir string) string {
	names := []string{"default (built in)"}
	entries, _ := os.ReadDir(themesDir) // none when there is no such folder
	for _, e := range entries {
		if n := e.Name(); n != "default" && themeName(n) {
			if fi, err := os.Stat(filepath.Join(themesDir, n)); err == nil && fi.IsDir() {
				names = append(names, n)
			}
		}
	}
	if len(names) == 1 {
		return "the only theme is the built-in default: use it"
	}
	last := len(names) - 1
	return fmt.Sprintf("the themes are %s and %s: use one of them", strings.Join(names[:last], ", "), names[last])
}
