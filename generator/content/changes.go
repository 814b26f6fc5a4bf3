package content

import (
	"slices"
	"time"
)

// checkChanges checks the dates of an article's noted updates (Meta.Changes)
// against its date and updated, gives an article without updated the date
// of its newest change, and sorts them newest first (one date keeps the
// order written).
func (d *metaDecoder) checkChanges(p *Page) {
	m := &p.Meta
	if len(m.Changes) == 0 {
		return
	}
	newest := 0
	for i, c := range m.Changes {
		if c.Date.IsZero() {
			continue
		}
		// A change written as a day is on that day: one on the day of
		// publication is after it, whatever the hour of date.
		if !m.Date.IsZero() && d.day(c.Date) < d.day(m.Date) {
			d.fail(p.Pos[changeKey(i)], "this change (%s) is before the article's date (%s): a change is made after publication; correct the date, or remove the change",
				stamp(c.Date.In(d.loc)), stamp(m.Date.In(d.loc)))
		}
		if c.Date.After(m.Changes[newest].Date) {
			newest = i
		}
	}
	last := m.Changes[newest].Date
	switch {
	case last.IsZero():
	case m.Updated.IsZero():
		if m.Date.IsZero() || !last.Before(m.Date) {
			m.Updated = last // the newest change is the last update
		}
	case m.Updated.Before(last):
		d.fail(p.Pos[changeKey(newest)], "this change (%s) is after updated (%s): set updated to %s, or leave updated out, and the newest change gives it",
			stamp(last.In(d.loc)), stamp(m.Updated.In(d.loc)), last.In(d.loc).Format("2006-01-02"))
	}
	slices.SortStableFunc(m.Changes, func(a, b Change) int { return b.Date.Compare(a.Date) })
}

// day is t's calendar day in the site's time zone, as a number that
// orders days.
func (d *metaDecoder) day(t time.Time) int {
	y, m, dd := t.In(d.loc).Date()
	return y*10000 + int(m)*100 + dd
}
