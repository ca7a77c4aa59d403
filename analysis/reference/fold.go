package reference

import (
	"strings"
	"unicode"
)

// Fold reduces a council name to the form names are compared in: lower case,
// "&" as "and", "Saint" as "St", punctuation dropped, hyphens and runs of
// space as one space. "St. Helens", "St Helens" and "Saint Helens" all fold
// to "st helens"; "Bristol, City of" to "bristol city of".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 4)
	space := true // drop leading spaces
	for _, r := range s {
		switch {
		case r == '&':
			if !space {
				b.WriteByte(' ')
			}
			b.WriteString("and ")
			space = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case r == '\'' || r == '\u2019' || r == '.':
			// apostrophes and full stops join: "children's", "St."
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	out := strings.TrimSpace(b.String())
	if strings.HasPrefix(out, "saint ") {
		out = "st " + out[len("saint "):]
	}
	return strings.ReplaceAll(out, " saint ", " st ")
}

// Words around a council's name that say what kind of body it is, not which.
var (
	prefixes = []string{"the ", "london borough of ", "royal borough of ", "metropolitan borough of ", "borough of ",
		"county of ", "city and county of ", "lb of ", "lb ", "rb ", "lbo "}
	suffixes = []string{" childrens services", " childrens social care", " children and families",
		" metropolitan borough council", " metropolitan district council", " borough council", " county council",
		" city council", " district council", " unitary authority", " council", " mbc", " cc", " lb"}
)

// stripAffixes removes the words in prefixes and suffixes, repeatedly, so
// "London Borough of Barking and Dagenham Council" folds to
// "barking and dagenham".
func stripAffixes(k string) string {
	for changed := true; changed; {
		changed = false
		for _, p := range prefixes {
			if strings.HasPrefix(k, p) && len(k) > len(p) {
				k, changed = k[len(p):], true
			}
		}
		for _, s := range suffixes {
			if strings.HasSuffix(k, s) && len(k) > len(s) {
				k, changed = k[:len(k)-len(s)], true
			}
		}
	}
	return k
}
