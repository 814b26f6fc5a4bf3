package render

import (
	"html/template"

	"github.com/byline/byline/generator/diag"
)

// Resized is a resized copy of an image, for a responsive <img>'s srcset:
// an output file made by Make when it is written (see Options.Resized).
type Resized struct {
	Path   string   // the output path, "images/pay.480w.1a2b3c4d.png"
	Source diag.Pos // the image it is a copy of, for messages
	// Make returns the copy's bytes, reporting to list why it cannot.
	Make func(list *diag.List) []byte
}

// resizedJobs are the jobs of the resized copies, first among the jobs:
// each takes far longer than a page, so they start before the pages, and
// no worker is left with one at the end.
func (r *Renderer) resizedJobs() []job {
	jobs := make([]job, len(r.opts.Resized))
	for i, c := range r.opts.Resized {
		jobs[i] = job{
			path: c.Path, origin: c.Source, resized: true,
			gen: func(list *diag.List) File { return File{Path: c.Path, Data: c.Make(list)} },
		}
	}
	return jobs
}

// srcset is the srcset template function: the srcset and sizes attributes
// of an image at a site path that has resized copies, written after the
// <img>'s other attributes, as in
//
//	<img src="{{ .Meta.Image }}" alt="{{ .Meta.ImageAlt }}"{{ srcset .Meta.Image }}>
//
// and nothing for any other image, or a site that asks for no copies.
func (r *Renderer) srcset(u string) template.HTMLAttr {
	if r.opts.Srcset == nil {
		return ""
	}
	return template.HTMLAttr(r.opts.Srcset(u))
}
