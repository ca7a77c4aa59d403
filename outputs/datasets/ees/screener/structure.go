package screener

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// File names, columns and the metadata file.

func stem(name string) string {
	name = strings.TrimSuffix(name, ".csv")
	return strings.TrimSuffix(name, ".meta")
}

// where lists the values of list for which keep holds, once each.
func where(list []string, keep func(string) bool) []string {
	var out []string
	for _, v := range list {
		if keep(v) && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func hasSpace(v string) bool { return strings.ContainsFunc(v, unicode.IsSpace) }

func (s *screen) filenameSpaces() {
	bad := where([]string{s.rep.Data, s.rep.Meta}, hasSpace)
	s.verdict("check_filename_spaces", bad, Fail, "The file names have no spaces.", "These file names have spaces; remove them: %s.")
}

func (s *screen) filenameSpecial() {
	bad := where([]string{s.rep.Data, s.rep.Meta}, func(n string) bool {
		return strings.ContainsFunc(stem(n), func(r rune) bool {
			return !(r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '-' || r == '_' || r == ' ')
		})
	})
	s.verdict("check_filename_special", bad, Fail, "The file names have letters, digits, hyphens and underscores only.",
		"These file names have special characters; use letters, digits, hyphens or underscores only: %s.")
}

func (s *screen) filenamesMatch() {
	want := strings.TrimSuffix(s.rep.Data, ".csv") + ".meta.csv"
	if !strings.HasSuffix(s.rep.Data, ".csv") || s.rep.Meta != want {
		s.add("check_filenames_match", Fail, "the metadata file of %q must be called %q, not %q", s.rep.Data, want, s.rep.Meta)
		return
	}
	s.add("check_filenames_match", Pass, "The file names follow the x.csv / x.meta.csv convention.")
}

func (s *screen) reqMeta() {
	bad := where(requiredMeta, func(c string) bool { return !slices.Contains(s.metaHead, c) })
	s.verdict("precheck_col_req_meta", bad, Fail, "The metadata file has every required column.", "The metadata file lacks these required columns: %s.")
}

func (s *screen) invalidMeta() {
	bad := where(s.metaHead, func(c string) bool { return !slices.Contains(requiredMeta, c) && !slices.Contains(optionalMeta, c) })
	s.verdict("precheck_col_invalid_meta", bad, Fail, "The metadata file has no other columns.", "These columns do not belong in a metadata file: %s.")
}

func (s *screen) reqData() {
	bad := where(requiredData, func(c string) bool { return !s.data.has(c) })
	s.verdict("precheck_col_req_data", bad, Fail, "The data file has every required column.", "The data file lacks these required columns: %s.")
}

func (s *screen) colToRows() {
	cols, rows := len(s.data.header)-5, len(s.meta)
	if cols < rows {
		s.add("precheck_col_to_rows", Fail, "the metadata file has %d rows, more than the %d columns of the data file beyond the 5 mandatory ones", rows, cols)
		return
	}
	s.add("precheck_col_to_rows", Pass, "The metadata file has %d rows for %d non-mandatory data columns.", rows, cols)
}

func (s *screen) colNameDuplicate() {
	seen := map[string]bool{}
	var bad []string
	for _, c := range s.data.header {
		if seen[c] && !slices.Contains(bad, c) {
			bad = append(bad, c)
		}
		seen[c] = true
	}
	s.verdict("precheck_col_name_duplicate", bad, Fail, "Every data column name is unique.", "These data column names appear more than once: %s.")
}

func (s *screen) metaToData() {
	bad := where(append(s.metaNames(), s.groups()...), func(c string) bool { return c != "" && !s.data.has(c) })
	s.verdict("precheck_cross_meta_to_data", bad, Fail, "Every variable in the metadata is a column of the data file.",
		"These variables are in the metadata file but not the data file: %s.")
}

func (s *screen) metaNames() []string {
	out := make([]string, len(s.meta))
	for i, m := range s.meta {
		out[i] = m.name
	}
	return out
}

func (s *screen) dataToMeta() {
	described := append(s.metaNames(), s.groups()...)
	bad := where(s.data.header, func(c string) bool { return !obUnits[c] && !slices.Contains(described, c) && len(s.values(c)) != 1 })
	s.verdict("precheck_cross_data_to_meta", bad, Warning, "Every data column is an observational unit, has one value, or is in the metadata.",
		"These data columns are not observational units, have more than one value and are not in the metadata: %s.")
}

func (s *screen) colNamesSpaces() {
	s.verdict("check_col_names_spaces", where(s.data.header, hasSpace), Fail, "No data column name has a space.", "These data column names have spaces: %s.")
}

var snake = regexp.MustCompile(`^[a-z0-9_]*$`)

func (s *screen) colSnakeCase() {
	bad := where(s.data.header, func(c string) bool { return !snake.MatchString(c) })
	s.verdict("check_col_snake_case", bad, Warning, "The data column names are snake_case.",
		"These data column names are not snake_case (lower-case letters, digits and underscores): %s.")
}

func (s *screen) colVarStart() {
	bad := where(s.data.header, func(c string) bool { return c == "" || c[0] < 'a' || c[0] > 'z' })
	s.verdict("check_col_var_start", bad, Warning, "Every data column name starts with a lower-case letter.",
		"These data column names do not start with a lower-case letter: %s.")
}

func (s *screen) colIndSmushed() {
	var bad []string
	for _, m := range s.indicators() {
		low := strings.ToLower(m.name)
		for _, w := range smushed {
			if strings.Contains(low, w) {
				bad = append(bad, m.name)
				break
			}
		}
	}
	s.verdict("check_col_ind_smushed", bad, Fail, "No indicator name holds a typical filter item.",
		"These indicators hold filter items (sex, ethnicity...) in their names; pivot them into a filter: %s.")
}

func (s *screen) colVarCharacteristic() {
	for _, m := range s.meta {
		if m.name == "characteristic" || m.name == "characteristic_group" || m.group == "characteristic_group" {
			s.add("check_col_var_characteristic", Warning, "'characteristic' and 'characteristic_group' are not recommended with the EES table tool")
			return
		}
	}
	s.add("check_col_var_characteristic", Pass, "No 'characteristic' or 'characteristic_group' field.")
}

func (s *screen) metaColType() {
	var types []string
	for _, m := range s.meta {
		types = append(types, m.typ)
	}
	bad := where(types, func(t string) bool { return t != "Filter" && t != "Indicator" })
	s.verdict("precheck_meta_col_type", bad, Fail, "col_type is always Filter or Indicator.", "These col_type values are neither Filter nor Indicator: %s.")
}

func (s *screen) metaObUnit() {
	bad := where(append(s.metaNames(), s.groups()...), func(c string) bool { return obUnits[c] && c != "school_name" && c != "provider_name" })
	s.verdict("precheck_meta_ob_unit", bad, Fail, "No observational unit is described in the metadata.",
		"These observational units (time and geography) must not be in the metadata file: %s.")
}

func (s *screen) metaColName() {
	s.metaBlank("precheck_meta_col_name", "col_name", func(m metaRow) string { return m.name })
}

// metaBlank fails when a field is blank on any metadata row.
func (s *screen) metaBlank(check, field string, get func(metaRow) string) {
	n := 0
	for _, m := range s.meta {
		if isBlank(get(m)) {
			n++
		}
	}
	if n > 0 {
		s.add(check, Fail, "%d rows of the metadata file have no %s", n, field)
		return
	}
	s.add(check, Pass, "Every metadata row has a %s.", field)
}

func dupes(v []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range v {
		if seen[x] && !slices.Contains(out, x) {
			out = append(out, x)
		}
		seen[x] = true
	}
	return out
}

func (s *screen) metaDupeLabel() {
	var labels []string
	for _, m := range s.meta {
		labels = append(labels, m.label)
	}
	s.verdict("check_meta_dupe_label", dupes(labels), Fail, "Every label is unique.", "These labels appear more than once in the metadata file: %s.")
}

// metaWhere lists the col_names of rows of type typ where field is set.
func (s *screen) metaWhere(typ string, field func(metaRow) string) []string {
	var out []string
	for _, m := range s.meta {
		if m.typ == typ && field(m) != "" {
			out = append(out, m.name)
		}
	}
	return out
}

func (s *screen) metaFilGrp() {
	s.verdict("check_meta_fil_grp", s.metaWhere("Indicator", func(m metaRow) string { return m.group }), Fail,
		"No indicator has a filter_grouping_column.", "These indicators have a filter_grouping_column: %s.")
}

func (s *screen) metaFilGrpDupe() {
	s.verdict("check_meta_fil_grp_dupe", dupes(s.groups()), Fail, "Every filter group is unique.", "These filter groups appear more than once: %s.")
}

func (s *screen) metaFilGrpIsFil() {
	bad := where(s.groups(), func(g string) bool { return !slices.Contains(s.metaNames(), g) })
	s.verdict("check_meta_fil_grp_is_fil", bad, Warning, "Every filter group is also a col_name.",
		"Filter groups should also appear as col_name rows in the metadata file: %s.")
}

func (s *screen) metaFilGrpMatch() {
	bad := where(s.groups(), func(g string) bool { return !s.data.has(g) })
	s.verdict("check_meta_fil_grp_match", bad, Fail, "Every filter group is a data column.", "These filter groups are not columns of the data file: %s.")
}

func alnum(v string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, v)
}

func (s *screen) metaFilGrpStripped() {
	var bad []string
	for _, g := range s.groups() {
		if !s.data.has(g) {
			continue
		}
		items := s.values(g)
		stripped := map[string]bool{}
		for _, v := range items {
			stripped[alnum(v)] = true
		}
		if len(stripped) != len(items) {
			bad = append(bad, g)
		}
	}
	s.verdict("check_meta_fil_grp_stripped", bad, Fail, "Filter group items stay distinct without punctuation.",
		"These filter groups have items that differ only in punctuation or spaces: %s.")
}

func (s *screen) metaLabel() {
	s.metaBlank("check_meta_label", "label", func(m metaRow) string { return m.label })
}

func (s *screen) metaFilterHint() {
	s.verdict("check_meta_filter_hint", s.metaWhere("Indicator", func(m metaRow) string { return m.hint }), Fail,
		"No indicator has a filter_hint.", "These indicators have a filter_hint: %s.")
}

func (s *screen) metaGeogCatch() {
	cands := append(s.filters(), s.groups()...)
	if f := s.filters(); len(f) == 1 && (f[0] == "school_name" || f[0] == "provider_name") {
		cands = slices.DeleteFunc(cands, func(c string) bool { return c == "school_name" || c == "provider_name" })
	}
	var bad []string
	for _, c := range cands {
		if geogCatch.MatchString(c) {
			bad = append(bad, c)
		}
	}
	s.verdict("check_meta_geog_catch", bad, Fail, "No filter looks like a geography column.",
		"These filters look like geography columns, which are observational units, not filters: %s.")
}

func (s *screen) metaIndicatorDP() {
	s.verdict("check_meta_indicator_dp", s.metaWhere("Filter", func(m metaRow) string { return m.dp }), Fail,
		"No filter has an indicator_dp.", "These filters have an indicator_dp: %s.")
}

func (s *screen) metaColNameSpaces() {
	s.verdict("check_meta_col_name_spaces", where(s.metaNames(), hasSpace), Fail, "No col_name has a space.", "These col_name values have spaces: %s.")
}

func (s *screen) metaColNameDupe() {
	s.verdict("check_meta_col_name_dupe", dupes(s.metaNames()), Fail, "Every col_name is unique.", "These col_name values appear more than once: %s.")
}

func (s *screen) metaIndDPSet() {
	var bad []string
	for _, m := range s.indicators() {
		if isBlank(m.dp) {
			bad = append(bad, m.name)
		}
	}
	s.verdict("check_meta_ind_dp_set", bad, Warning, "Every indicator has its decimal places set.",
		"These indicators have no indicator_dp (EES shows 2 decimal places); state it where possible: %s.")
}

func (s *screen) metaIndDPValues() {
	var bad []string
	for _, m := range s.meta {
		if m.dp == "" {
			continue
		}
		if n, err := strconv.Atoi(m.dp); err != nil || n < 0 {
			bad = append(bad, m.dp)
		}
	}
	s.verdict("check_meta_ind_dp_values", bad, Fail, "indicator_dp holds whole numbers of 0 or more, or blanks.",
		"indicator_dp must be a whole number of 0 or more, or blank, not: %s.")
}

func (s *screen) metaIndUnit() {
	s.verdict("check_meta_ind_unit", s.metaWhere("Filter", func(m metaRow) string { return m.unit }), Fail,
		"No filter has an indicator_unit.", "These filters have an indicator_unit: %s.")
}

func (s *screen) metaIndUnitValidation() {
	var bad []string
	for _, m := range s.indicators() {
		if m.unit != "" && !slices.Contains(acceptedUnits, m.unit) && !slices.Contains(bad, m.unit) {
			bad = append(bad, m.unit)
		}
	}
	s.verdict("check_meta_ind_unit_validation", bad, Fail, "Every indicator_unit is one EES knows.",
		"These indicator_unit values are not one of %%, pp, £, £m, numberstring (or blank for a number): %s.")
}

func (s *screen) metaIndicatorGrouping() {
	s.verdict("check_meta_indicator_grouping", s.metaWhere("Filter", func(m metaRow) string { return m.grouping }), Fail,
		"No filter has an indicator_grouping.", "These filters have an indicator_grouping: %s.")
}
