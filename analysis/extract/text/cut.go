package text

import (
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/reference"
)

// A measured cut (issue 20, docs/extraction.md "A measured cut"): general
// features of a candidate finding — what it measures, how its date was
// found, what its sentence holds besides it — weighed by a logistic model
// fitted on the development data (analysis/extract/eval, cmd/cutfit). The
// features read only the candidate and its document's text, so the same
// function serves the reader and the fitting of any extractor's output.

// CutFeatureNames name the features, in CutFeatures' order. The first is
// the intercept.
var CutFeatureNames = []string{
	"intercept",
	"visit",                   // the measure is a visit
	"figure",                  // the measure is a workforce figure or a count
	"named area",              // a grade of a named area, not the overall one
	"earlier grade",           // the rule calls it an earlier inspection's grade
	"every area",              // one grade given for every area
	"dated in its sentence",   // the date is given with the judgement or figure
	"dated by the inspection", // the date is the inspection the article dates
	"dated by publication",    // the report's publication dates it
	"dated by the page",       // the document's own date dates it
	"rule confidence",         // (confidence - 0.8) * 10
	"council not in quote",    // the quote does not name the finding's council
	"quote names councils",    // the quote names two or more councils
	"quote gives grades",      // the quote gives two or more grade words
	"another body",            // the quote names a school, home, board, centre, provider ...
	"grade word quoted",       // the grade stands in quotation marks
	"quote gives years",       // the quote gives two or more years
	"past wording",            // "previous", "was rated", "had been", "last inspection" ...
	"council paper or page",   // a council's own page or paper
	"document names councils", // the document names three or more councils
	"document gives years",    // the document gives four or more years
	"long quote",              // the quote runs past 250 characters
	// Added after reading the first-sight errors of slices 1-6 (so their
	// out-of-fold score is a seen one: docs/extraction.md).
	"grade change wording",   // "from X to Y", "upgraded", "up from", "since ... found"
	"inspection dated apart", // the rule notes an inspection date it did not use
	"dated by a bare year",   // the date given with it is a year alone
	"heading",                // the quote is a heading (capitals, or short)
}

// CutDoc is what the features need of a whole document, computed once.
type CutDoc struct {
	councils int // distinct councils named
	years    int // distinct years given
	m        *matcher
}

// NewCutDoc reads a document's text for CutFeatures.
func NewCutDoc(text string, ref *reference.List) *CutDoc {
	if ref == nil {
		ref = reference.Default()
	}
	m := matcherFor(ref)
	return &CutDoc{councils: distinctCouncils(m, text), years: distinctYears(text), m: m}
}

var (
	reCutYear    = regexp.MustCompile(`\b(19[89]\d|20[0-4]\d)\b`)
	reCutGrade   = regexp.MustCompile(`(?i)\b(outstanding|good|requires? improvement|inadequate|adequate)\b`)
	reCutBody    = regexp.MustCompile(`(?i)\b(school|academy|academies|board|centre|center|home|homes|provider|trust|hospital|nursery|college|police|partnership|agency|service for adults|adult social care|fostering service)\b`)
	reCutQuoted  = regexp.MustCompile(`(?i)["'‘’“”]\s*(outstanding|good|requires? improvement|inadequate|adequate)`)
	reCutPast    = regexp.MustCompile(`(?i)\b(previous|previously|last inspect\w*|was rated|were rated|had been|formerly|earlier|since|prior)\b`)
	reCutChange  = regexp.MustCompile(`(?i)\bfrom\b[^.;]{0,80}\bto\b|\b(upgraded|downgraded|fallen|turnaround|turned around|up from|down from|moved up|improved (?:to|from)|has improved|since (?:they|it|the council|services) (?:were|was) (?:found|rated|judged))\b`)
	reCutBareYr  = regexp.MustCompile(`\("(?:in )?(19|20)\d\d"\)`)
	reCutDateSen = regexp.MustCompile(`date given with|date the article gives for|date in its sentence|words given with it|year given with|second year given`)
)

