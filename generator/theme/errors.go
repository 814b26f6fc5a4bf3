package theme

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/byline/byline/generator/diag"
)

// Template errors start with their location: "template: NAME:LINE: msg" for
// parse errors, "template: NAME:LINE:COL: msg" for execution errors and
// "html/template:NAME:LINE:COL: msg" for escaping errors. NAME is the file's
// template name, also for blocks defined inside it.
var (
	locatedRE = regexp.MustCompile(`(?s)^(?:html/)?template: ?([^\s:]+):(\d+)(?::(\d+))?: (.*)$`)
	namedRE   = regexp.MustCompile(`(?s)^(?:html/)?template: ?([^\s:]+): (.*)$`)
)

// locate turns a template error into a diagnostic on the file that holds
// the failing template; file is the template name to blame when the message
// names none. Column 1 stands for an unknown column.
func (t *Theme) locate(err error, file string) *diag.Diagnostic {
	msg := err.Error()
	d := &diag.Diagnostic{Pos: diag.Pos{Path: t.display(file)}, Msg: msg}
	if m := locatedRE.FindStringSubmatch(msg); m != nil {
		d.Path = t.display(m[1])
		d.Line, _ = strconv.Atoi(m[2])
		d.Col = 1
		if m[3] != "" {
			// text/template counts the column in bytes from 0.
			col, _ := strconv.Atoi(m[3])
			d.Col = col + 1
		}
		d.Msg = m[4]
	} else if m := namedRE.FindStringSubmatch(msg); m != nil {
		d.Path = t.display(m[1])
		d.Msg = m[2]
	}
	d.Msg = strings.TrimSpace(d.Msg)
	return d
}

// display returns the path of a template file as shown in messages.
func (t *Theme) display(name string) string {
	if p, ok := t.files[name]; ok {
		return p
	}
	if t.first != "" {
		return t.first + "/" + name
	}
	return name
}
