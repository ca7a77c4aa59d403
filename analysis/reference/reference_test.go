package reference

import (
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
)

func day(s string) dates.Day {
	d, err := dates.Parse(s)
	if err != nil {
		panic(err)
	}
	return d.Day
}

func TestListShape(t *testing.T) {
	l := Default()
	current := l.ExistingOn(day("2025-03-31"))
	if len(current) != 153 {
		t.Fatalf("%d councils exist on 2025-03-31, want 153", len(current))
	}
	perRegion := map[string]int{}
	for _, c := range current {
		perRegion[c.Region]++
		if len(c.Neighbours) != 10 {
			t.Errorf("%s has %d statistical neighbours, want 10", c.Name, len(c.Neighbours))
		}
	}
	// Councils per region in the DfE 2025 workforce release (Kingston and
	// Richmond, North and West Northamptonshire counted separately).
	want := map[string]int{"North East": 12, "North West": 24, "Yorkshire and The Humber": 15, "East Midlands": 10,
		"West Midlands": 14, "East of England": 11, "London": 33, "South East": 19, "South West": 15}
	for r, n := range want {
		if perRegion[r] != n {
			t.Errorf("region %s has %d councils, want %d", r, perRegion[r], n)
		}
	}
	if len(perRegion) != len(Regions) {
		t.Errorf("regions %v", perRegion)
	}
	if n := len(l.ExistingOn(day("2018-06-01"))); n != 152 {
		// 2018: Bournemouth, Poole, old Dorset, Northamptonshire and Cumbria
		// instead of BCP, Dorset, the two Northamptonshires, Cumberland and
		// Westmorland and Furness.
		t.Errorf("%d councils exist on 2018-06-01, want 152", n)
	}
}

func TestResolveNames(t *testing.T) {
	l := Default()
	on := day("2024-06-01")
	tests := map[string]string{
		"Barking and Dagenham":                    "E09000002",
		"LB Barking & Dagenham":                   "E09000002",
		"Barking and Dagenham Council":            "E09000002",
		"London Borough of Barking and Dagenham":  "E09000002",
		"barking & dagenham":                      "E09000002",
		"  BARKING AND DAGENHAM ":                 "E09000002",
		"E09000002":                               "E09000002",
		"e09000002":                               "E09000002",
		"301":                                     "E09000002",
		"Kingston upon Hull, City of":             "E06000010",
		"Kingston Upon Hull":                      "E06000010",
		"Hull City Council":                       "E06000010",
		"Bristol, City of":                        "E06000023",
		"Bristol":                                 "E06000023",
		"Bristol City Council":                    "E06000023",
		"Herefordshire, County of":                "E06000019",
		"Herefordshire Council":                   "E06000019",
		"St Helens":                               "E08000013",
		"St. Helens":                              "E08000013",
		"Saint Helens":                            "E08000013",
		"Durham":                                  "E06000047",
		"County Durham":                           "E06000047",
		"Durham County Council":                   "E06000047",
		"Telford & Wrekin":                        "E06000020",
		"Hammersmith & Fulham":                    "E09000013",
		"Bournemouth, Christchurch & Poole":       "E06000058",
		"BCP":                                     "E06000058",
		"Royal Borough of Windsor and Maidenhead": "E06000040",
		"windsor & maidenhead":                    "E06000040",
		"City of London":                          "E09000001",
		"london corporation":                      "E09000001",
		"Stockton on Tees":                        "E06000004",
		"Bedford Borough":                         "E06000055",
		"Medway Council":                          "E06000035",
		"Tower Hamlets":                           "E09000030",
		"E08000016":                               "E08000038", // Barnsley's old code
		"E10000023":                               "E06000065", // North Yorkshire before 2023
		"Dorset":                                  "E06000059",
	}
	for in, want := range tests {
		c, err := l.Resolve(in, on, on)
		if err != nil {
			t.Errorf("Resolve(%q): %v", in, err)
			continue
		}
		if c.GSS != want {
			t.Errorf("Resolve(%q) = %s %s, want %s", in, c.Name, c.GSS, want)
		}
	}
}

