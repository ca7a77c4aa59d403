package text

import (
	"regexp"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
)

// Figures laid out rather than written: a freedom-of-information answer's
// numbered questions and answers ("a. What number and share of staff
// come from agencies?" ... "a. 19 = 13%."), a label and its value on a line of
// their own ("Vacancy rate: 22%"), and a table with a council in each row
// under a header of measures ("Local authority  Average caseload  Last
// Ofsted inspection rating" then "Darlington 12.5 Inadequate"), whether its
// rows kept their lines or were run together.

// column is a measure a label names.
type column struct {
	measure string // a measure, "grade", or "" for a column not read
	average bool   // an average caseload
	fte     bool   // full-time equivalents (social workers)
}

// reColumn names the measures a table's header or a line's label can name,
// in the order tried; nil measure marks a column that is not read.
var reColumns = []struct {
	re  *regexp.Regexp
	col column
}{
	{regexp.MustCompile(`(?i)\bnumber\s+of\s+(?:case\s*holders|caseholders)\b`), column{}},
	{regexp.MustCompile(`(?i)\b(?:average\s+(?:caseload|number\s+of\s+cases)(?:\s+per\s+(?:child\s+and\s+family\s+)?(?:social\s+worker|practitioner|caseholder))?|caseloads?(?:\s+per\s+(?:social\s+worker|practitioner))?)\b`), column{measure: "caseload"}},
	{regexp.MustCompile(`(?i)\b(?:vacancy\s+rate|%\s*(?:of\s+posts\s+)?vacant|vacancies\s*\(%\))`), column{measure: "vacancy_rate"}},
	{regexp.MustCompile(`(?i)\b(?:agency\s+(?:worker\s+|staff\s+|social\s+worker\s+)?rate|%\s*agency|agency\s+(?:staff|workers)\s*\(%\))`), column{measure: "agency_rate"}},
	{regexp.MustCompile(`(?i)\bturnover(?:\s+rate)?\b`), column{measure: "turnover_rate"}},
	{regexp.MustCompile(`(?i)\b(?:(?:number\s+of\s+)?(?:fte|full[- ]time[- ]equivalent)\s+(?:children['’]?s\s+)?social\s+workers|(?:number\s+of\s+)?social\s+workers\s*\((?:fte|full[- ]time\s+equivalents?)\))`), column{measure: "social_workers", fte: true}},
	{regexp.MustCompile(`(?i)\b(?:(?:last|latest|current)\s+)?ofsted\s+(?:inspection\s+)?(?:rating|grade|judge?ment)\b`), column{measure: "grade"}},
}

// reCell is one value of a table's row: a number (with its per cent sign)
// or a grade.
var reCell = regexp.MustCompile(`(?i)\b(\d{1,5}(?:\.\d+)?)\s*(%)?|\b(outstanding|good|inadequate|requires\s+improvement(?:\s+to\s+be\s+good)?)\b`)

type headerCol struct {
	col        column
	start, end int
}

