package render

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/byline/byline/generator/diag"
)

// pageErrors gathers the template errors of the pages of one render. A
// mistake in a template fails every page that runs it the same way, and
// the message alone does not say which pages those are, so each error is
// reported once, naming the first page (by path) it failed and how many
// more: "… (rendering articles/a/index.html and 12 other pages)".
type pageErrors struct {
	mu     sync.Mutex
	byDiag map[diag.Diagnostic]*failedPages
	// overran is set once a page ran past the time limit and was stopped.
	overran atomic.Bool
}

type failedPages struct {
	first string
	n     int
}

func (e *pageErrors) add(d *diag.Diagnostic, path string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.byDiag == nil {
		e.byDiag = map[diag.Diagnostic]*failedPages{}
	}
	f, ok := e.byDiag[*d]
	if !ok {
		f = &failedPages{first: path}
		e.byDiag[*d] = f
	}
	f.n++
	f.first = min(f.first, path)
}

// merge adds the errors gathered in from to e.
func (e *pageErrors) merge(from *pageErrors) {
	from.mu.Lock()
	defer from.mu.Unlock()
	if from.overran.Load() {
		e.overran.Store(true)
	}
	if len(from.byDiag) == 0 {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.byDiag == nil {
		e.byDiag = map[diag.Diagnostic]*failedPages{}
	}
	for d, f := range from.byDiag {
		if g, ok := e.byDiag[d]; ok {
			g.n += f.n
			g.first = min(g.first, f.first)
		} else {
			e.byDiag[d] = &failedPages{first: f.first, n: f.n}
		}
	}
}

// flush adds the gathered errors to list, which sorts them.
func (e *pageErrors) flush(list *diag.List) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for d, f := range e.byDiag {
		switch f.n {
		case 1:
			d.Msg = fmt.Sprintf("%s (rendering %s)", d.Msg, f.first)
		case 2:
			d.Msg = fmt.Sprintf("%s (rendering %s and 1 other page)", d.Msg, f.first)
		default:
			d.Msg = fmt.Sprintf("%s (rendering %s and %d other pages)", d.Msg, f.first, f.n-1)
		}
		list.Add(&d)
	}
	e.byDiag = nil
}
