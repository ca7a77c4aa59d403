// Package official converts the official statistics files about English
// councils' children's social care into findings (spec/findings.md): the DfE
// "Children's social work workforce" indicators and Ofsted's "Local authority
// inspection outcomes" extractions, plus the community scrape of Ofsted's
// ILACS reports. Each file is recognised by its header row; see README.md for
// the column mappings and every decision about what is and is not a finding.
//
// Contains public sector information licensed under the Open Government
// Licence v3.0 (Ofsted; Department for Education).
package official

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
)

// Kind is the kind of official file.
type Kind string

const (
	// CSWW is DfE's "Children's social work workforce" indicators, both the
	// 2025 release's columns and the 2022 release's %-suffixed ones.
	CSWW Kind = "csww"
	// OfstedOutcomes is Ofsted's "Local authority inspection outcomes" and
	// "Children's social care data in England" LA extractions (six layouts).
	OfstedOutcomes Kind = "ofsted-outcomes"
	// OfstedScrape is the JT-39 / Data to Insight scrape of Ofsted's
	// children's services inspection reports (ofsted_csc_ilacs_history.csv).
	OfstedScrape Kind = "ofsted-scrape"
)

// Kinds lists the kinds this package converts.
func Kinds() []Kind { return []Kind{CSWW, OfstedOutcomes, OfstedScrape} }

// Layout names the column layout a file was recognised as; each layout has
// its own column mapping.
type Layout string

const (
	LayoutCSWW2025        Layout = "csww-2025"        // csww_indicators_2017_to_2025.csv
	LayoutCSWW2022        Layout = "csww-2022"        // csww_headline_measures_2017_to_2022.csv (% suffixes)
	LayoutOfstedLatest    Layout = "ofsted-latest"    // as at 31 March: latest ILACS judgements per LA
	LayoutOfstedInYear    Layout = "ofsted-in-year"   // every inspection and visit in a year
	LayoutOfstedHistory   Layout = "ofsted-history"   // ILACS inspection history 2018-2025
	LayoutOfstedHistoric  Layout = "ofsted-2009-2023" // SLAC, CPI, TLAC, SIF and ILACS judgements 2009-2023
	LayoutOfstedScrapeCSV Layout = "ofsted-scrape"    // JT-39 scrape of report PDFs
)

// Record is one finding, with the source line it came from (header = line 1).
// A joint-service row of the workforce file gives one record per council,
// so several records can share a line.
type Record struct {
	Line int
	Raw  findings.Raw
	// Dating says how a grade's or visit's date was chosen (spec v3: the
	// inspection's first day, the report's publication day as published).
	Dating Dating
}

// Dating says how a grade or visit record is dated.
type Dating uint8

const (
	// NotDated: not a grade or visit (a statistic: its reference date).
	NotDated Dating = iota
	// ByInspection: date is the file's inspection (or visit) date, and
	// published its publication day where the file has one (blank where
	// it has none: Redate may find it).
	ByInspection
	// ByPublication: the file gives only the publication day, which
	// stands in for the inspection date until Redate finds the inspection
	// in another source (ofsted_la_inspections_2009-2023.csv).
	ByPublication
)

// Reference is a national or regional figure: context for the council
// figures, never a finding.
type Reference struct {
	Level  string // "national" or "regional"
	Region string // region name as in the file; "England" for the national row
	Code   string // region_code (or country_code) as in the file
	Date   dates.Date
	// Published is the release day of the publication the figure comes
	// from (spec v3); zero when not known.
	Published dates.Date
	Measure   findings.Measure
	Value     float64
	Source    string
	Line      int
	// SubRegion marks Inner London and Outer London: parts of the London
	// region, kept for completeness; ignore them when comparing regions.
	SubRegion bool
}

// Stats accounts for what a file held and what became of it.
type Stats struct {
	RowsRead      int // data rows (the header not counted)
	CouncilRows   int // rows about one council (or one joint service)
	ReferenceRows int // national and regional rows
	// Skipped counts values (cells or judgements) that hold something but are
	// deliberately not findings; SkippedBy gives the reasons.
	Skipped   int
	SkippedBy map[string]int
	// Coded counts status-code cells kept as findings with the code as
	// their value (spec/findings.md v2), by code ("x": 20).
	Coded map[string]int
	// Suppressed counts status-code cells that produce nothing, by code:
	// codes on national and regional rows, a joint service's partner row,
	// codes the findings contract does not have. Never turned into 0.
	Suppressed map[string]int
	// Blank counts mapped cells that were empty: nothing to convert.
	Blank int
	Notes []string
}

