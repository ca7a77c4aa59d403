package findings

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/reference"
)

// Column positions in a Raw row, in the spec's order.
const (
	ColCouncil = iota
	ColDate
	ColPublished
	ColMeasure
	ColValue
	ColArea
	ColScope
	ColQualifier
	ColPolarity
	ColSource
	ColSourceType
	ColNote
	ColDocument
	ColPage
	ColQuote
	ColExtractor
	ColConfidence
	NumCols
)

// ColumnNames are the spec's column names, indexed by the Col constants.
var ColumnNames = [NumCols]string{"council", "date", "published", "measure", "value", "area", "scope", "qualifier", "polarity", "source", "source_type", "note",
	"document", "page", "quote", "extractor", "confidence"}

// OfficialColumns are the columns an importer of official files writes:
// v1's, with v3's published (the provenance columns of v2 are for
// extracted findings).
const OfficialColumns = ColNote + 1

// Required are the columns a file must have.
var Required = []int{ColCouncil, ColDate, ColMeasure, ColValue}

// Raw is one input row as read, before validation.
type Raw [NumCols]string

// measureList names every measure, for a rejection.
var measureList = func() string {
	var names []string
	for _, m := range Measures() {
		names = append(names, m.String())
	}
	return strings.Join(names, ", ")
}()

// MaxText is the longest text a field may hold: a spreadsheet cell holds
// 32,767 characters, and a finding's note is a sentence or two.
const MaxText = 32000

// Parser validates and normalises rows. It is not safe for concurrent use:
// give each goroutine its own.
type Parser struct {
	Ref *reference.List
	// Spreadsheet accepts dates stored as serial numbers (XLSX cells).
	Spreadsheet bool
	intern      map[string]string
}

// NewParser returns a parser resolving councils against ref.
func NewParser(ref *reference.List) *Parser {
	return &Parser{Ref: ref, intern: map[string]string{}}
}

// Parse turns a raw row into a Finding, or returns every reason it cannot,
// joined by "; ", in words a person can act on. The row is not changed.
func (p *Parser) Parse(raw *Raw) (Finding, error) {
	var f Finding
	var trimmed Raw
	r := &trimmed
	for i := range raw {
		r[i] = strings.TrimSpace(raw[i])
	}
	// Only free text can carry what a workbook cannot hold: the other
	// columns must match strict forms, which refuse control characters.
	var errs []string
	for _, i := range [...]int{ColValue, ColScope, ColSource, ColNote, ColQuote, ColExtractor} {
		if msg := checkText(ColumnNames[i], r[i]); msg != "" {
			errs = failf(errs, "%s", msg)
		}
	}
	if len(errs) > 0 {
		return f, joinErr(errs)
	}
	for _, c := range Required {
		if r[c] == "" {
			errs = failf(errs, "%s is blank", ColumnNames[c])
		}
	}
	errs = p.when(&f, r, errs)
	errs = p.what(&f, r, errs)
	errs = sourceType(&f, r, errs)
	for _, msg := range p.provenance(&f, r) {
		errs = failf(errs, "%s", msg)
	}
	if len(errs) > 0 {
		return Finding{}, joinErr(errs)
	}
	f.Source = p.str(r[ColSource])
	f.Note = r[ColNote]
	return f, nil
}

// failf adds a reason a row cannot be used to errs.
func failf(errs []string, format string, args ...any) []string {
	return append(errs, fmt.Sprintf(format, args...))
}

// when reads when the finding is about and when it was published, then
// its council: the date first, as the council is resolved for the period
// the finding is about. It returns errs with the reasons it found.
func (p *Parser) when(f *Finding, r *Raw, errs []string) []string {
	dateOK := false
	if r[ColDate] != "" {
		d, err := p.date(r[ColDate])
		if err != nil {
			errs = failf(errs, "%v", err)
		} else {
			f.Date, dateOK = d, true
		}
	}
	if r[ColPublished] != "" {
		pub, err := p.date(r[ColPublished])
		switch {
		case err != nil:
			errs = failf(errs, "published: %v", err)
		case dateOK && pub.End() < f.Date.Day:
			errs = failf(errs, "published %s is before date %s: a finding is public only once what it is about has happened; check both (date is the inspection or reference date, published the day it was made public)", r[ColPublished], r[ColDate])
		default:
			f.Published = pub
		}
	}
	if r[ColCouncil] != "" {
		if dateOK {
			c, err := p.Ref.Resolve(r[ColCouncil], f.Date.Day, f.Date.End())
			if err != nil {
				errs = failf(errs, "%v", err)
			} else {
				f.Council = int32(c.Index)
			}
		} else if len(p.Ref.Candidates(r[ColCouncil])) == 0 {
			_, err := p.Ref.Resolve(r[ColCouncil], dates.MinDay, dates.MaxDay)
			errs = failf(errs, "%v", err)
		}
	}
	return errs
}

