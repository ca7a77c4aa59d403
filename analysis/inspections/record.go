package inspections

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// Ofsted's own record of every council's inspection judgements, compact,
// so that a grade read from a news story or a council paper can be checked
// against what Ofsted published (docs/extraction.md "Grades checked against
// Ofsted's record"). record.csv is generated from fixtures/real by
// `make real-fixtures` (go run ./analysis/inspections/gen -record); a test
// checks the embedded copy equals what BuildRecord makes from there.
//
//go:embed record.csv
var recordCSV string

// RecordHeader is record.csv's header.
const RecordHeader = "council,inspected,published,area,grade"

// RecordInspection is one graded inspection in the record.
type RecordInspection struct {
	Council              string            // the reference list's name
	Inspected, Published dates.Day         // first day (the publication day where no source gives it); publication
	Grades               map[string]string // area (findings' names) -> grade (outstanding, good, requires improvement, inadequate)
}

// Record is the official judgements by council.
type Record struct {
	id        string // SHA-256 of the table read, in hex
	ref       *reference.List
	byCouncil map[int][]*RecordInspection // reference index -> inspections, oldest first
	last      dates.Day                   // the latest publication it holds: where it ends
}

var (
	defaultRecordOnce sync.Once
	defaultRecord     *Record
)

// DefaultRecord is the embedded record resolved against the embedded
// reference list. It panics if the embedded file is broken, which the
// package's tests catch.
func DefaultRecord() *Record {
	defaultRecordOnce.Do(func() {
		r, err := ParseRecord(strings.NewReader(recordCSV), reference.Default())
		if err != nil {
			panic(err)
		}
		defaultRecord = r
	})
	return defaultRecord
}

