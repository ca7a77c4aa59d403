package intake

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"syscall"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Byte-order marks a text file may start with.
const (
	bomNone = iota
	bomUTF8
	bomUTF16LE
	bomUTF16BE
)

// summary is what one pass over a file tells before it is parsed.
type summary struct {
	sha256 string
	size   int64
	head   []byte // the first bytes, to tell what a file is
	bom    int
	// UTF-8: invalid says some byte sequence is not UTF-8; multibyte that
	// some valid multi-byte character was seen (so the file is UTF-8, and
	// the invalid bytes are mistakes, not another encoding).
	invalid, multibyte bool
}

// scan reads a file once for its checksum, size, byte-order mark and how
// it holds as UTF-8, without holding it in memory.
func scan(ctx context.Context, path string) (summary, error) {
	var sum summary
	f, err := openRegular(path)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	var size int64
	if info, err := f.Stat(); err == nil {
		size = info.Size()
	}
	buf := make([]byte, bufferSize(size, 256<<10))
	var carry []byte // an incomplete rune at the end of the last chunk
	for first := true; ; first = false {
		n, rerr := f.Read(buf)
		if n > 0 {
			h.Write(buf[:n])
			sum.size += int64(n)
			if first {
				sum.head = append([]byte(nil), buf[:min(n, 512)]...)
				sum.bom = bomOf(buf[:n])
			}
			if !sum.invalid || !sum.multibyte {
				carry = sum.classify(append(carry, buf[:n]...))
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return sum, rerr
		}
		if err := ctx.Err(); err != nil {
			return sum, err
		}
	}
	if len(carry) > 0 {
		sum.invalid = true
	}
	sum.sha256 = hex.EncodeToString(h.Sum(nil))
	return sum, nil
}

func bomOf(b []byte) int {
	switch {
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		return bomUTF8
	case len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE:
		return bomUTF16LE
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		return bomUTF16BE
	}
	return bomNone
}

// classify notes what a chunk holds as UTF-8 and returns the bytes of a
// character cut at its end, to be classified with the next chunk.
func (s *summary) classify(chunk []byte) (carry []byte) {
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

// bufferSize is a read buffer for a file of size bytes: limit, or less for
// a smaller file, since a run may read thousands of small files and
// zeroing large buffers for each would cost more than reading them.
func bufferSize(size int64, limit int) int {
	return int(min(max(size+1, 4<<10), int64(limit)))
}

// openRegular opens a file to read, refusing anything but a regular file.
// O_NONBLOCK makes opening a FIFO (swapped in after the folder was listed)
// return at once instead of waiting for a writer that never comes.
func openRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s is %s, not a regular file", path, FileKind(info.Mode()))
	}
	return f, nil
}

// textFile is a text file opened for reading as UTF-8 with "\n" line
// endings, and what the reader must know about it.
type textFile struct {
	io.Reader
	f     *os.File
	comma rune // ',' or '\t'
	// checkRows: some bytes are not UTF-8 (or, in UTF-16, a lone surrogate,
	// passed on as the byte 0xFF): each row must be checked, and one that
	// holds them rejected.
	checkRows bool
	utf16     bool
}

func (t *textFile) Close() error { return t.f.Close() }

