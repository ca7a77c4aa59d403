package report

import (
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/extract/pdftext"
	"github.com/oversight/oversight/analysis/findings"
)

// Judgement is one judgement as the report states it.
type Judgement struct {
	// Key names the judgement: the contract's areas (overall, leadership,
	// help_and_protection, children_in_care, care_leavers,
	// children_in_care_and_care_leavers, adoption) where there is an honest
	// mapping, else the report's own judgement (lscb, tlac_overall,
	// tlac_leadership, tlac_capacity_to_improve,
	// tlac_outcomes, tlac_quality_of_provision).
	Key string
	// Area is the contract area a grade finding is written for; "" when the
	// judgement is not one of the council's (the LSCB's) or has no area.
	Area    string
	Label   string // the report's name for it
	Grade   findings.GradeValue
	Written string // the grade as written: "Requires improvement to be good", "Adequate"
	// NotJudged is set for a judgement the report marks "Not judged" (an
	// area with no children in it, as in the Isles of Scilly): no grade.
	NotJudged bool
	Page      int
	Quote     string
}

// gradeWords are the words a grade cell is made of.
var gradeWords = map[string]bool{"requires": true, "require": true, "improvement": true, "to": true, "be": true,
	"good": true, "outstanding": true, "inadequate": true, "adequate": true, "not": true, "judged": true,
	// TLAC writes "Inadequate Grade 4".
	"grade": true, "1": true, "2": true, "3": true, "4": true}

// isGradeFragment reports whether s (normalised) is made only of grade
// words and holds at least one of the words that carry the grade: a cell
// or part of a cell wrapped over lines ("requires", "improvement to be good").
func isGradeFragment(s string) bool {
	words := strings.Fields(strings.Trim(s, " .:;"))
	if len(words) == 0 || len(words) > 6 {
		return false
	}
	carries := false
	for _, w := range words {
		if !gradeWords[w] {
			return false
		}
		switch w {
		case "requires", "require", "improvement", "good", "outstanding", "inadequate", "adequate", "judged":
			carries = true
		}
	}
	return carries
}

var gradeNumberRE = regexp.MustCompile(`\s*\(?\bgrade [1-4]\)?$`)

// stripGradeNumber removes TLAC's "Grade 4" after a grade.
func stripGradeNumber(s string) string { return gradeNumberRE.ReplaceAllString(s, "") }

// gradePhrases are every grade as reports write it, normalised.
var gradePhrases = []string{"requires improvement to be good", "require improvement to be good",
	"outstanding", "good", "inadequate", "adequate", "not judged"}

// gradePrefix reports whether s is a grade phrase or the start of one,
// word for word.
func gradePrefix(s string) bool {
	s = stripGradeNumber(strings.Join(strings.Fields(strings.Trim(s, " .:;")), " "))
	for _, p := range gradePhrases {
		if p == s || strings.HasPrefix(p, s+" ") {
			return true
		}
	}
	return false
}

// parseGrade reads a whole grade as written. TLAC's four-point scale wrote
// "adequate" for what later frameworks call requires improvement; Ofsted's
// own statistics record it so, and so does this. "Not judged" is no grade.
func parseGrade(s string) (findings.GradeValue, bool) {
	switch stripGradeNumber(strings.Trim(normalise(s), " .:;")) {
	case "outstanding":
		return findings.Outstanding, true
	case "good":
		return findings.Good, true
	case "requires improvement to be good", "requires improvement", "require improvement to be good",
		"require improvement", "adequate":
		return findings.RequiresImprovement, true
	case "inadequate":
		return findings.Inadequate, true
	}
	return findings.NoGrade, false
}

// gradeRE finds a grade at the start of a piece of text.
const gradeRE = `(outstanding|good|inadequate|adequate|requires? improvement(?: to be good)?)`

type areaPattern struct {
	key, area string
	re        *regexp.Regexp
}

func pattern(key, area, words string) areaPattern {
	return areaPattern{key: key, area: area, re: regexp.MustCompile(`\b` + strings.ReplaceAll(words, " ", `[\s,]+`) + `\b`)}
}

