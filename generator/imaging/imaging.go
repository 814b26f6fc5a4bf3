// Package imaging makes the resized copies of a site's raster images that
// a responsive <img> offers in its srcset.
//
// Inspect reads what a plan needs of an image file: its format, its size
// as shown (a JPEG's EXIF orientation applied) and a hash of its bytes.
// Params says at which widths an image gets copies, and names each copy
// by a hash of the source's bytes and of the parameters, so that a copy's
// name changes whenever its bytes could. Resize makes the copies: JPEG
// stays JPEG and PNG stays PNG (with its transparency), each copy scaled
// from the next wider one with a Catmull-Rom filter (a PNG with a palette
// keeps it), and encoded by the
// standard library, so the same file and parameters give the same bytes on
// every run and machine. GIF and WebP files, and SVG, get no copies.
//
// Cache keeps copies across the builds of a watcher or a preview server.
// Stamp writes into a copy (or a drawn card) the ID of what it was made
// from, and Stamped finds it, so that a build can take back a file an
// earlier one wrote. Nothing here reads a file system: callers hand over
// bytes.
package imaging

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"path"
	"slices"
	"strconv"
	"strings"
)

// MaxPixels is the largest image, in pixels, that gets resized copies: a
// decoded image takes 4 bytes a pixel, so this bounds one resize at about
// 400 MB. A 61-megapixel camera's photos are below it.
const MaxPixels = 100_000_000

// MaxScratch bounds the memory the scaler takes for one copy: it keeps 32
// bytes for each pixel of the copy's width by its source's height, which
// for a tall, narrow image can be gigabytes (a 481×200,000 PNG's copy 480
// wide: 3 GB). Photos and charts need a few tens of MB.
const MaxScratch = 512 << 20

// Scratch returns the most memory, in bytes, the scaler takes for a copy
// of the image info at widths (ascending): for the widest, scaled from the
// source halved as Resize halves it. Each narrower copy is scaled from the
// next wider one, and takes less.
func Scratch(info Info, widths []int) int64 {
	if len(widths) == 0 {
		return 0
	}
	w := widths[len(widths)-1]
	sw, sh := info.W, info.H
	for sw >= 2*w {
		sw, sh = sw/2, max(1, sh/2)
	}
	return int64(w) * int64(sh) * 32
}

// Format names the formats that get copies.
const (
	JPEG = "jpeg"
	PNG  = "png"
)

// version is part of every copy's hash: change it when the same source and
// parameters would give other bytes (another filter, an encoder change),
// so that no cache or CDN keeps serving the old copy under its name.
const version = "halve-catmullrom-cascade-palette-1"

// Info is what Inspect reads of an image file.
type Info struct {
	Format string // JPEG or PNG
	// W and H are the size as shown: a JPEG whose EXIF orientation turns
	// it a quarter has them swapped from its stored size.
	W, H        int
	Orientation int // the EXIF orientation, 1 (as stored) to 8
	Sum         [sha256.Size]byte
}

// ErrNotResized is Inspect's error for a file of a format that gets no
// copies (GIF, WebP, SVG, anything else): it is served as it is.
var ErrNotResized = errors.New("not a JPEG or PNG image")

// ErrTooLarge is Inspect's error for an image of more than MaxPixels.
var ErrTooLarge = fmt.Errorf("more than the %d megapixels Byline resizes", MaxPixels/1_000_000)

// Inspect reads data's header. Its error is ErrNotResized for a format
// that gets no copies, ErrTooLarge (wrapped) for an image of more than
// MaxPixels, and another for a JPEG or PNG that is broken; name, the file's name, tells a broken file
// meant as one of those (by its extension) from another kind of file.
func Inspect(name string, data []byte) (Info, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err == nil && format != JPEG && format != PNG {
		return Info{}, ErrNotResized
	}
	if err != nil {
		switch strings.ToLower(path.Ext(name)) {
		case ".jpg", ".jpeg", ".png":
			if errors.Is(err, image.ErrFormat) {
				return Info{}, errors.New("its bytes are no JPEG or PNG image, whatever its name says")
			}
			return Info{}, fmt.Errorf("not a readable image: %v", err)
		}
		return Info{}, ErrNotResized
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, fmt.Errorf("the image is %d×%d pixels", cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return Info{}, fmt.Errorf("the image is %d×%d pixels, %w", cfg.Width, cfg.Height, ErrTooLarge)
	}
	info := Info{Format: format, W: cfg.Width, H: cfg.Height, Orientation: 1, Sum: sha256.Sum256(data)}
	if format == JPEG {
		info.Orientation = Orientation(data)
		if info.Orientation >= 5 {
			info.W, info.H = info.H, info.W
		}
	}
	return info, nil
}

// Params are the settings of a build's copies.
type Params struct {
	Widths  []int // in pixels, ascending, each once
	Quality int   // JPEG quality, 1–100
}

// NewParams returns the Params of widths, in any order and repeated, and
// quality.
func NewParams(widths []int, quality int) Params {
	w := slices.Clone(widths)
	slices.Sort(w)
	return Params{Widths: slices.Compact(w), Quality: quality}
}

// WidthsFor returns the widths of the copies of an image w pixels wide,
// narrowest first: every width of p below w. An image no wider than them
// all gets none.
func (p Params) WidthsFor(w int) []int {
	i, _ := slices.BinarySearch(p.Widths, w)
	return p.Widths[:i]
}

// Key identifies the copies of one source made with one set of Params:
// Cache keeps them by it, and Name derives their names from it.
type Key [sha256.Size]byte

// KeyOf is the Key of the copies of the image info at widths (WidthsFor).
func (p Params) KeyOf(info Info, widths []int) Key {
	h := sha256.New()
	h.Write(info.Sum[:])
	h.Write([]byte(version))
	var b [8]byte
	for _, n := range append([]int{p.Quality, info.Orientation, len(widths)}, widths...) {
		binary.BigEndian.PutUint64(b[:], uint64(n))
		h.Write(b[:])
	}
	return Key(h.Sum(nil))
}

// Name is the file name of the copy w pixels wide of the file base
// ("pay.png"), whose copies have key k: "pay.480w.1a2b3c4d.png".
func Name(base string, k Key, w int) string {
	h := sha256.New()
	h.Write(k[:])
	h.Write([]byte(strconv.Itoa(w)))
	ext := path.Ext(base)
	return strings.TrimSuffix(base, ext) + "." + strconv.Itoa(w) + "w." + hex.EncodeToString(h.Sum(nil)[:4]) + ext
}

// encode writes m in format.
func encode(m image.Image, format string, quality int) ([]byte, error) {
	var b bytes.Buffer
	var err error
	if format == JPEG {
		err = jpeg.Encode(&b, m, &jpeg.Options{Quality: quality})
	} else {
		err = (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&b, m)
	}
	return b.Bytes(), err
}
