package intake

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/oversight/oversight/analysis/official"
)

// readCSV reads a CSV file: an official file (by its header, or as format
// says) is converted, a file of reference figures kept as such, and any
// other read as findings.
func readCSV(ctx context.Context, path string, idx int32, rep *FileReport, p *pool, format string, res *Result) error {
	rc, err := openText(ctx, path, rep)
	if err != nil {
		return err
	}
	defer rc.Close()
	r := csv.NewReader(rc)
	r.Comma = rc.comma
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
	return readCSVRows(ctx, path, r, rc, header, m, idx, p)
}

// readCSVRows reads a findings file's rows after its header, each a unit
// for the parser (or the reason it is rejected). A row that cannot be told
// apart from the next (a quote gone wrong across lines), or a header no
// row fits, refuses the whole file rather than read it short.
func readCSVRows(ctx context.Context, path string, r *csv.Reader, rc *textFile, header []string, m columnMap, idx int32, p *pool) error {
	rows, fit := 0, 0 // rows read, and those with the header's width
	for {
		rec, err := r.Read()
		if err == io.EOF {
			if rows > 0 && fit == 0 {
				// Not one row fits the header: the header is what is wrong
				// (a line break lost after it, a stray comma in it).
				return fmt.Errorf("%s: no row has the header's %d fields (%d rows read): is the first line the header, and does a line break end it?", path, m.width, rows)
			}
			return nil
		}
		var u unit
		var pe *csv.ParseError
		switch {
		case errors.As(err, &pe) && pe.Line > pe.StartLine:
			// A quote gone wrong across lines: the rows on them cannot be
			// told apart, so the file is not used rather than read short.
			return fmt.Errorf("%s: a quoted field opened on line %d is not closed properly (%v), so lines %d to %d would be read as one row; a quote is missing or extra there. No row of the file is used until it is fixed", path, pe.StartLine, pe.Err, pe.StartLine, pe.Line)
		case errors.As(err, &pe):
			u.line = int32(pe.StartLine)
			m.fill(rec, &u.raw)
			u.reason = fmt.Sprintf("not valid CSV: %v", pe.Err)
		case err != nil:
			return fmt.Errorf("read %s: %w", path, err)
		default:
			line, _ := r.FieldPos(0)
			u.line = int32(line)
			if blank(rec) {
				continue
			}
			if rc.checkRows {
				u.reason = badBytes(rec, header, rc.utf16)
			}
			m.fill(rec, &u.raw)
			if len(rec) != m.width && spans(r, rec) {
				return fmt.Errorf("%s: the row starting on line %d runs over several lines (a quoted field holds line breaks) and has %d fields where the header has %d: a quote is missing or extra there, so the rows on those lines cannot be told apart. No row of the file is used until it is fixed", path, line, len(rec), m.width)
			}
			rows++
			if len(rec) == m.width {
				fit++
			}
			if u.reason == "" && len(rec) != m.width {
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

// spans reports a record read from more than one line.
func spans(r *csv.Reader, rec []string) bool {
	first, _ := r.FieldPos(0)
	last, _ := r.FieldPos(len(rec) - 1)
	return last > first || strings.Contains(rec[len(rec)-1], "\n")
}

// badBytes rejects a row holding bytes that are not UTF-8 (in a UTF-16
// file, a lone surrogate), naming the column and the byte; the values are
// made printable (U+FFFD in place of each bad byte) for the reject list.
func badBytes(rec, header []string, fromUTF16 bool) string {
	reason := ""
	for j, v := range rec {
		i := badByte(v)
		if i < 0 {
			continue
		}
		if reason == "" {
			col := fmt.Sprintf("field %d", j+1)
			if j < len(header) && strings.TrimSpace(header[j]) != "" {
				col = strings.TrimSpace(header[j])
			}
			if fromUTF16 {
				reason = fmt.Sprintf("%s has a character that is not valid UTF-16 (a lone surrogate) at byte %d; the file is damaged: fix the value or save the file again", col, i+1)
			} else {
				reason = fmt.Sprintf("%s has the byte 0x%02X at byte %d, which is not UTF-8 (the rest of the file is UTF-8); fix the character, or save the file again as \"CSV UTF-8\"", col, v[i], i+1)
			}
		}
		rec[j] = strings.ToValidUTF8(v, "\uFFFD")
	}
	return reason
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