// The judgement tables' row labels, longest first (a label that is the
// start of another is matched after it).
var (
	ilacsRows = []areaPattern{
		// The April 2026 framework dropped "social work".
		pattern("leadership", "leadership", "impact of leaders on (?:social work )?practice with children and families"),
		pattern("help_and_protection", "help_and_protection", "experiences and progress of children who need help and protection"),
		pattern("children_in_care_and_care_leavers", "children_in_care_and_care_leavers", "experiences and progress of children in care and care leavers"),
		pattern("children_in_care", "children_in_care", "experiences and progress of children in care"),
		// "children care leavers" is how some 2025-26 reports print it.
		pattern("care_leavers", "care_leavers", "experiences and progress of (?:children )?care leavers"),
		pattern("overall", "overall", "overall effectiveness"),
	}
	// SIF's areas map to the contract's: help and protection; children
	// looked after and achieving permanence is the judgement on children in
	// care; adoption performance and care leavers are their own areas;
	// leadership, management and governance is leadership.
	sifRows = []areaPattern{
		pattern("help_and_protection", "help_and_protection", "children who need help and protection"),
		pattern("children_in_care", "children_in_care", "children looked after and achieving permanence"),
		pattern("adoption", "adoption", "adoption performance"),
		pattern("care_leavers", "care_leavers", "experiences and progress of care leavers"),
		pattern("leadership", "leadership", "leadership management and governance"),
	}
	// TLAC (2012-13) was a targeted inspection of looked after children's
	// services, not a full inspection of the council: the contract takes
	// grades from full inspections only, and Ofsted's statistics keep
	// TLAC's overall effectiveness in a column of its own
	// (analysis/official skips it too). Its judgements stay in
	// documents.csv, none becomes a grade.
	tlacRows = []areaPattern{
		pattern("tlac_outcomes", "", "outcomes for looked after children and young people"),
		pattern("tlac_overall", "", "overall effectiveness"),
		pattern("tlac_capacity_to_improve", "", "capacity to improve"),
		pattern("tlac_quality_of_provision", "", "quality of provision"),
		pattern("tlac_leadership", "", "leadership and management"),
	}
)

type labelMatch struct {
	pat            areaPattern
	page           int
	top, bot       float64
	firstLine, end int // lines of the label
}

type gradeCell struct {
	text       string
	page       int
	x0         float64
	top, bot   float64
	line, last int // first and last line of the cell
}

// readTable reads a judgement table whose grades stand in a column starting
// near gradeX, from line start on: rows are found by their labels, grades by
// the words in the grade column, and each grade goes to the row beside it.
// Grades wrapped over lines ("Requires improvement to" / "be good") are
// joined first. It stops at the first line that runs across the grade
// column (the text after the table) or after maxLines lines.
func readTable(ls []line, start int, gradeX float64, rows []areaPattern, maxLines int) ([]Judgement, int) {
	t := scanTable(ls, start, gradeX, rows, maxLines)
	return t.judgements(ls, t.labels(ls, rows)), t.end
}

// tableScan is a judgement table as read: the words of its labels run
// together, the grade cells, and the line after the table.
type tableScan struct {
	label string
	owner []int // the line of each byte of label
	cells []gradeCell
	end   int
}

// scanTable reads the table's lines: words in the grade column are grade
// cells (a cell wrapped over lines joined), the rest the labels' words.
func scanTable(ls []line, start int, gradeX float64, rows []areaPattern, maxLines int) tableScan {
	var label strings.Builder
	t := tableScan{end: start}
	skipPage := 0 // a page whose footnotes follow the table's first part
	for i := start; i < len(ls) && i < start+maxLines; i++ {
		l := &ls[i]
		if l.page == skipPage {
			continue
		}
		spans := splitTrailingGrade(l.spans, gradeX, rows)
		crossing := false
		for _, s := range spans {
			if s.X0 < gradeX-8 && s.X1 > gradeX+8 {
				crossing = true
			}
		}
		if crossing && i > start {
			if footnote(l) {
				// A table split by a page break: footnotes end the page,
				// the table goes on at the top of the next.
				skipPage = l.page
				continue
			}
			break
		}
		t.end = i + 1
		for _, s := range spans {
			text := normalise(s.Text)
			if s.X0 >= gradeX-8 && isGradeFragment(text) {
				// Join a wrapped cell: same column, next line down, and
				// together still (the start of) one grade ("Requires
				// improvement" / "to be good"; "requires" / "improvement").
				cells := t.cells
				if n := len(cells); n > 0 && cells[n-1].page == l.page && math.Abs(cells[n-1].x0-s.X0) < 15 &&
					l.top-cells[n-1].bot < 1.2*l.height() && l.top > cells[n-1].top && gradePrefix(cells[n-1].text+" "+text) {
					cells[n-1].text += " " + text
					cells[n-1].bot = l.bot
					cells[n-1].last = i
					continue
				}
				t.cells = append(t.cells, gradeCell{text: text, page: l.page, x0: s.X0, top: l.top, bot: l.bot, line: i, last: i})
				continue
			}
			if label.Len() > 0 {
				label.WriteByte(' ')
				t.owner = append(t.owner, i)
			}
			label.WriteString(text)
			for range len(text) {
				t.owner = append(t.owner, i)
			}
		}
	}
	t.label = label.String()
	return t
}

