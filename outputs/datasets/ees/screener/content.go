package screener

import (
	"encoding/binary"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/oversight/oversight/outputs/datasets/ees"
)

// The data file's cells: symbols, filters, time and geography, indicators.

func (s *screen) generalNull() {
	var inData, legacy []string
	for _, c := range s.data.header {
		for _, v := range s.values(c) {
			if slices.Contains(nullSymbols, v) && !slices.Contains(inData, v) {
				inData = append(inData, v)
			}
			if slices.Contains(legacyNoData, v) && !slices.Contains(legacy, v) {
				legacy = append(legacy, v)
			}
		}
	}
	var inMeta []string
	for _, m := range s.meta {
		for _, v := range []string{m.name, m.typ, m.label, m.grouping, m.unit, m.dp, m.hint, m.group, m.def} {
			if slices.Contains(nullSymbols, v) && !slices.Contains(inMeta, v) {
				inMeta = append(inMeta, v)
			}
		}
	}
	switch {
	case len(inData)+len(inMeta) > 0:
		s.add("check_general_null", Fail, "null symbols stand for missing values (data file: %s; metadata file: %s); use a GSS symbol (x, z, c, low, u)",
			quoteList(inData), quoteList(inMeta))
	case len(legacy) > 0:
		s.add("check_general_null", Warning, "legacy no-data symbols %s are in the data file; use the GSS symbols (x, z, c, low, u)", quoteList(legacy))
	default:
		s.add("check_general_null", Pass, "No null or legacy no-data symbols.")
	}
}

func (s *screen) filterNotSingular() {
	bad := where(s.filters(), func(f string) bool { return s.data.has(f) && len(s.values(f)) < 2 })
	s.verdict("precheck_filter_not_singular", bad, Fail, "Every filter has two or more items.",
		"These filters have fewer than two items; leave them out of the metadata: %s.")
}

var periodNum = regexp.MustCompile(`^\d{4}(\d{2})?$`)

func (s *screen) timePeriodNum() {
	bad := where(s.values(ees.TimePeriod), func(v string) bool { return !periodNum.MatchString(v) })
	s.verdict("precheck_time_period_num", bad, Fail, "Every time_period is a 4 or 6 digit number.",
		"time_period must be a 4 or 6 digit number (2025, 202425), not: %s.")
}

func (s *screen) timeIDValid() {
	bad := where(s.values(ees.TimeIdentifier), func(v string) bool { return timeGroupOf(v) == nil })
	s.verdict("precheck_time_id_valid", bad, Fail, "Every time_identifier is one EES knows.", "These time_identifier values are not ones EES knows: %s.")
}

// firstID is the first row's time identifier, which the file's others must
// go with.
func (s *screen) firstID() string {
	if s.data.n == 0 {
		return ""
	}
	return s.col(ees.TimeIdentifier).at(0)
}

func (s *screen) timeIDMix() {
	group := timeGroupOf(s.firstID())
	bad := where(s.values(ees.TimeIdentifier), func(v string) bool { return !slices.Contains(group, v) })
	s.verdict("precheck_time_id_mix", bad, Fail, "The time identifiers go together.",
		fmt.Sprintf("With %q in the file, these time identifiers cannot be: %%s.", s.firstID()))
}

func (s *screen) geogLevel() {
	bad := where(s.levels(), func(v string) bool { _, ok := geographyOf(v); return !ok })
	s.verdict("precheck_geog_level", bad, Fail, "Every geographic_level is one EES knows.", "These geographic levels are not ones EES knows: %s.")
}

func (s *screen) geogLevelPresent() {
	var bad []string
	for _, lv := range s.levels() {
		g, _ := geographyOf(lv)
		if lv == ees.National || lv == "Planning area" {
			continue
		}
		for _, c := range []string{g.code, g.name, g.code2} {
			if c != "" && !s.data.has(c) && !slices.Contains(bad, c) {
				bad = append(bad, c)
			}
		}
	}
	s.verdict("precheck_geog_level_present", bad, Fail, "The file has the columns its geographic levels need.",
		"Given the geographic levels in the file, these columns are missing: %s.")
}

func (s *screen) timePeriod() {
	id := s.firstID()
	want := 6
	if fourDigit[id] {
		want = 4
	}
	var bad []string
	for _, v := range s.values(ees.TimePeriod) {
		if len(v) != want {
			bad = append(bad, v)
		}
	}
	s.verdict("check_time_period", bad, Fail, "Every time_period has the length its time_identifier needs.",
		fmt.Sprintf("For %q, time_period must have %d digits, not: %%s.", id, want))
}

