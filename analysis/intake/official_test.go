package intake

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/official"
)

// Official files are read directly, recognised by their header: each is
// converted as `oversight import` would, every finding accounted for, and
// national and regional rows kept as reference figures.
func TestOfficialFilesReadDirectly(t *testing.T) {
	dir := "../official/testdata"
	for _, name := range []string{"csww_indicators_2017_to_2025_excerpt.csv", "ofsted_ilacs_inspection_history_2018-2025_excerpt.csv", "ofsted_la_inspections_2009-2023_excerpt.csv"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			res := load(t, path)
			f := res.Files[0]
			if f.Error != "" || f.Layout == "" {
				t.Fatalf("not read as an official file: %+v", f)
			}
			raw, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			conv, err := official.Convert(context.Background(), "", path, raw)
			raw.Close()
			if err != nil {
				t.Fatal(err)
			}
			if f.Read != len(conv.Records) || f.Accepted+f.Duplicates != len(conv.Records) || f.Rejected != 0 {
				t.Errorf("read %d, accepted %d, duplicates %d, rejected %d; the conversion gives %d findings", f.Read, f.Accepted, f.Duplicates, f.Rejected, len(conv.Records))
			}
			if len(res.References) != len(conv.References) {
				t.Errorf("%d reference figures, want %d", len(res.References), len(conv.References))
			}
			if !strings.Contains(strings.Join(f.Notices, " "), string(conv.Layout)) {
				t.Errorf("notices do not name the layout: %q", f.Notices)
			}
		})
	}
	// Forcing a kind that the header is not rejects the file whole.
	res, err := Load(context.Background(), []string{"testdata/mixed/a_utf8.csv"}, Options{Format: "csww"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files[0].Error == "" || !strings.Contains(res.Files[0].Error, "csww") {
		t.Errorf("a findings file read as csww: %+v", res.Files[0])
	}
}

// A reference-figures file written by `oversight import --references` is
// read back as reference figures, each row accepted or rejected with its line.
func TestReferenceFiguresFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "refs.csv")
	os.WriteFile(p, []byte("level,region,code,date,measure,value,sub_region,source\n"+
		"national,England,E92000001,2025-09-30,caseload,15.2,,DfE\n"+
		"regional,London,E12000007,2025-09-30,vacancy_rate,19.4,,DfE\n"+
		"county,Kent,,2025-09-30,caseload,17,,x\n"), 0o644)
	res := load(t, p)
	f := res.Files[0]
	if f.Layout != ReferenceLayout || f.Read != 3 || f.Accepted != 2 || f.Rejected != 1 || len(res.References) != 2 {
		t.Fatalf("%+v, %d references", f, len(res.References))
	}
	if r := res.References[0]; r.Region != "England" || r.Value != 15.2 || r.Date.String() != "2025-09-30" {
		t.Errorf("first reference %+v", r)
	}
	if !strings.Contains(res.Rejects[0].Reason, `level "county" is not national or regional`) || res.Rejects[0].Line != 4 {
		t.Errorf("reject %+v", res.Rejects[0])
	}
}
