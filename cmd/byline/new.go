package main

import (
	"context"
	"errors"
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

// newArticle writes a draft article with complete front matter.
func (a *App) newArticle(args []string) error {
	flags := a.flagSet("new", `new article "Title" [--site DIR] [--author KEY] [--section NAME] [--slug SLUG] [--bundle]`)
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
		fmt.Fprintln(a.Stderr, `byline new: write byline new article "Title"`)
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
	// The article in its other form, a file or a folder, has the same URL.
	other := strings.TrimSuffix(p, ".md") + string(filepath.Separator) + "index.md"
	if *bundle {
		other = filepath.Dir(p) + ".md"
	}
	if _, err := os.Stat(other); err == nil {
		return fmt.Errorf("%s already exists: edit it, or choose another title", filepath.ToSlash(other))
	}
	made := publish.MissingFolders(filepath.Dir(p))
	if err := writeNew(p, f.Data); errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists: edit it, or choose another title", filepath.ToSlash(p))
	} else if err != nil {
		return err
	}
	// Where the draft lands depends on the permalinks, and on every other
	// page: a clash is found in the site's model, and the draft taken back.
	file := filepath.ToSlash(p)
	clash, errs := scaffold.Review(context.Background(), siteFS, cfg, filepath.ToSlash(*site), file, a.now())
	if clash != nil || len(errs) > 0 {
		os.Remove(p)
		publish.RemoveEmpty(made)
	}
	if clash != nil {
		return fmt.Errorf("%v\nnothing was created: choose another title, or name the file with --slug", clash)
	}
	if len(errs) > 0 {
		// Only an archetype brings errors in: the rest is written by us.
		var el diag.ErrorList
		for _, d := range errs {
			el = append(el, arch.Locate(d, file))
		}
		return fmt.Errorf("%w\nnothing was created: correct the archetype", el)
	}
	fmt.Fprintln(a.Stdout, filepath.ToSlash(p))
	return nil
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
