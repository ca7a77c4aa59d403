package metrics

import (
	"fmt"
	"math"
	"strings"

	"github.com/oversight/oversight/analysis/findings"
)

// The metric tables' schemas: one entry per column, in output order. The
// frames, the CSV and open-data writers, the workbooks (headers, number
// formats) and the definitions on Notes sheets and in the README read them.

// Groups: the headings open-data files show over related indicators
// (besides each workforce measure's own, its header).
const (
	groupJudgements  = "Ofsted judgements"
	groupFindings    = "Findings"
	groupOverall     = "Councils by latest overall grade"
	groupLeadership  = "Councils by leadership grade"
	groupPublished   = "Figures published by DfE"
	groupTransitions = "Transitions"
	groupChanges     = "What changed"
)

// MeasureHeader is a workforce measure's header with its unit.
func MeasureHeader(m findings.Measure) string { return m.Def().Header }

// measureKind is how a measure's figures are written.
func measureKind(m findings.Measure) Kind {
	if m.Rate() {
		return Percent
	}
	return Number
}

// changeKind is how a change in a measure is written.
func changeKind(m findings.Measure) Kind {
	if m.Rate() {
		return Points
	}
	return Number
}

// figureValue is a figure as a cell: its number, or its code.
func figureValue(p Point, ok bool) Value {
	switch {
	case !ok:
		return Value{Blank: true}
	case !p.Numeric():
		return Value{Code: p.Code}
	}
	return Value{Num: p.Value}
}

func medianValue(m Median) Value { return num(m.OK, m.Value) }

func rankValue(r Rank) Value { return num(r.OK, float64(r.Position)) }

func rankedValue(r Rank) Value { return num(r.OK, float64(r.Of)) }

