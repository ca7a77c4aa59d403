package workbook

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/table"
)

// Summary sheet column widths (characters), A to J.
var summaryWidths = []float64{40, 16, 12, 13, 13, 13, 13, 13, 13, 62}

func councillorSummary(f *excelize.File, cs *councillorStyles, in CouncillorInput) error {
	st, top := cs.Styles, cs.top
	c, r := in.Council, in.Report
	name := c.Ref.Name
	w := &cellWriter{f: f, sheet: "Summary"}
	w.set(1, 1, name+": children's social care", st.Title)
	w.set(1, 2, "Ofsted grades, social work figures and what inspectors and others found, for councillors. As of "+longDate(r.AsOf)+"; what each figure means is on the About sheet.", st.Aside)
	row := 4
	header := func(cells ...string) {
		for j, s := range cells {
			w.set(j+1, row, s, st.Header)
		}
		row++
	}
	label := func(s string) { w.set(1, row, s, st.Text) }

	header("The council", "")
	for _, kv := range [][2]string{{"Name", name}, {"GSS code (ONS)", c.Code}, {"DfE code", c.Ref.DfE}, {"Region", c.Ref.Region}} {
		label(kv[0])
		w.set(2, row, kv[1], st.Text)
		row++
	}
	label("Figures as of")
	w.set(2, row, r.AsOf.ExcelSerial(), cs.dateLeft)
	row++
	if preds := predecessors(r, c); len(preds) > 0 {
		label("Formed on")
		w.set(2, row, c.Ref.Start.ExcelSerial(), cs.dateLeft)
		w.set(3, row, "from "+joinAnd(preds)+", whose own history is not included here", st.Aside)
		row++
	}
	row++

	header("Ofsted judgements", "Grade", "Date", "Change")
	grade := func(lbl string, g metrics.GradeAt, change, none string) {
		label(lbl)
		if g.Grade == findings.NoGrade {
			w.set(2, row, none, st.Aside)
		} else {
			w.cell(2, row, table.Cell{Kind: table.Grade, Text: g.Grade.String()}, st)
			w.cell(3, row, table.Cell{Kind: table.Date, Date: g.Date}, st)
		}
		if change != "" {
			w.set(4, row, change, st.Text)
		}
		row++
	}
	switch c.Framework {
	case metrics.FrameworkNoOverall:
		// The latest inspection gave no overall grade: never show an older
		// one as current.
		label(LabelGrade)
		w.set(2, row, "no overall grade: Ofsted's framework from April 2026 grades areas only (latest inspection "+dateText(c.JudgementDate)+")", st.Aside)
		row++
		grade(LabelLastOverall, c.LastOverall, "", "none on record")
	default:
		grade(LabelGrade, c.Grade, changeText(c.GradeChange, c.Previous), "no inspection on record")
		grade(LabelPrevious, c.Previous, "", "none on record")
	}
	grade("Leadership (impact of leaders)", c.Leadership, changeText(c.LeadershipChange, c.LeadershipPrevious), "no grade on record")
	for _, a := range []struct {
		area findings.Area
		g    metrics.GradeAt
	}{{findings.HelpAndProtection, c.HelpAndProtection}, {findings.ChildrenInCare, c.ChildrenInCare}, {findings.CareLeavers, c.CareLeavers}} {
		grade(areaName(a.area), a.g, "", "no grade on record")
	}
	row++

	region := c.Ref.Region
	heads := []string{"Workforce (latest figure)", name, "Date", "Change from the figure before", "Similar councils' median", region + " median", "England median",
		"Rank in England", "Rank in " + region, "How " + name + " compares"}
	header(heads...)
	lines := 2
	for j, h := range heads {
		lines = max(lines, textLines(h, summaryWidths[j]))
	}
	if err := f.SetRowHeight("Summary", row-1, linesHeight(lines)); err != nil {
		return err
	}
	for _, m := range metrics.WorkforceMeasures {
		lbl := workforceLabels[m]
		w.set(1, row, lbl, top.Text)
		wf := c.Workforce[m]
		fig := wf.Headline
		kind := table.Number
		if m.Rate() {
			kind = table.Percent
		}
		switch {
		case fig.Numeric():
			w.cell(2, row, table.Cell{Kind: kind, Num: fig.Value}, top)
		case fig.OK:
			w.set(2, row, fig.Code.String(), top.Text)
		default:
			w.set(2, row, "no figure", st.Aside)
		}
		if fig.OK {
			w.cell(3, row, table.Cell{Kind: table.Date, Date: fig.Date}, top)
		}
		if fig.HasChange {
			style := top.Points
			if kind == table.Number {
				style = cs.signed
			}
			w.set(4, row, fig.Change, style)
		}
		for k, med := range []metrics.Median{wf.Neighbours, wf.Region, wf.England} {
			if med.OK {
				w.cell(5+k, row, table.Cell{Kind: kind, Num: med.Value}, top)
			}
		}
		w.set(8, row, rankText(wf.RankEngland), top.Text)
		w.set(9, row, rankText(wf.RankRegion), top.Text)
		text := compareText(fig, wf, region)
		w.set(10, row, text, cs.aside)
		if err := f.SetRowHeight("Summary", row, linesHeight(textLines(text, summaryWidths[9]))); err != nil {
			return err
		}
		row++
	}
	if med := c.Workforce[findings.Caseload].England; med.OK {
		w.set(1, row, "Medians and ranks are for one date each (England's: "+dateText(med.Date)+"), over the councils with a figure for that date; an older figure never stands in.", st.Aside)
		row++
	}
	row++

	header("Counts", "Number")
	for _, n := range []struct {
		lbl string
		v   int
	}{{LabelInspections, len(c.History)}, {LabelVisits, len(c.Visits)}, {LabelStrengths, c.Strengths}, {LabelWeaknesses, c.Weaknesses}, {LabelFindings, c.Findings}} {
		label(n.lbl)
		w.set(2, row, n.v, st.Integer)
		row++
	}
	row++
	w.set(1, row, "Other sheets: Grades (every judgement and visit), Workforce (figures by date beside the region and England), Themes (strengths and weaknesses), Findings (every fact with its source), About (what each figure means).", st.Aside)
	row += 2
	if w.err != nil {
		return w.err
	}
	for j, width := range summaryWidths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColWidth("Summary", col, col, width); err != nil {
			return err
		}
	}

	// The charts side by side under the figures, where they cover nothing;
	// anchored to one cell each, so row heights cannot stretch them.
	const scale, gapPx = 0.4, 16
	col := 1
	for _, p := range in.Charts {
		ref, _ := excelize.CoordinatesToCellName(col, row)
		if err := f.AddPictureFromBytes("Summary", ref, &excelize.Picture{Extension: ".png", File: p.PNG,
			Format: &excelize.GraphicOptions{ScaleX: scale, ScaleY: scale, AltText: p.AltText, Positioning: "oneCell"}}); err != nil {
			return err
		}
		width, err := pngWidth(p.PNG)
		if err != nil {
			return err
		}
		// The next picture starts at the first column past this one.
		need, used := int(float64(width)*scale)+gapPx, 0
		for used < need && col <= len(summaryWidths) {
			used += columnPixels(summaryWidths[col-1])
			col++
		}
	}
	return nil
}

