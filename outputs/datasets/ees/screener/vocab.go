package screener

import (
	"regexp"

	"github.com/oversight/oversight/analysis/dates"

	"github.com/oversight/oversight/outputs/datasets/ees"
)

// The vocabularies below are the data screener's own (eesyscreener
// data-raw/*.R, and the lookups it reads from dfe-published-data-qa/data).

var months = dates.MonthNames[:]

func weeks() []string {
	out := make([]string, 52)
	for i := range out {
		out[i] = "Week " + itoa(i+1)
	}
	return out
}

// timeGroups are the time identifiers that may share a file: each group
// alone, never two groups together.
var timeGroups = [][]string{
	{"Autumn and spring term"}, {"Calendar year"}, {"Financial year"}, {"Academic year"}, {"Tax year"}, {ees.ReportingYear},
	{"Spring term", "Autumn term", "Summer term"},
	weeks(),
	months,
	{"Financial year Q1", "Financial year Q2", "Financial year Q3", "Financial year Q4"},
	{"Part 1 (April to September)", "Part 2 (October to March)"},
}

// fourDigit are the identifiers whose time_period is a year (2025); the
// others take two consecutive years (202425).
var fourDigit = func() map[string]bool {
	m := map[string]bool{"Calendar year": true, ees.ReportingYear: true}
	for _, w := range append(weeks(), months...) {
		m[w] = true
	}
	return m
}()

func timeGroupOf(id string) []string {
	for _, g := range timeGroups {
		for _, v := range g {
			if v == id {
				return g
			}
		}
	}
	return nil
}

// geography is the screener's geography_df: every geographic level with its
// code, name and second code columns.
type geography struct {
	level, code, name, code2 string
}

var geographies = []geography{
	{"National", "country_code", "country_name", ""},
	{"Regional", "region_code", "region_name", ""},
	{"Local authority", "new_la_code", "la_name", "old_la_code"},
	{"Local authority district", "lad_code", "lad_name", ""},
	{"RSC region", "", "rsc_region_lead_name", ""},
	{"Parliamentary constituency", "pcon_code", "pcon_name", ""},
	{"Local skills improvement plan area", "lsip_code", "lsip_name", ""},
	{"Local enterprise partnership", "local_enterprise_partnership_code", "local_enterprise_partnership_name", ""},
	{"English devolved area", "english_devolved_area_code", "english_devolved_area_name", ""},
	{"Opportunity area", "opportunity_area_code", "opportunity_area_name", ""},
	{"Ward", "ward_code", "ward_name", ""},
	{"MAT", "trust_id", "trust_name", ""},
	{"Sponsor", "sponsor_id", "sponsor_name", ""},
	{"School", "school_urn", "school_name", "school_laestab"},
	{"Provider", "provider_ukprn", "provider_name", ""},
	{"Institution", "institution_id", "institution_name", ""},
	{"Planning area", "planning_area_code", "planning_area_name", ""},
	{"Police force area", "pfa_code", "pfa_name", ""},
}

func geographyOf(level string) (geography, bool) {
	for _, g := range geographies {
		if g.level == level {
			return g, true
		}
	}
	return geography{}, false
}

// obUnits are the observational units: time, level and every geography
// column. They are never described in the metadata.
var obUnits = func() map[string]bool {
	m := map[string]bool{ees.TimePeriod: true, ees.TimeIdentifier: true, ees.GeographicLevel: true}
	for _, g := range geographies {
		for _, c := range []string{g.code, g.name, g.code2} {
			if c != "" {
				m[c] = true
			}
		}
	}
	return m
}()

var geoCodeCols = map[string]bool{}
var geoNameCols = map[string]bool{}

func init() {
	for _, g := range geographies {
		if g.code != "" {
			geoCodeCols[g.code] = true
		}
		if g.code2 != "" {
			geoCodeCols[g.code2] = true
		}
		geoNameCols[g.name] = true
	}
}

// compatible lists, for each level, the levels whose rows may carry its
// columns (a Local authority row has its region; a Regional row has no LA).
// National's columns go on every row.
var compatible = func() map[string][]string {
	low := []string{"School", "Provider", "Institution"}
	cat := func(a ...[]string) []string {
		var out []string
		for _, x := range a {
			out = append(out, x...)
		}
		return out
	}
	return map[string][]string{
		"Regional": cat([]string{"Regional", "Local skills improvement plan area", "Local authority", "Local enterprise partnership",
			"Opportunity area", "Local authority district", "Parliamentary constituency", "English devolved area", "Ward"}, low,
			[]string{"Planning area", "Police force area"}),
		"Local authority":                    cat([]string{"Local authority", "Parliamentary constituency", "Local authority district", "Ward"}, low, []string{"Planning area", "Police force area"}),
		"Local authority district":           cat([]string{"Local authority district", "Ward"}, low, []string{"Police force area"}),
		"Local skills improvement plan area": cat([]string{"Local skills improvement plan area", "Local authority district"}, low, []string{"Planning area"}),
		"RSC region":                         cat([]string{"RSC region"}, low),
		"Parliamentary constituency":         cat([]string{"Parliamentary constituency"}, low),
		"Local enterprise partnership":       cat([]string{"Local enterprise partnership"}, low),
		"English devolved area":              cat([]string{"English devolved area"}, low),
		"Opportunity area":                   cat([]string{"Opportunity area"}, low),
		"Ward":                               cat([]string{"Ward"}, low),
		"MAT":                                cat([]string{"MAT"}, low),
		"Sponsor":                            cat([]string{"Sponsor"}, low),
		"Planning area":                      cat([]string{"Planning area"}, low),
		"Police force area":                  cat([]string{"Police force area"}, low),
		"School":                             {"School"},
		"Provider":                           {"Provider"},
		"Institution":                        {"Institution"},
	}
}()

