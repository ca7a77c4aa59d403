package summary

import (
	"fmt"
	"math"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/prose"
)

// MainFindings are what a report says first, as official releases open
// with theirs: what changed since the report its readers last received,
// the grade picture, and the workforce picture, each sentence computed
// from the report's own tables and naming what it counts over.
func MainFindings(r *metrics.Report) []string {
	var out []string
	if s := changedSentence(r); s != "" {
		out = append(out, s)
	}
	e := england(r)
	if e == nil {
		return out
	}
	out = append(out, gradeSentences(e)...)
	out = append(out, workforceSentences(r)...)
	return out
}

func england(r *metrics.Report) *metrics.RegionRow {
	for i := range r.RegionRows {
		if r.RegionRows[i].England {
			return &r.RegionRows[i]
		}
	}
	return nil
}

// changedSentence counts what changed by kind, most important first.
func changedSentence(r *metrics.Report) string {
	if r.Since == nil {
		return ""
	}
	n := map[string]int{}
	for _, c := range r.Changes {
		n[c.Kind]++
	}
	var parts []string
	add := func(k, one, many string) {
		switch n[k] {
		case 0:
		case 1:
			parts = append(parts, one)
		default:
			parts = append(parts, fmt.Sprintf(many, n[k]))
		}
	}
	add(metrics.ChangeGrade, "one grade changed", "%d grades changed")
	add(metrics.ChangeInspection, "one new inspection was published", "%d new inspections were published")
	add(metrics.ChangeLate, "one item published before then arrived late", "%d items published before then arrived late")
	councils := map[string]bool{}
	for _, c := range r.Changes {
		if (c.Kind == metrics.ChangeOfficial || c.Kind == metrics.ChangeRevised) && c.Council != nil {
			councils[c.Council.Name] = true
		}
	}
	if len(councils) > 0 {
		parts = append(parts, fmt.Sprintf("%s had new or revised official figures", plural(len(councils), "council")))
	}
	add(metrics.ChangeVisit, "Ofsted made one visit", "Ofsted made %d visits")
	since := "Since the report as of " + prose.LongDay(r.Since.AsOf)
	if r.Since.Recomputed {
		since = "Since " + prose.LongDay(r.Since.AsOf) + " (recomputed from the same inputs)"
	}
	if len(parts) == 0 {
		return since + ", nothing has changed."
	}
	return since + ", " + prose.JoinAnd(parts) + "; changes.txt and the Changes sheet list each."
}

// gradeSentences are the grade picture: the councils with an overall
// grade and how many are good or better, with the denominator named; those
// last inspected under the April 2026 framework apart; leadership, the
// grade comparable across it.
func gradeSentences(e *metrics.RegionRow) []string {
	var out []string
	if e.Graded > 0 {
		good := e.ByGrade[findings.Good] + e.ByGrade[findings.Outstanding]
		s := fmt.Sprintf("Of England's %d councils, %d have an overall grade from their latest inspection; %d of those %d (%s%%) are good or outstanding (%d outstanding, %d good), %d require improvement and %d are inadequate.",
			e.Councils, e.Graded, good, e.Graded, trim(e.GoodOrBetter), e.ByGrade[findings.Outstanding], e.ByGrade[findings.Good],
			e.ByGrade[findings.RequiresImprovement], e.ByGrade[findings.Inadequate])
		switch {
		case e.NoOverall == 1:
			s += " One more council was last inspected under Ofsted's framework from April 2026, which gives no overall grade, and is counted apart."
		case e.NoOverall > 1:
			s += fmt.Sprintf(" %d more councils were last inspected under Ofsted's framework from April 2026, which gives no overall grade, and are counted apart.", e.NoOverall)
		}
		out = append(out, s)
	}
	lead, all := 0, 0
	for _, g := range findings.Grades {
		all += e.ByLeadership[g]
	}
	lead = e.ByLeadership[findings.Good] + e.ByLeadership[findings.Outstanding]
	if all > 0 {
		out = append(out, fmt.Sprintf("Leadership, the one grade that compares across the April 2026 change, is good or outstanding in %d of the %d councils with a leadership grade from an inspection since 2018.", lead, all))
	}
	return out
}

// workforceSentences are England's medians at DfE's latest 30 September
// known on the report date, each beside its figure a year before.
func workforceSentences(r *metrics.Report) []string {
	var parts []string
	var when, before dates.Date
	for _, m := range metrics.WorkforceMeasures {
		s := r.England[m]
		if len(s) == 0 {
			continue
		}
		last := s[len(s)-1]
		d := m.Def()
		part := d.Short() + " " + d.Format(last.Value)
		if !d.Rate {
			part += " " + d.Unit
		}
		if len(s) > 1 {
			part += " (" + d.Format(s[len(s)-2].Value) + ")"
			before = s[len(s)-2].Date
		}
		if when.IsZero() {
			when = last.Date
		}
		parts = append(parts, part)
	}
	if len(parts) == 0 {
		return nil
	}
	s := fmt.Sprintf("England's medians at %s, DfE's latest figures known on the report date: %s", prose.LongDate(when), strings.Join(parts, ", "))
	if !before.IsZero() {
		s += fmt.Sprintf("; in brackets, at %s", prose.LongDate(before))
	}
	return []string{s + fmt.Sprintf(". Each council counts once; services with fewer than %d social workers are left out.", metrics.SmallService)}
}

func trim(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return fmt.Sprint(v)
}

// Period says the period a report's figures cover: its inspections and
// DfE's reporting years, from the findings that count.
func Period(r *metrics.Report) string {
	var first, last dates.Date
	for _, list := range [][]*metrics.Council{r.Councils, r.Others} {
		for _, c := range list {
			for _, h := range c.History {
				if first.IsZero() || h.Date.Day < first.Day {
					first = h.Date
				}
				if h.Date.Day > last.Day {
					last = h.Date
				}
			}
		}
	}
	var parts []string
	if !first.IsZero() {
		parts = append(parts, fmt.Sprintf("Ofsted inspections from %s to %s", prose.LongDate(first), prose.LongDate(last)))
	}
	var wFirst, wLast dates.Date
	for _, m := range metrics.WorkforceMeasures {
		s := r.England[m]
		if len(s) == 0 {
			continue
		}
		if wFirst.IsZero() || s[0].Date.Day < wFirst.Day {
			wFirst = s[0].Date
		}
		if s[len(s)-1].Date.Day > wLast.Day {
			wLast = s[len(s)-1].Date
		}
	}
	if !wFirst.IsZero() {
		parts = append(parts, fmt.Sprintf("DfE's workforce figures for the years to %s to %s", prose.LongDate(wFirst), prose.LongDate(wLast)))
	}
	if len(parts) == 0 {
		return ""
	}
	s := sentence(strings.Join(parts, "; ")) + ", as known on " + prose.LongDay(r.AsOf)
	if r.AsAt != r.AsOf {
		s += " and as at " + prose.LongDay(r.AsAt)
	}
	return s + "."
}
