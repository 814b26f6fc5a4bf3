package theme

import (
	"errors"
	"fmt"
	"io"
)

// MaxOutput caps what one execution writes: a page, or one partial called
// through partialCached. No real page comes near it; a template whose range
// or calls repeat without end reaches it in well under a second, and fails
// instead of taking all the memory there is.
const MaxOutput = 64 << 20

// errTooBig is what the capped writer returns once an execution passes
// MaxOutput; text/template stops at the first failed write and returns it.
var errTooBig = errors.New("output too big")

// capped is a writer that fails once more than MaxOutput bytes went through it.
type capped struct {
	w    io.Writer
	left int
}

func newCapped(w io.Writer) *capped { return &capped{w: w, left: MaxOutput} }

func (c *capped) Write(p []byte) (int, error) {
	if len(p) > c.left {
		c.left = 0
		return 0, errTooBig
	}
	c.left -= len(p)
	return c.w.Write(p)
}

// tooBig is the message for an execution of file that passed MaxOutput.
// text/template does not say where it was, only that the write failed.
func tooBig(what string) string {
	return fmt.Sprintf("%s passed %d MiB of output and was stopped: look for a range or a template call in it, or in what it calls, that repeats without end", what, MaxOutput>>20)
}
