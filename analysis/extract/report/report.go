// Package report reads Ofsted inspection reports on local authority
// children's services, of every framework since 2012: the single inspection
// framework (SIF, 2013-2018, and its re-inspections), the inspections of
// local authority children's services (ILACS standard and short, 2018-2026,
// and the April 2026 framework with no overall judgement), the inspections
// of looked after children services (TLAC, 2012-2013) and the reviews of
// Local Safeguarding Children Boards. It finds the council, the framework,
// the inspection and publication dates, the lead inspector, every judgement
// and the recommendations, each with the page and words that state it.
//
// It reads the report's layout, not its file: judgement tables are read by
// position (a grade wrapped over two lines, or set beside a label of three,
// goes to the row beside it), the recommendations by their bullets and
// numbers, whatever the section is called in that framework. See
// docs/extraction.md for the rules and what was measured.
package report

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/pdftext"
	"github.com/oversight/oversight/analysis/reference"
)

// ErrNotReport is returned for a PDF whose first page is not an Ofsted
// inspection report of a council's children's services (a letter, say).
var ErrNotReport = errors.New("not an Ofsted inspection report on a council's children's services")

// Publication date rules, as documents.csv records them.
const (
	PublishedPrinted = "printed"        // "Report published: 7 July 2014"
	PublishedFile    = "file-name"      // the date in the file's name
	PublishedEnd     = "inspection-end" // the last day on site
	PublishedNone    = "none"
)

// Report is what one inspection report states.
type Report struct {
	File      string
	Framework string
	Title     string // the title as printed on the first page
	// CouncilName is the council as the report names it; Council the
	// reference list's council (nil with CouncilProblem saying why).
	CouncilName    string
	Council        *reference.Council
	CouncilProblem string

	InspectionStart, InspectionEnd dates.Day // 0 when not found
	OnSiteDays                     int       // days on site over every period
	InspectionQuote                string
	InspectionPage                 int

	Published      dates.Day
	PublishedRule  string
	PublishedQuote string
	PublishedPage  int

	LeadInspectors []string
	LeadPage       int

	Judgements      []Judgement // in the order the report gives them
	Recommendations Recommendations
	// Strengths and Shortfalls are the lists an SIF report of 2014-15
	// states besides its recommendations: "The local authority's
	// strengths" (or "... are good because:") and "This local authority
	// requires improvement and is not yet good because".
	Strengths, Shortfalls Recommendations
	// Summary is the report's own account of its judgements, sentence by
	// sentence: an ILACS report's paragraphs between the judgement table
	// and "What needs to improve?", an SIF report's "Executive summary".
	Summary []Sentence

	// FrameworkQuote is the report's words that decided the framework when
	// its title alone does not (a re-inspection titled as an inspection).
	FrameworkQuote string

	Pages     int
	PagesRead int
	// Problems are what could not be read; a report with problems still
	// gives what it could.
	Problems []string
}

// Judgement returns the judgement with the key, if stated.
func (r *Report) Judgement(key string) (Judgement, bool) {
	for _, j := range r.Judgements {
		if j.Key == key {
			return j, true
		}
	}
	return Judgement{}, false
}

type parser struct {
	ctx    context.Context
	src    Source
	ls     []line // the lines of the pages read, in page order
	next   int    // the next page to read going forward (1-based)
	back   int    // the last page not yet read going backward
	read   int    // pages read
	pages  int
	byPage map[int][]line
}

// readPage reads page n (once) and keeps the lines in page order.
func (p *parser) readPage(n int) error {
	if _, ok := p.byPage[n]; ok {
		return nil
	}
	pg, err := p.src.Page(p.ctx, n)
	if err != nil {
		return err
	}
	p.read++
	p.byPage[n] = bodyLines(pg)
	p.ls = p.ls[:0]
	for i := 1; i <= p.pages; i++ {
		p.ls = append(p.ls, p.byPage[i]...)
	}
	return nil
}

// readNext reads the next page going forward; false when there is none.
func (p *parser) readNext() (bool, error) {
	for p.next <= p.pages {
		n := p.next
		p.next++
		if _, ok := p.byPage[n]; ok {
			continue
		}
		return true, p.readPage(n)
	}
	return false, nil
}

