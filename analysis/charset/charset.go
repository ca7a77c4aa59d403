// Package charset tells which character encoding a text file is in and
// decodes it to UTF-8, by one set of rules for every reader of text in the
// project (findings files in analysis/intake, documents in analysis/extract):
//
//   - a byte-order mark says UTF-8, UTF-16LE or UTF-16BE;
//   - otherwise valid UTF-8 is UTF-8;
//   - bytes that are not UTF-8 in a file that also holds valid multi-byte
//     characters (or a UTF-8 byte-order mark) are mistakes in a UTF-8
//     file, kept for the reader to refuse or replace;
//   - anything else that is not UTF-8 is Windows-1252 (what Windows
//     programs save as "ANSI" text), which the reader says in a notice;
//   - UTF-16 without a byte-order mark cannot be told reliably and is
//     not guessed (UTF16NoBOM lets a reader say so).
//
// A lone UTF-16 surrogate, or an odd last byte, becomes the byte 0xFF,
// which is never UTF-8: readers that check UTF-8 catch it.
package charset

import (
	"bufio"
	"encoding/binary"
	"io"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// BOM is the byte-order mark a text starts with.
type BOM int

// Byte-order marks.
const (
	NoBOM BOM = iota
	BOMUTF8
	BOMUTF16LE
	BOMUTF16BE
)

// Len is the mark's length in bytes.
func (b BOM) Len() int {
	switch b {
	case BOMUTF8:
		return 3
	case BOMUTF16LE, BOMUTF16BE:
		return 2
	}
	return 0
}

// BOMOf is the byte-order mark b starts with.
func BOMOf(b []byte) BOM {
	switch {
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		return BOMUTF8
	case len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE:
		return BOMUTF16LE
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		return BOMUTF16BE
	}
	return NoBOM
}

// Encoding is what a text is decoded as.
type Encoding int

// Encodings.
const (
	UTF8 Encoding = iota
	UTF8BOM
	// UTF8Damaged is UTF-8 with some bytes that are not: each is kept, for
	// the reader to refuse the row or replace the character.
	UTF8Damaged
	UTF16LE
	UTF16BE
	Windows1252
)

// String names the encoding as a notice would.
func (e Encoding) String() string {
	switch e {
	case UTF8BOM:
		return "utf-8 with byte-order mark"
	case UTF16LE:
		return "utf-16le with byte-order mark"
	case UTF16BE:
		return "utf-16be with byte-order mark"
	case Windows1252:
		return "windows-1252"
	}
	return "utf-8"
}

// IsUTF16 reports a UTF-16 encoding.
func (e Encoding) IsUTF16() bool { return e == UTF16LE || e == UTF16BE }

// Scan learns a text's encoding from its bytes, given in chunks of any
// size: its byte-order mark, whether it is valid UTF-8 and whether it holds
// valid multi-byte characters.
type Scan struct {
	bom         BOM
	invalid     bool
	multibyte   bool
	carry       []byte // the bytes of a character cut at a chunk's end
	UTF16NoMark bool   // set by Close when the text looks like UTF-16 without a mark
	head        []byte
}

// Write notes what the chunk holds. It never fails.
func (s *Scan) Write(chunk []byte) (int, error) {
	if len(s.head) < 512 {
		s.head = append(s.head, chunk[:min(len(chunk), 512-len(s.head))]...)
	}
	if !s.invalid || !s.multibyte {
		s.carry = s.classify(append(s.carry, chunk...))
	}
	return len(chunk), nil
}

// Close ends the text: a character left incomplete is not UTF-8. The
// encoding is known after Close.
func (s *Scan) Close() {
	s.bom = BOMOf(s.head)
	if len(s.carry) > 0 {
		s.invalid = true
		s.carry = nil
	}
	s.UTF16NoMark = s.bom == NoBOM && UTF16NoBOM(s.head)
}

// BOM is the text's byte-order mark.
func (s *Scan) BOM() BOM { return s.bom }

// Invalid reports bytes that are not UTF-8 (before any decoding).
func (s *Scan) Invalid() bool { return s.invalid }

// Encoding is what the text is decoded as, by the package's rules.
func (s *Scan) Encoding() Encoding {
	switch {
	case s.bom == BOMUTF16LE:
		return UTF16LE
	case s.bom == BOMUTF16BE:
		return UTF16BE
	case !s.invalid && s.bom == BOMUTF8:
		return UTF8BOM
	case !s.invalid:
		return UTF8
	case s.multibyte || s.bom == BOMUTF8:
		// Valid multi-byte characters (or a UTF-8 byte-order mark) say the
		// text is UTF-8: the bytes that are not are mistakes, not a sign of
		// another encoding.
		return UTF8Damaged
	}
	return Windows1252
}

// classify notes what a chunk holds as UTF-8 and returns the bytes of a
// character cut at its end, to be classified with the next chunk.
func (s *Scan) classify(chunk []byte) (carry []byte) {
	cut := len(chunk)
	// Hold back up to 3 bytes that may start a rune split across reads.
	for i := 1; i <= 3 && i <= len(chunk); i++ {
		if utf8.RuneStart(chunk[len(chunk)-i]) {
			if !utf8.FullRune(chunk[len(chunk)-i:]) {
				cut = len(chunk) - i
			}
			break
		}
	}
	b := chunk[:cut]
	if utf8.Valid(b) {
		if !s.multibyte && !ascii(b) {
			s.multibyte = true
		}
	} else {
		s.invalid = true
		for i := 0; i < len(b) && !s.multibyte; {
			r, size := utf8.DecodeRune(b[i:])
			if r != utf8.RuneError && size > 1 {
				s.multibyte = true
			}
			i += size
		}
	}
	return append([]byte(nil), chunk[cut:]...)
}

// ascii reports whether b is all 7-bit, eight bytes at a time.
func ascii(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// UTF16NoBOM reports text in UTF-16 without a byte-order mark: mostly
// ASCII, so every other byte of its start is zero.
func UTF16NoBOM(head []byte) bool {
	if len(head) < 8 {
		return false
	}
	even, odd := 0, 0
	for i, c := range head[:len(head)&^1] {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	half := len(head) / 2
	return even > half*3/4 && odd == 0 || odd > half*3/4 && even == 0
}

// NewReader reads r, which starts with the text's first byte, as UTF-8:
// the byte-order mark dropped and the text decoded as enc says.
func NewReader(r *bufio.Reader, enc Encoding, bom BOM) io.Reader {
	r.Discard(bom.Len())
	switch enc {
	case UTF16LE, UTF16BE:
		return &utf16Reader{r: r, be: enc == UTF16BE}
	case Windows1252:
		return charmap.Windows1252.NewDecoder().Reader(r)
	}
	return r
}

// Decode decodes a whole text to UTF-8 by the package's rules: the bytes
// and the encoding they were read as. A UTF8Damaged text keeps its bad
// bytes (and UTF-16 its lone surrogates as 0xFF): the caller refuses or
// replaces them.
func Decode(b []byte) ([]byte, Encoding) {
	var s Scan
	s.Write(b)
	s.Close()
	enc := s.Encoding()
	b = b[s.BOM().Len():]
	switch enc {
	case UTF16LE, UTF16BE:
		return decodeUTF16(b, enc == UTF16BE), enc
	case Windows1252:
		out, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err == nil {
			return out, enc
		}
	}
	return b, enc
}

func decodeUTF16(b []byte, be bool) []byte {
	out := make([]byte, 0, len(b)+len(b)/2)
	u := &utf16Reader{be: be}
	for i := 0; i+1 < len(b); i += 2 {
		out = u.appendUnit(out, unit(b[i:], be), func() (rune, bool) {
			if i+3 < len(b) {
				i += 2
				return unit(b[i:], be), true
			}
			return 0, false
		})
	}
	if len(b)%2 == 1 {
		out = append(out, 0xFF)
	}
	return out
}

func unit(b []byte, be bool) rune {
	if be {
		return rune(b[0])<<8 | rune(b[1])
	}
	return rune(b[1])<<8 | rune(b[0])
}

// utf16Reader decodes UTF-16 to UTF-8. A lone surrogate, or an odd byte at
// the end, becomes the byte 0xFF, which is never UTF-8, so the row that
// holds it is refused rather than silently changed.
type utf16Reader struct {
	r       *bufio.Reader
	be      bool
	pending []byte
	held    rune // a code unit read ahead
	hasHeld bool
	err     error
}

// oddByte stands for a last byte with no partner.
const oddByte = -1

func (u *utf16Reader) unit() (rune, error) {
	if u.hasHeld {
		u.hasHeld = false
		return u.held, nil
	}
	var b [2]byte
	n, err := io.ReadFull(u.r, b[:])
	if n == 1 {
		return oddByte, nil
	}
	if err != nil {
		return 0, err
	}
	return unit(b[:], u.be), nil
}

// appendUnit appends code unit c decoded, taking the next unit from next
// when c starts a surrogate pair.
func (u *utf16Reader) appendUnit(out []byte, c rune, next func() (rune, bool)) []byte {
	switch {
	case c == oddByte:
		return append(out, 0xFF)
	case c >= 0xD800 && c < 0xDC00: // high surrogate: needs a low one
		c2, ok := next()
		if ok && c2 >= 0xDC00 && c2 <= 0xDFFF {
			return utf8.AppendRune(out, utf16.DecodeRune(c, c2))
		}
		out = append(out, 0xFF)
		if ok {
			return u.appendUnit(out, c2, next)
		}
		return out
	case c >= 0xDC00 && c <= 0xDFFF: // a low surrogate alone
		return append(out, 0xFF)
	}
	return utf8.AppendRune(out, c)
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.pending) < len(p) && len(u.pending) < 16<<10 && u.err == nil {
		c, err := u.unit()
		if err != nil {
			u.err = err
			break
		}
		u.pending = u.appendUnit(u.pending, c, func() (rune, bool) {
			c2, err := u.unit()
			if err != nil {
				u.err = err
				return 0, false
			}
			return c2, true
		})
	}
	n := copy(p, u.pending)
	u.pending = u.pending[n:]
	if n == 0 && u.err != nil {
		return 0, u.err
	}
	return n, nil
}
