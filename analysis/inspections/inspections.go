// Package inspections says what Ofsted said about each council's
// children's services as known on a day: every inspection report published
// by then, newest first, with its dates, framework, grades, a link to the
// report, and its recommendations, strengths and areas for improvement in
// the report's own words with their pages.
//
// It reads accepted findings only (spec/findings.md): the report reader
// (analysis/extract/report) writes each point of a report as a theme
// finding whose quote is the report's words and whose note (PointNote)
// says which list or summary sentence it is; the official statistics add
// the grades of inspections whose report is not among the documents read.
// Nothing is summarised or relabelled here.
//
//	councils := inspections.Known(fs, ref, asOf, nil) // nil: the embedded links
//	for _, c := range councils {
//		if r := c.Latest(); r != nil { ... r.Recommendations ... } else { c.NoReport() }
//	}
package inspections

import (
	"fmt"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// Council is what Ofsted said about one council, as known on the day.
type Council struct {
	Council *reference.Council
	// OfstedPage is the council's page on Ofsted's reports site, which
	// lists every report and letter (reference.Council.OfstedPage).
	OfstedPage string
	// Reports are the inspection reports published on or before the day,
	// newest inspection first.
	Reports []Report
	asOf    dates.Day
}

// Latest is the newest report, nil when none is known.
func (c *Council) Latest() *Report {
	if len(c.Reports) == 0 {
		return nil
	}
	return &c.Reports[0]
}

// NoReport says plainly that no report is in the inputs, with where to
// find Ofsted's own list; "" when there is one.
func (c *Council) NoReport() string {
	if len(c.Reports) > 0 {
		return ""
	}
	s := fmt.Sprintf("No Ofsted inspection report on %s's children's services published by %s is in the data this report was made from.", c.Council.Name, c.asOf.Time().Format("2 January 2006"))
	if c.OfstedPage != "" {
		s += " Ofsted lists every report on its page for the council: " + c.OfstedPage
	}
	return s
}

// Report is one inspection report.
type Report struct {
	// Date is the inspection's first day; Published the day the report
	// was published (Date when no source gives it).
	Date, Published dates.Date
	// Framework is the report reader's name for the framework
	// (ILACS-standard, ILACS-short, ILACS-2026, SIF, SIF-reinspection,
	// TLAC) or, for an inspection known from the statistics only, the
	// statistics' (SLAC, SIF, ILACS-standard ...); "" when not known.
	// FrameworkName says it in words.
	Framework string
	// Link is the report's address on files.ofsted.gov.uk, "" when not
	// known (then the council's OfstedPage lists it).
	Link string
	// Document is the SHA-256 of the report read, "" for an inspection
	// known from the statistics only (Words is then false: no
	// recommendations, strengths or areas for improvement in its words).
	Document string
	Words    bool
	Source   string // the first finding's source: the report's title and file, or the statistics
	Grades   []Grade
	// Recommendations are the points of the report's recommendations
	// section in order ("What needs to improve?" in ILACS reports, which
	// are also its areas for improvement; "Recommendations" or "What does
	// the local authority need to improve?" in SIF reports), under
	// RecommendationsHeading as the report writes it.
	Recommendations        []Point
	RecommendationsHeading string
	// Strengths are what the report lists as strengths (SIF reports of
	// 2014-15), then the sentences of its summary that state a strength
	// and no shortfall.
	Strengths []Point
	// Improvements are the areas for improvement the report states besides
	// its recommendations: a list such as "This local authority requires
	// improvement and is not yet good because" (SIF 2014-15), then the
	// sentences of its summary that state a shortfall and no strength.
	Improvements []Point
}

// Grade is one judgement of the inspection.
type Grade struct {
	Area  findings.Area
	Grade findings.GradeValue
}

// Point is one point of a report in its own words.
type Point struct {
	Text string // the report's words (at most 300 characters)
	Page int    // the PDF page it starts on
	// Cut is set when the point runs on past the 300 characters kept: the
	// rest is in the report, on Page.
	Cut bool
	// Summary is set for a sentence of the report's summary, unset for a
	// point of a list.
	Summary bool
	// Label is the theme label the reader gave it (the vocabulary's
	// topic, or the list's own name).
	Label string
}

// FrameworkName says a framework in words.
func FrameworkName(fw string) string {
	switch fw {
	case "ILACS-standard":
		return "standard inspection of local authority children's services (ILACS)"
	case "ILACS-short":
		return "short inspection of local authority children's services (ILACS)"
	case "ILACS-2026":
		return "inspection of local authority children's services (ILACS, from April 2026: no overall grade)"
	case "ILACS":
		return "inspection of local authority children's services (ILACS)"
	case "SIF":
		return "inspection under the single inspection framework (SIF)"
	case "SIF-reinspection":
		return "re-inspection under the single inspection framework (SIF)"
	case "TLAC":
		return "targeted inspection of looked after children's services (TLAC)"
	case "SLAC":
		return "inspection of safeguarding and looked after children's services (SLAC)"
	}
	return "inspection"
}

// ilacs2026From is when the framework without an overall grade began.
var ilacs2026From = dates.FromYMD(2026, 4, 1)

// areaOrder is the order grades are listed in.
var areaOrder = []findings.Area{findings.Overall, findings.Leadership, findings.HelpAndProtection,
	findings.ChildrenInCareAndCareLeavers, findings.ChildrenInCare, findings.CareLeavers, findings.Adoption}

// Known is what Ofsted said about every council existing on asOf, as known
// that day: the reports whose findings were published on or before it
// (spec v3: a finding's published day, else its date). links gives the
// reports' addresses (nil: the embedded table, DefaultLinks). Councils are
// in the reference list's order.
func Known(fs []findings.Finding, ref *reference.List, asOf dates.Day, links *Links) []Council {
	if links == nil {
		links = DefaultLinks()
	}
	g := &gathered{reports: map[reportKey]*Report{}, points: map[reportKey][]pointOf{}}
	// Reports read first, so the statistics' grades of the same inspection
	// join them.
	byDay := g.readReports(fs, asOf)
	g.addGrades(fs, asOf, byDay)
	byCouncil := g.byCouncil(ref, links)
	var out []Council
	for _, c := range ref.ExistingOn(asOf) {
		rs := byCouncil[int32(c.Index)]
		sort.SliceStable(rs, func(i, j int) bool {
			if rs[i].Date.Day != rs[j].Date.Day {
				return rs[i].Date.Day > rs[j].Date.Day
			}
			return rs[i].Published.Day > rs[j].Published.Day
		})
		out = append(out, Council{Council: c, OfstedPage: c.OfstedPage(), Reports: rs, asOf: asOf})
	}
	return out
}

// reportKey is one report about a council: a document read, or, for the
// statistics' grades of an inspection no document gives, the inspection's
// first day.
type reportKey struct {
	council int32
	doc     string
	day     dates.Day
}

// gathered are the reports found in the findings, in the order first
// found, with the points each report's themes make.
type gathered struct {
	reports map[reportKey]*Report
	points  map[reportKey][]pointOf
	order   []reportKey
}

// get is the report of a key, added when it is new.
func (g *gathered) get(k reportKey) *Report {
	r := g.reports[k]
	if r == nil {
		r = &Report{Document: k.doc, Words: k.doc != ""}
		g.reports[k] = r
		g.order = append(g.order, k)
	}
	return r
}

// readReports gathers the findings read from Ofsted's documents known on
// asOf, with their points in the report's words; it returns each
// document's report by council and inspection day.
func (g *gathered) readReports(fs []findings.Finding, asOf dates.Day) map[[2]int64]reportKey {
	byDay := map[[2]int64]reportKey{}
	for i := range fs {
		f := &fs[i]
		if f.SourceType != findings.SourceOfsted || f.Document == "" || f.Known().Day > asOf || !reportMeasure(f.Measure) {
			continue
		}
		k := reportKey{council: f.Council, doc: f.Document}
		r := g.get(k)
		r.take(f)
		byDay[[2]int64{int64(f.Council), int64(f.Date.Day)}] = k
		if f.Measure == findings.Theme {
			if np, ok := ParsePointNote(f.Note); ok {
				g.points[k] = append(g.points[k], pointOf{np, Point{Text: f.Quote, Page: int(f.Page), Cut: np.Cut, Summary: np.Heading == "", Label: f.Label}})
				if np.Kind == Recommendation && np.Heading != "" {
					r.RecommendationsHeading = np.Heading
				}
			}
		}
	}
	return byDay
}

// addGrades adds the statistics' grades known on asOf: to the report read
// of the same inspection, else to a report of their own.
func (g *gathered) addGrades(fs []findings.Finding, asOf dates.Day, byDay map[[2]int64]reportKey) {
	for i := range fs {
		f := &fs[i]
		if f.SourceType != findings.SourceOfsted || f.Document != "" || f.Measure != findings.Grade || f.Known().Day > asOf {
			continue
		}
		k, ok := byDay[[2]int64{int64(f.Council), int64(f.Date.Day)}]
		if !ok {
			k = reportKey{council: f.Council, day: f.Date.Day}
		}
		g.get(k).take(f)
	}
}

// byCouncil completes each report (its grades in order, its points listed
// before summary sentences, its link) and files it under its council.
func (g *gathered) byCouncil(ref *reference.List, links *Links) map[int32][]Report {
	byCouncil := map[int32][]Report{}
	for _, k := range g.order {
		r := g.reports[k]
		r.sortGrades()
		ps := g.points[k]
		sort.SliceStable(ps, func(i, j int) bool {
			a, b := ps[i].np, ps[j].np
			if (a.Heading == "") != (b.Heading == "") {
				return a.Heading != "" // listed points before summary sentences
			}
			return a.Index < b.Index
		})
		for _, p := range ps {
			switch p.np.Kind {
			case Recommendation:
				r.Recommendations = append(r.Recommendations, p.p)
			case Strength:
				r.Strengths = append(r.Strengths, p.p)
			case Improvement:
				r.Improvements = append(r.Improvements, p.p)
			}
		}
		if r.Link == "" {
			if c := ref.Councils[k.council]; c.URN != "" {
				r.Link = links.Find(c.URN, r.Date.Day, r.Published.Day)
			}
		}
		byCouncil[k.council] = append(byCouncil[k.council], *r)
	}
	return byCouncil
}

type pointOf struct {
	np NotePoint
	p  Point
}

func reportMeasure(m findings.Measure) bool {
	return m == findings.Grade || m == findings.Theme || m == findings.Recommendations
}

// take adds what one finding says about its report: dates, framework,
// grade, link.
func (r *Report) take(f *findings.Finding) {
	if f.Measure == findings.Grade || r.Date.Day == 0 {
		// A grade is dated by the inspection; other findings of the
		// report carry the same dates.
		if r.Date.Day == 0 || f.Date.Day < r.Date.Day {
			r.Date = f.Date
		}
	}
	pub := f.Published
	if pub.Day == 0 {
		pub = f.Date
	}
	// Of the sources' publication days, the earliest: the report was
	// public from then.
	if r.Published.Day == 0 || pub.Day < r.Published.Day {
		r.Published = pub
	}
	if r.Source == "" {
		r.Source = f.Source
	}
	if r.Framework == "" {
		if fw := FrameworkOf(f.Note); fw != "" {
			r.Framework = fw
		} else if f.Document == "" {
			r.Framework = statisticsFramework(f.Note)
			// The statistics name the April 2026 framework's inspections
			// standard or short, as before; their reports give no overall
			// grade (the report reader's ILACS-2026).
			if strings.HasPrefix(r.Framework, "ILACS") && f.Date.Day >= ilacs2026From {
				r.Framework = "ILACS-2026"
			}
		}
	}
	if r.Link == "" && strings.HasPrefix(f.Source, "https://files.ofsted.gov.uk/") {
		r.Link = f.Source
	}
	if f.Measure == findings.Grade {
		for i, g := range r.Grades {
			if g.Area == f.Area {
				if f.Document != "" {
					r.Grades[i].Grade = f.Grade() // the report's own reading wins
				}
				return
			}
		}
		r.Grades = append(r.Grades, Grade{Area: f.Area, Grade: f.Grade()})
	}
}

func (r *Report) sortGrades() {
	rank := func(a findings.Area) int {
		for i, x := range areaOrder {
			if x == a {
				return i
			}
		}
		return len(areaOrder)
	}
	sort.SliceStable(r.Grades, func(i, j int) bool { return rank(r.Grades[i].Area) < rank(r.Grades[j].Area) })
}

// statisticsFramework reads the framework from an importer's note
// (analysis/official: "Ofsted ILACS standard inspection, ...", "Ofsted SIF
// (single inspection framework), re-inspection, ...").
func statisticsFramework(note string) string {
	n := strings.ToLower(note)
	switch {
	case strings.Contains(n, "ilacs standard"):
		return "ILACS-standard"
	case strings.Contains(n, "ilacs short"):
		return "ILACS-short"
	case strings.Contains(n, "ilacs"):
		return "ILACS"
	case strings.Contains(n, "sif") && strings.Contains(n, "re-inspection"):
		return "SIF-reinspection"
	case strings.Contains(n, "sif"):
		return "SIF"
	case strings.Contains(n, "slac"):
		return "SLAC"
	}
	return ""
}

// Grade returns the inspection's grade for an area, NoGrade if none.
func (r *Report) Grade(a findings.Area) findings.GradeValue {
	for _, g := range r.Grades {
		if g.Area == a {
			return g.Grade
		}
	}
	return findings.NoGrade
}
