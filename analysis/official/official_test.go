package official

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// convertFile converts a file, failing the test on error.
func convertFile(t *testing.T, path string, kind Kind, opt Options) *Result {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := ConvertWith(context.Background(), kind, filepath.Base(path), f, opt)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return res
}

// parsed is a record and the finding the findings parser made of it.
type parsed struct {
	Record
	F findings.Finding
}

// parseAll runs every record through the findings parser; any reject fails
// the test.
func parseAll(t *testing.T, name string, recs []Record) []parsed {
	t.Helper()
	p := findings.NewParser(reference.Default())
	out := make([]parsed, 0, len(recs))
	rejects := 0
	for _, r := range recs {
		f, err := p.Parse(&r.Raw)
		if err != nil {
			rejects++
			if rejects <= 10 {
				t.Errorf("%s line %d: %v (row %q)", name, r.Line, err, r.Raw)
			}
			continue
		}
		out = append(out, parsed{r, f})
	}
	if rejects > 0 {
		t.Errorf("%s: %d of %d records rejected by the findings parser", name, rejects, len(recs))
	}
	return out
}

// find returns the records whose raw fields match every non-empty field of want
// (council compared as given in the file).
func find(recs []Record, want findings.Raw) []Record {
	var out []Record
	for _, r := range recs {
		ok := true
		for i, w := range want {
			if w != "" && r.Raw[i] != w {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

func want(council, date, measure, value, area string) findings.Raw {
	var r findings.Raw
	r[findings.ColCouncil], r[findings.ColDate], r[findings.ColMeasure], r[findings.ColValue], r[findings.ColArea] = council, date, measure, value, area
	return r
}

func readHeader(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, err := csv.NewReader(f).Read()
	if err != nil {
		t.Fatal(err)
	}
	return cleanHeader(h)
}

func TestDetect(t *testing.T) {
	tests := []struct {
		file   string
		kind   Kind
		layout Layout
	}{
		{"csww_indicators_2017_to_2025_excerpt.csv", CSWW, LayoutCSWW2025},
		{"csww_headline_measures_2017_to_2022_excerpt.csv", CSWW, LayoutCSWW2022},
		{"ofsted_la_inspections_as_at_2025-03-31_excerpt.csv", OfstedOutcomes, LayoutOfstedLatest},
		{"ofsted_la_in_year_inspections_2024-25_excerpt.csv", OfstedOutcomes, LayoutOfstedInYear},
		{"ofsted_ilacs_inspection_history_2018-2025_excerpt.csv", OfstedOutcomes, LayoutOfstedHistory},
		{"ofsted_la_inspections_as_at_2023-03-31_excerpt.csv", OfstedOutcomes, LayoutOfstedLatest},
		{"ofsted_la_in_year_inspections_2022-23_excerpt.csv", OfstedOutcomes, LayoutOfstedInYear},
		{"ofsted_la_inspections_2009-2023_excerpt.csv", OfstedOutcomes, LayoutOfstedHistoric},
		{"ofsted_csc_ilacs_history_excerpt.csv", OfstedScrape, LayoutOfstedScrapeCSV},
	}
	for _, tt := range tests {
		h := readHeader(t, filepath.Join("testdata", tt.file))
		k, ok := Detect(h)
		l, _ := DetectLayout(h)
		if !ok || k != tt.kind || l != tt.layout {
			t.Errorf("%s: Detect = %q, %v, layout %q; want %q, %q", tt.file, k, ok, l, tt.kind, tt.layout)
		}
	}
	for _, h := range [][]string{
		{"council", "date", "measure", "value"},
		{"old_la_code", "la_name", "region_ind", "region_name", "SN_1"},
		{"time_period", "geographic_level", "la_name"}, // no measure columns
		{},
	} {
		if k, ok := Detect(h); ok {
			t.Errorf("Detect(%q) = %q, want not recognised", h, k)
		}
	}
}

func TestConvertErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name, kind, text, want string
	}{
		{"empty.csv", "", "", "empty.csv: empty file"},
		{"other.csv", "", "a,b\n1,2\n", "other.csv: header not recognised"},
		{"wrong.csv", string(CSWW), "Local authority name,Ofsted region,Inspection date,Overall effectiveness\nBarnet,London,2019-05-13,Good\n", "wrong.csv: asked for csww, but the header is a ofsted-outcomes file"},
		{"ragged.csv", "", "time_period,geographic_level,la_name,caseload_fte,inpost_fte,vacancy_rate_fte\n\"2025,x\n", "ragged.csv: line"},
	}
	for _, tt := range tests {
		_, err := Convert(ctx, Kind(tt.kind), tt.name, strings.NewReader(tt.text))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want prefix %q", tt.name, err, tt.want)
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Convert(cancelled, "", "x.csv", strings.NewReader("time_period,geographic_level,la_name,caseload_fte,inpost_fte,vacancy_rate_fte\n2025,National,,1,1,1\n")); err == nil {
		t.Error("cancelled context: no error")
	}
}

func TestWriteCSV(t *testing.T) {
	res := convertFile(t, "testdata/ofsted_la_in_year_inspections_2024-25_excerpt.csv", OfstedOutcomes, Options{})
	var buf bytes.Buffer
	if err := WriteCSV(&buf, res.Records); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(rows[0], ","), "council,date,published,measure,value,area,scope,qualifier,polarity,source,source_type,note"; got != want {
		t.Errorf("header %q, want %q", got, want)
	}
	if len(rows) != len(res.Records)+1 {
		t.Fatalf("%d rows written, want %d", len(rows)-1, len(res.Records))
	}
	p := findings.NewParser(reference.Default())
	for i, r := range rows[1:] {
		var raw findings.Raw
		copy(raw[:], r)
		if _, err := p.Parse(&raw); err != nil {
			t.Errorf("row %d: %v", i+2, err)
		}
	}
}

// Every excerpt's records parse, and every record names a line of its file.
func TestExcerptsParse(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.csv")
	if len(files) != 9 {
		t.Fatalf("%d excerpts, want 9", len(files))
	}
	for _, f := range files {
		res := convertFile(t, f, "", Options{})
		if len(res.Records) == 0 {
			t.Errorf("%s: no records", f)
		}
		parseAll(t, f, res.Records)
		for _, r := range res.Records {
			if r.Line < 2 || r.Line > res.Stats.RowsRead+1 {
				t.Errorf("%s: record line %d outside the file", f, r.Line)
			}
		}
	}
}
