package charts

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata/")

var testMeta = Meta{
	AsOf:   dates.FromYMD(2025, 3, 31),
	Source: "Ofsted children's social care inspection outcomes; DfE children's social work workforce statistics (test data).",
}

// testCouncil is a row of testdata/councils.csv: the 153 English councils
// with children's services on 2025-03-31 and their regions.
type testCouncil struct{ name, region string }

func loadCouncils(t testing.TB) []testCouncil {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "councils.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []testCouncil
	for _, r := range recs[1:] {
		out = append(out, testCouncil{r[0], r[1]})
	}
	if len(out) != 153 {
		t.Fatalf("testdata/councils.csv has %d councils, want 153", len(out))
	}
	return out
}

// hash01 is a stable pseudo-random number in [0, 1) from a string, so the
// fake data is the same on every run and every Go version.
func hash01(s string) float64 {
	h := fnv.New32a()
	h.Write([]byte(s))
	x := h.Sum32()
	x ^= x >> 16   // FNV alone gives close numbers for strings that differ
	x *= 0x45d9f3b // only in the last byte: mix the bits
	x ^= x >> 16
	return float64(x) / (1 << 32)
}

// fakeGrade gives roughly England's spread: 20% outstanding, 44% good,
// 26% requires improvement, 7% inadequate, 3% not yet graded.
func fakeGrade(name string) findings.GradeValue {
	switch u := hash01("grade:" + name); {
	case u < 0.20:
		return findings.Outstanding
	case u < 0.64:
		return findings.Good
	case u < 0.90:
		return findings.RequiresImprovement
	case u < 0.97:
		return findings.Inadequate
	}
	return findings.NoGrade
}

var regionOrder = []string{
	"North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
	"East of England", "London", "South East", "South West",
}

func fakeRegionGrades(cs []testCouncil) []RegionGrades {
	rows := make([]RegionGrades, len(regionOrder))
	for i, r := range regionOrder {
		rows[i].Region = r
	}
	for _, c := range cs {
		for i := range rows {
			if rows[i].Region == c.region {
				rows[i].Counts[fakeGrade(c.name)]++
			}
		}
	}
	return rows
}

// fakeCaseloads: caseloads of 11 to 24, one decimal, three councils with no
// figure (NaN).
func fakeCaseloads(cs []testCouncil) []CouncilValue {
	out := make([]CouncilValue, len(cs))
	for i, c := range cs {
		v := math.Round((11+13*hash01("caseload:"+c.name))*10) / 10
		if c.name == "City of London" || c.name == "Isles of Scilly" || c.name == "Rutland" {
			v = math.NaN()
		}
		out[i] = CouncilValue{Name: c.name, Grade: fakeGrade(c.name), Value: v}
	}
	return out
}

func fakeVacancies(cs []testCouncil) []CouncilValue {
	var out []CouncilValue
	for _, c := range cs {
		if c.region != "London" && c.region != "South East" {
			continue
		}
		v := math.Round(40*hash01("vacancy:"+c.name)*hash01("v2:"+c.name)*10) / 10
		out = append(out, CouncilValue{Name: c.name, Grade: fakeGrade(c.name), Value: v})
	}
	return out
}

func annual(from, to int, base, slope float64, name string) []Point {
	var pts []Point
	for y := from; y <= to; y++ {
		v := base + slope*float64(y-from) + 2*(hash01(fmt.Sprint(name, y))-0.5)
		pts = append(pts, Point{Date: dates.FromYMD(y, 9, 30), Value: math.Round(v*10) / 10})
	}
	return pts
}

type chartCase struct {
	name         string
	render       func(w io.Writer) error
	wantW, wantH int
	colours      []findings.GradeValue // grade colours that must appear
}

