package metrics

import (
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
)

// SourceSet is a set of source types.
type SourceSet uint8

// Add puts a source type in the set.
func (s *SourceSet) Add(t findings.SourceType) { *s |= 1 << t }

// Has reports whether a source type is in the set.
func (s SourceSet) Has(t findings.SourceType) bool { return s&(1<<t) != 0 }

// sourceOrder is the order sources are named in.
var sourceOrder = []findings.SourceType{findings.SourceStatistics, findings.SourceOfsted, findings.SourceNews, findings.SourceCouncil, findings.SourceNone}

// Types lists the set's source types, official ones first.
func (s SourceSet) Types() []findings.SourceType {
	var out []findings.SourceType
	for _, t := range sourceOrder {
		if s.Has(t) {
			out = append(out, t)
		}
	}
	return out
}

// String names the set with the contract's source_type words ("news;
// council"); a finding with no source_type is "not given".
func (s SourceSet) String() string {
	var out []string
	for _, t := range s.Types() {
		if t == findings.SourceNone {
			out = append(out, "not given")
		} else {
			out = append(out, t.String())
		}
	}
	return strings.Join(out, "; ")
}

// GradeAt is a grade with its inspection's date and the day it was
// published (spec v3).
type GradeAt struct {
	Grade     findings.GradeValue
	Date      dates.Date
	Published dates.Date
}

// Inspection is one graded inspection: the grade in each area it judged
// (indexed by findings.Area), and the kinds of source that report it.
type Inspection struct {
	Date    dates.Date
	Grades  [findings.NumAreas]findings.GradeValue
	Sources SourceSet
	// Published is when the inspection's grades were first made public:
	// the earliest publication of any of its grade findings (Ofsted's
	// report, or a news story before it).
	Published dates.Date
}

// At is the inspection's grade in an area, with its dates.
func (in *Inspection) At(a findings.Area) GradeAt {
	return GradeAt{in.Grades[a], in.Date, in.Published}
}

// Overall is the inspection's overall grade (NoGrade when it gave none).
func (in *Inspection) Overall() findings.GradeValue { return in.Grades[findings.Overall] }

// Visit is one ungraded visit.
type Visit struct {
	Kind      findings.VisitKind
	Date      dates.Date
	Sources   SourceSet
	Published dates.Date
}

// later orders dates as the spec sorts them (by first day) and, on the same
// day, prefers the more precise date.
func later(a, b dates.Date) bool {
	if a.Day != b.Day {
		return a.Day > b.Day
	}
	return a.Prec < b.Prec
}

// publicationLag is how long after a month or year a report of the same
// judgement may be published: Ofsted publishes about six to ten weeks after
// the inspection, and news often gives only the inspection month.
const publicationLag = 92

// SameJudgement reports whether a coarse date (a month or year) and a more
// precise one can be the same inspection: the precise day falls in the
// period or within publicationLag days after it.
func SameJudgement(coarse, precise dates.Date) bool {
	return precise.Prec < coarse.Prec && precise.Day >= coarse.Day && precise.Day <= coarse.End()+publicationLag
}

// dated is a grade or visit finding reduced to what the history merges.
type dated struct {
	date    dates.Date
	key     uint8 // the grade, or the visit kind
	sources SourceSet
	known   dates.Date // when it was published
}

// earlier is the earlier of two publication dates (a zero one is unknown).
func earlier(a, b dates.Date) dates.Date {
	if a.IsZero() || !b.IsZero() && (b.Day < a.Day || b.Day == a.Day && b.Prec < a.Prec) {
		return b
	}
	return a
}

// merge folds findings of one area (or one visit kind) into one entry per
// event: a finding dated only to a month or year moves to the date of the
// same grade given more precisely in that period or soon after (a news
// report's "requires improvement, July 2023", the inspection month, and
// Ofsted's "requires improvement, 4 September 2023", its publication, are
// one inspection); entries on one date with one value are one. Oldest first.
func merge(ds []dated) []dated {
	sort.Slice(ds, func(i, j int) bool {
		if ds[i].date.Day != ds[j].date.Day {
			return ds[i].date.Day < ds[j].date.Day
		}
		if ds[i].date.Prec != ds[j].date.Prec {
			return ds[i].date.Prec < ds[j].date.Prec
		}
		return ds[i].key < ds[j].key
	})
	var out []dated
	for i, d := range ds {
		target := d.date
		for j, e := range ds {
			if i != j && e.key == d.key && SameJudgement(d.date, e.date) {
				target = e.date
				break
			}
		}
		found := false
		for k := range out {
			if out[k].date == target && out[k].key == d.key {
				out[k].sources |= d.sources
				out[k].known = earlier(out[k].known, d.known)
				found = true
				break
			}
		}
		if !found {
			out = append(out, dated{target, d.key, d.sources, d.known})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].date.Day != out[j].date.Day {
			return out[i].date.Day < out[j].date.Day
		}
		return out[i].date.Prec > out[j].date.Prec // the precise one last on a day
	})
	return out
}

// history merges a council's grade and visit findings into its inspections
// and visits, oldest first. Each area is merged on its own, then the areas'
// grades meet on their (merged) dates: that is one inspection.
func history(fs []*findings.Finding) ([]Inspection, []Visit) {
	var byArea [findings.NumAreas][]dated
	var byKind []dated
	for _, f := range fs {
		var s SourceSet
		s.Add(f.SourceType)
		switch f.Measure {
		case findings.Grade:
			byArea[f.Area] = append(byArea[f.Area], dated{f.Date, uint8(f.Grade()), s, f.Known()})
		case findings.Visit:
			byKind = append(byKind, dated{f.Date, uint8(f.Value), s, f.Known()})
		}
	}
	var insp []Inspection
	at := map[dates.Date]int{}
	for a := range byArea {
		for _, d := range merge(byArea[a]) {
			i, ok := at[d.date]
			if !ok {
				i = len(insp)
				at[d.date] = i
				insp = append(insp, Inspection{Date: d.date})
			}
			in := &insp[i]
			if in.Grades[a] != findings.NoGrade && in.Grades[a] != findings.GradeValue(d.key) {
				// Two grades for one area and date are rejected at intake;
				// after merging, keep the better-sourced first one.
				continue
			}
			in.Grades[a] = findings.GradeValue(d.key)
			in.Sources |= d.sources
			in.Published = earlier(in.Published, d.known)
		}
	}
	sort.Slice(insp, func(i, j int) bool {
		if insp[i].Date.Day != insp[j].Date.Day {
			return insp[i].Date.Day < insp[j].Date.Day
		}
		return insp[i].Date.Prec > insp[j].Date.Prec
	})
	var visits []Visit
	for _, d := range merge(byKind) {
		visits = append(visits, Visit{findings.VisitKind(d.key), d.date, d.sources, d.known})
	}
	return insp, visits
}
