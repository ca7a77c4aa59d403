package eval

import (
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/inspections"
	"github.com/oversight/oversight/analysis/reference"
)

// testRecord is a record of Ofsted's judgements made of rows as record.csv
// writes them (council,inspected,published,area,grade).
func testRecord(t testing.TB, rows string) *inspections.Record {
	t.Helper()
	rec, err := inspections.ParseRecord(strings.NewReader(inspections.RecordHeader+"\n"+strings.TrimLeft(rows, "\n")), reference.Default())
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func mustDate(t testing.TB, s string) dates.Date {
	t.Helper()
	d, err := dates.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
