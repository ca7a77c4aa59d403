package intake

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/reference"
)

// Findings v3: published is read from CSV, JSON Lines and XLSX alike, and of
// two rows that differ only in it the earlier publication is kept, whichever
// comes first in the input.
func TestPublishedEarliestWins(t *testing.T) {
	dir := t.TempDir()
	csv := "council,date,published,measure,value,source_type\n" +
		"Medway,2023-09-30,2024-02-29,vacancy_rate,29.3,statistics\n" + // line 2: the later release
		"Kent,2023-09-30,,vacancy_rate,12,statistics\n"
	jsonl := `{"council":"Medway","date":"2023-09-30","published":"2024-02-28","measure":"vacancy_rate","value":"29.3","source_type":"statistics"}` + "\n" +
		`{"council":"Kent","date":"2023-09-30","published":"2024-03-01","measure":"vacancy_rate","value":"12","source_type":"statistics"}` + "\n"
	for name, body := range map[string]string{"a.csv": csv, "b.jsonl": jsonl} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The XLSX row repeats Medway, published earlier still: it wins.
	x := excelize.NewFile()
	for i, row := range [][]any{{"council", "date", "published", "measure", "value", "source_type"},
		{"Medway", "2023-09-30", "2024-02-27", "vacancy_rate", "29.3", "statistics"}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.SaveAs(filepath.Join(dir, "c.xlsx")); err != nil {
		t.Fatal(err)
	}
	res := load(t, dir)
	if len(res.Findings) != 2 || len(res.Duplicates) != 3 {
		t.Fatalf("%d findings, %d duplicates; want 2 and 3", len(res.Findings), len(res.Duplicates))
	}
	want := map[string]struct {
		published string
		file      int32
		line      int32
	}{
		// Medway: the XLSX row was published earliest and wins.
		"Medway": {"2024-02-27", 2, 2},
		// Kent: a blank published is the date itself, earlier than 1 March.
		"Kent": {"", 0, 3},
	}
	for _, f := range res.Findings {
		name := reference.Default().Councils[f.Council].Name
		w := want[name]
		got := ""
		if f.Published.Day != 0 {
			got = f.Published.String()
		}
		if got != w.published || f.File != w.file || f.Line != w.line {
			t.Errorf("%s: kept published %q from file %d line %d, want %q from %d line %d", name, got, f.File, f.Line, w.published, w.file, w.line)
		}
	}
	if got := fileCounts(res.Files[0]); got != (counts{2, 1, 0, 1}) {
		t.Errorf("a.csv counts %+v", got)
	}
	if got := fileCounts(res.Files[1]); got != (counts{2, 0, 0, 2}) {
		t.Errorf("b.jsonl counts %+v", got)
	}
	if got := fileCounts(res.Files[2]); got != (counts{1, 1, 0, 0}) {
		t.Errorf("c.xlsx counts %+v", got)
	}
}
