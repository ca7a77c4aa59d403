// Package screener checks a data file and its EES metadata file against
// DfE's published data screener, the checks every file must pass before it
// is uploaded to Explore Education Statistics. The rules and their names are
// those of the screener's R package (dfe-analytical-services/eesyscreener,
// screen_dfs and screen_filenames), run in its order and stages: a stage with
// a failure stops the screening, as there. A few checks come from the
// screener's previous version (dfe-published-data-qa, R/mainTests.r) or from
// the analysts' guide the screener enforces ("Open data standards",
// statistics-production/ud.html); each says so below.
//
// Implemented, by stage (F: fails the file, W: a warning, as the screener
// grades them):
//
//	Check filenames     check_filename_spaces F, check_filename_special F (letters, digits, - and _ only),
//	                    check_filenames_match F (x.csv and x.meta.csv)
//	Read files          read_data F, read_meta F (CSV that parses, UTF-8: the guide's "Data format"),
//	                    data_rows W (a data file with no rows: the R screener cannot screen one)
//	Precheck columns    precheck_col_req_meta F, precheck_col_invalid_meta F, precheck_col_req_data F
//	                    (time_period, time_identifier, geographic_level, country_code, country_name),
//	                    precheck_col_to_rows F, precheck_col_name_duplicate F
//	Precheck cross-file precheck_cross_meta_to_data F, precheck_cross_data_to_meta W
//	Check columns       check_col_names_spaces F, check_col_snake_case W, check_col_var_start W,
//	                    check_col_ind_smushed F, check_col_var_characteristic W
//	Precheck meta       precheck_meta_col_type F, precheck_meta_ob_unit F, precheck_meta_col_name F
//	Check meta          check_meta_dupe_label F, check_meta_fil_grp F, check_meta_fil_grp_dupe F,
//	                    check_meta_fil_grp_is_fil W, check_meta_fil_grp_match F, check_meta_fil_grp_stripped F,
//	                    check_meta_label F, check_meta_filter_hint F, check_meta_geog_catch F,
//	                    check_meta_indicator_dp F, check_meta_col_name_spaces F, check_meta_col_name_dupe F,
//	                    check_meta_ind_dp_set W, check_meta_ind_dp_values F, check_meta_ind_unit F,
//	                    check_meta_ind_unit_validation F (%, pp, £, £m, numberstring), check_meta_indicator_grouping F
//	Check general       check_general_null F (NULL, NA) / W (legacy N/A . .. -)
//	Precheck filters    precheck_filter_not_singular F
//	Precheck time       precheck_time_period_num F, precheck_time_id_valid F, precheck_time_id_mix F
//	Precheck geography  precheck_geog_level F, precheck_geog_level_present F
//	Check time          check_time_period F (4 or 6 digits by identifier), check_time_period_six F
//	Check filters       check_filter_defaults W (a Total or filter_default item), check_filter_group_level F,
//	                    check_filter_item_limit F (25,000; graded "ERROR" there), check_filter_whitespace F,
//	                    check_filter_ob_total F,
//	                    check_filter_blanks F
//	Check general       check_general_dupes F
//	Check geography     check_geog_country_combos F, check_geog_region_combos F, check_geog_la_combos F
//	                    (against the reference list of councils, current and previous codes, and EES's
//	                    joint returns such as "314 / 318"),
//	                    check_geog_level_completed F, check_geog_ignored_rows W/F, check_geog_la_col_present F,
//	                    check_geog_region_col_present F, check_geog_region_for_la W, check_geog_overcompleted_cols F;
//	                    from dfe-published-data-qa: region_col_completed F, new_la_code F (9 characters),
//	                    old_la_code F (3 digits), region_code F (a letter and 8 digits, or z / x);
//	                    from the guide's LA-in-region hierarchy (DfE's region_la_hierarchy lookup):
//	                    check_geog_la_region F (an LA row's region is the council's; Inner or Outer
//	                    London for a London council, as DfE's own files have it)
//	Check indicators    check_ind_invalid_entry F (no blank cell, no legacy ~ or :);
//	                    from the guide's "Data symbols" and "Indicators": check_ind_symbol_form F (a symbol
//	                    is bare and lower case, c x z low u, never the spreadsheet shorthand [c]),
//	                    check_ind_numeric F (an indicator with a unit or decimal places holds numbers
//	                    without commas, units or spaces, or a symbol)
//	Check API           check_api_char_col_name W (50), check_api_char_col_label W (100),
//	                    check_api_char_loc_code W (30), check_api_char_filter_items W (120)
//
// Left out, with the reason:
//
//   - check_zip_* (zip uploads): files are written and screened one pair at a time, never zipped.
//   - check_geog_lad/pcon/lep/lsip/eda/ward_combos, check_geog_region_for_lad, check_geog_na,
//     check_geog_na_code, check_geog_other_dupes, check_geog_other_code_dupes: they apply only to
//     levels below or beside Local authority (districts, constituencies, wards, MATs...), which this
//     project never writes and whose lookups it does not hold; a file with such a level still gets
//     precheck_geog_level, precheck_geog_level_present, check_geog_level_completed and
//     check_geog_overcompleted_cols.
//   - check_api_dict_col_names and check_harmonised: they compare names and filter items with DfE's
//     data dictionary and harmonised lists (sex, ethnicity, school types), which are not part of the
//     standard for upload (an API-only warning) and name nothing in this project's files.
//   - three_years (dfe-published-data-qa, advisory, dropped from eesyscreener): snapshot files have
//     one time period by design; the time series carries every year.
//   - check_empty_cols / check_empty_rows (early eesyscreener, dropped): the blank filter and blank
//     indicator checks find the same cells.
//
// Where the two screeners disagree, eesyscreener wins: it wants a filter
// group also listed as a col_name (a warning), dfe-published-data-qa forbade
// it; its regions lookup takes z codes, which the older region_code rule did
// not.
package screener

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/oversight/oversight/analysis/reference"
)

