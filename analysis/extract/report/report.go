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
