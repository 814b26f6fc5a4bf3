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
	// A parse error may say "template: " again: "template: x.html:3:
	// template: multiple definition of template ...".
	for strings.HasPrefix(d.Msg, "template: ") {
		d.Msg = strings.TrimPrefix(d.Msg, "template: ")
	}
	d.Msg = plain(d.Msg)
	return d
}

// plain returns msg with the contexts of html/template in it said in words.
func plain(msg string) string {
	return strings.TrimSpace(contextRE.ReplaceAllStringFunc(msg, func(c string) string {
		if w := contextWords(c); w != "" {
			return w
		}
		return c
	}))
}

// contextRE matches the contexts of html/template in its messages:
// "{stateRCDATA delimNone urlPartNone jsCtxRegexp [] attrNone elementTextarea <nil>}".
var contextRE = regexp.MustCompile(`\{state\w+ delim\w+ [^{}]*\}`)

// contextWords says where the html/template context ctx is, in words
// ("inside a <textarea> element"), or returns "" when it cannot tell.
func contextWords(ctx string) string {
	var state, delim, element string
	for _, f := range strings.Fields(strings.Trim(ctx, "{}")) {
		switch {
		case strings.HasPrefix(f, "state"):
			state = f
		case strings.HasPrefix(f, "delim"):
			delim = f
		case strings.HasPrefix(f, "element"):
			element = f
		}
	}
	switch {
	case state == "":
		return ""
	case state == "stateText":
		return "in HTML text"
	case state == "stateHTMLCmt":
		return "inside an HTML comment"
	case delim != "" && delim != "delimNone":
		return "inside an attribute value"
	case state == "stateTag" || state == "stateAttrName" || state == "stateAfterName" || state == "stateBeforeValue":
		return "inside a tag"
	case element != "" && element != "elementNone":
		return "inside a <" + strings.ToLower(strings.TrimPrefix(element, "element")) + "> element"
	}
	return ""
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
