package render

import (
	"io/fs"
	"path"

	"github.com/byline/byline/generator/diag"
	"github.com/byline/byline/generator/site"
)

// resourceJobs copies the files of every bundle beside its page, keeping
// their paths inside the bundle's folder: "articles/x/img/a.png" of the
// article at /articles/x-y/ is written to articles/x-y/img/a.png. A file
// is read when its job runs, so a preview server reads only those asked
// for.
func (r *Renderer) resourceJobs() []job {
	var jobs []job
	add := func(url, page string, files []string) {
		for _, f := range files {
			out := site.ResourcePath(url, page, f)
			origin := diag.Pos{Path: path.Join(r.opts.Root, f)}
			jobs = append(jobs, job{
				path: out, origin: origin, resource: true,
				gen: func(list *diag.List) File {
					data, err := fs.ReadFile(r.opts.SiteFS, f)
					if err != nil {
						list.Errorf(origin, "cannot read this file of a page's folder: %v", err)
					}
					return File{Path: out, Data: data}
				},
			})
		}
	}
	for _, a := range r.site.Articles {
		add(a.URL, a.Path, a.Resources)
	}
	for _, p := range r.site.Pages {
		add(p.URL, p.Path, p.Resources)
	}
	return jobs
}