// ParseRecord reads a table in record.csv's form.
func ParseRecord(in io.Reader, ref *reference.List) (*Record, error) {
	h := sha256.New()
	recs, err := csv.NewReader(io.TeeReader(in, h)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("record: %w", err)
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != RecordHeader {
		return nil, fmt.Errorf("record: the header must be %s", RecordHeader)
	}
	r := &Record{id: hex.EncodeToString(h.Sum(nil)), ref: ref, byCouncil: map[int][]*RecordInspection{}}
	type key struct {
		c      int
		i, pub dates.Day
	}
	seen := map[key]*RecordInspection{}
	for n, row := range recs[1:] {
		in, err1 := dates.Parse(row[1])
		pub, err2 := dates.Parse(row[2])
		if err1 != nil || err2 != nil || in.Prec != dates.PrecDay || pub.Prec != dates.PrecDay {
			return nil, fmt.Errorf("record line %d: the dates must be days (YYYY-MM-DD): %q, %q", n+2, row[1], row[2])
		}
		c, err := ref.Resolve(row[0], in.Day, in.Day)
		if err != nil {
			return nil, fmt.Errorf("record line %d: %w", n+2, err)
		}
		g := normGrade(row[4])
		if g == "" {
			return nil, fmt.Errorf("record line %d: grade %q is not outstanding, good, requires improvement or inadequate", n+2, row[4])
		}
		k := key{c.Index, in.Day, pub.Day}
		x := seen[k]
		if x == nil {
			x = &RecordInspection{Council: c.Name, Inspected: in.Day, Published: pub.Day, Grades: map[string]string{}}
			seen[k] = x
			r.byCouncil[k.c] = append(r.byCouncil[k.c], x)
			r.last = max(r.last, pub.Day)
		}
		x.Grades[row[3]] = g
	}
	for _, xs := range r.byCouncil {
		sort.Slice(xs, func(i, j int) bool { return xs[i].Inspected < xs[j].Inspected })
	}
	return r, nil
}

// ID names the table the record was read from (its SHA-256): a result
// checked against another record is not this one's.
func (r *Record) ID() string { return r.id }

// normGrade is a grade in the findings' words; "" when it is none of the
// four.
func normGrade(v string) string {
	if g, ok := findings.ParseGrade(v); ok {
		return g.String()
	}
	return ""
}

// BuildRecord makes record.csv from the findings-format files of Ofsted's
// judgements (fixtures/real/ofsted_judgements_2009_2025.csv, then
// ofsted_reports_after_2025-05-14.csv): their grade rows only, councils
// named as the reference list names them (the scrape gives GSS codes),
// sorted, one row per judgement, duplicates dropped.
func BuildRecord(ref *reference.List, files map[string]io.Reader) ([]byte, error) {
	type row struct{ council, inspected, published, area, grade string }
	var rows []row
	seen := map[row]bool{}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		recs, err := csv.NewReader(files[name]).ReadAll()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if len(recs) == 0 {
			return nil, fmt.Errorf("%s: empty", name)
		}
		col := map[string]int{}
		for i, h := range recs[0] {
			col[h] = i
		}
		for _, h := range []string{"council", "date", "published", "measure", "value", "area"} {
			if _, ok := col[h]; !ok {
				return nil, fmt.Errorf("%s: no %s column (the findings format is expected)", name, h)
			}
		}
		for i, r := range recs[1:] {
			if r[col["measure"]] != "grade" {
				continue
			}
			d, err := dates.Parse(r[col["date"]])
			if err != nil {
				return nil, fmt.Errorf("%s line %d: date: %w", name, i+2, err)
			}
			c, err := ref.Resolve(r[col["council"]], d.Day, d.End())
			if err != nil {
				return nil, fmt.Errorf("%s line %d: %w", name, i+2, err)
			}
			g := normGrade(r[col["value"]])
			area := r[col["area"]]
			if g == "" || area == "" {
				return nil, fmt.Errorf("%s line %d: grade %q for area %q is not a judgement", name, i+2, r[col["value"]], area)
			}
			x := row{c.Name, r[col["date"]], r[col["published"]], area, g}
			if x.published == "" {
				x.published = x.inspected
			}
			if !seen[x] {
				seen[x] = true
				rows = append(rows, x)
			}
		}
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.council != b.council {
			return a.council < b.council
		}
		if a.inspected != b.inspected {
			return a.inspected < b.inspected
		}
		if a.published != b.published {
			return a.published < b.published
		}
		return a.area < b.area
	})
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(strings.Split(RecordHeader, ","))
	for _, x := range rows {
		w.Write([]string{x.council, x.inspected, x.published, x.area, x.grade})
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// Verdict is what the record says of a grade read from a text.
type Verdict uint8

const (
	// Unchecked: outside the record's coverage (before the council's first
	// inspection in it or after its last, a council it does not hold), or
	// the inspections near the date do not grade that area.
	Unchecked Verdict = iota
	// Corroborated: an inspection near the date gave that area that grade.
	Corroborated
	// Contradicted: inspections near the date graded that area otherwise.
	Contradicted
	// Absent: no inspection of the council near the date, though the
	// record has inspections of it before and after.
	Absent
)

// RecordSlack widens a text's date either side: a text may date a grade by
// the report's publication, by the inspection's month, or by a year, and a
// report is published up to three months or so after the inspection.
const RecordSlack = 120 // days

// Checked is a grade's verdict and the inspection it rests on (nil when
// Unchecked or Absent).
type Checked struct {
	Verdict    Verdict
	Inspection *RecordInspection
	Area       string // the record's area compared (children_in_care_and_care_leavers for an ILACS 2018-23 children_in_care)
	Grade      string // what the record gives for it
	// Window is the text's period widened by RecordSlack.
	From, To dates.Day
	Council  string // the council whose record was read (a joint service's member)
}

// areasFor are the record's areas that stand for a text's area: the area
// itself, else ILACS 2018-23's joint judgement for children in care or care
// leavers, else (for the joint judgement) the separate ones.
var areaAliases = map[string][]string{
	"children_in_care":                  {"children_in_care_and_care_leavers"},
	"care_leavers":                      {"children_in_care_and_care_leavers"},
	"children_in_care_and_care_leavers": {"children_in_care", "care_leavers"},
}

// Check compares a grade for a council's area, dated as the text dates it,
// with the record. A council of a joint service (Achieving for Children)
// is checked against the service's inspections too.
func (r *Record) Check(council string, date dates.Date, area, grade string) Checked {
	out := Checked{From: date.Day - RecordSlack, To: date.End() + RecordSlack}
	grade = normGrade(grade)
	if grade == "" || date.IsZero() || len(r.ref.Candidates(council)) == 0 {
		return out
	}
	out.Council = council
	near, before, after := r.around(council, out.From, out.To)
	var graded []*RecordInspection
	var gradedArea []string
	for _, x := range near {
		if a, g := gradeOf(x, area); g != "" {
			graded = append(graded, x)
			gradedArea = append(gradedArea, a)
			if g == grade && out.Verdict != Corroborated {
				out.Verdict, out.Inspection, out.Area, out.Grade = Corroborated, x, a, g
			}
		}
	}
	switch {
	case out.Verdict == Corroborated:
	case len(graded) > 0:
		// The nearest inspection grading the area is the one named.
		best := 0
		for i, x := range graded {
			if dist(x, date) < dist(graded[best], date) {
				best = i
			}
		}
		x := graded[best]
		out.Verdict, out.Inspection, out.Area, out.Grade = Contradicted, x, gradedArea[best], x.Grades[gradedArea[best]]
	case len(near) == 0 && before && after && !inGap(date):
		out.Verdict = Absent
	}
	return out
}

// around are the council's inspections carried out or published from
// from to to, and whether the record has inspections of it published
// before from and others after to. Every council of the name counts: a
// name two councils have had (Dorset before and after 2019) is one
// service's history to a reader.
func (r *Record) around(council string, from, to dates.Day) (near []*RecordInspection, before, after bool) {
	in := func(d dates.Day) bool { return d >= from && d <= to }
	for _, x := range r.Inspections(council) {
		switch {
		case in(x.Inspected) || in(x.Published):
			near = append(near, x)
		case x.Published < from:
			before = true
		default:
			after = true
		}
	}
	return near, before, after
}

// Reported checks that a council had an inspection whose report a text
// dated at date can be from (recommendations are a graded inspection's):
// Corroborated with the nearest such inspection, Absent when none is
// within RecordSlack of the date though the record holds the council's
// inspections before it and would hold one then (it has one after, or it
// runs past the window: its later reports are in it), else Unchecked.
func (r *Record) Reported(council string, date dates.Date) Checked {
	out := Checked{From: date.Day - RecordSlack, To: date.End() + RecordSlack}
	if date.IsZero() || len(r.ref.Candidates(council)) == 0 {
		return out
	}
	out.Council = council
	near, before, after := r.around(council, out.From, out.To)
	for _, x := range near {
		if out.Inspection == nil || dist(x, date) < dist(out.Inspection, date) {
			out.Verdict, out.Inspection = Corroborated, x
		}
	}
	if out.Verdict == Unchecked && before && (after || out.To < r.last) && !inGap(date) {
		out.Verdict = Absent
	}
	return out
}

// Inspections are the record's inspections of every council of the name
// (a name two councils have had is one service's history to a reader),
// with those of a joint service it was a member of when inspected.
func (r *Record) Inspections(council string) []*RecordInspection {
	var xs []*RecordInspection
	for _, c := range r.ref.Candidates(council) {
		xs = append(xs, r.byCouncil[c.Index]...)
		for _, p := range r.ref.Partners(c.Index) {
			for _, x := range r.byCouncil[p] {
				if r.ref.JointIndex(c.Index, x.Inspected) >= 0 {
					xs = append(xs, x)
				}
			}
		}
	}
	return xs
}

// gradeOf is the inspection's grade for a text's area, through the
// aliases; the area compared and "" when it grades none of them.
func gradeOf(x *RecordInspection, area string) (string, string) {
	if g, ok := x.Grades[area]; ok {
		return area, g
	}
	for _, a := range areaAliases[area] {
		if g, ok := x.Grades[a]; ok {
			return a, g
		}
	}
	return "", ""
}

// The record's statistics do not hold the child protection inspections of
// June 2012 to November 2013 (between the SLAC and the SIF frameworks,
// graded overall), so a grade dated then may be from an inspection the
// record lacks: no inspection near it is not evidence against it.
var (
	cpiFrom = dates.FromYMD(2012, 5, 1)
	cpiTo   = dates.FromYMD(2013, 11, 30)
)

func inGap(d dates.Date) bool { return d.Day <= cpiTo && d.End() >= cpiFrom }

// dist is how far an inspection's days lie from a text's period.
func dist(x *RecordInspection, d dates.Date) int {
	best := -1
	for _, day := range []dates.Day{x.Inspected, x.Published} {
		n := 0
		switch {
		case day < d.Day:
			n = int(d.Day - day)
		case day > d.End():
			n = int(day - d.End())
		}
		if best < 0 || n < best {
			best = n
		}
	}
	return best
}

// Reason is the verdict in words for a reader of review.csv or a note.
func (c Checked) Reason(council string, date string) string {
	switch c.Verdict {
	case Corroborated, Contradicted:
		x := c.Inspection
		s := fmt.Sprintf("Ofsted's record gives %s %s for %s at the inspection from %s, published %s",
			council, c.Grade, strings.ReplaceAll(c.Area, "_", " "), x.Inspected, x.Published)
		if x.Council != council {
			s += " (inspected as " + x.Council + ", a joint service)"
		}
		return s
	case Absent:
		return fmt.Sprintf("no inspection of %s near %s in Ofsted's record (none from %s to %s, though it has inspections before and after)",
			council, date, c.From, c.To)
	}
	return ""
}
