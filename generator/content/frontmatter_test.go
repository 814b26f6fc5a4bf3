package content

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/byline/byline/generator/config"
	"github.com/byline/byline/generator/diag"
)

func testConfig(t testing.TB) *config.Config {
	t.Helper()
	cfg := config.Default()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	cfg.TimeZone, cfg.Location = "America/New_York", loc
	return cfg
}

// parseOne parses src as site/<path> and returns the page and messages.
func parseOne(t testing.TB, path, src string) (*Page, []string) {
	t.Helper()
	cfg := testConfig(t)
	f := file{path: path, display: "site/" + path, kind: Article}
	if section, _, ok := strings.Cut(strings.TrimPrefix(path, "articles/"), "/"); ok {
		f.section = section
	}
	switch {
	case strings.HasSuffix(path, "/"+IndexFile), strings.HasPrefix(path, "tags/"), strings.HasPrefix(path, "categories/"), strings.HasPrefix(path, "series/"):
		f.kind = Index // a list's text, or a term's
	case strings.HasPrefix(path, "pages/"):
		f.kind = Standalone
	case strings.HasPrefix(path, "authors/"):
		f.kind = Author
	}
	var list diag.List
	p := parse([]byte(src), f, cfg, NewMarkdown(cfg), true, &list)
	var msgs []string
	for _, d := range list.All() {
		msgs = append(msgs, d.Error())
	}
	return p, msgs
}

func dumpMeta(m Meta) string {
	var b strings.Builder
	v := reflect.ValueOf(m)
	for i := range v.NumField() {
		f := v.Field(i)
		if f.IsZero() {
			continue
		}
		x := f.Interface()
		switch y := x.(type) {
		case *bool:
			x = *y
		case *Career:
			x = *y
		}
		fmt.Fprintf(&b, "%s: %+v\n", v.Type().Field(i).Name, x)
	}
	return b.String()
}

func TestFormatsGiveSameMeta(t *testing.T) {
	const path = "testdata/frontmatter/same-article.txtar"
	a, err := readArchive(path)
	if err != nil {
		t.Fatal(err)
	}
	var pages []*Page
	for _, name := range []string{"yaml.md", "toml.md", "json.md"} {
		p, msgs := parseOne(t, "articles/x.md", a.files[name])
		if len(msgs) > 0 || p == nil {
			t.Fatalf("%s: %q", name, msgs)
		}
		pages = append(pages, p)
	}
	got := dumpMeta(pages[0].Meta)
	if *update {
		a.set("want.meta", got)
		if err := a.write(path); err != nil {
			t.Fatal(err)
		}
	} else if want := a.files["want.meta"]; got != want {
		t.Errorf("YAML Meta:\n%s\nwant:\n%s", got, want)
	}
	for i, name := range []string{"toml", "json"} {
		if g := dumpMeta(pages[i+1].Meta); g != got {
			t.Errorf("%s Meta differs from YAML:\n%s\nYAML:\n%s", name, g, got)
		}
		if pages[i+1].Body() != pages[0].Body() {
			t.Errorf("%s body %q, YAML %q", name, pages[i+1].Body(), pages[0].Body())
		}
	}
	if pages[0].BodyLine != 32 || pages[2].BodyLine != 23 {
		t.Errorf("BodyLine = %d, %d", pages[0].BodyLine, pages[2].BodyLine)
	}
	if p := pages[0].Pos["tags"]; p.String() != "site/articles/x.md:10:1" {
		t.Errorf("Pos[tags] = %v", p)
	}
	if p := pages[1].Pos["tags"]; p.String() != "site/articles/x.md:10:1" {
		t.Errorf("TOML Pos[tags] = %v", p)
	}
	if p := pages[2].Pos["tags"]; p.String() != "site/articles/x.md:10:3" {
		t.Errorf("JSON Pos[tags] = %v", p)
	}
	// Each tag's own position, for the site's warnings about one of them
	// (the TOML decoder places a list's items at the list).
	for i, want := range []string{"10:8 10:18", "10:8 10:8", "10:12 10:24"} {
		got := pages[i].Pos[TagKey(0)].String() + " " + pages[i].Pos[TagKey(1)].String()
		if got != strings.ReplaceAll("site/articles/x.md:"+want, " ", " site/articles/x.md:") {
			t.Errorf("%s: tags at %s, want %s", []string{"YAML", "TOML", "JSON"}[i], got, want)
		}
	}
}

