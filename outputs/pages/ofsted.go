package pages

import (
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/inspections"
	"github.com/oversight/oversight/analysis/metrics"
)

// What Ofsted said about a council, as its page shows it. The model is
// filled from the council's findings (OfstedFromFindings) until the
// analysis of Ofsted's reports gives one per council; a function that
// returns it plugs in as CouncilsInput.Ofsted.

// OfstedSaid is what Ofsted said about one council.
type OfstedSaid struct {
	// Page is the council's page on Ofsted's site (https); "" when not
	// known.
	Page string
	// Reports are the reports and letters known on the report date,
	// newest first: the first is the latest.
	Reports []OfstedReport
}

// OfstedReport is one report or letter.
type OfstedReport struct {
	Date      dates.Date // the inspection's or visit's date
	Published dates.Date // when Ofsted published it; zero when not known
	// Kind is what it was ("Inspection", "Focused visit") and Framework
	// the framework it was under ("ILACS", "from April 2026"); either may
	// be "".
	Kind, Framework string
	URL             string // the report itself (https); "" when not known
	// RecommendationsHeading is the report's own heading of its
	// recommendations ("What needs to improve?"); "" says Recommendations.
	RecommendationsHeading string
	// GradesOnly marks an inspection known from the statistics only: its
	// grades, none of its words.
	GradesOnly bool
	// Recommendations are in the report's words; Strengths and
	// Improvements (areas for improvement) too where the report's words
	// are known, else as the finding describes them.
	Recommendations, Strengths, Improvements []Said
	// Count is how many recommendations the report makes, when known
	// without their words (0: not known, or as many as listed).
	Count int
}

// Said is one thing a report said: its words, and the page they are on
// (0 when not known).
type Said struct {
	Text string
	Page int
	// Theme names what it is about ("management oversight"), when known.
	Theme string
	// Quoted reports whether Text is the report's own words.
	Quoted bool
}

// OfstedFromFindings is what Ofsted said about a council from its
// findings: each Ofsted report or letter is the findings from Ofsted's own
// reports with one date (its recommendations, strengths and weaknesses),
// with the inspection or visit of that date; the report's address is a
// source that is one. fs are the council's findings that count on the
// report date.
func OfstedFromFindings(c *metrics.Council, fs []findings.Finding) *OfstedSaid {
	out := &OfstedSaid{Page: c.Ref.OfstedPage()}
	byDay := map[dates.Day]*OfstedReport{}
	var days []dates.Day
	get := func(d dates.Date) *OfstedReport {
		r := byDay[d.Day]
		if r == nil {
			r = &OfstedReport{Date: d}
			byDay[d.Day] = r
			days = append(days, d.Day)
		}
		return r
	}
	for i := range fs {
		f := &fs[i]
		if f.SourceType != findings.SourceOfsted || f.Measure != findings.Theme && f.Measure != findings.Recommendations {
			continue
		}
		r := get(f.Date)
		if r.URL == "" && webAddress(f.Source) {
			r.URL = f.Source
		}
		if !f.Published.IsZero() && r.Published.IsZero() {
			r.Published = f.Published
		}
		if f.Measure == findings.Recommendations {
			r.Count = int(f.Value)
			continue
		}
		s := Said{Text: f.Quote, Page: int(f.Page), Theme: f.Label, Quoted: f.Quote != ""}
		if s.Text == "" {
			s.Text = f.Note
		}
		if s.Text == "" {
			s.Text = f.Label
		}
		if f.Polarity == findings.Strength {
			r.Strengths = append(r.Strengths, s)
		} else {
			r.Improvements = append(r.Improvements, s)
		}
	}
	kinds := map[dates.Day]string{}
	for _, h := range c.History {
		kinds[h.Date.Day] = "Inspection"
	}
	for _, v := range c.Visits {
		if kinds[v.Date.Day] == "" {
			kinds[v.Date.Day] = visitName(v.Kind)
		}
	}
	sort.Slice(days, func(i, j int) bool { return days[i] > days[j] })
	for _, d := range days {
		r := byDay[d]
		r.Kind = kinds[d]
		out.Reports = append(out.Reports, *r)
	}
	return out
}

// webAddress reports whether a source is a web address.
func webAddress(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "https://") && !strings.ContainsAny(s, " \t\r\n")
}

func visitName(k findings.VisitKind) string {
	switch k {
	case findings.Focused:
		return "Focused visit"
	case findings.Monitoring:
		return "Monitoring visit"
	case findings.JTAI:
		return "Joint targeted area inspection"
	}
	return "Visit"
}

// OfstedFromInspections is what Ofsted said about a council from the
// analysis of Ofsted's reports (analysis/inspections): every report known
// on the day, newest first, its recommendations, strengths and areas for
// improvement in the report's words with their pages.
func OfstedFromInspections(c *inspections.Council) *OfstedSaid {
	if c == nil {
		return nil
	}
	out := &OfstedSaid{Page: c.OfstedPage}
	said := func(ps []inspections.Point) []Said {
		var out []Said
		for _, p := range ps {
			text := p.Text
			if p.Cut {
				text += " …"
			}
			out = append(out, Said{Text: text, Page: p.Page, Theme: p.Label, Quoted: true})
		}
		return out
	}
	for _, r := range c.Reports {
		out.Reports = append(out.Reports, OfstedReport{Date: r.Date, Published: r.Published, Kind: "Inspection",
			Framework: inspections.FrameworkName(r.Framework), URL: r.Link, RecommendationsHeading: r.RecommendationsHeading,
			GradesOnly: !r.Words, Recommendations: said(r.Recommendations), Strengths: said(r.Strengths), Improvements: said(r.Improvements)})
	}
	return out
}

// OfstedByCouncil looks up each council's model by reference index, for
// CouncilsInput.Ofsted.
func OfstedByCouncil(cs []inspections.Council) func(*metrics.Council, []findings.Finding) *OfstedSaid {
	by := make(map[int]*inspections.Council, len(cs))
	for i := range cs {
		by[cs[i].Council.Index] = &cs[i]
	}
	return func(c *metrics.Council, _ []findings.Finding) *OfstedSaid {
		if ic := by[c.Ref.Index]; ic != nil {
			return OfstedFromInspections(ic)
		}
		return &OfstedSaid{Page: c.Ref.OfstedPage()}
	}
}
