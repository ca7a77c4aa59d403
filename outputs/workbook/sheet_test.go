package workbook

import (
	"bytes"
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
