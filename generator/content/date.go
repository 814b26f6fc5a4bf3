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

// localLayouts is how many of dateLayouts, the first, have no offset.
const localLayouts = 5

const dateHint = "write dates as 2006-01-02, 2006-01-02T15:04:05, or with an offset as 2006-01-02T15:04:05+01:00"

// ParseDate reads a front-matter date: "2006-01-02", "2006-01-02T15:04",
// "2006-01-02T15:04:05", "2006-01-02 15:04:05", or RFC 3339 with an offset.
// A date without an offset is in loc. The error reads well after a position:
// `cannot parse date "2024-13-01": month out of range; write dates as …`.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	var reason string
	for i, layout := range dateLayouts {
		t, err := time.ParseInLocation(layout, s, loc)
		if err == nil {
			if i < localLayouts {
				wall, _ := time.Parse(layout, s)
				if t, err = skipped(t, wall, layout, s, loc); err != nil {
					return time.Time{}, err
				}
			}
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

// skipped refuses a time of day that the clocks of loc skip (02:30 on the
// day summer time starts in New York): Go would move it by the size of the
// jump, and the page would show a time the writer did not write. A date
// alone whose midnight is skipped (Santiago's, the day summer time starts)
// is the first moment of that day, where Go gives the day before. t is the
// time read in loc, wall the same clock reading in UTC, layout and s the
// layout and value it was read with.
func skipped(t, wall time.Time, layout, s string, loc *time.Location) (time.Time, error) {
	if readsAs(t.In(loc), wall) {
		return t, nil
	}
	// Go moved the reading by the size of the gap, one way or the other;
	// the gap starts at the first skipped minute at or before it.
	local := t.In(loc)
	shown := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), local.Second(), local.Nanosecond(), time.UTC)
	jump := wall.Sub(shown).Abs()
	start := wall.Truncate(time.Minute)
	for range 24 * 60 {
		before := start.Add(-time.Minute)
		if readsAs(time.Date(before.Year(), before.Month(), before.Day(), before.Hour(), before.Minute(), 0, 0, loc), before) {
			break
		}
		start = before
	}
	if layout == dateLayouts[0] {
		end := start.Add(jump)
		if end.Day() != wall.Day() {
			return time.Time{}, fmt.Errorf("date %q is not a day in %s: the clocks skip all of it there; write the day before or after", s, loc)
		}
		return time.Date(end.Year(), end.Month(), end.Day(), end.Hour(), end.Minute(), 0, 0, loc), nil
	}
	return time.Time{}, fmt.Errorf("date %q is not a time in %s: the clocks skip %s there that day, from %s; write %s, or the time with its offset",
		s, loc, span(jump), start.Format("15:04"), wall.Add(jump).Format(layout))
}

// readsAs reports whether t, in its zone, shows the clock reading of wall.
func readsAs(t, wall time.Time) bool {
	return t.Day() == wall.Day() && t.Hour() == wall.Hour() && t.Minute() == wall.Minute()
}

// span says a jump of the clocks in words: "an hour", "30 minutes".
func span(d time.Duration) string {
	switch {
	case d == time.Hour:
		return "an hour"
	case d%time.Hour == 0:
		return fmt.Sprintf("%d hours", d/time.Hour)
	}
	return fmt.Sprintf("%d minutes", d/time.Minute)
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
// local dates and date-times are moved into loc, TOML offset date-times
// are kept. A TOML local date (a day alone) is read as the same day
// written as a string is, so a day whose midnight loc skips starts at its
// first moment, in every front-matter format.
func dateValue(v *value, loc *time.Location) (time.Time, error) {
	switch x := v.scalar.(type) {
	case string:
		return ParseDate(x, loc)
	case time.Time:
		if x.Location().String() == "date-local" {
			return ParseDate(x.Format(dateLayouts[0]), loc)
		}
		if tomlLocal(x) {
			t := time.Date(x.Year(), x.Month(), x.Day(), x.Hour(), x.Minute(), x.Second(), x.Nanosecond(), loc)
			const layout = "2006-01-02T15:04:05"
			wall := time.Date(x.Year(), x.Month(), x.Day(), x.Hour(), x.Minute(), x.Second(), x.Nanosecond(), time.UTC)
			t, err := skipped(t, wall, layout, x.Format(layout), loc)
			if err != nil {
				return time.Time{}, err
			}
			return inRange(t, x.Format(layout), loc)
		}
		if x.Location().String() == "time-local" {
			return time.Time{}, errors.New("a time of day is not a date; " + dateHint)
		}
		return inRange(inZone(x, loc), x.Format(time.RFC3339), loc)
	}
	return time.Time{}, fmt.Errorf("expected a date, found %s; %s", v.describe(), dateHint)
}
