package xlsx

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Reading a sheet's rows as a stream: each row's cells by column, with what
// each holds.

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
	inRow bool // between a row's start and end
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
	r.inRow = false
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
			if !r.startElement(t) {
				return false
			}
		case xml.CharData:
			r.charData(t)
		case xml.EndElement:
			row, ok := r.endElement(t)
			if !ok {
				return false
			}
			if row {
				return true
			}
		}
	}
}

// startElement starts a row, a cell, or a cell's value, formula or inline
// text; false when the sheet is damaged (Err says why).
func (r *Rows) startElement(t xml.StartElement) bool {
	switch t.Name.Local {
	case "row":
		if r.d.parent() != "sheetData" {
			return true
		}
		n := r.row + 1
		if v := attr(t, "r"); v != "" {
			var err error
			if n, err = strconv.Atoi(v); err != nil || n <= r.row || n > MaxRows {
				return r.fail("row number %q after row %d", v, r.row)
			}
		}
		r.row, r.maxCol, r.inRow = n, -1, true
	case "c":
		if !r.inRow || r.d.parent() != "row" {
			return true
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
	return true
}

// charData keeps the text of a cell's value, or of its inline string
// (not its phonetic runs), up to Options.MaxText.
func (r *Rows) charData(t xml.CharData) {
	cut := r.d.g.takeCut()
	switch {
	case r.inV && r.d.depthName() == "v":
	case r.inIS && r.d.depthName() == "t" && !r.d.has("rPh"):
	default:
		return
	}
	r.clong = keep(&r.cval, t, r.b.opt.MaxText) || r.clong || cut
}

// endElement ends a value, a cell (kept unless blank, after blanks up to
// its column) or a row; row is true when a row with cells has ended, ok
// false when the sheet is damaged (Err says why).
func (r *Rows) endElement(t xml.EndElement) (row, ok bool) {
	switch t.Name.Local {
	case "v":
		r.inV = false
	case "is":
		r.inIS = false
	case "c":
		if !r.inRow || r.d.parent() != "row" {
			return false, true
		}
		c, err := r.cell()
		if err != nil {
			return false, r.fail("cell %s: %v", cellName(r.col, r.row), err)
		}
		if c.Type != Blank {
			for len(r.cells) < r.col {
				r.cells = append(r.cells, Cell{})
			}
			r.cells = append(r.cells, c)
		}
	case "row":
		if !r.inRow || r.d.parent() != "sheetData" {
			return false, true
		}
		r.inRow = false
		return len(r.cells) > 0, true
	}
	return false, true
}

// cell is the cell just read, by its type: a number in plain decimal
// (and whether its style shows a percentage), a shared or inline string,
// TRUE or FALSE, an error code, a date; a formula saved without its value
// is Uncomputed.
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