// readBack reads the last page not yet read, going backward from the end;
// false when every page has been read.
func (p *parser) readBack() (bool, error) {
	for p.back >= p.next {
		n := p.back
		p.back--
		if _, ok := p.byPage[n]; ok {
			continue
		}
		return true, p.readPage(n)
	}
	return false, nil
}

func (p *parser) readAll() error {
	for {
		ok, err := p.readNext()
		if err != nil || !ok {
			return err
		}
	}
}

// Parse reads the report in src. file is its path (a dated file name is the
// publication date when the report prints none). Pages are read as needed:
// an ILACS report states everything on its first pages, the other
// frameworks are read to the end (their LSCB section, lead inspector and
// judgement record are at the back).
func Parse(ctx context.Context, src Source, file string, ref *reference.List) (*Report, error) {
	p := &parser{ctx: ctx, src: src, pages: src.NumPages(), next: 1, back: src.NumPages(), byPage: map[int][]line{}}
	r := &Report{File: file, Pages: p.pages}
	if p.pages == 0 {
		return nil, ErrNotReport
	}
	first, err := src.Page(ctx, 1)
	if err != nil {
		return nil, err
	}
	firstLow := normalise(first.Text())
	k := kind(firstLow)
	if k == "" && p.pages > 1 {
		// A cover page before the title page.
		if second, err := src.Page(ctx, 2); err == nil {
			k = kind(normalise(second.Text()))
		}
	}
	if k == "" {
		return nil, ErrNotReport
	}
	if _, err := p.readNext(); err != nil {
		return nil, err
	}

	switch k {
	case "ILACS":
		err = p.ilacs(r)
	case SIF, SIFReinspection:
		r.Framework = k
		if err = p.sifPages(); err == nil {
			p.sif(r)
		}
	default:
		if err := p.readAll(); err != nil {
			return nil, err
		}
		r.Framework = k
		switch k {
		case TLAC:
			p.tlac(r)
		case LSCBReview:
			p.lscb(r)
		}
	}
	if err != nil {
		return nil, err
	}
	r.PagesRead = p.read
	p.header(r)
	p.council(r, first, ref)
	if r.Framework == "ILACS" {
		r.Framework = ilacsFramework(r)
	}
	if len(r.Judgements) == 0 {
		r.Problems = append(r.Problems, "no judgements found")
	}
	return r, nil
}

// sifPages reads what an SIF report states, not the twenty or so pages of
// judgements between: forward until the recommendations have been read whole
// and the report has said what its previous inspection found (how a
// re-inspection titled as an inspection is told), then backward from the
// last page until the lead inspector and, in a file that holds the LSCB's
// review, the LSCB's judgement have been read. Anything not found that way
// is looked for in every page.
func (p *parser) sifPages() error {
	extra := 0
	for {
		recs := findRecommendations(p.ls, 0)
		recsDone := recs.Found && recs.end < len(p.ls)
		// The lists of strengths and shortfalls of 2014-15 reports sit
		// beside the recommendations: read until they end too.
		for _, re := range []*regexp.Regexp{strengthsHeadingRE, shortfallHeadingRE} {
			if l := findList(p.ls, 0, re); l.Found && l.end >= len(p.ls) {
				recsDone = false
			}
		}
		if recsDone && !strengthsRead(p.ls) && extra < 6 {
			recsDone = false
		}
		if recsDone && (previousStatement(p.ls) || extra >= 6) {
			break
		}
		if recsDone {
			extra++
		}
		ok, err := p.readNext()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
	}
	for {
		names, _, _ := leadInspectors(p.ls)
		_, _, lscbFound := sentenceGrade(p.ls, 0, len(p.ls), lscbRE, "lscb", "", "", true)
		if len(names) > 0 && (lscbFound || !combined(p.ls)) {
			return nil
		}
		ok, err := p.readBack()
		if err != nil || !ok {
			return err
		}
	}
}