func TestBOMAndCRLF(t *testing.T) {
	src := "---\ntitle: T\ndate: 2024-01-02\n---\n\n# Head\n\nSome *text*\nhere.\n"
	want, msgs := parseOne(t, "articles/x.md", src)
	if len(msgs) > 0 {
		t.Fatal(msgs)
	}
	got, msgs := parseOne(t, "articles/x.md", "\ufeff"+strings.ReplaceAll(src, "\n", "\r\n"))
	if len(msgs) > 0 {
		t.Fatal(msgs)
	}
	got.body.pool = want.body.pool // each parse had a Markdown of its own
	if !reflect.DeepEqual(got, want) {
		t.Errorf("BOM+CRLF page:\n%+v\nwant\n%+v", got, want)
	}
	// Lone CRs end lines too, as in CommonMark and YAML.
	for _, end := range []string{"\r\n", "\r"} {
		_, msgs = parseOne(t, "articles/x.md", "\ufeff---"+end+"title: T"+end+"date: 2024-13-02"+end+"---"+end)
		if want := `site/articles/x.md:3:7: cannot parse date "2024-13-02": month out of range; write dates as 2006-01-02, 2006-01-02T15:04:05, or with an offset as 2006-01-02T15:04:05+01:00`; strings.Join(msgs, "\n") != want {
			t.Errorf("%q line ends: got %q", end, msgs)
		}
	}
}

func TestDatesInSiteZone(t *testing.T) {
	p, msgs := parseOne(t, "articles/x.md", "---\ntitle: T\ndate: 2024-07-01T09:00\nupdated: 2024-07-01T14:00:00Z\n---\n")
	if len(msgs) > 0 {
		t.Fatal(msgs)
	}
	if got := p.Meta.Date.Format(time.RFC3339); got != "2024-07-01T09:00:00-04:00" {
		t.Errorf("date = %s", got)
	}
	if got := p.Meta.Updated.Format(time.RFC3339); got != "2024-07-01T14:00:00Z" {
		t.Errorf("updated = %s", got)
	}
}

// TestDatesFromOtherGenerators: the date forms Jekyll and Hugo sites carry,
// with an offset written without a colon, or minutes without seconds.
func TestDatesFromOtherGenerators(t *testing.T) {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"2024-03-04 09:00:00 +0100":  "2024-03-04T09:00:00+01:00",
		"2024-03-04T09:00:00+0100":   "2024-03-04T09:00:00+01:00",
		"2024-03-04T09:00:00.5-0530": "2024-03-04T09:00:00.5-05:30",
		"2024-03-04 09:00":           "2024-03-04T09:00:00-05:00",
	} {
		d, err := ParseDate(in, loc)
		if got := d.Format(time.RFC3339Nano); err != nil || got != want {
			t.Errorf("%q: %s, %v; want %s", in, got, err, want)
		}
	}
}

// TestSkippedTimes: a time of day the site's clocks skip when summer time
// starts was moved by the jump, in silence; it is an error that says what
// to write. A date alone whose midnight is skipped (Santiago) fell on the
// day before; it is the day's first moment.
func TestSkippedTimes(t *testing.T) {
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	ny, lordHowe, santiago := zone("America/New_York"), zone("Australia/Lord_Howe"), zone("America/Santiago")
	for _, tt := range []struct {
		in   string
		loc  *time.Location
		want string // the date in RFC 3339, or the error
	}{
		{"2025-03-09T02:30", ny, `date "2025-03-09T02:30" is not a time in America/New_York: the clocks skip an hour there that day, from 02:00; write 2025-03-09T03:30, or the time with its offset`},
		{"2025-03-09 02:00:10", ny, `date "2025-03-09 02:00:10" is not a time in America/New_York: the clocks skip an hour there that day, from 02:00; write 2025-03-09 03:00:10, or the time with its offset`},
		{"2025-10-05T02:10", lordHowe, `date "2025-10-05T02:10" is not a time in Australia/Lord_Howe: the clocks skip 30 minutes there that day, from 02:00; write 2025-10-05T02:40, or the time with its offset`},
		{"2025-03-09T01:59", ny, "2025-03-09T01:59:00-05:00"},
		{"2025-03-09T03:00", ny, "2025-03-09T03:00:00-04:00"},
		{"2025-11-02T01:30", ny, "2025-11-02T01:30:00-04:00"}, // twice that night: the first
		{"2025-09-07", santiago, "2025-09-07T01:00:00-03:00"},
		{"2025-09-06", santiago, "2025-09-06T00:00:00-04:00"},
		{"2011-12-30", zone("Pacific/Apia"), `date "2011-12-30" is not a day in Pacific/Apia: the clocks skip all of it there; write the day before or after`},
	} {
		d, err := ParseDate(tt.in, tt.loc)
		got := d.Format(time.RFC3339)
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%s in %s:\n got %s\nwant %s", tt.in, tt.loc, got, tt.want)
		}
	}
}

