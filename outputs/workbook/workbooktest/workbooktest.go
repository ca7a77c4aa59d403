// Package workbooktest reads workbooks with openpyxl, an independent
// reader, for tests: what it sees is what a user's spreadsheet program and
// other tools will see.
package workbooktest

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

//go:embed read_workbook.py
var script []byte

// Cell is one cell as openpyxl reads it: value, data type ("s" text, "n"
// number, "d" date, "f" formula) and number format.
type Cell struct {
	V   any    `json:"v"`
	T   string `json:"t"`
	Fmt string `json:"fmt"`
}

// Book is a workbook as openpyxl reads it.
type Book struct {
	Sheets  []string            `json:"sheets"`
	Headers map[string][]any    `json:"headers"`
	Cells   map[string][][]Cell `json:"cells"`
	Frozen  map[string]*string  `json:"frozen"`
	Filters map[string]*string  `json:"filters"`
}

// Python is the interpreter that sees Debian's python3-openpyxl.
const Python = "/usr/bin/python3"

// Openpyxl reads the workbook at path with openpyxl. Without openpyxl the
// test is skipped, or fails when OVERSIGHT_REQUIRE_OPENPYXL is set (as CI
// sets it after installing python3-openpyxl).
func Openpyxl(t testing.TB, path string) *Book {
	t.Helper()
	return OpenpyxlEach(t, path)[0]
}

// OpenpyxlEach is Openpyxl for several workbooks, read by one Python
// process (starting one and importing openpyxl costs about as much as
// reading a small workbook).
func OpenpyxlEach(t testing.TB, paths ...string) []*Book {
	t.Helper()
	requireOpenpyxl(t)
	var out []*Book
	runScript(t, "read_workbook.py", script, paths, func(d *json.Decoder) error {
		var b Book
		out = append(out, &b)
		return d.Decode(&b)
	})
	return out
}

