package datasets

import (
	"fmt"
	"strings"

	"github.com/go-gota/gota/dataframe"

	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/datasets/ees"
	"github.com/oversight/oversight/outputs/table"
)

// The metrics' columns reach the EES files through three things in this
// file and nothing else: metricTable (the rows and the kind of each column),
// Describe (how EES is told about a column) and measureKind, with
// perMeasure. Pointing them at the metrics' column schema is all a change of
// schema asks.

// metricTable is a metric dataset as a table: today the report's gota frame
// with the kinds of table.MetricKinds.
func metricTable(r *metrics.Report, file string) (table.Table, error) {
	df, ok := map[string]dataframe.DataFrame{
		"councils.csv": r.CouncilFrame, "regions.csv": r.RegionFrame, "by_grade.csv": r.ByGradeFrame,
		"transitions.csv": r.TransitionFrame, "workforce.csv": r.WorkforceFrame,
	}[file]
	if !ok {
		return nil, fmt.Errorf("no metric dataset %s", file)
	}
	t, err := table.FromFrame(file, df, table.MetricKinds(df.Names()))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return t, nil
}

// measureKind is the kind of a workforce measure's figures (a rate is a
// percentage, a caseload a number).
func measureKind(m string) table.Kind { return table.MetricKinds([]string{m})[m] }

// perMeasure are the workforce table's columns, besides value, that belong
// to one measure's figure and so become a column per measure when the table
// is pivoted: the v2 metrics' counts behind a median (today's table has
// neither).
var perMeasure = map[string]bool{"median_councils": true, "area_councils": true}

// Describe is the EES description of one column of a metric dataset
// (councils.csv, regions.csv, by_grade.csv, transitions.csv, workforce.csv):
// its role, label, unit, decimal places, grouping and the symbol a blank
// cell stands for. It is the only place the EES files learn about the metric
// columns. Today it reads the column's name and its kind (table.MetricKinds);
// when the metrics carry one schema (name, header with unit, kind,
// definition), its body becomes a lookup there, and nothing else changes.
//
// A column it cannot describe is an error naming the column, so a new
// metric column is described before it is published, never guessed.
func Describe(file, col string, kind table.Kind) (ees.Column, error) {
	c := ees.Column{Name: col, Role: ees.Indicator, Blank: ees.NotAvailable}
	label, err := label(col)
	if err != nil {
		return c, fmt.Errorf("%s: %w", file, err)
	}
	c.Label = label

	// Filters: the categories a file's rows are broken down by.
	switch {
	case file == "by_grade.csv" && col == "grade":
		c.Role, c.Hint = ees.Filter, "Filter by the councils' latest overall Ofsted grade"
	case file == "transitions.csv" && col == "from_grade":
		c.Role, c.Hint = ees.Filter, "Filter by the earlier grade of each pair"
	case file == "by_grade.csv" && col == "grouping":
		c.Role, c.Hint = ees.Filter, "Filter by overall grade or leadership grade"
	case col == "date", col == "source_type", col == "series", col == "joint", col == statisticColumn:
		c.Role = ees.Filter
		c.Hint = map[string]string{"date": "Filter by the date a figure is for", "source_type": "Filter by the kind of source",
			"series":        "Filter by DfE's official series or figures from other sources",
			statisticColumn: "Filter by council figures or the medians of council figures"}[col]
	case col == asOfColumn || col == coverageColumn:
		c.Role = ees.Filter
	}
	if c.Role == ees.Filter {
		// The item a blank cell stands for.
		c.Blank = map[string]string{"joint": "Not a joint service", "source_type": "Not applicable (a median)"}[col]
		if c.Blank == "" {
			c.Blank = "Not known"
		}
		return c, nil
	}

	c.Grouping = grouping(file, col)
	if strings.HasSuffix(col, "_source") || strings.HasSuffix(col, "_scope") {
		kind = table.Text // table.MetricKinds takes caseload_source for a number, by its prefix
	}
	switch kind {
	case table.Integer:
		c.DP = 0
	case table.Number, table.Percent, table.Points:
		c.DP = 1 // as DfE publishes caseloads and rates
		if strings.HasSuffix(col, "_mean") || strings.HasSuffix(col, "_median") || strings.HasSuffix(col, "_change") {
			c.DP = 2 // means are rounded to 2 places, and a median of two figures can need them
		}
		c.Unit = map[table.Kind]string{table.Percent: "%", table.Points: "pp"}[kind]
	default: // a grade, a date, a word
		c.Text = true
	}
	// A blank that means "there is nothing before this" rather than "the
	// inputs do not have it".
	if strings.HasPrefix(col, "previous_") || strings.HasSuffix(col, "_change") || col == "good_or_better_pct" {
		c.Blank = ees.NotApplicable
	}
	return c, nil
}

// Standard columns the EES versions add.
const (
	asOfColumn      = "as_of_date"
	coverageColumn  = "coverage"
	statisticColumn = "statistic"
)

// Items of the statistic filter.
const (
	councilStatistic = "Council figure"
	medianStatistic  = "Median of council figures"
)

