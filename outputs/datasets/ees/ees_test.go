package ees

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func sample() *Dataset {
	return &Dataset{
		Name: "pupils", Identifier: ReportingYear,
		Columns: []Column{
			{Name: "pupils", Role: Indicator, Label: "Number of pupils", DP: 0},
			{Name: "phase", Role: Filter, Label: "Phase", Hint: "Filter by phase", Blank: "Unknown"},
			{Name: "change", Role: Indicator, Label: "Change", Unit: "pp", DP: 1, Blank: NotApplicable},
			{Name: "grade", Role: Indicator, Label: "Grade", Text: true, Grouping: "Ofsted"},
			{Name: "as_of", Role: Filter, Label: "As of"},
		},
		Rows: []Row{
			{Period: "2025", Place: Place{Level: National}, Cells: []string{"120", "Total", "-0.5", "good", "2025-03-31"}},
			{Period: "2025", Place: Place{Level: Regional, Region: "North East"}, Cells: []string{"", "", "", "=cmd()", "2025-03-31"}},
			{Period: "2025", Place: Place{Level: LocalAuthority, Region: "North East", OldLA: "840", NewLA: "E06000047", LA: "County Durham"},
				Cells: []string{"[c]", "Primary", "[low]", "@risk", "2025-03-31"}},
		},
	}
}

func TestEncode(t *testing.T) {
	data, meta, err := Encode(sample())
	if err != nil {
		t.Fatal(err)
	}
	wantData := `time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,phase,as_of,pupils,change,grade
2025,Reporting year,National,E92000001,England,,,,,,Total,2025-03-31,120,-0.5,good
2025,Reporting year,Regional,E92000001,England,E12000001,North East,,,,Unknown,2025-03-31,x,z,'=cmd()
2025,Reporting year,Local authority,E92000001,England,E12000001,North East,840,E06000047,County Durham,Primary,2025-03-31,c,low,'@risk
`
	if string(data) != wantData {
		t.Errorf("data:\n%s\nwant:\n%s", data, wantData)
	}
	// as_of has one item: not in the metadata. The text indicator has no
	// unit or decimal places; the filter no indicator fields.
	wantMeta := `col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column
phase,Filter,Phase,,,,Filter by phase,
pupils,Indicator,Number of pupils,,,0,,
change,Indicator,Change,,pp,1,,
grade,Indicator,Grade,Ofsted,,,,
`
	if string(meta) != wantMeta {
		t.Errorf("meta:\n%s\nwant:\n%s", meta, wantMeta)
	}
	again, meta2, _ := Encode(sample())
	if !bytes.Equal(data, again) || !bytes.Equal(meta, meta2) {
		t.Error("two encodings differ")
	}
}

// A file with National rows only has no region or LA columns; one with
// regions and no councils has no LA columns.
func TestGeographyColumns(t *testing.T) {
	d := sample()
	d.Rows = d.Rows[:1]
	data, _, err := Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	if h, _, _ := strings.Cut(string(data), "\n"); h != "time_period,time_identifier,geographic_level,country_code,country_name,phase,as_of,pupils,change,grade" {
		t.Errorf("national header %s", h)
	}
	d = sample()
	d.Rows = d.Rows[:2]
	data, _, _ = Encode(d)
	if h, _, _ := strings.Cut(string(data), "\n"); !strings.Contains(h, "region_name,phase") {
		t.Errorf("regional header %s", h)
	}
}

func TestEncodeErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(d *Dataset)
		want string
	}{
		{"region", func(d *Dataset) { d.Rows[1].Place.Region = "Wessex" }, `row 2: "Wessex" is not an English region`},
		{"blank filter", func(d *Dataset) { d.Columns[1].Blank = "" }, "filter phase is blank"},
		{"cells", func(d *Dataset) { d.Rows[0].Cells = d.Rows[0].Cells[:2] }, "row 1: 2 cells for 5 columns"},
		{"level", func(d *Dataset) { d.Rows[0].Place.Level = "Country" }, `geographic level "Country"`},
		{"role", func(d *Dataset) { d.Columns[0].Role = 0 }, "has no role"},
		{"twice", func(d *Dataset) { d.Columns[2].Name = "pupils" }, `column "pupils" twice`},
		{"symbol", func(d *Dataset) { d.Columns[2].Blank = "[z]" }, "not a GSS symbol"},
		{"identifier", func(d *Dataset) { d.Identifier = "" }, "no time identifier"},
		{"name", func(d *Dataset) { d.Name = "../x" }, "dataset name"},
	} {
		d := sample()
		c.edit(d)
		if _, _, err := Encode(d); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
}

func TestSymbol(t *testing.T) {
	for in, want := range map[string]string{"[c]": "c", "c": "c", "[low]": "low", "u": "u", "[x]": "x", "z": "z"} {
		if got, ok := Symbol(in); !ok || got != want {
			t.Errorf("Symbol(%q) = %q %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "C", "[]", "[c", "n/a", "0", "good"} {
		if _, ok := Symbol(in); ok {
			t.Errorf("Symbol(%q) accepted", in)
		}
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	var seen []string
	err := Write(dir, sample(), func(dn string, data []byte, mn string, meta []byte) error {
		seen = append(seen, dn, mn)
		return nil
	})
	if err != nil || strings.Join(seen, ",") != "pupils.csv,pupils.meta.csv" {
		t.Fatalf("%v %v", err, seen)
	}
	want, wantMeta, _ := Encode(sample())
	got, _ := os.ReadFile(filepath.Join(dir, "pupils.csv"))
	gotMeta, _ := os.ReadFile(filepath.Join(dir, "pupils.meta.csv"))
	if !bytes.Equal(got, want) || !bytes.Equal(gotMeta, wantMeta) {
		t.Error("written files differ from the encoding")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d files left", len(entries))
	}

	// A screen that objects stops the write.
	dir = t.TempDir()
	err = Write(dir, sample(), func(string, []byte, string, []byte) error { return errors.New("check_meta_label: no label") })
	if !errors.Is(err, ErrScreen) || !strings.Contains(err.Error(), "pupils.csv") || !strings.Contains(err.Error(), "check_meta_label") {
		t.Fatalf("got %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("wrote %v", entries)
	}
}

// The region codes are DfE's: the codes of its own workforce file.
func TestRegionCodesMatchDfE(t *testing.T) {
	b, err := os.ReadFile("../../../../shared/data/real/csww_indicators_2017_to_2025.csv")
	if err != nil {
		t.Skip("no ../shared/data/real:", err)
	}
	for _, r := range Regions {
		if !bytes.Contains(b, []byte(","+r.Code+","+r.Name+",")) {
			t.Errorf("%s %s is not in DfE's file", r.Code, r.Name)
		}
	}
	if !bytes.Contains(b, []byte(","+England.Code+","+England.Name+",")) {
		t.Error("England's code is not DfE's")
	}
}
