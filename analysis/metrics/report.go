package metrics

import (
	"context"
	"fmt"

	"github.com/go-gota/gota/dataframe"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// Report is every metric as of one date.
type Report struct {
	AsOf dates.Day
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

	// The snapshot tables as gota frames (Frame): what the open-data
	// writers read. The councils' frame is of the listed councils; the
	// regions are counted by filtering the frame of every council existing
	// on AsOf. The workforce series is not a frame (see the package
	// comment).
	CouncilFrame    dataframe.DataFrame
	RegionFrame     dataframe.DataFrame
	ByGradeFrame    dataframe.DataFrame
	TransitionFrame dataframe.DataFrame

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
}

// Compute reduces the accepted findings to the report as of asOf. Findings
// (and published figures) dated after asOf are left out, so the same inputs
// and date always give the same report.
func Compute(ctx context.Context, fs []findings.Finding, ref *reference.List, asOf dates.Day, opts ...Options) (*Report, error) {
	var opt Options
	if len(opts) > 0 {
		opt = opts[0]
	}
	byCouncil := make([][]*findings.Finding, len(ref.Councils))
	for i := range fs {
		f := &fs[i]
		if f.Date.Day <= asOf {
			byCouncil[f.Council] = append(byCouncil[f.Council], f)
		}
	}
	r := &Report{AsOf: asOf, Ref: ref, byIndex: map[int]*Council{}}
	for _, p := range opt.Published {
		if p.Date.Day <= asOf {
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

// tables builds the tables and their frames from the schema.
func (r *Report) tables(scoped bool) error {
	var err error
	if r.CouncilFrame, err = Frame(CouncilColumns, r.Listed); err != nil {
		return fmt.Errorf("councils: %w", err)
	}
	all := r.CouncilFrame
	if scoped {
		if all, err = Frame(CouncilColumns, r.Councils); err != nil {
			return fmt.Errorf("councils: %w", err)
		}
	}
	r.RegionRows = r.regionRows(all, scoped)
	if r.RegionFrame, err = Frame(RegionColumns, r.RegionRows); err != nil {
		return fmt.Errorf("regions: %w", err)
	}
	r.ByGradeRows = r.byGradeRows()
	if r.ByGradeFrame, err = Frame(ByGradeColumns, r.ByGradeRows); err != nil {
		return fmt.Errorf("by grade: %w", err)
	}
	r.TransitionRows = r.transitionRows()
	if r.TransitionFrame, err = Frame(TransitionColumns, r.TransitionRows); err != nil {
		return fmt.Errorf("transitions: %w", err)
	}
	r.WorkforceRows = r.workforceRows()
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
