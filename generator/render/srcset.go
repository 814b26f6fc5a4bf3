package render

import "github.com/byline/byline/generator/diag"

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

// Srcset is what the srcset template function gives for an image with
// resized copies: the values of its <img>'s srcset and sizes attributes.
type Srcset struct {
	Srcset string // "/images/pay.480w.1a2b3c4d.png 480w, /images/pay.png 1600w"
	Sizes  string // "(min-width: 42.5rem) 40rem, calc(100vw - 2.5rem)"
}

// srcset is the srcset template function: the srcset and sizes of an image
// at a site path that has resized copies, which html/template escapes as
// it writes them, as in
//
//	<img src="{{ .Meta.Image }}" alt="{{ .Meta.ImageAlt }}"{{ with srcset .Meta.Image }} srcset="{{ .Srcset }}" sizes="{{ .Sizes }}"{{ end }}>
//
// and nil for any other image, or a site that asks for no copies.
func (r *Renderer) srcset(u string) *Srcset {
	if r.opts.Srcset == nil {
		return nil
	}
	if s := r.opts.Srcset(u); s.Srcset != "" {
		return &s
	}
	return nil
}
