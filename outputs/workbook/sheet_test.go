package workbook

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/table"
)

type numbers struct{ n int }

func (numbers) Name() string { return "numbers" }
func (numbers) Columns() []table.Column {
	return []table.Column{{Name: "i", Kind: table.Integer}, {Name: "text", Kind: table.Text}}
}
func (t numbers) Len() int { return t.n }
func (numbers) Row(i int, out []table.Cell) {
	out[0] = table.Cell{Kind: table.Integer, Num: float64(i)}
	out[1] = table.Cell{Kind: table.Text, Text: fmt.Sprintf("=row %d", i)}
}

func TestSheetsContinueNeverTruncate(t *testing.T) {
	p, err := New(Cover{Title: "t", AsOf: day("2025-01-01")}, Options{TmpDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.b.sheetRows = 5 // the title, the line under it, the header and two rows
	names, err := p.AddTable(context.Background(), TableSheet{Name: "Findings", Title: "Rows", Table: numbers{7}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, ",") != "Findings,Findings (2),Findings (3),Findings (4)" {
		t.Fatalf("sheets %v", names)
	}
	g := reopen(t, p)
	var got []string
	for _, s := range names {
		rows, _ := g.GetRows(s)
		if rows[2][0] != "i" {
			t.Errorf("%s has no header", s)
		}
		for _, r := range rows[3:] {
			got = append(got, r[0])
		}
	}
	if strings.Join(got, ",") != "0,1,2,3,4,5,6" {
		t.Fatalf("rows across sheets: %v", got)
	}
	if v, _ := g.GetCellValue("Findings (4)", "B4"); v != "=row 6" {
		t.Fatalf("text stored as %q", v)
	}
	if f, _ := g.GetCellFormula("Findings (4)", "B4"); f != "" {
		t.Fatalf("text became a formula %q", f)
	}
}

// Rows of long text are as tall as a row can be, and no taller.
func TestLongTextRow(t *testing.T) {
	p, err := New(Cover{Title: "t", AsOf: day("2025-01-01")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	long := strings.Repeat("drift and delay ", 2000)
	tb := &cellTable{name: "x", cols: []table.Column{{Name: "note", Kind: table.Text}},
		rows: [][]table.Cell{{{Kind: table.Text, Text: long}}, {{Kind: table.Text, Text: "short"}}}}
	if _, err := p.AddTable(context.Background(), TableSheet{Name: "Long", Title: "t", Table: tb}); err != nil {
		t.Fatal(err)
	}
	f := reopen(t, p)
	if h, _ := f.GetRowHeight("Long", 4); h != 409 {
		t.Errorf("long row %v points", h)
	}
	if h, _ := f.GetRowHeight("Long", 5); h > 15 {
		t.Errorf("short row %v points", h)
	}
}

func TestTextLinesWords(t *testing.T) {
	for _, tc := range []struct {
		text  string
		width float64
		want  int
	}{
		{"", 20, 1}, {"short", 20, 1}, {"two\nlines", 20, 2},
		// 23 characters a line at width 20.
		{"aaaa bbbb cccc dddd eeee", 20, 2},                  // 24: the last word moves down
		{strings.Repeat("x", 50), 20, 3},                     // one long word, broken
		{"Ofsted letter (seed 004_039fb7067930de26)", 10, 6}, // 10 a line: 3 words, then 21 characters over 3
	} {
		if got := textLines(tc.text, tc.width); got != tc.want {
			t.Errorf("textLines(%q, %v) = %d, want %d", tc.text, tc.width, got, tc.want)
		}
	}
}

func TestTagHeadings(t *testing.T) {
	in := `<styleSheet><fonts count="2"><font><sz val="11"/></font><font><b/><sz val="14"/></font></fonts>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"></xf></cellStyleXfs>` +
		`<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="true"><alignment></alignment></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
		`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"></cellStyle></cellStyles></styleSheet>`
	want := `<styleSheet><fonts count="2"><font><sz val="10"/></font><font><b/><sz val="14"/></font></fonts>` +
		`<cellStyleXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0"></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0"></xf></cellStyleXfs>` +
		`<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="1" applyFont="true"><alignment></alignment></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="2"/></cellXfs>` +
		`<cellStyles count="3"><cellStyle name="Normal" xfId="0" builtinId="0"></cellStyle><cellStyle name="Heading 1" xfId="1" builtinId="16"></cellStyle><cellStyle name="Heading 2" xfId="2" builtinId="17"></cellStyle></cellStyles></styleSheet>`
	got, err := tagHeadings(defaultSize([]byte(in)), [2]int{1, 2})
	if err != nil || string(got) != want {
		t.Errorf("got %s (%v)\nwant %s", got, err, want)
	}
	if _, err := tagHeadings([]byte(in), [2]int{1, 3}); err == nil {
		t.Error("a heading style that is not there")
	}
}

// reopen writes a workbook and opens what it wrote with excelize.
func reopen(t *testing.T, w interface{ Write(io.Writer) error }) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := w.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// A grade too long for its column wraps, keeping its fill, and its row is
// as tall as the wrapped grade.
func TestGradeCellsWrap(t *testing.T) {
	p, err := New(Cover{Title: "t", AsOf: day("2025-01-01")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	tb := &cellTable{name: "g", cols: []table.Column{{Name: "g", Header: "Grade", Kind: table.Grade, Width: 12}},
		rows: [][]table.Cell{{gradeCell(findings.RequiresImprovement)}, {gradeCell(findings.Good)}}}
	if _, err := p.AddTable(context.Background(), TableSheet{Name: "Grades", Title: "Grades", Table: tb}); err != nil {
		t.Fatal(err)
	}
	f := reopen(t, p)
	for _, tc := range []struct {
		cell  string
		grade findings.GradeValue
	}{{"A4", findings.RequiresImprovement}, {"A5", findings.Good}} {
		id, _ := f.GetCellStyle("Grades", tc.cell)
		st, err := f.GetStyle(id)
		if err != nil || st.Alignment == nil || !st.Alignment.WrapText || len(st.Fill.Color) != 1 || st.Fill.Color[0] != charts.GradeHex(tc.grade) {
			t.Errorf("%s: style %+v (%v), want the grade's fill, wrapping", tc.cell, st, err)
		}
	}
	if h, _ := f.GetRowHeight("Grades", 4); h < 25 {
		t.Errorf("row 4 is %.1f points high: the wrapped grade needs two lines", h)
	}
}