func chartCases(t testing.TB) []chartCase {
	cs := loadCouncils(t)
	caseloads := fakeCaseloads(cs)
	vacancies := fakeVacancies(cs)

	council := annual(2016, 2024, 17, -0.3, "council")
	council[3].Value = math.NaN() // a missing year breaks the line
	region := annual(2017, 2024, 16, -0.1, "region")
	england := annual(2016, 2024, 16.5, -0.05, "england")
	region[2].Date = dates.FromYMD(2019, 12, 31) // different dates from the others

	monthly := func(name string, base float64, dd int) []Point {
		var pts []Point
		for m := 1; m <= 4; m++ {
			pts = append(pts, Point{Date: dates.FromYMD(2025, m, dd), Value: base + 3*hash01(fmt.Sprint(name, m))})
		}
		return pts
	}

	return []chartCase{
		{
			name: "grades_by_region",
			render: func(w io.Writer) error {
				return GradesByRegion(w, fakeRegionGrades(cs), testMeta)
			},
			wantW: 1600, wantH: 1000,
			colours: []findings.GradeValue{findings.Outstanding, findings.Good, findings.RequiresImprovement, findings.Inadequate, findings.NoGrade},
		},
		{
			name: "ranked_caseload_153",
			render: func(w io.Writer) error {
				return Ranked(w, "Caseload by council", "Average caseload per social worker (children)", caseloads, 15.2, "England median", testMeta)
			},
			wantW: 1600, wantH: 4542,
			colours: []findings.GradeValue{findings.Outstanding, findings.Good, findings.RequiresImprovement, findings.Inadequate, findings.NoGrade},
		},
		{
			name: "ranked_vacancy_52",
			render: func(w io.Writer) error {
				return Ranked(w, "Vacancy rate by council (%)", "Social worker vacancy rate (%)", vacancies, 14.9, "England median", testMeta)
			},
			wantW: 1600, wantH: 1819,
			colours: []findings.GradeValue{findings.Outstanding, findings.Good, findings.RequiresImprovement, findings.Inadequate},
		},
		{
			name: "over_time_years",
			render: func(w io.Writer) error {
				return OverTime(w, "Caseload in Barking and Dagenham, 2016 to 2024", "Average caseload per social worker", []Series{
					{Name: "Barking and Dagenham", Points: council, Role: Council},
					{Name: "London median", Points: region, Role: Region},
					{Name: "England median", Points: england, Role: England},
				}, testMeta)
			},
			wantW: 1600, wantH: 1000,
		},
		{
			name: "over_time_months",
			render: func(w io.Writer) error {
				return OverTime(w, "Vacancy rate in Kingston upon Hull, City of, January to April 2025", "Vacancy rate (%)", []Series{
					{Name: "Kingston upon Hull, City of", Points: monthly("hull", 18, 15), Role: Council},
					{Name: "Yorkshire and The Humber median", Points: monthly("yh", 14, 1), Role: Region},
					{Name: "England median", Points: monthly("eng", 15, 1), Role: England},
				}, testMeta)
			},
			wantW: 1600, wantH: 1000,
		},
		{
			name: "over_time_single_point",
			render: func(w io.Writer) error {
				return OverTime(w, "Agency workers in Rutland", "Agency social workers (%)", []Series{
					{Name: "Rutland", Points: []Point{{Date: dates.FromYMD(2024, 9, 30), Value: 22.5}}, Role: Council},
					{Name: "East Midlands median", Role: Region},
					{Name: "England median", Points: annual(2022, 2024, 17, 0.5, "eng2"), Role: England},
				}, testMeta)
			},
			wantW: 1600, wantH: 1000,
		},
	}
}