// Outcome grades a check.
type Outcome uint8

const (
	Pass Outcome = iota
	Warning
	Fail
)

func (o Outcome) String() string {
	switch o {
	case Warning:
		return "WARNING"
	case Fail:
		return "FAIL"
	}
	return "PASS"
}

// Result is one check's outcome.
type Result struct {
	Stage   string
	Check   string
	Outcome Outcome
	Message string
}

func (r Result) String() string { return fmt.Sprintf("%s %s: %s", r.Outcome, r.Check, r.Message) }

// Report is every check run on a pair of files.
type Report struct {
	Data, Meta string
	Results    []Result
	// Stopped names the stage after which the screening stopped because a
	// check in it failed; blank when every stage ran.
	Stopped string
}

// Failures are the failed checks.
func (r *Report) Failures() []Result { return r.with(Fail) }

// Warnings are the checks that warned.
func (r *Report) Warnings() []Result { return r.with(Warning) }

func (r *Report) with(o Outcome) []Result {
	var out []Result
	for _, x := range r.Results {
		if x.Outcome == o {
			out = append(out, x)
		}
	}
	return out
}

// Result returns a check's result.
func (r *Report) Result(check string) (Result, bool) {
	for _, x := range r.Results {
		if x.Check == check {
			return x, true
		}
	}
	return Result{}, false
}

// Err is nil when no check failed; otherwise it lists the failures.
func (r *Report) Err() error {
	f := r.Failures()
	if len(f) == 0 {
		return nil
	}
	msgs := make([]string, len(f))
	for i, x := range f {
		msgs[i] = x.Check + ": " + x.Message
	}
	return errors.New(strings.Join(msgs, "; "))
}

// Options adjust the screening.
type Options struct {
	// Councils are the valid local authorities (old_la_code, new_la_code,
	// la_name and region); nil means the embedded reference list.
	Councils *reference.List
	// All runs every stage even after one fails (the published screener
	// stops there); for a full list of what a file lacks.
	All bool
}

// ScreenFiles screens a data file and its metadata file on disk.
func ScreenFiles(dataPath, metaPath string, opt Options) (*Report, error) {
	data, err := os.ReadFile(dataPath)
	if err != nil {
		return nil, err
	}
	meta, err := os.ReadFile(metaPath)
	if err != nil {
		return nil, err
	}
	return Screen(filepath.Base(dataPath), data, filepath.Base(metaPath), meta, opt), nil
}

