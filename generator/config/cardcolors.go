package config

import (
	"image/color"
	"math"
	"regexp"
	"strconv"
)

// hexColor is a colour as CSS writes it in hex: #rgb or #rrggbb.
var hexColor = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// ParseColor reads "#rgb" or "#rrggbb"; ok is false for anything else.
func ParseColor(s string) (c color.RGBA, ok bool) {
	if !hexColor.MatchString(s) {
		return color.RGBA{}, false
	}
	h := s[1:]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	n, _ := strconv.ParseUint(h, 16, 32)
	return color.RGBA{uint8(n >> 16), uint8(n >> 8), uint8(n), 0xff}, true
}

// cardColors checks social_card_colors: each a colour, the site's title,
// the title and the label readable on the background (WCAG's 3:1 for
// large text: a card's smallest is 30 pixels), and the setting used.
func (d *decoder) cardColors() {
	cc := &d.cfg.CardColors
	if d.badType["social_card_colors"] {
		*cc = CardColors{}
		return
	}
	fields := []struct {
		key string
		val *string
	}{{"background", &cc.Background}, {"text", &cc.Text}, {"accent", &cc.Accent}, {"label", &cc.Label}, {"rule", &cc.Rule}}
	for _, f := range fields {
		pos, set := d.values["social_card_colors."+f.key]
		if _, ok := ParseColor(*f.val); set && !ok {
			d.list.Errorf(pos, "social_card_colors.%s: %q is not a colour Byline reads: write it as #rrggbb or #rgb, as in %s", f.key, *f.val, defaultCardColor(f.key))
			*f.val = ""
		}
	}
	if _, set := d.cfg.Pos["social_card_colors"]; !set {
		return
	}
	if !d.cfg.SocialCards {
		d.list.Warnf(d.cfg.Pos["social_card_colors"], "social_card_colors does nothing without social_cards: true: add it, or remove these colours")
	}
	bg := cc.Or("background")
	for _, key := range []string{"text", "accent", "label"} {
		if r := contrast(cc.Or(key), bg); r < 3 {
			pos, set := d.values["social_card_colors."+key]
			if !set {
				pos = d.values["social_card_colors.background"]
			}
			d.list.Warnf(pos, "social_card_colors: %s %s on background %s has a contrast of %.1f:1, hard to read in a link preview: choose colours of at least 3:1, WCAG's least for large text",
				key, cc.Or(key), bg, math.Floor(r*10)/10)
		}
	}
}

// defaultCardColor is the default theme's light colour of key
// (themes/default/static/css/style.css: --bg, --text, --accent, --kicker,
// --border).
func defaultCardColor(key string) string {
	switch key {
	case "background":
		return "#fbfaf7"
	case "text":
		return "#1b1e23"
	case "accent":
		return "#1d3f8f"
	case "label":
		return "#a8391a"
	}
	return "#e2ddd2" // rule
}

// Or returns the colour of key ("background", "text", "accent", "label",
// "rule"): the one set, else the default theme's.
func (cc CardColors) Or(key string) string {
	var set string
	switch key {
	case "background":
		set = cc.Background
	case "text":
		set = cc.Text
	case "accent":
		set = cc.Accent
	case "label":
		set = cc.Label
	case "rule":
		set = cc.Rule
	}
	if set != "" {
		return set
	}
	return defaultCardColor(key)
}

// contrast is WCAG 2's contrast ratio of two colours, from 1 to 21.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is WCAG 2's relative luminance of a colour.
func luminance(s string) float64 {
	c, _ := ParseColor(s)
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}
