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
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
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

// CellType is what a cell holds.
type CellType uint8

// Cell types.
const (
	Blank CellType = iota
	Number
	Text
	Bool
	Error      // an Excel error such as #NAME? or #DIV/0!
	Uncomputed // a formula saved without its result
)

// Cell is one cell's value as stored.
type Cell struct {
	Value   string // numbers in plain decimal, TRUE/FALSE, the error code
	Type    CellType
	Percent bool // a number shown as a percentage
	Long    bool // text longer than Options.MaxText, cut there
}

// Rows streams a sheet's rows.
type Rows struct {
	b     *Book
	sheet Sheet
	rc    io.ReadCloser
	d     *decoder
	row   int
	cells []Cell
	err   error
	done  bool
	// the cell being read
	col, maxCol     int
	ctype, cstyle   string
	cval            strings.Builder
	clong, formula  bool
	hasV, inV, inIS bool
}

// MaxRows and MaxCols are Excel's sheet size.
const (
	MaxRows = 1 << 20
	MaxCols = 1 << 14
)

// Rows opens a sheet for reading.
func (b *Book) Rows(s Sheet) (*Rows, error) {
	if s.Chart {
		return nil, fmt.Errorf("sheet %q is a chart, not a table of cells", s.Name)
	}
	f := b.files[strings.ToLower(s.Part)]
	if f == nil {
		return nil, damaged(s.Part, "is missing, though the workbook lists sheet %q", s.Name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &DamagedError{Part: s.Part, Err: err}
	}
	r := &Rows{b: b, sheet: s, rc: rc, d: newDecoder(b.ctx, rc, f.UncompressedSize64, b.opt.MaxText)}
	return r, nil
}

// Close releases the part.
func (r *Rows) Close() error { return r.rc.Close() }

// Row is the current row's number on the sheet (1-based).
func (r *Rows) Row() int { return r.row }

// Cells are the current row's cells by column (0 is A), up to the last
// one written.
func (r *Rows) Cells() []Cell { return r.cells }

// Err is why reading stopped early, or nil at the end of the sheet.
func (r *Rows) Err() error { return r.err }

func (r *Rows) fail(format string, args ...any) bool {
	r.err = &DamagedError{Part: r.sheet.Part, Err: fmt.Errorf(format, args...)}
	r.done = true
	return false
}

// Next reads the next row with any cells. At the end of the sheet it reads
// the rest of the part, so its checksum is checked before Next reports the
// end.
func (r *Rows) Next() bool {
	if r.done {
		return false
	}
	r.cells = r.cells[:0]
	inRow := false
	for {
		tok, err := r.d.token()
		if err == io.EOF {
			r.done = true
			if !r.d.closed {
				r.err = &DamagedError{Part: r.sheet.Part, Err: io.ErrUnexpectedEOF}
			}
			return false
		}
		if err != nil {
			r.err = &DamagedError{Part: r.sheet.Part, Err: err}
			r.done = true
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				if r.d.parent() != "sheetData" {
					continue
				}
				n := r.row + 1
				if v := attr(t, "r"); v != "" {
					var err error
					if n, err = strconv.Atoi(v); err != nil || n <= r.row || n > MaxRows {
						return r.fail("row number %q after row %d", v, r.row)
					}
				}
				r.row, r.maxCol, inRow = n, -1, true
			case "c":
				if !inRow || r.d.parent() != "row" {
					continue
				}
				col := r.maxCol + 1
				if ref := attr(t, "r"); ref != "" {
					c, row, ok := parseRef(ref)
					if !ok || row != r.row || c <= r.maxCol {
						return r.fail("cell %q out of place in row %d", ref, r.row)
					}
					col = c
				}
				if col >= MaxCols {
					return r.fail("row %d has more than %d columns", r.row, MaxCols)
				}
				r.col, r.maxCol = col, col
				r.ctype, r.cstyle = attr(t, "t"), attr(t, "s")
				r.cval.Reset()
				r.clong, r.formula, r.hasV = false, false, false
			case "v":
				if r.d.parent() == "c" {
					r.inV, r.hasV = true, true
				}
			case "f":
				if r.d.parent() == "c" {
					r.formula = true
				}
			case "is":
				if r.d.parent() == "c" {
					r.inIS, r.hasV = true, true
				}
			}
		case xml.CharData:
			cut := r.d.g.takeCut()
			switch {
			case r.inV && r.d.depthName() == "v":
			case r.inIS && r.d.depthName() == "t" && !r.d.has("rPh"):
			default:
				continue
			}
			r.clong = keep(&r.cval, t, r.b.opt.MaxText) || r.clong || cut
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				r.inV = false
			case "is":
				r.inIS = false
			case "c":
				if !inRow || r.d.parent() != "row" {
					continue
				}
				c, err := r.cell()
				if err != nil {
					return r.fail("cell %s: %v", cellName(r.col, r.row), err)
				}
				if c.Type != Blank {
					for len(r.cells) < r.col {
						r.cells = append(r.cells, Cell{})
					}
					r.cells = append(r.cells, c)
				}
			case "row":
				if !inRow || r.d.parent() != "sheetData" {
					continue
				}
				inRow = false
				if len(r.cells) > 0 {
					return true
				}
			}
		}
	}
}

