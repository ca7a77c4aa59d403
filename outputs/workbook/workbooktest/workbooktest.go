// Package workbooktest reads workbooks with openpyxl, an independent
// reader, for tests: what it sees is what a user's spreadsheet program and
// other tools will see.
package workbooktest

import (
	_ "embed"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
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
	if err := exec.Command(Python, "-c", "import openpyxl").Run(); err != nil {
		if os.Getenv("OVERSIGHT_REQUIRE_OPENPYXL") != "" {
			t.Fatal("openpyxl is required here (.ci/run installs python3-openpyxl)")
		}
		t.Skip("openpyxl not installed: apt-get install python3-openpyxl")
	}
	py := filepath.Join(t.TempDir(), "read_workbook.py")
	if err := os.WriteFile(py, script, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(Python, py, path).Output()
	if err != nil {
		t.Fatalf("openpyxl could not read %s: %v", path, err)
	}
	var b Book
	if err := json.Unmarshal(out, &b); err != nil {
		t.Fatal(err)
	}
	return &b
}

// OpenpyxlBytes is Openpyxl for a workbook in memory.
func OpenpyxlBytes(t testing.TB, data []byte) *Book {
	t.Helper()
	p := filepath.Join(t.TempDir(), "w.xlsx")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return Openpyxl(t, p)
}