// CouncilColumns are councils.csv and the Councils sheet, spec/metrics.md v2
// order, then the comparison columns.
var CouncilColumns = func() []Column[*Council] {
	g := func(f func(*Council) GradeAt) func(*Council) Value {
		return func(c *Council) Value { return grade(f(c).Grade) }
	}
	gd := func(f func(*Council) GradeAt) func(*Council) Value {
		return func(c *Council) Value { return date(f(c).Date) }
	}
	cols := []Column[*Council]{
		{Name: "la_name", Sheet: SheetIdentity, Header: "Local authority", Kind: Text, Definition: "The council's name, from the reference list of English councils with children's services.", Get: func(c *Council) Value { return text(c.Ref.Name) }},
		{Name: "new_la_code", Sheet: SheetIdentity, Header: "New LA code (ONS)", Kind: Text, Definition: "The council's ONS (GSS) code in use on the report date.", Get: func(c *Council) Value { return text(c.Code) }},
		{Name: "old_la_code", Sheet: SheetIdentity, Header: "Old LA code (DfE)", Kind: Text, Definition: "The council's three-digit DfE local authority code.", Get: func(c *Council) Value { return text(c.Ref.DfE) }},
		{Name: "region_name", Sheet: SheetIdentity, Header: "Region", Kind: Text, Definition: "The English region the council is in.", Get: func(c *Council) Value { return text(c.Ref.Region) }},
		{Name: "grade", Sheet: SheetJudgements, Group: groupJudgements, Header: "Overall grade at latest inspection", Kind: Grade,
			Definition: "Ofsted's overall effectiveness grade at the council's latest inspection. Blank when that inspection gave no overall grade (Ofsted's framework from April 2026 grades areas only): an older inspection's overall grade is never shown as current, because a newer inspection has overtaken it.",
			Get:        noOverall(g(func(c *Council) GradeAt { return c.Grade }))},
		{Name: "grade_date", Sheet: SheetJudgements, Group: groupJudgements, Header: "Date of overall grade (inspection)", Kind: Date, Definition: "The date of the inspection that gave the overall grade: its first day, as Ofsted's own files give it, or the inspection month or year when that is all a source says. When it was published is the next column.", Get: noOverall(gd(func(c *Council) GradeAt { return c.Grade }))},
		{Name: "grade_published", Sheet: SheetJudgements, Group: groupJudgements, Header: "Date overall grade published", Kind: Date,
			Definition: "When the latest inspection's report was published (spec v3): a grade counts in a report only from this day, so a report as of a past day shows only the grades known then.",
			Get:        noOverall(func(c *Council) Value { return date(c.Grade.Published) })},
		{Name: "previous_grade", Sheet: SheetJudgements, Group: groupJudgements, Blank: findings.NotApplicable, Header: "Previous overall grade", Kind: Grade, Definition: "The latest overall grade dated before the overall grade above; blank when that is blank.", Get: g(func(c *Council) GradeAt { return c.Previous })},
		{Name: "previous_grade_date", Sheet: SheetJudgements, Group: groupJudgements, Blank: findings.NotApplicable, Header: "Date of previous overall grade", Kind: Date, Definition: "The date of the inspection that gave the previous overall grade.", Get: gd(func(c *Council) GradeAt { return c.Previous })},
		{Name: "grade_change", Sheet: SheetJudgements, Group: groupJudgements, Blank: findings.NotApplicable, Header: "Change in overall grade", Kind: Text, Definition: "improved, declined or unchanged comparing the overall grade with the previous one; first when there is none before; blank when the latest inspection gave no overall grade.", Get: func(c *Council) Value { return text(c.GradeChange) }},
		{Name: "last_overall_grade", Sheet: SheetJudgements, Group: groupJudgements, Header: "Last overall grade given (before the current framework)", Kind: Grade,
			Definition: "The latest overall grade of any inspection. It equals the overall grade above unless the latest inspection gave none; then it is the grade from before the current framework, shown for history, not as the council's current grade.",
			Get:        g(func(c *Council) GradeAt { return c.LastOverall })},
		{Name: "last_overall_grade_date", Sheet: SheetJudgements, Group: groupJudgements, Header: "Date of last overall grade", Kind: Date, Definition: "The date of the inspection that gave the last overall grade.", Get: gd(func(c *Council) GradeAt { return c.LastOverall })},
		{Name: "framework", Sheet: SheetJudgements, Group: groupJudgements, Header: "Latest inspection gave", Kind: Text, Definition: "'overall grade' when the latest inspection gave an overall grade, 'no overall grade' when it graded areas only (Ofsted's framework from April 2026); blank when never inspected.", Get: func(c *Council) Value { return text(c.Framework) }},
		{Name: "leadership", Sheet: SheetJudgements, Group: groupJudgements, Header: "Leadership grade (impact of leaders)", Kind: Grade,
			Definition: "The latest grade for the impact of leaders (SIF: leadership, management and governance). Leadership is graded in every inspection since 2018 under both frameworks, so it is the judgement that stays comparable across the April 2026 change.",
			Get:        g(func(c *Council) GradeAt { return c.Leadership })},
		{Name: "leadership_date", Sheet: SheetJudgements, Group: groupJudgements, Header: "Date of leadership grade (inspection)", Kind: Date, Definition: "The date of the inspection that gave the leadership grade (its first day).", Get: gd(func(c *Council) GradeAt { return c.Leadership })},
		{Name: "leadership_published", Sheet: SheetJudgements, Group: groupJudgements, Header: "Date leadership grade published", Kind: Date,
			Definition: "When the report with the leadership grade was published.",
			Get:        func(c *Council) Value { return date(c.Leadership.Published) }},
		{Name: "leadership_change", Sheet: SheetJudgements, Group: groupJudgements, Blank: findings.NotApplicable, Header: "Change in leadership grade", Kind: Text, Definition: "improved, declined or unchanged comparing the leadership grade with the previous inspection's; first when there is none before.", Get: func(c *Council) Value { return text(c.LeadershipChange) }},
		{Name: "help_and_protection", Sheet: SheetJudgements, Group: groupJudgements, Header: "Help and protection grade", Kind: Grade, Definition: "The latest grade for the experiences and progress of children who need help and protection.", Get: g(func(c *Council) GradeAt { return c.HelpAndProtection })},
		{Name: "children_in_care", Sheet: SheetJudgements, Group: groupJudgements, Header: "Children in care grade", Kind: Grade, Definition: "The latest grade for children in care. The combined 'children in care and care leavers' judgement (used until 2023) counts for both; on the same date an area's own grade wins.", Get: g(func(c *Council) GradeAt { return c.ChildrenInCare })},
		{Name: "care_leavers", Sheet: SheetJudgements, Group: groupJudgements, Header: "Care leavers grade", Kind: Grade, Definition: "The latest grade for care leavers, with the same rule for the combined judgement.", Get: g(func(c *Council) GradeAt { return c.CareLeavers })},
		{Name: "judgement_date", Sheet: SheetJudgements, Group: groupJudgements, Header: "Date of latest inspection", Kind: Date, Definition: "The date of the council's latest inspection (its latest grade in any area).", Get: func(c *Council) Value { return date(c.JudgementDate) }},
		{Name: "inspections", Sheet: SheetJudgements, Group: groupJudgements, Header: "Inspections", Kind: Integer,
			Definition: "How many inspections the council has had (dates with a grade in any area, with or without an overall grade). A grade given only to a month or year counts as the same inspection as the same grade given to a day in that period or up to three months after it: news gives the inspection month, Ofsted the publication day.",
			Get:        func(c *Council) Value { return count(len(c.History)) }},
		{Name: "visits", Sheet: SheetJudgements, Group: groupJudgements, Header: "Ungraded visits", Kind: Integer, Definition: "How many ungraded visits (focused, monitoring, joint targeted area inspection), by date and kind.", Get: func(c *Council) Value { return count(len(c.Visits)) }},
	}
	for _, m := range WorkforceMeasures {
		m := m
		w := m.Def()
		group := w.Header
		fig := func(c *Council) Figure { return c.Figure(m) }
		cols = append(cols,
			Column[*Council]{Name: m.String(), Sheet: SheetWorkforce, Group: group, Header: w.Header, Kind: measureKind(m), DP: 1,
				Definition: fmt.Sprintf("The council's latest %s: official statistics (DfE) when there are any, otherwise the mean of the whole-service figures from other sources on the latest date. When the latest official entry is a suppression code ([c], [x], [z], [u], [low]) the code is shown with its date, never an older year's number.", w.Noun),
				Get:        func(c *Council) Value { f := fig(c); return figureValue(f.Point, f.OK) }},
			Column[*Council]{Name: m.String() + "_date", Sheet: SheetWorkforce, Group: group, Header: "Date of " + w.Short(), Kind: Date,
				Definition: "The date the figure is for (DfE's reporting year ends on 30 September), at the precision the source gives.",
				Get:        func(c *Council) Value { f := fig(c); return date(f.Date) }},
			Column[*Council]{Name: m.String() + "_published", Sheet: SheetWorkforce, Group: group, Header: "Date published (" + w.Short() + ")", Kind: Date,
				Definition: "When the figure was published (for DfE's statistics, the release day of the publication it comes from, or of the revision that replaced it): it counts in a report only from this day.",
				Get:        func(c *Council) Value { f := fig(c); return date(f.Published) }},
			Column[*Council]{Name: m.String() + "_change", Sheet: SheetWorkforce, Group: group, Blank: findings.NotApplicable, Header: "Change in " + lowerFirst(w.Header), Kind: changeKind(m), DP: 1,
				Definition: "The figure minus the same series' figure at the previous date (percentage points for rates); blank when either is missing or a code.",
				Get:        func(c *Council) Value { f := fig(c); return num(f.HasChange, f.Change) }},
			Column[*Council]{Name: m.String() + "_source", Sheet: SheetWorkforce, Group: group, Header: "Source of " + w.Short(), Kind: Text,
				Definition: "statistics when the figure is from official statistics; otherwise the kinds of source it comes from (news, ofsted, council).",
				Get:        func(c *Council) Value { f := fig(c); return text(f.Source) }},
		)
	}
	cols = append(cols,
		Column[*Council]{Name: "caseload_max", Sheet: SheetWorkforce, Group: findings.Caseload.Def().Header, Header: "Highest caseload reported", Kind: Number, DP: 1,
			Definition: "The highest caseload in any finding for the council, of any team or qualifier ('as many as 55 in one team'): a warning sign, not a whole-service figure. Its date, team and qualifier follow the comparison columns.",
			Get:        func(c *Council) Value { return num(c.CaseloadMax.OK, c.CaseloadMax.Value) }},
		Column[*Council]{Name: "strengths", Sheet: SheetJudgements, Group: groupFindings, Header: "Strengths noted", Kind: Integer, Definition: "How many theme findings (such as 'management oversight') describe a strength.", Get: func(c *Council) Value { return count(c.Strengths) }},
		Column[*Council]{Name: "weaknesses", Sheet: SheetJudgements, Group: groupFindings, Header: "Weaknesses noted", Kind: Integer, Definition: "How many theme findings describe a weakness.", Get: func(c *Council) Value { return count(c.Weaknesses) }},
		Column[*Council]{Name: "findings", Sheet: SheetJudgements, Group: groupFindings, Header: "Findings", Kind: Integer, Definition: "How many accepted findings the council has, duplicates counted once.", Get: func(c *Council) Value { return count(c.Findings) }},
		// Comparison columns (spec: "may follow").
		Column[*Council]{Name: "caseload_max_date", Sheet: SheetWorkforce, Group: findings.Caseload.Def().Header, Header: "Date of highest caseload", Kind: Date, Definition: "When the highest caseload was reported.", Get: func(c *Council) Value { return date(c.CaseloadMax.Date) }},
		Column[*Council]{Name: "caseload_max_scope", Sheet: SheetWorkforce, Group: findings.Caseload.Def().Header, Header: "Team of highest caseload", Kind: Text, Definition: "The part of the service the highest caseload is about ('council' for the whole service).", Get: func(c *Council) Value {
			if !c.CaseloadMax.OK {
				return Value{Blank: true}
			}
			return text(c.CaseloadMax.Scope)
		}},
		Column[*Council]{Name: "caseload_max_qualifier", Sheet: SheetWorkforce, Group: findings.Caseload.Def().Header, Header: "Qualifier of highest caseload", Kind: Text, Definition: "How exact the highest caseload is: exact, average, over, under, up_to ('as many as') or about.", Get: func(c *Council) Value {
			if !c.CaseloadMax.OK {
				return Value{Blank: true}
			}
			return text(c.CaseloadMax.Qualifier.String())
		}},
	)
	for _, m := range WorkforceMeasures {
		m := m
		wf := func(c *Council) *Workforce { return c.Workforce[m] }
		short := m.Def().Short()
		group := m.Def().Header
		kind := measureKind(m)
		cols = append(cols,
			Column[*Council]{Name: m.String() + "_joint", Sheet: SheetComparisons, Group: group, Blank: findings.NotApplicable, Header: "Joint service (" + short + ")", Kind: Text,
				Definition: "When the figure is published once for a joint children's service, the service and its other councils: the figure is shown on each, and counts once in every median and ranking. no for a council's own figure; blank when there is no figure.",
				Get: func(c *Council) Value {
					f := c.Figure(m)
					switch {
					case f.Joint != nil:
						return text(f.Joint.Name + ", with " + strings.Join(f.Partners, " and "))
					case f.Numeric():
						return text("no")
					}
					return Value{Blank: true}
				}},
			Column[*Council]{Name: m.String() + "_small", Sheet: SheetComparisons, Group: group, Blank: findings.NotApplicable, Header: "Based on small numbers (" + short + ")", Kind: Text,
				Definition: fmt.Sprintf("yes when the council had fewer than %d FTE social workers at the figure's date: one person more or less moves such a figure a lot, so it is shown but left out of every median, mean and ranking (spec v3). no for a figure on more; not available when no count of social workers has the figure's date; blank when there is no figure.", SmallService),
				Get: func(c *Council) Value {
					f := c.Figure(m)
					switch {
					case f.Small:
						return text("yes")
					case !f.Numeric():
						return Value{Blank: true}
					case math.IsNaN(f.SocialWorkers):
						return Value{Blank: true, Code: findings.NotAvailable}
					}
					return text("no")
				}},
			Column[*Council]{Name: m.String() + "_neighbours_median", Sheet: SheetComparisons, Group: group, Header: "Statistical neighbours' median " + short + unitSuffix(m), Kind: kind, DP: 2,
				Definition: "The median of the same figure among the council's ten statistical neighbours (DfE's 2025 model, less a joint service's own partners), at their reference period: the latest date at which at least half of them have a number. Councils without a number for that date are left out, never replaced by an older one.",
				Get:        func(c *Council) Value { return medianValue(wf(c).Neighbours) }},
			Column[*Council]{Name: m.String() + "_neighbours_median_date", Sheet: SheetComparisons, Group: group, Header: "Date of neighbours' median " + short, Kind: Date, Definition: "The neighbours' reference period.", Get: func(c *Council) Value { return date(wf(c).Neighbours.Date) }},
			Column[*Council]{Name: m.String() + "_region_median", Sheet: SheetComparisons, Group: group, Header: "Region's median " + short + unitSuffix(m), Kind: kind, DP: 2,
				Definition: "The median of the same figure among the region's councils at the region's reference period (the same number as the Regions table's).",
				Get:        func(c *Council) Value { return medianValue(wf(c).Region) }},
			Column[*Council]{Name: m.String() + "_region_median_date", Sheet: SheetComparisons, Group: group, Header: "Date of region's median " + short, Kind: Date, Definition: "The region's reference period.", Get: func(c *Council) Value { return date(wf(c).Region.Date) }},
			Column[*Council]{Name: m.String() + "_england_median", Sheet: SheetComparisons, Group: group, Header: "England median " + short + unitSuffix(m), Kind: kind, DP: 2,
				Definition: "The median of the same figure among England's councils at England's reference period (in practice DfE's latest 30 September), a joint service's figure once.",
				Get:        func(c *Council) Value { return medianValue(wf(c).England) }},
			Column[*Council]{Name: m.String() + "_england_median_date", Sheet: SheetComparisons, Group: group, Header: "Date of England median " + short, Kind: Date, Definition: "England's reference period.", Get: func(c *Council) Value { return date(wf(c).England.Date) }},
			Column[*Council]{Name: m.String() + "_england_rank", Sheet: SheetComparisons, Group: group, Header: "Rank in England, 1 = lowest (" + short + ")", Kind: Integer,
				Definition: "The council's place among England's figures at England's reference period, 1 being the lowest figure (" + better(m) + "); equal figures share a place; blank when the council has no number for that date, or when its figure is on fewer than 20 FTE social workers (shown, never ranked).",
				Get:        func(c *Council) Value { return rankValue(wf(c).RankEngland) }},
			Column[*Council]{Name: m.String() + "_england_ranked", Sheet: SheetComparisons, Group: group, Header: "Figures ranked in England (" + short + ")", Kind: Integer, Definition: "How many figures the England rank is out of (a joint service once).", Get: func(c *Council) Value { return rankedValue(wf(c).RankEngland) }},
			Column[*Council]{Name: m.String() + "_region_rank", Sheet: SheetComparisons, Group: group, Header: "Rank in region, 1 = lowest (" + short + ")", Kind: Integer, Definition: "The council's place among its region's figures at the region's reference period, 1 being the lowest (" + better(m) + "); small services are not ranked.", Get: func(c *Council) Value { return rankValue(wf(c).RankRegion) }},
			Column[*Council]{Name: m.String() + "_region_ranked", Sheet: SheetComparisons, Group: group, Header: "Figures ranked in region (" + short + ")", Kind: Integer, Definition: "How many figures the region rank is out of.", Get: func(c *Council) Value { return rankedValue(wf(c).RankRegion) }},
		)
	}
	// Where to read every report: after the comparison columns, as the
	// spec lets further columns follow its own.
	cols = append(cols, Column[*Council]{Name: "ofsted_page", Sheet: SheetJudgements, Group: groupJudgements, Header: "Ofsted's page for the council", Kind: Text,
		Definition: "The council's page on Ofsted's reports site, which lists every inspection report and letter about its children's services (from its Ofsted URN).",
		Get:        func(c *Council) Value { return text(c.Ref.OfstedPage()) }})
	return cols
}()

