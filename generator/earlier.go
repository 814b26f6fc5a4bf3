package generator

import (
	"io"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/byline/byline/generator/imaging"
)

// maxEarlier is the largest file read back from an earlier build's
// output: larger than any copy or card Byline makes.
const maxEarlier = 64 << 20

// earlier reads back, from the output folder of an earlier build, the
// resized copies and social cards it wrote, so that a build does not make
// again what is costly to make: a card takes milliseconds to draw, a copy
// of a photo a tenth of a second. A file is taken only when it holds the
// stamp of exactly what would be made (imaging.Stamp): a file another
// tool rewrote, a user's file of the same name, or one cut short is made
// again. Reads go through an os.Root on the folder, so nothing outside it
// is read. A nil *earlier reads nothing.
type earlier struct {
	dir   string
	taken atomic.Int64 // files taken (took)
}

func newEarlier(dir string) *earlier {
	if dir == "" {
		return nil
	}
	return &earlier{dir: dir}
}

// read returns the file at p ("articles/x/card.1a2b3c4d.png") in the
// earlier output when it is stamped with id, else nil.
func (e *earlier) read(p string, id imaging.ID) []byte {
	if e == nil {
		return nil
	}
	root, err := os.OpenRoot(e.dir)
	if err != nil {
		return nil
	}
	defer root.Close()
	name := filepath.FromSlash(p)
	// Lstat first: opening a named pipe would wait for a writer.
	if fi, err := root.Lstat(name); err != nil || !fi.Mode().IsRegular() || fi.Size() > maxEarlier {
		return nil
	}
	f, err := root.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxEarlier+1))
	if err != nil || len(data) > maxEarlier || !imaging.Stamped(data, id) {
		return nil
	}
	return data
}

// took counts n files taken.
func (e *earlier) took(n int) { e.taken.Add(int64(n)) }

// count is how many files were taken.
func (e *earlier) count() int {
	if e == nil {
		return 0
	}
	return int(e.taken.Load())
}