func (s *Stats) skip(reason string) {
	s.Skipped++
	if s.SkippedBy == nil {
		s.SkippedBy = map[string]int{}
	}
	s.SkippedBy[reason]++
}

func (s *Stats) suppress(code string) {
	if s.Suppressed == nil {
		s.Suppressed = map[string]int{}
	}
	s.Suppressed[code]++
}

func (s *Stats) coded(code string) {
	if s.Coded == nil {
		s.Coded = map[string]int{}
	}
	s.Coded[code]++
}

func (s *Stats) note(format string, args ...any) {
	s.Notes = append(s.Notes, fmt.Sprintf(format, args...))
}

// Result is a converted file.
type Result struct {
	Kind       Kind
	Layout     Layout
	Records    []Record
	References []Reference
	Stats      Stats
	// Release is a workforce file's release: its reporting year and day.
	Release Release
	// Name is the file's name as given to Convert.
	Name string
}

// Options changes what Convert keeps.
type Options struct {
	// VisitsOnly keeps visit findings and drops grades (counted as skipped).
	// Use it for the files that date inspections only by inspection date
	// (ofsted_la_in_year_inspections_2022-23.csv) when the ILACS history file,
	// which dates the same inspections by publication, is imported too.
	VisitsOnly bool
	// After, when set, keeps only records published after this day (their
	// published day, else their date; a month or year counts from its first
	// day); the others are counted as skipped. Use it for the scrape, to
	// keep only the reports newer than Ofsted's official files (After:
	// 2025-05-14, the last publication day in them).
	After dates.Day
	// Released is the release day of a workforce file, for a release the
	// table Releases does not hold (or to correct it).
	Released dates.Day
}

// Detect recognises a file by its header row (names BOM-stripped and
// trimmed; case and runs of spaces do not matter).
func Detect(header []string) (Kind, bool) {
	l, ok := detectLayout(header)
	if !ok {
		return "", false
	}
	return l.kind(), true
}

// DetectLayout is Detect with the layout, which says which column mapping
// applies.
func DetectLayout(header []string) (Layout, bool) { return detectLayout(header) }

func (l Layout) kind() Kind {
	switch l {
	case LayoutCSWW2025, LayoutCSWW2022:
		return CSWW
	case LayoutOfstedScrapeCSV:
		return OfstedScrape
	}
	return OfstedOutcomes
}

func detectLayout(header []string) (Layout, bool) {
	h := newHeader(header)
	switch {
	case h.has("time_period", "geographic_level", "la_name", "caseload_fte", "inpost_fte", "vacancy_rate_fte"):
		return LayoutCSWW2025, true
	case h.has("time_period", "geographic_level", "la_name", "caseload_fte", "social_worker_fte", "vacancy_rate_fte_%"):
		return LayoutCSWW2022, true
	case h.has("urn", "publication_date", "overall_effectiveness_grade", "in_care_grade"):
		return LayoutOfstedScrapeCSV, true
	case h.has("local authority name", hdrSIFFirstDate, hdrILACSFirstDate):
		return LayoutOfstedHistoric, true
	case h.has("local authority name", "overall effectiveness"):
		switch {
		case h.has("local authority status", "inspection type", "inspection date", "publication date"):
			return LayoutOfstedHistory, true
		case h.has("inspection/visit date", "inspection/visit type"):
			return LayoutOfstedInYear, true
		case h.has("inspection date"):
			return LayoutOfstedLatest, true
		}
	}
	return "", false
}

// Convert reads one file of the given kind; name is the file's name, used in
// `source` and in errors. An empty kind means "detect it". A file whose
// header is not of the kind is an error naming the file.
func Convert(ctx context.Context, kind Kind, name string, r io.Reader) (*Result, error) {
	return ConvertWith(ctx, kind, name, r, Options{})
}