func (s *screen) timePeriodSix() {
	var bad []string
	for _, v := range s.values(ees.TimePeriod) {
		if v == "" {
			bad = append(bad, v)
			continue
		}
		if len(v) != 6 {
			continue
		}
		a, _ := strconv.Atoi(v[2:4])
		b, _ := strconv.Atoi(v[4:6])
		if (a+1)%100 != b {
			bad = append(bad, v)
		}
	}
	s.verdict("check_time_period_six", bad, Fail, "Six-digit time periods are consecutive years.",
		"A six-digit time_period is two consecutive years (201920), and none is blank: %s.")
}

func (s *screen) filterDefaults() {
	defaults := map[string]string{}
	var order []string
	for _, m := range s.meta {
		if m.typ != "Filter" {
			continue
		}
		d := m.def
		if d == "" {
			d = "Total"
		}
		defaults[m.name] = d
		order = append(order, m.name)
	}
	for _, g := range s.groups() {
		if _, ok := defaults[g]; !ok {
			defaults[g] = "Total"
			order = append(order, g)
		}
	}
	var bad []string
	for _, c := range order {
		if s.data.has(c) && !slices.Contains(s.values(c), defaults[c]) {
			bad = append(bad, c)
		}
	}
	s.verdict("check_filter_defaults", bad, Warning, "Every filter has its Total (or filter_default) item.",
		"These filters have no 'Total' item (or their filter_default); add one where a total makes sense: %s.")
}

func (s *screen) filterGroupLevel() {
	var bad []string
	for _, m := range s.meta {
		if m.typ != "Filter" || m.group == "" || !s.data.has(m.name) || !s.data.has(m.group) {
			continue
		}
		if len(s.values(m.group)) > len(s.values(m.name)) {
			bad = append(bad, m.group)
		}
	}
	s.verdict("check_filter_group_level", bad, Fail, "No filter group has more items than its filter.",
		"These filter groups have more items than their filters (the hierarchy is upside down): %s.")
}

func (s *screen) filterItemLimit() {
	bad := where(s.filtersAndGroups(), func(c string) bool { return len(s.values(c)) > filterLimit })
	s.verdict("check_filter_item_limit", bad, Fail, "No filter has more than 25,000 items.", "These filters have more than 25,000 items: %s.")
}

func (s *screen) filterWhitespace() {
	cols := s.filtersAndGroups()
	for _, c := range s.data.header {
		if (geoCodeCols[c] || geoNameCols[c]) && !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
	}
	var bad []string
	for _, c := range cols {
		for _, v := range s.values(c) {
			if v != strings.TrimSpace(v) {
				bad = append(bad, v)
			}
		}
	}
	s.verdict("check_filter_whitespace", bad, Fail, "No filter or geography item has leading or trailing spaces.",
		"These items have leading or trailing spaces: %s.")
}

func (s *screen) filterObTotal() {
	var cols []string
	for _, c := range s.data.header {
		if (obUnits[c] && c != "school_name" && c != "provider_name") || potentialObUnits.MatchString(c) {
			cols = append(cols, c)
		}
	}
	if f := s.filters(); len(f) == 1 && (f[0] == "school_name" || f[0] == "provider_name") {
		cols = slices.DeleteFunc(cols, func(c string) bool { return c == "school_name" || c == "provider_name" })
	}
	bad := where(cols, func(c string) bool {
		return slices.ContainsFunc(s.values(c), func(v string) bool { return v == "Total" || v == "total" || v == "All" || v == "all" })
	})
	s.verdict("check_filter_ob_total", bad, Fail, "No observational unit column holds Total or All.",
		"These observational unit columns hold Total or All rows; such cells should be blank: %s.")
}

func (s *screen) filterBlanks() {
	bad := where(s.filtersAndGroups(), func(c string) bool { return slices.Contains(s.values(c), "") })
	s.verdict("check_filter_blanks", bad, Fail, "No filter cell is blank.",
		"These filters have blank cells; every filter cell needs an item ('Total' where it covers all): %s.")
}

