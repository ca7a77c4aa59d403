// Package xlsx reads the cells of one sheet of an .xlsx workbook as a stream,
// strictly: every part it reads is checked whole (zip checksum and size, XML
// syntax, references between parts), so a damaged workbook is an error, never
// fewer or different rows. Cell types are kept (numbers, text, TRUE/FALSE,
// Excel errors), numbers as written, and the text of any one cell or shared
// string is cut at a limit as it is read, so a hostile file cannot make it
// hold more than that.
package xlsx

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// Options bound what a workbook may cost.
type Options struct {
	// MaxUnzipped caps the total size of the parts as the zip directory
	// declares them (each part is checked against its declared size as it
	// is read).
	MaxUnzipped int64
	// MaxText is the most bytes kept of one cell's or shared string's
	// text; longer text is cut there and marked Long.
	MaxText int
}

// DamagedError is a workbook that cannot be read whole.
type DamagedError struct {
	Part string // the zip entry, or "" for the archive itself
	Err  error
}

func (e *DamagedError) Error() string {
	if e.Part == "" {
		return e.Err.Error()
	}
	return fmt.Sprintf("part %s %s", e.Part, explain(e.Err))
}

func (e *DamagedError) Unwrap() error { return e.Err }

func explain(err error) string {
	switch {
	case errors.Is(err, zip.ErrChecksum):
		return "fails its checksum: its bytes were changed after it was written"
	case errors.Is(err, zip.ErrFormat):
		return "does not match its size in the zip directory, or the archive's structure is broken"
	case errors.Is(err, zip.ErrAlgorithm):
		return "is compressed in a way .xlsx files never are"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "is cut short"
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("is not well-formed XML (line %d: %s)", se.Line, se.Msg)
	}
	return err.Error()
}

func damaged(part string, format string, args ...any) error {
	return &DamagedError{Part: part, Err: fmt.Errorf(format, args...)}
}

// Sheet is one sheet as the workbook lists it.
type Sheet struct {
	Name  string
	Part  string // zip entry of its XML
	Chart bool   // a chartsheet: no cells
}

// Book is an open workbook: its sheets, shared strings and the number
// formats that matter (percentages).
type Book struct {
	ctx      context.Context
	opt      Options
	files    map[string]*zip.File
	Sheets   []Sheet
	Date1904 bool // serial dates count from 1904, not 1900
	strs     []string
	strLong  []bool
	percent  []bool // by cell style index
}

// Open reads the workbook's structure, shared strings and styles.
func Open(ctx context.Context, r io.ReaderAt, size int64, opt Options) (*Book, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, &NotZipError{Err: err}
	}
	b := &Book{ctx: ctx, opt: opt, files: map[string]*zip.File{}}
	var total uint64
	for _, f := range zr.File {
		name := strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/")
		key := strings.ToLower(name)
		if _, dup := b.files[key]; dup {
			return nil, damaged(name, "appears twice in the archive")
		}
		b.files[key] = f
		total += f.UncompressedSize64
		if opt.MaxUnzipped > 0 && total > uint64(opt.MaxUnzipped) {
			return nil, &SizeError{Limit: opt.MaxUnzipped}
		}
	}
	wbPart := "xl/workbook.xml"
	if rels, err := b.rels("_rels/.rels", ""); err != nil {
		return nil, err
	} else if rels != nil {
		for _, rel := range rels {
			if strings.HasSuffix(rel.typ, "/officeDocument") {
				wbPart = rel.target
			}
		}
	}
	if err := b.readWorkbook(wbPart); err != nil {
		return nil, err
	}
	return b, nil
}

// NotZipError is a file that is not a zip archive at all.
type NotZipError struct{ Err error }

func (e *NotZipError) Error() string {
	return fmt.Sprintf("not a zip archive, so not an .xlsx workbook (%v)", e.Err)
}

func (e *NotZipError) Unwrap() error { return e.Err }

// SizeError is a workbook larger than Options.MaxUnzipped unzipped.
type SizeError struct{ Limit int64 }

func (e *SizeError) Error() string {
	return fmt.Sprintf("unzipped it would be larger than the size limit of %d MiB", e.Limit>>20)
}

type rel struct{ id, typ, target string }

// rels reads a relationships part; a missing one is nil (only the
// workbook's own is required, and the caller says so).
func (b *Book) rels(part, base string) ([]rel, error) {
	if b.files[strings.ToLower(part)] == nil {
		return nil, nil
	}
	var out []rel
	err := b.walk(part, func(d *decoder, t xml.StartElement) error {
		if t.Name.Local != "Relationship" || d.depth() != 2 {
			return nil
		}
		r := rel{id: attr(t, "Id"), typ: attr(t, "Type"), target: attr(t, "Target")}
		if attr(t, "TargetMode") == "External" {
			return nil
		}
		if strings.HasPrefix(r.target, "/") {
			r.target = path.Clean(strings.TrimPrefix(r.target, "/"))
		} else {
			r.target = path.Clean(path.Join(base, r.target))
		}
		out = append(out, r)
		return nil
	}, nil)
	if out == nil {
		out = []rel{}
	}
	return out, err
}

