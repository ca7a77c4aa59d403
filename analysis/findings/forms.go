package findings

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// How a column's value may be written: the words a grade, visit, area or
// qualifier may be, numbers as people write them, folding words to the
// spec's form, and the text a workbook can hold.

// ParseGrade reads a grade as a findings file, Ofsted's statistics or a
// report may write it ("Requires improvement to be good", "RI").
func ParseGrade(v string) (GradeValue, bool) {
	switch fold(v, ' ') {
	case "outstanding":
		return Outstanding, true
	case "good":
		return Good, true
	case "requires improvement", "requires improvement to be good", "ri":
		return RequiresImprovement, true
	case "inadequate":
		return Inadequate, true
	}
	return NoGrade, false
}

func parseVisit(v string) (VisitKind, bool) {
	switch fold(v, ' ') {
	case "focused", "focused visit", "ilacs focused visit":
		return Focused, true
	case "monitoring", "monitoring visit", "la monitoring visit":
		return Monitoring, true
	case "jtai", "joint targeted area inspection":
		return JTAI, true
	}
	return NoVisit, false
}

func parseArea(v string) (Area, bool) {
	k := fold(v, '_')
	switch k {
	case "overall_effectiveness":
		return Overall, true
	case "impact_of_leaders":
		return Leadership, true
	}
	for i, n := range areaNames {
		if i > 0 && n == k {
			return Area(i), true
		}
	}
	return AreaNone, false
}

func parseQualifier(v string) (Qualifier, bool) {
	switch fold(v, '_') {
	case "exact":
		return Exact, true
	case "average", "mean":
		return Average, true
	case "over", "more_than":
		return Over, true
	case "under", "less_than":
		return Under, true
	case "up_to", "as_many_as":
		return UpTo, true
	case "about", "around", "approximately":
		return About, true
	}
	return QualNone, false
}

func parseNumber(m Measure, v string) (float64, string) {
	s := v
	if strings.HasSuffix(s, "%") {
		if !m.Rate() {
			return 0, fmt.Sprintf("%s %q: only rates take a %% sign", m, v)
		}
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	s = StripThousands(s)
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || !plainDecimal(s) || math.IsNaN(n) || math.IsInf(n, 0) {
		return 0, fmt.Sprintf("%s %q is not a number", m, v)
	}
	if msg := m.Def().CheckRange(n, v); msg != "" {
		return 0, msg
	}
	if n == 0 {
		n = 0 // no negative zero
	}
	return n, ""
}

// StripThousands removes commas that group thousands ("1,234.5"); any other
// comma is left for ParseFloat to refuse, since a decimal comma would change
// the value.
func StripThousands(s string) string {
	if !strings.Contains(s, ",") {
		return s
	}
	intPart, frac, _ := strings.Cut(s, ".")
	groups := strings.Split(intPart, ",")
	if len(groups[0]) == 0 || len(groups[0]) > 3 {
		return s
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return s
		}
	}
	out := strings.Join(groups, "")
	if frac != "" || strings.Contains(s, ".") {
		out += "." + frac
	}
	return out
}

// fold lower-cases, trims and joins words with sep ("Vacancy rate" ->
// "vacancy_rate" with '_'); underscores and hyphens count as spaces.
func fold(s string, sep byte) string {
	if folded(s, sep) {
		return s // already in form: the common case, without allocating
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '_' || r == '-' {
			pending = b.Len() > 0
			continue
		}
		if pending {
			b.WriteByte(sep)
			pending = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// folded reports whether s is already what fold would return: lower-case
// ASCII words joined by single seps.
func folded(s string, sep byte) bool {
	if s == "" || s[0] == sep || s[len(s)-1] == sep {
		return s == ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == sep:
			if s[i-1] == sep {
				return false
			}
		case c == ' ' || c == '_' || c == '-' || c >= 0x80 || (c >= 'A' && c <= 'Z') || c < 0x20:
			return false
		}
	}
	return true
}

// foldSpaces lower-cases and joins words with single spaces, the spec's rule
// for theme labels; scopes follow it too.
func foldSpaces(s string) string {
	clean := s != "" && s[0] != ' ' && s[len(s)-1] != ' '
	for i := 0; clean && i < len(s); i++ {
		c := s[i]
		if (c >= 'A' && c <= 'Z') || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c >= 0x80 || (c == ' ' && s[i-1] == ' ') {
			clean = false
		}
	}
	if clean {
		return s
	}
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// checkText refuses text a workbook cannot hold: control characters other
// than tab and line breaks, the non-characters U+FFFE/U+FFFF, and cells
// longer than MaxText.
func checkText(col, s string) string {
	if len(s) > MaxText && utf8.RuneCountInString(s) > MaxText {
		return fmt.Sprintf("%s is longer than %d characters", col, MaxText)
	}
	// Bytes first: control characters are single bytes, and U+FFFE/U+FFFF
	// both start with 0xEF, so most text needs no decoding at all.
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c == 0xEF {
			return checkRunes(col, s[i:])
		}
	}
	return ""
}

func checkRunes(col, s string) string {
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f || r == 0xFFFE || r == 0xFFFF {
			return fmt.Sprintf("%s contains the control character U+%04X, which no spreadsheet can hold; remove it", col, r)
		}
	}
	return ""
}