func (s *screen) generalDupes() {
	var cols []string
	for _, c := range s.data.header {
		if (obUnits[c] || slices.Contains(s.filtersAndGroups(), c)) && !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
	}
	lv := s.levels()
	excluded := []string{"School", "Provider", "Institution", "Planning area"}
	if len(lv) == 1 && (lv[0] == "School" || lv[0] == "Provider") {
		excluded = []string{"Institution", "Planning area"}
	}
	levels := s.col(ees.GeographicLevel)
	data := make([]*column, len(cols))
	for j, c := range cols {
		data[j] = s.col(c)
	}
	seen := map[string]bool{}
	n := 0
	var key []byte // the row's values by their dictionary numbers
	for i := 0; i < s.data.n; i++ {
		if slices.Contains(excluded, levels.at(i)) {
			continue
		}
		key = key[:0]
		for _, col := range data {
			key = binary.LittleEndian.AppendUint32(key, col.ids[i])
		}
		if seen[string(key)] {
			n++
		} else {
			seen[string(key)] = true
		}
	}
	if n > 0 {
		s.add("check_general_dupes", Fail, "%d rows repeat another row's time, geography and filters", n)
		return
	}
	s.add("check_general_dupes", Pass, "No two rows share their time, geography and filters.")
}

// combos lists the distinct code/name pairs of rows where keep is true.
func (s *screen) combos(cols []string, keep func(i int) bool) [][]string {
	data := make([]*column, len(cols))
	for j, c := range cols {
		data[j] = s.col(c)
	}
	seen := map[string]bool{}
	var out [][]string
	var key []byte // the row's values by their dictionary numbers
	for i := 0; i < s.data.n; i++ {
		if !keep(i) {
			continue
		}
		key = key[:0]
		for _, col := range data {
			key = binary.LittleEndian.AppendUint32(key, col.ids[i])
		}
		if seen[string(key)] {
			continue
		}
		seen[string(key)] = true
		row := make([]string, len(cols))
		for j, col := range data {
			row[j] = col.at(i)
		}
		out = append(out, row)
	}
	return out
}

func areaValid(list []ees.Area, code, name string) bool {
	for _, a := range list {
		if a.Code == code && a.Name == name {
			return true
		}
	}
	return code == "z" && slices.Contains(universal, name)
}

func (s *screen) geogCountryCombos() {
	codes := s.col(ees.CountryCode)
	var bad []string
	for _, c := range s.combos([]string{ees.CountryCode, ees.CountryName}, func(i int) bool { return codes.at(i) != "x" }) {
		if !areaValid(countries, c[0], c[1]) {
			bad = append(bad, c[0]+" "+c[1])
		}
	}
	s.verdict("check_geog_country_combos", bad, Fail, "Every country_code and country_name pair is valid.",
		"These country_code / country_name pairs are not in the standard lookup: %s.")
}

// noRegion passes a check that needs both region columns when the file has
// not got them (check_geog_region_col_present reports one without the other).
func (s *screen) noRegion(check string) bool {
	if s.data.has(ees.RegionCode) && s.data.has(ees.RegionName) {
		return false
	}
	s.add(check, Pass, "No region columns.")
	return true
}

func (s *screen) geogRegionCombos() {
	if s.noRegion("check_geog_region_combos") {
		return
	}
	codes, levels := s.col(ees.RegionCode), s.col(ees.GeographicLevel)
	keep := func(i int) bool {
		return levels.at(i) == ees.Regional || codes.at(i) != "" && codes.at(i) != "x"
	}
	var bad []string
	for _, c := range s.combos([]string{ees.RegionCode, ees.RegionName}, keep) {
		if !areaValid(regions, c[0], c[1]) {
			bad = append(bad, c[0]+" "+c[1])
		}
	}
	s.verdict("check_geog_region_combos", bad, Fail, "Every region_code and region_name pair is valid.",
		"These region_code / region_name pairs are not in the standard lookup: %s.")
}

// laValid reports whether old_la_code, new_la_code and la_name are one
// council's, with its current or a previous GSS code, or several councils'
// joined by " / " (EES's form for a joint return: "314 / 318",
// "E09000021 / E09000027", "Kingston upon Thames / Richmond upon Thames").
func (s *screen) laValid(old, code, name string) bool {
	if code == "z" && old == "z" && slices.Contains(universal, name) {
		return true
	}
	olds, codes, names := strings.Split(old, joint), strings.Split(code, joint), strings.Split(name, joint)
	if len(olds) != len(codes) || len(olds) != len(names) {
		return false
	}
	for i := range olds {
		if !s.oneLAValid(olds[i], codes[i], names[i]) {
			return false
		}
	}
	return true
}

