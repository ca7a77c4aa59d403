package workbook

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/prose"
	"github.com/oversight/oversight/outputs/summary"
	"github.com/oversight/oversight/outputs/table"
)

// ReportInput is what the report workbook (the monthly report, or a research
// run's) shows.
type ReportInput struct {
	Title    string
	Report   *metrics.Report
	Intake   *intake.Result
	Version  string
	Question []string // a research run's filters, cited on the Cover and every title
	// Charts are the report's charts, each on a sheet of its own.
	Charts []charts.Chart
	// Documents are the documents extraction read for this run (nil when
	// none was given); the new ones get a sheet of their own.
	Documents  []Document
	Publishing Publishing
	// TmpDir is where excelize may spill large sheets; inside the run's
	// staging folder, a killed run's spill files go with it.
	TmpDir string
	// BigRows and ChunkRows are the large-sheet writer's sizes (see
	// Options; 0 = the defaults).
	BigRows, ChunkRows int
}

// Document is one document extraction read, as the report lists it: its
// own type, as analysis/extract would bring the PDF engine (PDFium and
// wazero) into every program that writes a workbook.
type Document struct {
	File, Kind, Council, Framework, Published string
	Findings, Review                          int
	Status, Reason, SHA256                    string
	New                                       bool
}

// Table sheets of the report workbook, in order, after Cover, Contents and
// Notes (Changes and New documents only when there is something to say;
// the chart sheets follow).
var Sheets = []string{"Headlines", "Changes", "Councils", "Workforce", "Comparisons", "Regions", "By grade", "Transitions",
	"New documents", "Inputs", "Findings", "Rejects"}

// WriteReport writes the report workbook to w: a publication to the
// Analysis Function's spreadsheet guidance (Cover, Contents, Notes, then
// one titled table or chart per sheet).
func WriteReport(ctx context.Context, w io.Writer, in ReportInput) error {
	r := in.Report
	where := reportWhere(r)
	p, err := New(reportCover(in, where), Options{TmpDir: in.TmpDir, BigRows: in.BigRows, ChunkRows: in.ChunkRows})
	if err != nil {
		return err
	}
	defer p.Close()
	if err := addRuleNotes(p); err != nil {
		return err
	}
	explainCodes(p)
	rest := in.Charts
	if r.Research != nil {
		if rest, err = addAnswer(ctx, p, r.Research, in.Charts); err != nil {
			return err
		}
	}
	for _, ts := range reportSheets(in, where) {
		if err := addSheet(ctx, p, ts); err != nil {
			return err
		}
	}
	if err := addCharts(p, rest); err != nil {
		return err
	}
	return p.Write(w)
}

// reportWhere is what the report is about: England, or a research
// question's group and period.
func reportWhere(r *metrics.Report) string {
	where := "England"
	if rs := r.Research; rs != nil {
		where = rs.Group.Name
		if p := charts.Period(rs.From, rs.To); p != "" {
			where += ", " + p
		}
	}
	return where
}

// reportCover is the report's Cover: a research run's leads with its
// answer and cites its question; a report compared with an earlier one
// says what changed since.
func reportCover(in ReportInput, where string) Cover {
	r := in.Report
	title := in.Title
	if title == "" {
		title = "Children's social care in England: Ofsted grades and the social work workforce by council"
	}
	cover := Cover{
		Title: title,
		Summary: fmt.Sprintf("Ofsted's judgements and DfE's social work workforce figures for every English council with children's services, with the medians of their statistical neighbours, regions and England, as of %s.",
			prose.LongDate(dates.Date{Day: r.AsOf})),
		About:   reportAbout(in),
		AsOf:    r.AsOf,
		Sources: Sources(in.Intake, in.Intake.Findings),
		Licence: Licence{Text: OGLAttribution + ".", URL: OGLURL}, Publisher: in.Publishing.Publisher, Contact: in.Publishing.Contact,
		NextUpdate: in.Publishing.NextUpdate, Version: in.Version,
	}
	cover.Lead = reportLead(in)
	if r.Research != nil {
		cover.Summary = fmt.Sprintf("The answer to a research question about %s, from Ofsted's judgements and DfE's social work workforce figures as published by %s.", where, prose.LongDate(dates.Date{Day: r.AsOf}))
	}
	if len(in.Question) > 0 {
		cover.Sections = append(cover.Sections, Section{Heading: "Research question, as asked", Lines: append(append([]string(nil), in.Question...),
			"The question restricts what is listed (councils, findings, series points), never what a comparison is over: England's, each region's and each council's neighbours' medians are over every council.")})
	}
	if r.Since != nil {
		cover.Sections = append(cover.Sections, Section{Heading: "What changed since " + prose.LongDay(r.Since.AsOf), Lines: changeLines(r)})
	}
	return cover
}

