// Package findings is the input contract (spec/findings.md) in code: the
// typed Finding, the enumerations behind its columns and the parser that
// turns one raw row into a Finding or a reason a person can act on.
package findings

import (
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
)

// Area is a judgement area; AreaNone for findings that are not grades.
type Area uint8

const (
	AreaNone Area = iota
	Overall
	Leadership
	HelpAndProtection
	ChildrenInCare
	CareLeavers
	ChildrenInCareAndCareLeavers
	Adoption
	NumAreas
)

var areaNames = [...]string{"", "overall", "leadership", "help_and_protection", "children_in_care", "care_leavers", "children_in_care_and_care_leavers", "adoption"}

func (a Area) String() string { return areaNames[a] }

var areaWords = [...]string{"", "overall", "leadership", "help and protection", "children in care", "care leavers", "children in care and care leavers", "adoption"}

// Words names the area in a sentence: "help and protection".
func (a Area) Words() string { return areaWords[a] }

// Qualifier says how exact a number is.
type Qualifier uint8

const (
	QualNone Qualifier = iota // not a number
	Exact
	Average
	Over
	Under
	UpTo
	About
)

var qualNames = [...]string{"", "exact", "average", "over", "under", "up_to", "about"}

func (q Qualifier) String() string { return qualNames[q] }

// Polarity is whether a theme is a strength or a weakness.
type Polarity uint8

const (
	PolarityNone Polarity = iota
	Strength
	Weakness
)

var polarityNames = [...]string{"", "strength", "weakness"}

func (p Polarity) String() string { return polarityNames[p] }

// SourceType is the kind of source.
type SourceType uint8

const (
	SourceNone SourceType = iota
	SourceOfsted
	SourceNews
	SourceCouncil
	SourceStatistics
)

var sourceTypeNames = [...]string{"", "ofsted", "news", "council", "statistics"}

func (s SourceType) String() string { return sourceTypeNames[s] }

// GradeValue is the ordinal of a grade: outstanding 4 down to inadequate 1.
type GradeValue uint8

const (
	NoGrade GradeValue = iota
	Inadequate
	RequiresImprovement
	Good
	Outstanding
)

var gradeNames = [...]string{"", "inadequate", "requires improvement", "good", "outstanding"}

func (g GradeValue) String() string { return gradeNames[g] }

// Grades lists the four grades from best to worst, the order tables use.
var Grades = []GradeValue{Outstanding, Good, RequiresImprovement, Inadequate}

// Key is the grade as a column-name fragment: requires_improvement.
func (g GradeValue) Key() string {
	if g == RequiresImprovement {
		return "requires_improvement"
	}
	return g.String()
}

// VisitKind is the kind of an ungraded Ofsted visit.
type VisitKind uint8

const (
	NoVisit VisitKind = iota
	Focused
	Monitoring
	JTAI
)

var visitNames = [...]string{"", "focused", "monitoring", "jtai"}

func (v VisitKind) String() string { return visitNames[v] }

var visitWords = [...]string{"visit", "focused visit", "monitoring visit", "joint targeted area inspection"}

// Words names the visit in a sentence: "focused visit".
func (v VisitKind) Words() string { return visitWords[v] }

// Code is a suppression code an official release publishes instead of a
// number (spec/findings.md v2): the source published no figure for that
// council and date, for the reason the code gives.
type Code uint8

const (
	NoCode         Code = iota
	Confidential        // [c]
	NotAvailable        // [x]
	NotApplicable       // [z]
	LowReliability      // [u]
	RoundsToZero        // [low]
	numCodes
)

var codeNames = [...]string{"", "c", "x", "z", "u", "low"}

// String is the code as government spreadsheets write it: [c], [x], [low].
func (c Code) String() string {
	if c == NoCode {
		return ""
	}
	return "[" + codeNames[c] + "]"
}

// Bare is the code as open-data CSV files write it: c, x, low.
func (c Code) Bare() string { return codeNames[c] }

// Codes lists every suppression code.
func Codes() []Code {
	out := make([]Code, 0, numCodes-1)
	for c := Confidential; c < numCodes; c++ {
		out = append(out, c)
	}
	return out
}

// Meaning says what a code means, in the words DfE uses.
func (c Code) Meaning() string {
	switch c {
	case Confidential:
		return "confidential: the figure is suppressed to protect individuals"
	case NotAvailable:
		return "not available: the council did not supply the figure, or it was not published"
	case NotApplicable:
		return "not applicable: there is nothing to measure (for example no staff in post)"
	case LowReliability:
		return "low reliability: published with a warning not to rely on it"
	case RoundsToZero:
		return "low: a positive figure that rounds to zero"
	}
	return ""
}

// ParseCode reads a suppression code, bracketed or bare, in any case.
func ParseCode(s string) (Code, bool) {
	if len(s) > 5 {
		return NoCode, false
	}
	if inner, ok := strings.CutPrefix(s, "["); ok {
		if s, ok = strings.CutSuffix(inner, "]"); !ok {
			return NoCode, false
		}
	}
	s = strings.ToLower(s)
	for i, n := range codeNames {
		if i > 0 && n == s {
			return Code(i), true
		}
	}
	return NoCode, false
}

// CouncilScope is the scope of a figure about the whole service.
const CouncilScope = "council"

// Finding is one accepted, normalised fact.
type Finding struct {
	Council int32 // index in the reference list
	File    int32 // index in the run's list of input files
	Line    int32 // line (CSV, JSON Lines) or sheet row (XLSX) of origin
	Date    dates.Date
	// Published is the day the finding became public (spec v3); zero when
	// the source gave none, which means the same as Date.
	Published  dates.Date
	Measure    Measure
	Area       Area
	Qualifier  Qualifier
	Polarity   Polarity
	SourceType SourceType
	// Value holds the number, the grade ordinal or the visit kind; 0 when
	// Code is set.
	Value float64
	// Code is the suppression code published instead of a number.
	Code Code
	// Label is a theme's label, lower-cased with spaces folded.
	Label  string
	Scope  string
	Source string
	Note   string
	// Provenance of an extracted finding (spec v2): the document's SHA-256,
	// the page or paragraph, its own words, the extractor and its
	// confidence (0 when not given).
	Document   string
	Quote      string
	Extractor  string
	Page       int32
	Confidence float64
}

// Known is when the finding became public: Published, else Date (spec
// v3). A month or year counts from its first day, as dates sort.
func (f *Finding) Known() dates.Date {
	if f.Published.Day != 0 {
		return f.Published
	}
	return f.Date
}

// Grade is the finding's grade (NoGrade for other measures).
func (f *Finding) Grade() GradeValue {
	if f.Measure != Grade {
		return NoGrade
	}
	return GradeValue(f.Value)
}

// ValueText is the normalised value as text: the number, grade word, visit
// kind or theme label.
func (f *Finding) ValueText() string {
	switch f.Measure {
	case Grade:
		return GradeValue(f.Value).String()
	case Visit:
		return VisitKind(f.Value).String()
	case Theme:
		return f.Label
	}
	if f.Code != NoCode {
		return f.Code.String()
	}
	return strconv.FormatFloat(f.Value, 'f', -1, 64)
}

// Headline reports whether a number counts towards the council's headline
// figure: whole-service scope, exact or average.
func (f *Finding) Headline() bool {
	return f.Scope == CouncilScope && (f.Qualifier == Exact || f.Qualifier == Average)
}