// labels finds the rows' labels in the labels' words, each where it
// stands, in the table's order; a label is found once, the longest first.
func (t *tableScan) labels(ls []line, rows []areaPattern) []labelMatch {
	var matches []labelMatch
	used := make([]bool, len(t.label))
	for _, p := range rows {
		for _, loc := range p.re.FindAllStringIndex(t.label, -1) {
			if used[loc[0]] || used[loc[1]-1] {
				continue
			}
			for k := loc[0]; k < loc[1]; k++ {
				used[k] = true
			}
			first, last := t.owner[loc[0]], t.owner[loc[1]-1]
			m := labelMatch{pat: p, page: ls[first].page, top: ls[first].top, bot: ls[last].bot, firstLine: first, end: last + 1}
			if ls[last].page != m.page { // a label broken by a page: its first part
				m.bot = ls[first].bot
			}
			matches = append(matches, m)
		}
	}
	sort.Slice(matches, func(i, j int) bool { return matches[i].firstLine < matches[j].firstLine })
	return matches
}

// judgements gives each label the grade cell beside it (the one on its
// page overlapping it most), keeping those that are a grade or "not
// judged".
func (t *tableScan) judgements(ls []line, matches []labelMatch) []Judgement {
	var out []Judgement
	taken := make([]bool, len(t.cells))
	for _, m := range matches {
		best, bestScore := -1, math.Inf(-1)
		for ci, c := range t.cells {
			if taken[ci] || c.page != m.page {
				continue
			}
			overlap := math.Min(c.bot, m.bot) - math.Max(c.top, m.top)
			if overlap < -6 {
				continue
			}
			if overlap > bestScore {
				best, bestScore = ci, overlap
			}
		}
		if best < 0 {
			continue
		}
		taken[best] = true
		c := t.cells[best]
		g, ok := parseGrade(c.text)
		notJudged := strings.Trim(c.text, " .") == "not judged"
		if !ok && !notJudged {
			continue // words that are not a grade
		}
		var q []string
		for k := min(m.firstLine, c.line); k < max(m.end, c.last+1); k++ {
			q = append(q, ls[k].text)
		}
		out = append(out, Judgement{Key: m.pat.key, Area: m.pat.area, Label: labelText(ls, m),
			Grade: g, Written: gradeAsWritten(ls, c), NotJudged: notJudged, Page: m.page, Quote: quote(strings.Join(q, " "))})
	}
	return out
}

// splitTrailingGrade splits a span that runs into the grade column because
// its label and grade were set too close to be two spans ("2.2 Experiences
// and progress of care leavers Requires"): when the span ends a row's label
// and then words that make (the start of) a grade, those words become a
// span of their own at the column.
func splitTrailingGrade(spans []pdftext.Span, gradeX float64, rows []areaPattern) []pdftext.Span {
	for i, s := range spans {
		if !(s.X0 < gradeX-8 && s.X1 > gradeX+8) {
			continue
		}
		words := strings.Fields(s.Text)
		for k := 1; k < len(words); k++ {
			tail := normalise(strings.Join(words[k:], " "))
			head := normalise(strings.Join(words[:k], " "))
			if isGradeFragment(tail) && gradePrefix(tail) && endsWithRow(head, rows) {
				out := append([]pdftext.Span{}, spans[:i]...)
				out = append(out, pdftext.Span{Text: strings.Join(words[:k], " "), X0: s.X0, X1: gradeX - 10},
					pdftext.Span{Text: strings.Join(words[k:], " "), X0: gradeX, X1: s.X1})
				return append(out, spans[i+1:]...)
			}
		}
	}
	return spans
}

