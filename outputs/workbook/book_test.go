package workbook

import (
	"bytes"
	"context"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/outputs/table"
	"github.com/oversight/oversight/outputs/workbook/workbooktest"
)

// mixed is a table with every kind of cell, awkward text included.
type mixed struct{ n int }

var mixedCols = []table.Column{
	{Name: "text", Kind: table.Text}, {Name: "grade", Kind: table.Grade}, {Name: "date", Kind: table.Date},
	{Name: "n", Kind: table.Integer}, {Name: "x", Kind: table.Number}, {Name: "rate", Kind: table.Percent},
	{Name: "change", Kind: table.Points}, {Name: "value", Kind: table.Text},
}

func (mixed) Name() string            { return "mixed" }
func (mixed) Columns() []table.Column { return mixedCols }
func (m mixed) Len() int              { return m.n }
func (mixed) Row(i int, out []table.Cell) {
	texts := []string{"Medway", "=SUM(A1:A9)", " leading and trailing ", "a & b < c > d", "two\nlines", "tab\there", "café – £", "+44 20", "", "x\x00y", "carriage\rreturn"}
	grades := []string{"outstanding", "good", "requires improvement", "inadequate", ""}
	ds := []string{"2019-08-19", "2019-08", "2019"}
	d, _ := dates.Parse(ds[i%3])
	out[0] = table.Cell{Kind: table.Text, Text: texts[i%len(texts)], Blank: texts[i%len(texts)] == ""}
	out[1] = table.Cell{Kind: table.Grade, Text: grades[i%5], Blank: grades[i%5] == ""}
	out[2] = table.Cell{Kind: table.Date, Date: d}
	out[3] = table.Cell{Kind: table.Integer, Num: float64(i)}
	out[4] = table.Cell{Kind: table.Number, Num: float64(i) / 7, Blank: i%4 == 0}
	out[5] = table.Cell{Kind: table.Percent, Num: float64(i % 101)}
	out[6] = table.Cell{Kind: table.Points, Num: -float64(i%30) / 10}
	if i%2 == 0 {
		out[7] = table.Cell{Kind: table.Number, Num: 12.5}
	} else {
		out[7] = table.Cell{Kind: table.Text, Text: "drift and delay"}
	}
}

// writeMixed writes the mixed table as a publication's table sheets of at
// most maxRows rows, through bigsheet when big.
func writeMixed(t *testing.T, big bool, rows, maxRows int, workers ...int) []byte {
	t.Helper()
	o := Options{TmpDir: t.TempDir(), BigRows: 1 << 30}
	if big {
		o.BigRows = 1
	}
	if len(workers) > 0 {
		o.Workers = workers[0]
	}
	p, err := New(Cover{Title: "Mixed", AsOf: day("2025-01-01")}, o)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.b.sheetRows = maxRows + 3 // the title, the line under it and the header
	names, err := p.AddTable(context.Background(), TableSheet{Name: "Data", Title: "Every kind of cell", Table: mixed{rows}})
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != (rows+maxRows-1)/maxRows {
		t.Fatalf("sheets %v", names)
	}
	var buf bytes.Buffer
	if err := p.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type cellDump struct {
	Raw, Shown string
	Style      int
	Type       excelize.CellType
	Formula    string
}

func dump(t *testing.T, data []byte) map[string][][]cellDump {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][][]cellDump{}
	for _, s := range f.GetSheetList() {
		rows, _ := f.GetRows(s, excelize.Options{RawCellValue: true})
		var sheet [][]cellDump
		for r := range rows {
			var line []cellDump
			for c := range mixedCols {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				raw, _ := f.GetCellValue(s, ref, excelize.Options{RawCellValue: true})
				shown, _ := f.GetCellValue(s, ref)
				style, _ := f.GetCellStyle(s, ref)
				typ, _ := f.GetCellType(s, ref)
				formula, _ := f.GetCellFormula(s, ref)
				line = append(line, cellDump{raw, shown, style, typ, formula})
			}
			sheet = append(sheet, line)
		}
		out[s] = sheet
	}
	return out
}

// The parallel writer must give the same workbook, cell for cell, as
// excelize's StreamWriter, split across sheets the same way.
func TestFastSheetMatchesStreamWriter(t *testing.T) {
	const rows, maxRows = 230, 100
	stream := writeMixed(t, false, rows, maxRows)
	fast := writeMixed(t, true, rows, maxRows)
	a, b := dump(t, stream), dump(t, fast)
	if len(a) != 6 || !reflect.DeepEqual(keys(a), keys(b)) {
		t.Fatalf("sheets %v and %v", keys(a), keys(b))
	}
	for s := range a {
		if len(a[s]) != len(b[s]) {
			t.Fatalf("%s: %d and %d rows", s, len(a[s]), len(b[s]))
		}
		for r := range a[s] {
			for c := range a[s][r] {
				x, y := a[s][r][c], b[s][r][c]
				if x != y {
					t.Errorf("%s row %d col %d: stream %+v, fast %+v", s, r+1, c+1, x, y)
				}
				if y.Formula != "" {
					t.Errorf("%s row %d col %d became a formula %q", s, r+1, c+1, y.Formula)
				}
			}
		}
	}
	if py := workbooktest.OpenpyxlBytes(t, stream, fast); !reflect.DeepEqual(py[0], py[1]) {
		t.Errorf("openpyxl reads the two workbooks differently")
	}
}

// Large sheets give the same bytes whatever the number of workers.
func TestBigSheetRepeatable(t *testing.T) {
	const rows = 3*8192 + 5
	one := writeMixed(t, true, rows, rows, 1)
	if !bytes.Equal(one, writeMixed(t, true, rows, rows, 3)) || !bytes.Equal(one, writeMixed(t, true, rows, rows, 1)) {
		t.Fatal("the same sheet gives different bytes")
	}
}

func keys(m map[string][][]cellDump) []string {
	var out []string
	for _, s := range []string{CoverSheet, ContentsSheet, NotesSheet, "Data", "Data (2)", "Data (3)"} {
		if _, ok := m[s]; ok {
			out = append(out, s)
		}
	}
	return out
}