// universal are the names a code of "z" may carry at any level
// (dfe-published-data-qa data/universal_geog_options.csv).
var universal = []string{"Not applicable", "Unknown", "Outside of England", "Outside of the United Kingdom",
	"Outside of England and unknown", "Outside of the United Kingdom and unknown"}

// countries is data/country.csv.
var countries = []ees.Area{
	{Code: "E92000001", Name: "England"}, {Code: "K02000001", Name: "United Kingdom"}, {Code: "K03000001", Name: "Great Britain"},
	{Code: "K04000001", Name: "England and Wales"}, {Code: "N92000002", Name: "Northern Ireland"}, {Code: "S92000003", Name: "Scotland"},
	{Code: "W92000004", Name: "Wales"}, {Code: "z", Name: "England, Wales and Northern Ireland"},
	{Code: "z", Name: "Outside of England and unknown"}, {Code: "z", Name: "Outside of the United Kingdom and unknown"},
	{Code: "z", Name: "Outside of England"}, {Code: "z", Name: "Outside of the United Kingdom"},
}

// regions is data/regions.csv: the nine English regions, Inner and Outer
// London, and the "z" rows.
var regions = append(append([]ees.Area(nil), ees.Regions...),
	ees.Area{Code: "E13000001", Name: "Inner London"}, ees.Area{Code: "E13000002", Name: "Outer London"},
	ees.Area{Code: "z", Name: "Outside of England and unknown"}, ees.Area{Code: "z", Name: "Outside of United Kingdom and unknown"},
	ees.Area{Code: "z", Name: "Outside of England"}, ees.Area{Code: "z", Name: "Outside of United Kingdom"},
)

// Symbols.
var (
	nullSymbols   = []string{"NULL", "Null", "null", "NA", "na"}
	legacyNoData  = []string{"N/A", "n/a", ".", "..", "-"}
	legacyGSS     = []string{"~", ":"}
	filterLimit   = 25000
	acceptedUnits = []string{"%", "pp", "£", "£m", "numberstring"}
)

// smushed are filter items that, in an indicator's name, mean the file is
// not tidy (check_col_ind_smushed).
var smushed = []string{"male", "female", "asian", "chinese", "indian", "pakistani", "bangladeshi", "black", "african",
	"caribbean", "white", "roma", "irish", "english", "british", "scottish", "welsh", "northern irish", "arab"}

// geogCatch (check_meta_geog_catch) and potentialObUnits (data-raw, used by
// check_filter_ob_total) catch geography columns under other names.
var (
	geogCatch = regexp.MustCompile(`(?i)(^(sch|prov|inst|estab|reg|la|local|rsc|pfa|pcon|lep|mca|oa|ward|mat).*(name|code|urn|ukprn|number|upin|id)$)` +
		`|(^(laestab|estab|sch|school|schools|prov|provider|providers|inst|institution|institutions|name|code|urn|ukprn|number|upin|id|region|la|lad|rsc|pcon|lep|mca|oa|ward|mat)$)`)
	potentialObUnits = regexp.MustCompile(`(?i)(^(country|sch|prov|inst|estab|reg|la|local|rsc|pfa|pcon|lep|mca|oa|ward|mat).*(name|code|urn|ukprn|number|upin|id)$)` +
		`|(^(laestab|estab|sch|school|schools|prov|provider|providers|inst|institution|institutions|name|code|urn|ukprn|number|upin|id|region|la|lad|rsc|pcon|lep|mca|oa|ward|mat)$)`)
)

// API character limits (data-raw/char_limits.R).
const (
	limitLocationCode = 30
	limitColumnName   = 50
	limitColumnLabel  = 100
	limitItem         = 120
)

// The metadata file's required and optional columns.
var (
	requiredMeta = ees.MetaColumns
	optionalMeta = []string{"filter_default"}
	requiredData = []string{ees.GeographicLevel, ees.TimePeriod, ees.TimeIdentifier, ees.CountryCode, ees.CountryName}
)
