package corpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// A template is text with {slot}s, split once so filling it is a loop of
// appends. Slot names are case-insensitive; whether a value comes out in
// Title Case or in running-text case depends on where it is written.
type template []part

type part struct {
	lit  string
	slot slot // 0 for a literal
}

type slot uint8

const (
	literal slot = iota
	slotRole
	slotRoles
	slotARole
	slotORole
	slotAORole
	slotSkill
	slotSkill2
	slotTool
	slotCmd
	slotActivity
	slotArtifact
	slotPeople
	slotCompany
	slotField
	slotField2
	slotMetric
	slotTimeframe
	slotNumber
	slotPercent
	slotBenefit
	slotCity
	slotYear
	slotAdj
	slotName
)

var slotNames = map[string]slot{
	"role": slotRole, "roles": slotRoles, "a_role": slotARole, "orole": slotORole,
	"a_orole": slotAORole, "skill": slotSkill, "skill2": slotSkill2, "tool": slotTool,
	"cmd": slotCmd, "activity": slotActivity, "artifact": slotArtifact, "people": slotPeople,
	"company": slotCompany, "field": slotField, "field2": slotField2, "metric": slotMetric,
	"timeframe": slotTimeframe, "number": slotNumber, "percent": slotPercent,
	"benefit": slotBenefit, "city": slotCity, "year": slotYear, "adj": slotAdj,
	"name": slotName,
}

// compile splits s into literals and slots; an unknown slot is a bug in
// the tables, caught by the package's tests at init.
func compile(s string) template {
	var t template
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			t = append(t, part{lit: s})
			break
		}
		if i > 0 {
			t = append(t, part{lit: s[:i]})
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			panic(fmt.Sprintf("corpus: unclosed slot in %q", s))
		}
		k, ok := slotNames[strings.ToLower(s[i+1:i+j])]
		if !ok {
			panic(fmt.Sprintf("corpus: unknown slot %q", s[i:i+j+1]))
		}
		t = append(t, part{slot: k})
		s = s[i+j+1:]
	}
	return t
}

func compileAll(list []string) []template {
	out := make([]template, len(list))
	for i, s := range list {
		out[i] = compile(s)
	}
	return out
}

// A term is a word or phrase in its two spellings.
type term struct{ prose, title string }

func terms(list []string, prose func(string) string) []term {
	out := make([]term, len(list))
	for i, s := range list {
		out[i] = term{prose: prose(s), title: titleCase(s)}
	}
	return out
}

// lowerWords lower-cases every word that is not an acronym ("UX Designer"
// → "UX designer").
func lowerWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if len(w) > 1 && strings.ToUpper(w) == w {
			continue
		}
		words[i] = strings.ToLower(w)
	}
	return strings.Join(words, " ")
}

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if w != "" && 'a' <= w[0] && w[0] <= 'z' && (i == 0 || !minorWord[w]) {
			words[i] = string(w[0]-'a'+'A') + w[1:]
		}
	}
	return strings.Join(words, " ")
}

var minorWord = map[string]bool{"a": true, "an": true, "and": true, "of": true, "the": true, "to": true, "in": true}

func same(s string) string { return s }

func plural(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = s + "s"
	}
	return out
}

// The tables in their compiled forms.
var (
	roleTerms     = terms(roles, lowerWords)
	rolesTerms    = terms(plural(roles), lowerWords)
	skillTerms    = terms(skills, same)
	fieldTerms    = terms(fields, same)
	peopleTerms   = terms(people, same)
	sentenceTmpls = compileAll(sentences)
	introTmpls    = compileAll(intros)
	headingTmpls  = compileAll(headings)
	bulletTmpls   = compileAll(bullets)
	descTmpls     = compileAll(descriptions)
	faqTmpls      = compileAll(faqQuestions)
	sourceTmpls   = compileAll(sourceTitles)
	bioTmpls      = compileAll(bioSentences)
	sectionTmpls  = func() [][]template {
		out := make([][]template, len(sections))
		for i, s := range sections {
			out[i] = compileAll(s.titles)
		}
		return out
	}()
)

// A writer fills templates for one article (or author) into buf. Most
// slots favour the article's own subject, so a piece stays roughly on topic.
type writer struct {
	r     *rand.Rand
	buf   []byte
	title bool // Title Case values, for titles and source names

	role, skill, field int
	year               int
	name               string
}

func (w *writer) pick(n int) int { return w.r.IntN(n) }

// chance reports true with probability p percent.
func (w *writer) chance(p int) bool { return w.r.IntN(100) < p }

func (w *writer) str(s string) { w.buf = append(w.buf, s...) }

