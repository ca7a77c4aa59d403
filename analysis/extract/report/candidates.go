package report

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/extract/themes"
	"github.com/oversight/oversight/analysis/inspections"
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
	// A point's words are the report's; its label is the vocabulary's
	// reading of them (or the list's own name).
	ConfidenceTheme = 0.85
)

// Source is how findings name the report: its title and file.
func (r *Report) Source() string {
	base := filepath.Base(r.File)
	if r.Title == "" {
		return "Ofsted report " + base
	}
	return fmt.Sprintf("Ofsted report: %s (%s)", r.Title, base)
}

// Date is the date the report's findings take (spec v3): the inspection's
// first day; without inspection dates, the publication day stands in.
func (r *Report) Date() string {
	if r.InspectionStart != 0 {
		return r.InspectionStart.String()
	}
	switch r.PublishedRule {
	case PublishedPrinted, PublishedFile:
		return r.Published.String()
	}
	return ""
}

// PublishedDay is the day the report became public (spec v3 published):
// the day it prints, else the one in its file name; blank when neither
// says (the last day on site is not a publication day).
func (r *Report) PublishedDay() string {
	switch r.PublishedRule {
	case PublishedPrinted, PublishedFile:
		return r.Published.String()
	}
	return ""
}

// LabelMax is the contract's limit on a theme label's length.
const LabelMax = 120

// pointLabel is a point's theme label: its own words, up to LabelMax
// characters cut at a word. The contract counts two themes of one council,
// date and polarity with the same label once, so a report's points could
// not share the vocabulary's topic labels ("management oversight" for two
// different recommendations) and all be kept; their own words keep each,
// and no label is invented. The topic goes in the note.
func pointLabel(text string, used map[string]bool) string {
	s := strings.TrimRight(strings.Join(strings.Fields(text), " "), " .;:")
	r := []rune(s)
	if len(r) > LabelMax {
		cut := string(r[:LabelMax])
		if i := strings.LastIndexByte(cut, ' '); i > LabelMax/2 {
			cut = cut[:i]
		}
		s = strings.TrimRight(cut, " ,;:")
		// Two points starting with the same 120 characters: the second
		// is told by its end.
		if used[strings.ToLower(s)] {
			s = string(r[len(r)-LabelMax:])
			if i := strings.IndexByte(s, ' '); i >= 0 && i < LabelMax/2 {
				s = s[i+1:]
			}
		}
	}
	used[strings.ToLower(s)] = true
	return s
}

// Confidence of a summary sentence's tone (docs/extraction.md,
// "Summaries"): the words are the report's; whether they state a strength
// or a shortfall is the rule's reading, one-sided by design.
const ConfidenceSummary = 0.7

// Candidates are the report's findings: a grade for every judgement the
// contract has an area for, the number of recommendations, and a theme for
// every point the report makes (each recommendation and each item of its
// lists of strengths and shortfalls; each sentence of its summary that
// states a strength or a shortfall), each with its page and words.
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
	base := evidence.Candidate{Council: council, Date: date, Published: r.PublishedDay(), Source: r.Source(), SourceType: "ofsted", Review: review}
	if base.Published == base.Date {
		base.Published = ""
	}
	var out []evidence.Candidate
	used := map[string]bool{} // the report's theme labels
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
		c.Note = inspections.ReportNote(r.Framework, fmt.Sprintf("%s judged %s", strings.ToLower(j.Label), strings.ToLower(j.Written)))
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
			c.Note = inspections.ReportNote(r.Framework, "the section lists no points, only sentences")
		} else {
			c.Quote = quote(rec.Heading + " " + rec.Items[0].Text)
			c.Note = inspections.ReportNote(r.Framework, fmt.Sprintf("%d points under %q", len(rec.Items), rec.Heading))
		}
		out = append(out, c)
		out = append(out, r.points(base, rec, inspections.Recommendation, "weakness", used)...)
	}
	if r.Framework != LSCBReview {
		out = append(out, r.points(base, r.Strengths, inspections.Strength, "strength", used)...)
		out = append(out, r.points(base, r.Shortfalls, inspections.Improvement, "weakness", used)...)
		out = append(out, r.summaryPoints(base, used)...)
	}
	return out
}

// points are a list's items as themes, each labelled by its own words
// (pointLabel); the note says which list and which item, for
// analysis/inspections to read back, and the vocabulary's topic.
func (r *Report) points(base evidence.Candidate, l Recommendations, k inspections.Kind, polarity string, used map[string]bool) []evidence.Candidate {
	if !l.Found {
		return nil
	}
	var out []evidence.Candidate
	for i, it := range l.Items {
		out = append(out, r.point(base, it.Text, it.Page, k, polarity, l.Heading, i+1, len(l.Items), ConfidenceTheme, used))
	}
	return out
}

// point is one point as a theme.
func (r *Report) point(base evidence.Candidate, text string, page int, k inspections.Kind, polarity, heading string, i, n int, conf float64, used map[string]bool) evidence.Candidate {
	c := base
	c.Measure, c.Polarity = "theme", polarity
	c.Page, c.Quote = page, quote(text)
	c.Value, c.Confidence = pointLabel(text, used), conf
	topic := ""
	if m, ok := themes.Best(text, polarity == "weakness"); ok {
		topic, c.Scope = m.Label, m.Scope
	}
	c.Note = inspections.PointNote(r.Framework, k, heading, i, n, c.Quote != strings.Join(strings.Fields(text), " "), topic)
	return c
}

// summaryPoints are the summary's sentences that state a strength or a
// shortfall, as themes; the others are left out (docs/extraction.md).
func (r *Report) summaryPoints(base evidence.Candidate, used map[string]bool) []evidence.Candidate {
	var out []evidence.Candidate
	for i, s := range r.Summary {
		switch s.Tone {
		case States:
			out = append(out, r.point(base, s.Text, s.Page, inspections.Strength, "strength", "", i+1, len(r.Summary), ConfidenceSummary, used))
		case Falls:
			out = append(out, r.point(base, s.Text, s.Page, inspections.Improvement, "weakness", "", i+1, len(r.Summary), ConfidenceSummary, used))
		}
	}
	return out
}