// what reads what the finding is: its measure, then its value and the
// columns that qualify it, as the measure allows.
func (p *Parser) what(f *Finding, r *Raw, errs []string) []string {
	if r[ColMeasure] != "" {
		m, ok := ParseMeasure(fold(r[ColMeasure], '_'))
		if !ok {
			errs = failf(errs, "measure %q is not one of %s", r[ColMeasure], measureList)
		}
		f.Measure = m
	}
	if f.Measure == MeasureNone {
		return errs
	}
	if r[ColValue] != "" {
		if msg := p.value(f, r[ColValue]); msg != "" {
			errs = failf(errs, "%s", msg)
		}
	}
	for _, msg := range p.columns(f, r) {
		errs = failf(errs, "%s", msg)
	}
	return errs
}

// sourceType reads the kind of source the finding came from.
func sourceType(f *Finding, r *Raw, errs []string) []string {
	st := r[ColSourceType]
	if st == "" {
		return errs
	}
	switch fold(st, ' ') {
	case "ofsted":
		f.SourceType = SourceOfsted
	case "news":
		f.SourceType = SourceNews
	case "council":
		f.SourceType = SourceCouncil
	case "statistics":
		f.SourceType = SourceStatistics
	default:
		errs = failf(errs, "source_type %q is not ofsted, news, council or statistics", st)
	}
	return errs
}

// date reads a date column, with spreadsheet serials in XLSX cells.
func (p *Parser) date(s string) (dates.Date, error) {
	d, err := dates.Parse(s)
	if err != nil && p.Spreadsheet {
		if sd, ok := dates.ParseSerial(s); ok {
			return sd, nil
		}
	}
	return d, err
}

// provenance checks the v2 columns that say where an extracted finding
// came from. A candidate below ReviewConfidence is refused: it belongs on
// the extractor's review list until a person has checked its quote.
func (p *Parser) provenance(f *Finding, r *Raw) []string {
	var errs []string
	if d := r[ColDocument]; d != "" {
		if !isSHA256(d) {
			errs = append(errs, fmt.Sprintf("document %q is not a SHA-256 (64 hexadecimal digits)", clip(d)))
		} else {
			f.Document = p.str(strings.ToLower(d))
		}
	}
	if pg := r[ColPage]; pg != "" {
		n, err := strconv.Atoi(pg)
		if err != nil || n < 1 || n > 1<<20 {
			errs = append(errs, fmt.Sprintf("page %q is not a page or paragraph number (1 or more)", clip(pg)))
		} else {
			f.Page = int32(n)
		}
	}
	if q := r[ColQuote]; q != "" {
		if utf8.RuneCountInString(q) > MaxQuote {
			errs = append(errs, fmt.Sprintf("quote is longer than %d characters; keep the words that state the finding", MaxQuote))
		} else {
			f.Quote = q
		}
	}
	f.Extractor = p.str(r[ColExtractor])
	if c := r[ColConfidence]; c != "" {
		v, err := strconv.ParseFloat(c, 64)
		switch {
		case err != nil || !plainDecimal(c) || v < 0 || v > 1:
			errs = append(errs, fmt.Sprintf("confidence %q is not a number from 0 to 1", clip(c)))
		case v < ReviewConfidence:
			errs = append(errs, fmt.Sprintf("confidence %s is below %.1f: an extractor's candidate to review; check it against its quote, then set confidence to 1 to use it", c, ReviewConfidence))
		default:
			f.Confidence = v
		}
	}
	return errs
}

