package imaging

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
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

// stampKeyword begins the stamp's text: "byline " and the ID in hex.
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
// same.
func Stamp(data []byte, id ID) ([]byte, error) {
	text := stampText(id)
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
// with id: the stamp where Stamp writes it, and the file's end marker at
// its end, so that a file cut short is not taken.
func Stamped(data []byte, id ID) bool {
	text := stampText(id)
	switch {
	case bytes.HasPrefix(data, pngSignature):
		chunk := pngChunk("tEXt", text)
		return len(data) >= pngIHDREnd+len(chunk) &&
			bytes.Equal(data[pngIHDREnd:pngIHDREnd+len(chunk)], chunk) &&
			bytes.HasSuffix(data, pngIEND)
	case bytes.HasPrefix(data, jpegSOI):
		n := 4 + len(text)
		return len(data) >= 2+n+2 &&
			data[2] == 0xFF && data[3] == 0xFE &&
			int(binary.BigEndian.Uint16(data[4:6])) == 2+len(text) &&
			bytes.Equal(data[6:2+n], text) &&
			bytes.HasSuffix(data, jpegEOI)
	}
	return false
}

func stampText(id ID) []byte {
	return []byte(stampKeyword + "\x00" + hex.EncodeToString(id[:]))
}

// pngChunk returns a PNG chunk: length, type, data and the CRC of type
// and data.
func pngChunk(typ string, data []byte) []byte {
	b := make([]byte, 0, 12+len(data))
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[4:]))
}
