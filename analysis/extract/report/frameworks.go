package report

import (
	"regexp"
	"strings"
)

// How each framework's report is read: the pages to read, its judgements (a
// table, or sentences), its recommendations and lists, and which ILACS
// inspection it was.

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

// ilacsFramework tells which ILACS inspection the report is of: the April
// 2026 framework by its start, else standard or short by its days on site.
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

// sif reads an SIF report: its overall judgement (a sentence), the table
// of the other judgements, the LSCB's in a combined report, and its
// recommendations, strengths, shortfalls and summary.
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

// tlac reads a TLAC report: its record of main findings and its areas
// for improvement.
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

// lscb reads a review of an LSCB: the board's judgement alone.
func (p *parser) lscb(r *Report) {
	if j, _, ok := sentenceGrade(p.ls, 0, len(p.ls), lscbRE, "lscb", "", "Local Safeguarding Children Board", true); ok {
		r.Judgements = append(r.Judgements, j)
	}
	// The board's recommendations are not the council's: not read.
}
