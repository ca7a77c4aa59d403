package summary

import (
	"fmt"
	"strconv"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/prose"
)

// Answer is a research run's answer in sentences, one per measure or area
// asked: what a researcher reads first.
func Answer(r *metrics.Report) []string {
	if r.Research == nil {
		return nil
	}
	var out []string
	for _, t := range r.Research.Trends {
		out = append(out, TrendHeadline(t))
	}
	for _, g := range r.Research.GradeTrends {
		out = append(out, GradeTrendHeadline(g))
	}
	return out
}

// TrendHeadline answers a trend in one sentence: "London's median vacancy
// rate fell from 26.8% on 30 Sep 2018 to 18.35% on 30 Sep 2025; England's
// fell from 17% to 14.4% over the same years."
func TrendHeadline(t metrics.Trend) string {
	d := t.Measure.Def()
	whose := t.Group.Name + "'s median " + d.Short()
	if len(t.Group.Members) == 1 && !t.Group.England {
		whose = t.Group.Name + "'s " + d.Short()
	}
	if t.Group.England {
		whose = "England's median " + d.Short()
	}
	first, last, ok := t.FirstLast()
	if !ok {
		if last >= 0 {
			return fmt.Sprintf("%s was %s on %s, the only date in the period with a figure.", sentence(whose), d.Format(t.Median[last].Value), prose.Date(t.Dates[last]))
		}
		return fmt.Sprintf("There is no figure for %s in the period asked.", whose)
	}
	a, b := t.Median[first].Value, t.Median[last].Value
	d0, d1 := prose.Date(t.Dates[first]), prose.Date(t.Dates[last])
	var s string
	if a == b {
		s = fmt.Sprintf("%s was %s on both %s and %s", sentence(whose), d.Format(a), d0, d1)
	} else {
		s = fmt.Sprintf("%s %s %s on %s to %s on %s", sentence(whose), moved(a, b), d.Format(a), d0, d.Format(b), d1)
	}
	if !t.Group.England {
		e0, e1 := t.England[first], t.England[last]
		switch {
		case e0.OK && e1.OK && e0.Value == e1.Value:
			s += fmt.Sprintf("; England's median was %s on both", d.Format(e1.Value))
		case e0.OK && e1.OK:
			s += fmt.Sprintf("; England's median %s %s to %s over the same dates", moved(e0.Value, e1.Value), d.Format(e0.Value), d.Format(e1.Value))
		}
	}
	return s + "."
}

// moved is the verb for a change from a to b: "fell from" or "rose from".
func moved(a, b float64) string {
	if b < a {
		return "fell from"
	}
	return "rose from"
}

// GradeTrendHeadline answers a grade trend: how many of the group's
// inspected councils were good or outstanding at the start and end of the
// period.
func GradeTrendHeadline(g metrics.GradeTrend) string {
	n := len(g.Years)
	if n == 0 {
		return "There are no grades in the period asked."
	}
	area := "overall grade"
	if g.Area != findings.Overall {
		area = g.Area.Words() + " grade"
	}
	good := func(i int) int { return g.Counts[i][findings.Good] + g.Counts[i][findings.Outstanding] }
	graded := func(i int) int {
		return good(i) + g.Counts[i][findings.RequiresImprovement] + g.Counts[i][findings.Inadequate]
	}
	year := func(d dates.Day) string { y, _, _ := d.YMD(); return strconv.Itoa(y) }
	s := fmt.Sprintf("At the end of %s, %d of the %d councils of %s with an %s were good or outstanding", year(g.Years[n-1]), good(n-1), graded(n-1), g.Group.Name, area)
	if n > 1 && graded(0) > 0 {
		s += fmt.Sprintf(", against %d of %d at the end of %s", good(0), graded(0), year(g.Years[0]))
	}
	if nog := g.Counts[n-1][findings.NoGrade]; nog > 0 && g.Area == findings.Overall {
		s += fmt.Sprintf("; for %s the latest inspection gave no overall grade (Ofsted's framework from April 2026)", plural(nog, "more council"))
	}
	return s + "."
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
