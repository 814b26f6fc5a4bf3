package diag

import (
	"errors"
	"strings"
	"testing"
)

func TestListSortsAndFormats(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty list must have nil Err")
	}
	l.Errorf(Pos{Path: "site/b.md", Line: 3, Col: 1}, "second")
	l.Warnf(Pos{Path: "site/a.md", Line: 9, Col: 2}, "a warning")
	l.Errorf(Pos{Path: "site/a.md", Line: 2, Col: 5}, "first")
	l.Errorf(Pos{Path: "site/config.yaml"}, "no position")
	err := l.Err()
	want := "site/a.md:2:5: first\nsite/b.md:3:1: second\nsite/config.yaml: no position"
	if err == nil || err.Error() != want {
		t.Fatalf("Err() = %q, want %q", err, want)
	}
	if w := l.Warnings(); len(w) != 1 || w[0].Error() != "site/a.md:9:2: warning: a warning" {
		t.Fatalf("warnings = %v", w)
	}
	var d *Diagnostic
	if !errors.As(err, &d) || d.Msg != "first" {
		t.Fatalf("errors.As found %v", d)
	}
}

func TestErrorListCaps(t *testing.T) {
	var l List
	for i := 0; i < MaxErrors+7; i++ {
		l.Errorf(Pos{Path: "x.md", Line: i + 1, Col: 1}, "bad")
	}
	s := l.Err().Error()
	if got := strings.Count(s, "\n"); got != MaxErrors {
		t.Fatalf("got %d lines, want %d", got+1, MaxErrors+1)
	}
	if !strings.HasSuffix(s, "(and 7 more errors)") {
		t.Fatalf("missing cap line: %q", s[len(s)-40:])
	}
}
