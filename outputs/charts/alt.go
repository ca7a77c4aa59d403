package charts

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/outputs/prose"
)

// Alternative text says what a chart shows in words, from the same data it
// draws, so a reader who cannot see it gets the same numbers (the
// Analysis Function's guidance: the chart's message, not its title).

// altText for a stacked chart: the totals by shade, then where the best and
// worst grades are most common.
func (d *StackedData) altText() string {
	totals := make([]int, len(d.Shades))
	all := 0
	for _, r := range d.Rows {
		for i, n := range r.Counts {
			totals[i] += n
			all += n
		}
	}
	var parts []string
	for i, n := range totals {
		if n > 0 || i < len(gradeShades) {
			parts = append(parts, strconv.Itoa(n)+" "+lowerFirst(d.Shades[i].Label))
		}
	}
	s := fmt.Sprintf("Bar chart of %s in %s: %s.", strings.Replace(d.Counted, "councils", plural(all, "council"), 1),
		plural(len(d.Rows), "region"), prose.JoinAnd(parts))
	if len(d.Rows) > 1 {
		for _, i := range []int{0, len(gradeShades) - 1} {
			best, at := 0, -1
			for k, r := range d.Rows {
				if r.Counts[i] > best {
					best, at = r.Counts[i], k
				}
			}
			if at >= 0 {
				s += fmt.Sprintf(" Most %s: %s (%d of %d).", lowerFirst(d.Shades[i].Label), d.Rows[at].Label, best, d.Rows[at].Total())
			}
		}
	}
	return s
}

// altText for a ranking: how many, the highest and lowest three, the
// median, and what the picture leaves out.
func (d *RankingData) altText() string {
	n := len(d.Bars)
	dec := min(1, decimalsOf(barValues(d.Bars)...))
	list := func(bs []Bar) string {
		var out []string
		for _, b := range bs {
			out = append(out, b.Label+" "+figureText(b.Value, dec, d.Measure)+smallText(b))
		}
		return strings.Join(out, ", ")
	}
	s := fmt.Sprintf("Bar chart ranking %s by %s on %s, highest first.", plural(n, "figure"), measureName(d.Measure), prose.Date(d.Date))
	k := min(3, n)
	s += " Highest: " + list(d.Bars[:k]) + "."
	if n > 3 {
		low := d.Bars[n-min(3, n-3):]
		rev := make([]Bar, len(low))
		for i := range low {
			rev[i] = low[len(low)-1-i]
		}
		s += " Lowest: " + list(rev) + "."
	}
	if d.Median.OK {
		s += " " + d.MedianLabel + " " + figureText(d.Median.Value, dec, d.Measure) + " (" + prose.Date(d.Median.Date) + ")."
	}
	if top, bottom, between := d.Shown(); between > 0 {
		s += fmt.Sprintf(" The chart shows the %d highest and %d lowest; the %d between are in the tables.", len(top), len(bottom), between)
	}
	if len(d.Small) > 0 {
		s += fmt.Sprintf(" Not ranked, %s: %s.", fewerWorkers, strings.Join(d.Small, ", "))
	}
	if len(d.Unranked) > 0 {
		s += fmt.Sprintf(" %s with no figure for %s not ranked.", sentence(plural(len(d.Unranked), "council")), prose.Date(d.Date))
	}
	return s
}

// smallText says a figure is based on small numbers, as the chart's star does.
func smallText(b Bar) string {
	if b.Small {
		return " (" + fewerWorkers + ")"
	}
	return ""
}

func barValues(bs []Bar) []float64 {
	out := make([]float64, len(bs))
	for i, b := range bs {
		out[i] = b.Value
	}
	return out
}

// altText for a council over time: how its official figure moved from the
// first year to the last, its latest figure or the code in its place, the
// medians at their reference period, other sources' figures and the gaps.
func (d *OverTimeData) altText() string {
	var s string
	if len(d.Lines) > 0 && d.Lines[0].Role == RoleCouncil {
		s = d.councilText(&d.Lines[0])
		if d.Small {
			s += " The latest figure is based on " + fewerWorkers + ", so one person more or less moves it a lot."
		}
	}
	return strings.TrimSpace(s + d.mediansText() + d.othersText())
}

// valueText writes a value of the lines as the chart labels it.
func (d *OverTimeData) valueText(v float64) string { return figureText(v, d.decimals(), d.Measure) }

// councilText says how the council's official figure moved, what DfE
// published in place of its latest, and the gaps in its series.
func (d *OverTimeData) councilText(council *Line) string {
	when := periodNamer(council.Points)
	s := d.movement(council, when)
	if council.HasLatest && !council.Latest.Numeric() {
		s += fmt.Sprintf(" For %s DfE published no figure: %s.", prose.Date(council.Latest.Date), codeText(council.Latest.Code))
	}
	var gaps []string
	for _, p := range council.Points {
		if !p.Numeric() && (!council.HasLatest || p.Date != council.Latest.Date) {
			gaps = append(gaps, when(p.Date)+" "+codeText(p.Code))
		}
	}
	if len(gaps) > 0 {
		s += " Gaps: " + strings.Join(gaps, "; ") + "."
	}
	return s
}