func (b *Book) readWorkbook(part string) error {
	if b.files[strings.ToLower(part)] == nil {
		return damaged(part, "is missing: a workbook has one")
	}
	dir := path.Dir(part)
	relsPart := path.Join(dir, "_rels", path.Base(part)+".rels")
	rels, err := b.rels(relsPart, dir)
	if err != nil {
		return err
	}
	if rels == nil {
		return damaged(relsPart, "is missing: without it no sheet can be found")
	}
	byID := map[string]rel{}
	var sstPart, stylesPart string
	for _, r := range rels {
		byID[r.id] = r
		switch {
		case strings.HasSuffix(r.typ, "/sharedStrings"):
			sstPart = r.target
		case strings.HasSuffix(r.typ, "/styles"):
			stylesPart = r.target
		}
	}
	err = b.walk(part, func(d *decoder, t xml.StartElement) error {
		switch t.Name.Local {
		case "workbookPr":
			v := attr(t, "date1904")
			b.Date1904 = v == "1" || v == "true"
		case "sheet":
			id := ""
			for _, a := range t.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" {
					id = a.Value
				}
			}
			r, ok := byID[id]
			if !ok {
				return fmt.Errorf("sheet %q refers to relationship %q, which %s does not have", attr(t, "name"), id, relsPart)
			}
			b.Sheets = append(b.Sheets, Sheet{Name: attr(t, "name"), Part: r.target, Chart: strings.HasSuffix(r.typ, "/chartsheet")})
		}
		return nil
	}, nil)
	if err != nil {
		return err
	}
	if stylesPart != "" {
		if err := b.readStyles(stylesPart); err != nil {
			return err
		}
	}
	if sstPart != "" {
		if err := b.readSharedStrings(sstPart); err != nil {
			return err
		}
	}
	return nil
}

// readStyles finds which cell styles show numbers as percentages.
func (b *Book) readStyles(part string) error {
	if b.files[strings.ToLower(part)] == nil {
		return damaged(part, "is missing, though the workbook lists it")
	}
	custom := map[int]bool{}
	inXfs := false
	return b.walk(part, func(d *decoder, t xml.StartElement) error {
		switch t.Name.Local {
		case "numFmt":
			id, err := strconv.Atoi(attr(t, "numFmtId"))
			if err != nil {
				return fmt.Errorf("numFmt has no number id")
			}
			custom[id] = percentFormat(attr(t, "formatCode"))
		case "cellXfs":
			inXfs = true
		case "xf":
			if inXfs && d.parent() == "cellXfs" {
				id, _ := strconv.Atoi(attr(t, "numFmtId"))
				p, ok := custom[id]
				if !ok {
					p = id == 9 || id == 10 // the built-in 0% and 0.00%
				}
				b.percent = append(b.percent, p)
			}
		}
		return nil
	}, func(d *decoder, name string) {
		if name == "cellXfs" {
			inXfs = false
		}
	})
}

// percentFormat reports whether a number format code shows a percentage: a
// % sign outside quoted text, escapes and [brackets].
func percentFormat(code string) bool {
	quoted, bracket := false, false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\' || c == '_' || c == '*':
			i++
		case c == '[':
			bracket = true
		case c == ']':
			bracket = false
		case c == '%' && !bracket:
			return true
		}
	}
	return false
}

func (b *Book) readSharedStrings(part string) error {
	if b.files[strings.ToLower(part)] == nil {
		return damaged(part, "is missing, though the workbook lists it")
	}
	var text strings.Builder
	long, in := false, false
	return b.walkText(part, func(d *decoder, t xml.StartElement) error {
		if t.Name.Local == "si" {
			text.Reset()
			long, in = false, true
		}
		return nil
	}, func(d *decoder, name string) {
		if name == "si" && in {
			b.strs = append(b.strs, unescape(text.String()))
			b.strLong = append(b.strLong, long)
			in = false
		}
	}, func(d *decoder, s []byte, cut bool) {
		if !in || d.depthName() != "t" || d.has("rPh") {
			return
		}
		long = keep(&text, s, b.opt.MaxText) || long || cut
	})
}

// keep appends s to text up to max bytes (cut at a character boundary) and
// reports whether anything was left out.
func keep(text *strings.Builder, s []byte, max int) bool {
	room := max - text.Len()
	if max <= 0 || len(s) <= room {
		text.Write(s)
		return false
	}
	if room > 0 {
		n := room
		for n > 0 && s[n]&0xC0 == 0x80 {
			n--
		}
		text.Write(s[:n])
	}
	return true
}

// unescape decodes the _xHHHH_ escapes Excel writes for characters XML
// cannot hold; _x005F_ is a literal underscore.
func unescape(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var out strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if v, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				out.WriteRune(rune(v))
				i += 7
				continue
			}
		}
		out.WriteByte(s[i])
		i++
	}
	return out.String()
}

// Shared returns shared string i and whether it was cut.
func (b *Book) shared(i int) (string, bool, bool) {
	if i < 0 || i >= len(b.strs) {
		return "", false, false
	}
	return b.strs[i], b.strLong[i], true
}
