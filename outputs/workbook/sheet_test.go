package workbook

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

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
	b, err := NewBook("Summary", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	b.sheetRows = 4
	names, err := b.Table("Findings", numbers{7})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, ",") != "Findings,Findings (2),Findings (3)" {
		t.Fatalf("sheets %v", names)
	}
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range names {
		rows, _ := g.GetRows(s)
		if rows[0][0] != "i" {
			t.Errorf("%s has no header", s)
		}
		for _, r := range rows[1:] {
			got = append(got, r[0])
		}
	}
	if strings.Join(got, ",") != "0,1,2,3,4,5,6" {
		t.Fatalf("rows across sheets: %v", got)
	}
	if v, _ := g.GetCellValue("Findings (3)", "B2"); v != "=row 6" {
		t.Fatalf("text stored as %q", v)
	}
	if f, _ := g.GetCellFormula("Findings (3)", "B2"); f != "" {
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
	var buf bytes.Buffer
	if err := p.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
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
