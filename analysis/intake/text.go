package intake

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"syscall"
	"unicode/utf8"

	"github.com/oversight/oversight/analysis/charset"
)

// summary is what one pass over a file tells before it is parsed.
type summary struct {
	sha256 string
	size   int64
	head   []byte // the first bytes, to tell what a file is
	enc    charset.Scan
}

// scan reads a file once for its checksum, size and encoding (the rules
// are package charset's, shared with extraction), without holding it in
// memory.
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
	for first := true; ; first = false {
		n, rerr := f.Read(buf)
		if n > 0 {
			h.Write(buf[:n])
			sum.size += int64(n)
			if first {
				sum.head = append([]byte(nil), buf[:min(n, 512)]...)
			}
			sum.enc.Write(buf[:n])
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
	sum.enc.Close()
	sum.sha256 = hex.EncodeToString(h.Sum(nil))
	return sum, nil
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
	enc := sum.enc.Encoding()
	rep.Encoding = enc.String()
	r := charset.NewReader(br, enc, sum.enc.BOM())
	switch enc {
	case charset.UTF16LE, charset.UTF16BE:
		t.checkRows, t.utf16 = true, true
	case charset.UTF8Damaged:
		t.checkRows = true
	case charset.Windows1252:
		rep.Notices = append(rep.Notices, "not valid UTF-8: read as Windows-1252 (Excel's \"CSV\" on Windows); save as \"CSV UTF-8\" to avoid this")
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
