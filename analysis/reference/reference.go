// Package reference is the list of English local authorities with children's
// services: codes, regions, statistical neighbours, the councils abolished by
// reorganisation with their successors, and name resolution. The list is
// built from the real DfE and Ofsted files by ./gen and embedded here.
package reference

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/oversight/oversight/analysis/dates"
)

//go:generate go run ./gen -data ../../../shared/data/real -out councils.csv

//go:embed councils.csv
var councilsCSV string

// Regions are England's nine regions in the DfE (ONS code) order.
var Regions = []string{
	"North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
	"East of England", "London", "South East", "South West",
}

// CodeChange is a GSS code the council used until a date.
type CodeChange struct {
	Code  string
	Until dates.Day // first day of the new code
}

// Council is one authority, current or abolished.
type Council struct {
	Index        int // position in List.Councils
	Name         string
	GSS          string // current (or last) GSS code
	DfE          string // 3-digit DfE LA code
	Region       string
	Type         string
	OfstedRegion string
	URN          string
	Start, End   dates.Day // End is the first day it no longer existed; 0 = open
	Successors   []int
	Previous     []CodeChange
	Aliases      []string
	Neighbours   []int    // DfE 2025 statistical neighbours, closest first
	Bands        []string // closeness band of each neighbour
}

// ExistsOn reports whether the council existed on day d.
func (c *Council) ExistsOn(d dates.Day) bool {
	return (c.Start == 0 || d >= c.Start) && (c.End == 0 || d < c.End)
}

// overlaps reports whether the council existed at any time in [from, to].
func (c *Council) overlaps(from, to dates.Day) bool {
	return (c.Start == 0 || to >= c.Start) && (c.End == 0 || from < c.End)
}

// CodeOn is the GSS code in use on day d.
func (c *Council) CodeOn(d dates.Day) string {
	for _, p := range c.Previous {
		if d < p.Until {
			return p.Code
		}
	}
	return c.GSS
}

// Abolished reports whether the council has an end date.
func (c *Council) Abolished() bool { return c.End != 0 }

// OfstedPageBase is the address of a local authority's page on Ofsted's
// reports site, before its URN: the provider type 44 is the local
// authority's children's services (the form DfE's own CSC outcomes and
// enablers dashboard links to, reports.ofsted.gov.uk/provider/44/80569 for
// Tameside, and the community scrape starts from,
// reports.ofsted.gov.uk/provider/44/80429 for Birmingham).
const OfstedPageBase = "https://reports.ofsted.gov.uk/provider/44/"

// OfstedPage is the address of the council's page on Ofsted's reports site,
// every report and letter Ofsted has published about its children's
// services; "" for a council with no Ofsted URN in the list (Bournemouth and
// the old Dorset county, abolished in 2019).
func (c *Council) OfstedPage() string {
	if c.URN == "" {
		return ""
	}
	return OfstedPageBase + c.URN
}

// Label is "Name (GSS)", used in messages.
func (c *Council) Label() string { return fmt.Sprintf("%q (%s)", c.Name, c.GSS) }

// List is the loaded reference list with its lookup index.
type List struct {
	Councils []*Council
	byExact  map[string][]int // names, aliases and codes exactly as listed
	byKey    map[string][]int // folded name or code -> councils
	keys     []string         // sorted, for suggestions

	// The index Mentions uses, built on first use.
	mentionOnce  sync.Once
	byWords      map[string][]int // folded words of a name or alias
	maxNameWords int

	jointOnce sync.Once
	joint     []int // JointServices index by council, -1 for none
}

var (
	defaultOnce sync.Once
	defaultList *List
	defaultErr  error
)

// Default is the embedded list. It panics if the embedded file is broken,
// which a test catches before any release.
func Default() *List {
	defaultOnce.Do(func() { defaultList, defaultErr = Parse(councilsCSV) })
	if defaultErr != nil {
		panic(defaultErr)
	}
	return defaultList
}