// addSheet adds a table sheet, naming it in an error.
func addSheet(ctx context.Context, p *Publication, ts TableSheet) error {
	if _, err := p.AddTable(ctx, ts); err != nil {
		return fmt.Errorf("%s sheet: %w", ts.Name, err)
	}
	return nil
}

// addAnswer puts a research run's answer first, nothing unasked before
// it: each trend's table with its chart right after it, then the grade
// trends. It returns the charts left to place.
func addAnswer(ctx context.Context, p *Publication, rs *metrics.Research, cs []charts.Chart) ([]charts.Chart, error) {
	placed := map[string]bool{}
	for _, t := range rs.Trends {
		ts := trendSheet(t)
		if err := addSheet(ctx, p, ts); err != nil {
			return nil, err
		}
		for _, c := range cs {
			if c.File == charts.TrendFile(t.Measure) {
				if err := p.AddChart(ChartSheet{Name: ts.Name[:min(len(ts.Name), 24)] + " chart", Title: c.Title, Description: c.Title,
					Source: c.Source, Picture: Picture{PNG: c.PNG, AltText: c.AltText}}); err != nil {
					return nil, fmt.Errorf("trend chart: %w", err)
				}
				placed[c.File] = true
			}
		}
	}
	for _, g := range rs.GradeTrends {
		if err := addSheet(ctx, p, gradeTrendSheet(g)); err != nil {
			return nil, err
		}
	}
	var rest []charts.Chart
	for _, c := range cs {
		if !placed[c.File] {
			rest = append(rest, c)
		}
	}
	return rest, nil
}

// reportSheets are the report's table sheets in order, after a research
// run's answer: the headlines (a monthly report's), what changed, the
// councils' tables, the regions', the new documents, then the inputs,
// every finding and every rejected row.
func reportSheets(in ReportInput, where string) []TableSheet {
	r := in.Report
	asOf := prose.LongDate(dates.Date{Day: r.AsOf})
	var sheets []TableSheet
	if r.Research == nil {
		sheets = append(sheets, TableSheet{Name: "Headlines", Title: fmt.Sprintf("Headline figures for %s as of %s", where, asOf),
			Description: "England's counts of councils by grade and medians of the workforce figures, each with its date and age",
			Lines:       []string{"Each figure has its own date: the age column says how old it is at the report's date."},
			Notes:       []string{noteFramework, noteMedians}, Table: headlinesTable(r)})
	}
	if r.Since != nil {
		sheets = append(sheets, TableSheet{Name: "Changes", Title: "What changed since " + prose.LongDay(r.Since.AsOf),
			Description: "Grades changed, new inspections, late arrivals, new and revised official figures, suppressed figures, visits, figures from other sources, councils added or gone",
			// Short lines: a line wider than its table shrinks the printed page.
			Lines: []string{"Compared with " + summary.Since(r) + ".",
				"A late arrival was published before that report but was not in it.",
				"changes.txt in the report's folder says the same in a few lines."},
			Table: fill(table.FromColumns("changes", metrics.ChangeColumns, r.Changes)), Empty: "Nothing changed since then"})
	}
	sheets = append(sheets, councilSheets(r, where, asOf)...)
	if in.Documents != nil {
		sheets = append(sheets, TableSheet{Name: "New documents", Title: "Documents read for the first time by this run",
			Description: "Ofsted reports and letters and news articles extracted for this report: what each gave and its status",
			Lines:       []string{"Documents read by earlier runs are not read again (their findings are still used); every document is in documents.csv."},
			Table:       documentsTable(in.Documents), Empty: "No new documents"})
	}
	return append(sheets, recordSheets(in, asOf)...)
}

