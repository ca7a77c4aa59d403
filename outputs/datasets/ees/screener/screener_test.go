package screener

import (
	"bytes"
	"encoding/csv"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// files is a data file and its metadata file as cells, to break one rule
// at a time.
type files struct {
	dataName, metaName string
	data, meta         [][]string
	rawData, rawMeta   []byte // when set, sent as they are
}

// valid passes every check with no warning: National, Regional and Local
// authority rows for two years, a filter with a Total, a count and a
// percentage with their symbols.
func valid() *files {
	h := []string{"time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code", "region_name",
		"old_la_code", "new_la_code", "la_name", "phase", "pupils", "pupils_percent"}
	f := &files{dataName: "pupils.csv", metaName: "pupils.meta.csv", data: [][]string{h}}
	for _, y := range []string{"2024", "2025"} {
		for _, p := range [][]string{
			{"National", "", "", "", "", ""},
			{"Regional", "E12000001", "North East", "", "", ""},
			{"Local authority", "E12000001", "North East", "840", "E06000047", "County Durham"},
			{"Local authority", "E12000002", "North West", "909", "E10000006", "Cumbria"},
		} {
			for _, ph := range []string{"Total", "Primary"} {
				row := []string{y, "Reporting year", p[0], "E92000001", "England", p[1], p[2], p[3], p[4], p[5], ph, "120", "100"}
				if ph == "Primary" {
					row[11], row[12] = "60", "50"
				}
				f.data = append(f.data, row)
			}
		}
	}
	f.data[len(f.data)-1][11], f.data[len(f.data)-1][12] = "c", "c"
	f.data[len(f.data)-3][12] = "low"
	f.meta = [][]string{
		{"col_name", "col_type", "label", "indicator_grouping", "indicator_unit", "indicator_dp", "filter_hint", "filter_grouping_column"},
		{"phase", "Filter", "School phase", "", "", "", "Filter by school phase", ""},
		{"pupils", "Indicator", "Number of pupils", "Pupils", "", "0", "", ""},
		{"pupils_percent", "Indicator", "Percentage of pupils", "Pupils", "%", "1", "", ""},
	}
	return f
}

func (f *files) col(name string) int { return slices.Index(f.data[0], name) }

// set sets a column on every data row where match (nil: every row) holds.
func (f *files) set(name, v string, match func(row []string) bool) {
	j := f.col(name)
	for _, r := range f.data[1:] {
		if match == nil || match(r) {
			r[j] = v
		}
	}
}

// drop removes a data column.
func (f *files) drop(name string) {
	j := f.col(name)
	for i, r := range f.data {
		f.data[i] = slices.Delete(slices.Clone(r), j, j+1)
	}
}

// add appends a data column.
func (f *files) add(name string, v func(i int, row []string) string) {
	f.data[0] = append(f.data[0], name)
	for i, r := range f.data[1:] {
		f.data[i+1] = append(r, v(i, r))
	}
}

// rename renames a column in the data and the metadata.
func (f *files) rename(from, to string) {
	f.data[0][f.col(from)] = to
	for _, m := range f.meta[1:] {
		if m[0] == from {
			m[0] = to
		}
	}
}

// metaRow returns the metadata row of a column.
func (f *files) metaRow(name string) []string {
	for _, m := range f.meta[1:] {
		if m[0] == name {
			return m
		}
	}
	panic(name)
}

func level(lv string) func([]string) bool { return func(r []string) bool { return r[2] == lv } }

func encode(t *testing.T, rows [][]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(rows)
	return b.Bytes()
}

func (f *files) screen(t *testing.T, all bool) *Report {
	t.Helper()
	data, meta := f.rawData, f.rawMeta
	if data == nil {
		data = encode(t, f.data)
	}
	if meta == nil {
		meta = encode(t, f.meta)
	}
	return Screen(f.dataName, data, f.metaName, meta, Options{All: all})
}

func TestValidFilePasses(t *testing.T) {
	r := valid().screen(t, false)
	if r.Stopped != "" || len(r.Failures())+len(r.Warnings()) > 0 {
		t.Fatalf("stopped %q: %v %v", r.Stopped, r.Failures(), r.Warnings())
	}
	if len(r.Results) < 70 {
		t.Errorf("only %d checks ran", len(r.Results))
	}
	for _, x := range r.Results {
		if x.Stage == "" || x.Message == "" {
			t.Errorf("%+v", x)
		}
	}
}

// Each case breaks one rule of the screener and expects that check's
// outcome (others may fail with it; all runs every stage for rules that an
// earlier stage would otherwise stop before).
func TestEachRule(t *testing.T) {
	long := strings.Repeat("x", 121)
	cases := []struct {
		check string
		want  Outcome
		all   bool
		edit  func(f *files)
	}{
		{"check_filename_spaces", Fail, false, func(f *files) { f.dataName, f.metaName = "my pupils.csv", "my pupils.meta.csv" }},
		{"check_filename_special", Fail, false, func(f *files) { f.dataName, f.metaName = "pupils+1.csv", "pupils+1.meta.csv" }},
		{"check_filenames_match", Fail, false, func(f *files) { f.metaName = "pupils_meta.csv" }},
		{"read_data", Fail, false, func(f *files) { f.rawData = []byte("time_period,la_name\n2025,Caf\xe9\n") }},
		{"read_meta", Fail, false, func(f *files) { f.rawMeta = []byte("col_name,col_type\n\"phase,Filter\n") }},
		{"data_rows", Warning, false, func(f *files) { f.data = f.data[:1] }},
		{"precheck_col_req_meta", Fail, false, func(f *files) {
			for i := range f.meta {
				f.meta[i] = f.meta[i][:7]
			}
		}},
		{"precheck_col_invalid_meta", Fail, false, func(f *files) {
			for i := range f.meta {
				f.meta[i] = append(f.meta[i], "")
			}
			f.meta[0][8] = "notes"
		}},
		{"precheck_col_req_data", Fail, false, func(f *files) { f.drop("country_name") }},
		{"precheck_col_to_rows", Fail, false, func(f *files) {
			for i := range 7 {
				f.meta = append(f.meta, []string{"extra" + strconv.Itoa(i), "Indicator", "Extra " + strconv.Itoa(i), "", "", "0", "", ""})
			}
		}},
		{"precheck_col_name_duplicate", Fail, false, func(f *files) { f.add("pupils", func(int, []string) string { return "1" }) }},
		{"precheck_cross_meta_to_data", Fail, false, func(f *files) {
			f.meta = append(f.meta, []string{"teachers", "Indicator", "Number of teachers", "", "", "0", "", ""})
		}},
		{"precheck_cross_data_to_meta", Warning, false, func(f *files) {
			f.add("notes", func(i int, _ []string) string { return strconv.Itoa(i % 2) })
		}},
		{"check_col_names_spaces", Fail, false, func(f *files) { f.rename("phase", "school phase") }},
		{"check_col_snake_case", Warning, false, func(f *files) { f.rename("pupils", "Pupils") }},
		{"check_col_var_start", Warning, false, func(f *files) { f.rename("pupils", "2pupils") }},
		{"check_col_ind_smushed", Fail, false, func(f *files) { f.rename("pupils", "pupils_female") }},
		{"check_col_var_characteristic", Warning, false, func(f *files) { f.rename("phase", "characteristic") }},
		{"precheck_meta_col_type", Fail, false, func(f *files) { f.metaRow("phase")[1] = "filter" }},
		{"precheck_meta_ob_unit", Fail, false, func(f *files) {
			f.meta = append(f.meta, []string{"la_name", "Filter", "Local authority", "", "", "", "", ""})
		}},
		{"precheck_meta_col_name", Fail, false, func(f *files) {
			f.meta = append(f.meta, []string{"", "Indicator", "Nameless", "", "", "0", "", ""})
		}},
		{"check_meta_dupe_label", Fail, false, func(f *files) { f.metaRow("pupils_percent")[2] = "Number of pupils" }},
		{"check_meta_fil_grp", Fail, false, func(f *files) { f.metaRow("pupils")[7] = "phase" }},
		{"check_meta_fil_grp_dupe", Fail, false, func(f *files) {
			f.add("sector", func(i int, r []string) string { return r[10] })
			f.add("phase_group", func(int, []string) string { return "Total" })
			f.metaRow("phase")[7] = "phase_group"
			f.meta = append(f.meta, []string{"sector", "Filter", "Sector", "", "", "", "", "phase_group"})
		}},
		{"check_meta_fil_grp_is_fil", Warning, false, func(f *files) {
			f.add("phase_group", func(int, []string) string { return "Total" })
			f.metaRow("phase")[7] = "phase_group"
		}},
		{"check_meta_fil_grp_match", Fail, true, func(f *files) { f.metaRow("phase")[7] = "phase_group" }},
		{"check_meta_fil_grp_stripped", Fail, false, func(f *files) {
			f.add("stage", func(i int, r []string) string {
				if r[10] == "Total" {
					return "Total"
				}
				return []string{"Key stage 1", "Key-stage 1"}[i%4/2]
			})
			f.metaRow("phase")[7] = "stage"
			f.meta = append(f.meta, []string{"stage", "Filter", "Key stage", "", "", "", "", ""})
		}},
		{"check_meta_label", Fail, false, func(f *files) { f.metaRow("pupils")[2] = " " }},
		{"check_meta_filter_hint", Fail, false, func(f *files) { f.metaRow("pupils")[6] = "Filter by pupils" }},
		{"check_meta_geog_catch", Fail, false, func(f *files) { f.rename("phase", "local_code") }},
		{"check_meta_indicator_dp", Fail, false, func(f *files) { f.metaRow("phase")[5] = "0" }},
		{"check_meta_col_name_spaces", Fail, true, func(f *files) { f.metaRow("pupils")[0] = "pupils " }},
		{"check_meta_col_name_dupe", Fail, false, func(f *files) {
			f.meta = append(f.meta, []string{"pupils", "Indicator", "Pupils again", "", "", "0", "", ""})
		}},
		{"check_meta_ind_dp_set", Warning, false, func(f *files) { f.metaRow("pupils")[5] = "" }},
		{"check_meta_ind_dp_values", Fail, false, func(f *files) { f.metaRow("pupils")[5] = "1.5" }},
		{"check_meta_ind_unit", Fail, false, func(f *files) { f.metaRow("phase")[4] = "%" }},
		{"check_meta_ind_unit_validation", Fail, false, func(f *files) { f.metaRow("pupils_percent")[4] = "percent" }},
		{"check_meta_indicator_grouping", Fail, false, func(f *files) { f.metaRow("phase")[3] = "Pupils" }},
		{"check_general_null", Fail, false, func(f *files) { f.data[3][11] = "NA" }},
		{"check_general_null", Fail, false, func(f *files) { f.metaRow("pupils")[3] = "NULL" }},
		{"check_general_null", Warning, false, func(f *files) { f.set("phase", ".", func(r []string) bool { return r[10] == "Primary" }) }},
		{"precheck_filter_not_singular", Fail, false, func(f *files) { f.set("phase", "Total", nil) }},
		{"precheck_time_period_num", Fail, false, func(f *files) { f.set("time_period", "2024-25", nil) }},
		{"precheck_time_id_valid", Fail, false, func(f *files) { f.set("time_identifier", "Reporting Year", nil) }},
		{"precheck_time_id_mix", Fail, false, func(f *files) { f.data[5][1] = "Calendar year" }},
		{"precheck_geog_level", Fail, false, func(f *files) { f.set("geographic_level", "Local Authority", level("Local authority")) }},
		{"precheck_geog_level_present", Fail, false, func(f *files) { f.drop("region_code"); f.drop("region_name") }},
		{"check_time_period", Fail, false, func(f *files) { f.set("time_identifier", "Academic year", nil) }},
		{"check_time_period_six", Fail, false, func(f *files) {
			f.set("time_identifier", "Academic year", nil)
			f.set("time_period", "202426", nil)
		}},
		{"check_filter_defaults", Warning, false, func(f *files) { f.set("phase", "All phases", func(r []string) bool { return r[10] == "Total" }) }},
		{"check_filter_group_level", Fail, false, func(f *files) {
			f.add("phase_group", func(i int, _ []string) string { return []string{"Total", "A", "B"}[i%3] })
			f.metaRow("phase")[7] = "phase_group"
			f.meta = append(f.meta, []string{"phase_group", "Filter", "Phase group", "", "", "", "", ""})
		}},
		{"check_filter_item_limit", Fail, false, func(f *files) {
			base := f.data[1]
			f.data = f.data[:1]
			for i := range 25001 {
				row := slices.Clone(base)
				row[10] = "Item " + strconv.Itoa(i)
				f.data = append(f.data, row)
			}
			f.data[1][10] = "Total"
		}},
		{"check_filter_whitespace", Fail, false, func(f *files) { f.set("phase", "Primary ", func(r []string) bool { return r[10] == "Primary" }) }},
		{"check_filter_ob_total", Fail, false, func(f *files) { f.set("la_name", "All", level("National")) }},
		{"check_filter_blanks", Fail, false, func(f *files) { f.data[2][10] = "" }},
		{"check_general_dupes", Fail, false, func(f *files) { f.data = append(f.data, slices.Clone(f.data[4])) }},
		{"check_geog_country_combos", Fail, false, func(f *files) { f.set("country_name", "england", nil) }},
		{"check_geog_region_combos", Fail, false, func(f *files) {
			f.set("region_name", "North-East", func(r []string) bool { return r[6] == "North East" })
		}},
		{"check_geog_la_combos", Fail, false, func(f *files) { f.set("la_name", "Durham", func(r []string) bool { return r[9] == "County Durham" }) }},
		{"check_geog_level_completed", Fail, false, func(f *files) { f.data[6][7] = "" }},
		{"check_geog_ignored_rows", Warning, false, func(f *files) {
			row := slices.Clone(f.data[1])
			row[2] = "Planning area"
			f.data = append(f.data, row)
		}},
		{"check_geog_la_col_present", Fail, false, func(f *files) {
			f.data = slices.DeleteFunc(f.data, level("Local authority"))
			f.drop("old_la_code")
			f.drop("new_la_code")
		}},
		{"check_geog_region_col_present", Fail, false, func(f *files) {
			f.data = slices.DeleteFunc(f.data, func(r []string) bool { return r[2] != "National" && r[0] != "time_period" })
			for _, c := range []string{"region_code", "old_la_code", "new_la_code", "la_name"} {
				f.drop(c)
			}
		}},
		{"check_geog_region_for_la", Warning, false, func(f *files) {
			f.set("region_code", "", level("Local authority"))
			f.set("region_name", "", level("Local authority"))
		}},
		{"check_geog_overcompleted_cols", Fail, false, func(f *files) {
			f.set("region_code", "E12000001", level("National"))
			f.set("region_name", "North East", level("National"))
		}},
		{"region_col_completed", Fail, false, func(f *files) { f.data[6][5] = "" }},
		{"new_la_code", Fail, false, func(f *files) { f.set("new_la_code", "E0600047", func(r []string) bool { return r[8] == "E06000047" }) }},
		{"old_la_code", Fail, false, func(f *files) { f.set("old_la_code", "84", func(r []string) bool { return r[7] == "840" }) }},
		{"region_code", Fail, false, func(f *files) { f.set("region_code", "E1200001", func(r []string) bool { return r[5] == "E12000001" }) }},
		{"check_geog_la_region", Fail, false, func(f *files) {
			f.set("region_code", "E12000002", func(r []string) bool { return r[9] == "County Durham" })
			f.set("region_name", "North West", func(r []string) bool { return r[9] == "County Durham" })
		}},
		{"check_ind_invalid_entry", Fail, false, func(f *files) { f.data[3][11] = "" }},
		{"check_ind_invalid_entry", Fail, false, func(f *files) { f.data[3][12] = ":" }},
		{"check_ind_symbol_form", Fail, false, func(f *files) { f.data[3][12] = "[c]" }},
		{"check_ind_symbol_form", Fail, false, func(f *files) { f.data[3][12] = "LOW" }},
		{"check_ind_numeric", Fail, false, func(f *files) { f.data[3][11] = "1,234" }},
		{"check_ind_numeric", Fail, false, func(f *files) { f.data[3][12] = "45%" }},
		{"check_api_char_col_name", Warning, false, func(f *files) { f.rename("pupils", "pupils_"+strings.Repeat("a", 44)) }},
		{"check_api_char_col_label", Warning, false, func(f *files) { f.metaRow("pupils")[2] = long }},
		{"check_api_char_loc_code", Warning, false, func(f *files) {
			f.add("planning_area_code", func(int, []string) string { return "" })
			f.add("planning_area_name", func(int, []string) string { return "" })
			row := slices.Clone(f.data[1])
			row[2], row[13], row[14] = "Planning area", strings.Repeat("P", 31), "Somewhere"
			f.data = append(f.data, row)
		}},
		{"check_api_char_filter_items", Warning, false, func(f *files) { f.set("phase", long, func(r []string) bool { return r[10] == "Primary" }) }},
	}
	covered := map[string]bool{}
	for _, c := range cases {
		covered[c.check] = true
		t.Run(c.check, func(t *testing.T) {
			f := valid()
			c.edit(f)
			r := f.screen(t, c.all)
			got, ok := r.Result(c.check)
			if !ok {
				t.Fatalf("%s did not run (stopped after %q): %v", c.check, r.Stopped, r.Failures())
			}
			if got.Outcome != c.want {
				t.Fatalf("%s = %s (%s), want %s; failures %v", c.check, got.Outcome, got.Message, c.want, r.Failures())
			}
			if c.want == Fail && r.Err() == nil {
				t.Error("Err is nil with a failure")
			}
		})
	}
	// Every check the screener runs on a valid file has a case that breaks it.
	for _, x := range valid().screen(t, false).Results {
		if !covered[x.Check] {
			t.Errorf("no case breaks %s", x.Check)
		}
	}
}

// A stage with a failure stops the screening, as the published screener
// does; All runs every stage.
func TestStopsAfterAFailedStage(t *testing.T) {
	f := valid()
	f.drop("country_name")
	r := f.screen(t, false)
	if r.Stopped != "Precheck columns" {
		t.Fatalf("stopped %q", r.Stopped)
	}
	if _, ran := r.Result("check_time_period"); ran {
		t.Error("checks ran after the failed stage")
	}
	r = f.screen(t, true)
	if r.Stopped != "" {
		t.Errorf("stopped %q with All", r.Stopped)
	}
	if _, ran := r.Result("check_api_char_col_name"); !ran {
		t.Error("All did not run every stage")
	}
}

// DfE's own workforce file, as published on EES, passes with a metadata
// file describing its indicators: the screener does not reject real data.
func TestRealDfEFilePasses(t *testing.T) {
	path := "../../../../../shared/data/real/csww_indicators_2017_to_2025.csv"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skip("no ../shared/data/real:", err)
	}
	header, err := csv.NewReader(bytes.NewReader(data)).Read()
	if err != nil {
		t.Fatal(err)
	}
	meta := [][]string{valid().meta[0]}
	for _, h := range header {
		if obUnits[strings.TrimPrefix(h, "\ufeff")] {
			continue
		}
		unit, dp := "", "1"
		if strings.Contains(h, "rate") {
			unit = "%"
		}
		if strings.HasSuffix(h, "headcount") || h == "cases" {
			dp = "0"
		}
		meta = append(meta, []string{h, "Indicator", strings.ReplaceAll(h, "_", " "), "", unit, dp, "", ""})
	}
	r := Screen("csww_indicators.csv", data, "csww_indicators.meta.csv", encode(t, meta), Options{})
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	for _, w := range r.Warnings() {
		t.Log(w)
	}
}

func BenchmarkScreen(b *testing.B) {
	f := valid()
	base := f.data[1:]
	for y := 2000; y < 2024; y++ { // 26 years of 16 rows
		for _, r := range base[:8] {
			row := slices.Clone(r)
			row[0] = strconv.Itoa(y)
			f.data = append(f.data, row)
		}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.WriteAll(f.data)
	data := buf.Bytes()
	buf2 := bytes.Buffer{}
	w = csv.NewWriter(&buf2)
	w.WriteAll(f.meta)
	meta := buf2.Bytes()
	for b.Loop() {
		if err := Screen(f.dataName, data, f.metaName, meta, Options{}).Err(); err != nil {
			b.Fatal(err)
		}
	}
}
