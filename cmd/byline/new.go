package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/publish"
	"github.com/byline/byline/generator/scaffold"
	"github.com/byline/byline/generator/sitefs"
)

// newFile writes a new article, page or author, by the kind its first
// argument names.
func (a *App) newFile(args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "page":
			return a.newPage(args[1:])
		case "author":
			return a.newAuthor(args[1:])
		}
	}
	return a.newArticle(args)
}

// newArticle writes a draft article with complete front matter.
func (a *App) newArticle(args []string) error {
	flags := a.flagSet("new", `new article "Title" [--site DIR] [--author KEY] [--section NAME] [--slug SLUG] [--bundle]
(and byline new page "Title", byline new author "Name": see byline new page -h, byline new author -h)`)
	site := flags.String("site", "site", "the site `folder`")
	author := flags.String("author", "", "the author `key` (default: the config's default_author, else the only author)")
	section := flags.String("section", "", "the section `name`, a sub-folder of articles/")
	slug := flags.String("slug", "", "the file `name`, and the URL's last part (default: made from the title)")
	bundle := flags.Bool("bundle", false, "make the article a folder, SLUG/index.md, for the images and files it needs")
	pos, err := a.parseArgs(flags, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || pos[0] != "article" {
		fmt.Fprintln(a.Stderr, `byline new: write byline new article "Title", byline new page "Title" or byline new author "Name"`)
		flags.Usage()
		return errUsage
	}
	siteFS, cfg, err := loadConfig(*site)
	if err != nil {
		return err
	}
	known, err := scaffold.Authors(siteFS)
	if err != nil {
		return err
	}
	key, err := scaffold.PickAuthor(*author, cfg.DefaultAuthor, known)
	if err != nil {
		return err
	}
	arch, err := scaffold.LoadArchetype(siteFS, filepath.ToSlash(*site), *section)
	if err != nil {
		return err
	}
	f, err := scaffold.Article(scaffold.ArticleOptions{
		Title: pos[1], Author: key, Section: *section, Slug: *slug, Date: a.now().In(cfg.Location), Bundle: *bundle, Archetype: arch,
	})
	if err != nil {
		return err
	}
	p := filepath.Join(*site, filepath.FromSlash(f.Path))
	// Only an archetype brings errors into the article: they are shown
	// where it has them.
	return a.writeChecked(siteFS, cfg, *site, p, otherForm(p, *bundle), f.Data, arch.Locate)
}

// otherForm is the path of the page at p in its other form, a folder
// (x/index.md) for a file, a file for a folder: it has the same URL.
func otherForm(p string, bundle bool) string {
	if bundle {
		return filepath.Dir(p) + ".md"
	}
	return strings.TrimSuffix(p, ".md") + string(filepath.Separator) + "index.md"
}

// oneArg parses a new command's flags and its one argument, the title or
// the name; without it, the usage is printed, as write says.
func (a *App) oneArg(flags *flag.FlagSet, args []string, write string) (string, error) {
	pos, err := a.parseArgs(flags, args)
	if err != nil {
		return "", err
	}
	if len(pos) != 1 {
		fmt.Fprintln(a.Stderr, "byline new: write "+write)
		flags.Usage()
		return "", errUsage
	}
	return pos[0], nil
}

// loadConfig reads the config of the site folder dir.
func loadConfig(dir string) (fs.FS, *config.Config, error) {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, nil, fmt.Errorf("site folder %s not found: run byline in a project folder, or pass --site DIR", filepath.ToSlash(dir))
	}
	siteFS, err := sitefs.Open(dir)
	if err != nil {
		return nil, nil, err
	}
	var list diag.List
	cfg := config.Load(siteFS, filepath.ToSlash(filepath.Join(dir, config.Name)), &list)
	return siteFS, cfg, list.Err()
}

// now is the app's clock.
func (a *App) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

// newPage writes a draft standalone page.
func (a *App) newPage(args []string) error {
	flags := a.flagSet("new page", `new page "Title" [--site DIR] [--slug SLUG] [--bundle]`)
	site := flags.String("site", "site", "the site `folder`")
	slug := flags.String("slug", "", "the file `name`, and the URL (default: made from the title)")
	bundle := flags.Bool("bundle", false, "make the page a folder, SLUG/index.md, for the images and files it needs")
	title, err := a.oneArg(flags, args, `byline new page "Title"`)
	if err != nil {
		return err
	}
	siteFS, cfg, err := loadConfig(*site)
	if err != nil {
		return err
	}
	f, err := scaffold.Page(scaffold.PageOptions{Title: title, Slug: *slug, Bundle: *bundle})
	if err != nil {
		return err
	}
	p := filepath.Join(*site, filepath.FromSlash(f.Path))
	return a.writeChecked(siteFS, cfg, *site, p, otherForm(p, *bundle), f.Data, nil)
}

// newAuthor writes a new author's file.
func (a *App) newAuthor(args []string) error {
	flags := a.flagSet("new author", `new author "Name" [--site DIR] [--key KEY] [--role ROLE]`)
	site := flags.String("site", "site", "the site `folder`")
	key := flags.String("key", "", "the author's `key`, which articles name in author:, and the file's name (default: made from the name)")
	role := flags.String("role", "", "the author's `role`, as in \"Senior Writer\"")
	name, err := a.oneArg(flags, args, `byline new author "Name"`)
	if err != nil {
		return err
	}
	siteFS, cfg, err := loadConfig(*site)
	if err != nil {
		return err
	}
	f, err := scaffold.Author(scaffold.AuthorOptions{Name: name, Key: *key, Role: *role})
	if err != nil {
		return err
	}
	p := filepath.Join(*site, filepath.FromSlash(f.Path))
	return a.writeChecked(siteFS, cfg, *site, p, "", f.Data, nil)
}

// writeChecked writes a new file at p, refusing when it, or other (the
// same page as a file or a folder), exists, and takes it back when its URL
// is one another page has or it has errors, placed by locate when given
// (Archetype.Locate).
func (a *App) writeChecked(siteFS fs.FS, cfg *config.Config, site, p, other string, data []byte, locate func(*diag.Diagnostic, string) *diag.Diagnostic) error {
	if other != "" {
		if _, err := os.Stat(other); err == nil {
			return fmt.Errorf("%s already exists: edit it, or choose another title", filepath.ToSlash(other))
		}
	}
	made := publish.MissingFolders(filepath.Dir(p))
	if err := writeNew(p, data); errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists: edit it, or choose another name", filepath.ToSlash(p))
	} else if err != nil {
		return err
	}
	file := filepath.ToSlash(p)
	clash, errs := scaffold.Review(context.Background(), siteFS, cfg, filepath.ToSlash(site), file, a.now())
	if clash == nil && len(errs) == 0 {
		fmt.Fprintln(a.Stdout, file)
		return nil
	}
	os.Remove(p)
	publish.RemoveEmpty(made)
	if clash != nil {
		return fmt.Errorf("%v\nnothing was created: choose another title, or name the file with --slug", clash)
	}
	el := diag.ErrorList(errs)
	if locate != nil {
		for i, d := range el {
			el[i] = locate(d, file)
		}
	}
	return fmt.Errorf("%w\nnothing was created", el)
}