// runScript runs a script on paths (and then flags) and decodes the JSON
// value it prints for each path.
func runScript(t testing.TB, name string, text []byte, paths []string, decode func(*json.Decoder) error, flags ...string) {
	t.Helper()
	py := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(py, text, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(Python, append(append([]string{py}, paths...), flags...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("openpyxl could not read %s: %v\n%s", strings.Join(paths, ", "), err, stderr.String())
	}
	d := json.NewDecoder(bytes.NewReader(out))
	for _, p := range paths {
		if err := decode(d); err != nil {
			t.Fatalf("%s: what openpyxl read: %v", p, err)
		}
	}
	if d.More() {
		t.Fatalf("%s printed more than one workbook's reading for each of %s", name, strings.Join(paths, ", "))
	}
}

// haveOpenpyxl is asked once for every test: starting Python to import
// openpyxl costs about as much as reading a small workbook with it.
var haveOpenpyxl = sync.OnceValue(func() error { return exec.Command(Python, "-c", "import openpyxl").Run() })

func requireOpenpyxl(t testing.TB) {
	t.Helper()
	if err := haveOpenpyxl(); err != nil {
		if os.Getenv("OVERSIGHT_REQUIRE_OPENPYXL") != "" {
			t.Fatal("openpyxl is required here (.ci/run installs python3-openpyxl)")
		}
		t.Skip("openpyxl not installed: apt-get install python3-openpyxl")
	}
}

// OpenpyxlBytes is Openpyxl for workbooks in memory, one Book for each.
func OpenpyxlBytes(t testing.TB, data ...[]byte) []*Book {
	t.Helper()
	dir := t.TempDir()
	paths := make([]string, len(data))
	for i, d := range data {
		paths[i] = filepath.Join(dir, fmt.Sprintf("w%d.xlsx", i))
		if err := os.WriteFile(paths[i], d, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return OpenpyxlEach(t, paths...)
}

//go:embed inspect_workbook.py
var inspectScript []byte

// Inspection is a workbook's structure as openpyxl reads it, in normal
// mode (Sheets to Per) and in read-only mode, which trusts each sheet's
// <dimension> (ReadOnly).
type Inspection struct {
	Sheets   []string          `json:"sheets"`
	Active   string            `json:"active"`
	Props    map[string]string `json:"props"`
	Per      map[string]*Sheet `json:"per"`
	ReadOnly map[string]*struct {
		MaxRow int    `json:"max_row"`
		MaxCol int    `json:"max_col"`
		Digest string `json:"digest"` // of every value, as Sheet.Digest
		Rows   int    `json:"rows"`
	} `json:"read_only"`
}

// Sheet is one sheet as openpyxl reads it.
type Sheet struct {
	A1             any      `json:"a1"`
	A1Style        string   `json:"a1_style"` // the named cell style of A1
	Tables         []Table  `json:"tables"`
	Merged         []string `json:"merged"`
	Hyperlinks     []Link   `json:"hyperlinks"`
	PrintTitleRows *string  `json:"print_title_rows"`
	PrintTitleCols *string  `json:"print_title_cols"`
	MaxRow         int      `json:"max_row"`
	MaxCol         int      `json:"max_col"`
	Selection      *string  `json:"selection"`
	Landscape      bool     `json:"landscape"`
	FitWidth       *int     `json:"fit_width"`
	FitHeight      *int     `json:"fit_height"`
	Images         int      `json:"images"`
	// MinContrast is the lowest WCAG contrast of a cell's text on its fill,
	// over every cell with a value; Worst says which.
	MinContrast float64 `json:"min_contrast"`
	Worst       *string `json:"worst"`
	// Digest is a SHA-256 of every value, row by row, and Rows the rows
	// read: read-only mode must read the same.
	Digest string `json:"digest"`
	Rows   int    `json:"rows"`
	// Cells are the first 60 rows, and Heights their heights in points
	// (nil: the default).
	Cells   [][]Cell   `json:"cells"`
	Heights []*float64 `json:"heights"`
}

// Table is a marked-up (named) table.
type Table struct {
	Name    string   `json:"name"`
	Ref     string   `json:"ref"`
	Filter  bool     `json:"filter"`
	Columns []string `json:"columns"`
	// BlankRows are the rows inside the table without a value.
	BlankRows []int `json:"blank_rows"`
}

// Link is a hyperlink: to a place in the workbook (Location) or outside.
type Link struct {
	Cell     string  `json:"cell"`
	Location *string `json:"location"`
	Target   *string `json:"target"`
}

// Inspect reads the workbook at path with openpyxl, in normal and read-only
// mode; with readOnlyOnly, only in read-only mode and without cells (for
// workbooks too large to load whole). Skipped without openpyxl, as
// Openpyxl is.
func Inspect(t testing.TB, path string, readOnlyOnly bool) *Inspection {
	t.Helper()
	return InspectEach(t, readOnlyOnly, path)[0]
}

// InspectEach is Inspect for several workbooks, read by one Python process.
func InspectEach(t testing.TB, readOnlyOnly bool, paths ...string) []*Inspection {
	t.Helper()
	requireOpenpyxl(t)
	var flags []string
	if readOnlyOnly {
		flags = append(flags, "--read-only-only")
	}
	var out []*Inspection
	runScript(t, "inspect_workbook.py", inspectScript, paths, func(d *json.Decoder) error {
		var in Inspection
		out = append(out, &in)
		return d.Decode(&in)
	}, flags...)
	return out
}

// ReadTable reads the marked-up table on a sheet with excelize: its header
// row and its rows as stored (numbers and date serials unformatted), each
// padded to the header's width. It fails unless the sheet has exactly one
// table.
func ReadTable(t testing.TB, f *excelize.File, sheet string) (header []string, rows [][]string) {
	t.Helper()
	tables, err := f.GetTables(sheet)
	if err != nil || len(tables) != 1 {
		t.Fatalf("%s: tables %+v (%v), want one", sheet, tables, err)
	}
	from, to, _ := strings.Cut(tables[0].Range, ":")
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil || c1 != 1 {
		t.Fatalf("%s: table range %q", sheet, tables[0].Range)
	}
	all, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for r := r1; r <= r2; r++ {
		row := make([]string, c2)
		if r-1 < len(all) {
			copy(row, all[r-1])
		}
		if r == r1 {
			header = row
		} else {
			rows = append(rows, row)
		}
	}
	return header, rows
}