// ilacs reads pages until the judgement table and the recommendations have
// been read whole (something follows each), then stops.
func (p *parser) ilacs(r *Report) error {
	r.Framework = "ILACS"
	for {
		js, tableEnd, ok := ilacsTable(p.ls)
		recs := findRecommendations(p.ls, tableEnd)
		_, _, leadPage := leadInspectors(p.ls)
		done := ok && tableEnd < len(p.ls) && recs.Found && recs.end < len(p.ls) && leadPage > 0
		if done || p.read >= p.pages {
			r.Judgements = js
			r.Recommendations = recs
			r.Summary = sentences(ilacsSummary(p.ls, tableEnd, recs))
			if !ok {
				r.Problems = append(r.Problems, "judgement table not found")
			}
			if !recs.Found {
				r.Problems = append(r.Problems, "no \"What needs to improve\" section found")
			}
			return nil
		}
		if _, err := p.readNext(); err != nil {
			return err
		}
	}
}

// ilacsTable finds the "Judgement / Grade" table and reads it.
func ilacsTable(ls []line) ([]Judgement, int, bool) {
	for i := range ls {
		if len(ls[i].spans) < 2 {
			continue
		}
		a, b := normalise(ls[i].spans[0].Text), normalise(ls[i].spans[len(ls[i].spans)-1].Text)
		if (a == "judgement" || a == "judgements") && (b == "grade" || b == "grades") {
			js, end := readTable(ls, i+1, ls[i].spans[len(ls[i].spans)-1].X0, ilacsRows, 40)
			return js, end, len(js) > 0
		}
	}
	// No header: start at the first row label, the grade column where the
	// first grade stands.
	for i := range ls {
		for _, pat := range ilacsRows {
			if loc := pat.re.FindStringIndex(ls[i].low); loc != nil && loc[0] <= 4 {
				if x, ok := gradeColumn(ls, i, 12); ok {
					js, end := readTable(ls, i, x, ilacsRows, 40)
					return js, end, len(js) > 0
				}
			}
		}
	}
	return nil, 0, false
}

// gradeColumn is where the first grade cell after line from starts: the
// grade column of a table without a header.
func gradeColumn(ls []line, from, n int) (float64, bool) {
	for i := from; i < len(ls) && i < from+n; i++ {
		for _, s := range ls[i].spans {
			if s.X0 > 200 && isGradeFragment(normalise(s.Text)) {
				return s.X0, true
			}
		}
	}
	return 0, false
}

func ilacsFramework(r *Report) string {
	switch {
	case r.InspectionStart >= ilacs2026From:
		return ILACS2026
	case r.OnSiteDays > 0 && r.OnSiteDays <= 8:
		// A short inspection is one week on site (Monday to Friday); a
		// standard one two. An inspection in two parts counts both.
		return ILACSShort
	case r.OnSiteDays > 8:
		return ILACSStandard
	}
	r.Problems = append(r.Problems, "ILACS inspection without dates: standard or short unknown")
	return "ILACS"
}

var sifFirstRowRE = regexp.MustCompile(`^1\.?\s*children who need help and protection`)

func (p *parser) sif(r *Report) {
	ls := p.ls
	if j, _, ok := sentenceGrade(ls, 0, len(ls), sifOverallRE, "overall", "overall", "Overall judgement", false); ok {
		r.Judgements = append(r.Judgements, j)
	}
	for i := range ls {
		if !sifFirstRowRE.MatchString(ls[i].low) {
			continue
		}
		if x, ok := gradeColumn(ls, i, 15); ok {
			js, _ := readTable(ls, i, x, sifRows, 25)
			r.Judgements = append(r.Judgements, js...)
		}
		break
	}
	if r.Framework == SIF {
		if ok, q, _ := previousInadequateSIF(ls); ok {
			r.Framework = SIFReinspection
			r.FrameworkQuote = q
		}
	}
	if combined(ls) {
		if j, _, ok := sentenceGrade(ls, 0, len(ls), lscbRE, "lscb", "", "Local Safeguarding Children Board", true); ok {
			r.Judgements = append(r.Judgements, j)
		}
	}
	r.Recommendations = findRecommendations(ls, 0)
	if !r.Recommendations.Found {
		r.Problems = append(r.Problems, "no recommendations section found")
	}
	r.Strengths = findList(ls, 0, strengthsHeadingRE)
	r.Shortfalls = findList(ls, 0, shortfallHeadingRE)
	r.Summary = sentences(sifSummary(ls))
}

