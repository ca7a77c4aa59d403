package official

import (
	"fmt"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// MergeStats says what merging releases of the workforce statistics did.
type MergeStats struct {
	Releases []Release // in release order
	// Kept counts the figures taken from the first release that gives
	// them; Repeated the figures a later release gives again with the same
	// value (left out: the earlier release published them first); Revised
	// the figures a later release gives with a different value (kept, as
	// revisions, published on the later release's day).
	Kept, Repeated, Revised int
	// The same for the national and regional reference figures.
	RefKept, RefRepeated, RefRevised int
}

// MergeReleases joins several releases of DfE's workforce statistics
// (results of Convert, one per file) into one set of findings, so that each
// figure is published on the day it first became public as far as these
// files can show (spec v3):
//
//   - a figure is taken from the earliest release that gives it, published
//     on that release's day;
//   - a later release giving the same value adds nothing;
//   - a later release giving a different value is a revision: kept beside
//     the earlier figure, published on the later release's day, its note
//     naming the value it revises. findings.md v3: two statistics figures
//     for one council, measure, date and scope with different values and
//     published days are a revision, both kept.
//
// Figures are matched by council (resolved through ref for the figure's
// date, so an old and a new code of one council match), date, measure,
// scope and qualifier. What no file holds cannot be shown: a figure first
// published in a release that is not among the files is dated by the
// earliest release given that holds it.
func MergeReleases(results []*Result, ref *reference.List) ([]Record, []Reference, MergeStats, error) {
	var st MergeStats
	rs := append([]*Result(nil), results...)
	for _, r := range rs {
		if r.Kind != CSWW {
			return nil, nil, st, fmt.Errorf("merge releases: a %s file is not a workforce release", r.Kind)
		}
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Release.Day < rs[j].Release.Day })

	type first struct {
		value   string
		release Release
	}
	seen := map[string]first{}
	var recs []Record
	for _, r := range rs {
		st.Releases = append(st.Releases, r.Release)
		for _, rec := range r.Records {
			k := recordKey(rec.Raw, ref)
			v := normValue(rec.Raw[findings.ColValue])
			f, ok := seen[k]
			switch {
			case !ok:
				seen[k] = first{v, r.Release}
				st.Kept++
			case f.value == v:
				st.Repeated++
				continue
			default:
				rec.Raw[findings.ColNote] += fmt.Sprintf("; a revision: the reporting year %d release (%s) gave %s", f.release.Year, f.release.Day, f.value)
				seen[k] = first{v, r.Release}
				st.Revised++
			}
			recs = append(recs, rec)
		}
	}

	seenRef := map[string]first{}
	var refs []Reference
	for _, r := range rs {
		for _, x := range r.References {
			k := strings.Join([]string{x.Level, x.Code, x.Region, x.Date.String(), x.Measure.String(), fmt.Sprint(x.SubRegion)}, "|")
			v := fmt.Sprint(x.Value)
			f, ok := seenRef[k]
			switch {
			case !ok:
				st.RefKept++
			case f.value == v:
				st.RefRepeated++
				continue
			default:
				st.RefRevised++
			}
			seenRef[k] = first{v, r.Release}
			refs = append(refs, x)
		}
	}
	return recs, refs, st, nil
}

// recordKey identifies a figure across releases: the council resolved for
// its date (else as written), date, measure, scope and qualifier.
func recordKey(r findings.Raw, ref *reference.List) string {
	council := r[findings.ColCouncil]
	if d, err := dates.Parse(r[findings.ColDate]); err == nil {
		if c, err := ref.Resolve(council, d.Day, d.Day); err == nil {
			council = c.GSS
		}
	}
	scope := r[findings.ColScope]
	if scope == "" {
		scope = findings.CouncilScope
	}
	return strings.Join([]string{council, r[findings.ColDate], r[findings.ColMeasure], scope, r[findings.ColQualifier]}, "|")
}

// normValue makes "14.0" and "14" one value, and codes one case.
func normValue(v string) string {
	if n, ok := number(v); ok {
		return fmt.Sprint(n)
	}
	return strings.ToLower(strings.TrimSpace(v))
}

// Joined is a set of converted files imported together.
type Joined struct {
	Records    []Record
	References []Reference
	// Releases counts the workforce releases; Merge is set when there
	// were several.
	Releases int
	Merge    MergeStats
	Redate   RedateStats
}

// Join imports converted files together, as `oversight import` does:
// several workforce releases are merged (MergeReleases), and the grades
// and visits a file dates by only one of its two days are dated from the
// inspections the other files date by both, and from known (the reports'
// own dates, ReadInspections), by Redate. Records keep the files' order,
// the workforce figures after the others.
func Join(results []*Result, known []Inspection, ref *reference.List) (*Joined, error) {
	j := &Joined{}
	var workforce []*Result
	var inFiles []Inspection
	for _, res := range results {
		if res.Kind == CSWW {
			workforce = append(workforce, res)
			continue
		}
		j.Records = append(j.Records, res.Records...)
		inFiles = append(inFiles, InspectionsIn(res.Records, res.Name)...)
	}
	// Where a file and a report agree, the note names the file.
	known = append(inFiles, known...)
	j.Releases = len(workforce)
	switch len(workforce) {
	case 0:
	case 1:
		j.Records = append(j.Records, workforce[0].Records...)
		j.References = workforce[0].References
	default:
		recs, refs, st, err := MergeReleases(workforce, ref)
		if err != nil {
			return nil, err
		}
		j.Records, j.References, j.Merge = append(j.Records, recs...), refs, st
	}
	j.Redate = Redate(j.Records, known, ref)
	return j, nil
}