// headerColumns lists the measures a header names, in reading order;
// nil unless it names at least two columns, one a measure.
func headerColumns(t string) []headerCol {
	var out []headerCol
	for _, c := range reColumns {
		for _, loc := range c.re.FindAllStringIndex(t, -1) {
			overlap := false
			for _, h := range out {
				if loc[0] < h.end && loc[1] > h.start {
					overlap = true
				}
			}
			if !overlap {
				col := c.col
				if col.measure == "caseload" && strings.Contains(strings.ToLower(t[loc[0]:loc[1]]), "average") {
					col.average = true
				}
				out = append(out, headerCol{col, loc[0], loc[1]})
			}
		}
	}
	if len(out) < 2 {
		return nil
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// tableRows reads a table with a council in each row from one sentence (a
// table run into a paragraph) or from a header sentence and the sentences
// after it: each council named after the header takes, in order, the
// values up to the next council, one per column the header names; rows
// with another number of values are left alone.
func (d *document) tableRows() []evidence.Candidate {
	var out []evidence.Candidate
	for i := range d.sents {
		s := &d.sents[i]
		cols := headerColumns(s.Text)
		if cols == nil {
			continue
		}
		hdrEnd := cols[len(cols)-1].end
		// The rows: this sentence's text after the header, and the
		// sentences that follow while they open with a council.
		type row struct {
			s          *sent
			start, end int // the row's text in s
			council    string
		}
		var rows []row
		addRows := func(s *sent, from int) {
			var ms []mention
			for _, m := range s.Mentions {
				if m.Start >= from {
					ms = append(ms, m)
				}
			}
			for k := 0; k < len(ms); k++ {
				m := ms[k]
				start := m.End
				// "Kingston upon Thames/Richmond upon Thames": a joint
				// return, one row, under the first council's name.
				for k+1 < len(ms) && strings.TrimSpace(s.Text[start:ms[k+1].Start]) == "/" {
					k++
					start = ms[k].End
				}
				end := len(s.Text)
				if k+1 < len(ms) {
					end = ms[k+1].Start
				}
				rows = append(rows, row{s, start, end, m.Council})
			}
		}
		addRows(s, hdrEnd)
		for j := i + 1; j < len(d.sents) && j <= i+40; j++ {
			n := &d.sents[j]
			if len(n.Mentions) == 0 || n.Mentions[0].Start > 3 {
				break
			}
			addRows(n, 0)
		}
		for _, r := range rows {
			cells := reCell.FindAllStringSubmatchIndex(r.s.Text[r.start:r.end], -1)
			vals := cols
			if len(cells) != len(vals) {
				continue
			}
			for k, cell := range cells {
				col := vals[k].col
				if col.measure == "" {
					continue
				}
				a, b := r.start+cell[0], r.start+cell[1]
				text := r.s.Text[a:b]
				var c evidence.Candidate
				switch {
				case col.measure == "grade":
					if cell[6] < 0 {
						continue
					}
					c = d.newCand(r.s, "grade", canonGrade(text), a, b)
					c.Area = "overall"
					c.Council, c.Confidence = r.council, 0.85
					c.Review = "a table's grade column, undated: which inspection gave it?"
					c.Note = "grade in a table's column of the last Ofsted rating; the table does not date it"
					out = append(out, c)
					continue
				case cell[2] < 0:
					continue
				}
				n, ok := number(r.s.Text[r.start+cell[2] : r.start+cell[3]])
				if !ok || !inRange(col.measure, n) || rate(col.measure) != (cell[4] >= 0) && rate(col.measure) {
					continue
				}
				v := formatNum(n)
				if rate(col.measure) {
					v += "%"
				}
				c = d.newCand(r.s, col.measure, v, a, b)
				c.Council, c.Confidence = r.council, 0.8
				c.Qualifier = "exact"
				if col.average {
					c.Qualifier = "average"
				}
				date, how, ok := d.tableDate(s)
				if !ok {
					c.Review = "the table gives no date for its figures"
					c.Note = strings.ReplaceAll(col.measure, "_", " ") + " in a table's column; undated"
				} else {
					c.Date = date.String()
					c.Note = strings.ReplaceAll(col.measure, "_", " ") + " in a table's column, dated by " + how
					c.Hold(d.figureDoubt(s, d.tableBasis(s)))
				}
				out = append(out, c)
			}
		}
	}
	return out
}

// tableBasis is how tableDate dates a table whose header is s.
func (d *document) tableBasis(header *sent) dateBasis {
	for _, w := range header.Whens {
		if w.OK && !w.Future {
			return dbOwn
		}
	}
	if !d.census.IsZero() {
		return dbCensus
	}
	return dbDocument
}

// tableDate dates a table's figures: a date in its header sentence, the
// article's statistics reference day, else the document's own date.
func (d *document) tableDate(header *sent) (dates.Date, string, bool) {
	for _, w := range header.Whens {
		if w.OK && !w.Future {
			return w.Date, "the date in its header (\"" + w.Text + "\")", true
		}
	}
	if !d.census.IsZero() {
		return d.census, "the reference day the article gives its statistics", true
	}
	if !d.date.IsZero() {
		return d.date, "the document's own date", true
	}
	return dates.Date{}, "", false
}

// reLabelValue is a line that is a label and a value: "Vacancy rate: 22%",
// "Average caseload – 17", "Number of social workers (FTE) 212.5".
var reLabelValue = regexp.MustCompile(`^(?:[-•*·]\s*)?([A-Za-z][A-Za-z %()'’/-]{2,70}?)\s*[:–—=-]?\s*(?:(over|under|about|around|approximately|nearly|almost)\s+)?(\d{1,5}(?:\.\d+)?)\s*(%)?\.?$`)

// labelLines reads a document's lines that are a measure's label and its
// value, for the document's subject council.
func (d *document) labelLines() []evidence.Candidate {
	var out []evidence.Candidate
	if len(d.councils) == 0 || len(d.sents) == 0 {
		return nil
	}
	for _, l := range d.lines {
		m := reLabelValue.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		var col column
		found := 0
		for _, c := range reColumns {
			if loc := c.re.FindStringIndex(m[1]); loc != nil {
				col = c.col
				if col.measure == "caseload" && strings.Contains(strings.ToLower(m[1]), "average") {
					col.average = true
				}
				found++
			}
		}
		if found != 1 || col.measure == "" || col.measure == "grade" || rate(col.measure) != (m[4] != "") && rate(col.measure) {
			continue
		}
		// "The average vacancy rate across all councils: 11%" is not
		// the council's.
		if reNational.MatchString(m[1]) || reGeneralLabel.MatchString(m[1]) {
			continue
		}
		n, ok := number(m[3])
		if !ok || !inRange(col.measure, n) {
			continue
		}
		s := d.sentenceWith(l)
		if s == nil {
			continue
		}
		v := formatNum(n)
		if rate(col.measure) {
			v += "%"
		}
		c := d.newCand(s, col.measure, v, 0, len(s.Text))
		c.Council, c.Confidence = d.councils[0], 0.8
		c.Qualifier = qualifier(m[2])
		if col.average && c.Qualifier == "exact" {
			c.Qualifier = "average"
		}
		c.Scope = d.docScope
		switch {
		case !d.census.IsZero():
			c.Date = d.census.String()
			c.Note = strings.ReplaceAll(col.measure, "_", " ") + " on a line of its own, dated by the reference day the document gives its figures"
			c.Hold(d.councilDoubt(c.Council, cbSubject, s))
		case !d.date.IsZero():
			c.Date = d.date.String()
			c.Note = strings.ReplaceAll(col.measure, "_", " ") + " on a line of its own, dated by the document's own date"
			doubt := d.councilDoubt(c.Council, cbSubject, s)
			if doubt == "" {
				doubt = d.figureDoubt(s, dbDocument)
			}
			c.Hold(doubt)
		default:
			c.Review = "the text gives no date for this figure"
			c.Note = strings.ReplaceAll(col.measure, "_", " ") + " on a line of its own; undated"
		}
		out = append(out, c)
	}
	return out
}

var reGeneralLabel = regexp.MustCompile(`(?i)\b(?:across|all|councils|authorities|average\s+\w+\s+rates)\b`)

// reCouncilValue is a list item that is a council and its figure:
// "Waltham Forest 45%", "Sutton: 37%".
var reCouncilValue = regexp.MustCompile(`^\s*[:–—-]?\s*(?:(over|under|about|around|nearly|almost)\s+)?(\d{1,3}(?:\.\d+)?)\s*(%|per\s*cent)?\.?\s*$`)

// councilLines reads lists of councils and their figures under a line
// naming the measure ("The councils with the highest vacancy rates:" then
// "Waltham Forest 45%", "Sutton 37%").
func (d *document) councilLines() []evidence.Candidate {
	var out []evidence.Candidate
	measure := ""
	for i := range d.sents {
		s := &d.sents[i]
		if len(s.Mentions) == 1 && s.Mentions[0].Start <= 2 {
			if m := reCouncilValue.FindStringSubmatchIndex(s.Text[s.Mentions[0].End:]); m != nil && measure != "" {
				off := s.Mentions[0].End
				pct := m[6] >= 0
				if rate(measure) != pct {
					continue
				}
				n, ok := number(s.Text[off+m[4] : off+m[5]])
				if !ok || !inRange(measure, n) {
					continue
				}
				v := formatNum(n)
				if pct {
					v += "%"
				}
				c := d.newCand(s, measure, v, 0, len(s.Text))
				c.Council, c.Confidence = s.Mentions[0].Council, 0.8
				q := ""
				if m[2] >= 0 {
					q = s.Text[off+m[2] : off+m[3]]
				}
				c.Qualifier = qualifier(q)
				date, how, ok := d.tableDate(s)
				if !ok {
					c.Review = "the list gives no date for its figures"
					c.Note = strings.ReplaceAll(measure, "_", " ") + " in a list of councils; undated"
				} else {
					c.Date = date.String()
					c.Note = strings.ReplaceAll(measure, "_", " ") + " in a list of councils under a line naming the measure, dated by " + how
					c.Hold(d.figureDoubt(s, d.tableBasis(s)))
				}
				out = append(out, c)
				continue
			}
		}
		// A line introducing the list: it names one measure and ends with
		// a colon or is a heading; any other sentence ends the list.
		if mm := sentenceMeasure(s.Text); mm != "" && (strings.HasSuffix(strings.TrimSpace(s.Text), ":") || s.P.Heading) {
			measure = mm
			continue
		}
		if len(s.Mentions) != 1 || s.Mentions[0].Start > 2 {
			measure = ""
		}
	}
	return out
}

// sentenceWith is the sentence holding a line's words (for its quote and
// paragraph).
func (d *document) sentenceWith(line string) *sent {
	line = foldSpace(line)
	for i := range d.sents {
		if strings.Contains(d.sents[i].Text, line) {
			return &d.sents[i]
		}
	}
	for i := range d.sents {
		if strings.Contains(line, d.sents[i].Text) && len(d.sents[i].Text) > 3 {
			return &d.sents[i]
		}
	}
	return nil
}

// An FOI answer's numbered questions and answers.
var (
	reQuestionLine = regexp.MustCompile(`^\s*(?:Q(?:uestion)?\s*)?(\d{1,2}|[a-h])[.)]\s+(.{5,400}\?)\s*$`)
	reAnswerLine   = regexp.MustCompile(`^\s*(?:A(?:nswer)?\s*)?(\d{1,2}|[a-h])[.)]\s+([^?]{1,200})$`)
	reAnswerRef    = regexp.MustCompile(`(?i)\b(?:answer\s+to\s+)?(?:Q|question\s+)(\d{1,2})\b`)
	reFTEFigure    = regexp.MustCompile(`(?i)\b(?:figure|number|total)\s+(?:of\s+)?(\d{1,5}(?:\.\d+)?)\s+(?:is|are|was|were)\s+(?:the\s+)?(?:full[- ]time[- ]equivalents?|FTE)\b`)
	reQAgency      = regexp.MustCompile(`(?i)\bagency\b`)
	reQPercent     = regexp.MustCompile(`(?i)percent|per\s*cent|%|proportion|rate`)
	reQVacancy     = regexp.MustCompile(`(?i)\bvacan`)
	reQTurnover    = regexp.MustCompile(`(?i)\bturnover\b`)
	reQCaseload    = regexp.MustCompile(`(?i)\bcase\s*loads?\b|\bnumber\s+of\s+cases\b.*\bper\b|\baverage\s+number\s+of\s+cases\b`)
	reQSocialWorkr = regexp.MustCompile(`(?i)\bhow\s+many\b.*\bsocial\s+workers\b`)
	reQFTE         = regexp.MustCompile(`(?i)full[- ]time[- ]equivalent|\bFTE\b`)
	reLastPercent  = regexp.MustCompile(`(\d{1,3}(?:\.\d+)?)\s*` + pctWord)
	reLastNumber   = regexp.MustCompile(`\b(\d{1,5}(?:\.\d+)?)\b`)
)

type question struct {
	label, text, parent string
}

// questionMeasure is the measure a question asks for.
func questionMeasure(q string) (column, bool) {
	switch {
	case reQAgency.MatchString(q) && reQPercent.MatchString(q):
		return column{measure: "agency_rate"}, true
	case reQVacancy.MatchString(q) && reQPercent.MatchString(q):
		return column{measure: "vacancy_rate"}, true
	case reQTurnover.MatchString(q):
		return column{measure: "turnover_rate"}, true
	case reQCaseload.MatchString(q):
		return column{measure: "caseload", average: strings.Contains(strings.ToLower(q), "average")}, true
	case reQSocialWorkr.MatchString(q):
		return column{measure: "social_workers", fte: reQFTE.MatchString(q)}, true
	}
	return column{}, false
}

// foiAnswers reads an FOI answer's numbered answers against its numbered
// questions ("a. What number and share of staff come from agencies?" ...
// "a. 19 = 13%."), and an answer that points back to a question ("Q1's
// answer stands; the 186.5 there counts full-time equivalents").
func (d *document) foiAnswers() []evidence.Candidate {
	if len(d.councils) == 0 {
		return nil
	}
	questions := map[string]question{}
	parent := ""
	var out []evidence.Candidate
	emit := func(line string, q question, col column, value string, fte bool) {
		if col.measure == "social_workers" && !col.fte && !fte {
			return // a headcount: the contract's social workers are full-time equivalents
		}
		s := d.sentenceWith(line)
		if s == nil {
			return
		}
		n, ok := number(value)
		if !ok || !inRange(col.measure, n) {
			return
		}
		v := formatNum(n)
		if rate(col.measure) {
			v += "%"
		}
		c := d.newCand(s, col.measure, v, 0, len(s.Text))
		c.Council, c.Confidence = d.councils[0], 0.8
		c.Qualifier = "exact"
		if col.average {
			c.Qualifier = "average"
		}
		context := q.text
		if p, ok := questions[q.parent]; ok {
			context = p.text + " " + context
		}
		for _, h := range findPhrases(context, scopes, nil) {
			c.Scope = h.name
			break
		}
		if c.Scope == "" {
			c.Scope = d.docScope
		}
		date, how := dates.Date{}, ""
		for _, text := range []string{line, q.text, questions[q.parent].text} {
			for _, w := range findWhens(text, d.date) {
				if w.OK && !w.Future && w.Date.Prec == dates.PrecDay {
					date, how = w.Date, "the date the question or answer gives (\""+w.Text+"\")"
					break
				}
			}
			if how != "" {
				break
			}
		}
		if how == "" && !d.date.IsZero() {
			date, how = d.date, "the answer's date"
		}
		if how == "" {
			c.Review = "the answer gives no date for this figure"
			c.Note = strings.ReplaceAll(col.measure, "_", " ") + " answering a numbered question; undated"
		} else {
			c.Date = date.String()
			c.Note = strings.ReplaceAll(col.measure, "_", " ") + " answering the FOI request's question " + q.label + ", dated by " + how
			c.Hold(d.councilDoubt(c.Council, cbSubject, s))
		}
		out = append(out, c)
	}
	for _, l := range d.lines {
		if m := reQuestionLine.FindStringSubmatch(l); m != nil {
			q := question{label: m[1], text: m[2]}
			if len(m[1]) == 1 && m[1][0] >= 'a' {
				q.parent = parent
			} else {
				parent = m[1]
			}
			key := q.parent + "." + q.label
			if _, seen := questions[key]; !seen {
				questions[key] = q
				if q.parent == "" {
					questions[q.label] = q
				}
			}
			continue
		}
		if m := reAnswerLine.FindStringSubmatch(l); m != nil {
			label := m[1]
			key := label
			if len(label) == 1 && label[0] >= 'a' {
				key = parent + "." + label
			} else {
				parent = label
				key = "." + label
			}
			q, ok := questions[key]
			if !ok {
				continue
			}
			col, ok := questionMeasure(q.text)
			if !ok {
				continue
			}
			ans := m[2]
			val := ""
			if rate(col.measure) {
				if pm := reLastPercent.FindAllStringSubmatch(ans, -1); len(pm) == 1 {
					val = pm[0][1]
				}
			} else if nm := reLastNumber.FindAllStringSubmatch(ans, -1); len(nm) == 1 {
				val = nm[0][1]
			}
			if val != "" {
				emit(l, q, col, val, false)
			}
			continue
		}
		if m := reFTEFigure.FindStringSubmatch(l); m != nil {
			if ref := reAnswerRef.FindStringSubmatch(l); ref != nil {
				if q, ok := questions[ref[1]]; ok {
					if col, ok := questionMeasure(q.text); ok && col.measure == "social_workers" {
						emit(l, q, col, m[1], true)
					}
				}
			}
		}
	}
	return out
}
