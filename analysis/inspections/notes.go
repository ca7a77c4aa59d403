package inspections

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Kind is what a point of a report is.
type Kind uint8

const (
	KindNone Kind = iota
	// Recommendation is a point of the report's recommendations section:
	// ILACS's "What needs to improve?", SIF's "Recommendations" or "What
	// does the local authority need to improve?", TLAC's "Areas for
	// improvement". It is what Ofsted asks the council to improve.
	Recommendation
	// Strength is a strength the report lists ("The local authority's
	// strengths", "Children's services in X are good because:") or a
	// sentence of its summary that states a strength and no shortfall.
	Strength
	// Improvement is an area for improvement the report states outside its
	// recommendations: a point of a list such as "This local authority
	// requires improvement and is not yet good because", or a sentence of
	// its summary that states a shortfall and no strength.
	Improvement
)

var kindWords = [...]string{"", "recommendation", "strength", "area for improvement"}

func (k Kind) String() string { return kindWords[k] }

// The notes the report reader writes on its findings, so that what Known
// reads back is the reader's own words, never guessed from a label:
//
//	ILACS-standard report: recommendation 3 of 8 under "What needs to improve?"
//	SIF report: strength 2 of 12 under "The local authority's strengths"
//	ILACS-short report: strength in the summary, sentence 4 of 9
//	ILACS-standard report: overall effectiveness judged Requires improvement to be good
//
// A point whose words run past the 300 characters a quote keeps goes on
// "; the quote stops at 300 characters: the rest is in the report"; one the
// theme vocabulary has a topic for ends "; topic: management oversight".
const reportSuffix = " report: "

// CutNote is in the note of a point whose quote is cut.
const CutNote = "; the quote stops at 300 characters: the rest is in the report"

// topicNote introduces a point's topic in the theme vocabulary.
const topicNote = "; topic: "

// ReportNote is the note of a report's finding: its framework, then what it is.
func ReportNote(framework, what string) string { return framework + reportSuffix + what }

// PointNote is the note of a point's theme finding. heading is the list's
// heading as the report writes it, "" for a sentence of the summary; topic
// is the theme vocabulary's label for it, "" when it has none.
func PointNote(framework string, k Kind, heading string, i, n int, cut bool, topic string) string {
	var what string
	if heading != "" {
		what = fmt.Sprintf("%s %d of %d under %q", k, i, n, heading)
	} else {
		what = fmt.Sprintf("%s in the summary, sentence %d of %d", k, i, n)
	}
	if cut {
		what += CutNote
	}
	if topic != "" {
		what += topicNote + topic
	}
	return ReportNote(framework, what)
}

var pointNoteRE = regexp.MustCompile(`^(\S+) report: (recommendation|strength|area for improvement) (?:(\d+) of (\d+) under "(.*)"|in the summary, sentence (\d+) of (\d+))`)

// NotePoint is what a point's note says.
type NotePoint struct {
	Framework string
	Kind      Kind
	Heading   string // "" for the summary
	Index, Of int
	Cut       bool
	Topic     string // the theme vocabulary's label, "" if none
}

// ParsePointNote reads a note PointNote wrote.
func ParsePointNote(note string) (NotePoint, bool) {
	m := pointNoteRE.FindStringSubmatch(note)
	if m == nil {
		return NotePoint{}, false
	}
	p := NotePoint{Framework: m[1], Heading: m[5], Cut: strings.Contains(note, CutNote)}
	if _, t, ok := strings.Cut(note, topicNote); ok {
		p.Topic = t
	}
	for k, w := range kindWords {
		if w == m[2] {
			p.Kind = Kind(k)
		}
	}
	i, n := m[3], m[4]
	if i == "" {
		i, n = m[6], m[7]
	}
	p.Index, _ = strconv.Atoi(i)
	p.Of, _ = strconv.Atoi(n)
	return p, true
}

// FrameworkOf is the framework a report finding's note names, "" if none.
func FrameworkOf(note string) string {
	fw, _, ok := strings.Cut(note, reportSuffix)
	if !ok || strings.ContainsAny(fw, " ;,") {
		return ""
	}
	return fw
}
