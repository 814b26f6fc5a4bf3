package main

import (
	"github.com/byline/byline/generator/publish"
	"github.com/byline/byline/generator/render"
)

// precompressed returns files with a .gz and a .br copy of each text file
// (see publish.Precompress).
func precompressed(files []render.File) []render.File {
	in := make([]publish.File, len(files))
	for i, f := range files {
		in[i] = publish.File(f)
	}
	out := publish.Precompress(in)
	res := make([]render.File, len(out))
	for i, f := range out {
		res[i] = render.File(f)
	}
	return res
}
