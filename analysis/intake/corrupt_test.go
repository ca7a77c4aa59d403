package intake

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/findings"
)

// Corruption: a valid file with bytes changed must give the same rows, or
// be rejected whole, never fewer or other rows without a word. For XLSX
// that holds exactly (every part is checksummed); a CSV has no checksum, so
// a changed byte may change its own row, but no other.

// seedWorkbook is a small valid workbook with what the reader interprets:
// shared and inline strings, numbers, a percentage, serial dates, a
// styles part, two sheets.
var seedWorkbook = sync.OnceValue(func() []byte {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Notes")
	f.SetCellValue("Notes", "A1", "read me")
	f.NewSheet("Findings")
	f.SetSheetRow("Findings", "A1", &[]any{"council", "date", "measure", "value", "polarity", "note"})
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 9})
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	rows := [][]any{
		{"Medway", "2019-08", "caseload", 40, nil, "most assessment social workers"},
		{"Medway", 43696, "vacancy_rate", 0.25, nil, "a percentage cell"},
		{"Dudley", "2016", "grade", "inadequate", nil, nil},
		{"Kent", "2020-03-31", "theme", "drift and delay", "weakness", "café – £"},
		{"Barnsley", 44000, "social_workers", 123.5, nil, nil},
		{"Leeds", "2018", "recommendations", 7, nil, nil},
		{"Nowhere", "2019", "caseload", 10, nil, "rejected: unknown council"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		f.SetSheetRow("Findings", cell, &r)
	}
	f.SetCellStyle("Findings", "D3", "D3", pct)
	f.SetCellStyle("Findings", "B3", "B3", date)
	f.SetCellStyle("Findings", "B6", "B6", date)
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		panic(err)
	}
	return b.Bytes()
})

// seedCSV has the required columns only, so a damaged header is a missing
// column (the file rejected whole) rather than an optional one ignored.
var seedCSV = []byte("council,date,measure,value\n" +
	"Medway,2019-08,caseload,40\n" +
	"Medway,2019-08,vacancy_rate,25%\n" +
	"Dudley,2016,grade,inadequate\n" +
	"Kent,2020-03-31,social_workers,\"1,234.5\"\n" +
	"Barnsley,2024,recommendations,7\n" +
	"Leeds,2018,visit,monitoring\n" +
	"Nowhere,2019,caseload,10\n")

// loadData writes data as dir/name and loads it as the fuzz targets do
// (small XLSX limit); whatever the bytes, the load must not fail and every
// row must be accounted for.
func loadData(t *testing.T, dir, name string, data []byte) *Result {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := writeOver(p, data); err != nil {
		t.Fatal(err)
	}
	res, err := Load(context.Background(), []string{p}, Options{Workers: 1, XLSXSizeLimit: 8 << 20})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if err := res.Check(); err != nil {
		t.Fatal(err)
	}
	return res
}

