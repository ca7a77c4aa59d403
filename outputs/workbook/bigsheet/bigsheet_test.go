package bigsheet

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/oversight/oversight/outputs/table"
)

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

type rowsTable struct{ n int }

func (rowsTable) Name() string { return "rows" }
func (rowsTable) Columns() []table.Column {
	return []table.Column{{Name: "i", Kind: table.Integer}, {Name: "rate", Kind: table.Percent}, {Name: "text", Kind: table.Text}}
}
func (r rowsTable) Len() int { return r.n }
func (rowsTable) Row(i int, out []table.Cell) {
	out[0] = table.Cell{Kind: table.Integer, Num: float64(i)}
	out[1] = table.Cell{Kind: table.Percent, Num: 12.5}
	out[2] = table.Cell{Kind: table.Text, Text: "a < b & c"}
	switch i % 5000 {
	case 1:
		out[1] = table.Missing(table.Percent, table.Confidential)
	case 2:
		out[2] = table.Missing(table.Text, table.NotApplicable)
	case 3:
		out[2] = table.Cell{Kind: table.Text, Blank: true}
	}
}

// A rendered sheet is one well-formed worksheet whose zip entry checks
// (CRC-32 and sizes), with its dimension, layout and codes.
func TestRenderWriteEntry(t *testing.T) {
	const n = 20000
	l := &Layout{Widths: []float64{8, 10, 20}, Landscape: true,
		Top: []Row{{Cells: []Cell{{Cell: table.Cell{Kind: table.Text, Text: "Title"}, Style: 7}}}, {Height: 30, Cells: []Cell{
			{Cell: table.Cell{Kind: table.Text, Text: "i"}, Style: 1}, {Cell: table.Cell{Kind: table.Text, Text: "rate"}, Style: 1}, {Cell: table.Cell{Kind: table.Text, Text: "text"}, Style: 1}}}},
		Style:  func(j int, c *table.Cell) int { return int(c.Kind) + 10*int(c.Code) },
		Height: func(cells []table.Cell) float64 { return float64(int(cells[0].Num) % 2 * 20) }}
	s, err := Render(context.Background(), rowsTable{n}, 0, n, l, Options{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if s.Dimension() != "A1:C20002" {
		t.Errorf("dimension %s", s.Dimension())
	}
	if got := s.Codes().Codes(); len(got) != 2 || got[0] != table.Confidential || got[1] != table.NotApplicable {
		t.Errorf("codes %v", got)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if err := s.WriteEntry(zw, "xl/worksheets/sheet1.xml", `<tableParts count="1"><tablePart r:id="rId1"/></tableParts>`); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	xmlBytes, err := io.ReadAll(rc) // checks the CRC-32 at the end
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(xmlBytes))
	rows := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "row" {
			rows++
		}
	}
	if rows != n+2 {
		t.Errorf("%d rows", rows)
	}
	x := string(xmlBytes)
	for _, want := range []string{`<dimension ref="A1:C20002"/>`,
		`orientation="landscape"`, `<row r="2" ht="30" customHeight="1">`, `<row r="3">`, `<row r="4" ht="20" customHeight="1">`, `<c r="B3" s="3"><v>0.125</v></c>`,
		`<c r="B4" s="13"><is>`, `<c r="C5" s="30" t="inlineStr"><is><t>[z]</t></is></c>`, `<c r="C4" s="0" t="inlineStr"><is><t>a &lt; b &amp; c</t>`,
		`fitToHeight="0"/><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`} {
		if want == `<c r="B4" s="13"><is>` {
			want = `<c r="B4" s="13" t="inlineStr"><is><t>[c]</t></is></c>`
		}
		if !strings.Contains(x, want) {
			t.Errorf("no %s", want)
		}
	}
	if strings.Contains(x, `<c r="C6"`) {
		t.Error("a blank cell was written")
	}
	if ColumnName(1) != "A" || ColumnName(26) != "Z" || ColumnName(27) != "AA" || ColumnName(16384) != "XFD" {
		t.Error("column names")
	}
}