var measureLabels = map[string]string{
	"caseload":       "Caseload (children per social worker)",
	"vacancy_rate":   "Vacancy rate",
	"agency_rate":    "Agency worker rate",
	"turnover_rate":  "Turnover rate",
	"social_workers": "Social workers (FTE)",
}

var gradeWords = map[string]string{
	"outstanding": "outstanding", "good": "good", "requires_improvement": "requires improvement", "inadequate": "inadequate",
}

var labels = map[string]string{
	asOfColumn:            "Figures as of",
	coverageColumn:        "Councils covered",
	"date":                "Date of the figure",
	statisticColumn:       "Statistic",
	"source_type":         "Source type",
	"series":              "Series (official statistics or other sources)",
	"joint":               "Joint service",
	"grouping":            "Councils grouped by",
	"grade":               "Latest overall Ofsted grade",
	"grade_date":          "Date of the latest overall grade",
	"previous_grade":      "Previous overall grade",
	"previous_grade_date": "Date of the previous overall grade",
	"grade_change":        "Change from the previous overall grade",
	"leadership":          "Latest grade for the impact of leaders",
	"help_and_protection": "Latest grade for help and protection",
	"children_in_care":    "Latest grade for children in care",
	"care_leavers":        "Latest grade for care leavers",
	"judgement_date":      "Date of the latest judgement in any area",
	"inspections":         "Inspections with an overall grade",
	"visits":              "Ungraded visits",
	"caseload_max":        "Highest caseload reported (any team)",
	"strengths":           "Strengths found (theme findings)",
	"weaknesses":          "Weaknesses found (theme findings)",
	"findings":            "Findings about the council",
	"councils":            "Councils",
	"councils_graded":     "Councils with an overall grade",
	"good_or_better_pct":  "Councils graded good or outstanding",
	"improved":            "Councils whose latest grade improved",
	"declined":            "Councils whose latest grade declined",
	"published_date":      "Date of the figures published by DfE",
	// Named by spec/metrics.md v2.
	"last_overall_grade":        "Latest overall grade of any inspection (before the current framework)",
	"last_overall_grade_date":   "Date of the latest overall grade of any inspection",
	"framework":                 "Framework of the latest inspection",
	"leadership_date":           "Date of the latest grade for the impact of leaders",
	"leadership_change":         "Change from the previous grade for the impact of leaders",
	"councils_no_overall_grade": "Councils whose latest inspection gave no overall grade",
	"from_grade":                "Earlier overall grade",
	"total":                     "Transitions from this grade",
}

// label is a column's label: its own, or made from its measure.
func label(col string) (string, error) {
	if l, ok := labels[col]; ok {
		return l, nil
	}
	if l, ok := measureLabels[col]; ok {
		return l, nil
	}
	if g, ok := gradeWords[col]; ok {
		return "Councils graded " + g, nil
	}
	if g, ok := strings.CutPrefix(col, "to_"); ok && gradeWords[g] != "" {
		return "Transitions to " + gradeWords[g], nil
	}
	if m, ok := strings.CutPrefix(col, "published_"); ok && measureLabels[m] != "" {
		return measureLabels[m] + " published by DfE", nil
	}
	for suffix, form := range map[string]string{
		"_neighbours_median": "%s: median of the 10 statistical neighbours",
		"_region_median":     "%s: median of the region's councils",
		"_england_median":    "%s: median of England's councils",
		"_median":            "%s: median of the councils",
		"_mean":              "%s: mean of the councils",
		"_change":            "%s: change since the previous figure",
		"_date":              "%s: date of the figure",
		"_source":            "%s: kind of source",
		"_median_councils":   "%s: figures in the median",
		"_area_councils":     "%s: councils in the area",
	} {
		if m, ok := strings.CutSuffix(col, suffix); ok && measureLabels[m] != "" {
			return fmt.Sprintf(form, measureLabels[m]), nil
		}
	}
	// A date, source or scope beside any column described above.
	for suffix, form := range map[string]string{"_date": "%s: date", "_source": "%s: kind of source", "_scope": "%s: team or scope"} {
		if base, ok := strings.CutSuffix(col, suffix); ok {
			if l, err := label(base); err == nil {
				return fmt.Sprintf(form, l), nil
			}
		}
	}
	return "", fmt.Errorf("no EES description for column %q: add its label to outputs/datasets.Describe (or the metric schema it reads)", col)
}

// grouping is the heading EES shows over related indicators.
func grouping(file, col string) string {
	for m, l := range measureLabels {
		if col == m || strings.HasPrefix(col, m+"_") {
			return l
		}
	}
	switch {
	case strings.HasPrefix(col, "published_"):
		return "Figures published by DfE"
	case strings.HasPrefix(col, "to_"), col == "total":
		return "Transitions"
	case gradeWords[col] != "", col == "councils", col == "councils_graded", col == "good_or_better_pct", col == "improved", col == "declined":
		return "Councils by latest overall grade"
	case col == "strengths", col == "weaknesses", col == "findings":
		return "Findings"
	}
	if file == "councils.csv" {
		return "Ofsted judgements"
	}
	return ""
}
