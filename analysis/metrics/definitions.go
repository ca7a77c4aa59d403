package metrics

// Definition explains one output column in plain English, for the About
// sheets and the README.
type Definition struct {
	Column  string
	Meaning string
}

// CouncilDefinitions follow spec/metrics.md, column by column.
var CouncilDefinitions = []Definition{
	{"la_name, new_la_code, old_la_code, region_name", "The council's name, its GSS code in use on the report date, its DfE three-digit code and its English region, from the reference list."},
	{"grade, grade_date", "The council's latest overall Ofsted grade and the date it was given (report publication, or the inspection month if that is all the source says)."},
	{"previous_grade, previous_grade_date", "The latest overall grade dated strictly before grade_date."},
	{"grade_change", "improved, declined or unchanged comparing grade with previous_grade; first when there is no earlier grade; blank when the council has no grade."},
	{"leadership, help_and_protection, children_in_care, care_leavers", "The latest grade in each judgement area. The combined 'children in care and care leavers' judgement (used until 2023) counts for both; on the same date an area's own grade wins. From April 2026 Ofsted gives no overall grade, so these carry the newest judgements."},
	{"judgement_date", "The date of the council's latest grade in any area."},
	{"inspections", "How many distinct dates carry an overall grade. A grade given only to a month or year (news often gives the inspection month) counts as the same inspection as the same grade given to a day in that period or up to three months after it (Ofsted publishes about two months after inspecting)."},
	{"visits", "How many distinct ungraded visits (focused, monitoring, joint targeted area inspection) by date and kind."},
	{"caseload, caseload_date", "Children per social worker: the mean of the whole-service figures (scope council, exact or average) at the latest date that has one. Team figures ('over 40 in the assessment team') never count here."},
	{"caseload_change", "caseload minus the same figure at the previous date that has one; blank if there is none."},
	{"caseload_max", "The highest caseload in any finding for the council, of any team or qualifier ('as many as 55')."},
	{"vacancy_rate, vacancy_rate_date, vacancy_rate_change", "Per cent of social worker posts vacant, as for caseload; the change is in percentage points."},
	{"agency_rate, turnover_rate", "Per cent of social workers who are agency staff, and per cent who left in the year: the latest whole-service figure, as for caseload."},
	{"strengths, weaknesses", "How many theme findings (e.g. 'management oversight', 'drift and delay') the council has of each polarity."},
	{"findings", "How many accepted findings the council has, after duplicates are counted once."},
	{"*_neighbours_median, *_region_median, *_england_median", "For caseload, vacancy, agency and turnover: the median of the same figure among the council's ten statistical neighbours (DfE's 2025 model), its region's councils and all England's councils, over those that have one. They put the council's own figure in context."},
}

// RegionDefinitions explain the Regions table.
var RegionDefinitions = []Definition{
	{"councils", "Councils in the region that exist on the report date."},
	{"councils_graded", "Of those, councils with an overall grade."},
	{"outstanding, good, requires_improvement, inadequate", "Councils whose latest overall grade is each grade."},
	{"good_or_better_pct", "Share of graded councils whose latest grade is good or outstanding, per cent."},
	{"improved, declined", "Councils whose latest grade change is that."},
	{"caseload_median, vacancy_rate_median, agency_rate_median, turnover_rate_median", "The median of the council figures, over councils that have one (each council counts once, whatever its size)."},
	{"published_date, published_*", "The figures DfE published for the region or England for the latest reporting year on or before the report date (year to 30 September), when the inputs include them. DfE computes them from totals: all cases over all case-holding social workers, all vacancies over all posts. Large councils weigh more there than in a median of council figures, so the two differ by a little; they measure the same thing in two ways."},
}

// ByGradeDefinitions explain the workforce-by-grade table.
var ByGradeDefinitions = []Definition{
	{"grade, councils", "Councils whose latest overall grade is this grade."},
	{"*_mean, *_median", "The mean and median of those councils' caseload, vacancy, agency and turnover figures, over councils that have one."},
}

// TransitionDefinitions explain the transitions table.
var TransitionDefinitions = []Definition{
	{"from_grade, to_*", "Every pair of consecutive overall grades in each council's history (not only the latest pair), counted from the earlier grade (rows) to the later one (columns). Councils that no longer exist count too."},
}

// WorkforceDefinitions explain workforce.csv.
var WorkforceDefinitions = []Definition{
	{"time_period", "The date the figure is for, at the precision given (DfE reporting years end on 30 September)."},
	{"geographic_level", "Local authority rows are each council's whole-service figure (the mean at that date). Regional and National rows are medians of council figures for a date when at least half of the area's councils have one."},
	{"measure, value", "caseload (children per social worker), vacancy_rate, agency_rate, turnover_rate (per cent)."},
}

// Notes are the rules that apply across tables.
var Notes = []string{
	"Everything is computed as of the report date: findings dated after it are left out, so a past month's report can be rebuilt exactly.",
	"A month or year date sorts as the first day of that month or year and is shown at the precision it was given.",
	"Means are rounded to 2 decimal places and shares to 1; other figures are as given.",
	"Exact duplicate findings (after normalising names, codes, '25%' and '25', 'RI' and 'requires improvement') count once. Two different grades for one council, date and area are both rejected until the sources agree.",
	"Text that starts with =, +, -, @, tab or carriage return is stored as text in workbooks and prefixed with ' in CSV files, so no output can run a formula.",
	"Official statistics contain public sector information licensed under the Open Government Licence v3.0 (Ofsted; Department for Education).",
}