// ConvertWith is Convert with options.
func ConvertWith(ctx context.Context, kind Kind, name string, r io.Reader, opt Options) (*Result, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file, no header row", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	header = cleanHeader(header)
	layout, ok := detectLayout(header)
	if !ok {
		if kind != "" {
			return nil, fmt.Errorf("%s: header is not a %s file this package knows (header: %s)", name, kind, strings.Join(header, ", "))
		}
		return nil, fmt.Errorf("%s: header not recognised as any official file (header: %s)", name, strings.Join(header, ", "))
	}
	if kind != "" && layout.kind() != kind {
		return nil, fmt.Errorf("%s: asked for %s, but the header is a %s file (layout %s)", name, kind, layout.kind(), layout)
	}
	rows, err := readRows(ctx, cr, name)
	if err != nil {
		return nil, err
	}
	res := &Result{Kind: layout.kind(), Layout: layout, Name: name}
	res.Stats.RowsRead = len(rows)
	h := newHeader(header)
	switch layout.kind() {
	case CSWW:
		err = convertCSWW(res, h, name, rows, opt)
	case OfstedScrape:
		err = convertScrape(res, h, name, rows, opt)
	default:
		err = convertOfsted(res, h, name, rows, opt)
	}
	if err != nil {
		return nil, err
	}
	// The rows were read with the context checked; converting them takes
	// milliseconds, so one check after it is enough.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if opt.After != 0 {
		keep := res.Records[:0]
		for _, rec := range res.Records {
			if d, ok := knownDay(rec.Raw); ok && d <= opt.After {
				res.Stats.skip(fmt.Sprintf("published on or before %s (Options.After)", opt.After))
				continue
			}
			keep = append(keep, rec)
		}
		res.Records = keep
	}
	return res, nil
}

// row is one data row with its line number.
type row struct {
	line  int
	cells []string
}

func readRows(ctx context.Context, cr *csv.Reader, name string) ([]row, error) {
	var rows []row
	for {
		if len(rows)%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s: line %d: %v", name, pe.Line, pe.Err)
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if blankRow(rec) {
			continue
		}
		rows = append(rows, row{line: line, cells: rec})
	}
}

func blankRow(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func cleanHeader(h []string) []string {
	out := make([]string, len(h))
	for i, s := range h {
		if i == 0 {
			s = strings.TrimPrefix(s, "\ufeff")
		}
		out[i] = strings.TrimSpace(s)
	}
	return out
}

// header finds columns by folded name: lower case, runs of space as one.
type header struct {
	names []string // folded
	orig  []string // as in the file, trimmed
	index map[string]int
	used  map[int]bool // columns a mapping has taken (take, noteUnused)
}

func foldHeader(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(strings.TrimPrefix(s, "\ufeff")), " "))
}

func newHeader(cols []string) *header {
	h := &header{index: map[string]int{}}
	for i, c := range cols {
		f := foldHeader(c)
		h.names = append(h.names, f)
		h.orig = append(h.orig, strings.TrimSpace(strings.TrimPrefix(c, "\ufeff")))
		if _, dup := h.index[f]; !dup {
			h.index[f] = i
		}
	}
	return h
}

func (h *header) find(name string) int {
	if i, ok := h.index[foldHeader(name)]; ok {
		return i
	}
	return -1
}

// take is the first of the named columns the header has, marked as read;
// -1 when it has none of them.
func (h *header) take(names ...string) int {
	for _, n := range names {
		if i := h.find(n); i >= 0 {
			h.use(i)
			return i
		}
	}
	return -1
}

// use marks column i as read.
func (h *header) use(i int) {
	if h.used == nil {
		h.used = map[int]bool{}
	}
	h.used[i] = true
}

func (h *header) has(names ...string) bool {
	for _, n := range names {
		if h.find(n) < 0 {
			return false
		}
	}
	return true
}

// cell is the trimmed cell at column i, "" when the column is absent or the
// row is short.
func (r *row) cell(i int) string {
	if i < 0 || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

// noteUnused notes the header columns no mapping took, so nothing is
// dropped silently.
func (h *header) noteUnused(st *Stats) {
	var names []string
	for i, n := range h.names {
		if !h.used[i] && n != "" {
			names = append(names, n)
		}
	}
	if len(names) > 0 {
		st.note("columns not used: %s", strings.Join(names, ", "))
	}
}

// WriteCSV writes records as a findings CSV with the spec's header. Official
// tables are not extracted from documents, so the provenance columns are
// left out; published (v3) is kept.
func WriteCSV(w io.Writer, recs []Record) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(findings.ColumnNames[:findings.OfficialColumns]); err != nil {
		return err
	}
	for i := range recs {
		if err := cw.Write(recs[i].Raw[:findings.OfficialColumns]); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// SortedKeys returns a count map's keys in order, for reports.
func SortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// knownDay is the day a record became public: its published day, else its
// date (spec v3).
func knownDay(r findings.Raw) (dates.Day, bool) {
	for _, c := range []int{findings.ColPublished, findings.ColDate} {
		if r[c] == "" {
			continue
		}
		d, err := dates.Parse(r[c])
		return d.Day, err == nil
	}
	return 0, false
}

func raw(council, date string, m findings.Measure, value string) findings.Raw {
	var r findings.Raw
	r[findings.ColCouncil] = council
	r[findings.ColDate] = date
	r[findings.ColMeasure] = m.String()
	r[findings.ColValue] = value
	return r
}
