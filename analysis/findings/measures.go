package findings

import (
	"fmt"
	"strconv"
	"strings"
)

// Measure is what a finding measures: an index into the table of measures.
type Measure uint8

// The measures, in the spec's order. Adding one is adding its constant here
// and its entry in the table below; every output, the change threshold,
// the importer of DfE's files and the synthetic data take it from there
// (TestMeasureTable says what an entry of each kind must give).
const (
	MeasureNone Measure = iota
	Grade
	Visit
	Caseload
	VacancyRate
	AgencyRate
	TurnoverRate
	SocialWorkers
	Recommendations
	Theme
	numMeasures
)

// NumMeasures bounds the measures: a slice of this length is indexed by
// Measure.
const NumMeasures = int(numMeasures)

// ValueKind is what a measure's value holds.
type ValueKind uint8

const (
	GradeValueKind  ValueKind = iota + 1 // outstanding ... inadequate
	VisitValueKind                       // focused, monitoring, jtai
	NumberValueKind                      // a number (or, if Codable, a code)
	LabelValueKind                       // a theme's label
)

// Def is everything the project knows about one measure, in the manner of
// a verb table: the contract's rules for its value, its words in every
// output, and where it goes.
type Def struct {
	Name  string // the contract's name: vacancy_rate
	Value ValueKind

	// Numbers: the range a value must be in (Min itself refused when
	// MinOpen; Max 0 for no upper limit), whole numbers only, a rate
	// (per cent, 0-100, may carry a % sign, changes in points), and
	// whether official statistics may publish a suppression code instead.
	Min, Max float64
	MinOpen  bool
	Whole    bool
	Rate     bool
	Codable  bool
	// RangeWords says the range in a rejection: "0-200 (children per
	// social worker, more than 0)".
	RangeWords string

	// Headline: a workforce measure with a headline figure per council,
	// medians, ranks and changes (spec/metrics.md, "Workforce figures").
	Headline bool
	// Noun names it in a sentence, Header in a column (with its unit),
	// Unit in words; Explain says what it means for a councillor.
	Noun, Header, Unit, Explain string
	// LowerIsBetter: a lower figure is the better one (fewer children per
	// social worker, fewer vacant posts), so rank 1 is the best.
	LowerIsBetter bool
	// Threshold is how far a council's headline figure must move between
	// two reports to be listed as a change: a move within it is noise for
	// a monthly summary (in the measure's unit; points for rates).
	Threshold float64
	// Chart: drawn on each council's charts and England's ranking charts.
	Chart bool

	// DfE is where DfE's children's social work workforce files give it.
	DfE DfEColumn
}

// DfEColumn is a measure's column in DfE's workforce files.
type DfEColumn struct {
	// Columns: the newest release's name first, then older releases'.
	Columns []string
	// What says how DfE computes it, for the importer's notes.
	What string
	// Qualifier is the contract qualifier DfE's figure carries (average
	// for a caseload: cases over case-holding FTE).
	Qualifier string
}

