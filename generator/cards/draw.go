package cards

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Style is a card's colours.
type Style struct {
	Background color.RGBA
	Text       color.RGBA // the title
	Accent     color.RGBA // the bar down the left edge, and the site's title
	Label      color.RGBA // the label
	Rule       color.RGBA // the line above the label
}

// DefaultStyle is the default theme's light colours
// (themes/default/static/css/style.css: --bg, --text, --accent, --kicker,
// --border), which a Card with no Style is drawn in.
func DefaultStyle() Style {
	return Style{
		Background: color.RGBA{0xfb, 0xfa, 0xf7, 0xff},
		Text:       color.RGBA{0x1b, 0x1e, 0x23, 0xff},
		Accent:     color.RGBA{0x1d, 0x3f, 0x8f, 0xff},
		Label:      color.RGBA{0xa8, 0x39, 0x1a, 0xff},
		Rule:       color.RGBA{0xe2, 0xdd, 0xd2, 0xff},
	}
}

// Where things go, in pixels.
const (
	margin    = 80               // left and right of the text
	textWidth = Width - 2*margin // of every line
	bar       = 16               // the accent bar down the left edge
	siteSize  = 34               // the site's title, on its baseline siteY
	siteY     = 112
	titleTop  = 160 // the title's block is centred between these
	titleEnd  = 505
	ruleY     = 530 // a rule above the label
	labelSize = 30  // the label, on its baseline labelY
	labelY    = 586
)

// faces makes and keeps the faces of one drawing: a face is not safe for
// concurrent use, so each Draw has its own.
type faces struct {
	font *sfnt.Font
	by   map[int]font.Face
	err  error
}

func (f *faces) at(size int) font.Face {
	if face, ok := f.by[size]; ok {
		return face
	}
	face, err := opentype.NewFace(f.font, &opentype.FaceOptions{Size: float64(size), DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		f.err = err
		return nil
	}
	f.by[size] = face
	return face
}

// measure is a measure of the width of text in these faces.
func (f *faces) measure(s string, size int) int {
	face := f.at(size)
	if face == nil {
		return 0
	}
	return font.MeasureString(face, s).Ceil()
}

// Draw draws c as a PNG image of Width × Height pixels. c should be
// Drawable: a character the fonts lack would be drawn as a box.
func (p *Painter) Draw(c Card) ([]byte, error) {
	c = c.normal()
	bold := &faces{font: p.bold, by: map[int]font.Face{}}
	medium := &faces{font: p.medium, by: map[int]font.Face{}}
	cv, _ := p.canvases.Get().(*canvas)
	if cv == nil {
		cv = &canvas{rgba: image.NewRGBA(image.Rect(0, 0, Width, Height)), pal: image.NewPaletted(image.Rect(0, 0, Width, Height), nil)}
	}
	defer p.canvases.Put(cv)
	st := c.Style
	cv.pal.Palette = st.palette()
	m := cv.rgba
	fill(m, m.Bounds(), st.Background)
	fill(m, image.Rect(0, 0, bar, Height), st.Accent)

	write(m, bold, siteSize, siteY, st.Accent, cut(c.Site, textWidth, siteSize, bold.measure, false))
	b := layout(c.Title, textWidth, bold.measure)
	step := b.size * 6 / 5
	top := titleTop + (titleEnd-titleTop-step*len(b.lines))/2
	for i, line := range b.lines {
		// The baseline sits at about four fifths of a line's height.
		write(m, bold, b.size, top+i*step+b.size, st.Text, line)
	}
	if c.Label != "" {
		fill(m, image.Rect(margin, ruleY, Width-margin, ruleY+2), st.Rule)
		write(m, medium, labelSize, labelY, st.Label, cut(c.Label, textWidth, labelSize, medium.measure, false))
	}
	if err := firstErr(bold.err, medium.err); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &p.encoders}
	if err := enc.Encode(&out, st.paletted(m, cv.pal)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func fill(m *image.RGBA, r image.Rectangle, c color.RGBA) {
	draw.Draw(m, r, image.NewUniform(c), image.Point{}, draw.Src)
}

// write draws s at size from the left margin on the baseline y.
func write(m *image.RGBA, f *faces, size, y int, c color.RGBA, s string) {
	face := f.at(size)
	if face == nil || s == "" {
		return
	}
	d := font.Drawer{Dst: m, Src: image.NewUniform(c), Face: face, Dot: fixed.P(margin, y)}
	d.DrawString(s)
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
