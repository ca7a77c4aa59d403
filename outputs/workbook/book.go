package workbook

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/outputs/table"
	"github.com/oversight/oversight/outputs/workbook/bigsheet"
)

// DefaultBigRows is the number of rows above which a table sheet is
// written by bigsheet instead of excelize's StreamWriter, which spends
// about 7 µs a row escaping text on one core (a million findings: 7 s).
const DefaultBigRows = 50000

// Book is a workbook being built: excelize makes the package (styles,
// normal sheets, pictures, defined names), and large table sheets are
// rendered in parallel and put in place of excelize's empty placeholders
// when the package is written. Write always gives the same bytes for the
// same content.
type Book struct {
	F  *excelize.File
	St *Styles
	// Workers is how many goroutines render a large sheet.
	Workers int
	// BigRows is the number of rows above which a table sheet goes
	// through bigsheet (0 = DefaultBigRows).
	BigRows int
	// ChunkRows is how many rows bigsheet renders and deflates as one
	// piece (0 = bigsheet.DefaultChunkRows).
	ChunkRows int

	// sheetRows is the most rows a sheet holds (bigsheet.MaxSheetRows;
	// tests lower it to see tables continue on further sheets).
	sheetRows int
	big       map[string]*bigsheet.Sheet // sheet name -> its rendered XML
	streamed  map[string]bool            // sheets excelize holds no cells of
	noFilter  map[string]bool            // table names whose filter buttons are dropped
	headings  [2]int                     // style IDs tagged Heading 1 and 2
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
	return &Book{F: f, St: st, Workers: runtime.GOMAXPROCS(0), sheetRows: bigsheet.MaxSheetRows,
		big: map[string]*bigsheet.Sheet{}, streamed: map[string]bool{}, noFilter: map[string]bool{},
		headings: [2]int{st.Title, st.Heading}}, nil
}

// Close releases excelize's temporary files.
func (b *Book) Close() error { return b.F.Close() }

func (b *Book) bigRows() int {
	if b.BigRows > 0 {
		return b.BigRows
	}
	return DefaultBigRows
}

// sheet writes one sheet of a table, by bigsheet when it is large.
func (b *Book) sheet(ctx context.Context, s *sheetSpec) (table.CodeSet, error) {
	// bigsheet writes no links: a table with links is streamed.
	if s.end-s.start > b.bigRows() && s.links == nil {
		return b.bigSheet(ctx, s)
	}
	return b.streamSheet(ctx, s)
}

// partName is the name of part n of a table's sheets: "Findings",
// "Findings (2)".
func partName(sheet string, part int) string {
	if part == 1 {
		return sheet
	}
	return sheet + " (" + strconv.Itoa(part) + ")"
}

// Write writes the package: excelize's, each large sheet's XML in place of
// its placeholder, every part in a fixed order.
func (b *Book) Write(w io.Writer) error {
	if err := b.setDimensions(); err != nil {
		return err
	}
	// The zip goes straight to w, not through the buffer excelize would
	// hand it (which would hold the whole package, large sheets and all,
	// before copying it to w); excelize then has nothing left to copy.
	z := newSortedZip(b)
	z.w = w
	b.F.SetZipWriter(func(io.Writer) excelize.ZipWriter { return z })
	n, err := b.F.WriteTo(w)
	if err == nil && n != 0 {
		err = fmt.Errorf("excelize wrote %d bytes of its own after the package", n)
	}
	return err
}

// setDimensions gives every sheet excelize holds in memory its used range
// (excelize leaves "A1", so readers that trust it, such as openpyxl in
// read-only mode, see one cell). Streamed and large sheets have theirs.
func (b *Book) setDimensions() error {
	for _, name := range b.F.GetSheetList() {
		if b.streamed[name] {
			continue
		}
		rows, err := b.F.GetRows(name)
		if err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		cols := 1
		for _, r := range rows {
			cols = max(cols, len(r))
		}
		last, _ := excelize.CoordinatesToCellName(cols, max(len(rows), 1))
		if err := b.F.SetSheetDimension(name, "A1:"+last); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	return nil
}