// councilSheets are the tables of councils (their judgements, workforce
// figures and comparisons) and of regions and grades.
func councilSheets(r *metrics.Report, where, asOf string) []TableSheet {
	judgements := onSheets(metrics.SheetIdentity, metrics.SheetJudgements)
	// Each council's row links to its page on Ofsted's site, named.
	councilsTable, councilsLinks := linkColumn(fill(table.FromColumns("councils", judgements, r.Listed)), "ofsted_page",
		func(_ string, row []table.Cell) string { return "Ofsted's reports on " + row[0].Text })
	workforce := onSheets(metrics.SheetIdentity, metrics.SheetWorkforce)
	comparisons := onSheets(metrics.SheetIdentity, metrics.SheetComparisons)
	return []TableSheet{
		{Name: "Councils", Title: fmt.Sprintf("Councils' latest Ofsted judgements, %s, as of %s", where, asOf),
			Description: "One row per council: its grades, their dates and changes, inspections, visits and findings",
			Notes:       []string{noteFramework, noteAsOf}, Table: councilsTable, Links: councilsLinks},
		{Name: "Workforce", Title: fmt.Sprintf("Councils' latest social work workforce figures, %s, as of %s", where, asOf),
			Description: "One row per council: caseload, vacancy, agency and turnover rates with their dates, changes and sources",
			Notes:       []string{noteOfficial, noteCodes}, Table: fill(table.FromColumns("workforce", workforce, r.Listed))},
		{Name: "Comparisons", Title: comparisonsTitle(where, asOf),
			Description: "One row per council: joint and small-number marks, the medians of its statistical neighbours, region and England with their dates, and its ranks",
			Notes:       []string{noteMedians, noteJoint, noteSmall}, Table: fill(table.FromColumns("comparisons", comparisons, r.Listed))},
		{Name: "Regions", Title: fmt.Sprintf("Councils by grade and workforce medians by region, and for England, as of %s", asOf),
			Description: "One row per region, then England: councils by overall and leadership grade, medians at each area's reference period, DfE's own figures",
			Notes:       []string{noteFramework, noteMedians, noteGoodShare}, Table: fill(table.FromColumns("regions", metrics.RegionColumns, r.RegionRows))},
		{Name: "By grade", Title: fmt.Sprintf("Workforce figures by overall grade and by leadership grade, England, as of %s", asOf),
			Description: "Mean and median workforce figures of the councils with each grade, at England's reference period",
			Notes:       []string{noteMedians}, Table: fill(table.FromColumns("by_grade", metrics.ByGradeColumns, r.ByGradeRows))},
		{Name: "Transitions", Title: fmt.Sprintf("Consecutive overall grades: from each grade to the next, as of %s", asOf),
			Description: "Every pair of consecutive overall grades in each council's history",
			Table:       table.FromColumns("transitions", metrics.TransitionColumns, r.TransitionRows)},
	}
}

// recordSheets are the record of the run, last: the input files, every
// finding used and every row rejected.
func recordSheets(in ReportInput, asOf string) []TableSheet {
	files := make([]string, len(in.Intake.Files))
	for i, fr := range in.Intake.Files {
		files[i] = fr.Path
	}
	return []TableSheet{
		{Name: "Inputs", Title: "The input files, with their checksums and what became of every row",
			Description: "Every file read: format, encoding, rows read, accepted, rejected and counted as duplicates (read = accepted + rejected + duplicates)",
			Notes:       []string{noteDuplicates}, Table: inputsTable(in.Intake)},
		{Name: "Findings", Title: fmt.Sprintf("Every finding used, dated on or before %s", asOf),
			Description: "Each accepted finding with its source and the file and line it was read from",
			Lines:       []string{"A blank cell is a column that does not apply to the finding (a judgement area for a caseload, a quote for a finding keyed by hand)."},
			Table:       table.NewFindings("findings", in.Intake.Findings, in.Report, files), Record: true},
		{Name: "Rejects", Title: "Rows not used, and why",
			Description: "Each rejected row with its file, line, values as written and the reason",
			Table:       table.NewRejects("rejects", in.Intake.Rejects, files), Empty: "No rows were rejected", Record: true},
	}
}