// TestDateAloneInEveryFormat: a date alone whose midnight the site's zone
// skips is the day's first moment in YAML, in TOML (where it is a local
// date, no string) and in JSON alike; a day the zone skips whole is an
// error at the value in each.
func TestDateAloneInEveryFormat(t *testing.T) {
	formats := []struct {
		name, src string // src has the date at line 3, col col
		col       int
	}{
		{"yaml", "---\ntitle: T\ndate: %s\n---\n", 7},
		{"toml", "+++\ntitle = \"T\"\ndate = %s\n+++\n", 8},
		{"json", "{\n\"title\": \"T\",\n\"date\": \"%s\"\n}\n", 9},
	}
	for _, tt := range []struct {
		zone, day string
		want      string // the date in RFC 3339, or the error
	}{
		{"America/Santiago", "2025-09-07", "2025-09-07T01:00:00-03:00"},
		{"America/Havana", "2025-03-09", "2025-03-09T01:00:00-04:00"},
		{"Asia/Beirut", "2025-03-30", "2025-03-30T01:00:00+03:00"},
		{"America/New_York", "2025-03-09", "2025-03-09T00:00:00-05:00"}, // its skipped hour is later
		{"Pacific/Apia", "2011-12-30", `date "2011-12-30" is not a day in Pacific/Apia: the clocks skip all of it there; write the day before or after`},
	} {
		loc, err := time.LoadLocation(tt.zone)
		if err != nil {
			t.Fatal(err)
		}
		cfg := config.Default()
		cfg.TimeZone, cfg.Location = tt.zone, loc
		for _, f := range formats {
			var list diag.List
			p := parse([]byte(fmt.Sprintf(f.src, tt.day)), file{path: "articles/x.md", display: "site/articles/x.md", kind: Article}, cfg, NewMarkdown(cfg), true, &list)
			var got string
			if msgs := list.All(); len(msgs) > 0 {
				got = msgs[0].Error()
			} else if p != nil {
				got = p.Meta.Date.Format(time.RFC3339)
			}
			want := tt.want
			if !strings.HasPrefix(want, "2") {
				want = fmt.Sprintf("site/articles/x.md:3:%d: %s", f.col, want)
			}
			if got != want {
				t.Errorf("%s %s in %s:\n got %s\nwant %s", f.name, tt.day, tt.zone, got, want)
			}
		}
	}
}

// TestEveryReadingAsWritten: in zones with summer time, jumps of half an
// hour and a skipped day, every clock reading of a year, every half hour,
// is either refused or read as written, and every day alone is its own.
func TestEveryReadingAsWritten(t *testing.T) {
	for _, z := range []string{"America/New_York", "America/Santiago", "Asia/Beirut", "Australia/Lord_Howe", "Pacific/Apia"} {
		loc, err := time.LoadLocation(z)
		if err != nil {
			t.Fatal(err)
		}
		year := 2025
		if z == "Pacific/Apia" {
			year = 2011
		}
		for d := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == year; d = d.Add(30 * time.Minute) {
			s := d.Format("2006-01-02T15:04")
			if p, err := ParseDate(s, loc); err == nil && p.In(loc).Format("2006-01-02T15:04") != s {
				t.Fatalf("%s in %s read as %v", s, z, p)
			}
			if d.Hour() == 0 && d.Minute() == 0 {
				day := d.Format("2006-01-02")
				p, err := ParseDate(day, loc)
				if skip := z == "Pacific/Apia" && day == "2011-12-30"; (err != nil) != skip || err == nil && p.In(loc).Format("2006-01-02") != day {
					t.Fatalf("%s in %s: %v, %v", day, z, p, err)
				}
			}
		}
	}
}

func TestPagesAndAuthors(t *testing.T) {
	p, msgs := parseOne(t, "pages/about.md", "---\ntitle: About\ndate: 2024-01-01\nauthor: x\n---\nHi.\n")
	if p == nil || p.Slug != "about" || p.Kind != Standalone {
		t.Fatalf("page %+v %q", p, msgs)
	}
	if want := `site/pages/about.md:4:1: warning: key "author" is not used by pages, and changes nothing here: remove it`; strings.Join(msgs, "\n") != want {
		t.Errorf("got %q", msgs)
	}
	a, msgs := parseOne(t, "authors/maya-okafor.md", "---\nname: Maya\nrole: Editor\nlinks: [https://example.com/maya]\n---\nLong bio.\n")
	if len(msgs) > 0 || a.Slug != "maya-okafor" || a.Meta.Title != "Maya" || a.Summary != "Long bio." {
		t.Errorf("author %+v %q", a, msgs)
	}
}
