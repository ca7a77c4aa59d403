package workbook

import (
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
)

// councillorDefinitions say what each figure means, for a councillor.
var councillorDefinitions = [][2]string{
	{"Overall grade", "Ofsted's overall judgement of the council's children's services at its latest inspection: outstanding, good, requires improvement (to be good) or inadequate. The date is when Ofsted published the report, or the month of the inspection when that is all a source says. From April 2026 Ofsted gives no overall grade: when the latest inspection is under that framework, no overall grade is shown as current, and the last overall grade is shown separately as the grade from before the current framework."},
	{"Leadership", "The impact of leaders on social work with children and families. It is graded in every inspection since 2018, under both frameworks, so it is the grade that compares across the April 2026 change."},
	{"Change", "Whether the latest overall grade is better (improved), worse (declined) or the same as the one before it."},
	{"Area grades", "Ofsted also grades parts of the service: leadership (the impact of leaders on social work with children and families), help and protection of children, children in care, and care leavers. Until 2023 children in care and care leavers were judged together; that judgement counts for both. Before 2018 Ofsted also judged adoption."},
	{"Inspections", "How many inspections the council has had, with or without an overall grade. A news report and Ofsted's own report of one inspection count once."},
	{"Ungraded visits", "Ofsted's visits between full inspections, which give no grade: focused visits look at one part of the service, monitoring visits follow an inadequate grade, and joint targeted area inspections look at how the council, police and health services work together."},
	{"Caseload", "How many children's cases a social worker holds on average, for the whole service (DfE counts them at 30 September each year). Lower usually means more time for each child. Figures for one team (\"over 40 in the assessment team\") are in the Findings sheet but never stand for the whole service."},
	{"Vacancy rate", "The share of social worker posts that are vacant. A high rate means the work falls on fewer staff or on agency workers."},
	{"Agency rate", "The share of social workers supplied by agencies rather than employed by the council. Agency staff cost more and usually stay for less time."},
	{"Turnover rate", "The share of social workers who left the council during the year. High turnover means children change social worker more often."},
	{"Change from the figure before", "The latest figure minus the one before it (for rates, in percentage points: 25% to 27% is +2.0 pp)."},
	{"Official figures first", "The workforce figures are DfE's official statistics when there are any; figures from news reports or council papers are listed as their own points, never mixed into the official series. When DfE published a code instead of a number, the code is shown: [c] confidential, [x] not available, [z] not applicable, [u] low reliability, [low] rounds to zero. An older year's number never stands in for it."},
	{"Medians and ranks", "Each figure is shown beside the median (the middle value: half of the councils are above it and half below) of the same figure among similar councils (the council's ten statistical neighbours in DfE's 2025 model), the councils in its region, and all councils in England. Each median is for one date, the latest at which at least half of the group's councils have a figure, over the councils with a figure for that date; ranks are for the same date, 1 being the lowest. A figure published once for a joint service counts once."},
	{"Small numbers", "A figure for a council with fewer than 20 social workers is marked as based on small numbers: one person more or less moves it a lot."},
	{"Strengths and weaknesses", "Themes that inspectors, news reports or council papers describe as going well (strengths) or badly (weaknesses), such as management oversight or drift and delay. The Themes sheet lists each with what was said and its source."},
	{"Findings", "Every fact this workbook is built from, one a row, with its source and the file and line it was read from. Figures dated after the as-of date are left out."},
	{"Dates", "A date given only as a month or a year (Aug 2019, 2019) is shown that way; it counts from the first day of that period."},
}