// onSheets are the council columns the schema puts on these sheets, in
// its order.
func onSheets(sheets ...metrics.Sheet) []metrics.Column[*metrics.Council] {
	var out []metrics.Column[*metrics.Council]
	for _, c := range metrics.CouncilColumns {
		if slices.Contains(sheets, c.Sheet) {
			out = append(out, c)
		}
	}
	return out
}

// StatusLine says what the figures are, for every reader-facing output.
const StatusLine = "These are not official statistics. They are compiled with the open-source tool oversight from official statistics (Ofsted's inspection outcomes, DfE's children's social work workforce), Ofsted's own reports, and news articles and council papers, each finding with its source; the official figures are checked against the published files."

// reportLead is what the report's Cover says first: the main findings (a
// research run's answer), the status of the figures and the period they
// cover.
func reportLead(in ReportInput) []Section {
	r := in.Report
	var lead []Section
	if r.Research != nil {
		lead = append(lead, Section{Heading: "The answer", Lines: summary.Answer(r)})
	} else if mf := summary.MainFindings(r); len(mf) > 0 {
		lead = append(lead, Section{Heading: "Main findings", Lines: mf})
	}
	lead = append(lead, Section{Heading: "Status", Lines: []string{StatusLine}})
	if p := summary.Period(r); p != "" {
		lead = append(lead, Section{Heading: "Period covered", Lines: []string{p}})
	}
	return lead
}

// reportAbout are the Cover's paragraphs: what the workbook is and how old
// its figures are.
func reportAbout(in ReportInput) []string {
	r := in.Report
	out := []string{
		asOfRule(r.AsOf),
	}
	var ages []string
	for _, m := range metrics.WorkforceMeasures {
		if md := r.EnglandMedian(m); md.OK {
			ages = append(ages, fmt.Sprintf("%s %s (%s old)", strings.ToLower(strings.SplitN(metrics.MeasureHeader(m), " (", 2)[0]), prose.LongDate(md.Date), age(md.Date, r.AsOf)))
		}
	}
	if len(ages) > 0 {
		out = append(out, "How old the figures are: the newest official workforce figures that half of England's councils have are for "+strings.Join(ages, "; ")+".")
	}
	var latest metrics.Inspection
	for _, c := range r.Councils {
		if n := len(c.History); n > 0 && c.History[n-1].Date.Day > latest.Date.Day {
			latest = c.History[n-1]
		}
	}
	if !latest.Date.IsZero() {
		s := "The newest inspection in the inputs began on " + prose.LongDate(latest.Date)
		if !latest.Published.IsZero() && latest.Published != latest.Date {
			s += " and was published on " + prose.LongDate(latest.Published)
		}
		out = append(out, s+".")
	}
	out = append(out, "Shorthand in tables: [x] not available, [z] not applicable, and DfE's suppression codes [c], [u] and [low]; each is explained on the Notes sheet.")
	return out
}

// changeLines summarise the changes for the Cover: each kind's heading
// and count, as changes.txt gives them, and where the list is.
func changeLines(r *metrics.Report) []string {
	var out []string
	for _, l := range summary.ChangeLines(r) {
		if l.Heading {
			out = append(out, l.Text)
		}
	}
	if len(out) == 0 {
		return []string{"Nothing changed since " + summary.Since(r) + "."}
	}
	return append([]string{"Compared with " + summary.Since(r) + ":"}, append(out, "The Changes sheet lists each with its dates, source and document.")...)
}

