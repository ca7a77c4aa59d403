package table

import "strings"

// MetricKinds gives the kind of every column of the metric tables
// (councils, regions, by_grade, transitions, workforce).
func MetricKinds(cols []string) map[string]Kind {
	kinds := map[string]Kind{}
	for _, c := range cols {
		kinds[c] = metricKind(c)
	}
	return kinds
}

func metricKind(c string) Kind {
	switch c {
	case "grade", "previous_grade", "leadership", "help_and_protection", "children_in_care", "care_leavers", "from_grade":
		return Grade
	case "inspections", "visits", "strengths", "weaknesses", "findings", "councils", "councils_graded",
		"outstanding", "good", "requires_improvement", "inadequate", "improved", "declined", "total":
		return Integer
	case "time_period", "judgement_date":
		return Date
	case "good_or_better_pct":
		return Percent
	case "vacancy_rate_change":
		return Points
	}
	switch {
	case strings.HasSuffix(c, "_date"):
		return Date
	case strings.HasPrefix(c, "to_"):
		return Integer
	case strings.Contains(c, "_rate"):
		return Percent
	case strings.HasPrefix(c, "caseload"), c == "value":
		return Number
	}
	return Text
}
