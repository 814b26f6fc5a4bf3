package publish

import (
	"bytes"
	"compress/gzip"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/andybalholm/brotli"
)

// compressible are the extensions of the text files Precompress compresses.
var compressible = map[string]bool{
	".html": true, ".css": true, ".js": true, ".json": true,
	".xml": true, ".txt": true, ".svg": true,
}

// Compressed returns the paths of the copies Precompress makes of the file
// at p, or nil when it makes none.
func Compressed(p string) []string {
	if !compressible[strings.ToLower(path.Ext(p))] {
		return nil
	}
	return []string{p + ".gz", p + ".br"}
}

// BrotliQuality is the brotli level of Precompress. The pure-Go encoder
// makes files at 6 about as small as at 9, and at 11 some 13% smaller but
// fifty times slower, which a build of ten thousand pages cannot afford.
const BrotliQuality = 6

// Precompress returns files followed by a gzip (.gz) and a brotli (.br)
// copy of each text file (html, css, js, json, xml, txt, svg), for servers
// that send a compressed file as it is (nginx gzip_static, brotli_static).
// The copies are byte-deterministic: gzip at the best compression with no
// name and a zero modification time, brotli at BrotliQuality. They are
// ordinary output files, so the manifest lists them and a later publish
// without them, or without their source, removes them.
func Precompress(files []File) []File {
	var todo []int
	for i, f := range files {
		if Compressed(f.Path) != nil {
			todo = append(todo, i)
		}
	}
	extra := make([]File, 2*len(todo))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(todo))) {
		wg.Go(func() {
			c := newCompressor()
			for k := int(next.Add(1) - 1); k < len(todo); k = int(next.Add(1) - 1) {
				f := files[todo[k]]
				extra[2*k] = File{Path: f.Path + ".gz", Data: c.gzip(f.Data)}
				extra[2*k+1] = File{Path: f.Path + ".br", Data: c.brotli(f.Data)}
			}
		})
	}
	wg.Wait()
	return append(slices.Clip(files), extra...)
}

// compressor is one worker's encoders, reused from file to file: setting up
// a brotli encoder costs more than compressing a small page.
type compressor struct {
	buf bytes.Buffer
	gz  *gzip.Writer
	br  *brotli.Writer
}

func newCompressor() *compressor {
	c := &compressor{}
	c.gz, _ = gzip.NewWriterLevel(&c.buf, gzip.BestCompression) // the level is valid
	c.br = brotli.NewWriterLevel(&c.buf, BrotliQuality)
	return c
}

// gzip compresses data at the best compression with an empty header (no
// name, no modification time), so equal input gives equal bytes.
func (c *compressor) gzip(data []byte) []byte {
	c.buf.Reset()
	c.gz.Reset(&c.buf)
	c.gz.Write(data) // writing to a bytes.Buffer does not fail
	c.gz.Close()
	return bytes.Clone(c.buf.Bytes())
}

func (c *compressor) brotli(data []byte) []byte {
	c.buf.Reset()
	c.br.Reset(&c.buf)
	c.br.Write(data)
	c.br.Close()
	return bytes.Clone(c.buf.Bytes())
}
