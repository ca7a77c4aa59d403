// Package bigsheet writes the worksheet XML of a large table for an .xlsx
// package, fast: rows are rendered on every core in chunks (8,192 rows
// unless told otherwise), each chunk is deflated on its own and ended with
// a sync flush (so the pieces concatenate into one valid deflate stream),
// their CRC-32s are combined with zlib's crc32_combine, and the result goes
// into the zip as a raw entry. The bytes depend only on the table, the
// layout and the chunk size, never on the number of cores.
//
// Why: excelize's StreamWriter spends about 7 µs a row escaping, trimming
// and allocating per cell, on one core. Measured on the project's machine
// (2 cores) for a million findings of 14 columns: StreamWriter.SetRow 7.2 s,
// then SaveAs 1.6-4.0 s more; with this package the whole workbook stage of
// the report for 1.1 million findings went from 16.2 s to 2.8 s wall
// (docs/performance.md). Below about 50,000 rows the StreamWriter is fast
// enough, and the workbook package decides where the line is.
//
// The package knows SpreadsheetML, not the workbook: the caller lays out
// the rows above the data (titles, the header), gives each cell its style
// ID, and adds what only the package knows (the reference to the sheet's
// table part) when the entry is written.
package bigsheet

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"

	"github.com/oversight/oversight/outputs/parallel"
	"github.com/oversight/oversight/outputs/table"
)

// MaxSheetRows is the most rows a worksheet holds.
const MaxSheetRows = 1048576

// Cell is a cell with its style ID.
type Cell struct {
	table.Cell
	Style int
}

// Row is a row laid out by the caller above the table's data.
type Row struct {
	Cells  []Cell  // from column A; a blank cell writes nothing
	Height float64 // points; 0 = the default height
}

// Layout is everything in the sheet but the data rows.
type Layout struct {
	Widths    []float64 // column widths in characters, from column A
	Top       []Row     // rows 1 to len(Top), before the data
	Landscape bool
	// Style gives the style ID of a data cell in column j (from 0).
	Style func(j int, c *table.Cell) int
	// Height, when given, is each data row's height in points (0: the
	// default), for rows of wrapped text.
	Height func(cells []table.Cell) float64
}

// Sheet is a worksheet rendered and deflated, waiting for its ending.
type Sheet struct {
	pieces    []chunk
	tailStart string // after the data, before what WriteEntry adds
	tailEnd   string
	dimension string
	codes     table.CodeSet // found in the data
}

// Dimension is the sheet's used range, as its <dimension> says.
func (s *Sheet) Dimension() string { return s.dimension }

// Codes are the shorthand codes the data holds.
func (s *Sheet) Codes() table.CodeSet { return s.codes }

// DefaultChunkRows balances parallelism against the deflate ratio: each
// chunk starts with an empty dictionary.
const DefaultChunkRows = 8192

// Options are how Render works. The bytes depend on ChunkRows, never on
// Workers.
type Options struct {
	Workers   int // goroutines rendering chunks
	ChunkRows int // rows rendered and deflated as one piece (0 = DefaultChunkRows)
}

