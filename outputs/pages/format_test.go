package pages

import (
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/outputs/table"
)

// TestCellText: a cell reads as the workbook's number format shows it.
func TestCellText(t *testing.T) {
	day := func(s string) dates.Date {
		d, err := dates.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct {
		cell table.Cell
		want string
	}{
		{table.Cell{Kind: table.Integer, Num: 153}, "153"},
		{table.Cell{Kind: table.Integer, Num: 1234}, "1234"}, // "0": no separator, as the workbook
		{table.Cell{Kind: table.Number, Num: 15.2}, "15.2"},
		{table.Cell{Kind: table.Number, Num: 15}, "15.0"},
		{table.Cell{Kind: table.Number, Num: 14.25}, "14.3"}, // half away from zero, as a spreadsheet
		{table.Cell{Kind: table.Number, Num: -14.25}, "-14.3"},
		{table.Cell{Kind: table.Number, Num: 15.75, Decimals: 2}, "15.75"},
		{table.Cell{Kind: table.Number, Num: 15.1, Decimals: 2}, "15.1"},
		{table.Cell{Kind: table.Number, Num: 15, Decimals: 2}, "15.0"},
		{table.Cell{Kind: table.Number, Num: 1.005, Decimals: 2}, "1.01"}, // the decimal written, not its binary neighbour
		{table.Cell{Kind: table.Number, Num: 9.96}, "10.0"},
		{table.Cell{Kind: table.Percent, Num: 14.4}, "14.4%"},
		{table.Cell{Kind: table.Percent, Num: 12.75, Decimals: 2}, "12.75%"},
		{table.Cell{Kind: table.Percent, Num: 0.04}, "0.0%"},
		{table.Cell{Kind: table.Points, Num: 1.26}, "+1.3 pp"},
		{table.Cell{Kind: table.Points, Num: -2}, "-2.0 pp"},
		{table.Cell{Kind: table.Points, Num: 0}, "0.0 pp"},
		{table.Cell{Kind: table.Points, Num: -0.04}, "0.0 pp"},
		{table.Cell{Kind: table.Date, Date: day("2025-09-30")}, "30 Sep 2025"},
		{table.Cell{Kind: table.Date, Date: day("2019-07")}, "Jul 2019"},
		{table.Cell{Kind: table.Date, Date: day("2017")}, "2017"},
		{table.Cell{Kind: table.Grade, Text: "requires improvement"}, "requires improvement"},
		{table.Missing(table.Percent, findings.Confidential), "[c]"},
		{table.Missing(table.Date, table.NotAvailable), "[x]"},
		{table.Cell{Kind: table.Text, Blank: true}, ""},
		{table.Cell{Kind: table.Text, Text: "=SUM(1)"}, "=SUM(1)"}, // a page runs nothing: no quote needed
	} {
		if got := CellText(&c.cell); got != c.want {
			t.Errorf("%+v: %q, want %q", c.cell, got, c.want)
		}
	}
}

// TestRoundHalfAway rounds the decimal a figure was written as.
func TestRoundHalfAway(t *testing.T) {
	for _, c := range []struct {
		v    float64
		n    int
		want float64
	}{{0.05, 1, 0.1}, {0.04, 1, 0}, {2.675, 2, 2.68}, {99.95, 1, 100}, {-0.05, 1, -0.1}, {123456.5, 0, 123457}, {1e-9, 1, 0}, {0, 2, 0}} {
		if got := roundHalfAway(c.v, c.n); got != c.want {
			t.Errorf("roundHalfAway(%v, %d) = %v, want %v", c.v, c.n, got, c.want)
		}
	}
}