// workforceLabels are the Summary's workforce labels.
var workforceLabels = map[findings.Measure]string{
	findings.Caseload: LabelCaseload, findings.VacancyRate: LabelVacancy, findings.AgencyRate: LabelAgency, findings.TurnoverRate: LabelTurnover,
}

// columnPixels is a column's width on screen as Excel draws Arial 10 (7
// pixels a character plus padding).
func columnPixels(chars float64) int { return int(chars*7 + 5) }

// pngWidth reads the width from a PNG's header.
func pngWidth(b []byte) (int, error) {
	if len(b) < 24 || string(b[1:4]) != "PNG" {
		return 0, errors.New("chart is not a PNG")
	}
	return int(b[16])<<24 | int(b[17])<<16 | int(b[18])<<8 | int(b[19]), nil
}

func longDate(d dates.Day) string {
	y, m, dd := d.YMD()
	return fmt.Sprintf("%d %s %d", dd, time.Month(m), y)
}

func dateText(d dates.Date) string {
	y, m, dd := d.Day.YMD()
	switch d.Prec {
	case dates.PrecYear:
		return strconv.Itoa(y)
	case dates.PrecMonth:
		return fmt.Sprintf("%s %d", time.Month(m).String()[:3], y)
	}
	return fmt.Sprintf("%d %s %d", dd, time.Month(m).String()[:3], y)
}

