// Package cards draws social cards: for an article that has no image of
// its own, a 1200×630 PNG showing its title, the site's title and its
// category or section, which link previews (LinkedIn, Slack, X) show as
// the page's og:image.
//
// The contract:
//   - A Card is plain text drawn on pixels: no markup is read or written.
//   - Drawable reports whether the Go fonts have a glyph for every
//     character of a card; Draw is only for cards that are drawable, so
//     that no title is shown as boxes of missing glyphs.
//   - Draw is deterministic: the same card gives the same PNG bytes on
//     every run, in any time zone (nothing but the card's text is read).
//   - Name names a card's file by a hash of what it shows and of the
//     drawing's Version, so a changed card gets a new name and a CDN may
//     keep each one for good.
//   - A Painter is safe for concurrent use; a title of any length or
//     content is laid out without panicking: wrapped over at most four
//     lines, in a smaller size when long, and cut with an ellipsis past
//     that.
package cards

import (
	"fmt"
	"image"
	"image/png"
	"sync"

	"crypto/sha256"
	"encoding/hex"
	"strings"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// Version changes whenever Draw would draw a card differently, so that
// Name gives the new drawing a new file name.
const Version = "1"

// Width and Height are every card's size in pixels, the size link
// previews ask for.
const (
	Width  = 1200
	Height = 630
)

// Card is what a card shows.
type Card struct {
	Title string // the article's title, large
	Site  string // the site's title, above it
	Label string // the category or section, below it; may be empty
	// Style is its colours; the zero Style is DefaultStyle.
	Style Style
}

// normal returns c with each text on one line, its runs of white space
// single spaces, as it is drawn and named.
func (c Card) normal() Card {
	st := c.Style
	if st == (Style{}) {
		st = DefaultStyle()
	}
	return Card{Title: oneLine(c.Title), Site: oneLine(c.Site), Label: oneLine(c.Label), Style: st}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Name returns the file name of c's image, "card.1a2b3c4d.png".
func Name(c Card) string {
	sum := Sum(c)
	return "card." + hex.EncodeToString(sum[:4]) + ".png"
}

// Sum is a hash of what c shows, as drawn by this Version: its text, and
// its colours unless they are DefaultStyle's (so a card in the default
// colours keeps the name it had before cards had a Style).
func Sum(c Card) [sha256.Size]byte {
	c = c.normal()
	s := "byline social card " + Version + "\x00" + c.Title + "\x00" + c.Site + "\x00" + c.Label
	if c.Style != DefaultStyle() {
		st := c.Style
		s += fmt.Sprintf("\x00%v %v %v %v %v", st.Background, st.Text, st.Accent, st.Label, st.Rule)
	}
	return sha256.Sum256([]byte(s))
}

// Painter draws cards with the Go fonts, parsed once. It keeps the
// buffers of finished drawings for the next (a card is 3 MB of pixels
// drawn, and the encoder's compressor 1 MB more): a build draws thousands.
type Painter struct {
	bold, medium *sfnt.Font
	canvases     sync.Pool // *canvas
	encoders     encoderPool
}

// canvas is the pixels of one drawing: in full colour, then in the card's
// palette.
type canvas struct {
	rgba *image.RGBA
	pal  *image.Paletted
}

// encoderPool keeps the PNG encoder's buffers between drawings.
type encoderPool struct{ p sync.Pool }

func (e *encoderPool) Get() *png.EncoderBuffer {
	b, _ := e.p.Get().(*png.EncoderBuffer)
	return b
}

func (e *encoderPool) Put(b *png.EncoderBuffer) { e.p.Put(b) }

// New parses the fonts.
func New() (*Painter, error) {
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, err
	}
	medium, err := opentype.Parse(gomedium.TTF)
	if err != nil {
		return nil, err
	}
	return &Painter{bold: bold, medium: medium}, nil
}

// Drawable reports whether the fonts have a glyph for every character
// that c shows (the title and site title in bold, the label in medium).
func (p *Painter) Drawable(c Card) bool {
	c = c.normal()
	if c.Title == "" {
		return false
	}
	var buf sfnt.Buffer
	return covers(p.bold, &buf, c.Title+c.Site+ellipsis) && covers(p.medium, &buf, c.Label+ellipsis)
}

// covers reports whether f has a glyph for every rune of s but spaces.
func covers(f *sfnt.Font, buf *sfnt.Buffer, s string) bool {
	for _, r := range s {
		if r == ' ' {
			continue
		}
		if i, err := f.GlyphIndex(buf, r); err != nil || i == 0 {
			return false
		}
	}
	return true
}
