package metrics

// Note is a rule that applies across tables, with the reason for it: the
// Notes sheets and the README give both.
type Note struct {
	Rule, Why string
}

// Notes are the report's rules, in the order a reader needs them.
var Notes = []Note{
	{"Everything is computed as of the report date: a finding counts only once it was published on or before that date (an inspection's report, DfE's release, the article), and only if it is about a date on or before the as-at date (the report date unless an earlier one is asked for: Ofsted's counts 'as at 31 March' are made that way). Of an official figure revised in a later release, the release published last by the report date counts.", "The same inputs and dates always give the same numbers, and a past month's report shows only what could have been known that month: DfE publishes its 30 September figures about five months later, Ofsted a report weeks after the inspection."},
	{"A month or year date sorts as the first day of that month or year and is shown at the precision it was given.", "News often gives only a month or a year; showing a day would claim a precision the source does not have."},
	{"From April 2026 Ofsted gives no overall grade. A council whose latest inspection is under that framework has a blank overall grade and is counted under 'latest inspection gave no overall grade'; its last overall grade is shown separately as the grade from before the current framework. Leadership (the impact of leaders) is graded under both frameworks, so it is counted by grade too.", "An older inspection's overall grade shown as current would misstate a council that a newer inspection has judged."},
	{"Official statistics come first: a council's headline workforce figure is DfE's when there is one; figures from news, reports and council papers are kept, listed and charted as their own points, never merged into the official series.", "The two measure in different ways and at different times; one line through both would invent a trend."},
	{"Every workforce figure carries its date. When DfE published a suppression code instead of a number the code is shown: [c] confidential, [x] not available, [z] not applicable, [u] low reliability, [low] a positive figure that rounds to zero.", "An older year's number in place of a suppressed one would look current."},
	{"Medians (statistical neighbours, region, England) and rankings use one reference period each: the latest date at which at least half of the group's councils have a number, in practice DfE's latest 30 September. Councils without a number for that date are left out, never replaced by an older one.", "A median mixing years compares unlike things; the same median appears wherever it is shown, with its date."},
	{"A figure published once for a joint children's service (Achieving for Children for Kingston upon Thames and Richmond upon Thames; Northamptonshire Children's Trust for North and West Northamptonshire) is shown on each council, marked as joint, and counts once in every median and ranking. A council's joint partner is not one of its comparison neighbours.", "Counting one figure twice would weigh it double, and a council compared with itself looks typical."},
	{"A figure for a council with fewer than 20 FTE social workers at that date is marked as based on small numbers, and left out of every median, mean and ranking; each says how many it left out.", "One person more or less moves such a figure a lot: Isles of Scilly's rates can be 0% or 100%."},
	{"Means are rounded to 2 decimal places and shares to 1; other figures are as given.", "Rounding only what the project computes keeps published figures as published."},
	{"Exact duplicate findings (after normalising names, codes, '25%' and '25', 'RI' and 'requires improvement') count once. Two different grades for one council, date and area are both rejected until the sources agree.", "A fact repeated by two sources is still one fact; a conflict needs a person."},
	{"Text that starts with =, +, -, @, tab or carriage return is stored as text in workbooks and prefixed with ' in CSV files.", "No output can run a formula."},
	{"The share of councils good or outstanding is over the councils whose latest inspection gave an overall grade, not over all councils: a council last inspected under Ofsted's framework from April 2026 has none, and is counted apart.", "A council with no overall grade is neither good nor not good; counting it as either would change the share with each new inspection."},
}
