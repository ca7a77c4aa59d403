package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/outputs/table"
)

// FastThreshold is the number of rows above which a table sheet is written
// by the parallel writer instead of excelize's StreamWriter, which spends
// about 7 µs a row escaping text on one core (a million findings: 7 s).
var FastThreshold = 50000

// Book is a workbook being built: excelize makes the package (styles,
// normal sheets, pictures, defined names), and large table sheets are
// rendered in parallel and put in place of excelize's empty placeholders
// when the package is written.
type Book struct {
	F       *excelize.File
	St      *Styles
	Workers int
	big     map[string][]chunk // sheet name -> its deflated XML
	order   []string
}

// NewBook starts a workbook whose first sheet is named first. tmpDir is
// where excelize may spill large streamed sheets ("" = the system's).
func NewBook(first, tmpDir string) (*Book, error) {
	f := excelize.NewFile(excelize.Options{TmpDir: tmpDir})
	st, err := NewStyles(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	if err := f.SetSheetName("Sheet1", first); err != nil {
		f.Close()
		return nil, err
	}
	return &Book{F: f, St: st, Workers: runtime.GOMAXPROCS(0), big: map[string][]chunk{}}, nil
}

// Close releases excelize's temporary files.
func (b *Book) Close() error { return b.F.Close() }

// Table writes t as a table sheet (continuing on "name (2)" and so on past
// MaxRows rows) and returns the sheet names.
func (b *Book) Table(sheet string, t table.Table) ([]string, error) {
	if t.Len() <= FastThreshold {
		return streamTable(b.F, sheet, t, b.St, MaxRows)
	}
	return b.fastTable(sheet, t, MaxRows)
}

func (b *Book) fastTable(sheet string, t table.Table, maxRows int) ([]string, error) {
	var names []string
	n := t.Len()
	for part, start := 1, 0; start < n || part == 1; part, start = part+1, start+maxRows {
		name := sheet
		if part > 1 {
			name = fmt.Sprintf("%s (%d)", sheet, part)
		}
		end := min(n, start+maxRows)
		// The placeholder gives the sheet its place in the package; its
		// filter gives the workbook the defined name Excel expects.
		if _, err := b.F.NewSheet(name); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
		last, _ := excelize.CoordinatesToCellName(len(t.Columns()), max(end-start+1, 2))
		if err := b.F.AutoFilter(name, "A1:"+last, nil); err != nil {
			return nil, fmt.Errorf("sheet %s filter: %w", name, err)
		}
		chunks, err := renderSheet(t, start, end, b.St, b.Workers)
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
		b.big[name] = chunks
		b.order = append(b.order, name)
		names = append(names, name)
	}
	return names, nil
}

// Write writes the package: excelize's, with each large sheet's XML in
// place of its placeholder. Other parts are copied without recompressing.
func (b *Book) Write(w io.Writer) error {
	if len(b.big) == 0 {
		_, err := b.F.WriteTo(w)
		return err
	}
	var pkg bytes.Buffer
	if _, err := b.F.WriteTo(&pkg); err != nil {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(pkg.Bytes()), int64(pkg.Len()))
	if err != nil {
		return fmt.Errorf("read back the package: %w", err)
	}
	paths, err := sheetPaths(zr)
	if err != nil {
		return err
	}
	replace := map[string][]chunk{}
	for _, name := range b.order {
		p, ok := paths[name]
		if !ok {
			return fmt.Errorf("sheet %s is not in the package", name)
		}
		replace[p] = b.big[name]
	}
	zw := zip.NewWriter(w)
	for _, zf := range zr.File {
		chunks, ok := replace[zf.Name]
		if !ok {
			if err := zw.Copy(zf); err != nil {
				return err
			}
			continue
		}
		hdr := &zip.FileHeader{Name: zf.Name, Method: zip.Deflate, Modified: zf.Modified}
		for i, c := range chunks {
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
			return err
		}
		for _, c := range chunks {
			if _, err := dst.Write(c.data); err != nil {
				return err
			}
		}
	}
	return zw.Close()
}

// sheetPaths maps sheet names to their parts, through xl/workbook.xml and
// its relationships.
func sheetPaths(zr *zip.Reader) (map[string]string, error) {
	read := func(name string) ([]byte, error) {
		f, err := zr.Open(name)
		if err != nil {
			return nil, fmt.Errorf("package part %s: %w", name, err)
		}
		defer f.Close()
		return io.ReadAll(f)
	}
	wbXML, err := read("xl/workbook.xml")
	if err != nil {
		return nil, err
	}
	relsXML, err := read("xl/_rels/workbook.xml.rels")
	if err != nil {
		return nil, err
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(wbXML, &wb); err != nil {
		return nil, fmt.Errorf("xl/workbook.xml: %w", err)
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(relsXML, &rels); err != nil {
		return nil, fmt.Errorf("workbook relationships: %w", err)
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		out[s.Name] = targets[s.RID]
	}
	return out, nil
}

// rowsPerChunk balances parallelism against the deflate ratio: each chunk
// starts with an empty dictionary.
const rowsPerChunk = 8192

// renderSheet renders rows [start, end) of t as worksheet XML, deflated in
// parallel chunks. The XML matches what streamTable writes: header frozen,
// column widths, filter, landscape printing one page wide.
func renderSheet(t table.Table, start, end int, st *Styles, workers int) ([]chunk, error) {
	cols := t.Columns()
	refs := make([]string, len(cols))
	for j := range cols {
		refs[j], _ = excelize.ColumnNumberToName(j + 1)
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), max(end-start+1, 2))

	var head bytes.Buffer
	head.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	head.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	head.WriteString(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`)
	fmt.Fprintf(&head, `<dimension ref="A1:%s"/>`, last)
	head.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>`)
	head.WriteString(`<sheetFormatPr defaultRowHeight="15"/><cols>`)
	for j, c := range cols {
		fmt.Fprintf(&head, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, j+1, j+1, strconv.FormatFloat(defaultWidth(c), 'f', -1, 64))
	}
	head.WriteString(`</cols><sheetData><row r="1" ht="30" customHeight="1">`)
	for j, c := range cols {
		cell := table.Cell{Kind: table.Text, Text: c.Name}
		writeCell(&head, refs[j], 1, &cell, st.Header)
	}
	head.WriteString(`</row>`)

	var tail bytes.Buffer
	absLast, _ := excelize.CoordinatesToCellName(len(cols), max(end-start+1, 2), true)
	fmt.Fprintf(&tail, `</sheetData><autoFilter ref="$A$1:%s"/>`, absLast)
	tail.WriteString(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`)
	tail.WriteString(`<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>`)

	nChunks := (end - start + rowsPerChunk - 1) / rowsPerChunk
	out := make([]chunk, nChunks+2)
	errs := make([]error, nChunks+2)
	var err error
	if out[0], err = deflateChunk(head.Bytes(), false, flate.BestSpeed); err != nil {
		return nil, err
	}
	if out[nChunks+1], err = deflateChunk(tail.Bytes(), true, flate.BestSpeed); err != nil {
		return nil, err
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < max(workers, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			cells := make([]table.Cell, len(cols))
			for k := range jobs {
				buf.Reset()
				lo := start + k*rowsPerChunk
				hi := min(end, lo+rowsPerChunk)
				for i := lo; i < hi; i++ {
					t.Row(i, cells)
					row := i - start + 2
					buf.WriteString(`<row r="`)
					buf.WriteString(strconv.Itoa(row))
					buf.WriteString(`">`)
					for j := range cells {
						if cells[j].Blank {
							continue
						}
						writeCell(&buf, refs[j], row, &cells[j], st.style(&cells[j]))
					}
					buf.WriteString(`</row>`)
				}
				out[k+1], errs[k+1] = deflateChunk(buf.Bytes(), false, flate.BestSpeed)
			}
		}()
	}
	for k := 0; k < nChunks; k++ {
		jobs <- k
	}
	close(jobs)
	wg.Wait()
	for _, e := range errs {
		if e != nil {
			return nil, e
		}
	}
	return out, nil
}

// style is the style ID Value would give the cell.
func (st *Styles) style(c *table.Cell) int {
	switch c.Kind {
	case table.Integer:
		return st.Integer
	case table.Number:
		return st.Number
	case table.Percent:
		return st.Percent
	case table.Points:
		return st.Points
	case table.Date:
		return st.Date[c.Date.Prec]
	case table.Grade:
		return st.Grade[gradeOf(c.Text)]
	}
	return st.Text
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
	switch c.Kind {
	case table.Integer, table.Number, table.Points, table.Percent, table.Date:
		v := c.Num
		switch c.Kind {
		case table.Percent:
			v /= 100
		case table.Date:
			v = c.Date.Day.ExcelSerial()
		}
		buf.WriteString(`"><v>`)
		buf.Write(strconv.AppendFloat(num[:0], v, 'f', -1, 64))
		buf.WriteString(`</v></c>`)
		return
	}
	text := SafeText(c.Text)
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