func councillorAbout(f *excelize.File, cs *councillorStyles, in CouncillorInput) error {
	if _, err := f.NewSheet("About"); err != nil {
		return err
	}
	st, top := cs.Styles, cs.top
	const wideA, wideB, wideC = 42.0, 100.0, 14.0
	c, r := in.Council, in.Report
	w := &cellWriter{f: f, sheet: "About"}
	w.set(1, 1, "About this workbook", st.Title)
	row := 3
	height := func(lines int) {
		if lines > 1 && w.err == nil {
			w.err = f.SetRowHeight("About", row, linesHeight(lines))
		}
	}
	// pair writes a label and its text, the row as tall as the text.
	pair := func(label, text string, labelStyle int) {
		w.set(1, row, label, labelStyle)
		w.set(2, row, text, top.Text)
		height(max(textLines(text, wideB), textLines(label, wideA)))
		row++
	}
	pair("Council", c.Ref.Name+" ("+c.Ref.Region+")", cs.boldTop)
	w.set(1, row, "As of", cs.boldTop)
	w.set(2, row, r.AsOf.ExcelSerial(), cs.dateLeft)
	row++
	pair("Made by", "oversight "+in.Version+": findings read, checked and summarised by council, region and England", cs.boldTop)
	var neighbours []string
	for _, n := range c.Ref.Neighbours {
		neighbours = append(neighbours, r.Ref.Councils[n].Name)
	}
	if len(neighbours) > 0 {
		pair("Similar councils", strings.Join(neighbours, ", ")+" (DfE's statistical neighbours, closest first)", cs.boldTop)
	}
	row++
	heads := func(cells ...string) {
		for j, h := range cells {
			w.set(j+1, row, h, st.Header)
		}
		row++
	}
	heads("What the figures mean", "")
	for _, d := range councillorDefinitions {
		pair(d[0], d[1], cs.boldTop)
	}
	row++
	heads("Sources about "+c.Ref.Name, "", "Findings")
	for _, s := range sourceCounts(in.Findings) {
		w.set(1, row, s.name, top.Text)
		w.set(3, row, s.n, top.Integer)
		height(textLines(s.name, wideA))
		row++
	}
	row++
	heads("Input files", "SHA-256 checksum", "Findings about "+c.Ref.Name)
	if w.err == nil {
		w.err = f.SetRowHeight("About", row-1, linesHeight(max(2, textLines("Findings about "+c.Ref.Name, wideC))))
	}
	perFile := map[int32]int{}
	for i := range in.Findings {
		perFile[in.Findings[i].File]++
	}
	for i, fr := range in.Inputs {
		w.set(1, row, fr.Path, top.Text)
		w.set(2, row, fr.SHA256, top.Text)
		w.set(3, row, perFile[int32(i)], top.Integer)
		height(textLines(fr.Path, wideA))
		row++
	}
	row++
	heads("Notes", "")
	notes := []string{
		"Everything is computed as of the date above: findings dated after it are left out, so the same inputs and date always give the same workbook.",
		"Means are rounded to 2 decimal places; other figures are as given. Exact repeats of a finding count once.",
		"The same figures for every council are in datasets/councils.csv in the folder this workbook came from, one row a council; its columns are explained below.",
	}
	if in.Licence {
		notes = append(notes, OGLAttribution+".")
	}
	for _, n := range notes {
		w.set(2, row, n, top.Text)
		height(textLines(n, wideB))
		row++
	}
	row++
	heads("Column of councils.csv", "Meaning")
	for _, d := range metrics.CouncilColumns {
		pair(d.Name, d.Definition, top.Text)
	}
	if w.err != nil {
		return w.err
	}
	for col, width := range map[string]float64{"A": wideA, "B": wideB, "C": wideC} {
		if err := f.SetColWidth("About", col, col, width); err != nil {
			return err
		}
	}
	return nil
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

type sourceCount struct {
	name string
	n    int
}

// sourceCounts lists the sources of a council's findings, most used first.
func sourceCounts(fs []findings.Finding) []sourceCount {
	counts := map[string]int{}
	for i := range fs {
		s := fs[i].Source
		if s == "" {
			s = "(no source given)"
		}
		counts[s]++
	}
	out := make([]sourceCount, 0, len(counts))
	for s, n := range counts {
		out = append(out, sourceCount{s, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return out[i].name < out[j].name
	})
	return out
}
