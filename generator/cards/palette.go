package cards

import (
	"image"
	"image/color"
)

// levels is how many shades of each ink, blended over the background, a
// card's palette holds: enough for smooth edges, few enough for 8 bits.
const levels = 63

// inks are the colours drawn over the background, in palette order.
func (st Style) inks() [4]color.RGBA {
	return [...]color.RGBA{inkAccent: st.Accent, inkText: st.Text, inkBorder: st.Rule, inkKicker: st.Label}
}

// Indexes of inks.
const (
	inkAccent = iota
	inkText
	inkBorder
	inkKicker
)

// palette is the background, then each ink's shades, lightest first.
func (st Style) palette() color.Palette {
	bg := st.Background
	p := make(color.Palette, 0, 1+4*levels)
	p = append(p, bg)
	for _, ink := range st.inks() {
		for l := 1; l <= levels; l++ {
			p = append(p, color.RGBA{blend(bg.R, ink.R, l), blend(bg.G, ink.G, l), blend(bg.B, ink.B, l), 0xff})
		}
	}
	return p
}

func blend(bg, ink uint8, l int) uint8 {
	return uint8((int(bg)*(levels-l) + int(ink)*l + levels/2) / levels)
}

// inkAt is the ink drawn at x, y: each part of a card has one.
func inkAt(x, y int) int {
	switch {
	case x < bar || y < titleTop:
		return inkAccent
	case y < ruleY:
		return inkText
	case y < ruleY+2:
		return inkBorder
	}
	return inkKicker
}

// paletted turns m, drawn in full colour, into an image of the card's
// palette, reading how much ink covers each pixel from its colour. A PNG
// of a palette is a quarter of the bytes to compress, and is not
// filtered: the encoder's filters took half of its time.
func (st Style) paletted(m *image.RGBA, out *image.Paletted) *image.Paletted {
	b := m.Bounds()
	bg, inks := st.Background, st.inks()
	clear(out.Pix) // the background, index 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := m.Pix[m.PixOffset(b.Min.X, y):]
		for x := b.Min.X; x < b.Max.X; x++ {
			px := row[4*(x-b.Min.X):]
			if px[0] == bg.R && px[1] == bg.G && px[2] == bg.B {
				continue // index 0
			}
			k := inkAt(x, y)
			out.Pix[out.PixOffset(x, y)] = uint8(k*levels + shade(px, inks[k], bg)) // 1 + k*levels + (shade - 1)
		}
	}
	return out
}

// shade is how much of ink covers px, from 1 to levels, read on the
// channel where the ink differs most from the background bg: all of it
// for an ink the colour of the background, which cannot show.
func shade(px []uint8, ink, bg color.RGBA) int {
	back := [3]uint8{bg.R, bg.G, bg.B}
	c, d := 0, 0
	for i, v := range [3]uint8{ink.R, ink.G, ink.B} {
		if diff := int(v) - int(back[i]); abs(diff) > abs(d) {
			c, d = i, diff
		}
	}
	if d == 0 {
		return levels
	}
	l := ((int(px[c])-int(back[c]))*levels + d/2) / d
	return min(max(l, 1), levels)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