// joint separates the councils of a joint return.
const joint = " / "

func (s *screen) oneLAValid(old, code, name string) bool {
	c := s.ref.ByDfE(old)
	if c == nil || c.Name != name {
		return false
	}
	if c.GSS == code {
		return true
	}
	for _, p := range c.Previous {
		if p.Code == code {
			return true
		}
	}
	return false
}

func (s *screen) geogLACombos() {
	cols := []string{ees.OldLACode, ees.NewLACode, ees.LAName}
	for _, c := range cols {
		if !s.data.has(c) {
			s.add("check_geog_la_combos", Pass, "Not every local authority column is present.")
			return
		}
	}
	old, code := s.col(ees.OldLACode), s.col(ees.NewLACode)
	keep := func(i int) bool { return old.at(i) != "" && code.at(i) != "" && code.at(i) != "x" }
	var bad []string
	for _, c := range s.combos(cols, keep) {
		if !s.laValid(c[0], c[1], c[2]) {
			bad = append(bad, strings.Join(c, " "))
		}
	}
	s.verdict("check_geog_la_combos", bad, Fail, "Every old_la_code, new_la_code and la_name combination is a council's.",
		"These old_la_code / new_la_code / la_name combinations are not a council's (names as DfE spells them): %s.")
}

func (s *screen) geogLevelCompleted() {
	levels := s.col(ees.GeographicLevel)
	var bad []string
	for _, lv := range s.levels() {
		g, ok := geographyOf(lv)
		if !ok || lv == "Planning area" {
			continue
		}
		for _, c := range []string{g.code, g.name, g.code2} {
			if c == "" || c == ees.NewLACode || !s.data.has(c) {
				continue
			}
			col := s.col(c)
			for i := 0; i < s.data.n; i++ {
				if levels.at(i) == lv && col.at(i) == "" {
					bad = append(bad, c)
					break
				}
			}
		}
	}
	s.verdict("check_geog_level_completed", bad, Fail, "The geography columns of every row's level are filled in.",
		"These geography columns are blank on rows of their own level: %s.")
}

func (s *screen) geogIgnoredRows() {
	levels := s.col(ees.GeographicLevel)
	visible, ignored := 0, 0
	for _, id := range levels.ids {
		lv := levels.dict[id]
		if lv != "Institution" && lv != "Planning area" {
			visible++
		}
		switch lv {
		case "School", "Provider", "Institution", "Planning area":
			ignored++
		}
	}
	present := s.levels()
	switch {
	case s.data.n > 0 && visible == 0:
		s.add("check_geog_ignored_rows", Warning, "every row is at Institution or Planning area level, which the EES table tool ignores; upload it as an ancillary file")
	case ignored == 0 || len(present) == 1 && (present[0] == "School" || present[0] == "Provider"):
		s.add("check_geog_ignored_rows", Pass, "The EES table tool uses every row.")
	case slices.Contains(present, "School") && slices.Contains(present, "Provider"):
		s.add("check_geog_ignored_rows", Fail, "School and Provider rows are mixed in one file")
	default:
		s.add("check_geog_ignored_rows", Warning, "%d rows at School, Provider, Institution or Planning area level will be ignored by the EES table tool", ignored)
	}
}

func (s *screen) geogLAColPresent() {
	var present, missing []string
	for _, c := range []string{ees.NewLACode, ees.LAName, ees.OldLACode} {
		if s.data.has(c) {
			present = append(present, c)
		} else {
			missing = append(missing, c)
		}
	}
	if len(present) == 0 {
		missing = nil
	}
	s.verdict("check_geog_la_col_present", missing, Fail, "The local authority columns are all present or all absent.",
		"With one local authority column present, all three must be; missing: %s.")
}

func (s *screen) geogRegionColPresent() {
	code, name := s.data.has(ees.RegionCode), s.data.has(ees.RegionName)
	if code != name {
		s.add("check_geog_region_col_present", Fail, "region_code and region_name must both be present, or neither")
		return
	}
	s.add("check_geog_region_col_present", Pass, "region_code and region_name are both present, or neither.")
}

