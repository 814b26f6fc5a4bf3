package config

import (
	"image/color"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/byline/byline/generator/diag"
)

// TestCardColors: social_card_colors takes #rrggbb and #rgb colours, each
// unset one the default theme's; a colour Byline cannot read is an error
// at its value, colours without social_cards a warning, and so is text
// that would be hard to read on the background, at the colour to change.
func TestCardColors(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want []string
	}{
		{"social_cards: true\nsocial_card_colors:\n  background: \"#0f172a\"\n  text: \"#f8fafc\"\n  accent: \"#38bdf8\"\n  label: \"#fb923c\"\n  rule: \"#334155\"\n", nil},
		{"social_cards: true\nsocial_card_colors:\n  accent: red\n",
			[]string{`site/config.yaml:3:11: social_card_colors.accent: "red" is not a colour Byline reads: write it as #rrggbb or #rgb, as in #1d3f8f`}},
		{"social_card_colors: {accent: \"#123456\"}\n",
			[]string{`site/config.yaml:1:1: warning: social_card_colors does nothing without social_cards: true: add it, or remove these colours`}},
		{"social_cards: true\nsocial_card_colors:\n  background: \"#000\"\n  text: \"#222222\"\n  accent: \"#fff\"\n", []string{
			`site/config.yaml:4:9: warning: social_card_colors: text #222222 on background #000 has a contrast of 1.3:1, hard to read in a link preview: choose colours of at least 3:1, WCAG's least for large text`}},
		{"social_cards: true\nsocial_card_colors:\n  backgrund: \"#000\"\n",
			[]string{`site/config.yaml:3:3: warning: social_card_colors: unknown key "backgrund"; did you mean "background"?`}},
	} {
		var list diag.List
		Load(fstest.MapFS{"config.yaml": {Data: []byte(tt.src)}}, "site/config.yaml", &list)
		var got []string
		for _, d := range list.All() {
			got = append(got, d.Error())
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%q:\n%s\nwant\n%s", tt.src, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
}

func TestParseColor(t *testing.T) {
	for s, want := range map[string]color.RGBA{"#fff": {255, 255, 255, 255}, "#1D3F8F": {0x1d, 0x3f, 0x8f, 255}, "#0a0b0c": {10, 11, 12, 255}} {
		if got, ok := ParseColor(s); !ok || got != want {
			t.Errorf("ParseColor(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "fff", "#ffff", "#ggg", "red", "#1234567", " #fff"} {
		if _, ok := ParseColor(s); ok {
			t.Errorf("ParseColor(%q) took it", s)
		}
	}
}