func (r *Rows) cell() (Cell, error) {
	v := r.cval.String()
	c := Cell{Value: v, Long: r.clong}
	if !r.hasV {
		if r.formula {
			c.Type = Uncomputed
		}
		return c, nil
	}
	switch r.ctype {
	case "", "n":
		if strings.TrimSpace(v) == "" {
			return c, nil
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return c, fmt.Errorf("number %q is not a number", short(v))
		}
		c.Type, c.Value = Number, plain(strings.TrimSpace(v), f)
		if s, err := strconv.Atoi(r.cstyle); err == nil && s >= 0 && s < len(r.b.percent) {
			c.Percent = r.b.percent[s]
		} else if r.cstyle != "" && err == nil && s >= len(r.b.percent) && len(r.b.percent) > 0 {
			return c, fmt.Errorf("style %d does not exist (the workbook has %d)", s, len(r.b.percent))
		}
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return c, fmt.Errorf("shared string index %q is not a number", short(v))
		}
		s, long, ok := r.b.shared(i)
		if !ok {
			return c, fmt.Errorf("refers to shared string %d, but the workbook has %d", i, len(r.b.strs))
		}
		c.Type, c.Value, c.Long = Text, s, long
	case "str", "inlineStr":
		c.Type, c.Value = Text, unescape(v)
	case "b":
		switch strings.TrimSpace(v) {
		case "1", "true":
			c.Type, c.Value = Bool, "TRUE"
		case "0", "false":
			c.Type, c.Value = Bool, "FALSE"
		default:
			return c, fmt.Errorf("boolean %q is neither 0 nor 1", short(v))
		}
	case "e":
		c.Type, c.Value = Error, strings.TrimSpace(v)
	case "d":
		c.Type, c.Value = Text, isoDate(strings.TrimSpace(v))
	default:
		return c, fmt.Errorf("unknown cell type %q", short(r.ctype))
	}
	if c.Value == "" && c.Type == Text {
		c.Type = Blank
	}
	return c, nil
}

