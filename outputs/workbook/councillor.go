package workbook

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/inspections"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/charts"
	"github.com/oversight/oversight/outputs/prose"
	"github.com/oversight/oversight/outputs/table"
)

// CouncillorSheets are the table sheets of a councillor's workbook, in
// order, after Cover, Contents and Notes; the charts ("Chart 1" and on)
// come straight after Figures.
var CouncillorSheets = []string{"Judgements", "Figures", "What Ofsted said", "Inspections", "Workforce history", "Themes", "Findings", "Inputs"}

// Labels in column A of the Judgements table; the grade is in column B
// and its date in C.
const (
	LabelGrade       = "Overall grade at the latest inspection"
	LabelPrevious    = "Previous overall grade"
	LabelLastOverall = "Last overall grade (before the current framework)"
	LabelLeadership  = "Leadership (the impact of leaders)"
)

// CouncillorLabels maps the grade columns of councils.csv to the row of
// the Judgements table that shows the same grade.
var CouncillorLabels = map[string]string{
	"grade": LabelGrade, "previous_grade": LabelPrevious, "last_overall_grade": LabelLastOverall, "leadership": LabelLeadership,
	"help_and_protection": areaName(findings.HelpAndProtection), "children_in_care": areaName(findings.ChildrenInCare),
	"care_leavers": areaName(findings.CareLeavers),
}

// Picture is a PNG placed on a sheet.
type Picture struct {
	PNG     []byte
	AltText string
}

// CouncillorInput is what one council's workbook shows.
type CouncillorInput struct {
	Report  *metrics.Report
	Council *metrics.Council
	// Findings are the council's accepted findings dated on or before the
	// report date, in input order.
	Findings []findings.Finding
	// Intake is the run's: its files (which a finding's File indexes) are
	// the Cover's sources and the Inputs sheet.
	Intake  *intake.Result
	Version string
	// Charts are the council's charts (charts.Council), each on a sheet of
	// its own after Figures.
	Charts []charts.Chart
	// Said is what Ofsted said about the council, as known on the report
	// date (analysis/inspections); nil gives What Ofsted said no rows.
	Said       *inspections.Council
	Publishing Publishing
	// TmpDir is where excelize may spill a large sheet ("" = the system's).
	TmpDir string
}

// OGLAttribution is the attribution the Open Government Licence asks for.
const OGLAttribution = "Contains public sector information licensed under the Open Government Licence v3.0 (Ofsted; Department for Education)"

// asOfRule is the Cover's paragraph on how the date decides what counts.
func asOfRule(d dates.Day) string {
	return "Every figure is computed as of " + prose.LongDay(d) + " from the findings in the inputs (facts taken from Ofsted's reports and statistics, DfE's workforce statistics, news articles and council papers): a finding counts only once it was published on or before that day (an inspection report, DfE's release, an article), so the workbook shows what could be known that day, and the same inputs and date always give the same workbook."
}

// Keys of the notes that say what a councillor's figures mean.
const (
	noteGrades     = "grades"
	noteAreas      = "areas"
	noteVisits     = "visits"
	noteThemes     = "themes"
	noteOfstedSaid = "ofsted"
	noteFrameworks = "frameworks"
)

// councillorNotes say in plain words what the grades and figures mean:
// the grades, then each workforce measure (from the table of measures),
// then themes and quotes.
func councillorNotes() [][2]string {
	out := append([][2]string(nil), gradeNotes...)
	for _, m := range metrics.WorkforceMeasures {
		out = append(out, [2]string{m.String(), m.Def().Explain})
	}
	return append(out, themeNotes...)
}

