package reference

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/oversight/oversight/analysis/dates"
)

// Resolving a council from a name or code as people write it: folded,
// checked for what cannot be a name, chosen by the dates a finding is
// about, and a close name suggested when none matches.

// Candidates returns every council a name or code can mean, ignoring dates.
func (l *List) Candidates(s string) []*Council {
	idx := l.lookup(s)
	out := make([]*Council, len(idx))
	for i, j := range idx {
		out[i] = l.Councils[j]
	}
	return out
}

// MaxNameLen is the longest name or code looked up, in bytes: the longest
// way of writing a council's name ("London Borough of Barking and Dagenham
// Council Children's Services") is well under it. Longer text is not a
// name and is refused before any work is done on it.
const MaxNameLen = 200

// nameProblem says why s cannot be a council's name or code whatever the
// list holds, or "".
func nameProblem(s string) string {
	if len(s) > MaxNameLen {
		return fmt.Sprintf("council is longer than %d characters (it has %d bytes): no council's name or code is that long; is this the council column?", MaxNameLen, len(s))
	}
	for _, r := range s {
		if !nameRune(r) {
			return fmt.Sprintf("council %q has the character %q (U+%04X), which no council's name has; remove it", s, r, r)
		}
	}
	return ""
}

// nameRune reports a character a council's name may be written with:
// letters (with their accents), digits, spaces and ordinary punctuation.
// Anything else (an emoji, ™, *, #, =) is a mistake to report, not
// something to fold away.
func nameRune(r rune) bool {
	if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.IsSpace(r) {
		return true
	}
	return strings.ContainsRune("&'’‘.,-–—()/:;\"“”", r)
}

func (l *List) lookup(s string) []int {
	if m, ok := l.byExact[s]; ok {
		return m // as listed: no folding needed
	}
	if nameProblem(s) != "" {
		return nil
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if isCode(s) {
		return l.byKey[strings.ToLower(s)]
	}
	k := Fold(s)
	if m := l.byKey[k]; m != nil {
		return m
	}
	k = stripAffixes(k)
	return l.byKey[k]
}

func isCode(s string) bool {
	switch {
	case len(s) == 3:
		return allDigits(s)
	case len(s) == 9 && (s[0] == 'E' || s[0] == 'e'):
		return allDigits(s[1:])
	}
	return false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ResolveError says why a council could not be resolved, in words a person
// can act on.
type ResolveError struct{ Msg string }

func (e *ResolveError) Error() string { return e.Msg }

// Resolve finds the council a finding about the period [from, to] means.
// A name shared by an abolished and a current council (Dorset) picks the one
// that existed then; an abolished council's findings dated after its end go
// to its successor when there is exactly one; otherwise the error says which
// councils to name instead.
func (l *List) Resolve(s string, from, to dates.Day) (*Council, error) {
	if _, ok := l.byExact[s]; !ok {
		if msg := nameProblem(s); msg != "" {
			return nil, &ResolveError{msg}
		}
	}
	cands := l.lookup(s)
	if len(cands) == 0 {
		return nil, l.unknown(s)
	}
	var match []*Council
	for _, i := range cands {
		if c := l.Councils[i]; c.overlaps(from, to) {
			match = append(match, c)
		}
	}
	switch len(match) {
	case 1:
		return match[0], nil
	case 0:
	default:
		names := make([]string, len(match))
		for i, c := range match {
			names[i] = fmt.Sprintf("%s %s (%s, %s)", c.Name, c.DfE, c.GSS, existence(c))
		}
		return nil, &ResolveError{fmt.Sprintf("council %q is ambiguous for %s: it could be %s; give the date to the day or use the DfE or GSS code",
			s, period(from, to), strings.Join(names, " or "))}
	}
	c := l.Councils[cands[0]]
	if c.End != 0 && from >= c.End {
		if len(c.Successors) == 1 {
			succ := l.Councils[c.Successors[0]]
			if succ.overlaps(from, to) {
				return succ, nil
			}
		}
		return nil, &ResolveError{fmt.Sprintf("council %q was abolished on %s; a finding dated %s must name its successor: %s",
			c.Name, c.End, period(from, to), l.names(c.Successors))}
	}
	if c.Start != 0 && to < c.Start {
		var preds []int
		for _, p := range l.Councils {
			for _, s := range p.Successors {
				if s == c.Index {
					preds = append(preds, p.Index)
				}
			}
		}
		return nil, &ResolveError{fmt.Sprintf("council %q was created on %s; a finding dated %s belongs to its predecessor: %s",
			c.Name, c.Start, period(from, to), l.names(preds))}
	}
	return nil, l.unknown(s)
}

func (l *List) names(idx []int) string {
	parts := make([]string, len(idx))
	for i, j := range idx {
		parts[i] = l.Councils[j].Label()
	}
	return strings.Join(parts, " or ")
}

func existence(c *Council) string {
	switch {
	case c.End != 0:
		return "until " + (c.End - 1).String()
	case c.Start != 0:
		return "from " + c.Start.String()
	}
	return "current"
}

func period(from, to dates.Day) string {
	if from == to {
		return from.String()
	}
	return from.String() + " to " + to.String()
}

func (l *List) unknown(s string) error {
	msg := fmt.Sprintf("council %q is not known", s)
	if sug := l.Suggest(s, 3); len(sug) > 0 {
		parts := make([]string, len(sug))
		for i, c := range sug {
			parts[i] = c.Label()
		}
		msg += "; did you mean " + strings.Join(parts, " or ") + "?"
	} else {
		msg += "; use the council's name, GSS code (E09000002) or DfE code (301)"
	}
	return &ResolveError{msg}
}

// Suggest returns up to n councils whose names are closest to s.
func (l *List) Suggest(s string, n int) []*Council {
	if nameProblem(s) != "" {
		return nil
	}
	q := stripAffixes(Fold(s))
	if q == "" {
		return nil
	}
	type scored struct {
		c    int
		dist int
	}
	best := map[int]int{}
	limit := max(len(q)/3, 2)
	qn := utf8.RuneCountInString(q)
	for _, k := range l.keys {
		if isCode(k) {
			continue
		}
		contained := len(q) >= 4 && strings.Contains(k, q)
		// The distance is at least the difference in length: skip the
		// quadratic work when that alone rules a key out.
		if kn := utf8.RuneCountInString(k); !contained && (qn-kn > limit || kn-qn > limit) {
			continue
		}
		d := levenshtein(q, k)
		if d > limit && !contained {
			continue
		}
		for _, c := range l.byKey[k] {
			if old, ok := best[c]; !ok || d < old {
				best[c] = d
			}
		}
	}
	list := make([]scored, 0, len(best))
	for c, d := range best {
		list = append(list, scored{c, d})
	}
	// Closest first; among equals, current councils before abolished ones.
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		if ab, bb := l.Councils[a.c].Abolished(), l.Councils[b.c].Abolished(); ab != bb {
			return bb
		}
		return a.c < b.c
	})
	var out []*Council
	for _, s := range list {
		if len(out) == n {
			break
		}
		out = append(out, l.Councils[s.c])
	}
	return out
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