// ReviewConfidence is the confidence below which an extracted finding goes
// to a review list instead of the metrics (spec/findings.md v2). The
// extractors are calibrated to it: what their rules complete (a grade,
// visit or figure with its council and a date the text supports) is at or
// above it, judgement calls (themes read from prose) below.
const ReviewConfidence = 0.6

// MaxQuote is the longest quote the contract allows, in characters.
const MaxQuote = 300

func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// clip shortens a value quoted in a reason, so a huge field never makes a
// huge message.
func clip(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// ErrReason is a row's rejection: the reasons, joined.
type ErrReason struct{ Reason string }

func (e *ErrReason) Error() string { return e.Reason }

func joinErr(errs []string) error { return &ErrReason{strings.Join(errs, "; ")} }

func (p *Parser) value(f *Finding, v string) string {
	switch f.Measure {
	case Grade:
		g, ok := ParseGrade(v)
		if !ok {
			return fmt.Sprintf("grade %q is not outstanding, good, requires improvement or inadequate", v)
		}
		f.Value = float64(g)
	case Visit:
		k, ok := parseVisit(v)
		if !ok {
			return fmt.Sprintf("visit %q is not focused, monitoring or jtai", v)
		}
		f.Value = float64(k)
	case Theme:
		label := foldSpaces(v)
		if strings.IndexFunc(label, unicode.IsLetter) < 0 {
			return fmt.Sprintf("theme %q has no words", v)
		}
		if utf8.RuneCountInString(label) > 120 {
			return "theme label is longer than 120 characters; put the detail in note"
		}
		f.Label = p.str(label)
	default:
		if f.Measure.Codable() {
			if c, ok := ParseCode(v); ok {
				f.Code = c
				return ""
			}
		}
		n, msg := parseNumber(f.Measure, v)
		if msg != "" {
			return msg
		}
		f.Value = n
	}
	return ""
}

// columns checks area, scope, qualifier and polarity against the measure.
func (p *Parser) columns(f *Finding, r *Raw) []string {
	var errs []string
	m := f.Measure
	if a := r[ColArea]; a == "" {
		if m == Grade {
			f.Area = Overall
		}
	} else if m != Grade {
		errs = append(errs, fmt.Sprintf("area %q is only for grades; leave it blank (a team goes in scope)", a))
	} else if area, ok := parseArea(a); ok {
		f.Area = area
	} else {
		errs = append(errs, fmt.Sprintf("area %q is not one of %s", a, strings.Join(areaNames[1:], ", ")))
	}

	f.Scope = CouncilScope
	if s := r[ColScope]; s != "" {
		s = foldSpaces(s)
		if s == "whole service" || s == "whole council" {
			s = CouncilScope
		}
		if s != CouncilScope && (m == Grade || m == Visit) {
			errs = append(errs, fmt.Sprintf("scope %q: a %s is about the whole service; leave scope blank", r[ColScope], m))
		}
		f.Scope = p.str(s)
	}

	if q := r[ColQualifier]; q == "" {
		if m.Numeric() {
			f.Qualifier = Exact
		}
	} else if !m.Numeric() {
		errs = append(errs, fmt.Sprintf("qualifier %q is only for numbers; leave it blank for a %s", q, m))
	} else if qual, ok := parseQualifier(q); ok {
		f.Qualifier = qual
	} else {
		errs = append(errs, fmt.Sprintf("qualifier %q is not one of exact, average, over, under, up_to, about", q))
	}

	switch pol := fold(r[ColPolarity], ' '); {
	case m == Theme && pol == "":
		errs = append(errs, "polarity is blank; a theme needs strength or weakness")
	case m == Theme && (pol == "strength" || pol == "strengths" || pol == "positive"):
		f.Polarity = Strength
	case m == Theme && (pol == "weakness" || pol == "weaknesses" || pol == "negative"):
		f.Polarity = Weakness
	case m == Theme:
		errs = append(errs, fmt.Sprintf("polarity %q is not strength or weakness", r[ColPolarity]))
	case pol != "":
		errs = append(errs, fmt.Sprintf("polarity %q is only for themes; leave it blank for a %s", r[ColPolarity], m))
	}
	return errs
}

func (p *Parser) str(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := p.intern[s]; ok {
		return v
	}
	if len(p.intern) < 1<<16 {
		p.intern[s] = s
	}
	return s
}