// plain writes a number without an exponent (Excel stores 0.015 as
// 1.4999999999999999E-2), otherwise as stored.
func plain(s string, f float64) string {
	if !strings.ContainsAny(s, "eE") {
		return s
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// isoDate keeps the date of an ISO 8601 date-time at midnight (cells of
// type d); other times stay as written.
func isoDate(s string) string {
	if len(s) > 10 && s[10] == 'T' {
		rest := strings.TrimRight(strings.TrimSuffix(s[11:], "Z"), "0")
		if rest == "" || rest == "00:00:00." || rest == "00:00:" || strings.Trim(rest, "0:.") == "" {
			return s[:10]
		}
	}
	return s
}

func short(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// parseRef splits a cell reference such as "AB12" into column (0-based)
// and row.
func parseRef(ref string) (col, row int, ok bool) {
	i := 0
	col = 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
		if col > MaxCols {
			return 0, 0, false
		}
	}
	if i == 0 || i == len(ref) {
		return 0, 0, false
	}
	row, err := strconv.Atoi(ref[i:])
	if err != nil || row < 1 || ref[i] == '+' || ref[i] == '-' {
		return 0, 0, false
	}
	return col - 1, row, true
}

func cellName(col, row int) string {
	var name []byte
	for c := col + 1; c > 0; c = (c - 1) / 26 {
		name = append([]byte{byte('A' + (c-1)%26)}, name...)
	}
	return string(name) + strconv.Itoa(row)
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// walk reads a whole part, calling start for each element and end for each
// end tag.
func (b *Book) walk(part string, start func(*decoder, xml.StartElement) error, end func(*decoder, string)) error {
	return b.walkText(part, start, end, nil)
}

func (b *Book) walkText(part string, start func(*decoder, xml.StartElement) error, end func(*decoder, string), text func(*decoder, []byte, bool)) error {
	f := b.files[strings.ToLower(part)]
	rc, err := f.Open()
	if err != nil {
		return &DamagedError{Part: part, Err: err}
	}
	defer rc.Close()
	d := newDecoder(b.ctx, rc, f.UncompressedSize64, b.opt.MaxText)
	for {
		tok, err := d.token()
		if err == io.EOF {
			if !d.closed {
				return &DamagedError{Part: part, Err: io.ErrUnexpectedEOF}
			}
			return nil
		}
		if err != nil {
			if b.ctx.Err() != nil {
				return b.ctx.Err()
			}
			return &DamagedError{Part: part, Err: err}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if start != nil {
				if err := start(d, t); err != nil {
					return &DamagedError{Part: part, Err: err}
				}
			}
		case xml.EndElement:
			if end != nil {
				end(d, t.Name.Local)
			}
		case xml.CharData:
			cut := d.g.takeCut()
			if text != nil {
				text(d, t, cut)
			}
		}
	}
}

// decoder is encoding/xml's raw tokenizer with the element stack kept here:
// end tags must match their start (what Token checks, without its
// namespace bookkeeping), and one root element only.
type decoder struct {
	x      *xml.Decoder
	g      *guard
	stack  []string
	closed bool // the root element has ended
	saw    bool // the root element has started
	pop    bool // the last token ended an element still on the stack
}

func newDecoder(ctx context.Context, r io.Reader, size uint64, max int) *decoder {
	g := newGuard(ctx, r, size, max)
	x := xml.NewDecoder(g)
	x.Strict = true
	return &decoder{x: x, g: g}
}

// token returns the next start, end or text token; at the end of the part
// it returns io.EOF once every byte has been read (so the zip checksum has
// been checked).
func (d *decoder) token() (xml.Token, error) {
	if d.pop {
		d.stack = d.stack[:len(d.stack)-1]
		d.pop = false
	}
	for {
		tok, err := d.x.RawToken()
		if err != nil {
			if err == io.EOF && len(d.stack) > 0 {
				return nil, io.ErrUnexpectedEOF
			}
			if d.g.ctx.Err() != nil {
				return nil, d.g.ctx.Err()
			}
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if d.closed || (d.saw && len(d.stack) == 0) {
				return nil, d.syntax("more than one root element")
			}
			d.saw = true
			d.stack = append(d.stack, qname(t.Name))
			return t, nil
		case xml.EndElement:
			if len(d.stack) == 0 || d.stack[len(d.stack)-1] != qname(t.Name) {
				return nil, d.syntax(fmt.Sprintf("end tag </%s> does not close the open element", qname(t.Name)))
			}
			// The caller sees the stack as it was inside the element; it
			// is popped on the next call.
			d.pop = true
			if len(d.stack) == 1 {
				d.closed = true
			}
			return t, nil
		case xml.CharData:
			if len(d.stack) == 0 {
				if len(bytes.TrimSpace(t)) > 0 {
					return nil, d.syntax("text outside the root element")
				}
				continue
			}
			return t, nil
		}
	}
}

func (d *decoder) syntax(msg string) error {
	line, _ := d.x.InputPos()
	return &xml.SyntaxError{Msg: msg, Line: line}
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

func local(q string) string {
	if i := strings.IndexByte(q, ':'); i >= 0 {
		return q[i+1:]
	}
	return q
}

// depth is how many elements are open, the current one included.
func (d *decoder) depth() int { return len(d.stack) }

// depthName is the local name of the innermost open element.
func (d *decoder) depthName() string {
	if len(d.stack) == 0 {
		return ""
	}
	return local(d.stack[len(d.stack)-1])
}

// parent is the local name of the element enclosing the current start tag
// (or, for text, the element the text is in).
func (d *decoder) parent() string {
	if len(d.stack) < 2 {
		return ""
	}
	return local(d.stack[len(d.stack)-2])
}

// has reports whether an element of that local name is open.
func (d *decoder) has(name string) bool {
	for _, s := range d.stack {
		if local(s) == name {
			return true
		}
	}
	return false
}
