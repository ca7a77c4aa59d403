package official

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// Inspection is one inspection as a source dates it.
type Inspection struct {
	Council   string    // as the source writes it: name, GSS or DfE code
	Start     dates.Day // its first day
	Published dates.Day // the report's publication day
	Source    string    // the file, for notes
}

// InspectionsIn lists the inspections that grade records date by both
// days (the ILACS history, the as-at and in-year 2024-25 sheets, the scrape).
func InspectionsIn(recs []Record, source string) []Inspection {
	seen := map[string]bool{}
	var out []Inspection
	for _, r := range recs {
		if r.Dating != ByInspection || r.Raw[findings.ColMeasure] != findings.Grade.String() || r.Raw[findings.ColPublished] == "" {
			continue
		}
		start, err1 := dates.Parse(r.Raw[findings.ColDate])
		pub, err2 := dates.Parse(r.Raw[findings.ColPublished])
		if err1 != nil || err2 != nil || start.Prec != dates.PrecDay || pub.Prec != dates.PrecDay {
			continue
		}
		k := r.Raw[findings.ColCouncil] + "|" + start.String()
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, Inspection{Council: r.Raw[findings.ColCouncil], Start: start.Day, Published: pub.Day, Source: filepath.Base(source)})
	}
	return out
}

// ReadInspections reads the documents.csv that `oversight extract` writes:
// every report with a council (gss_code, else council), an inspection_start
// and a published day is an inspection as the report itself dates it.
// Other rows (letters, articles, rejected files) are passed over.
func ReadInspections(r io.Reader, name string) ([]Inspection, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	h := newHeader(cleanHeader(header))
	cGSS, cName, cStart, cPub, cFile := h.find("gss_code"), h.find("council"), h.find("inspection_start"), h.find("published"), h.find("file")
	if cStart < 0 || cPub < 0 || (cGSS < 0 && cName < 0) {
		return nil, fmt.Errorf("%s: not a documents.csv of oversight extract (it needs gss_code or council, inspection_start and published)", name)
	}
	var out []Inspection
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s: line %d: %v", name, pe.Line, pe.Err)
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		rw := row{cells: rec}
		start, ok1 := parseDay(rw.cell(cStart))
		pub, ok2 := parseDay(rw.cell(cPub))
		council := pick(rw.cell(cGSS), rw.cell(cName))
		if !ok1 || !ok2 || council == "" {
			continue
		}
		src := filepath.Base(name)
		if f := rw.cell(cFile); f != "" {
			src = filepath.Base(f)
		}
		out = append(out, Inspection{Council: council, Start: start.Day, Published: pub.Day, Source: src})
	}
}

// RedateStats counts what Redate did to grade and visit records.
type RedateStats struct {
	// Redated records now carry the inspection's first day; Undated are
	// still dated by their publication day, no source giving the
	// inspection (their notes say so).
	Redated, Undated int
	// Published records were given the publication day they lacked;
	// Unpublished still have none (published blank: known from the
	// inspection day, which is early by the weeks a report takes).
	Published, Unpublished int
}

// PublicationSlack is how far apart two sources may put one report's
// publication day: Ofsted's statistics and the report's printed date
// differ by up to five days in the 332 reports (the day a report was
// dated and the day it went on the site).
const PublicationSlack = 7

// StartSlack is how far apart two of Ofsted's files put one inspection's
// first day: the 2022-23 in-year sheet has Cumbria's as 21 September 2022,
// the ILACS history 20 September; no other inspection differs.
const StartSlack = 2

// Redate fills in, from the inspections other sources date by both days,
// what a file could not give:
//
//   - a ByPublication record (the 2009-2023 sheet: publication days only)
//     takes the first day of the council's inspection whose report was
//     published within PublicationSlack days of its own, and becomes
//     ByInspection;
//   - a ByInspection record without a published day (the as-at 2023 and
//     in-year 2022-23 sheets) takes the publication day of the council's
//     inspection that started the same day (within StartSlack days, taking
//     that source's first day too).
//
// Councils are matched through ref for the day. Each change is said in
// the record's note, with the source it came from.
func Redate(recs []Record, known []Inspection, ref *reference.List) RedateStats {
	var st RedateStats
	byCouncil := map[int][]Inspection{}
	for _, k := range known {
		if c := resolve(ref, k.Council, k.Start); c != nil {
			byCouncil[c.Index] = append(byCouncil[c.Index], k)
		}
	}
	for _, ks := range byCouncil {
		sort.SliceStable(ks, func(i, j int) bool { return ks[i].Start < ks[j].Start })
	}
	for i := range recs {
		r := &recs[i]
		if r.Dating == NotDated {
			continue
		}
		date, err := dates.Parse(r.Raw[findings.ColDate])
		if err != nil {
			continue
		}
		c := resolve(ref, r.Raw[findings.ColCouncil], date.Day)
		switch {
		case r.Dating == ByPublication:
			var best *Inspection
			if c != nil {
				for k, in := range byCouncil[c.Index] {
					d := abs(int(in.Published) - int(date.Day))
					if d <= PublicationSlack && in.Start <= in.Published && (best == nil || d < abs(int(best.Published)-int(date.Day))) {
						best = &byCouncil[c.Index][k]
					}
				}
			}
			if best == nil {
				st.Undated++
				r.Raw[findings.ColNote] += "; no source gives this inspection's first day, so it is dated by the report's publication day"
				continue
			}
			r.Raw[findings.ColDate] = best.Start.String()
			r.Raw[findings.ColNote] += fmt.Sprintf("; inspected from %s, as %s gives it", best.Start, best.Source)
			r.Dating = ByInspection
			st.Redated++
		case r.Raw[findings.ColPublished] == "":
			var found *Inspection
			if c != nil && date.Prec == dates.PrecDay {
				for k, in := range byCouncil[c.Index] {
					d := abs(int(in.Start) - int(date.Day))
					if d <= StartSlack && (found == nil || d < abs(int(found.Start)-int(date.Day))) {
						found = &byCouncil[c.Index][k]
					}
				}
			}
			if found == nil {
				st.Unpublished++
				continue
			}
			r.Raw[findings.ColPublished] = found.Published.String()
			r.Raw[findings.ColNote] += fmt.Sprintf("; published %s, as %s gives it", found.Published, found.Source)
			if found.Start != date.Day {
				r.Raw[findings.ColDate] = found.Start.String()
				r.Raw[findings.ColNote] += fmt.Sprintf(", which gives %s as the first day of inspection (this file: %s)", found.Start, date)
			}
			st.Published++
		}
	}
	return st
}

func resolve(ref *reference.List, council string, d dates.Day) *reference.Council {
	c, err := ref.Resolve(strings.TrimSpace(council), d, d)
	if err != nil {
		return nil
	}
	return c
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
