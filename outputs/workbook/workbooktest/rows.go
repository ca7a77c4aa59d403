package workbooktest

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// SheetRows reads one sheet of the workbook at path with excelize, as
// formatted text, row by row (trailing empty cells left off).
func SheetRows(t testing.TB, path, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("%s: sheet %s: %v", path, sheet, err)
	}
	return rows
}
