package content

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// taskRenderer writes the checkbox of a task list item ("- [x] done") with
// an accessible name: a form control without one is an error for screen
// readers (axe-core's "label" rule), and the item's text follows the box
// instead of labelling it.
type taskRenderer struct{}

func (taskRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(east.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.(*east.TaskCheckBox).IsChecked {
			_, _ = w.WriteString(`<input checked="" disabled="" type="checkbox" aria-label="Done"> `)
		} else {
			_, _ = w.WriteString(`<input disabled="" type="checkbox" aria-label="To do"> `)
		}
		return ast.WalkContinue, nil
	})
}