// changeText says how the latest overall grade compares with the one before.
func changeText(change string, previous metrics.GradeAt) string {
	switch change {
	case "improved", "declined":
		return change + " from " + previous.Grade.String() + " (" + dateText(previous.Date) + ")"
	case "unchanged":
		return "unchanged since " + dateText(previous.Date)
	case "first":
		return "first overall grade on record"
	}
	return ""
}

func areaName(a findings.Area) string {
	switch a {
	case findings.Overall:
		return "Overall"
	case findings.Leadership:
		return "Leadership"
	case findings.HelpAndProtection:
		return "Help and protection"
	case findings.ChildrenInCare:
		return "Children in care"
	case findings.CareLeavers:
		return "Care leavers"
	case findings.ChildrenInCareAndCareLeavers:
		return "Children in care and care leavers (before 2023)"
	case findings.Adoption:
		return "Adoption (before 2018)"
	}
	return a.String()
}

// regionPhrase is a region as it reads in a sentence: "the South East",
// "London".
func regionPhrase(region string) string {
	for _, p := range []string{"North ", "South ", "East ", "West "} {
		if strings.HasPrefix(region, p) {
			return "the " + region
		}
	}
	return region
}

// compareText puts a council's figure beside the medians of its similar
// councils, its region and England in a plain sentence, with the medians'
// reference period and the caveats a reader needs.
func compareText(fig metrics.Figure, w *metrics.Workforce, region string) string {
	if !fig.OK {
		return "No figure."
	}
	if !fig.Numeric() {
		return fmt.Sprintf("DfE published no figure for %s: %s.", dateText(fig.Date), fig.Code.Meaning())
	}
	type cmp struct {
		name string
		m    metrics.Median
	}
	var higher, lower, same []string
	var when []dates.Date
	for _, c := range []cmp{{"England", w.England}, {regionPhrase(region), w.Region}, {"similar councils", w.Neighbours}} {
		if !c.m.OK {
			continue
		}
		when = append(when, c.m.Date)
		switch d := math.Round((fig.Value-c.m.Value)*100) / 100; {
		case d > 0:
			higher = append(higher, c.name)
		case d < 0:
			lower = append(lower, c.name)
		default:
			same = append(same, c.name)
		}
	}
	var parts []string
	for _, p := range []struct {
		word  string
		names []string
	}{{"above", higher}, {"below", lower}, {"level with", same}} {
		if len(p.names) == 0 {
			continue
		}
		noun := "the median for "
		if len(p.names) > 1 {
			noun = "the medians for "
		}
		parts = append(parts, p.word+" "+noun+joinAnd(p.names))
	}
	var s string
	if len(parts) == 0 {
		s = "No median to compare with."
	} else {
		s = strings.Join(parts, "; ")
		if len(when) > 0 && when[0] != fig.Date {
			s += " (medians for " + dateText(when[0]) + ", a later date than this figure)"
		}
		s = strings.ToUpper(s[:1]) + s[1:] + "."
	}
	if fig.Joint != nil {
		s += " One figure for the joint service " + fig.Joint.Name + " with " + joinAnd(fig.Partners) + "."
	}
	if fig.Small {
		s += fmt.Sprintf(" Based on small numbers (%s FTE social workers): one person more or less moves it a lot.", strconv.FormatFloat(fig.SocialWorkers, 'f', -1, 64))
	}
	if fig.Source != "statistics" {
		s += " From " + fig.Source + ", not official statistics."
	}
	return s
}

// rankText is "3rd lowest of 150".
func rankText(r metrics.Rank) string {
	if !r.OK {
		return ""
	}
	return ordinal(r.Position) + " lowest of " + strconv.Itoa(r.Of)
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}

func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// predecessors names the councils this one replaced.
func predecessors(r *metrics.Report, c *metrics.Council) []string {
	var out []string
	for _, p := range r.Ref.Councils {
		for _, s := range p.Successors {
			if s == c.Ref.Index {
				out = append(out, p.Name)
			}
		}
	}
	return out
}