func endsWithRow(s string, rows []areaPattern) bool {
	for _, p := range rows {
		for _, loc := range p.re.FindAllStringIndex(s, -1) {
			if strings.TrimRight(s[loc[1]:], " .") == "" {
				return true
			}
		}
	}
	return false
}

var footnoteRE = regexp.MustCompile(`^\d{1,2}\s+\p{Lu}`)

// footnote reports whether a line starts a page's footnotes: a note number
// and a sentence, in the bottom third of the page.
func footnote(l *line) bool {
	return footnoteRE.MatchString(l.text) && l.top > 0.6*l.pageHeight
}

func labelText(ls []line, m labelMatch) string {
	var parts []string
	for k := m.firstLine; k < m.end; k++ {
		for _, s := range ls[k].spans {
			if !isGradeFragment(normalise(s.Text)) {
				parts = append(parts, s.Text)
			}
		}
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// gradeAsWritten is the grade cell in the document's own case.
func gradeAsWritten(ls []line, c gradeCell) string {
	var parts []string
	for k := c.line; k < len(ls) && ls[k].page == c.page && ls[k].top <= c.bot; k++ {
		for _, s := range ls[k].spans {
			if s.X0 >= c.x0-15 && isGradeFragment(normalise(s.Text)) {
				parts = append(parts, s.Text)
			}
		}
	}
	if len(parts) == 0 {
		return c.text
	}
	return strings.Join(parts, " ")
}

var (
	// "The overall judgement is requires improvement", "The overall
	// judgement is that children's services require improvement",
	// "Children's services in Barnet are inadequate".
	sifOverallRE = regexp.MustCompile(`^(?:the overall judgement is(?: that children's services?)?|children's services in .{2,80}?)\s+(?:are\s+|is\s+)?` + gradeRE + `\b`)
	// "The effectiveness of the Local Safeguarding Children Board (LSCB)
	// is requires improvement", "The Local Safeguarding Children Board is
	// inadequate", "The effectiveness of the LSCB requires improvement".
	lscbRE = regexp.MustCompile(`^(?:the effectiveness of )?(?:the )?(?:local safeguarding children board(?: \(lscb\))?|lscb)\s+(?:is\s+)?` + gradeRE + `\b`)
)

// sentenceGrade finds a grade stated in a sentence that starts a line
// (joined with the next line, where sentences wrap), from line from on.
// With statement set the grade must end a line: the judgement stands as a
// line of its own ("The Local Safeguarding Children Board is inadequate"),
// not as the start of a sentence about something else.
func sentenceGrade(ls []line, from, to int, re *regexp.Regexp, key, area, label string, statement bool) (Judgement, int, bool) {
	for i := from; i < len(ls) && i < to; i++ {
		t := ls[i].low
		q := ls[i].text
		firstLen := len(t)
		if i+1 < len(ls) && ls[i+1].page == ls[i].page {
			t += " " + ls[i+1].low
			q += " " + ls[i+1].text
		}
		m := re.FindStringSubmatchIndex(t)
		if m == nil {
			continue
		}
		written := t[m[2]:m[3]]
		if statement {
			rest := strings.Trim(t[m[1]:], " .")
			if m[1] < firstLen && strings.Trim(t[m[1]:firstLen], " .") != "" || m[1] > firstLen && rest != "" {
				continue
			}
		}
		g, ok := parseGrade(written)
		if !ok {
			continue
		}
		return Judgement{Key: key, Area: area, Label: label, Grade: g, Written: written, Page: ls[i].page,
			Quote: quote(cutAfter(q, written))}, i, true
	}
	return Judgement{}, 0, false
}

// cutAfter keeps s up to the end of the first occurrence of the (normalised)
// phrase, or all of s.
func cutAfter(s, phrase string) string {
	low := normalise(s)
	i := strings.Index(low, phrase)
	if i < 0 {
		return s
	}
	// normalise keeps runes one for one except folded spaces, so count words.
	words := strings.Fields(s)
	n := len(strings.Fields(low[:i+len(phrase)]))
	if n > len(words) {
		return s
	}
	return strings.Join(words[:n], " ")
}
