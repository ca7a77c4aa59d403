package metrics

import (
	"context"
	"fmt"
	"sync"

	"github.com/go-gota/gota/dataframe"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// Report is every metric as of one day D and as at a day T (spec v3, "Two
// dates"): a finding counts when it is dated on or before T and was
// published on or before D.
type Report struct {
	AsOf dates.Day
	// AsAt is T: AsOf unless an as-at view (official "as at 31 March"
	// counts, produced later) asks for an earlier one.
	AsAt dates.Day
	Ref  *reference.List
	// Councils existing on AsOf, in reference-list order (by name): every
	// comparison is over them.
	Councils []*Council
	// Others are councils with findings that do not exist on AsOf: their
	// histories count in the transitions and time series.
	Others []*Council
	// Listed are the councils the tables list: all of Councils, or those a
	// research question asks about.
	Listed []*Council
	// Transitions counts consecutive overall grades, [from][to].
	Transitions [findings.Outstanding + 1][findings.Outstanding + 1]int
	// Median series by measure, for England and each region.
	England map[findings.Measure][]MedianPoint
	Regions map[string]map[findings.Measure][]MedianPoint
	// Published national and regional figures dated on or before AsOf.
	Published []Published

	RegionRows     []RegionRow
	ByGradeRows    []ByGradeRow
	TransitionRows []TransitionRow
	WorkforceRows  []WorkforceRow

	// Frames are the snapshot tables as gota frames, built on first use:
	// a report only compared with (the previous month) never builds them.
	Frames func() (*Frames, error)

	// Research is a research question's answer over time (nil for other
	// runs; see Answer).
	Research *Research

	// Since is the previous report readers received (or its stand-in,
	// recomputed), and Changes what is different from it (nil until
	// CompareWith).
	Since   *Snapshot
	Changes []Change

	// Revised are the official figures a later release replaced, by the
	// file and line they were read from: the day of the figure that
	// counts instead.
	Revised map[[2]int32]dates.Date

	byIndex map[int]*Council
	ranked  map[rankKey][]float64 // sorted figures by area and day, for ranks
}

// Published is a national or regional figure from an official release
// (DfE's rates are ratios of totals, not medians of councils).
type Published struct {
	Region  string // a region name, or "England"
	Date    dates.Date
	Measure findings.Measure
	Value   float64
	// Release is the day the figure was published (zero: its date).
	Release dates.Date
}

// Known is when the figure was published.
func (p Published) Known() dates.Date {
	if p.Release.IsZero() {
		return p.Date
	}
	return p.Release
}

// Options add to a report or narrow what it lists.
type Options struct {
	// Published are official national and regional figures to show beside
	// the medians.
	Published []Published
	// Councils, when set, limits what the tables list to these councils
	// (reference indices), as a research question does. Comparisons
	// (England, regions, neighbours) are still over every council: a
	// question restricts what is listed, never what a median is over.
	Councils map[int]bool
	// AsAt is T, the last date a finding may be about (0: the as-of day).
	AsAt dates.Day
}

// Counts reports whether a finding counts in a report as of asOf, as at
// asAt (spec v3): dated on or before asAt, published on or before asOf.
// An official figure that counts may still be replaced by a later
// release (Report.Revised).
func Counts(f *findings.Finding, asOf, asAt dates.Day) bool {
	return f.Date.Day <= asAt && f.Known().Day <= asOf
}

// Compute reduces the accepted findings to the report as of asOf (and as
// at opts' AsAt). Findings (and published figures) that do not count then
// (Counts) are left out, and of an official figure's releases only the
// latest published by asOf counts, so the same inputs and dates always give
// the same report: a past month's report is the one that could have been
// made that month.
func Compute(ctx context.Context, fs []findings.Finding, ref *reference.List, asOf dates.Day, opts ...Options) (*Report, error) {
	var opt Options
	if len(opts) > 0 {
		opt = opts[0]
	}
	asAt := opt.AsAt
	if asAt == 0 || asAt > asOf {
		asAt = asOf
	}
	byCouncil := make([][]*findings.Finding, len(ref.Councils))
	for i := range fs {
		f := &fs[i]
		if Counts(f, asOf, asAt) {
			byCouncil[f.Council] = append(byCouncil[f.Council], f)
		}
	}
	r := &Report{AsOf: asOf, AsAt: asAt, Ref: ref, byIndex: map[int]*Council{}, Revised: map[[2]int32]dates.Date{}}
	for _, p := range opt.Published {
		if p.Date.Day <= asAt && p.Known().Day <= asOf {
			r.Published = append(r.Published, p)
		}
	}
	for i, c := range ref.Councils {
		if i%16 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if !c.ExistsOn(asOf) && len(byCouncil[i]) == 0 {
			continue
		}
		rc := reduce(c, byCouncil[i], ref)
		rc.Code = c.CodeOn(asOf)
		for _, rv := range rc.revised {
			r.Revised[[2]int32{rv.File, rv.Line}] = rv.By
		}
		r.byIndex[i] = &rc
		if c.ExistsOn(asOf) {
			r.Councils = append(r.Councils, &rc)
			if opt.Councils == nil || opt.Councils[i] {
				r.Listed = append(r.Listed, &rc)
			}
		} else {
			r.Others = append(r.Others, &rc)
		}
	}
	for _, list := range [][]*Council{r.Councils, r.Others} {
		for _, c := range list {
			var prev findings.GradeValue
			for _, h := range c.History {
				if g := h.Overall(); g != findings.NoGrade {
					if prev != findings.NoGrade {
						r.Transitions[prev][g]++
					}
					prev = g
				}
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.compare()
	return r, r.tables(opt.Councils != nil)
}

// Frames are a report's snapshot tables as gota frames (Frame): what the
// open-data writers read. The councils' frame is of the listed councils.
// The workforce series is not a frame (see the package comment).
type Frames struct {
	Councils, Regions, ByGrade, Transitions dataframe.DataFrame
}

// tables builds the tables. The regions are counted by filtering a frame
// of every council existing on AsOf, which is also the councils' frame
// unless the report is scoped to some councils.
func (r *Report) tables(scoped bool) error {
	rows := r.Listed
	if scoped {
		rows = r.Councils
	}
	all, err := Frame(CouncilColumns, rows)
	if err != nil {
		return fmt.Errorf("councils: %w", err)
	}
	r.RegionRows = r.regionRows(all, scoped)
	r.ByGradeRows = r.byGradeRows()
	r.TransitionRows = r.transitionRows()
	r.WorkforceRows = r.workforceRows()
	r.Frames = sync.OnceValues(func() (*Frames, error) {
		f := &Frames{Councils: all}
		var err error
		if scoped {
			if f.Councils, err = Frame(CouncilColumns, r.Listed); err != nil {
				return nil, fmt.Errorf("councils: %w", err)
			}
		}
		if f.Regions, err = Frame(RegionColumns, r.RegionRows); err != nil {
			return nil, fmt.Errorf("regions: %w", err)
		}
		if f.ByGrade, err = Frame(ByGradeColumns, r.ByGradeRows); err != nil {
			return nil, fmt.Errorf("by grade: %w", err)
		}
		if f.Transitions, err = Frame(TransitionColumns, r.TransitionRows); err != nil {
			return nil, fmt.Errorf("transitions: %w", err)
		}
		return f, nil
	})
	return nil
}

// Council returns a council's metrics by reference index (nil when it has
// none: it neither exists on the report date nor has findings).
func (r *Report) Council(i int) *Council { return r.byIndex[i] }

// KeepWorkforce narrows the workforce series to the rows keep accepts, as a
// research question's period and measures do; the medians are unchanged.
func (r *Report) KeepWorkforce(keep func(WorkforceRow) bool) error {
	kept := r.WorkforceRows[:0]
	for _, w := range r.WorkforceRows {
		if keep(w) {
			kept = append(kept, w)
		}
	}
	r.WorkforceRows = kept
	return nil
}

// CompareWith sets what changed since the previous report prev; fs are the
// run's accepted findings.
func (r *Report) CompareWith(prev *Snapshot, fs []findings.Finding) {
	r.Since = prev
	r.Changes = Changes(prev, r, fs)
}
