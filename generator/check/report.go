package check

import (
	"encoding/json"
	"fmt"
	"io"
)

// Finding is one line of a report in JSON, the shape CI annotations take.
type Finding struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"` // "error", "warning" or "info" (a listed external link)
	Message  string `json:"message"`
}

// Findings lists the problems, then the external links that are not
// problems already, in report order.
func (r *Report) Findings() []Finding {
	out := make([]Finding, 0, len(r.Problems)+len(r.Links))
	for _, d := range r.Problems {
		out = append(out, Finding{d.Path, d.Line, d.Col, d.Severity.String(), d.Msg})
	}
	for _, l := range r.Links {
		if l.failed {
			continue // a problem, above
		}
		out = append(out, Finding{l.Path, l.Line, l.Col, "info", l.message()})
	}
	return out
}

func (l Link) message() string {
	if l.Status != "" {
		return fmt.Sprintf("external link %s: %s", l.URL, l.Status)
	}
	return "external link " + l.URL
}

// WriteText writes one "path:line:col: message" line per problem, then
// one per external link that is not a problem already (a failed fetch).
func (r *Report) WriteText(w io.Writer) error {
	for _, d := range r.Problems {
		if _, err := fmt.Fprintln(w, d.Error()); err != nil {
			return err
		}
	}
	for _, l := range r.Links {
		if l.failed {
			continue // a problem, above
		}
		if _, err := fmt.Fprintf(w, "%s: %s\n", l.Pos, l.message()); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes the findings as a JSON array ("[]" when there are none).
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r.Findings())
}
