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
	f := excelize.NewFile()
	st, err := NewStyles(f)
	if err != nil {
		t.Fatal(err)
	}
	names, err := streamTable(f, "Findings", numbers{7}, st, 3)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, ",") != "Findings,Findings (2),Findings (3)" {
		t.Fatalf("sheets %v", names)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
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

func TestSafeText(t *testing.T) {
	if got := SafeText("drift\x00and\x1fdelay"); got != "drift\uFFFDand\uFFFDdelay" {
		t.Errorf("control characters: %q", got)
	}
	if got := SafeText("line one\nline two\ttab"); got != "line one\nline two\ttab" {
		t.Errorf("line breaks and tabs are kept: %q", got)
	}
	long := SafeText(strings.Repeat("é", 40000))
	if n := len([]rune(long)); n > maxCell || !strings.HasSuffix(long, "[cut: see the CSV for the full text]") {
		t.Errorf("long text: %d characters", n)
	}
	if got := SafeText("café \uFFFE"); got != "café \uFFFD" {
		t.Errorf("non-character: %q", got)
	}
}