// movement says how the council's official figure moved from its first
// point to its last, with the lowest and highest in between when the
// endpoints are not them.
func (d *OverTimeData) movement(council *Line, when func(dates.Date) string) string {
	name := measureName(d.Measure)
	var nums []LinePoint
	for _, p := range council.Points {
		if p.Numeric() {
			nums = append(nums, p)
		}
	}
	switch len(nums) {
	case 0:
		return fmt.Sprintf("Line chart: %s has no official %s figure.", d.Subject, name)
	case 1:
		return fmt.Sprintf("Line chart: %s's %s (official statistics) was %s %s.", d.Subject, name, d.valueText(nums[0].Value), when(nums[0].Date))
	}
	first, last := nums[0], nums[len(nums)-1]
	verb := "was unchanged at"
	if last.Value < first.Value {
		verb = "fell from " + d.valueText(first.Value) + " " + when(first.Date) + " to"
	} else if last.Value > first.Value {
		verb = "rose from " + d.valueText(first.Value) + " " + when(first.Date) + " to"
	}
	s := fmt.Sprintf("Line chart: %s's %s (official statistics) %s %s %s", d.Subject, name, verb, d.valueText(last.Value), when(last.Date))
	lo, hi := first, first
	for _, p := range nums {
		if p.Value < lo.Value {
			lo = p
		}
		if p.Value > hi.Value {
			hi = p
		}
	}
	var ext []string
	if lo.Value < math.Min(first.Value, last.Value) {
		ext = append(ext, "lowest "+d.valueText(lo.Value)+" "+when(lo.Date))
	}
	if hi.Value > math.Max(first.Value, last.Value) {
		ext = append(ext, "highest "+d.valueText(hi.Value)+" "+when(hi.Date))
	}
	if len(ext) > 0 {
		s += " (" + strings.Join(ext, ", ") + ")"
	}
	return s + "."
}

// mediansText gives each median's latest value at its reference period.
func (d *OverTimeData) mediansText() string {
	var meds []string
	for _, l := range d.Lines {
		if l.Role != RoleCouncil && l.HasLatest {
			meds = append(meds, "the "+l.Name+" is "+d.valueText(l.Latest.Value)+" ("+prose.Date(l.Latest.Date)+")")
		}
	}
	if len(meds) == 0 {
		return ""
	}
	return " " + sentence(prose.JoinAnd(meds)) + "."
}

// othersText gives the figures from other sources, drawn apart.
func (d *OverTimeData) othersText() string {
	if len(d.Other) == 0 {
		return ""
	}
	var others []string
	for _, m := range d.Other {
		v := codeText(m.Code)
		if m.Code == findings.NoCode {
			v = figureText(m.Value, 0, d.Measure) // as the source gave it, as drawn
		}
		others = append(others, m.Source+" gave "+v+" for "+prose.Date(m.Date))
	}
	return " Other sources, drawn apart: " + strings.Join(others, "; ") + "."
}

// periodNamer names the points of a series: "in 2017" when they are
// yearly on one day of the year (DfE's 30 September), else "on 30 Sep
// 2017" or "in Jul 2019".
func periodNamer(pts []LinePoint) func(dates.Date) string {
	yearly := len(pts) > 0
	for _, p := range pts {
		_, m, d := p.Date.Day.YMD()
		_, m0, d0 := pts[0].Date.Day.YMD()
		if p.Date.Prec != dates.PrecDay || m != m0 || d != d0 {
			yearly = false
		}
	}
	return func(d dates.Date) string {
		if yearly {
			y, _, _ := d.Day.YMD()
			return "in " + strconv.Itoa(y)
		}
		if d.Prec == dates.PrecDay {
			return "on " + prose.Date(d)
		}
		return "in " + prose.Date(d)
	}
}

// altText for a council beside its neighbours: per panel, the council's
// figure and place, the neighbours' median and range.
func (d *NeighboursData) altText() string {
	s := "Bar charts of " + d.Subject + " beside its statistical neighbours."
	for _, p := range d.Panels {
		dec := min(1, decimalsOf(barValues(p.Bars)...))
		fig := func(v float64) string { return figureText(v, dec, p.Measure) }
		s += " " + sentence(measureName(p.Measure)) + " on " + prose.Date(p.Date) + ": "
		var nb []Bar
		for _, b := range p.Bars {
			if b.Highlight {
				s += fmt.Sprintf("%s %s%s, %s of %d", d.Subject, fig(b.Value), smallText(b), placeText(1+higher(p.Bars, b.Value), len(p.Bars)), len(p.Bars))
			} else {
				nb = append(nb, b)
			}
		}
		if p.OwnMissing != nil {
			s += d.Subject + " " + codeText(p.OwnMissing.Code)
		}
		if p.Median.OK {
			s += fmt.Sprintf("; the neighbours' median is %s", fig(p.Median.Value))
		}
		if len(nb) > 0 {
			s += fmt.Sprintf(" (highest %s %s, lowest %s %s)", nb[0].Label, fig(nb[0].Value), nb[len(nb)-1].Label, fig(nb[len(nb)-1].Value))
		}
		s += "."
	}
	return s
}

// placeText is "the highest", "3rd highest", "the lowest" among n.
func placeText(pos, n int) string {
	switch {
	case pos == 1:
		return "the highest"
	case pos == n:
		return "the lowest"
	}
	return prose.Ordinal(pos) + " highest"
}

// higher counts the bars above v.
func higher(bs []Bar, v float64) int {
	n := 0
	for _, b := range bs {
		if b.Value > v {
			n++
		}
	}
	return n
}
