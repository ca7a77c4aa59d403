package intake

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/oversight/oversight/analysis/official"
)

// summary is what one pass over a file tells before it is parsed.
type summary struct {
	sha256    string
	size      int64
	validUTF8 bool
}

// scan reads a file once for its checksum, size and whether it is valid
// UTF-8, without holding it in memory.
func scan(ctx context.Context, path string) (summary, error) {
	var sum summary
	f, err := openRegular(path)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	buf := make([]byte, 256<<10)
	var carry []byte // an incomplete rune at the end of the last chunk
	sum.validUTF8 = true
	for {
		n, rerr := f.Read(buf)
		if n > 0 {
			h.Write(buf[:n])
			sum.size += int64(n)
			if sum.validUTF8 {
				chunk := append(carry, buf[:n]...)
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
				sum.validUTF8 = utf8.Valid(chunk[:cut])
				carry = append(carry[:0], chunk[cut:]...)
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
		sum.validUTF8 = false
	}
	sum.sha256 = hex.EncodeToString(h.Sum(nil))
	return sum, nil
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
		return nil, fmt.Errorf("%s is %s, not a regular file", path, fileKind(info.Mode()))
	}
	return f, nil
}

// openText opens a text file for reading as UTF-8: the byte-order mark is
// dropped, and a file that is not valid UTF-8 is decoded as Windows-1252,
// what Excel on Windows saves as "CSV".
func openText(ctx context.Context, path string, rep *FileReport) (io.ReadCloser, error) {
	sum, err := scan(ctx, path)
	if err != nil {
		return nil, err
	}
	rep.SHA256, rep.Bytes = sum.sha256, sum.size
	valid := sum.validUTF8
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(f, 256<<10)
	bom, _ := br.Peek(3)
	hasBOM := len(bom) == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF
	if hasBOM {
		br.Discard(3)
	}
	var r io.Reader = br
	switch {
	case !valid:
		rep.Encoding = "windows-1252"
		rep.Notices = append(rep.Notices, "not valid UTF-8: read as Windows-1252 (Excel's \"CSV\" on Windows); save as \"CSV UTF-8\" to avoid this")
		r = charmap.Windows1252.NewDecoder().Reader(br)
	case hasBOM:
		rep.Encoding = "utf-8 with byte-order mark"
	default:
		rep.Encoding = "utf-8"
	}
	return struct {
		io.Reader
		io.Closer
	}{r, f}, nil
}

func readCSV(ctx context.Context, path string, idx int32, rep *FileReport, p *pool, format string, res *Result) error {
	rc, err := openText(ctx, path, rep)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer rc.Close()
	r := csv.NewReader(rc)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	header, err := r.Read()
	if err == io.EOF {
		return fmt.Errorf("%s is empty: it has no header row", path)
	}
	if err != nil {
		return fmt.Errorf("%s: header row: %w", path, err)
	}
	header = append([]string(nil), header...)
	if kind, ok := official.Detect(header); (ok && format == "") || (format != "" && format != "findings") {
		if format != "" {
			kind = official.Kind(format)
		}
		rc.Close()
		return readOfficial(ctx, path, idx, rep, p, kind)
	}
	if official.IsReferenceHeader(header) && format == "" {
		return readReferences(ctx, r, header, idx, rep, p, res)
	}
	m, ignored, err := mapHeader(header)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if len(ignored) > 0 {
		rep.Notices = append(rep.Notices, ignoredNotice(ignored))
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		var u unit
		var pe *csv.ParseError
		switch {
		case errors.As(err, &pe):
			u.line = int32(pe.StartLine)
			m.fill(rec, &u.raw)
			u.reason = fmt.Sprintf("not valid CSV: %v", pe.Err)
			if pe.Err == csv.ErrQuote {
				u.reason = fmt.Sprintf("a quoted field opened on line %d is never closed, so everything to line %d was read as one field; close the quote", pe.StartLine, pe.Line)
			}
		case err != nil:
			return fmt.Errorf("read %s: %w", path, err)
		default:
			line, _ := r.FieldPos(0)
			u.line = int32(line)
			if blank(rec) {
				continue
			}
			m.fill(rec, &u.raw)
			if len(rec) != m.width {
				u.reason = fmt.Sprintf("the row has %d fields but the header has %d; check for an extra or missing comma or an unquoted comma in a value", len(rec), m.width)
			}
		}
		if err := p.add(idx, u); err != nil {
			return err
		}
		if u.line%65536 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// blank reports a row with nothing in it: an empty line, or only commas.
func blank(rec []string) bool {
	for _, v := range rec {
		for i := 0; i < len(v); i++ {
			if c := v[i]; c != ' ' && c != '\t' && c != '\r' && c != '\n' {
				return false
			}
		}
	}
	return true
}