// TestCharts renders every case, checks it is a PNG of the expected size
// in which the expected grade colours appear, and compares it byte for byte
// with testdata/<name>.png. With -update it rewrites the golden files; on a
// mismatch it writes testdata/<name>.got.png beside the golden file.
func TestCharts(t *testing.T) {
	for _, tc := range chartCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.render(&buf); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatalf("output is not a PNG: %v", err)
			}
			if b := img.Bounds(); b.Dx() != tc.wantW || b.Dy() != tc.wantH {
				t.Errorf("size %dx%d, want %dx%d", b.Dx(), b.Dy(), tc.wantW, tc.wantH)
			}
			found := colourSet(img)
			for _, g := range tc.colours {
				if !found[GradeColour(g)] {
					t.Errorf("no pixel has the %s colour %v", GradeLabel(g), GradeColour(g))
				}
			}

			golden := filepath.Join("testdata", tc.name+".png")
			got := filepath.Join("testdata", tc.name+".got.png")
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				os.Remove(got)
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./outputs/charts -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				if err := os.WriteFile(got, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				t.Errorf("output differs from %s; wrote %s to compare (run with -update if the change is intended)", golden, got)
				return
			}
			os.Remove(got)
		})
	}
}

// colourSet is the set of exact opaque colours in img.
func colourSet(img image.Image) map[color.RGBA]bool {
	set := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if a == 0xFFFF {
				set[color.RGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(bl >> 8), A: 0xFF}] = true
			}
		}
	}
	return set
}

// TestDeterministic renders each chart twice: the bytes must not change.
func TestDeterministic(t *testing.T) {
	for _, tc := range chartCases(t) {
		var a, b bytes.Buffer
		if err := tc.render(&a); err != nil {
			t.Fatal(err)
		}
		if err := tc.render(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two renders of the same input differ", tc.name)
		}
	}
}

// TestRankedHeightGrows checks that Ranked gives every council the same
// room: the image grows by a fixed number of pixels per council.
func TestRankedHeightGrows(t *testing.T) {
	cs := loadCouncils(t)
	height := func(n int) int {
		var buf bytes.Buffer
		if err := Ranked(&buf, "Caseload by council", "Caseload", fakeCaseloads(cs[:n]), 15, "England median", testMeta); err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(&buf)
		if err != nil {
			t.Fatal(err)
		}
		return cfg.Height
	}
	h10, h110 := height(10), height(110)
	perRow := float64(h110-h10) / 100
	if perRow < 25 || perRow > 30 { // 12.5 pt at 160 DPI is 27.8 px
		t.Errorf("height grows %.1f px per council, want about 27.8 (10 councils: %d px, 110: %d px)", perRow, h10, h110)
	}
}

func TestGradeColour(t *testing.T) {
	tests := []struct {
		g    findings.GradeValue
		want color.RGBA
	}{
		{findings.Outstanding, color.RGBA{0x00, 0x72, 0xB2, 0xFF}},
		{findings.Good, color.RGBA{0x00, 0x9E, 0x73, 0xFF}},
		{findings.RequiresImprovement, color.RGBA{0xE6, 0x9F, 0x00, 0xFF}},
		{findings.Inadequate, color.RGBA{0xD5, 0x5E, 0x00, 0xFF}},
		{findings.NoGrade, color.RGBA{0xBB, 0xBB, 0xBB, 0xFF}},
		{findings.GradeValue(9), color.RGBA{0xBB, 0xBB, 0xBB, 0xFF}},
	}
	for _, tt := range tests {
		if got := GradeColour(tt.g); got != tt.want {
			t.Errorf("GradeColour(%d) = %v, want %v", tt.g, got, tt.want)
		}
		if got, want := GradeHex(tt.g), fmt.Sprintf("%02X%02X%02X", tt.want.R, tt.want.G, tt.want.B); got != want {
			t.Errorf("GradeHex(%d) = %s, want %s", tt.g, got, want)
		}
	}
}

func TestFootnote(t *testing.T) {
	m := Meta{AsOf: dates.FromYMD(2025, 3, 31), Source: " Ofsted; DfE workforce statistics. "}
	if got, want := m.footnote(), "As of 2025-03-31. Source: Ofsted; DfE workforce statistics."; got != want {
		t.Errorf("footnote = %q, want %q", got, want)
	}
}

