package jobs

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/outputs/prose"
)

// Question is a research run's filters. Every table of a research report is
// built only from the findings that match it, and it is recorded in the
// manifest and the workbook so the result can be cited.
type Question struct {
	Councils []string  // names or codes, written any way the reference list knows
	Regions  []string  // English regions
	From, To dates.Day // findings dated in [From, To]; 0 = open
	Measures []string  // grade, caseload, vacancy_rate, ...
	Areas    []string  // judgement areas; narrows grades (and implies --measure grade when no measure is given)
}

// ErrNothingMatches is a question no finding answers.
var ErrNothingMatches = errors.New("no findings match the question")

// Empty reports a question with no filter at all.
func (q Question) Empty() bool {
	return len(q.Councils) == 0 && len(q.Regions) == 0 && q.From == 0 && q.To == 0 && len(q.Measures) == 0 && len(q.Areas) == 0
}

// Record is the question as written, for the manifest and the workbook.
func (q Question) Record() map[string][]string {
	m := map[string][]string{}
	add := func(k string, v []string) {
		if len(v) > 0 {
			m[k] = v
		}
	}
	add("council", q.Councils)
	add("region", q.Regions)
	if q.From != 0 {
		m["from"] = []string{q.From.String()}
	}
	if q.To != 0 {
		m["to"] = []string{q.To.String()}
	}
	add("measure", q.Measures)
	add("area", q.Areas)
	return m
}

// Lines is the question as text, one filter a line ("council Medway, 301"),
// for the workbook.
func (q Question) Lines() []string {
	rec := q.Record()
	var lines []string
	for _, k := range []string{"council", "region", "from", "to", "measure", "area"} {
		if v, ok := rec[k]; ok {
			lines = append(lines, k+" "+strings.Join(v, ", "))
		}
	}
	return lines
}

func (q Question) String() string { return strings.Join(q.Lines(), "; ") }

// filter is a question resolved against the reference list.
type filter struct {
	councils map[int]bool // nil: any council
	from, to dates.Day
	measures map[findings.Measure]bool
	areas    map[findings.Area]bool
}

// asked are the question's measures and areas, in the table's order.
func (f *filter) asked() ([]findings.Measure, []findings.Area) {
	var ms []findings.Measure
	for _, m := range findings.Measures() {
		if f.measures[m] {
			ms = append(ms, m)
		}
	}
	var as []findings.Area
	for a := findings.Overall; a < findings.NumAreas; a++ {
		if f.areas[a] {
			as = append(as, a)
		}
	}
	return ms, as
}

// Check says what is wrong with the question's councils, regions, measures,
// areas or dates, if anything, as a run would refuse them.
func (q Question) Check() error {
	_, err := q.compile(reference.Default())
	return err
}