var gradeNotes = [][2]string{
	{noteGrades, "Ofsted grades a council's children's services outstanding, good, requires improvement (to be good) or inadequate. A grade's date is when Ofsted published the report, or the month of the inspection when that is all a source says. The change compares a grade with the one before it: improved, declined or unchanged."},
	{noteAreas, "Ofsted also grades parts of the service: leadership (the impact of leaders on social work with children and families, graded under every framework since 2018, so the grade that compares across the April 2026 change), help and protection of children, children in care, and care leavers. Until 2023 children in care and care leavers were judged together; that judgement counts for both. Before 2018 Ofsted also judged adoption."},
	{noteVisits, "Ofsted's visits between full inspections give no grade: focused visits look at one part of the service, monitoring visits follow an inadequate grade, and joint targeted area inspections look at how the council, police and health services work together. A news report and Ofsted's own report of one inspection count once."},
}

var themeNotes = [][2]string{
	{noteThemes, "Strengths and weaknesses are themes (such as management oversight, or drift and delay) that inspectors, news reports or council papers describe as going well or badly. An Ofsted report's recommendations are weaknesses: what it asks the council to improve."},
	{noteFrameworks, "Ofsted's inspections of councils' children's services have changed over the years: SLAC (safeguarding and looked after children, 2009-2012) and CPI (child protection inspections), TLAC (targeted inspections of looked after children), SIF (the single inspection framework, 2013-2017, and its re-inspections), then ILACS (inspections of local authority children's services, from 2018: standard and short inspections, and from April 2026 inspections that grade areas but give no overall grade)."},
	{noteOfstedSaid, "Where a finding was extracted from the report itself, its quote is the report's own words (at most 300 characters) and its page the page they are on, so anyone can check it; findings keyed by hand have neither."},
}

// WriteCouncillor writes one council's workbook for its councillors, a
// publication to the Analysis Function's spreadsheet guidance: a Cover
// (the council, its neighbours, sources, publisher, licence), Contents and
// Notes, then the latest Judgements, the workforce Figures beside the
// medians of its statistical neighbours, region and England (each prints
// on one page), the charts, What Ofsted said, every Inspection and visit,
// the Workforce history, all Themes, every Finding and the Inputs. The
// bytes depend only on the input: no clock time is written.
func WriteCouncillor(ctx context.Context, w io.Writer, in CouncillorInput) error {
	if in.Report == nil || in.Council == nil || in.Intake == nil {
		return errors.New("councillor workbook: no council")
	}
	p, err := New(councillorCover(in), Options{TmpDir: in.TmpDir, Workers: 1}) // councils are built in parallel
	if err != nil {
		return err
	}
	defer p.Close()
	if err := addRuleNotes(p); err != nil {
		return err
	}
	for _, n := range councillorNotes() {
		if err := p.Note(n[0], n[1]); err != nil {
			return err
		}
	}
	explainCodes(p)
	for _, ts := range headlineSheets(in) {
		if err := addSheet(ctx, p, ts); err != nil {
			return err
		}
	}
	if err := addCharts(p, in.Charts); err != nil {
		return err
	}
	for _, ts := range detailSheets(in) {
		if err := addSheet(ctx, p, ts); err != nil {
			return err
		}
	}
	return p.Write(w)
}

// headlineSheets are the two sheets a councillor reads first, each printing
// on one page: the latest Judgements and the workforce Figures beside
// similar councils'. Their titles carry no note markers (their headers
// do): a title wider than its table makes the page print smaller.
func headlineSheets(in CouncillorInput) []TableSheet {
	c, r := in.Council, in.Report
	name, region := c.Ref.Name, c.Ref.Region
	asOf := prose.LongDate(dates.Date{Day: r.AsOf})
	return []TableSheet{
		{Name: "Judgements", Title: fmt.Sprintf("Ofsted's latest judgements of %s's children's services, as of %s", name, asOf),
			Description: "The latest overall grade (or why there is none), leadership and the other areas graded, with their dates and changes",
			Table:       judgementsTable(c), OnePage: true},
		{Name: "Figures", Title: fmt.Sprintf("%s's social work figures beside similar councils, %s and England, as of %s", name, regionPhrase(region), asOf),
			Description: "Caseload, vacancy, agency and turnover rates, each with its date, change and source, the medians of its statistical neighbours, region and England, its ranks and how it compares",
			Lines: []string{"One column for each figure; each median and rank is for its own date, given below it.",
				"Similar councils are " + name + "'s statistical neighbours, named on the Cover. The last row says how it compares."},
			Table: figuresTable(c), OnePage: true},
	}
}

