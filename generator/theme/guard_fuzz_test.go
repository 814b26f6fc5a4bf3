package theme

import (
	"html/template"
	"regexp"
	"strings"
	"testing"
)

// bigNumber matches a number of four digits or more: the fuzz target runs
// its templates without a guard too, so ranges must end soon.
var bigNumber = regexp.MustCompile(`[0-9]{4}`)

// FuzzGuardRanges checks that guardRanges changes nothing a template does:
// the same text, parsed once as it is and once guarded, gives the same
// output, or fails with the same error, on the same data. Run it with
//
//	go test ./generator/theme -run '^$' -fuzz '^FuzzGuardRanges$' -fuzztime 5m
func FuzzGuardRanges(f *testing.F) {
	for _, s := range []string{
		`{{ range .L }}{{ . }}{{ end }}`,
		`{{ range $i, $x := .L }}{{ if eq $i 1 }}{{ continue }}{{ end }}<b>{{ $x }}</b>{{ if eq $i 3 }}{{ break }}{{ end }}{{ else }}none{{ end }}`,
		`<a href="/x?{{ range .S }}q={{ . }}&{{ end }}" title="{{ range .L }}{{ . }} {{ end }}">{{ range 3 }}{{ . }}{{ end }}</a>`,
		`<script>var a = [{{ range .L }}{{ . }},{{ end }}]; {{ range .S }}x = {{ . }};{{ end }}</script>`,
		`<style>{{ range .L }}.c{{ . }} { order: {{ . }} }{{ end }}</style>`,
		`{{ range .E }}never{{ else }}{{ range .M }}{{ $x := . }}{{ end }}{{ end }}`,
		`{{ define "t" }}{{ range . }}{{ template "t" .L }}{{ end }}{{ end }}{{ template "t" .M }}`,
		`<p {{ range .S }}data-x{{ end }}>{{ range .L }}<!-- c -->{{ end }}</p>`,
		`{{ range .L }}{{ with $.E }}{{ else }}{{ range $.S }}{{ . }}{{ end }}{{ end }}{{ end }}`,
		`<script>{{ range .L }}/{{ . }}/ {{ end }}</script>`,
	} {
		f.Add(s)
	}
	data := map[string]any{
		"L": []int{1, 2, 3, 4, 5},
		"S": []string{"<a&b>", `"q"`, "javascript:alert(1)", ""},
		"E": []int{},
		"M": map[string]any{"L": []string{"x", "y"}, "n": 2},
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 400 || bigNumber.MatchString(text) || strings.Count(text, "range") > 3 || strings.Count(text, "template") > 2 {
			return
		}
		plain, err := template.New("t").Parse(text)
		if err != nil {
			return
		}
		guarded := template.Must(template.New("t").Parse(text))
		guardRanges(guarded, "")
		var want, got strings.Builder
		errWant := plain.Execute(&want, data)
		errGot := guarded.Execute(&got, data)
		if (errWant == nil) != (errGot == nil) || errWant != nil && errWant.Error() != errGot.Error() {
			t.Fatalf("errors differ:\nplain:   %v\nguarded: %v", errWant, errGot)
		}
		if want.String() != got.String() {
			t.Fatalf("output differs:\nplain:   %q\nguarded: %q", want.String(), got.String())
		}
	})
}