// openText opens a text file for reading as UTF-8. UTF-16 with a byte-order
// mark (Excel's "Unicode text") is decoded; a UTF-8 byte-order mark is
// dropped; a file that is not valid UTF-8 and has no valid multi-byte
// character is decoded as Windows-1252 (Excel's "CSV" on Windows), while
// one with both has its rows checked. Bare CR line endings (old Mac
// Excel) become line feeds, and a header with tabs and no commas makes the
// file tab-separated.
func openText(ctx context.Context, path string, rep *FileReport) (*textFile, error) {
	sum, err := scan(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	rep.SHA256, rep.Bytes = sum.sha256, sum.size
	if why := notText(sum.head, "CSV"); why != "" {
		return nil, fmt.Errorf("%s %s", path, why)
	}
	f, err := openRegular(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	t := &textFile{f: f, comma: ','}
	br := bufio.NewReaderSize(f, bufferSize(sum.size, 256<<10))
	var r io.Reader = br
	switch {
	case sum.bom == bomUTF16LE || sum.bom == bomUTF16BE:
		br.Discard(2)
		be := sum.bom == bomUTF16BE
		rep.Encoding = "utf-16le with byte-order mark"
		if be {
			rep.Encoding = "utf-16be with byte-order mark"
		}
		r = &utf16Reader{r: br, be: be}
		t.checkRows, t.utf16 = true, true
	case !sum.invalid && sum.bom == bomUTF8:
		br.Discard(3)
		rep.Encoding = "utf-8 with byte-order mark"
	case !sum.invalid:
		rep.Encoding = "utf-8"
	case sum.multibyte || sum.bom == bomUTF8:
		// Valid multi-byte characters (or a UTF-8 byte-order mark) say
		// the file is UTF-8: the bytes that are not are mistakes in their
		// rows, not a sign of another encoding.
		if sum.bom == bomUTF8 {
			br.Discard(3)
		}
		rep.Encoding = "utf-8"
		t.checkRows = true
	default:
		rep.Encoding = "windows-1252"
		rep.Notices = append(rep.Notices, "not valid UTF-8: read as Windows-1252 (Excel's \"CSV\" on Windows); save as \"CSV UTF-8\" to avoid this")
		r = charmap.Windows1252.NewDecoder().Reader(br)
	}
	// The header line says how lines end and what separates fields. The
	// buffer holds the first 64 KiB decoded, or the whole file (decoding
	// at most triples its size).
	pr := bufio.NewReaderSize(r, bufferSize(3*sum.size, 64<<10))
	head, _ := pr.Peek(64 << 10)
	line := head
	if i := bytes.IndexAny(head, "\r\n"); i >= 0 {
		line = head[:i]
		if head[i] == '\r' && (i+1 == len(head) || head[i+1] != '\n') {
			rep.Notices = append(rep.Notices, "lines end with a carriage return alone (old Mac Excel): read as lines")
			t.Reader = &crReader{r: pr}
		}
	}
	if t.Reader == nil {
		t.Reader = pr
	}
	if bytes.IndexByte(line, '\t') >= 0 && bytes.IndexByte(line, ',') < 0 {
		t.comma = '\t'
		rep.Notices = append(rep.Notices, "tab-separated (the header has tabs and no commas)")
	}
	return t, nil
}

// crReader turns every carriage return into a line feed: for files whose
// lines end with CR alone.
type crReader struct{ r io.Reader }

func (c *crReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := 0; i < n; i++ {
		if p[i] == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// utf16Reader decodes UTF-16 to UTF-8. A lone surrogate, or an odd byte
// at the end, becomes the byte 0xFF, which is never UTF-8, so the row that
// holds it is rejected rather than silently changed.
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
	if u.be {
		return rune(b[0])<<8 | rune(b[1]), nil
	}
	return rune(b[1])<<8 | rune(b[0]), nil
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.pending) < len(p) && len(u.pending) < 16<<10 && u.err == nil {
		c, err := u.unit()
		if err != nil {
			u.err = err
			break
		}
		switch {
		case c == oddByte:
			u.pending = append(u.pending, 0xFF)
		case c >= 0xD800 && c < 0xDC00: // high surrogate: needs a low one
			c2, err := u.unit()
			if err == nil && c2 >= 0xDC00 && c2 <= 0xDFFF {
				u.pending = utf8.AppendRune(u.pending, utf16.DecodeRune(c, c2))
				continue
			}
			u.pending = append(u.pending, 0xFF)
			if err != nil {
				u.err = err
			} else {
				u.held, u.hasHeld = c2, true
			}
		case c >= 0xDC00 && c <= 0xDFFF: // a low surrogate alone
			u.pending = append(u.pending, 0xFF)
		default:
			u.pending = utf8.AppendRune(u.pending, c)
		}
	}
	n := copy(p, u.pending)
	u.pending = u.pending[n:]
	if n == 0 && u.err != nil {
		return 0, u.err
	}
	return n, nil
}

// badByte finds the first byte of s that is not UTF-8: its offset, or -1.
func badByte(s string) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}