// detailSheets follow the charts: What Ofsted said, every inspection and
// visit, the workforce history, all themes, every finding and the inputs.
func detailSheets(in CouncillorInput) []TableSheet {
	c, r := in.Council, in.Report
	name, region := c.Ref.Name, c.Ref.Region
	asOf := prose.LongDate(dates.Date{Day: r.AsOf})
	files := make([]string, len(in.Intake.Files))
	for i, fr := range in.Intake.Files {
		files[i] = fr.Path
	}
	said := ofstedTable(in)
	return []TableSheet{
		{Name: "What Ofsted said", Title: fmt.Sprintf("What Ofsted said about %s: the latest report first, in the report's own words", name),
			Description: "Each Ofsted report known on the report date, newest first: its recommendations, strengths and areas for improvement in the report's words, with their pages and a link to the report",
			Lines: []string{"The words are the report's own (at most 300 characters a point); the page is where they are, so anyone can check them.",
				"The last column links to the report, or to Ofsted's page for the council, which lists every report and letter."},
			Notes: []string{noteOfstedSaid, noteFrameworks}, Table: said, Links: said.link,
			Empty: "No Ofsted report about " + name + " is in the inputs"},
		{Name: "Inspections", Title: fmt.Sprintf("Every Ofsted inspection and visit of %s, newest first, as of %s", name, asOf),
			Description: "Each inspection with its grade in every area and the change in its overall grade, and each ungraded visit",
			Lines:       []string{"Visits give no grade: their grade cells are [z]. An area an inspection's sources give no grade for is [x]."},
			Notes:       []string{noteFramework, noteVisits, noteGrades}, Table: inspectionsTable(c), Empty: "No inspection or visit of " + name + " is on record"},
		{Name: "Workforce history", Title: fmt.Sprintf("%s's social work figures by date, beside the %s and England medians", name, region),
			Description: "One row per date: the council's official figures and those from other sources, kept apart, and the region's and England's medians for that date",
			Notes:       []string{noteOfficial, noteMedians}, Table: workforceTable(c, r), Empty: "No workforce figure for " + name + ", " + region + " or England is on record"},
		{Name: "Themes", Title: fmt.Sprintf("Strengths and weaknesses of %s's children's services from every source, newest first", name),
			Description: "Each strength and weakness with the part of the service, what was said, the kind of source and the source",
			Notes:       []string{noteThemes}, Table: themesTable(in.Findings), Empty: "No strengths or weaknesses of " + name + " are on record"},
		{Name: "Findings", Title: fmt.Sprintf("Every finding about %s, dated on or before %s", name, asOf),
			Description: "Each accepted finding with its source and the file and line it was read from",
			Lines:       []string{"A blank cell is a column that does not apply to the finding (a judgement area for a caseload, a quote for a finding keyed by hand)."},
			Notes:       []string{noteAsOf}, Table: table.NewFindings("findings", in.Findings, r, files), Empty: "No findings about " + name},
		{Name: "Inputs", Title: "The input files, with their checksums and what became of every row",
			Description: "Every file read for this run (all councils): format, encoding, rows read, accepted, rejected and counted as duplicates",
			Notes:       []string{noteDuplicates}, Table: inputsTable(in.Intake)},
	}
}

// addCharts puts each chart on a sheet of its own, Chart 1 and on.
func addCharts(p *Publication, cs []charts.Chart) error {
	for i, c := range cs {
		if err := p.AddChart(ChartSheet{Name: fmt.Sprintf("Chart %d", i+1), Title: c.Title, Description: c.Title,
			Source: c.Source, Picture: Picture{PNG: c.PNG, AltText: c.AltText}}); err != nil {
			return fmt.Errorf("chart %d: %w", i+1, err)
		}
	}
	return nil
}

