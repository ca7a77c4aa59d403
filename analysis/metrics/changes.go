package metrics

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// What changed since the previous report its readers received (spec v3):
// the report is compared with a Snapshot of that report, read back from
// its folder (a scheduled job's previous month, or --compare-with), or,
// without one, recomputed from the same inputs a month earlier.

// Change kinds, in the order the Changes table and the summary list them:
// most important first.
const (
	ChangeGrade      = "grade changed"
	ChangeInspection = "new inspection"
	ChangeLate       = "late arrival"
	ChangeRelease    = "new official figures" // a national release, England's row
	ChangeOfficial   = "new official figure"
	ChangeRevised    = "figure revised"
	ChangeSuppressed = "figure now suppressed"
	ChangeVisit      = "new visit"
	ChangeOther      = "new figure from another source"
	ChangeAdded      = "council added"
	ChangeGone       = "council gone"
)

// ChangeKinds lists the kinds in order.
var ChangeKinds = []string{ChangeGrade, ChangeInspection, ChangeLate, ChangeRelease, ChangeOfficial, ChangeRevised,
	ChangeSuppressed, ChangeVisit, ChangeOther, ChangeAdded, ChangeGone}

// Thresholds are kept for callers that list only large moves; a change of
// figure is listed whatever its size (a new release is news).
type Thresholds map[findings.Measure]float64

// DefaultThresholds are the table of measures' (findings.Def.Threshold):
// what the summary calls a large move.
var DefaultThresholds = func() Thresholds {
	th := Thresholds{}
	for _, m := range WorkforceMeasures {
		th[m] = m.Def().Threshold
	}
	return th
}()

// Change is one thing that is different in a report from the previous one.
type Change struct {
	Kind    string
	Council *reference.Council // nil for England's row
	// Concerns is what changed: "overall grade", "leadership", an area,
	// "inspection", "visit", a measure's name, or "council".
	Concerns   string
	Before     string // the value in the previous report, in words
	BeforeDate dates.Date
	After      string // the value now
	AfterDate  dates.Date
	Published  dates.Date // when what is new was published
	Source     string     // the kinds of source
	Link       string     // the document it comes from, when there is an address
	Detail     string     // one plain-English sentence
	// Move is how far a figure moved (now minus before) when both are
	// numbers; Large marks a move beyond its measure's threshold.
	Move  float64
	Large bool
}

// Snapshot is what a previous report said: enough of it to say what is
// different now.
type Snapshot struct {
	AsOf dates.Day
	// From says where it came from, for the reader: "the report as of 1
	// November 2026 in monthly/2026-11".
	From string
	// Recomputed is true when it was computed from this run's inputs
	// rather than read from what readers received: late arrivals cannot
	// be seen.
	Recomputed bool
	// Councils are the previous councils.csv rows by council name, each
	// by column name; values as the CSV has them, codes bare ("x"), a
	// blank as "".
	Councils map[string]map[string]string
	// Inspections and Visits are the dates of the grades and visits the
	// previous report had, by council name (visits as "kind date").
	// Inspections is nil when the report listed no findings (a councils
	// job's folder): then every inspection up to a council's latest
	// judgement_date counts as known.
	Inspections map[string][]dates.Date
	Visits      map[string]map[string]bool
	// England is the previous regions.csv England row by column.
	England map[string]string
}

// SnapshotOf is the snapshot of a report computed from the same inputs.
func SnapshotOf(r *Report) *Snapshot {
	s := &Snapshot{AsOf: r.AsOf, Recomputed: true, Councils: map[string]map[string]string{},
		Inspections: map[string][]dates.Date{}, Visits: map[string]map[string]bool{}, England: map[string]string{}}
	for _, c := range r.Councils {
		row := make(map[string]string, len(CouncilColumns))
		for _, col := range CouncilColumns {
			row[col.Name] = BareCode(col.Get(c).String(col.Kind))
		}
		s.Councils[c.Ref.Name] = row
		for _, h := range c.History {
			s.Inspections[c.Ref.Name] = append(s.Inspections[c.Ref.Name], h.Date)
		}
		for _, v := range c.Visits {
			if s.Visits[c.Ref.Name] == nil {
				s.Visits[c.Ref.Name] = map[string]bool{}
			}
			s.Visits[c.Ref.Name][VisitKey(v.Kind.String(), v.Date)] = true
		}
	}
	for _, rr := range r.RegionRows {
		if rr.England {
			for _, col := range RegionColumns {
				s.England[col.Name] = BareCode(col.Get(rr).String(col.Kind))
			}
		}
	}
	return s
}

