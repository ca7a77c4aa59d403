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
		c, err := parseCouncil(r, col, len(l.Councils))
		if err != nil {
			return nil, err
		}
		if _, dup := byDfE[c.DfE]; dup {
			return nil, fmt.Errorf("council list has DfE code %s twice", c.DfE)
		}
		byDfE[c.DfE] = c.Index
		l.Councils = append(l.Councils, c)
	}
	// Second pass: links by DfE code, and the index.
	for i, r := range recs[1:] {
		c := l.Councils[i]
		if err := link(c, r, col, byDfE); err != nil {
			return nil, err
		}
		l.index(c)
	}
	for k := range l.byKey {
		l.keys = append(l.keys, k)
	}
	sort.Strings(l.keys)
	return l, nil
}

// parseCouncil reads council i's row: its names, codes, dates, the codes
// it used before and its neighbour bands.
func parseCouncil(r []string, col map[string]int, i int) (*Council, error) {
	c := &Council{
		Index: i, Name: r[col["la_name"]], GSS: r[col["new_la_code"]], DfE: r[col["old_la_code"]],
		Region: r[col["region_name"]], Type: r[col["la_type"]], OfstedRegion: r[col["ofsted_region"]], URN: r[col["ofsted_urn"]],
	}
	var err error
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
	return c, nil
}

// link links a council to its successors and neighbours, named in its
// row by their DfE codes.
func link(c *Council, r []string, col map[string]int, byDfE map[string]int) error {
	for _, s := range splitNonEmpty(r[col["successors"]], ";") {
		j, ok := byDfE[s]
		if !ok {
			return fmt.Errorf("council %s: successor %s is not in the list", c.Name, s)
		}
		c.Successors = append(c.Successors, j)
	}
	for _, s := range splitNonEmpty(r[col["neighbours"]], ";") {
		j, ok := byDfE[s]
		if !ok {
			return fmt.Errorf("council %s: neighbour %s is not in the list", c.Name, s)
		}
		c.Neighbours = append(c.Neighbours, j)
	}
	return nil
}

// index makes a council found by its codes (current and previous), its
// name and aliases folded, and exactly as written.
func (l *List) index(c *Council) {
	i := c.Index
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