func (s *screen) geogRegionForLA() {
	levels := s.col(ees.GeographicLevel)
	if !slices.Contains(s.levels(), ees.LocalAuthority) {
		s.add("check_geog_region_for_la", Pass, "No Local authority rows.")
		return
	}
	if !s.data.has(ees.RegionCode) || !s.data.has(ees.RegionName) {
		s.add("check_geog_region_for_la", Warning, "Local authority rows should give their region (region_code and region_name)")
		return
	}
	codes, names := s.col(ees.RegionCode), s.col(ees.RegionName)
	for i := 0; i < s.data.n; i++ {
		if levels.at(i) == ees.LocalAuthority && (codes.at(i) == "" || names.at(i) == "") {
			s.add("check_geog_region_for_la", Warning, "some Local authority rows have no region (row %d)", i+1)
			return
		}
	}
	s.add("check_geog_region_for_la", Pass, "Every Local authority row gives its region.")
}

func (s *screen) geogOvercompletedCols() {
	levels := s.col(ees.GeographicLevel)
	present := s.levels()
	filters := s.filters()
	var bad []string
	for _, g := range geographies {
		ok, known := compatible[g.level]
		if g.level == ees.National || !known {
			continue
		}
		cols := []string{g.code, g.name, g.code2}
		if (g.level == "School" || g.level == "Provider") && len(filters) == 1 && (filters[0] == g.name || slices.Contains(s.groups(), g.name)) {
			cols = []string{g.code, g.code2}
		}
		var incompatible []string
		for _, lv := range present {
			if !slices.Contains(ok, lv) {
				incompatible = append(incompatible, lv)
			}
		}
		if len(incompatible) == 0 {
			continue
		}
		for _, c := range cols {
			if c == "" || !s.data.has(c) || slices.Contains(bad, c) {
				continue
			}
			col := s.col(c)
			for i := 0; i < s.data.n; i++ {
				if col.at(i) != "" && slices.Contains(incompatible, levels.at(i)) {
					bad = append(bad, c)
					break
				}
			}
		}
	}
	s.verdict("check_geog_overcompleted_cols", bad, Fail, "Geography columns are blank on rows of levels they do not belong to.",
		"These geography columns are filled in on rows of levels they do not belong to (a Regional row has no LA): %s.")
}

func (s *screen) regionColCompleted() {
	if s.noRegion("region_col_completed") {
		return
	}
	codes, names := s.col(ees.RegionCode), s.col(ees.RegionName)
	for i := 0; i < s.data.n; i++ {
		if (codes.at(i) == "") != (names.at(i) == "") {
			s.add("region_col_completed", Fail, "row %d has one of region_code and region_name without the other", i+1)
			return
		}
	}
	s.add("region_col_completed", Pass, "region_code and region_name are filled in together.")
}

func (s *screen) codeFormat(check, col string, ok func(string) bool, what string) {
	var bad []string
	for _, v := range s.values(col) {
		if v == "" || v == ":" || v == "x" || v == "z" {
			continue
		}
		for _, part := range strings.Split(v, joint) {
			if !ok(part) {
				bad = append(bad, v)
				break
			}
		}
	}
	s.verdict(check, bad, Fail, col+" values have the expected form.", col+" must be "+what+", x, z or blank, not: %s.")
}

var (
	threeDigits = regexp.MustCompile(`^[0-9]{3}$`)
	gssCode     = regexp.MustCompile(`^[A-Z][0-9]{8}$`)
)

func (s *screen) newLACode() {
	s.codeFormat("new_la_code", ees.NewLACode, func(v string) bool { return utf8.RuneCountInString(v) == 9 }, "a 9-character code")
}

func (s *screen) oldLACode() {
	s.codeFormat("old_la_code", ees.OldLACode, threeDigits.MatchString, "a 3-digit code")
}

func (s *screen) regionCode() {
	s.codeFormat("region_code", ees.RegionCode, gssCode.MatchString, "a letter and 8 digits")
}