// VisitKey names a visit in a Snapshot.
func VisitKey(kind string, d dates.Date) string { return kind + " " + d.String() }

// BareCode writes a suppression code as the open-data files do ("x" for
// "[x]"); other values are unchanged.
func BareCode(s string) string {
	if c, ok := findings.ParseCode(s); ok && strings.HasPrefix(s, "[") {
		return c.Bare()
	}
	return s
}

// Changes lists what is different in cur from the previous report prev,
// in ChangeKinds order, then by region and council; fs are the run's
// accepted findings (for the documents of new inspections).
func Changes(prev *Snapshot, cur *Report, fs []findings.Finding) []Change {
	var out []Change
	add := func(c Change) {
		// Something published on or before the previous report's day
		// that it did not have reached the inputs late.
		if !prev.Recomputed && c.Kind != ChangeGone && c.Kind != ChangeAdded && c.Kind != ChangeRelease &&
			c.Kind != ChangeGrade && !c.Published.IsZero() && c.Published.Day <= prev.AsOf {
			c.Detail = "Published " + c.Published.String() + ", before the previous report, but not in it: " + lowerFirst(c.Detail)
			c.Kind = ChangeLate
		}
		out = append(out, c)
	}
	docs := inspectionDocuments(cur, fs)
	now := map[string]bool{}
	for _, c := range cur.Councils {
		now[c.Ref.Name] = true
		p, had := prev.Councils[c.Ref.Name]
		if !had {
			if len(prev.Councils) > 0 {
				add(Change{Kind: ChangeAdded, Council: c.Ref, Concerns: "council", After: c.Ref.Name,
					Detail: c.Ref.Name + " is in this report and was not in the previous one."})
			}
			p = map[string]string{}
		}
		if !cur.isListed(c) {
			continue
		}
		for _, ch := range inspectionChanges(prev, c, p, docs[c.Ref.Index]) {
			add(ch)
		}
		for _, ch := range figureChanges(c, p) {
			add(ch)
		}
	}
	for name := range prev.Councils {
		if !now[name] {
			add(Change{Kind: ChangeGone, Concerns: "council", Before: name, Detail: name + " was in the previous report and no longer exists on this report's date."})
		}
	}
	out = append(out, releaseChanges(prev, cur)...)
	order := map[string]int{}
	for i, k := range ChangeKinds {
		order[k] = i
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if order[a.Kind] != order[b.Kind] {
			return order[a.Kind] < order[b.Kind]
		}
		ra, rb := regionOf(a.Council), regionOf(b.Council)
		if ra != rb {
			return ra < rb
		}
		if na, nb := nameOf(a.Council), nameOf(b.Council); na != nb {
			return na < nb
		}
		if ca, cb := concernRank(a.Concerns), concernRank(b.Concerns); ca != cb {
			return ca < cb
		}
		return a.Concerns < b.Concerns
	})
	return out
}

// concernRank puts the overall grade before leadership, and the
// workforce measures in the table of measures' order.
func concernRank(c string) int {
	switch c {
	case "overall grade":
		return 0
	case "leadership":
		return 1
	}
	if m, ok := findings.ParseMeasure(c); ok {
		return 2 + int(m)
	}
	return 2 + findings.NumMeasures
}

func (r *Report) isListed(c *Council) bool {
	for _, l := range r.Listed {
		if l == c {
			return true
		}
	}
	return false
}

func regionOf(c *reference.Council) string {
	if c == nil {
		return ""
	}
	return c.Region
}

func nameOf(c *reference.Council) string {
	if c == nil {
		return ""
	}
	return c.Name
}

// inspectionDocument is where an inspection's grades came from.
type inspectionDocument struct {
	date   dates.Date
	source string
}

// inspectionDocuments are the addresses of the documents of each council's
// grade and visit findings (the first https address given for a date),
// for the Changes table's links.
func inspectionDocuments(r *Report, fs []findings.Finding) map[int][]inspectionDocument {
	out := map[int][]inspectionDocument{}
	for i := range fs {
		f := &fs[i]
		if (f.Measure != findings.Grade && f.Measure != findings.Visit) || !strings.HasPrefix(f.Source, "https://") || !Counts(f, r.AsOf, r.AsAt) {
			continue
		}
		out[int(f.Council)] = append(out[int(f.Council)], inspectionDocument{f.Date, f.Source})
	}
	return out
}

