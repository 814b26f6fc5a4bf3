package theme

import (
	"errors"
	"fmt"
	"html/template"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/byline/byline/generator/diag"
)

// stop is the writer of trial runs: html/template escapes a template and
// everything it calls before it writes a byte, so failing the first write
// ends the run as soon as escaping is done.
type stop struct{}

// addTrial adds to set a template that calls template name in a branch
// never taken, for trial to run; it must be added before anything of set
// is executed.
func addTrial(set *template.Template, name string) *template.Template {
	return template.Must(set.New("byline trial of " + name).Parse(`{{ if false }}{{ template ` + strconv.Quote(name) + ` . }}{{ end }}`))
}

// trial escapes template name of set, and all it calls, as html/template
// does before it executes a template, without running any of them, and
// returns the error of escaping name. Running name with a writer that stops
// it at its first write would do the same, but a template may repeat
// without end before it writes (a range over a huge number). html/template
// escapes every branch of an if, so running trialOf, made by addTrial,
// escapes name as if it were run. Only when that fails is name run, for the
// error html/template gives name itself; it then fails in escaping, before
// any of it runs.
func trial(set, trialOf *template.Template, name string) error {
	if err := trialOf.Execute(stop{}, nil); err == nil {
		return nil
	}
	return set.ExecuteTemplate(stop{}, name, nil)
}

var errStop = errors.New("trial run: no output wanted")

func (stop) Write([]byte) (int, error) { return 0, errStop }

// probe escapes every template of set on its own, starting in HTML text,
// and reports each that fails for a reason of its own rather than because
// a template it calls failed. html/template lets a called template end in
// another context than it began, and blames what then goes wrong on the
// page's entry template (baseof.html, for every kind); a theme's templates
// must each end where they began, so that the error is found where it is.
// probe reports whether it found an error. It spoils set: escaping changes
// the trees of the templates it escapes.
func (l *loader) probe(set *template.Template) bool {
	trees := map[string]*parse.Tree{} // escaping a template that fails drops its tree
	for _, t := range set.Templates() {
		if t.Tree != nil && t.Tree.Root != nil {
			trees[t.Name()] = t.Tree
		}
	}
	runs, _ := scan(set)
	// Escape callees before their callers: once escaping a caller failed,
	// html/template may take a template it called for a good one.
	var order []string
	done := map[string]bool{}
	var visit func(string)
	visit = func(name string) {
		if done[name] || trees[name] == nil {
			return
		}
		done[name] = true
		for _, callee := range runs[name] {
			visit(callee)
		}
		order = append(order, name)
	}
	for _, name := range slices.Sorted(maps.Keys(trees)) {
		visit(name)
	}
	trials := map[string]*template.Template{}
	for name := range trees {
		trials[name] = addTrial(set, name)
	}
	// Stand-ins for the functions: a trial run may call them before its
	// first write, and should neither count nor render anything.
	set.Funcs(l.stubs())
	// A template that failed loses its tree, and html/template crashes
	// on escaping a template that calls it: skip those, as bad too.
	failed := map[string]*template.Error{}
	bad := map[string]bool{}
	calleeBad := func(name string) bool {
		return slices.ContainsFunc(runs[name], func(callee string) bool { return callee != name && bad[callee] })
	}
	for _, name := range order {
		if calleeBad(name) {
			bad[name] = true
			continue
		}
		var escErr *template.Error
		if err := trial(set, trials[name], name); errors.As(err, &escErr) {
			failed[name], bad[name] = escErr, true
		}
	}
	// A failure is its own when no template it calls is bad; with none of
	// those (templates that fail by calling each other), report them all.
	var own []string
	for _, name := range order {
		if failed[name] != nil && !calleeBad(name) {
			own = append(own, name)
		}
	}
	if len(own) == 0 {
		for _, name := range order {
			if failed[name] != nil {
				own = append(own, name)
			}
		}
	}
	slices.Sort(own)
	for _, name := range own {
		l.add(l.escapeDiag(failed[name], name, trees[name]))
	}
	return len(own) > 0
}

// stubs returns functions with the signatures of the template functions
// that do nothing and return zero values.
func (l *loader) stubs() template.FuncMap {
	if l.stubFuncs == nil {
		l.stubFuncs = template.FuncMap{}
		for name, fn := range l.funcs {
			t := reflect.TypeOf(fn)
			if t == nil || t.Kind() != reflect.Func {
				continue
			}
			l.stubFuncs[name] = reflect.MakeFunc(t, func([]reflect.Value) []reflect.Value {
				out := make([]reflect.Value, t.NumOut())
				for i := range out {
					out[i] = reflect.Zero(t.Out(i))
				}
				return out
			}).Interface()
		}
	}
	return l.stubFuncs
}

// escapeDiag locates err, an escaping error of the template name whose tree
// was tree. For the errors it finds inside the text of a template, and for a
// template that ends inside a tag, html/template gives no position or only
// a line, and names the template it started escaping from rather than the
// file: those are placed at the text the message quotes, at the start of
// the line, or at the end of the template, in the file that defines it.
func (l *loader) escapeDiag(err *template.Error, name string, tree *parse.Tree) *diag.Diagnostic {
	if err.Node != nil || tree == nil {
		return l.th.locate(err, name)
	}
	file := tree.ParseName
	text := l.texts[file]
	start, end := int(tree.Root.Pos), len(text)
	if name != file {
		start, end = span(tree)
	}
	if err.Line > 0 {
		// The line of a {{ range }} whose body ends in another context.
		from := lineStart(text, err.Line)
		start, end = max(start, from), max(end, from)
	}
	start, end = min(start, len(text)), min(max(start, end), len(text))
	d := &diag.Diagnostic{Pos: diag.Pos{Path: l.th.display(file)}, Msg: plain(err.Description)}
	at := start
	if err.ErrorCode == template.ErrEndContext {
		at = end
		if where := contextWords(contextRE.FindString(err.Description)); where != "" {
			d.Msg = fmt.Sprintf("ends %s: close it before the end of the file", where)
			if name != file {
				d.Msg = fmt.Sprintf("{{ define %q }} ends %s: close it before its {{ end }}", name, where)
			}
		}
	} else if s := lastQuoted(err.Description); s != "" {
		// The message ends with the text where escaping stopped, quoted
		// and maybe cut short.
		if j := strings.Index(text[start:end], s); j >= 0 {
			at = start + j
		}
	}
	d.Line = 1 + strings.Count(text[:at], "\n")
	d.Col = at - (strings.LastIndexByte(text[:at], '\n') + 1) + 1
	return d
}

// lineStart returns the offset of line n (counting from 1) in text, or
// len(text) when text has fewer lines.
func lineStart(text string, n int) int {
	off := 0
	for range n - 1 {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	return off
}

// lastQuoted returns the Go-quoted string that msg ends with, unquoted, or
// "" if there is none.
func lastQuoted(msg string) string {
	for i := strings.IndexByte(msg, '"'); i >= 0; {
		if s, err := strconv.Unquote(msg[i:]); err == nil {
			return s
		}
		j := strings.IndexByte(msg[i+1:], '"')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return ""
}

// span returns the byte offsets of the first and the end of the last node of
// a template defined inside a file.
func span(tree *parse.Tree) (start, end int) {
	nodes := tree.Root.Nodes
	start = int(tree.Root.Pos)
	if len(nodes) == 0 {
		return start, start
	}
	last := nodes[len(nodes)-1]
	end = int(last.Position())
	if t, ok := last.(*parse.TextNode); ok {
		end += len(t.Text)
	}
	return start, end
}
