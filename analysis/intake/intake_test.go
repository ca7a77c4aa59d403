package intake

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/findings"
)

type counts struct{ read, accepted, rejected, duplicates int }

func fileCounts(f FileReport) counts { return counts{f.Read, f.Accepted, f.Rejected, f.Duplicates} }

func load(t *testing.T, paths ...string) *Result {
	t.Helper()
	res, err := Load(context.Background(), paths, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestMixedFolderExactCounts(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		res, err := Load(context.Background(), []string{"testdata/mixed"}, Options{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]counts{
			"a_utf8.csv":        {8, 5, 2, 1},
			"b_windows1252.csv": {5, 3, 2, 0},
			"c_lines.jsonl":     {7, 4, 2, 1},
			"d_sheet.xlsx":      {9, 6, 3, 0},
		}
		if len(res.Files) != len(want) {
			t.Fatalf("read %d files, want %d", len(res.Files), len(want))
		}
		for _, f := range res.Files {
			if got := fileCounts(f); got != want[filepath.Base(f.Path)] {
				t.Errorf("workers %d: %s: got %+v, want %+v", workers, f.Path, got, want[filepath.Base(f.Path)])
			}
		}
		read, acc, rej, dup := res.Totals()
		if read != 29 || acc != 18 || rej != 9 || dup != 2 {
			t.Errorf("totals %d/%d/%d/%d", read, acc, rej, dup)
		}
		if len(res.Notices) != 1 || !strings.Contains(res.Notices[0], "README.txt") {
			t.Errorf("notices %q", res.Notices)
		}
	}
}

func TestMixedFolderDetails(t *testing.T) {
	res := load(t, "testdata/mixed")
	byFile := map[string]int32{}
	for i, f := range res.Files {
		byFile[filepath.Base(f.Path)] = int32(i)
	}
	find := func(file string, line int32) *findings.Finding {
		for i := range res.Findings {
			if res.Findings[i].File == byFile[file] && res.Findings[i].Line == line {
				return &res.Findings[i]
			}
		}
		t.Fatalf("no accepted finding at %s line %d", file, line)
		return nil
	}
	if f := res.Files[byFile["b_windows1252.csv"]]; f.Encoding != "windows-1252" || len(f.Notices) == 0 {
		t.Errorf("windows-1252 not reported: %+v", f)
	}
	if f := res.Files[byFile["a_utf8.csv"]]; f.Encoding != "utf-8 with byte-order mark" {
		t.Errorf("encoding %q", f.Encoding)
	}
	if got := find("b_windows1252.csv", 2).Note; got != "café culture – £ cuts" {
		t.Errorf("decoded note %q", got)
	}
	if got := find("a_utf8.csv", 9).Note; got != "two\nlines" {
		t.Errorf("quoted newline note %q", got)
	}
	if f := find("a_utf8.csv", 11); f.Measure != findings.Visit {
		t.Errorf("line after a two-line row: %+v", f)
	}
	if f := find("d_sheet.xlsx", 4); f.Value != 35 || f.Date.String() != "2019-08-19" {
		t.Errorf("percent cell / serial date: %v %s", f.Value, f.Date)
	}
	if f := find("d_sheet.xlsx", 11); f.Value != 0.2 {
		t.Errorf("plain number rate %v", f.Value)
	}
	if f := find("d_sheet.xlsx", 7); f.Date.String() != "2019-08" {
		t.Errorf("text date in a sheet %s", f.Date)
	}
	if f := find("c_lines.jsonl", 3); f.Value != 8 {
		t.Errorf("JSON number %v", f.Value)
	}
	if res.Files[byFile["d_sheet.xlsx"]].Sheet != "Findings" {
		t.Errorf("sheet %q", res.Files[byFile["d_sheet.xlsx"]].Sheet)
	}

	reasons := map[string]string{}
	for _, r := range res.Rejects {
		reasons[filepath.Base(res.Files[r.File].Path)+":"+itoa(r.Line)] = r.Reason
	}
	wantReasons := map[string]string{
		"a_utf8.csv:5":        `did you mean "Barking and Dagenham" (E09000002)?`,
		"a_utf8.csv:6":        "vacancy_rate 140 is outside 0-100",
		"b_windows1252.csv:5": `caseload "abc" is not a number`,
		"b_windows1252.csv:6": "the row has 10 fields but the header has 11",
		"c_lines.jsonl:5":     "not valid JSON",
		"c_lines.jsonl:8":     "value is a JSON array",
		"d_sheet.xlsx:5":      "conflicting grades for Medway, overall, 2019-08-19: good",
		"d_sheet.xlsx:6":      "conflicting grades for Medway, overall, 2019-08-19: good",
		"d_sheet.xlsx:9":      `date "2019-13-01" is not a real calendar date`,
	}
	for k, w := range wantReasons {
		if !strings.Contains(reasons[k], w) {
			t.Errorf("%s: reason %q, want it to contain %q", k, reasons[k], w)
		}
	}
	if len(reasons) != len(wantReasons) {
		t.Errorf("rejects %v", reasons)
	}
	// A conflict lists the row as it was written, not normalised.
	for _, r := range res.Rejects {
		if r.Line == 5 && r.File == byFile["d_sheet.xlsx"] && r.Raw[findings.ColNote] != "conflicts with row 6" {
			t.Errorf("conflict reject lost its original values: %q", r.Raw)
		}
	}
	wantDup := []Duplicate{
		{File: byFile["a_utf8.csv"], Line: 7, OfFile: byFile["a_utf8.csv"], OfLine: 4},
		{File: byFile["c_lines.jsonl"], Line: 7, OfFile: byFile["c_lines.jsonl"], OfLine: 3},
	}
	if len(res.Duplicates) != 2 || res.Duplicates[0] != wantDup[0] || res.Duplicates[1] != wantDup[1] {
		t.Errorf("duplicates %+v, want %+v", res.Duplicates, wantDup)
	}
}

func itoa(n int32) string { return strconv.Itoa(int(n)) }

func TestCases(t *testing.T) {
	tests := []struct {
		file    string
		fileErr string
		want    counts
		reasons map[int32]string
		notice  string
	}{
		{file: "empty.csv", fileErr: "is empty: it has no header row"},
		{file: "no_header.csv", fileErr: "has no council, date, measure, value column"},
		{file: "dup_header.csv", fileErr: "column council twice"},
		{file: "broken.xlsx", fileErr: "is not a readable .xlsx workbook"},
		{file: "header_variants.csv", want: counts{2, 2, 0, 0}, notice: "Extra Column"},
		{file: "mixed_endings.csv", want: counts{3, 3, 0, 0}},
		// The quote on line 3 swallows line 4's row: the file is not used
		// rather than read one row short.
		{file: "unclosed_quote.csv", fileErr: "opened on line 3 is not closed properly"},
		{file: "ragged.csv", want: counts{4, 1, 3, 0}, reasons: map[int32]string{
			2: "the row has 5 fields but the header has 4", 3: "the row has 3 fields", 5: `bare " in non-quoted-field`}},
		{file: "shapes.jsonl", want: counts{6, 2, 4, 0}, notice: "colour", reasons: map[int32]string{
			2: "not a JSON object", 3: "more than one JSON value", 5: "polarity is true", 6: "not a JSON object"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := load(t, filepath.Join("testdata/cases", tt.file))
			f := res.Files[0]
			if tt.fileErr != "" {
				if !strings.Contains(f.Error, tt.fileErr) || !strings.Contains(f.Error, tt.file) {
					t.Fatalf("file error %q, want it to name the file and contain %q", f.Error, tt.fileErr)
				}
				if len(res.Rejects) != 1 || res.Rejects[0].Line != 0 || !res.Rejected() {
					t.Fatalf("a file rejected whole is listed once: %+v", res.Rejects)
				}
				return
			}
			if f.Error != "" {
				t.Fatalf("file error %s", f.Error)
			}
			if got := fileCounts(f); got != tt.want {
				t.Errorf("counts %+v, want %+v", got, tt.want)
			}
			for _, r := range res.Rejects {
				if w, ok := tt.reasons[r.Line]; !ok || !strings.Contains(r.Reason, w) {
					t.Errorf("line %d: reason %q, want %q", r.Line, r.Reason, w)
				}
			}
			if tt.notice != "" && !strings.Contains(strings.Join(f.Notices, " "), tt.notice) {
				t.Errorf("notices %q, want %q", f.Notices, tt.notice)
			}
		})
	}
}

func TestScanUTF8AcrossChunks(t *testing.T) {
	dir := t.TempDir()
	// Multi-byte characters straddling every position around the 256 KiB
	// read boundary must not look like invalid UTF-8.
	for shift := 0; shift < 4; shift++ {
		var b bytes.Buffer
		b.WriteString(strings.Repeat("a", 256<<10-shift))
		b.WriteString("£€😀é")
		p := filepath.Join(dir, "f.csv")
		os.WriteFile(p, b.Bytes(), 0o644)
		sum, err := scan(context.Background(), p)
		if err != nil || sum.enc.Invalid() || sum.size != int64(b.Len()) {
			t.Fatalf("shift %d: %+v err %v", shift, sum, err)
		}
	}
	p := filepath.Join(dir, "g.csv")
	os.WriteFile(p, []byte("caf\xe9\n"), 0o644)
	if sum, _ := scan(context.Background(), p); !sum.enc.Invalid() {
		t.Fatal("Windows-1252 é read as UTF-8")
	}
	os.WriteFile(p, []byte("abc\xe2\x82"), 0o644) // cut-off rune at EOF
	if sum, _ := scan(context.Background(), p); !sum.enc.Invalid() {
		t.Fatal("truncated rune read as valid")
	}
}

func TestXLSXSizeLimit(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "big.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"council", "date", "measure", "value", "note"})
	for i := 2; i < 2000; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		f.SetSheetRow("Sheet1", cell, &[]any{"Medway", "2019", "caseload", float64(i) / 10, strings.Repeat("padding ", 20)})
	}
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	res, err := Load(context.Background(), []string{p}, Options{XLSXSizeLimit: 64 << 10})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Files[0].Error, "size") {
		t.Fatalf("a workbook over the unzip limit must be refused: %+v", res.Files[0])
	}
	res, err = Load(context.Background(), []string{p}, Options{})
	if err != nil || res.Files[0].Accepted != 1998 {
		t.Fatalf("under the default limit: %+v %v", res.Files[0], err)
	}
}

func TestNothingToRead(t *testing.T) {
	if _, err := Load(context.Background(), []string{"testdata/nope"}, Options{}); err == nil {
		t.Fatal("missing path accepted")
	}
	if _, err := Load(context.Background(), []string{"testdata/mixed/README.txt"}, Options{}); err == nil || !strings.Contains(err.Error(), "not supported") {
		t.Fatalf("unsupported file named directly: %v", err)
	}
	res := load(t, "testdata/mixed/a_utf8.csv", "testdata/mixed")
	if len(res.Files) != 4 || !strings.Contains(strings.Join(res.Notices, " "), "more than once") {
		t.Fatalf("a file listed twice is read once: %d files, %q", len(res.Files), res.Notices)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, []string{"testdata/mixed"}, Options{}); err == nil {
		t.Fatal("a cancelled load returned a result")
	}
}