func documentFor(docs []inspectionDocument, d dates.Date) string {
	for _, doc := range docs {
		if doc.date == d || SameJudgement(doc.date, d) {
			return doc.source
		}
	}
	return ""
}

// knew reports whether the previous report had an inspection of the
// council on d: the same date, or the same inspection given to a month
// (news) or day (Ofsted) the other way round.
func knew(prev []dates.Date, d dates.Date) bool {
	for _, p := range prev {
		if p == d || p.Day == d.Day || SameJudgement(p, d) || SameJudgement(d, p) {
			return true
		}
	}
	return false
}

// inspectionChanges are a council's new inspections and visits and the
// changes of its overall and leadership grades.
func inspectionChanges(prev *Snapshot, c *Council, p map[string]string, docs []inspectionDocument) []Change {
	var out []Change
	name := c.Ref.Name
	for i := range c.History {
		h := &c.History[i]
		if prev.Inspections == nil && h.Date.Day <= dateOf(p["judgement_date"]).Day || knew(prev.Inspections[name], h.Date) {
			continue
		}
		what := inspectionGrades(h)
		before := previousInspection(p)
		out = append(out, Change{Kind: ChangeInspection, Council: c.Ref, Concerns: "inspection",
			Before: before, BeforeDate: dateOf(p["judgement_date"]), After: what, AfterDate: h.Date, Published: h.Published,
			Source: h.Sources.String(), Link: documentFor(docs, h.Date),
			Detail: fmt.Sprintf("%s was inspected on %s: %s.", name, h.Date, what)})
	}
	for _, v := range c.Visits {
		if prev.Visits[name][VisitKey(v.Kind.String(), v.Date)] {
			continue
		}
		out = append(out, Change{Kind: ChangeVisit, Council: c.Ref, Concerns: "visit", After: v.Kind.String() + " visit (no grade)",
			AfterDate: v.Date, Published: v.Published, Source: v.Sources.String(), Link: documentFor(docs, v.Date),
			Detail: fmt.Sprintf("Ofsted made a %s visit to %s on %s (visits give no grade).", v.Kind, name, v.Date)})
	}
	// A grade changed: the overall grade, or leadership (the judgement
	// comparable across the April 2026 framework). A first grade, or a
	// latest inspection that gave no overall grade, is not a change of
	// grade: the new inspection says it.
	for _, g := range []struct {
		col, what string
		now       GradeAt
	}{{"grade", "overall grade", c.Grade}, {"leadership", "leadership", c.Leadership}} {
		was := p[g.col]
		if g.now.Grade == findings.NoGrade || was == "" || was == "x" || was == "z" || was == g.now.Grade.String() {
			continue
		}
		out = append(out, Change{Kind: ChangeGrade, Council: c.Ref, Concerns: g.what, Before: was, BeforeDate: dateOf(p[g.col+"_date"]),
			After: g.now.Grade.String(), AfterDate: g.now.Date, Published: g.now.Published, Source: sourceOfInspection(c, g.now.Date),
			Link:   documentFor(docs, g.now.Date),
			Detail: fmt.Sprintf("%s's %s is now %s (inspected %s), %s before.", name, g.what, g.now.Grade, g.now.Date, was)})
	}
	return out
}

func sourceOfInspection(c *Council, d dates.Date) string {
	for _, h := range c.History {
		if h.Date == d {
			return h.Sources.String()
		}
	}
	return ""
}

// inspectionGrades says an inspection's grades: "overall good; leadership
// outstanding; ...", or "no overall grade (framework from April 2026); ...".
func inspectionGrades(h *Inspection) string {
	var parts []string
	if g := h.Overall(); g != findings.NoGrade {
		parts = append(parts, "overall "+g.String())
	} else {
		parts = append(parts, "no overall grade (framework from April 2026)")
	}
	for _, a := range []findings.Area{findings.Leadership, findings.HelpAndProtection, findings.ChildrenInCare, findings.CareLeavers, findings.ChildrenInCareAndCareLeavers} {
		if g := h.Grades[a]; g != findings.NoGrade {
			parts = append(parts, a.Words()+" "+g.String())
		}
	}
	return strings.Join(parts, "; ")
}