// Screen screens a data file and its metadata file given as bytes, with
// the names they are (or will be) published under.
func Screen(dataName string, data []byte, metaName string, meta []byte, opt Options) *Report {
	s := &screen{rep: &Report{Data: dataName, Meta: metaName}, ref: opt.Councils}
	if s.ref == nil {
		s.ref = reference.Default()
	}
	stages := []struct {
		name   string
		checks []func()
	}{
		{"Check filenames", []func(){s.filenameSpaces, s.filenameSpecial, s.filenamesMatch}},
		{"Read files", []func(){func() { s.read(data, meta) }}},
		{"Precheck columns", []func(){s.reqMeta, s.invalidMeta, s.reqData, s.colToRows, s.colNameDuplicate}},
		{"Precheck cross-file", []func(){s.metaToData, s.dataToMeta}},
		{"Check columns", []func(){s.colNamesSpaces, s.colSnakeCase, s.colVarStart, s.colIndSmushed, s.colVarCharacteristic}},
		{"Precheck meta", []func(){s.metaColType, s.metaObUnit, s.metaColName}},
		{"Check meta", []func(){s.metaDupeLabel, s.metaFilGrp, s.metaFilGrpDupe, s.metaFilGrpIsFil, s.metaFilGrpMatch,
			s.metaFilGrpStripped, s.metaLabel, s.metaFilterHint, s.metaGeogCatch, s.metaIndicatorDP, s.metaColNameSpaces,
			s.metaColNameDupe, s.metaIndDPSet, s.metaIndDPValues, s.metaIndUnit, s.metaIndUnitValidation, s.metaIndicatorGrouping}},
		{"Check general", []func(){s.generalNull}},
		{"Precheck filters", []func(){s.filterNotSingular}},
		{"Precheck time", []func(){s.timePeriodNum, s.timeIDValid, s.timeIDMix}},
		{"Precheck geography", []func(){s.geogLevel, s.geogLevelPresent}},
		{"Check time", []func(){s.timePeriod, s.timePeriodSix}},
		{"Check filters", []func(){s.filterDefaults, s.filterGroupLevel, s.filterItemLimit, s.filterWhitespace, s.filterObTotal, s.filterBlanks}},
		{"Check general dupes", []func(){s.generalDupes}},
		{"Check geography", []func(){s.geogCountryCombos, s.geogRegionCombos, s.geogLACombos, s.geogLevelCompleted, s.geogIgnoredRows,
			s.geogLAColPresent, s.geogRegionColPresent, s.geogRegionForLA, s.geogOvercompletedCols, s.regionColCompleted,
			s.newLACode, s.oldLACode, s.regionCode, s.geogLARegion}},
		{"Check indicators", []func(){s.indInvalidEntry, s.indSymbolForm, s.indNumeric}},
		{"Check API", []func(){s.apiColName, s.apiColLabel, s.apiLocCode, s.apiFilterItems}},
	}
	for _, st := range stages {
		s.stage = st.name
		failed := false
		for _, c := range st.checks {
			n := len(s.rep.Results)
			c()
			for _, r := range s.rep.Results[n:] {
				failed = failed || r.Outcome == Fail
			}
		}
		if failed && !opt.All {
			s.rep.Stopped = st.name
			break
		}
	}
	return s.rep
}

// frame is a CSV file as columns.
type frame struct {
	header []string
	cols   map[string]*column // by name; the first of duplicate names
	n      int                // rows
}

func (f *frame) has(name string) bool { _, ok := f.cols[name]; return ok }

// column is a data column, dictionary-encoded: each row's value is an index
// into dict, the column's distinct values in the order they first appear.
// A file is mostly repeats (levels, places, periods, filter items,
// symbols), so it is held in a fraction of the memory of a string per cell,
// and the distinct values the checks ask for need no further pass.
type column struct {
	ids    []uint32
	dict   []string
	sorted []string // dict sorted, once asked for
}

func (c *column) at(i int) string { return c.dict[c.ids[i]] }

// col is a data column, or blanks when the file has no such column (the
// checks after a failed stage, with Options.All, must not stop on it).
func (s *screen) col(name string) *column {
	if c, ok := s.data.cols[name]; ok {
		return c
	}
	if s.blank == nil {
		s.blank = &column{ids: make([]uint32, s.data.n)}
		if s.data.n > 0 {
			s.blank.dict = []string{""}
		}
	}
	return s.blank
}

// metaRow is one row of the metadata file.
type metaRow struct {
	name, typ, label, grouping, unit, dp, hint, group, def string
}

type screen struct {
	rep      *Report
	ref      *reference.List
	stage    string
	data     frame
	meta     []metaRow
	metaHead []string
	blank    *column
}

func (s *screen) add(check string, o Outcome, format string, args ...any) {
	s.rep.Results = append(s.rep.Results, Result{Stage: s.stage, Check: check, Outcome: o, Message: fmt.Sprintf(format, args...)})
}

