package imaging

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
)

// ID identifies the bytes of one made file: a copy (CopyID) or a drawn
// card. Stamp writes it into the file, and Stamped finds it there, so that
// a build can take a file an earlier build wrote for one it would make
// again, without trusting its name or where it lies.
type ID [sha256.Size]byte

// CopyID is the ID of the copy w pixels wide among the copies of key.
func CopyID(k Key, w int) ID {
	h := sha256.New()
	h.Write(k[:])
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(w))
	h.Write(b[:])
	return ID(h.Sum(nil))
}

// stampKeyword begins the stamp's text (see stampText).
const stampKeyword = "byline"

// The fixed bytes of the two formats Stamp knows.
var (
	pngSignature = []byte("\x89PNG\r\n\x1a\n")
	pngIEND      = []byte("\x00\x00\x00\x00IEND\xaeB`\x82")
	jpegSOI      = []byte{0xFF, 0xD8}
	jpegEOI      = []byte{0xFF, 0xD9}
)

// pngIHDREnd is where a PNG's header chunk ends: the signature, then the
// IHDR chunk's length, type, 13 bytes and CRC. The PNG standard puts IHDR
// first.
const pngIHDREnd = 8 + 4 + 4 + 13 + 4

// Stamp returns data, a PNG or a JPEG as this package or cards encodes
// it, with id written in: a PNG gets a tEXt chunk right after its header
// (keyword "byline"), a JPEG a comment segment right after its start.
// Both are parts of the format every reader skips; the pixels are the
// same. The stamp holds id and a hash of data, so that Stamped takes
// exactly the bytes Stamp returned.
func Stamp(data []byte, id ID) ([]byte, error) { return stamp(data, id, toolchain()) }

// stamp is Stamp for files made by the toolchain tc (see toolchain).
func stamp(data []byte, id ID, tc string) ([]byte, error) {
	text := stampText(id, tc, sha256.Sum256(data))
	switch {
	case bytes.HasPrefix(data, pngSignature) && len(data) >= pngIHDREnd:
		chunk := pngChunk("tEXt", text)
		return bytes.Join([][]byte{data[:pngIHDREnd], chunk, data[pngIHDREnd:]}, nil), nil
	case bytes.HasPrefix(data, jpegSOI):
		seg := []byte{0xFF, 0xFE, 0, 0}
		binary.BigEndian.PutUint16(seg[2:], uint16(2+len(text)))
		return bytes.Join([][]byte{data[:2], append(seg, text...), data[2:]}, nil), nil
	}
	return nil, errors.New("neither a PNG nor a JPEG")
}

// Stamped reports whether data is a whole PNG or JPEG that Stamp stamped
// with id, byte for byte: the stamp where Stamp writes it, the file's end
// marker at its end, and the rest of the file the bytes whose hash the
// stamp holds, so that a file cut short, or
// changed inside while its stamp was kept (a bit flipped on disk, a tool
// that rewrote the pixels and kept the comments), is not taken.
func Stamped(data []byte, id ID) bool {
	n := len(stampText(id, "", [sha256.Size]byte{}))
	var orig []byte
	switch {
	case bytes.HasPrefix(data, pngSignature) && len(data) >= pngIHDREnd+12+n && bytes.HasSuffix(data, pngIEND):
		orig = slices.Concat(data[:pngIHDREnd], data[pngIHDREnd+12+n:])
	case bytes.HasPrefix(data, jpegSOI) && len(data) >= 2+4+n+2 && bytes.HasSuffix(data, jpegEOI):
		orig = slices.Concat(data[:2], data[2+4+n:])
	default:
		return false
	}
	stamped, err := Stamp(orig, id)
	return err == nil && bytes.Equal(stamped, data)
}

// stampText is the stamp's text: "byline", a NUL, a hash of the ID and of
// the toolchain tc in hex, a space and the hash of the unstamped file in
// hex.
func stampText(id ID, tc string, sum [sha256.Size]byte) []byte {
	made := sha256.Sum256(append(id[:], tc...))
	return []byte(stampKeyword + "\x00" + hex.EncodeToString(made[:]) + " " + hex.EncodeToString(sum[:]))
}

// toolchain names what a made file's bytes depend on besides its ID and
// this package's version: the Go release, whose image encoders and
// compressor write them, and the version of golang.org/x/image, whose
// scaler and fonts draw them. A file made by another is made again, so
// that an upgrade gives what a build into an empty folder gives.
var toolchain = sync.OnceValue(func() string {
	tc := runtime.Version()
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Path == "golang.org/x/image" {
				tc += " " + m.Path + "@" + m.Version
			}
		}
	}
	return tc
})

// pngChunk returns a PNG chunk: length, type, data and the CRC of type
// and data.
func pngChunk(typ string, data []byte) []byte {
	b := make([]byte, 0, 12+len(data))
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[4:]))
}