// noOverall makes the overall grade's cells not applicable ([z]) when the
// latest inspection gave no overall grade (Ofsted's framework from April
// 2026): there is none to give, which is not the same as a grade the inputs
// lack ([x], a council never inspected).
func noOverall(get func(*Council) Value) func(*Council) Value {
	return func(c *Council) Value {
		if c.Framework == FrameworkNoOverall {
			return Value{Blank: true, Code: findings.NotApplicable}
		}
		return get(c)
	}
}

// better says which way is better for a measure, for the ranks.
func better(m findings.Measure) string {
	if m.Def().LowerIsBetter {
		return "a lower " + m.Def().Short() + " is the better"
	}
	return "a higher " + m.Def().Short() + " is the better"
}

func unitSuffix(m findings.Measure) string {
	if m.Rate() {
		return " (%)"
	}
	return ""
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// RegionColumns are regions.csv and the Regions sheet: one row per region,
// then England.
var RegionColumns = func() []Column[RegionRow] {
	cols := []Column[RegionRow]{
		{Name: "region_name", Header: "Region", Kind: Text, Definition: "The English region, or England.", Get: func(r RegionRow) Value { return text(r.Name) }},
		{Name: "councils", Group: groupOverall, Header: "Councils", Kind: Integer, Definition: "Councils with children's services in the area on the report date.", Get: func(r RegionRow) Value { return count(r.Councils) }},
		{Name: "councils_inspected", Group: groupOverall, Header: "Councils inspected", Kind: Integer, Definition: "Of those, councils with at least one inspection. Equals councils with an overall grade plus councils whose latest inspection gave none.", Get: func(r RegionRow) Value { return count(r.Inspected) }},
		{Name: "councils_graded", Group: groupOverall, Header: "Councils with an overall grade", Kind: Integer, Definition: "Councils whose latest inspection gave an overall grade.", Get: func(r RegionRow) Value { return count(r.Graded) }},
	}
	for _, g := range findings.Grades {
		g := g
		cols = append(cols, Column[RegionRow]{Name: g.Key(), Group: groupOverall, Header: "Overall grade " + g.String(), Kind: Integer,
			Definition: "Councils whose latest inspection's overall grade is " + g.String() + ".",
			Get:        func(r RegionRow) Value { return count(r.ByGrade[g]) }})
	}
	cols = append(cols, Column[RegionRow]{Name: "councils_no_overall_grade", Group: groupOverall, Header: "Latest inspection gave no overall grade", Kind: Integer,
		Definition: "Councils whose latest inspection was under Ofsted's framework from April 2026, which grades areas only. They are not counted under an older overall grade.",
		Get:        func(r RegionRow) Value { return count(r.NoOverall) }})
	for _, g := range findings.Grades {
		g := g
		cols = append(cols, Column[RegionRow]{Name: "leadership_" + g.Key(), Group: groupLeadership, Header: "Leadership grade " + g.String(), Kind: Integer,
			Definition: "Councils whose latest leadership grade (impact of leaders), from an inspection since January 2018, is " + g.String() + ": comparable across the April 2026 change.",
			Get:        func(r RegionRow) Value { return count(r.ByLeadership[g]) }})
	}
	cols = append(cols,
		Column[RegionRow]{Name: "good_or_better_pct", Group: groupOverall, Blank: findings.NotApplicable, Header: "Good or outstanding (% of councils with an overall grade)", Kind: Percent, DP: 1,
			Definition: "Share of councils with an overall grade whose grade is good or outstanding, per cent.",
			Get:        func(r RegionRow) Value { return num(!math.IsNaN(r.GoodOrBetter), r.GoodOrBetter) }},
		Column[RegionRow]{Name: "improved", Group: groupOverall, Header: "Overall grade improved", Kind: Integer, Definition: "Councils whose overall grade is better than their previous one.", Get: func(r RegionRow) Value { return count(r.Improved) }},
		Column[RegionRow]{Name: "declined", Group: groupOverall, Header: "Overall grade declined", Kind: Integer, Definition: "Councils whose overall grade is worse than their previous one.", Get: func(r RegionRow) Value { return count(r.Declined) }},
	)
	for _, m := range WorkforceMeasures {
		m := m
		short := m.Def().Short()
		cols = append(cols,
			Column[RegionRow]{Name: m.String() + "_median", Group: m.Def().Header, Header: "Median " + short + unitSuffix(m), Kind: measureKind(m), DP: 2,
				Definition: "The median of the councils' figures at the area's reference period: the latest date at which at least half of its councils have a number. Each council counts once whatever its size, a joint service's figure once.",
				Get:        func(r RegionRow) Value { return medianValue(r.Medians[m]) }},
			Column[RegionRow]{Name: m.String() + "_median_date", Group: m.Def().Header, Header: "Date of median " + short, Kind: Date, Definition: "The area's reference period for the median.", Get: func(r RegionRow) Value { return date(r.Medians[m].Date) }},
			Column[RegionRow]{Name: m.String() + "_median_councils", Group: m.Def().Header, Header: "Figures in median " + short, Kind: Integer, Definition: "How many figures the median is over.", Get: func(r RegionRow) Value { return num(r.Medians[m].OK, float64(r.Medians[m].N)) }},
			Column[RegionRow]{Name: m.String() + "_median_small", Group: m.Def().Header, Header: "Small services left out of median (" + short + ")", Kind: Integer,
				Definition: fmt.Sprintf("How many figures the median leaves out because the council (or joint service) had fewer than %d FTE social workers at that date: they are shown in the councils' tables but a figure on so few staff would move the median by chance.", SmallService),
				Get:        func(r RegionRow) Value { return num(r.Medians[m].OK, float64(r.Medians[m].Small)) }},
		)
	}
	cols = append(cols, Column[RegionRow]{Name: "published_date", Group: groupPublished, Header: "Date of DfE's published figures", Kind: Date,
		Definition: "The reporting year (to 30 September) of DfE's own published figures for the area, the latest on or before the report date, when the inputs include them.",
		Get:        func(r RegionRow) Value { return date(r.PublishedDate) }})
	for _, m := range WorkforceMeasures {
		m := m
		short := m.Def().Short()
		cols = append(cols, Column[RegionRow]{Name: "published_" + m.String(), Group: groupPublished, Header: "DfE published " + short + unitSuffix(m), Kind: measureKind(m), DP: 1,
			Definition: "DfE's own figure for the area, computed from totals (all cases over all case-holding social workers, all vacancies over all posts): large councils weigh more than in a median, so the two differ a little; they measure the same thing in two ways.",
			Get: func(r RegionRow) Value {
				p, ok := r.Published[m]
				return num(ok, p.Value)
			}})
	}
	return cols
}()

// ByGradeColumns are by_grade.csv: the workforce of councils by overall
// grade, then by leadership grade.
var ByGradeColumns = func() []Column[ByGradeRow] {
	cols := []Column[ByGradeRow]{
		{Name: "grouping", Header: "Councils grouped by", Kind: Text, Definition: "'overall grade' (councils whose latest inspection gave that overall grade) or 'leadership' (councils whose latest leadership grade, since 2018, is that grade).", Get: func(r ByGradeRow) Value { return text(r.Grouping) }},
		{Name: "grade", Header: "Grade", Kind: Grade, Definition: "The grade.", Get: func(r ByGradeRow) Value { return grade(r.Grade) }},
		{Name: "councils", Group: groupOverall, Header: "Councils", Kind: Integer, Definition: "Councils in the group.", Get: func(r ByGradeRow) Value { return count(r.Councils) }},
	}
	for _, m := range WorkforceMeasures {
		m := m
		short := m.Def().Short()
		stat := func(r ByGradeRow) GroupStat { return r.Stats[m] }
		cols = append(cols,
			Column[ByGradeRow]{Name: m.String() + "_mean", Group: m.Def().Header, Header: "Mean " + short + unitSuffix(m), Kind: measureKind(m), DP: 2, Definition: "The mean of the group's figures at England's reference period (a joint service once).", Get: func(r ByGradeRow) Value { s := stat(r); return num(s.OK, s.Mean) }},
			Column[ByGradeRow]{Name: m.String() + "_median", Group: m.Def().Header, Header: "Median " + short + unitSuffix(m), Kind: measureKind(m), DP: 2, Definition: "The median of the group's figures at England's reference period.", Get: func(r ByGradeRow) Value { s := stat(r); return num(s.OK, s.Median) }},
			Column[ByGradeRow]{Name: m.String() + "_councils", Group: m.Def().Header, Header: "Figures " + short, Kind: Integer, Definition: "How many figures the mean and median are over.", Get: func(r ByGradeRow) Value { s := stat(r); return num(s.OK, float64(s.N)) }},
			Column[ByGradeRow]{Name: m.String() + "_small", Group: m.Def().Header, Header: "Small services left out (" + short + ")", Kind: Integer, Definition: fmt.Sprintf("How many figures the mean and median leave out: councils with fewer than %d FTE social workers.", SmallService), Get: func(r ByGradeRow) Value { s := stat(r); return num(s.OK, float64(s.Small)) }},
			Column[ByGradeRow]{Name: m.String() + "_date", Group: m.Def().Header, Header: "Date of " + short, Kind: Date, Definition: "England's reference period for the measure: every figure in the row is for this date.", Get: func(r ByGradeRow) Value { return date(stat(r).Date) }},
		)
	}
	return cols
}()

// TransitionColumns are transitions.csv: the grade before, then counts by
// the grade after.
var TransitionColumns = func() []Column[TransitionRow] {
	cols := []Column[TransitionRow]{{Name: "from_grade", Header: "Overall grade before", Kind: Grade,
		Definition: "Every pair of consecutive overall grades in each council's history (not only the latest pair), counted from the earlier grade (rows) to the later one (columns). Councils that no longer exist count too.",
		Get:        func(r TransitionRow) Value { return grade(r.From) }}}
	for _, g := range findings.Grades {
		g := g
		cols = append(cols, Column[TransitionRow]{Name: "to_" + g.Key(), Group: groupTransitions, Header: "Next overall grade " + g.String(), Kind: Integer, Definition: "Pairs whose later grade is " + g.String() + ".", Get: func(r TransitionRow) Value { return count(r.To[g]) }})
	}
	return append(cols, Column[TransitionRow]{Name: "total", Group: groupTransitions, Header: "Total", Kind: Integer, Definition: "Pairs from the grade.", Get: func(r TransitionRow) Value { return count(r.Total) }})
}()

// WorkforceColumns are workforce.csv: the long time series.
var WorkforceColumns = []Column[WorkforceRow]{
	{Name: "time_period", Header: "Date", Kind: Date, Definition: "The date the figure is for, at the precision given (DfE reporting years end on 30 September).", Get: func(r WorkforceRow) Value { return date(r.Date) }},
	{Name: "geographic_level", Header: "Level", Kind: Text, Definition: "Local authority rows are a council's figures; Regional and National rows are medians of council figures for a date when at least half of the area's councils have one.", Get: func(r WorkforceRow) Value { return text(r.Level) }},
	{Name: "region_name", Header: "Region", Kind: Text, Definition: "The region (blank for England).", Get: func(r WorkforceRow) Value { return text(r.Region) }},
	{Name: "la_name", Header: "Local authority", Kind: Text, Definition: "The council (blank for a median).", Get: func(r WorkforceRow) Value {
		if r.Council == nil {
			return Value{Blank: true}
		}
		return text(r.Council.Name)
	}},
	{Name: "new_la_code", Header: "New LA code (ONS)", Kind: Text, Definition: "The council's ONS code at the figure's date.", Get: func(r WorkforceRow) Value {
		if r.Council == nil {
			return Value{Blank: true}
		}
		return text(r.Council.CodeOn(r.Date.Day))
	}},
	{Name: "old_la_code", Header: "Old LA code (DfE)", Kind: Text, Definition: "The council's DfE code.", Get: func(r WorkforceRow) Value {
		if r.Council == nil {
			return Value{Blank: true}
		}
		return text(r.Council.DfE)
	}},
	{Name: "measure", Header: "Measure", Kind: Text, Definition: "caseload (children per social worker), vacancy_rate, agency_rate, turnover_rate (per cent).", Get: func(r WorkforceRow) Value { return text(r.Measure.String()) }},
	{Name: "value", Header: "Value", Kind: Number, DP: 1, Definition: "The figure, or the suppression code published instead of it.", Get: func(r WorkforceRow) Value { return figureValue(r.Point, true) }},
	{Name: "series", Header: "Series", Kind: Text, Definition: "official (DfE's statistics, and the medians) or other (news, reports, council papers: never merged into the official series).", Get: func(r WorkforceRow) Value {
		if r.Official {
			return text("official")
		}
		return text("other")
	}},
	{Name: "source_type", Header: "Source", Kind: Text, Definition: "The kinds of source of a council's figure.", Get: func(r WorkforceRow) Value { return text(r.Sources.String()) }},
	{Name: "joint", Header: "Joint service", Kind: Text, Definition: "The joint children's service a figure belongs to, when it is published once for several councils.", Get: func(r WorkforceRow) Value { return text(r.Joint) }},
	{Name: "median_councils", Header: "Figures in median", Kind: Integer, Definition: "For a median: how many figures it is over.", Get: func(r WorkforceRow) Value { return num(r.Council == nil, float64(r.N)) }},
	{Name: "area_councils", Header: "Councils in area", Kind: Integer, Definition: "For a median: the councils in the area on that date (a joint service once).", Get: func(r WorkforceRow) Value { return num(r.Council == nil, float64(r.Of)) }},
}