// pass records a pass, or the outcome o with a message naming the bad
// values, when there are any.
func (s *screen) verdict(check string, bad []string, o Outcome, ok, format string) {
	if len(bad) == 0 {
		s.add(check, Pass, "%s", ok)
		return
	}
	s.add(check, o, format, quoteList(bad))
}

// quoteList is 'a', 'b', 'c' and n more.
func quoteList(v []string) string {
	const show = 8
	var b strings.Builder
	for i, x := range v {
		if i == show {
			fmt.Fprintf(&b, " and %d more", len(v)-show)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(x))
	}
	return b.String()
}

func (s *screen) read(data, meta []byte) {
	var err error
	if s.data, err = parse(data); err != nil {
		s.add("read_data", Fail, "%s cannot be read as UTF-8 CSV: %v", s.rep.Data, err)
	} else {
		s.add("read_data", Pass, "%s is UTF-8 CSV with %d columns and %d rows", s.rep.Data, len(s.data.header), s.data.n)
		if s.data.n == 0 {
			s.add("data_rows", Warning, "%s has no rows: EES would have nothing to show", s.rep.Data)
		}
	}
	m, err := parse(meta)
	if err != nil {
		s.add("read_meta", Fail, "%s cannot be read as UTF-8 CSV: %v", s.rep.Meta, err)
		return
	}
	s.metaHead = m.header
	get := func(col string, i int) string {
		if c, ok := m.cols[col]; ok {
			return c.at(i)
		}
		return ""
	}
	for i := 0; i < m.n; i++ {
		s.meta = append(s.meta, metaRow{
			name: get("col_name", i), typ: get("col_type", i), label: get("label", i), grouping: get("indicator_grouping", i),
			unit: get("indicator_unit", i), dp: get("indicator_dp", i), hint: get("filter_hint", i),
			group: get("filter_grouping_column", i), def: get("filter_default", i),
		})
	}
	s.add("read_meta", Pass, "%s is UTF-8 CSV with %d rows", s.rep.Meta, m.n)
}

func parse(b []byte) (frame, error) {
	if !utf8.Valid(b) {
		return frame{}, errors.New("not UTF-8")
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if f, ok := parsePlain(b); ok {
		return f, nil
	}
	r := csv.NewReader(bytes.NewReader(b))
	header, err := r.Read()
	if err == io.EOF || err == nil && len(header) == 0 {
		return frame{}, errors.New("no header row")
	}
	if err != nil {
		return frame{}, err
	}
	// Straight into columns, a record at a time: a file is held once.
	f := newFrame(header, 0)
	r.ReuseRecord = true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return frame{}, err
		}
		for j, v := range rec {
			f.addString(j, v)
		}
		f.n++
	}
	return f.frame(), nil
}

// frameBuilder dictionary-encodes a file's columns as its rows come.
type frameBuilder struct {
	header []string
	cols   []*column
	index  []map[string]uint32
	n      int
}

func newFrame(header []string, rows int) *frameBuilder {
	f := &frameBuilder{header: slices.Clone(header), cols: make([]*column, len(header)), index: make([]map[string]uint32, len(header))}
	for j := range header {
		f.cols[j] = &column{ids: make([]uint32, 0, rows)}
		f.index[j] = map[string]uint32{}
	}
	return f
}

// addString and addBytes append a cell to column j: the previous row's
// value again, which is most cells, costs a comparison.
func (f *frameBuilder) addString(j int, v string) {
	c := f.cols[j]
	if k := len(c.ids); k > 0 && c.dict[c.ids[k-1]] == v {
		c.ids = append(c.ids, c.ids[k-1])
		return
	}
	id, ok := f.index[j][v]
	if !ok {
		id = uint32(len(c.dict))
		v = strings.Clone(v)
		c.dict = append(c.dict, v)
		f.index[j][v] = id
	}
	c.ids = append(c.ids, id)
}

func (f *frameBuilder) addBytes(j int, v []byte) {
	c := f.cols[j]
	if k := len(c.ids); k > 0 && c.dict[c.ids[k-1]] == string(v) {
		c.ids = append(c.ids, c.ids[k-1])
		return
	}
	id, ok := f.index[j][string(v)]
	if !ok {
		id = uint32(len(c.dict))
		s := string(v)
		c.dict = append(c.dict, s)
		f.index[j][s] = id
	}
	c.ids = append(c.ids, id)
}