func (s *screen) geogLARegion() {
	if !s.data.has(ees.OldLACode) || !s.data.has(ees.RegionName) {
		s.add("check_geog_la_region", Pass, "No local authority and region columns together.")
		return
	}
	levels := s.col(ees.GeographicLevel)
	var bad []string
	for _, c := range s.combos([]string{ees.OldLACode, ees.LAName, ees.RegionName}, func(i int) bool { return levels.at(i) == ees.LocalAuthority }) {
		for _, old := range strings.Split(c[0], joint) {
			ref := s.ref.ByDfE(old)
			if ref == nil || !slices.Contains(strings.Split(c[1], joint), ref.Name) {
				continue // check_geog_la_combos reports it
			}
			// DfE's own files put London's councils in Inner or Outer London.
			london := ref.Region == "London" && (c[2] == "Inner London" || c[2] == "Outer London")
			if ref.Region != c[2] && !london {
				bad = append(bad, c[1]+" in "+c[2])
				break
			}
		}
	}
	s.verdict("check_geog_la_region", bad, Fail, "Every local authority row gives the council's own region.",
		"These local authority rows give a region other than the council's: %s.")
}

func (s *screen) indInvalidEntry() {
	var bad []string
	for _, m := range s.indicators() {
		vals := s.values(m.name)
		if slices.Contains(vals, "") || slices.Contains(vals, legacyGSS[0]) || slices.Contains(vals, legacyGSS[1]) {
			bad = append(bad, m.name)
		}
	}
	s.verdict("check_ind_invalid_entry", bad, Fail, "No indicator cell is blank or a legacy symbol.",
		"These indicators have blank cells or the legacy symbols ~ or :; write a GSS symbol (x, z, c, low, u): %s.")
}

// shorthand is a symbol in another form: [c], C, [LOW].
func shorthand(v string) bool {
	t := strings.ToLower(strings.TrimSpace(v))
	if len(t) > 2 && t[0] == '[' && t[len(t)-1] == ']' {
		t = t[1 : len(t)-1]
	}
	sym, ok := ees.Symbol(t)
	return ok && sym != v
}

func (s *screen) indSymbolForm() {
	var bad []string
	for _, m := range s.indicators() {
		for _, v := range s.values(m.name) {
			if shorthand(v) && !slices.Contains(bad, v) {
				bad = append(bad, v)
			}
		}
	}
	s.verdict("check_ind_symbol_form", bad, Fail, "Symbols are written as EES expects them (c, x, z, low, u).",
		"EES expects the bare lower-case symbols c, x, z, low and u in indicator cells, not: %s.")
}

func (s *screen) indNumeric() {
	var bad []string
	for _, m := range s.indicators() {
		if m.unit == "" && m.dp == "" {
			continue // a text indicator
		}
		for _, v := range s.values(m.name) {
			if _, ok := ees.Symbol(v); ok && !shorthand(v) {
				continue
			}
			if _, err := strconv.ParseFloat(v, 64); err != nil || strings.ContainsAny(v, "+_ ") || strings.EqualFold(v, "nan") || strings.Contains(strings.ToLower(v), "inf") {
				bad = append(bad, m.name+"="+v)
				break
			}
		}
	}
	s.verdict("check_ind_numeric", bad, Fail, "Numeric indicators hold plain numbers or symbols.",
		"These numeric indicators (with a unit or decimal places) hold something other than a plain number or a GSS symbol: %s.")
}

func (s *screen) limit(check string, vals []string, max int, what string) {
	var bad []string
	for _, v := range vals {
		if utf8.RuneCountInString(v) > max && !slices.Contains(bad, v) {
			bad = append(bad, v)
		}
	}
	s.verdict(check, bad, Warning, fmt.Sprintf("No %s is longer than %d characters.", what, max),
		fmt.Sprintf("These %s are longer than the API's %d characters: %%s.", what, max))
}

func (s *screen) apiColName() {
	s.limit("check_api_char_col_name", s.data.header, limitColumnName, "column names")
}

func (s *screen) apiColLabel() {
	var labels []string
	for _, m := range s.meta {
		labels = append(labels, m.label)
	}
	s.limit("check_api_char_col_label", labels, limitColumnLabel, "labels")
}

func (s *screen) apiLocCode() {
	var vals []string
	for _, c := range s.data.header {
		if geoCodeCols[c] {
			vals = append(vals, s.values(c)...)
		}
	}
	s.limit("check_api_char_loc_code", vals, limitLocationCode, "location codes")
}

func (s *screen) apiFilterItems() {
	cols := s.filtersAndGroups()
	for _, c := range s.data.header {
		if geoNameCols[c] && !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
	}
	var vals []string
	for _, c := range cols {
		vals = append(vals, s.values(c)...)
	}
	s.limit("check_api_char_filter_items", vals, limitItem, "filter items and location names")
}
