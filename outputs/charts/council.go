package charts

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/prose"
)

// CouncilInput is what a councillor's charts are drawn from.
type CouncilInput struct {
	Report  *metrics.Report
	Council *metrics.Council
	Version string
}

// CouncilFile is one of a council's chart files and the column of the
// councils index that names it.
type CouncilFile struct {
	Column, File string
}

// CouncilFiles are a council's chart files in the charts folder, named by
// its slug: its caseload and its vacancy rate over time, and both beside
// its statistical neighbours.
func CouncilFiles(slug string) []CouncilFile {
	var out []CouncilFile
	for _, m := range chartMeasures {
		out = append(out, CouncilFile{m.String() + "_chart", slug + "_" + m.String() + ".png"})
	}
	return append(out, CouncilFile{"neighbours_chart", slug + "_neighbours.png"})
}

// Council draws a council's charts into dir as CouncilFiles(slug) names
// them, and returns them with their alternative text for its workbook.
func Council(ctx context.Context, dir, slug string, in CouncilInput) ([]Chart, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	files := CouncilFiles(slug)
	var out []Chart
	for i, m := range chartMeasures {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d, source, notes := overTimeData(in.Report, in.Council, m)
		ch := &Chart{OverTime: d}
		if d == nil {
			ch = &Chart{Title: fmt.Sprintf("%s in %s", sentence(measureName(m)), in.Council.Ref.Name),
				empty: fmt.Sprintf("No whole-service %s figure for %s, %s or England is dated on or before %s.", measureName(m), in.Council.Ref.Name,
					in.Council.Ref.Region, prose.Day(in.Report.AsOf))}
		}
		c, err := write(dir, files[i].File, ch, in.Report, source+" Made with oversight "+in.Version+".", notes)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d, source, notes := neighboursData(in.Report, in.Council)
	ch := &Chart{Neighbours: d}
	if len(d.Panels) == 0 {
		ch = &Chart{Title: d.Title, empty: fmt.Sprintf("No comparison: on no date on or before %s do half of %s's statistical neighbours have a caseload or vacancy rate figure.",
			prose.Day(in.Report.AsOf), in.Council.Ref.Name)}
	}
	c, err := write(dir, files[len(chartMeasures)].File, ch, in.Report, source+" Made with oversight "+in.Version+".", notes)
	if err != nil {
		return nil, err
	}
	return append(out, c), nil
}

// overTimeData is a council's official series of m as a line beside its
// region's and England's median series (the one median series every
// output takes its medians from), with its figures from other sources as
// marks; nil when there is nothing to draw.
func overTimeData(r *metrics.Report, c *metrics.Council, m findings.Measure) (*OverTimeData, string, []string) {
	name, region := c.Ref.Name, c.Ref.Region
	w := c.Workforce[m]
	d := &OverTimeData{
		Title:      fmt.Sprintf("%s in %s beside the %s and England medians", sentence(measureName(m)), name, region),
		ValueLabel: metrics.MeasureHeader(m),
		Measure:    m,
		Subject:    name,
	}
	own := Line{Name: name + ", official statistics", Role: RoleCouncil}
	for _, p := range w.Official {
		own.Points = append(own.Points, LinePoint{Date: p.Date, Value: p.Value, Code: p.Code})
	}
	if n := len(own.Points); n > 0 {
		own.Latest, own.HasLatest = own.Points[n-1], true
	}
	d.Lines = []Line{own,
		medianLine(region+" median", RoleRegion, r.Regions[region][m], r.RegionMedian(region, m)),
		medianLine("England median", RoleEngland, r.England[m], r.EnglandMedian(m)),
	}
	var others metrics.SourceSet
	for _, p := range w.Other {
		d.Other = append(d.Other, Mark{Date: p.Date, Value: p.Value, Code: p.Code, Source: SourceNames(p.Sources)})
		others |= p.Sources
	}
	d.OtherSources = SourceNames(others)
	if len(own.Points)+len(d.Other)+len(d.Lines[1].Points)+len(d.Lines[2].Points) == 0 {
		return nil, "No figures.", nil
	}

	var own2 metrics.SourceSet
	for _, p := range w.Official {
		own2 |= p.Sources
	}
	var from []string
	if names := SourceNames(own2 | others); names != "" {
		from = append(from, name+"'s figures from "+names)
	}
	from = append(from, "medians of each council's own figure at dates when at least half of the area's councils have one")
	source := sentence(strings.Join(from, "; ")) + "."

	var notes []string
	var gaps []string
	for _, p := range own.Points {
		if !p.Numeric() {
			gaps = append(gaps, prose.Date(p.Date)+" "+p.Code.String())
		}
	}
	if len(gaps) > 0 {
		codes := map[findings.Code]bool{}
		var meanings []string
		for _, p := range own.Points {
			if !p.Numeric() && !codes[p.Code] {
				codes[p.Code] = true
				meanings = append(meanings, p.Code.String()+" = "+p.Code.Meaning())
			}
		}
		notes = append(notes, "Gaps in the line, where DfE published a code instead of a figure: "+strings.Join(gaps, ", ")+". "+strings.Join(meanings, "; ")+".")
	}
	if h := w.Headline; h.Joint != nil {
		notes = append(notes, fmt.Sprintf("The official figure is the joint service %s's, one figure for %s and %s.", h.Joint.Name, name, prose.JoinAnd(h.Partners)))
	}
	if h := w.Headline; h.Small && len(w.Official) > 0 {
		d.Small = true
		notes = append(notes, smallNote)
	}
	return d, source, notes
}

// medianLine is a median series as a line, its legend value the median at
// the reference period.
func medianLine(name string, role Role, s []metrics.MedianPoint, ref metrics.Median) Line {
	l := Line{Name: name, Role: role}
	for _, p := range s {
		l.Points = append(l.Points, LinePoint{Date: p.Date, Value: p.Value})
	}
	if ref.OK {
		l.Latest, l.HasLatest = LinePoint{Date: ref.Date, Value: ref.Value}, true
	}
	return l
}

// neighboursData is a council's caseload and vacancy rate beside its
// statistical neighbours' at the neighbours' reference period: the
// figures their median is over, and the council's own figure for the same
// date.
func neighboursData(r *metrics.Report, c *metrics.Council) (*NeighboursData, string, []string) {
	name := c.Ref.Name
	d := &NeighboursData{
		Title:   name + " beside its statistical neighbours",
		Subject: name,
	}
	var sources metrics.SourceSet
	var notes []string
	left := map[string]bool{} // neighbours not compared in some panel
	for _, m := range chartMeasures {
		med := c.Workforce[m].Neighbours
		if !med.OK {
			continue
		}
		pn, src, compared := neighbourPanel(r, c, m)
		sources |= src
		for _, n := range c.Ref.Neighbours {
			if !compared[n] {
				left[r.Ref.Councils[n].Name] = true
			}
		}
		if len(pn.Missing) > 0 {
			var parts []string
			for _, mi := range pn.Missing {
				parts = append(parts, mi.Name+" "+missingText(mi.Code))
			}
			notes = append(notes, fmt.Sprintf("No %s figure for %s: %s.", measureName(m), prose.Date(med.Date), strings.Join(parts, ", ")))
		}
		d.Panels = append(d.Panels, pn)
	}
	notes = append(notes, d.neighbourNotes(r, c, left)...)
	source := "Statistical neighbours as DfE lists them (the ten councils most like each one)."
	if s := SourceNames(sources); s != "" {
		source = "Figures from " + s + "; s" + source[1:] + " The median is of the neighbours' figures, without " + name + "'s."
	}
	return d, source, notes
}

// neighbourPanel is one measure's panel at the neighbours' reference
// period: the council's bar (or why there is none), its neighbours'
// figures highest first, the sources of the figures drawn, and which
// neighbours (by index) are compared.
func neighbourPanel(r *metrics.Report, c *metrics.Council, m findings.Measure) (Panel, metrics.SourceSet, map[int]bool) {
	name := c.Ref.Name
	w := c.Workforce[m]
	med := w.Neighbours
	day := med.Date.Day
	var sources metrics.SourceSet
	pn := Panel{
		Heading:    fmt.Sprintf("%s on %s", sentence(measureName(m)), prose.Date(med.Date)),
		ValueLabel: metrics.MeasureHeader(m),
		Measure:    m,
		Date:       med.Date,
		Median:     med,
	}
	if p, ok := w.At(day); ok && p.Numeric() {
		pn.Bars = append(pn.Bars, Bar{Label: name, Shades: []Shade{CouncilBarShade(name)}, Value: p.Value, Councils: []string{name},
			Highlight: true, Small: smallOn(c, m, day)})
		sources |= p.Sources
	} else {
		pn.OwnMissing = &Missing{Name: name, Code: p.Code}
	}
	compared := map[int]bool{}
	for _, g := range r.NeighbourFigures(c, m, day) {
		var names []string
		small := false
		for _, ref := range g.Councils {
			names = append(names, ref.Name)
			compared[ref.Index] = true
			if nc := r.Council(ref.Index); nc != nil {
				small = small || smallOn(nc, m, day)
			}
		}
		label := strings.Join(names, " & ")
		if !g.Numeric() {
			pn.Missing = append(pn.Missing, Missing{Name: label, Code: g.Point.Code})
			continue
		}
		sources |= g.Point.Sources
		pn.Bars = append(pn.Bars, Bar{Label: label, Shades: []Shade{NeighbourShade}, Value: g.Point.Value, Councils: names, Small: small})
	}
	sort.SliceStable(pn.Bars, func(i, j int) bool { return pn.Bars[i].Value > pn.Bars[j].Value })
	return pn, sources, compared
}

// neighbourNotes are the notes under all the panels: what a small
// figure's mark means, and which neighbours are not compared and why.
func (d *NeighboursData) neighbourNotes(r *metrics.Report, c *metrics.Council, left map[string]bool) []string {
	var notes []string
	for _, pn := range d.Panels {
		if anySmall(pn.Bars) {
			notes = append(notes, smallNote)
			break
		}
	}
	if len(left) > 0 {
		var parts []string
		for n := range left {
			parts = append(parts, n+" ("+notComparedReason(r, c, n)+")")
		}
		sort.Strings(parts)
		notes = append(notes, "Not compared: "+prose.JoinAnd(parts)+".")
	}
	return notes
}

// notComparedReason says why a statistical neighbour is not in the chart:
// its figure is the council's own (a joint service), or it did not exist on
// the report date.
func notComparedReason(r *metrics.Report, c *metrics.Council, neighbour string) string {
	_, partners := r.Ref.Joint(c.Ref.Index, r.AsOf)
	for _, p := range partners {
		if r.Ref.Councils[p].Name == neighbour {
			return "one joint figure covers it and " + c.Ref.Name
		}
	}
	return "not a council on " + prose.Day(r.AsOf)
}