// Render renders rows [start, end) of t under l's top rows.
func Render(ctx context.Context, t table.Table, start, end int, l *Layout, o Options) (*Sheet, error) {
	workers, rowsPerChunk := o.Workers, o.ChunkRows
	if rowsPerChunk <= 0 {
		rowsPerChunk = DefaultChunkRows
	}
	cols := t.Columns()
	first := len(l.Top) + 1 // the row number of the table's row start
	lastRow := len(l.Top) + end - start
	if lastRow > MaxSheetRows {
		return nil, fmt.Errorf("%d rows do not fit in a worksheet (at most %d)", lastRow, MaxSheetRows)
	}
	lastCol := max(len(cols), len(l.Widths), 1)
	for _, r := range l.Top {
		lastCol = max(lastCol, len(r.Cells))
	}
	refs := make([]string, lastCol)
	for j := range refs {
		refs[j] = ColumnName(j + 1)
	}
	s := &Sheet{dimension: "A1:" + refs[lastCol-1] + strconv.Itoa(max(lastRow, 1))}

	var head bytes.Buffer
	head.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	head.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	head.WriteString(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`)
	fmt.Fprintf(&head, `<dimension ref="%s"/>`, s.dimension)
	head.WriteString(`<sheetViews><sheetView workbookViewId="0">`)
	head.WriteString(`</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`)
	if len(l.Widths) > 0 {
		head.WriteString(`<cols>`)
		for j, w := range l.Widths {
			fmt.Fprintf(&head, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, j+1, j+1, strconv.FormatFloat(w, 'f', -1, 64))
		}
		head.WriteString(`</cols>`)
	}
	head.WriteString(`<sheetData>`)
	for i, r := range l.Top {
		row := i + 1
		fmt.Fprintf(&head, `<row r="%d"`, row)
		if r.Height > 0 {
			fmt.Fprintf(&head, ` ht="%s" customHeight="1"`, strconv.FormatFloat(r.Height, 'f', -1, 64))
		}
		head.WriteByte('>')
		for j := range r.Cells {
			if c := &r.Cells[j]; !c.Blank || c.Code != table.NoCode {
				writeCell(&head, refs[j], row, &c.Cell, c.Style)
			}
		}
		head.WriteString(`</row>`)
	}

	var tail strings.Builder
	tail.WriteString(`</sheetData>`)
	tail.WriteString(`<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`)
	orientation := "portrait"
	if l.Landscape {
		orientation = "landscape"
	}
	fmt.Fprintf(&tail, `<pageSetup paperSize="9" orientation="%s" fitToWidth="1" fitToHeight="0"/>`, orientation)
	s.tailStart = tail.String()
	s.tailEnd = `</worksheet>`

	nChunks := (end - start + rowsPerChunk - 1) / rowsPerChunk
	s.pieces = make([]chunk, nChunks+1)
	var err error
	if s.pieces[0], err = deflateChunk(head.Bytes(), false, flate.BestSpeed); err != nil {
		return nil, err
	}
	type piece struct {
		c     chunk
		codes table.CodeSet
	}
	// Each piece's XML is several megabytes: keep one buffer per worker
	// (a sync.Pool would be emptied by every collection, and growing a new
	// buffer each time costs more than rendering into it).
	free := make(chan *work, max(workers, 1))
	err = parallel.Ordered(ctx, nChunks, workers, func(ctx context.Context, k int) (piece, error) {
		var w *work
		select {
		case w = <-free:
		default:
			w = &work{cells: make([]table.Cell, len(cols))}
		}
		defer func() {
			select {
			case free <- w:
			default:
			}
		}()
		buf, cells := &w.buf, w.cells
		buf.Reset()
		var codes table.CodeSet
		lo := start + k*rowsPerChunk
		hi := min(end, lo+rowsPerChunk)
		var num [20]byte
		for i := lo; i < hi; i++ {
			t.Row(i, cells)
			row := i - start + first
			buf.WriteString(`<row r="`)
			buf.Write(strconv.AppendInt(num[:0], int64(row), 10))
			if l.Height != nil {
				if h := l.Height(cells); h > 0 {
					buf.WriteString(`" ht="`)
					buf.Write(strconv.AppendFloat(num[:0], h, 'f', -1, 64))
					buf.WriteString(`" customHeight="1`)
				}
			}
			buf.WriteString(`">`)
			for j := range cells {
				c := &cells[j]
				if c.Code != table.NoCode {
					codes.Add(c.Code)
				} else if c.Blank {
					continue
				}
				writeCell(buf, refs[j], row, c, l.Style(j, c))
			}
			buf.WriteString(`</row>`)
		}
		c, err := deflateChunk(buf.Bytes(), false, flate.BestSpeed)
		return piece{c, codes}, err
	}, func(k int, p piece) error {
		s.pieces[k+1] = p.c
		s.codes |= p.codes
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// work is a worker's buffer and row.
type work struct {
	buf   bytes.Buffer
	cells []table.Cell
}

// WriteEntry writes the sheet into zw as the entry name, with extra (XML
// elements that belong after the page set-up, such as <tableParts>) before
// its end. Only the ending is compressed here; the rest is copied as it
// was deflated.
func (s *Sheet) WriteEntry(zw *zip.Writer, name, extra string) error {
	end, err := deflateChunk([]byte(s.tailStart+extra+s.tailEnd), true, flate.BestSpeed)
	if err != nil {
		return err
	}
	pieces := append(s.pieces[:len(s.pieces):len(s.pieces)], end)
	hdr := &zip.FileHeader{Name: name, Method: zip.Deflate}
	for i, c := range pieces {
		if i == 0 {
			hdr.CRC32 = c.crc
		} else {
			hdr.CRC32 = crc32Combine(hdr.CRC32, c.crc, c.size)
		}
		hdr.UncompressedSize64 += uint64(c.size)
		hdr.CompressedSize64 += uint64(len(c.data))
	}
	dst, err := zw.CreateRaw(hdr)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for _, c := range pieces {
		if _, err := dst.Write(c.data); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// ColumnName is a column's letters: 1 -> A, 27 -> AA.
func ColumnName(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// Number is the number a cell stores, if it stores one: percentages as
// fractions (25 is stored as 0.25 under a % format), dates as Excel serial
// numbers. Shorthand codes and blank cells store none.
func Number(c *table.Cell) (float64, bool) {
	if c.Code != table.NoCode || c.Blank {
		return 0, false
	}
	switch c.Kind {
	case table.Integer, table.Number, table.Points:
		return c.Num, true
	case table.Percent:
		return c.Num / 100, true
	case table.Date:
		return c.Date.Day.ExcelSerial(), true
	}
	return 0, false
}

// Text is the text a cell stores when it stores no number: its shorthand
// code, or its text made storable by SafeText.
func Text(c *table.Cell) string {
	if c.Code != table.NoCode {
		return c.Code.String()
	}
	return SafeText(c.Text)
}

// writeCell writes one cell as excelize's StreamWriter would: numbers in
// <v>, text as an inline string (never a formula).
func writeCell(buf *bytes.Buffer, col string, row int, c *table.Cell, style int) {
	var num [32]byte
	buf.WriteString(`<c r="`)
	buf.WriteString(col)
	buf.Write(strconv.AppendInt(num[:0], int64(row), 10))
	buf.WriteString(`" s="`)
	buf.Write(strconv.AppendInt(num[:0], int64(style), 10))
	if v, ok := Number(c); ok {
		buf.WriteString(`"><v>`)
		buf.Write(strconv.AppendFloat(num[:0], v, 'f', -1, 64))
		buf.WriteString(`</v></c>`)
		return
	}
	text := Text(c)
	buf.WriteString(`" t="inlineStr"><is><t`)
	if text != strings.TrimSpace(text) {
		buf.WriteString(` xml:space="preserve"`)
	}
	buf.WriteByte('>')
	escapeText(buf, text)
	buf.WriteString(`</t></is></c>`)
}

func escapeText(buf *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\r':
			esc = "&#xD;" // a bare CR would be read back as a line feed
		default:
			continue
		}
		buf.WriteString(s[last:i])
		buf.WriteString(esc)
		last = i + 1
	}
	buf.WriteString(s[last:])
}

// maxCell is the longest text a cell holds.
const maxCell = 32767

// SafeText makes text storable in a cell: characters XML cannot carry are
// shown as U+FFFD, and text beyond a cell's limit is cut with a marker.
// (Such text only reaches a workbook in the Rejects sheet, where the CSV
// keeps the original.)
func SafeText(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xEF {
			clean = false
			break
		}
	}
	if clean && len(s) <= maxCell {
		return s
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == maxCell-40 {
			b.WriteString(" [cut: see the CSV for the full text]")
			break
		}
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError {
			r = '\uFFFD'
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
