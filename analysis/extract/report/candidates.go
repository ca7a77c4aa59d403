package report

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/extract/themes"
)

// Confidence of each kind of candidate: what a person checking the report
// found (docs/extraction.md). A grade read from a judgement table or a
// judgement sentence matched truth.csv on every report of the corpus; the
// count of recommendations on all but one, where the corpus's answer key is
// wrong; a theme label is chosen by keywords, so it is a good guess, not a
// reading.
const (
	ConfidenceGrade           = 0.97
	ConfidenceSentenceGrade   = 0.95
	ConfidenceRecommendations = 0.92
	// No list, only sentences: "0 recommendations" is right for the
	// corpus's one such report but deserves a look.
	ConfidenceNoList = 0.7
	ConfidenceTheme  = 0.85
)

// Source is how findings name the report: its title and file.
func (r *Report) Source() string {
	base := filepath.Base(r.File)
	if r.Title == "" {
		return "Ofsted report " + base
	}
	return fmt.Sprintf("Ofsted report: %s (%s)", r.Title, base)
}

// Date is the date the report's findings take: its publication date, or,
// when only the inspection dates are known, the month it ended (the
// contract's rule for a grade without a publication date).
func (r *Report) Date() string {
	switch r.PublishedRule {
	case PublishedPrinted, PublishedFile:
		return r.Published.String()
	case PublishedEnd:
		return dates.Date{Day: r.InspectionEnd, Prec: dates.PrecMonth}.String()
	}
	return ""
}

// Candidates are the report's findings: a grade for every judgement the
// contract has an area for, the number of recommendations, and a theme
// (weakness) for every recommendation, each with its page and words.
// Without a council or a date every candidate goes to review.
func (r *Report) Candidates() []evidence.Candidate {
	var review string
	council := ""
	switch {
	case r.Council == nil:
		review = "no council: " + r.CouncilProblem
	default:
		council = r.Council.Name
	}
	date := r.Date()
	if date == "" && review == "" {
		review = "no date: the report prints no publication or inspection date and its file name has none"
	}
	base := evidence.Candidate{Council: council, Date: date, Source: r.Source(), SourceType: "ofsted", Review: review}
	var out []evidence.Candidate
	for _, j := range r.Judgements {
		if j.Area == "" || j.NotJudged {
			continue
		}
		c := base
		c.Measure, c.Value, c.Area = "grade", j.Grade.String(), j.Area
		c.Page, c.Quote = j.Page, j.Quote
		c.Confidence = ConfidenceGrade
		if j.Label == "Overall judgement" {
			c.Confidence = ConfidenceSentenceGrade
		}
		c.Note = fmt.Sprintf("%s framework: %s judged %s", r.Framework, strings.ToLower(j.Label), strings.ToLower(j.Written))
		out = append(out, c)
	}
	rec := r.Recommendations
	if rec.Found && r.Framework != LSCBReview {
		c := base
		c.Measure, c.Value = "recommendations", strconv.Itoa(len(rec.Items))
		c.Page = rec.Page
		c.Confidence = ConfidenceRecommendations
		if len(rec.Items) == 0 {
			c.Quote = quote(rec.Heading + " " + rec.Prose)
			c.Confidence = ConfidenceNoList
			c.Note = "the section lists no points, only sentences"
		} else {
			c.Quote = quote(rec.Heading + " " + rec.Items[0].Text)
			c.Note = fmt.Sprintf("%d points under %q", len(rec.Items), rec.Heading)
		}
		out = append(out, c)
		for i, it := range rec.Items {
			c := base
			c.Measure, c.Polarity = "theme", "weakness"
			c.Page, c.Quote = it.Page, quote(it.Text)
			c.Note = fmt.Sprintf("recommendation %d of %d", i+1, len(rec.Items))
			if m, ok := themes.Best(it.Text, true); ok {
				c.Value, c.Scope = m.Label, m.Scope
				c.Confidence = ConfidenceTheme
			} else {
				c.Confidence = 0
				if c.Review == "" {
					c.Review = "no label in the theme vocabulary fits this recommendation: choose one and copy the row into a findings file"
				}
			}
			out = append(out, c)
		}
	}
	return out
}