// headlinesTable is England's row of the regions table as a list of
// figures, each with its date and age at the report date.
func headlinesTable(r *metrics.Report) table.Table {
	e := r.RegionRows[len(r.RegionRows)-1]
	t := &cellTable{name: "headlines", cols: []table.Column{
		{Name: "figure", Header: "Figure", Kind: table.Text}, {Name: "value", Header: "Value", Kind: table.Number},
		{Name: "date", Header: "Date of the figure", Kind: table.Date}, {Name: "age", Header: "Age at the report date", Kind: table.Text},
		{Name: "over", Header: "Councils counted", Kind: table.Integer},
	}}
	for _, name := range []string{"councils", "councils_inspected", "councils_graded", "outstanding", "good", "requires_improvement", "inadequate",
		"councils_no_overall_grade", "leadership_outstanding", "leadership_good", "leadership_requires_improvement", "leadership_inadequate",
		"good_or_better_pct", "improved", "declined"} {
		col, _ := metrics.Lookup(metrics.RegionColumns, name)
		v := col.Get(e)
		cell := table.Cell{Kind: col.Kind, Num: v.Num, Blank: v.Blank}
		if v.Blank {
			cell = table.Missing(col.Kind, table.NotAvailable)
		}
		t.rows = append(t.rows, []table.Cell{textCell(col.Header), cell, dateCell(dates.Date{Day: r.AsOf}), textCell("as of the report date"), intCell(e.Councils)})
	}
	for _, m := range metrics.WorkforceMeasures {
		md := e.Medians[m]
		kind := table.Number
		if m.Rate() {
			kind = table.Percent
		}
		cell := table.Cell{Kind: kind, Num: md.Value, Decimals: 2} // as the Regions sheet shows it
		dc, ac, nc := dateCell(md.Date), textCell(age(md.Date, r.AsOf)), intCell(md.N)
		if !md.OK {
			cell = table.Missing(kind, table.NotAvailable)
			dc, ac, nc = table.Missing(table.Date, table.NotAvailable), table.Missing(table.Text, table.NotAvailable), table.Missing(table.Integer, table.NotAvailable)
		}
		t.rows = append(t.rows, []table.Cell{textCell("England median " + strings.ToLower(metrics.MeasureHeader(m))), cell, dc, ac, nc})
		if p, ok := e.Published[m]; ok {
			t.rows = append(t.rows, []table.Cell{textCell("DfE's published England " + strings.ToLower(metrics.MeasureHeader(m))),
				table.Cell{Kind: kind, Num: p.Value}, dateCell(p.Date), textCell(age(p.Date, r.AsOf)), table.Missing(table.Integer, table.NotApplicable)})
		}
	}
	return t
}

// documentsTable lists the documents extraction read for the first time.
func documentsTable(docs []Document) table.Table {
	t := &cellTable{name: "documents", cols: []table.Column{
		{Name: "file", Header: "File", Kind: table.Text}, {Name: "kind", Header: "Kind", Kind: table.Text},
		{Name: "council", Header: "Council", Kind: table.Text}, {Name: "framework", Header: "Framework", Kind: table.Text},
		{Name: "published", Header: "Published", Kind: table.Text}, {Name: "findings", Header: "Findings", Kind: table.Integer},
		{Name: "review", Header: "For review", Kind: table.Integer}, {Name: "status", Header: "Status", Kind: table.Text},
		{Name: "reason", Header: "Reason", Kind: table.Text}, {Name: "sha256", Header: "SHA-256 checksum", Kind: table.Text},
	}}
	for _, d := range docs {
		if !d.New {
			continue
		}
		t.rows = append(t.rows, []table.Cell{textCell(d.File), orNone(d.Kind), orNone(d.Council), orNone(d.Framework), orNone(d.Published),
			intCell(d.Findings), intCell(d.Review), textCell(d.Status), orNone(d.Reason), textCell(d.SHA256)})
	}
	return t
}

// comparisonsTitle says where the Comparisons table is about only for a
// research question: "..., region and England, England" read as a slip.
func comparisonsTitle(where, asOf string) string {
	t := "Councils' workforce figures beside the medians of their neighbours, region and England"
	if where != "England" {
		t += ", " + where
	}
	return t + ", as of " + asOf
}