// writeOver writes data to path over what is there, without truncating
// first: the tests write thousands of same-sized variants of one file, and
// truncating frees and reallocates its blocks each time (about 20 times
// the cost of overwriting them).
func writeOver(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	_, err = f.WriteAt(data, 0)
	if err == nil {
		err = f.Truncate(int64(len(data)))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// rowsOf is what a load read, without the file's identity.
type rowsOf struct {
	Counts   counts
	Findings []findings.Finding
	Rejects  []Reject
	Notices  []string
}

func rowsOfResult(res *Result) rowsOf {
	f := res.Files[0]
	return rowsOf{fileCounts(f), res.Findings, res.Rejects, f.Notices}
}

func wholeRejection(res *Result) bool {
	f := res.Files[0]
	return f.Error != "" && f.Read == 0 && len(res.Findings) == 0 && len(res.Rejects) == 1 && res.Rejects[0].Line == 0
}

var (
	origOnce sync.Mutex
	origs    = map[string]rowsOf{}
)

func original(t *testing.T, name string, data []byte) rowsOf {
	origOnce.Lock()
	defer origOnce.Unlock()
	if o, ok := origs[name]; ok {
		return o
	}
	res := loadData(t, t.TempDir(), name, data)
	if res.Files[0].Error != "" || len(res.Findings) < 5 {
		t.Fatalf("the seed %s does not read: %+v", name, res.Files[0])
	}
	o := rowsOfResult(res)
	origs[name] = o
	return o
}

// corrupt XORs span bytes from pos with x (x != 0 changes every one).
func corrupt(data []byte, pos int, x byte, span int) []byte {
	out := append([]byte(nil), data...)
	for i := pos; i < pos+span && i < len(out); i++ {
		out[i] ^= x
	}
	return out
}

// checkXLSX: the same rows exactly, or the file rejected whole.
func checkXLSX(t *testing.T, dir string, data []byte, what string) {
	want := original(t, "seed.xlsx", seedWorkbook())
	res := loadData(t, dir, "seed.xlsx", data)
	if wholeRejection(res) {
		return
	}
	if got := rowsOfResult(res); !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: different rows and no rejection:\n got %+v\nwant %+v", what, got, want)
	}
}

// checkCSV: rejected whole, or every row on a line the change did not
// touch read as before; the touched line (two, if a line break was changed)
// may be rejected or read differently, nothing else.
func checkCSV(t *testing.T, dir string, data []byte, pos int, what string) {
	want := original(t, "seed.csv", seedCSV)
	res := loadData(t, dir, "seed.csv", data)
	if wholeRejection(res) {
		return
	}
	damaged := map[int32]bool{}
	line := int32(1 + bytes.Count(seedCSV[:pos], []byte("\n")))
	damaged[line] = true
	if seedCSV[pos] == '\n' || data[pos] == '\n' {
		damaged[line+1] = true
	}
	strip := func(f findings.Finding) findings.Finding { f.File, f.Line = 0, 0; return f }
	got := map[findings.Finding]int{}
	for _, f := range res.Findings {
		got[strip(f)]++
	}
	for _, f := range want.Findings {
		if damaged[f.Line] {
			continue
		}
		if got[strip(f)] == 0 {
			t.Fatalf("%s: the row on line %d, untouched, is gone: %+v; rejects %+v", what, f.Line, rowsOfResult(res).Counts, res.Rejects)
		}
		got[strip(f)]--
	}
	extra := 0
	for _, n := range got {
		extra += n
	}
	if extra > len(damaged) {
		t.Fatalf("%s: %d rows read that were not in the file", what, extra)
	}
	if r := res.Files[0].Read; r < want.Counts.read-1 || r > want.Counts.read+1 {
		t.Fatalf("%s: %d rows read, the file has %d", what, r, want.Counts.read)
	}
}

// Every byte of the seed workbook's zip structure (headers, directory),
// where no checksum protects it, changed in turn, and every fourth byte of
// the compressed parts (make fuzz searches further, and the whole file).
func TestCorruptXLSXEveryByte(t *testing.T) {
	t.Parallel()
	data := seedWorkbook()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	inPart := make([]bool, len(data))
	for _, f := range zr.File {
		off, _ := f.DataOffset()
		for i := off; i < off+int64(f.CompressedSize64); i++ {
			inPart[i] = true
		}
	}
	dir := t.TempDir()
	tried := 0
	for pos := range data {
		if inPart[pos] && pos%4 != 0 {
			continue
		}
		x := byte(pos*37+1) | 1
		checkXLSX(t, dir, corrupt(data, pos, x, 1), fmt.Sprintf("byte %d ^ %#x", pos, x))
		tried++
	}
	t.Logf("%d of %d bytes changed", tried, len(data))
}

func TestCorruptCSVEveryByte(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for pos := range seedCSV {
		for _, v := range []byte{'"', ',', '\n', '\r', 0, 0xE9, 'x', '9'} {
			if seedCSV[pos] == v {
				continue
			}
			data := append([]byte(nil), seedCSV...)
			data[pos] = v
			checkCSV(t, dir, data, pos, fmt.Sprintf("byte %d (%q) set to %q", pos, seedCSV[pos], v))
		}
	}
}

func FuzzCorruptXLSX(f *testing.F) {
	f.Add(uint32(0), byte(1), uint8(1))
	f.Add(uint32(100), byte(0xFF), uint8(4))
	f.Add(uint32(len(seedWorkbook())-30), byte(0x55), uint8(2))
	f.Fuzz(func(t *testing.T, pos uint32, x byte, span uint8) {
		data := seedWorkbook()
		if x == 0 || span == 0 {
			return
		}
		p := int(pos % uint32(len(data)))
		checkXLSX(t, t.TempDir(), corrupt(data, p, x, int(span%16)+1), fmt.Sprintf("%d bytes from %d ^ %#x", span%16+1, p, x))
	})
}

func FuzzCorruptCSV(f *testing.F) {
	f.Add(uint32(30), byte('"'))
	f.Add(uint32(40), byte('\n'))
	f.Fuzz(func(t *testing.T, pos uint32, v byte) {
		p := int(pos % uint32(len(seedCSV)))
		if seedCSV[p] == v {
			return
		}
		data := append([]byte(nil), seedCSV...)
		data[p] = v
		checkCSV(t, t.TempDir(), data, p, fmt.Sprintf("byte %d (%q) set to %q", p, seedCSV[p], v))
	})
}