var table = [numMeasures]Def{
	Grade: {Name: "grade", Value: GradeValueKind},
	Visit: {Name: "visit", Value: VisitValueKind},
	Caseload: {Name: "caseload", Value: NumberValueKind, Min: 0, MinOpen: true, Max: 200, Codable: true,
		RangeWords: "0-200 (children per social worker, more than 0)",
		Headline:   true, Noun: "caseload (children per social worker)", Header: "Caseload (children per social worker)", Unit: "children per social worker",
		Explain:       "Caseload is how many children's cases a social worker holds on average, for the whole service (DfE counts them at 30 September each year). Lower usually means more time for each child. A figure for one team ('over 40 in the assessment team') is on the Findings sheet but never stands for the whole service.",
		LowerIsBetter: true, Threshold: 2, Chart: true,
		DfE: DfEColumn{Columns: []string{"caseload_fte"}, What: "cases per case-holding FTE social worker", Qualifier: "average"}},
	VacancyRate: {Name: "vacancy_rate", Value: NumberValueKind, Min: 0, Max: 100, Rate: true, Codable: true,
		Headline: true, Noun: "vacancy rate (per cent of social worker posts vacant)", Header: "Vacancy rate (%)", Unit: "per cent",
		Explain:       "The vacancy rate is the share of social worker posts that are vacant. A high rate means the work falls on fewer staff or on agency workers.",
		LowerIsBetter: true, Threshold: 5, Chart: true,
		DfE: DfEColumn{Columns: []string{"vacancy_rate_fte", "vacancy_rate_fte_%"}, What: "vacant FTE posts / (vacancies + in post), per cent"}},
	AgencyRate: {Name: "agency_rate", Value: NumberValueKind, Min: 0, Max: 100, Rate: true, Codable: true,
		Headline: true, Noun: "agency rate (per cent of social workers who are agency staff)", Header: "Agency worker rate (%)", Unit: "per cent",
		Explain:       "The agency worker rate is the share of social workers supplied by agencies rather than employed by the council. Agency staff cost more and usually stay for less time.",
		LowerIsBetter: true, Threshold: 5,
		DfE: DfEColumn{Columns: []string{"agency_rate_fte", "agency_worker_rate_fte_%"}, What: "agency FTE / (agency + in post), per cent"}},
	TurnoverRate: {Name: "turnover_rate", Value: NumberValueKind, Min: 0, Max: 100, Rate: true, Codable: true,
		Headline: true, Noun: "turnover rate (per cent of social workers who left in the year)", Header: "Turnover rate (%)", Unit: "per cent",
		Explain:       "The turnover rate is the share of social workers who left the council during the year. High turnover means children change social worker more often.",
		LowerIsBetter: true, Threshold: 5,
		DfE: DfEColumn{Columns: []string{"turnover_rate_fte", "turnover_rate_fte_%"}, What: "leavers FTE / in post FTE, per cent"}},
	SocialWorkers: {Name: "social_workers", Value: NumberValueKind, Min: 0, Codable: true, RangeWords: "0 or more (it is negative)",
		Noun: "social workers (FTE in post)", Header: "Social workers (FTE)", Unit: "full-time equivalent social workers",
		DfE: DfEColumn{Columns: []string{"inpost_fte", "social_worker_fte"}, What: "FTE children and family social workers in post"}},
	Recommendations: {Name: "recommendations", Value: NumberValueKind, Min: 0, Whole: true, RangeWords: "a whole number of 0 or more",
		Noun: "recommendations in an Ofsted report", Header: "Recommendations", Unit: "recommendations"},
	Theme: {Name: "theme", Value: LabelValueKind},
}

// Def returns the measure's entry in the table of measures.
func (m Measure) Def() *Def { return &table[m] }

func (m Measure) String() string { return table[m].Name }

// Numeric reports whether the measure's value is a number.
func (m Measure) Numeric() bool { return table[m].Value == NumberValueKind }

// Rate reports whether the value is a percentage.
func (m Measure) Rate() bool { return table[m].Rate }

// Codable reports whether a measure's value may be a suppression code: the
// workforce measures official statistics publish.
func (m Measure) Codable() bool { return table[m].Codable }

// Measures lists every measure, in the spec's order.
func Measures() []Measure {
	out := make([]Measure, 0, numMeasures-1)
	for m := Grade; m < numMeasures; m++ {
		out = append(out, m)
	}
	return out
}

// HeadlineMeasures are the workforce measures with headline figures,
// medians, ranks and changes, in the spec's order.
func HeadlineMeasures() []Measure { return headline }

// DfEMeasures are the measures DfE's workforce files give.
func DfEMeasures() []Measure { return dfe }

var headline, dfe = func() (h, d []Measure) {
	for _, m := range Measures() {
		if table[m].Headline {
			h = append(h, m)
		}
		if len(table[m].DfE.Columns) > 0 {
			d = append(d, m)
		}
	}
	return h, d
}()

// ParseMeasure reads a measure name.
func ParseMeasure(s string) (Measure, bool) {
	for m := Grade; m < numMeasures; m++ {
		if table[m].Name == s {
			return m, true
		}
	}
	return MeasureNone, false
}

// Short is the measure's header without its unit, lower-cased: "vacancy rate".
func (d *Def) Short() string {
	h, _, _ := strings.Cut(d.Header, " (")
	if h == "" {
		return h
	}
	return strings.ToLower(h[:1]) + h[1:]
}

// Format writes a value in the measure's unit: "14.2%", "16.6".
func (d *Def) Format(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if d.Rate {
		s += "%"
	}
	return s
}

// CheckRange returns why a number is not a value of the measure, or "";
// as is the value as written, quoted in the reason.
func (d *Def) CheckRange(v float64, as string) string {
	words := d.RangeWords
	if words == "" && d.Rate {
		words = "0-100 (per cent)"
	}
	switch {
	case d.Whole && v != float64(int64(v)):
		return fmt.Sprintf("%s %s is not %s", d.Name, as, words)
	case v < d.Min || d.MinOpen && v == d.Min || d.Max > 0 && v > d.Max:
		if d.Whole {
			return fmt.Sprintf("%s %s is not %s", d.Name, as, words)
		}
		if d.Max == 0 {
			return fmt.Sprintf("%s %s is negative", d.Name, as)
		}
		return fmt.Sprintf("%s %s is outside %s", d.Name, as, words)
	}
	return ""
}
