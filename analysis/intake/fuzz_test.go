package intake

import (
	"os"
	"path/filepath"
	"testing"
)

// fuzzLoad writes data as one file and loads it: whatever the bytes, the
// load must not panic, and every row must be accounted for.
func fuzzLoad(t *testing.T, name string, data []byte) {
	t.Helper()
	res := loadData(t, t.TempDir(), name, data)
	f := res.Files[0]
	if f.Error == "" && f.Read != f.Accepted+f.Rejected+f.Duplicates {
		t.Fatalf("%+v", f)
	}
	for _, r := range res.Rejects {
		if r.Reason == "" {
			t.Fatal("a reject without a reason")
		}
	}
}

func addFiles(f *testing.F, glob string) {
	paths, _ := filepath.Glob(glob)
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

func FuzzCSV(f *testing.F) {
	addFiles(f, "testdata/mixed/*.csv")
	addFiles(f, "testdata/cases/*.csv")
	f.Add([]byte("council,date,measure,value\n\"Medway\",2019,grade,good\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "f.csv", data) })
}

func FuzzJSONL(f *testing.F) {
	addFiles(f, "testdata/mixed/*.jsonl")
	addFiles(f, "testdata/cases/*.jsonl")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "f.jsonl", data) })
}

func FuzzXLSX(f *testing.F) {
	addFiles(f, "testdata/mixed/*.xlsx")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "f.xlsx", data) })
}
