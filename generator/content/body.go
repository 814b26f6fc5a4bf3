package content

import (
	"bufio"
	"bytes"
	"html/template"
	"io/fs"
	"slices"
	"sync"
	"unsafe"

	"github.com/klauspost/compress/s2"
)

// A body is a page's rendered HTML, kept compressed: a site's bodies are
// most of what a build holds in memory (10,000 articles: ~100 MB of HTML),
// and each is read only a few times (its page, a feed or two). S2 turns
// that into about a third, and costs a few microseconds an article each
// way.
type body struct {
	z    []byte      // s2 block of the HTML
	pool *bufferPool // scratch for compressing it again (SetBody); nil for none
}

func compressBody(h template.HTML, pool *bufferPool) body {
	// s2 only reads src: the string's own bytes, not a copy of them.
	return compressBytes(unsafe.Slice(unsafe.StringData(string(h)), len(h)), pool)
}

// compressBytes is compressBody of the HTML in src, which it only reads.
func compressBytes(src []byte, pool *bufferPool) body {
	if len(src) == 0 {
		return body{pool: pool}
	}
	dst := pool.get(s2.MaxEncodedLen(len(src)))
	defer pool.put(dst)
	return body{z: bytes.Clone(s2.Encode(*dst, src)), pool: pool}
}

func (b body) html() template.HTML {
	// Decoded straight into the string's own bytes, which nothing writes
	// again: no copy.
	out := b.appendHTML(nil)
	return template.HTML(unsafe.String(unsafe.SliceData(out), len(out)))
}

// appendHTML appends the HTML to dst.
func (b body) appendHTML(dst []byte) []byte {
	if len(b.z) == 0 {
		return dst
	}
	n, err := s2.DecodedLen(b.z)
	if err == nil {
		dst = slices.Grow(dst, n)
		if _, err = s2.Decode(dst[len(dst):len(dst)+n], b.z); err == nil {
			return dst[:len(dst)+n]
		}
	}
	// b.z was made by compressBody in this process.
	panic("content: corrupt page body: " + err.Error())
}

// A bufferPool holds the buffers that bodies are compressed into before
// their bytes are copied to a slice of their own size: one allocation a
// body instead of two. (A body is decompressed into a slice of its exact
// size, which becomes the string.) A Markdown has one, shared by the pages
// it renders. A nil *bufferPool allocates every buffer.
type bufferPool struct {
	p       sync.Pool
	renders sync.Pool // *bodyBuffer
	readers sync.Pool // *bufio.Reader, for split
}

// readSource reads the file name of fsys into a buffer of the pool when
// fsys can (sitefs.FS: see its AppendFile), else as fs.ReadFile does. Once
// nothing reads the file's bytes, putSource gives the buffer back.
func (bp *bufferPool) readSource(fsys fs.FS, name string) (*[]byte, error) {
	a, ok := fsys.(interface {
		AppendFile(buf []byte, name string) ([]byte, error)
	})
	if !ok || bp == nil {
		src, err := fs.ReadFile(fsys, name)
		return &src, err
	}
	b := bp.get(0)
	src, err := a.AppendFile(*b, name)
	*b = src
	return b, err
}

func (bp *bufferPool) putSource(b *[]byte) {
	if raceEnabled {
		// Tests run with -race: whatever still read the file's bytes
		// would read these, and show in their output.
		for i := range *b {
			(*b)[i] = 0xff
		}
	}
	bp.put(b)
}

// reader returns a bufio.Reader of the default size for split; putReader
// gives it back.
func (bp *bufferPool) reader() *bufio.Reader {
	if bp == nil {
		return nil
	}
	if r, ok := bp.readers.Get().(*bufio.Reader); ok {
		return r
	}
	return bufio.NewReader(nil)
}

func (bp *bufferPool) putReader(r *bufio.Reader) {
	if bp != nil && r != nil {
		r.Reset(nil) // not to keep the file it read
		bp.readers.Put(r)
	}
}

// render returns a bodyBuffer to render a body into; release gives it
// back once the body is compressed.
func (bp *bufferPool) render() *bodyBuffer {
	if bp == nil {
		return new(bodyBuffer)
	}
	if b, ok := bp.renders.Get().(*bodyBuffer); ok {
		return b
	}
	return new(bodyBuffer)
}

func (bp *bufferPool) release(b *bodyBuffer) {
	if bp != nil && b.Cap() <= 1<<20 { // a rare huge body is not kept
		b.Reset()
		bp.renders.Put(b)
	}
}

// get returns a buffer of length n.
func (bp *bufferPool) get(n int) *[]byte {
	var b *[]byte
	if bp != nil {
		b, _ = bp.p.Get().(*[]byte)
	}
	if b == nil || cap(*b) < n {
		s := make([]byte, n)
		return &s
	}
	*b = (*b)[:n]
	return b
}

func (bp *bufferPool) put(b *[]byte) {
	if bp != nil && cap(*b) <= 1<<20 { // a rare huge body is not kept
		bp.p.Put(b)
	}
}

// Body returns the rendered Markdown, safe under the site's unsafe_html
// setting.
func (p *Page) Body() template.HTML { return p.body.html() }

// AppendBody appends Body to dst: for a caller that reads it once, into
// memory it reuses.
func (p *Page) AppendBody(dst []byte) []byte { return p.body.appendHTML(dst) }

// SetBody sets the rendered body: for parse, and for tests that build
// pages by hand.
func (p *Page) SetBody(h template.HTML) { p.body = compressBody(h, p.body.pool) }