func TestResolveHistory(t *testing.T) {
	l := Default()
	tests := []struct {
		name, from, to string
		want           string // GSS, or an error fragment
	}{
		{"Northamptonshire", "2019-03-01", "2019-03-01", "E10000021"},
		{"928", "2016-01-01", "2016-12-31", "E10000021"},
		{"Northamptonshire", "2022-05-01", "2022-05-01", "must name its successor: \"North Northamptonshire\" (E06000061) or \"West Northamptonshire\" (E06000062)"},
		{"Bournemouth", "2015-01-01", "2015-01-01", "E06000028"},
		{"Bournemouth", "2020-01-01", "2020-01-01", "E06000058"}, // single successor: BCP
		{"Poole", "2021-01-01", "2021-12-31", "E06000058"},
		{"Dorset", "2016-05-01", "2016-05-01", "E10000009"},
		{"Dorset", "2020-05-01", "2020-05-01", "E06000059"},
		{"Dorset", "2019-01-01", "2019-12-31", "ambiguous"},
		{"835", "2019-01-01", "2019-12-31", "E10000009"},
		{"Cumbria", "2022-09-30", "2022-09-30", "E10000006"},
		{"Cumbria", "2024-01-01", "2024-01-01", "abolished on 2023-04-01"},
		{"Cumberland", "2020-01-01", "2020-01-01", "belongs to its predecessor: \"Cumbria\" (E10000006)"},
		{"Cumberland", "2023-01-01", "2023-12-31", "E06000063"}, // year overlaps its creation
		{"North Northamptonshire", "2021-04-01", "2021-04-01", "E06000061"},
	}
	for _, tt := range tests {
		c, err := l.Resolve(tt.name, day(tt.from), day(tt.to))
		switch {
		case strings.HasPrefix(tt.want, "E") && err != nil:
			t.Errorf("Resolve(%q, %s): %v", tt.name, tt.from, err)
		case strings.HasPrefix(tt.want, "E") && c.GSS != tt.want:
			t.Errorf("Resolve(%q, %s) = %s, want %s", tt.name, tt.from, c.GSS, tt.want)
		case !strings.HasPrefix(tt.want, "E") && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("Resolve(%q, %s) = %v, %v; want error containing %q", tt.name, tt.from, c, err, tt.want)
		}
	}
}

func TestCodeOn(t *testing.T) {
	l := Default()
	b := l.ByDfE("370")
	if got := b.CodeOn(day("2024-09-30")); got != "E08000016" {
		t.Errorf("Barnsley 2024 code %s", got)
	}
	if got := b.CodeOn(day("2025-04-01")); got != "E08000038" {
		t.Errorf("Barnsley 2025 code %s", got)
	}
	if got := l.ByDfE("825").CodeOn(day("2019-01-01")); got != "E10000002" {
		t.Errorf("Buckinghamshire 2019 code %s", got)
	}
}

func TestUnknownSuggests(t *testing.T) {
	l := Default()
	on := day("2024-01-01")
	_, err := l.Resolve("Barking & Dagnham", on, on)
	if err == nil || !strings.Contains(err.Error(), `did you mean "Barking and Dagenham" (E09000002)`) {
		t.Fatalf("got %v", err)
	}
	_, err = l.Resolve("Atlantis", on, on)
	if err == nil || !strings.Contains(err.Error(), `council "Atlantis" is not known`) {
		t.Fatalf("got %v", err)
	}
	_, err = l.Resolve("E09999999", on, on)
	if err == nil {
		t.Fatal("unknown code resolved")
	}
}

func TestNoKeyIsAmbiguousAmongCurrentCouncils(t *testing.T) {
	l := Default()
	for k, idx := range l.byKey {
		var current []string
		for _, i := range idx {
			if !l.Councils[i].Abolished() {
				current = append(current, l.Councils[i].Name)
			}
		}
		if len(current) > 1 {
			t.Errorf("key %q names several current councils: %v", k, current)
		}
	}
}

func TestFold(t *testing.T) {
	tests := map[string]string{
		"St. Helens":          "st helens",
		"Saint Helens":        "st helens",
		"Bristol, City of":    "bristol city of",
		"Stockton-on-Tees":    "stockton on tees",
		"Barking&Dagenham":    "barking and dagenham",
		"Children’s services": "childrens services",
		"  Tower   Hamlets  ": "tower hamlets",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// Every council existing today has its Ofsted page; the form is the one
// Ofsted's site uses (Birmingham's URN 80429, Tameside's 80569).
func TestOfstedPage(t *testing.T) {
	ref := Default()
	for name, want := range map[string]string{
		"Birmingham": "https://reports.ofsted.gov.uk/provider/44/80429",
		"Tameside":   "https://reports.ofsted.gov.uk/provider/44/80569",
	} {
		c, err := ref.Resolve(name, dates.FromYMD(2026, 1, 1), dates.FromYMD(2026, 1, 1))
		if err != nil {
			t.Fatal(err)
		}
		if got := c.OfstedPage(); got != want {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
	urns := map[string]string{}
	for _, c := range ref.ExistingOn(dates.FromYMD(2026, 12, 7)) {
		if c.OfstedPage() == "" {
			t.Errorf("%s has no Ofsted page", c.Name)
		}
		if other, dup := urns[c.URN]; dup {
			t.Errorf("%s and %s share URN %s", c.Name, other, c.URN)
		}
		urns[c.URN] = c.Name
	}
	if len(urns) != 153 {
		t.Errorf("%d councils with a page, want 153", len(urns))
	}
}