// previousInspection says the grades the previous report gave.
func previousInspection(p map[string]string) string {
	if v := p["judgement_date"]; v == "" || v == "x" || v == "z" {
		return "not inspected"
	}
	var parts []string
	if g := p["grade"]; g != "" && g != "x" && g != "z" {
		parts = append(parts, "overall "+g)
	} else {
		parts = append(parts, "no overall grade")
	}
	if g := p["leadership"]; g != "" && g != "x" && g != "z" {
		parts = append(parts, "leadership "+g)
	}
	return strings.Join(parts, "; ")
}

// figureChanges compare a council's headline figures with the previous
// report's: a new official figure (a later date), a revision (the same
// date, another value, published later), a figure now suppressed, or a
// new figure from another source.
func figureChanges(c *Council, p map[string]string) []Change {
	var out []Change
	for _, m := range WorkforceMeasures {
		f := c.Figure(m)
		if !f.OK {
			continue
		}
		name := m.String()
		def := m.Def()
		wasDate := dateOf(p[name+"_date"])
		was := p[name]
		if wasDate.IsZero() {
			was = ""
		}
		now := BareCode(Value{Code: f.Code, Num: f.Value}.String(Number))
		if f.Date == wasDate && sameValue(now, was) {
			continue
		}
		official := f.Source == findings.SourceStatistics.String()
		before, after := figureWords(def, was), figureWords(def, now)
		ch := Change{Council: c.Ref, Concerns: name, Before: before, BeforeDate: wasDate, After: after, AfterDate: f.Date,
			Published: f.Published, Source: f.Source}
		wasNum, wasNumeric := number(was)
		switch {
		case !f.Numeric() && wasNumeric:
			ch.Kind = ChangeSuppressed
			ch.Detail = fmt.Sprintf("%s's %s for %s is %s (%s); it was %s for %s.", c.Ref.Name, def.Short(), f.Date, after, f.Code.Meaning(), before, wasDate)
		case official && f.Date == wasDate:
			ch.Kind = ChangeRevised
			ch.Detail = fmt.Sprintf("%s's %s for %s was revised from %s to %s.", c.Ref.Name, def.Short(), f.Date, before, after)
		case official:
			ch.Kind = ChangeOfficial
			ch.Detail = fmt.Sprintf("%s's %s for %s is %s", c.Ref.Name, def.Short(), f.Date, after)
			if wasNumeric {
				ch.Detail += fmt.Sprintf(", from %s for %s", before, wasDate)
			}
			ch.Detail += "."
		default:
			ch.Kind = ChangeOther
			ch.Detail = fmt.Sprintf("%s reported %s's %s as %s for %s (not official statistics).", f.Source, c.Ref.Name, def.Short(), after, f.Date)
		}
		if f.Numeric() && wasNumeric {
			ch.Move = clean(f.Value - wasNum)
			ch.Large = abs(ch.Move) > def.Threshold
		}
		out = append(out, ch)
	}
	return out
}

// releaseChanges are England's medians at a new reference period: a
// national release reaching half of England's councils.
func releaseChanges(prev *Snapshot, cur *Report) []Change {
	var out []Change
	for _, m := range WorkforceMeasures {
		after := cur.EnglandMedian(m)
		beforeDate := dateOf(prev.England[m.String()+"_median_date"])
		if !after.OK || !beforeDate.IsZero() && after.Date.Day <= beforeDate.Day {
			continue
		}
		def := m.Def()
		before := figureWords(def, prev.England[m.String()+"_median"])
		if beforeDate.IsZero() {
			before = ""
		}
		d := fmt.Sprintf("England's median %s for %s is %s over %d councils' figures", def.Short(), after.Date, def.Format(after.Value), after.N)
		if before != "" {
			d += fmt.Sprintf(", from %s for %s", before, beforeDate)
		}
		out = append(out, Change{Kind: ChangeRelease, Concerns: m.String(), Before: before, BeforeDate: beforeDate,
			After: def.Format(after.Value), AfterDate: after.Date, Source: findings.SourceStatistics.String(), Detail: d + "."})
	}
	return out
}