// ofstedPageSource is the council's page on Ofsted's site, which lists
// every report and letter, as a Cover source.
func ofstedPageSource(c *metrics.Council) []Source {
	u := c.Ref.OfstedPage()
	if u == "" {
		return nil
	}
	return []Source{{Name: "Ofsted's page for " + c.Ref.Name + ", which lists every report and letter about its children's services", URL: u}}
}

// councillorCover is the Cover: what the workbook is, the council and its
// neighbours, the sources of its findings.
func councillorCover(in CouncillorInput) Cover {
	c, r := in.Council, in.Report
	name := c.Ref.Name
	insp := len(c.History)
	counts := fmt.Sprintf("On record for %s: %s and %s; %s and %s noted by Ofsted, news reports and council papers; %s from every source.", name,
		plural(insp, "inspection"), plural(len(c.Visits), "ungraded visit"), plural(c.Strengths, "strength"), plural(c.Weaknesses, "weakness"), plural(c.Findings, "finding"))
	council := []string{"Name: " + name, "ONS (GSS) code: " + c.Code + "; DfE code: " + c.Ref.DfE, "Region: " + c.Ref.Region}
	if preds := predecessors(r, c); len(preds) > 0 {
		council = append(council, fmt.Sprintf("Formed on %s from %s, whose own history is not included here.", prose.LongDay(c.Ref.Start), prose.JoinAnd(preds)))
	}
	return Cover{
		Title: name + ": children's social care",
		Summary: fmt.Sprintf("Ofsted's judgements of %s's children's services, its social work figures beside its statistical neighbours, %s and England, and what Ofsted and others found, as of %s.",
			name, regionPhrase(c.Ref.Region), prose.LongDate(dates.Date{Day: r.AsOf})),
		About: []string{
			"For councillors. The Judgements and Figures worksheets give the headline grades and figures, each printing on one page; the charts follow them; What Ofsted said lists the latest reports' recommendations, strengths and weaknesses.",
			counts,
			asOfRule(r.AsOf),
			"The same figures for every council are in datasets/councils.csv in the folder this workbook came from, one row a council.",
		},
		AsOf:    r.AsOf,
		Sources: append(Sources(in.Intake, in.Findings), ofstedPageSource(c)...),
		Licence: Licence{Text: OGLAttribution + ".", URL: OGLURL}, Publisher: in.Publishing.Publisher, Contact: in.Publishing.Contact,
		NextUpdate: in.Publishing.NextUpdate, Version: in.Version,
		Sections: []Section{{Heading: "The council", Lines: council}, {Heading: "Statistical neighbours", Lines: neighbourLines(r, c)}},
	}
}

// neighbourLines name a council's statistical neighbours, closest first,
// saying which one is not compared because it shares the council's
// service.
func neighbourLines(r *metrics.Report, c *metrics.Council) []string {
	if len(c.Ref.Neighbours) == 0 {
		return []string{"DfE's model names no statistical neighbours for " + c.Ref.Name + ": its figures are compared with its region's and England's only."}
	}
	js, partners := r.Ref.Joint(c.Ref.Index, r.AsOf)
	shared := map[int]bool{}
	for _, p := range partners {
		shared[p] = true
	}
	out := []string{"Similar councils in DfE's 2025 model, closest first; the Figures sheet compares " + c.Ref.Name + " with their median."}
	for i, n := range c.Ref.Neighbours {
		line := strconv.Itoa(i+1) + ". " + r.Ref.Councils[n].Name
		if shared[n] {
			line += ": not compared, as it shares its children's service (" + js.Name + ") and its figures with " + c.Ref.Name
		}
		out = append(out, line)
	}
	return out
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "s") {
		return strconv.Itoa(n) + " " + noun + "es"
	}
	return strconv.Itoa(n) + " " + noun + "s"
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