// Parse reads a list in the embedded file's format.
func Parse(text string) (*List, error) {
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read council list: %w", err)
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("council list is empty")
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, h := range []string{"la_name", "new_la_code", "old_la_code", "region_name", "start_date", "end_date", "successors", "previous_codes", "aliases", "neighbours", "neighbour_bands"} {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("council list has no %s column", h)
		}
	}
	l := &List{byKey: map[string][]int{}, byExact: map[string][]int{}}
	byDfE := map[string]int{}
	for _, r := range recs[1:] {
		c := &Council{
			Index: len(l.Councils), Name: r[col["la_name"]], GSS: r[col["new_la_code"]], DfE: r[col["old_la_code"]],
			Region: r[col["region_name"]], Type: r[col["la_type"]], OfstedRegion: r[col["ofsted_region"]], URN: r[col["ofsted_urn"]],
		}
		if c.Start, err = optDay(r[col["start_date"]]); err != nil {
			return nil, fmt.Errorf("council %s: %w", c.Name, err)
		}
		if c.End, err = optDay(r[col["end_date"]]); err != nil {
			return nil, fmt.Errorf("council %s: %w", c.Name, err)
		}
		for _, p := range splitNonEmpty(r[col["previous_codes"]], ";") {
			code, since, ok := strings.Cut(p, "<")
			d, err := optDay(since)
			if !ok || err != nil {
				return nil, fmt.Errorf("council %s: bad previous code %q", c.Name, p)
			}
			c.Previous = append(c.Previous, CodeChange{Code: code, Until: d})
		}
		sort.Slice(c.Previous, func(i, j int) bool { return c.Previous[i].Until < c.Previous[j].Until })
		c.Aliases = splitNonEmpty(r[col["aliases"]], "|")
		c.Bands = splitNonEmpty(r[col["neighbour_bands"]], ";")
		if _, dup := byDfE[c.DfE]; dup {
			return nil, fmt.Errorf("council list has DfE code %s twice", c.DfE)
		}
		byDfE[c.DfE] = c.Index
		l.Councils = append(l.Councils, c)
	}
	// Second pass: links by DfE code, and the index.
	for i, r := range recs[1:] {
		c := l.Councils[i]
		for _, s := range splitNonEmpty(r[col["successors"]], ";") {
			j, ok := byDfE[s]
			if !ok {
				return nil, fmt.Errorf("council %s: successor %s is not in the list", c.Name, s)
			}
			c.Successors = append(c.Successors, j)
		}
		for _, s := range splitNonEmpty(r[col["neighbours"]], ";") {
			j, ok := byDfE[s]
			if !ok {
				return nil, fmt.Errorf("council %s: neighbour %s is not in the list", c.Name, s)
			}
			c.Neighbours = append(c.Neighbours, j)
		}
		l.add(strings.ToLower(c.GSS), i)
		l.add(c.DfE, i)
		for _, p := range c.Previous {
			l.add(strings.ToLower(p.Code), i)
		}
		l.add(Fold(c.Name), i)
		for _, a := range c.Aliases {
			l.add(Fold(a), i)
		}
		for _, exact := range append([]string{c.Name, c.GSS, c.DfE}, c.Aliases...) {
			l.byExact[exact] = appendOnce(l.byExact[exact], i)
		}
		for _, p := range c.Previous {
			l.byExact[p.Code] = appendOnce(l.byExact[p.Code], i)
		}
	}
	for k := range l.byKey {
		l.keys = append(l.keys, k)
	}
	sort.Strings(l.keys)
	return l, nil
}

func (l *List) add(key string, i int) { l.byKey[key] = appendOnce(l.byKey[key], i) }

func appendOnce(list []int, i int) []int {
	for _, j := range list {
		if j == i {
			return list
		}
	}
	return append(list, i)
}

func optDay(s string) (dates.Day, error) {
	if s == "" {
		return 0, nil
	}
	d, err := dates.Parse(s)
	if err != nil || d.Prec != dates.PrecDay {
		return 0, fmt.Errorf("bad date %q", s)
	}
	return d.Day, nil
}

func splitNonEmpty(s, sep string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, sep)
}

// ByDfE finds a council by its 3-digit code.
func (l *List) ByDfE(code string) *Council {
	for _, i := range l.byKey[code] {
		if l.Councils[i].DfE == code {
			return l.Councils[i]
		}
	}
	return nil
}

// ExistingOn lists the councils that existed on day d, in list order (by name).
func (l *List) ExistingOn(d dates.Day) []*Council {
	var out []*Council
	for _, c := range l.Councils {
		if c.ExistsOn(d) {
			out = append(out, c)
		}
	}
	return out
}

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