// figureWords writes a figure for a reader: "14.2%", "16.6", or a code's
// meaning; "none" when there was none.
func figureWords(d *findings.Def, v string) string {
	if v == "" {
		return "none"
	}
	if n, ok := number(v); ok {
		return d.Format(n)
	}
	if c, ok := findings.ParseCode(v); ok {
		return c.String()
	}
	return v
}

func number(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	n, err := strconv.ParseFloat(s, 64)
	return n, err == nil
}

func sameValue(a, b string) bool {
	na, oka := number(a)
	nb, okb := number(b)
	if oka && okb {
		return na == nb
	}
	return a == b
}

func dateOf(s string) dates.Date {
	d, err := dates.Parse(s)
	if err != nil {
		return dates.Date{}
	}
	return d
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// PreviousMonth is the report date a month before d (the last day of the
// shorter month when d's day does not exist in it).
func PreviousMonth(d dates.Day) dates.Day {
	y, m, dd := d.YMD()
	m--
	if m == 0 {
		y, m = y-1, 12
	}
	return dates.FromYMD(y, m, min(dd, dates.DaysIn(y, m)))
}

// ChangeColumns are changes.csv and the Changes sheet.
var ChangeColumns = []Column[Change]{
	{Name: "change", Header: "What changed", Kind: Text, Group: groupChanges,
		Definition: "grade changed, new inspection, late arrival (published before the previous report but not in it), new official figures (England), new official figure, figure revised, figure now suppressed, new visit, new figure from another source, council added or gone.",
		Get:        func(c Change) Value { return text(c.Kind) }},
	{Name: "la_name", Header: "Local authority", Kind: Text, Definition: "The council (blank for England's figures).", Get: func(c Change) Value { return text(nameOf(c.Council)) }},
	{Name: "new_la_code", Header: "New LA code (ONS)", Kind: Text, Definition: "The council's ONS code.", Get: func(c Change) Value {
		if c.Council == nil {
			return Value{Blank: true}
		}
		return text(c.Council.GSS)
	}},
	{Name: "old_la_code", Header: "Old LA code (DfE)", Kind: Text, Definition: "The council's DfE code.", Get: func(c Change) Value {
		if c.Council == nil {
			return Value{Blank: true}
		}
		return text(c.Council.DfE)
	}},
	{Name: "region_name", Header: "Region", Kind: Text, Definition: "The council's region (blank for England).", Get: func(c Change) Value { return text(regionOf(c.Council)) }},
	{Name: "concerns", Header: "About", Kind: Text, Group: groupChanges, Definition: "What changed: overall grade, leadership, inspection, visit, a workforce measure, or council.", Get: func(c Change) Value { return text(c.Concerns) }},
	{Name: "before", Header: "Previous report", Kind: Text, Group: groupChanges, Blank: findings.NotApplicable, Definition: "The value in the previous report; blank when it had none.", Get: func(c Change) Value { return text(c.Before) }},
	{Name: "before_date", Header: "Date (previous report)", Kind: Date, Group: groupChanges, Blank: findings.NotApplicable, Definition: "The date of the value in the previous report (an inspection's or figure's date).", Get: func(c Change) Value { return date(c.BeforeDate) }},
	{Name: "after", Header: "This report", Kind: Text, Group: groupChanges, Blank: findings.NotApplicable, Definition: "The value now.", Get: func(c Change) Value { return text(c.After) }},
	{Name: "after_date", Header: "Date (this report)", Kind: Date, Group: groupChanges, Blank: findings.NotApplicable, Definition: "The date of the value now.", Get: func(c Change) Value { return date(c.AfterDate) }},
	{Name: "published", Header: "Published", Kind: Date, Group: groupChanges, Definition: "When what is new was published (the report, the statistics release, the article).", Get: func(c Change) Value { return date(c.Published) }},
	{Name: "source_type", Header: "Source", Kind: Text, Group: groupChanges, Definition: "The kinds of source it comes from.", Get: func(c Change) Value { return text(c.Source) }},
	{Name: "link", Header: "Document", Kind: Text, Group: groupChanges, Blank: findings.NotApplicable, Definition: "The address of the document it comes from, when the findings give one.", Get: func(c Change) Value { return text(c.Link) }},
	{Name: "detail", Header: "Detail", Kind: Text, Group: groupChanges, Definition: "What is different, in one plain-English sentence.", Get: func(c Change) Value { return text(c.Detail) }},
}