func (w *writer) term(t term) {
	if w.title {
		w.str(t.title)
	} else {
		w.str(t.prose)
	}
}

func (w *writer) other(n, not int) int {
	if n < 2 {
		return not
	}
	k := w.pick(n - 1)
	if k >= not {
		k++
	}
	return k
}

func (w *writer) roleIndex() int {
	if w.chance(65) {
		return w.role
	}
	return w.pick(len(roles))
}

func (w *writer) indefinite(t term) {
	s := t.prose
	if w.title {
		s = t.title
	}
	if strings.IndexByte("aeioAEIO", s[0]) >= 0 || s[0] == 'u' {
		w.str("an ")
	} else {
		w.str("a ")
	}
	w.str(s)
}

// fill appends t. In running text a skill or activity is now and then
// emphasised, as writers do.
func (w *writer) fill(t template) {
	for i, p := range t {
		if p.slot == literal {
			w.str(p.lit)
			continue
		}
		emph := !w.title && i > 0 && (p.slot == slotSkill || p.slot == slotActivity) && w.chance(4)
		if emph {
			w.str("*")
		}
		w.slot(p.slot)
		if emph {
			w.str("*")
		}
	}
}

func (w *writer) slot(s slot) {
	switch s {
	case slotRole:
		w.term(roleTerms[w.roleIndex()])
	case slotRoles:
		w.term(rolesTerms[w.roleIndex()])
	case slotARole:
		w.indefinite(roleTerms[w.roleIndex()])
	case slotORole:
		w.term(roleTerms[w.other(len(roles), w.role)])
	case slotAORole:
		w.indefinite(roleTerms[w.other(len(roles), w.role)])
	case slotSkill:
		if w.chance(50) {
			w.term(skillTerms[w.skill])
		} else {
			w.term(skillTerms[w.pick(len(skills))])
		}
	case slotSkill2:
		w.term(skillTerms[w.other(len(skills), w.skill)])
	case slotField:
		w.term(fieldTerms[w.field])
	case slotField2:
		w.term(fieldTerms[w.other(len(fields), w.field)])
	case slotPeople:
		w.term(peopleTerms[w.pick(len(people))])
	case slotTool:
		w.str(tools[w.pick(len(tools))])
	case slotCmd:
		w.str(commands[w.pick(len(commands))])
	case slotActivity:
		w.str(activities[w.pick(len(activities))])
	case slotArtifact:
		w.str(artifacts[w.pick(len(artifacts))])
	case slotCompany:
		w.str(companies[w.pick(len(companies))])
	case slotMetric:
		w.str(metrics[w.pick(len(metrics))])
	case slotTimeframe:
		w.str(timeframes[w.pick(len(timeframes))])
	case slotBenefit:
		w.str(benefits[w.pick(len(benefits))])
	case slotCity:
		w.str(cities[w.pick(len(cities))])
	case slotAdj:
		w.str(adjectives[w.pick(len(adjectives))])
	case slotNumber:
		w.buf = strconv.AppendInt(w.buf, int64(3+w.pick(8)), 10)
	case slotPercent:
		w.buf = strconv.AppendInt(w.buf, int64(20+w.pick(61)), 10)
	case slotYear:
		w.buf = strconv.AppendInt(w.buf, int64(w.year), 10)
	case slotName:
		w.str(w.name)
	}
}

// sentence appends a filled template with its first letter capitalised
// and returns its word count.
func (w *writer) sentence(t template) int {
	start := len(w.buf)
	w.fill(t)
	if c := w.buf[start]; 'a' <= c && c <= 'z' {
		w.buf[start] = c - 'a' + 'A'
	}
	return words(w.buf[start:])
}

// text fills t into a new string, for front matter and titles.
func (w *writer) text(t template, title bool) string {
	saved, savedTitle := w.buf, w.title
	w.buf, w.title = nil, title
	w.sentence(t)
	s := string(w.buf)
	w.buf, w.title = saved, savedTitle
	return s
}

func words(b []byte) int {
	n := 0
	in := false
	for _, c := range b {
		space := c == ' ' || c == '\n'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// slugify keeps lower-case ASCII letters and digits, joins their runs with
// single hyphens and cuts at a word boundary near max bytes.
func slugify(s string, max int) string {
	b := make([]byte, 0, len(s))
	hyphen := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if hyphen && len(b) > 0 {
				if len(b) >= max {
					break
				}
				b = append(b, '-')
			}
			hyphen = false
			b = append(b, c)
			continue
		}
		hyphen = true
	}
	return string(b)
}

// quote writes s as a double-quoted YAML string.
func quote(s string) string {
	if !strings.ContainsAny(s, `"\`) {
		return `"` + s + `"`
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}
