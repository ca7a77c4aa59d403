package metrics

import (
	"math"
	"sort"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// WorkforceMeasures are the measures with headline figures, in the spec's
// order: the table of measures' headline entries.
var WorkforceMeasures = findings.HeadlineMeasures()

// SmallService is the number of FTE social workers below which a figure is
// marked as based on small numbers: one leaver in a team of ten is a
// turnover rate of 10%.
const SmallService = 20

// Point is one date of a series: a value, or the suppression code published
// instead of one.
type Point struct {
	Date    dates.Date
	Value   float64
	Code    findings.Code
	Sources SourceSet
	// Published is when the point became what it is: the latest
	// publication among the findings it is made of (a revision's day).
	Published dates.Date
	// Small marks a figure of a council (or joint service) with fewer
	// than SmallService FTE social workers on its date (spec v3): shown,
	// but left out of every median, mean and ranking.
	Small bool
}

// Numeric reports whether the point has a number.
func (p Point) Numeric() bool { return p.Code == findings.NoCode }

// Workforce is one council's series and headline figure for a measure.
type Workforce struct {
	Measure findings.Measure
	// Official is the series from official statistics (source_type
	// statistics), one point per date, codes kept.
	Official []Point
	// Other is the whole-service series from every other source (news,
	// reports, council papers), one point per date at its own precision.
	// It is never merged into Official.
	Other    []Point
	Headline Figure
	// Comparisons, each at its group's reference period.
	Neighbours, Region, England Median
	// Ranks among England's and the region's councils at their reference
	// periods (1 is the lowest figure).
	RankEngland, RankRegion Rank
}

// Series is the headline series: the official one when there is any.
func (w *Workforce) Series() []Point {
	if len(w.Official) > 0 {
		return w.Official
	}
	return w.Other
}

// At is the headline series' point on a day.
func (w *Workforce) At(d dates.Day) (Point, bool) {
	s := w.Series()
	i := sort.Search(len(s), func(i int) bool { return s[i].Date.Day >= d })
	if i < len(s) && s[i].Date.Day == d {
		return s[i], true
	}
	return Point{}, false
}

// Figure is a council's headline figure for a measure: the latest point of
// its headline series, which may be a code.
type Figure struct {
	OK bool
	Point
	// Source is "statistics" for the official series, else the kinds of
	// source of the figure ("news").
	Source    string
	HasChange bool
	Change    float64 // from the series' previous point (points for rates)
	// Joint is the joint service whose figure this is, with the other
	// members' names; nil for a council's own figure.
	Joint    *reference.JointService
	Partners []string
	// SocialWorkers is the FTE in post at the figure's date (NaN when not
	// known); Small marks fewer than SmallService.
	SocialWorkers float64
	Small         bool
}

// Numeric reports whether the figure is a number (not missing, not a code).
func (f Figure) Numeric() bool { return f.OK && f.Code == findings.NoCode }

// sourced is a workforce finding reduced to what the series need.
type sourced struct {
	date   dates.Date
	value  float64
	code   findings.Code
	source findings.SourceType
	scope  string
	known  dates.Date // when it was published
	file   int32      // where it was read, to mark it revised
	line   int32
}

// Revision is an official figure that a later release of the same
// council, measure, date and scope replaced (spec v3): it is kept in the
// findings listing, marked with the day of the figure that replaced it.
type Revision struct {
	File, Line int32
	By         dates.Date // publication of the figure that counts instead
}

// latestRevisions keeps, of the official figures for one date and scope,
// those published last (on or before the report date: the findings that
// reach here all are); the earlier releases they revise go to revised.
// Other sources' figures are never revisions of each other: they pass.
func latestRevisions(ps []sourced, revised *[]Revision) []sourced {
	type key struct {
		day   dates.Day
		scope string
	}
	var latest map[key]dates.Day
	for _, p := range ps {
		if p.source != findings.SourceStatistics {
			continue
		}
		if latest == nil {
			latest = map[key]dates.Day{}
		}
		k := key{p.date.Day, p.scope}
		if d, ok := latest[k]; !ok || p.known.Day > d {
			latest[k] = p.known.Day
		}
	}
	if latest == nil {
		return ps
	}
	kept := ps[:0:0]
	for _, p := range ps {
		if p.source == findings.SourceStatistics {
			if d := latest[key{p.date.Day, p.scope}]; p.known.Day < d {
				*revised = append(*revised, Revision{p.file, p.line, dates.Date{Day: d}})
				continue
			}
		}
		kept = append(kept, p)
	}
	return kept
}

// workforce builds a council's series and headline figure for a measure
// from its whole-service findings; fte are its social_workers findings.
func workforce(m findings.Measure, ps, fte []sourced, l *reference.List, council int) *Workforce {
	w := &Workforce{Measure: m}
	var official, other []sourced
	for _, p := range ps {
		if p.source == findings.SourceStatistics {
			official = append(official, p)
		} else {
			other = append(other, p)
		}
	}
	w.Official, w.Other = perDay(official), perDay(other)
	for _, pts := range [][]Point{w.Official, w.Other} {
		for i := range pts {
			js, _ := l.Joint(council, pts[i].Date.Day)
			n := fteOn(fte, pts[i].Date.Day, js != nil)
			pts[i].Small = !math.IsNaN(n) && n < SmallService
		}
	}
	s := w.Series()
	if len(s) == 0 {
		return w
	}
	last := s[len(s)-1]
	h := Figure{OK: true, Point: last, Source: last.Sources.String(), SocialWorkers: math.NaN()}
	if n := len(s); n > 1 && last.Numeric() && s[n-2].Numeric() {
		h.HasChange, h.Change = true, clean(last.Value-s[n-2].Value)
	}
	if len(w.Official) > 0 {
		if js, partners := l.Joint(council, last.Date.Day); js != nil {
			h.Joint = js
			for _, p := range partners {
				h.Partners = append(h.Partners, l.Councils[p].Name)
			}
		}
	}
	h.SocialWorkers = fteOn(fte, last.Date.Day, h.Joint != nil)
	h.Small = !math.IsNaN(h.SocialWorkers) && h.SocialWorkers < SmallService
	w.Headline = h
	return w
}

// fteOn is the FTE in post on a day: the council's own figure, official
// first, else (for a joint figure) the joint service's.
func fteOn(fte []sourced, d dates.Day, joint bool) float64 {
	best, rank := math.NaN(), 0
	for _, f := range fte {
		if f.date.Day != d || f.code != findings.NoCode {
			continue
		}
		r := 1
		if f.scope == findings.CouncilScope {
			r = 2
		} else if !joint {
			continue
		}
		if f.source == findings.SourceStatistics {
			r += 2
		}
		if r > rank {
			best, rank = f.value, r
		}
	}
	return best
}

// perDay groups points by the day they sort on, oldest first: the mean of
// the numbers given for a day (a code only when no number was), the most
// precise date given for it, and every source.
func perDay(ps []sourced) []Point {
	if len(ps) == 0 {
		return nil
	}
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].date.Day != ps[j].date.Day {
			return ps[i].date.Day < ps[j].date.Day
		}
		if ps[i].date.Prec != ps[j].date.Prec {
			return ps[i].date.Prec < ps[j].date.Prec
		}
		if ps[i].code != ps[j].code {
			return ps[i].code < ps[j].code
		}
		return ps[i].value < ps[j].value
	})
	var out []Point
	for start := 0; start < len(ps); {
		end, sum, n := start, 0.0, 0
		p := Point{Date: ps[start].date, Code: findings.NoCode}
		code := findings.NoCode
		for end < len(ps) && ps[end].date.Day == ps[start].date.Day {
			q := ps[end]
			p.Sources.Add(q.source)
			if q.known.Day > p.Published.Day {
				p.Published = q.known
			}
			if q.code == findings.NoCode {
				sum += q.value
				n++
			} else if code == findings.NoCode {
				code = q.code
			}
			end++
		}
		if n > 0 {
			p.Value = round(sum/float64(n), 2)
		} else {
			p.Code = code
		}
		out = append(out, p)
		start = end
	}
	return out
}