func TestDateTicks(t *testing.T) {
	d := func(y, m, dd int) float64 { return float64(dates.FromYMD(y, m, dd)) }
	type tick struct {
		date  string // YYYY-MM-DD
		label string // "" for a minor tick
	}
	tests := []struct {
		name     string
		min, max float64
		want     []tick
	}{
		{
			name: "3 months: every month, labelled with month and year",
			min:  d(2025, 1, 1), max: d(2025, 4, 1),
			want: []tick{
				{"2025-01-01", "Jan 2025"}, {"2025-02-01", "Feb 2025"},
				{"2025-03-01", "Mar 2025"}, {"2025-04-01", "Apr 2025"},
			},
		},
		{
			name: "3 months, not starting on the 1st",
			min:  d(2024, 11, 15), max: d(2025, 2, 14),
			want: []tick{{"2024-12-01", "Dec 2024"}, {"2025-01-01", "Jan 2025"}, {"2025-02-01", "Feb 2025"}},
		},
		{
			name: "2 years: quarters labelled, months between",
			min:  d(2023, 4, 1), max: d(2025, 3, 31),
			want: []tick{
				{"2023-04-01", "Apr 2023"}, {"2023-05-01", ""}, {"2023-06-01", ""},
				{"2023-07-01", "Jul 2023"}, {"2023-08-01", ""}, {"2023-09-01", ""},
				{"2023-10-01", "Oct 2023"}, {"2023-11-01", ""}, {"2023-12-01", ""},
				{"2024-01-01", "Jan 2024"}, {"2024-02-01", ""}, {"2024-03-01", ""},
				{"2024-04-01", "Apr 2024"}, {"2024-05-01", ""}, {"2024-06-01", ""},
				{"2024-07-01", "Jul 2024"}, {"2024-08-01", ""}, {"2024-09-01", ""},
				{"2024-10-01", "Oct 2024"}, {"2024-11-01", ""}, {"2024-12-01", ""},
				{"2025-01-01", "Jan 2025"}, {"2025-02-01", ""}, {"2025-03-01", ""},
			},
		},
		{
			name: "5 years: years labelled, quarters between",
			min:  d(2019, 8, 1), max: d(2021, 12, 31) + 3*365,
			want: nil, // checked by count below
		},
		{
			name: "15 years: even years labelled, other years minor",
			min:  d(2009, 6, 30), max: d(2024, 6, 30),
			want: []tick{
				{"2010-01-01", "2010"}, {"2011-01-01", ""}, {"2012-01-01", "2012"}, {"2013-01-01", ""},
				{"2014-01-01", "2014"}, {"2015-01-01", ""}, {"2016-01-01", "2016"}, {"2017-01-01", ""},
				{"2018-01-01", "2018"}, {"2019-01-01", ""}, {"2020-01-01", "2020"}, {"2021-01-01", ""},
				{"2022-01-01", "2022"}, {"2023-01-01", ""}, {"2024-01-01", "2024"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DateTicks{}.Ticks(tt.min, tt.max)
			for _, tk := range got {
				if tk.Value < tt.min || tk.Value > tt.max {
					t.Errorf("tick %v outside [%v, %v]", tk, tt.min, tt.max)
				}
				if _, _, dd := dates.Day(tk.Value).YMD(); dd != 1 || tk.Value != math.Trunc(tk.Value) {
					t.Errorf("tick at %v is not the first day of a month", tk.Value)
				}
			}
			if tt.want == nil {
				var labels []string
				for _, tk := range got {
					if tk.Label != "" {
						labels = append(labels, tk.Label)
					}
				}
				if strings.Join(labels, ",") != "2020,2021,2022,2023,2024" || len(got) != 21 {
					t.Errorf("got labels %v and %d ticks, want 2020..2024 and 21 quarterly ticks (2019-10-01 to 2024-10-01)", labels, len(got))
				}
				return
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d ticks %v, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				if gd := dates.Day(got[i].Value).String(); gd != w.date || got[i].Label != w.label {
					t.Errorf("tick %d = %s %q, want %s %q", i, gd, got[i].Label, w.date, w.label)
				}
			}
		})
	}
}

func TestValueAxis(t *testing.T) {
	tests := []struct {
		lo, hi   float64
		integer  bool
		min, max float64
		labels   string
	}{
		{0, 33, true, 0, 40, "0,5,10,15,20,25,30,35,40"},
		{0, 3, true, 0, 4, "0,1,2,3,4"},
		{11.2, 23.9, false, 0, 30, "0,5,10,15,20,25,30"},
		{0, 0.8, false, 0, 0.9, "0.0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9"},
		{0, 4321, false, 0, 5000, "0,500,1,000,1,500,2,000,2,500,3,000,3,500,4,000,4,500,5,000"},
	}
	for _, tt := range tests {
		min, max, tk := valueAxis(tt.lo, tt.hi, 0.08, tt.integer)
		var labels []string
		for _, x := range tk.Ticks(min, max) {
			labels = append(labels, x.Label)
		}
		if min != tt.min || max != tt.max || strings.Join(labels, ",") != tt.labels {
			t.Errorf("valueAxis(%v, %v) = [%v, %v] %v, want [%v, %v] %v", tt.lo, tt.hi, min, max, labels, tt.min, tt.max, tt.labels)
		}
	}
}

func TestErrors(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		run  func(w io.Writer) error
		want string
	}{
		{"GradesByRegion no rows", func(w io.Writer) error { return GradesByRegion(w, nil, testMeta) }, "no regions"},
		{"GradesByRegion all zero", func(w io.Writer) error {
			return GradesByRegion(w, []RegionGrades{{Region: "London"}}, testMeta)
		}, "every count is zero"},
		{"GradesByRegion negative", func(w io.Writer) error {
			return GradesByRegion(w, []RegionGrades{{Region: "London", Counts: [5]int{0, -1, 2, 3, 4}}}, testMeta)
		}, "negative count"},
		{"GradesByRegion no as-of", func(w io.Writer) error {
			return GradesByRegion(w, []RegionGrades{{Region: "London", Counts: [5]int{1, 1, 1, 1, 1}}}, Meta{Source: "x"})
		}, "AsOf is not set"},
		{"Ranked no rows", func(w io.Writer) error { return Ranked(w, "Caseload", "Caseload", nil, 15, "England median", testMeta) }, "no councils"},
		{"Ranked all NaN", func(w io.Writer) error {
			return Ranked(w, "Caseload", "Caseload", []CouncilValue{{"Barnet", findings.Good, nan}, {"Bexley", findings.Good, nan}}, 15, "", testMeta)
		}, "all 2 councils have no value"},
		{"Ranked infinite", func(w io.Writer) error {
			return Ranked(w, "Caseload", "Caseload", []CouncilValue{{"Barnet", findings.Good, math.Inf(1)}}, 15, "", testMeta)
		}, "infinite"},
		{"Ranked no source", func(w io.Writer) error {
			return Ranked(w, "Caseload", "Caseload", []CouncilValue{{"Barnet", findings.Good, 3}}, 15, "", Meta{AsOf: 20000})
		}, "Source is empty"},
		{"OverTime no series", func(w io.Writer) error { return OverTime(w, "Caseload", "Caseload", nil, testMeta) }, "no series"},
		{"OverTime no points", func(w io.Writer) error {
			return OverTime(w, "Caseload", "Caseload", []Series{{Name: "Barnet"}, {Name: "England", Role: England, Points: []Point{{20000, nan}}}}, testMeta)
		}, "no series has a value"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		err := tt.run(&buf)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: wrote %d bytes despite the error", tt.name, buf.Len())
		}
	}
}

func BenchmarkCharts(b *testing.B) {
	for _, tc := range chartCases(b) {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if err := tc.render(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
