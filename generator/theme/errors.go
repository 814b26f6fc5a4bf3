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
	d.Msg += habitAdvice(d.Msg)
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

// hugoHabits say what to write instead of what a Hugo theme would, for
// the template errors those habits cause, by a pattern of the message.
var hugoHabits = []struct {
	re     *regexp.Regexp
	advice string
}{
	{regexp.MustCompile(`^function "now" not defined`), `: a build does not read the clock, so the same site gives the same files on any day; for the year of a copyright line write {{ .Site.Updated.Year }}, the year of the newest update`},
	{regexp.MustCompile(`^function "i18n" not defined`), `: Byline's is T, as in {{ T "updated" }}, with the words in site/i18n/<language>.yaml`},
	{regexp.MustCompile(`^function "partial" not defined`), `: call a partial with {{ template "partials/x.html" . }}, or {{ partialCached "partials/x.html" . }} for one that is the same on every page`},
	{regexp.MustCompile(`can't evaluate field (Content|Params|Summary|Date|Tags) in type \*render\.Data`), `: the page's data holds the article as .Article (.Article.Body, .Article.Meta.Date, .Article.Tags) and a standalone page as .Page`},
	{regexp.MustCompile(`can't evaluate field (Title|Description|Date|Updated|Expires|Image|ImageAlt|Draft|Featured|Series|Career|FAQ|Sources|Comments|Name|Role|Bio|Avatar|Links) in type \*site\.(Article|Page|Author)`), `: front matter values are under .Meta, as in .Meta.$1`},
	{regexp.MustCompile(`nil pointer evaluating \*site\.(Article|Page|Author|Term|Section|Pager)\.`), `: .$1 is set only on the pages of its kind: wrap its use in {{ with .$1 }}…{{ end }}`},
	{regexp.MustCompile(`^no such template "(partials/[^"]+)"`), `: create layouts/$1 in the site or the theme, or correct the name`},
}

// habitAdvice returns the advice of hugoHabits for msg, or "".
func habitAdvice(msg string) string {
	for _, h := range hugoHabits {
		if m := h.re.FindStringSubmatchIndex(msg); m != nil {
			return string(h.re.ExpandString(nil, h.advice, msg, m))
		}
	}
	return ""
}
