package content

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Date layouts accepted in front matter, tried in order. The first five
// have no offset and are read in the site's time zone; the last two are
// the offsets without a colon that Jekyll and Hugo sites carry
// ("2024-03-04 09:00:00 +0100").
var dateLayouts = []string{
	"2006-01-02",
	"2006-01-02T15:04",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04",
	"2006-01-02 15:04:05",
	time.RFC3339Nano,
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02 15:04:05.999999999 -0700",
}

const dateHint = "write dates as 2006-01-02, 2006-01-02T15:04:05, or with an offset as 2006-01-02T15:04:05+01:00"

// ParseDate reads a front-matter date: "2006-01-02", "2006-01-02T15:04",
// "2006-01-02T15:04:05", "2006-01-02 15:04:05", or RFC 3339 with an offset.
// A date without an offset is in loc. The error reads well after a position:
// `cannot parse date "2024-13-01": month out of range; write dates as …`.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	var reason string
	for _, layout := range dateLayouts {
		t, err := time.ParseInLocation(layout, s, loc)
		if err == nil {
			return inRange(t, s, loc)
		}
		// "extra text" only says the value is longer than this layout: a
		// longer layout may know the real reason ("2025-02-30T10:00:00":
		// day out of range, not extra text "T10:00:00").
		var pe *time.ParseError
		if errors.As(err, &pe) && pe.Message != "" {
			if m := strings.TrimPrefix(pe.Message, ": "); better(m, reason) {
				reason = m
			}
		}
	}
	if reason != "" {
		return time.Time{}, fmt.Errorf("cannot parse date %q: %s; %s", s, reason, dateHint)
	}
	return time.Time{}, fmt.Errorf("cannot parse date %q; %s", s, dateHint)
}

// better reports whether the parse error message m explains a date better
// than reason: any message beats none, a value out of range beats extra
// text, and less extra text beats more (its layout read further).
func better(m, reason string) bool {
	const extra = "extra text"
	switch {
	case reason == "":
		return true
	case !strings.HasPrefix(reason, extra):
		return false
	case !strings.HasPrefix(m, extra):
		return true
	}
	return len(m) < len(reason)
}

// inRange refuses a date whose year, where it was written or in the site's
// zone, is outside 1–9999: no such date can be written back in RFC 3339,
// and none is an article's.
func inRange(t time.Time, s string, loc *time.Location) (time.Time, error) {
	for _, y := range []int{t.Year(), t.In(loc).Year()} {
		if y < 1 || y > 9999 {
			return time.Time{}, fmt.Errorf("cannot parse date %q: year out of range; %s", s, dateHint)
		}
	}
	return t, nil
}

// inZone shows t in loc when loc has t's offset at that instant, as
// time.ParseInLocation does for strings, so every format gives equal Times.
func inZone(t time.Time, loc *time.Location) time.Time {
	_, off := t.Zone()
	if _, locOff := t.In(loc).Zone(); locOff == off {
		return t.In(loc)
	}
	if off == 0 {
		return t.UTC()
	}
	return t.In(time.FixedZone("", off))
}

// dateValue turns a decoded scalar into a time: strings are parsed, TOML
// local dates are moved into loc, TOML offset date-times are kept.
func dateValue(v *value, loc *time.Location) (time.Time, error) {
	switch x := v.scalar.(type) {
	case string:
		return ParseDate(x, loc)
	case time.Time:
		if tomlLocal(x) {
			t := time.Date(x.Year(), x.Month(), x.Day(), x.Hour(), x.Minute(), x.Second(), x.Nanosecond(), loc)
			return inRange(t, x.Format("2006-01-02T15:04:05"), loc)
		}
		if x.Location().String() == "time-local" {
			return time.Time{}, errors.New("a time of day is not a date; " + dateHint)
		}
		return inRange(inZone(x, loc), x.Format(time.RFC3339), loc)
	}
	return time.Time{}, fmt.Errorf("expected a date, found %s; %s", v.describe(), dateHint)
}