func (f *frameBuilder) frame() frame {
	out := frame{header: f.header, cols: map[string]*column{}, n: f.n}
	for j, name := range f.header {
		if !out.has(name) {
			out.cols[name] = f.cols[j]
		}
	}
	return out
}

// parsePlain reads the common form of a CSV file, as this project and
// most tools write it, at the speed of a scan: "\n" line ends, no blank
// lines, every row as long as the header, quotes only around whole fields.
// Anything else (ok false) is left to encoding/csv, which reads it, or
// says why it cannot, as it always has; on what parsePlain takes the two
// give the same rows.
func parsePlain(b []byte) (frame, bool) {
	if bytes.IndexByte(b, '\r') >= 0 || len(b) == 0 {
		return frame{}, false
	}
	var fields [][]byte
	var quoted []byte // unescaped quoted fields of the row, back to back
	record := func(pos int) (int, bool) {
		fields, quoted = fields[:0], quoted[:0]
		if b[pos] == '\n' {
			return pos, false // a blank line: encoding/csv skips it
		}
		type span struct{ lo, hi int } // in quoted
		var spans []span
		var at []int // positions in fields of quoted ones
		for {
			if pos < len(b) && b[pos] == '"' {
				lo := len(quoted)
				i := pos + 1
				for {
					k := bytes.IndexByte(b[i:], '"')
					if k < 0 {
						return pos, false // no closing quote
					}
					quoted = append(quoted, b[i:i+k]...)
					i += k + 1
					if i < len(b) && b[i] == '"' {
						quoted = append(quoted, '"')
						i++
						continue
					}
					break
				}
				if i < len(b) && b[i] != ',' && b[i] != '\n' {
					return pos, false // text after the closing quote
				}
				spans = append(spans, span{lo, len(quoted)})
				at = append(at, len(fields))
				fields = append(fields, nil)
				pos = i
			} else {
				end := pos
				for end < len(b) && b[end] != ',' && b[end] != '\n' {
					if b[end] == '"' {
						return pos, false // a quote inside a field
					}
					end++
				}
				fields = append(fields, b[pos:end])
				pos = end
			}
			if pos == len(b) {
				break
			}
			if b[pos] == '\n' {
				pos++
				break
			}
			pos++ // the comma
		}
		for k, j := range at {
			fields[j] = quoted[spans[k].lo:spans[k].hi]
		}
		return pos, true
	}
	pos, ok := record(0)
	if !ok || len(fields) == 0 {
		return frame{}, false
	}
	header := make([]string, len(fields))
	for j, v := range fields {
		header[j] = string(v)
	}
	f := newFrame(header, bytes.Count(b[pos:], []byte{'\n'})+1)
	for pos < len(b) {
		if pos, ok = record(pos); !ok || len(fields) != len(header) {
			return frame{}, false
		}
		for j, v := range fields {
			f.addBytes(j, v)
		}
		f.n++
	}
	return f.frame(), true
}

// values returns a data column's distinct values, sorted.
func (s *screen) values(col string) []string {
	c := s.col(col)
	if c.sorted == nil {
		c.sorted = slices.Clone(c.dict)
		slices.Sort(c.sorted)
		if c.sorted == nil {
			c.sorted = []string{}
		}
	}
	return c.sorted
}

// filters are the metadata's filter col_names; groups its filter groups.
func (s *screen) filters() []string {
	var out []string
	for _, m := range s.meta {
		if m.typ == "Filter" {
			out = append(out, m.name)
		}
	}
	return out
}

func (s *screen) groups() []string {
	var out []string
	for _, m := range s.meta {
		if m.group != "" {
			out = append(out, m.group)
		}
	}
	return out
}

func (s *screen) indicators() []metaRow {
	var out []metaRow
	for _, m := range s.meta {
		if m.typ == "Indicator" {
			out = append(out, m)
		}
	}
	return out
}

// filtersAndGroups are the filter and filter group columns present in the
// data, once each.
func (s *screen) filtersAndGroups() []string {
	var out []string
	for _, c := range append(s.filters(), s.groups()...) {
		if s.data.has(c) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// levels are the geographic levels present.
func (s *screen) levels() []string { return s.values("geographic_level") }

func itoa(i int) string { return strconv.Itoa(i) }

func isBlank(v string) bool { return strings.TrimSpace(v) == "" }