func distinctYears(s string) int {
	seen := map[string]bool{}
	for _, y := range reCutYear.FindAllString(s, -1) {
		seen[y] = true
	}
	return len(seen)
}

func distinctCouncils(m *matcher, s string) int {
	seen := map[string]bool{}
	for _, x := range m.find(s) {
		seen[x.Council] = true
	}
	return len(seen)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// CutFeatures are a candidate's features, in CutFeatureNames' order.
func CutFeatures(c evidence.Candidate, d *CutDoc) []float64 {
	note := c.Note
	if i := strings.Index(note, "; held for review"); i >= 0 {
		note = note[:i]
	}
	q := c.Quote
	grades := map[string]bool{}
	for _, g := range reCutGrade.FindAllString(q, -1) {
		g = strings.ToLower(g)
		if strings.HasPrefix(g, "require") {
			g = "requires improvement"
		}
		grades[g] = true
	}
	inQuote := false
	if c.Council != "" {
		for _, x := range d.m.find(q) {
			if x.Council == c.Council {
				inQuote = true
			}
		}
	}
	figure := c.Measure != "grade" && c.Measure != "visit"
	return []float64{
		1,
		b2f(c.Measure == "visit"),
		b2f(figure),
		b2f(c.Measure == "grade" && c.Area != "" && c.Area != "overall"),
		b2f(strings.HasPrefix(note, "earlier")),
		b2f(strings.Contains(note, "for every area")),
		b2f(reCutDateSen.MatchString(note)),
		b2f(strings.Contains(note, "dated by the inspection")),
		b2f(strings.Contains(note, "publication")),
		b2f(strings.Contains(note, "document's own date") || strings.Contains(note, "answer's date") || strings.Contains(note, "reference day")),
		(c.Confidence - 0.8) * 10,
		b2f(!inQuote),
		b2f(distinctCouncils(d.m, q) >= 2),
		b2f(len(grades) >= 2),
		b2f(reCutBody.MatchString(q)),
		b2f(reCutQuoted.MatchString(q)),
		b2f(distinctYears(q) >= 2),
		b2f(reCutPast.MatchString(q)),
		b2f(c.SourceType == "council"),
		b2f(d.councils >= 3),
		b2f(d.years >= 4),
		b2f(len(q) > 250),
		b2f(reCutChange.MatchString(q)),
		b2f(strings.Contains(note, "the text dates the inspection") || strings.Contains(note, "article's other mention")),
		b2f(reCutBareYr.MatchString(note)),
		b2f(len(q) < 60 || upperShare(q) > 0.6),
	}
}

// CutModel is a fitted logistic model over CutFeatures.
type CutModel struct {
	Weights   []float64
	Threshold float64
}

// Probability is the model's chance that a candidate with features x is
// right.
func (m CutModel) Probability(x []float64) float64 {
	z := 0.0
	for i, w := range m.Weights {
		if i < len(x) {
			z += w * x[i]
		}
	}
	return 1 / (1 + math.Exp(-z))
}

// Doubts names the features that pull a candidate's probability down
// most, strongest first (at most n).
func (m CutModel) Doubts(x []float64, n int) []string {
	type pull struct {
		name string
		v    float64
	}
	var ps []pull
	for i := 1; i < len(m.Weights) && i < len(x); i++ {
		if v := m.Weights[i] * x[i]; v < 0 {
			ps = append(ps, pull{CutFeatureNames[i], v})
		}
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].v < ps[j].v })
	var out []string
	for i := 0; i < len(ps) && i < n; i++ {
		out = append(out, ps[i].name)
	}
	return out
}

func upperShare(s string) float64 {
	up, letters := 0, 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			up++
			letters++
		case r >= 'a' && r <= 'z':
			letters++
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(up) / float64(letters)
}