// strengthsRead reports whether the lines read hold the strengths list
// the contents page promises, or the contents promise none.
func strengthsRead(ls []line) bool {
	contents := contentsPages(ls)
	promised := false
	for i := range ls {
		if contents[ls[i].page] || isContents(&ls[i]) {
			if strengthsHeadingRE.MatchString(strings.TrimSpace(contentsEntry(&ls[i]))) {
				promised = true
			}
		}
	}
	return !promised || findList(ls, 0, strengthsHeadingRE).Found
}

// contentsEntry is a contents line without its page number.
func contentsEntry(l *line) string {
	if len(l.spans) > 1 {
		return normalise(l.spans[0].Text)
	}
	return strings.TrimRight(l.low, " 0123456789")
}

// combined reports whether the file also holds a review of the LSCB: its
// title on the first page ("... and Review of the effectiveness of the
// Local Safeguarding Children Board") or an appended report of its own
// ("Inspection of the effectiveness of the local safeguarding children
// board: Hull").
func combined(ls []line) bool {
	var b strings.Builder
	for i := range ls {
		if ls[i].page == 1 || strings.HasPrefix(ls[i].low, "inspection of the effectiveness") || strings.HasPrefix(ls[i].low, "review of the effectiveness") {
			b.WriteString(ls[i].low + " ")
			if i+1 < len(ls) {
				b.WriteString(ls[i+1].low + " ")
			}
		}
	}
	return lscbTitleRE.MatchString(b.String())
}

var lscbTitleRE = regexp.MustCompile(`(?:review|inspection) of the effectiveness of the local safeguarding children board`)

var tlacTableRE = regexp.MustCompile(`^record of main findings`)

func (p *parser) tlac(r *Report) {
	ls := p.ls
	for i := range ls {
		if !tlacTableRE.MatchString(ls[i].low) || isContents(&ls[i]) {
			continue
		}
		if x, ok := gradeColumn(ls, i, 12); ok {
			r.Judgements, _ = readTable(ls, i+1, x, tlacRows, 20)
		}
		break
	}
	r.Recommendations = findRecommendations(ls, 0)
	if !r.Recommendations.Found {
		r.Problems = append(r.Problems, "no areas for improvement found")
	}
}

func (p *parser) lscb(r *Report) {
	if j, _, ok := sentenceGrade(p.ls, 0, len(p.ls), lscbRE, "lscb", "", "Local Safeguarding Children Board", true); ok {
		r.Judgements = append(r.Judgements, j)
	}
	// The board's recommendations are not the council's: not read.
}

// header reads the dates and the lead inspector, and settles the
// publication date: printed, else the file name's, else the last day on
// site.
func (p *parser) header(r *Report) {
	if periods, q, page := inspectionDates(p.ls); len(periods) > 0 {
		r.InspectionStart, r.InspectionEnd = periods[0][0], periods[0][1]
		for _, pd := range periods {
			r.InspectionStart = min(r.InspectionStart, pd[0])
			r.InspectionEnd = max(r.InspectionEnd, pd[1])
			r.OnSiteDays += int(pd[1]-pd[0]) + 1
		}
		r.InspectionQuote, r.InspectionPage = q, page
	} else {
		r.Problems = append(r.Problems, "no inspection dates found")
	}
	if d, q, page := published(p.ls); d != 0 {
		r.Published, r.PublishedRule, r.PublishedQuote, r.PublishedPage = d, PublishedPrinted, q, page
	} else if d, ok := fileDate(filepath.Base(r.File)); ok {
		r.Published, r.PublishedRule = d, PublishedFile
	} else if r.InspectionEnd != 0 {
		r.Published, r.PublishedRule = r.InspectionEnd, PublishedEnd
	} else {
		r.PublishedRule = PublishedNone
		r.Problems = append(r.Problems, "no publication date: none printed, none in the file name, no inspection dates")
	}
	if names, _, page := leadInspectors(p.ls); len(names) > 0 {
		r.LeadInspectors, r.LeadPage = names, page
	}
}