// compile resolves names, regions, measures and areas, saying what is wrong
// with any that do not exist.
func (q Question) compile(ref *reference.List) (*filter, error) {
	f := &filter{from: q.From, to: q.To}
	if q.From != 0 && q.To != 0 && q.From > q.To {
		return nil, fmt.Errorf("--from %s is after --to %s", q.From, q.To)
	}
	var problems []string
	if len(q.Councils) > 0 || len(q.Regions) > 0 {
		f.councils = map[int]bool{}
	}
	for _, name := range q.Councils {
		cands := ref.Candidates(name)
		if len(cands) == 0 {
			_, err := ref.Resolve(name, dates.MinDay, dates.MaxDay)
			problems = append(problems, err.Error())
			continue
		}
		for _, c := range cands {
			f.councils[c.Index] = true
		}
	}
	for _, reg := range q.Regions {
		found := false
		for _, r := range reference.Regions {
			if strings.EqualFold(reference.Fold(r), reference.Fold(reg)) {
				found = true
				for _, c := range ref.Councils {
					if c.Region == r {
						f.councils[c.Index] = true
					}
				}
			}
		}
		if !found {
			problems = append(problems, fmt.Sprintf("region %q is not one of %s", reg, strings.Join(reference.Regions, ", ")))
		}
	}
	measures := q.Measures
	if len(measures) == 0 && len(q.Areas) > 0 {
		measures = []string{"grade"}
	}
	if len(measures) > 0 {
		f.measures = map[findings.Measure]bool{}
	}
	for _, m := range measures {
		mm, ok := findings.ParseMeasure(strings.ToLower(strings.TrimSpace(m)))
		if !ok {
			var names []string
			for _, x := range findings.Measures() {
				names = append(names, x.String())
			}
			problems = append(problems, fmt.Sprintf("measure %q is not one of %s", m, strings.Join(names, ", ")))
			continue
		}
		f.measures[mm] = true
	}
	if len(q.Areas) > 0 {
		f.areas = map[findings.Area]bool{}
	}
	for _, a := range q.Areas {
		found := false
		for ar := findings.Overall; ar < findings.NumAreas; ar++ {
			if ar.String() == strings.ToLower(strings.TrimSpace(a)) {
				f.areas[ar], found = true, true
			}
		}
		if !found {
			var names []string
			for ar := findings.Overall; ar < findings.NumAreas; ar++ {
				names = append(names, ar.String())
			}
			problems = append(problems, fmt.Sprintf("area %q is not one of %s", a, strings.Join(names, ", ")))
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, errors.New(strings.Join(problems, "; "))
	}
	return f, nil
}

func (f *filter) keep(fd *findings.Finding) bool {
	switch {
	case f.councils != nil && !f.councils[int(fd.Council)]:
		return false
	case f.from != 0 && fd.Date.End() < f.from, f.to != 0 && fd.Date.Day > f.to:
		return false
	case f.measures != nil && !f.measures[fd.Measure]:
		return false
	case f.areas != nil && fd.Measure == findings.Grade && !f.areas[fd.Area]:
		return false
	}
	return true
}

// keepPoint says whether a point of the workforce series is in the
// question's period and measures.
func (f *filter) keepPoint(w metrics.WorkforceRow) bool {
	switch {
	case f.from != 0 && w.Date.End() < f.from, f.to != 0 && w.Date.Day > f.to:
		return false
	case f.measures != nil && !f.measures[w.Measure]:
		return false
	}
	return true
}

// apply keeps the findings that match; it returns how many there were.
func (f *filter) apply(in *intake.Result) int {
	before := len(in.Findings)
	kept := in.Findings[:0]
	for i := range in.Findings {
		if f.keep(&in.Findings[i]) {
			kept = append(kept, in.Findings[i])
		}
	}
	in.Findings = kept
	return before
}

// group is the councils the question asks about, named for a reader: a
// region, a council, a few councils by name, or England when it names
// none.
func (q Question) group(ref *reference.List, f *filter, asOf dates.Day) metrics.Group {
	var g metrics.Group
	for i := range f.councils {
		g.Members = append(g.Members, i)
	}
	sort.Ints(g.Members)
	switch {
	case f.councils == nil:
		g.Name, g.England = metrics.EnglandName, true
		for _, c := range ref.Councils {
			if c.ExistsOn(asOf) {
				g.Members = append(g.Members, c.Index)
			}
		}
		return g
	case len(q.Regions) == 1 && len(q.Councils) == 0:
		for _, r := range reference.Regions {
			if strings.EqualFold(reference.Fold(r), reference.Fold(q.Regions[0])) {
				g.Name, g.Region, g.IsRegion = r, r, true
			}
		}
		return g
	}
	var names []string
	regions := map[string]bool{}
	for _, i := range g.Members {
		c := ref.Councils[i]
		if c.ExistsOn(asOf) || len(g.Members) <= 3 {
			names = append(names, c.Name)
		}
		regions[c.Region] = true
	}
	switch {
	case len(names) <= 3:
		g.Name = prose.JoinAnd(names)
	default:
		g.Name = fmt.Sprintf("the %d councils asked about", len(names))
	}
	if len(regions) == 1 {
		for r := range regions {
			g.Region = r
		}
	}
	return g
}
