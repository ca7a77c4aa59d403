package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/findings"
)

// The cells extraction writes: each valid UTF-8 without control characters,
// within its size, a reason on one line.

// ToRaw is a row as the findings parser reads it: the contract's columns,
// provenance included, as findings.csv has them.
func ToRaw(r Row) findings.Raw {
	var raw findings.Raw
	copy(raw[:], r.Values())
	return raw
}

// maxCell is the most characters of a text cell extraction writes (a
// source, a note, a reason), far within a spreadsheet's 32,767: a title
// or address longer than this is not one.
const maxCell = 500

// boundCandidate makes every cell of a candidate valid UTF-8 without
// control characters, within its size: the quote within the contract's
// limit, cut at a word, the other text within maxCell.
func boundCandidate(c evidence.Candidate) evidence.Candidate {
	c.Quote = clip(cleanCell(c.Quote))
	for _, f := range []*string{&c.Council, &c.Date, &c.Published, &c.Measure, &c.Value, &c.Area, &c.Scope,
		&c.Qualifier, &c.Polarity, &c.Source, &c.SourceType, &c.Note, &c.Review} {
		*f = cell(*f, maxCell)
	}
	return c
}

// boundDocument does the same for a document's row; its reason is one line.
func boundDocument(d Document) Document {
	for _, f := range []*string{&d.Council, &d.Framework, &d.Published, &d.PublishedRule, &d.LeadInspector,
		&d.Judgements, &d.InspectionStart, &d.InspectionEnd} {
		*f = cell(*f, maxCell)
	}
	d.Reason = oneLine(d.Reason)
	return d
}

// cell is s as valid UTF-8 without control characters, cut to at most n
// characters at a word.
func cell(s string, n int) string {
	return clipText(cleanCell(s), n)
}

// cleanCell makes s valid UTF-8 and turns control characters (but tab
// and line breaks) and the non-characters U+FFFE and U+FFFF into spaces:
// what the findings contract refuses.
func cleanCell(s string) string {
	clean := utf8.ValidString(s)
	for i := 0; clean && i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f || c == 0xEF {
			clean = false
		}
	}
	if clean {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f || r == 0xFFFE || r == 0xFFFF {
			return ' '
		}
		return r
	}, s)
}

// oneLine is a reason on one line, within maxCell characters.
func oneLine(s string) string {
	if strings.ContainsAny(s, "\r\n") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return cell(s, maxCell)
}

// clip keeps a quote within the contract's limit, cut at a word.
func clip(q string) string { return clipText(q, evidence.MaxQuote) }

// clipText cuts s to at most n characters, at a word when one ends in its
// second half.
func clipText(s string, n int) string {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s
	}
	k := 0
	for i := range s {
		if k == n {
			s = s[:i]
			break
		}
		k++
	}
	if i := strings.LastIndexByte(s, ' '); i > len(s)/2 {
		return s[:i]
	}
	return s
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