// council finds the council in the title (the first page's lines before
// the inspection dates), else anywhere on the first page including its
// running header and footer, else the council the pages read name most
// (Ofsted titled Newcastle upon Tyne's 2022 report "Inspection of
// Newcastle"), and resolves it for the inspection's date.
func (p *parser) council(r *Report, first *pdftext.Page, ref *reference.List) {
	var title []string
	for i := 0; i < len(p.ls) && p.ls[i].page == 1; i++ {
		if inspectionDatesRE.MatchString(p.ls[i].low) {
			break
		}
		// "... Safeguarding Children Board1": a footnote mark on a word.
		title = append(title, footnoteMarkRE.ReplaceAllString(p.ls[i].text, "$1"))
	}
	r.Title = strings.Join(strings.Fields(strings.Join(title, " ")), " ")
	day := r.InspectionEnd
	if day == 0 {
		day = r.Published
	}
	for _, text := range []string{r.Title, first.Text()} {
		ms := ref.Mentions(text)
		if len(ms) == 0 {
			continue
		}
		// Every mention must be the same council.
		var c *reference.Council
		for _, m := range ms {
			got, err := resolve(ref, m, day)
			if err != nil {
				r.CouncilName, r.CouncilProblem = m.Text, err.Error()
				return
			}
			if c != nil && got != c {
				r.CouncilName = ms[0].Text
				r.CouncilProblem = fmt.Sprintf("the first page names two councils, %s and %s, and cannot be told apart", c.Name, got.Name)
				return
			}
			c = got
		}
		r.CouncilName, r.Council = ms[0].Text, c
		return
	}
	if c, name := shortTitleName(r.Title, ref, day); c != nil {
		r.Council, r.CouncilName = c, name
		return
	}
	counts := map[*reference.Council]int{}
	names := map[*reference.Council]string{}
	for _, l := range p.ls {
		for _, m := range ref.Mentions(l.text) {
			if c, err := resolve(ref, m, day); err == nil {
				counts[c]++
				names[c] = m.Text
			}
		}
	}
	var best *reference.Council
	tie := false
	for c, n := range counts {
		switch {
		case best == nil || n > counts[best]:
			best, tie = c, false
		case n == counts[best]:
			tie = true
		}
	}
	switch {
	case best == nil:
		r.CouncilProblem = "no council named on the first page or in the text read"
	case tie:
		r.CouncilProblem = "the title names no council and the text names several equally often"
	default:
		r.Council, r.CouncilName = best, names[best]
	}
}

var footnoteMarkRE = regexp.MustCompile(`(\p{Ll})\d$`)

var titleNameRE = regexp.MustCompile(`(?i)^inspection of (.+?) (?:local authority )?children[’']s (?:social care )?services`)

// shortTitleName reads the council from a title that shortens its name
// ("Inspection of Newcastle local authority children's services"): the
// one council whose name starts with the title's words.
func shortTitleName(title string, ref *reference.List, day dates.Day) (*reference.Council, string) {
	m := titleNameRE.FindStringSubmatch(title)
	if m == nil {
		return nil, ""
	}
	prefix := reference.Fold(m[1]) + " "
	var found *reference.Council
	for _, c := range ref.Councils {
		if !strings.HasPrefix(reference.Fold(c.Name)+" ", prefix) || (day != 0 && !c.ExistsOn(day)) {
			continue
		}
		if found != nil {
			return nil, ""
		}
		found = c
	}
	return found, m[1]
}

func resolve(ref *reference.List, m reference.Mention, day dates.Day) (*reference.Council, error) {
	if day == 0 {
		if len(m.Councils) == 1 {
			return m.Councils[0], nil
		}
		return nil, fmt.Errorf("council %q is ambiguous and the report has no date", m.Text)
	}
	return ref.Resolve(m.Text, day, day)
}
