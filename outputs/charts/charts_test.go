package charts

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/fixtures/golden"
)

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

// fakeShade gives roughly England's spread: 20% outstanding, 44% good,
// 25% requires improvement, 7% inadequate, 3% inspected under the 2026
// framework (no overall grade), 1% not inspected.
func fakeShade(name string) Shade {
	if name == "Rutland" || name == "Torbay" {
		return ShadeNotInspected
	}
	switch u := hash01("grade:" + name); {
	case u < 0.20:
		return GradeShade(findings.Outstanding)
	case u < 0.64:
		return GradeShade(findings.Good)
	case u < 0.89:
		return GradeShade(findings.RequiresImprovement)
	case u < 0.96:
		return GradeShade(findings.Inadequate)
	case u < 0.99:
		return ShadeNoOverall
	}
	return ShadeNotInspected
}

var regionOrder = []string{
	"North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
	"East of England", "London", "South East", "South West",
}

func fakeStacked(cs []testCouncil) *StackedData {
	shades := append(append([]Shade(nil), gradeShades...), ShadeNoOverall, ShadeNotInspected)
	d := &StackedData{Title: "Councils by the overall grade of their latest Ofsted inspection, by region", Shades: shades, Counted: "councils by grade"}
	for _, r := range regionOrder {
		row := StackedRow{Label: r, Counts: make([]int, len(shades))}
		for _, c := range cs {
			if c.region != r {
				continue
			}
			for k, s := range shades {
				if s == fakeShade(c.name) {
					row.Counts[k]++
				}
			}
		}
		d.Rows = append(d.Rows, row)
	}
	return d
}

// fakeRanking ranks fake values of the councils kept, highest first, as
// rankingData does.
func fakeRanking(title string, m findings.Measure, cs []testCouncil, value func(testCouncil) (float64, bool), median float64) *RankingData {
	d := &RankingData{Title: title, ValueLabel: metrics.MeasureHeader(m), Measure: m, Date: dates.Date{Day: dates.FromYMD(2025, 9, 30)},
		Median: metrics.Median{OK: true, Value: median, Date: dates.Date{Day: dates.FromYMD(2025, 9, 30)}}, MedianLabel: "England median"}
	for _, c := range cs {
		v, ok := value(c)
		if !ok {
			d.Unranked = append(d.Unranked, Missing{Name: c.name, Code: findings.NotAvailable})
			continue
		}
		d.Bars = append(d.Bars, Bar{Label: c.name, Shades: []Shade{fakeShade(c.name)}, Value: v, Councils: []string{c.name},
			Small: c.name == "City of London" || c.name == "Isles of Scilly"})
	}
	sort.SliceStable(d.Bars, func(i, j int) bool {
		if d.Bars[i].Value != d.Bars[j].Value {
			return d.Bars[i].Value > d.Bars[j].Value
		}
		return d.Bars[i].Label < d.Bars[j].Label
	})
	for i := range d.Bars {
		d.Bars[i].Position = 1
		for _, b := range d.Bars {
			if b.Value < d.Bars[i].Value {
				d.Bars[i].Position++
			}
		}
	}
	d.Top = min(len(d.Bars), MaxRanked/2)
	d.Bottom = MaxRanked / 2
	if len(d.Bars) <= MaxRanked {
		d.Top, d.Bottom = len(d.Bars), 0
	}
	return d
}

// fakeCaseload: caseloads of 11 to 24, one decimal, three councils with no
// figure.
func fakeCaseload(c testCouncil) (float64, bool) {
	if c.name == "Kensington and Chelsea" || c.name == "Westminster" || c.name == "Rutland" {
		return 0, false
	}
	return math.Round((11+13*hash01("caseload:"+c.name))*10) / 10, true
}

func fakeVacancy(c testCouncil) (float64, bool) {
	return math.Round(40*hash01("vacancy:"+c.name)*hash01("v2:"+c.name)*10) / 10, true
}

func annual(from, to int, base, slope float64, name string) []LinePoint {
	var pts []LinePoint
	for y := from; y <= to; y++ {
		v := base + slope*float64(y-from) + 2*(hash01(fmt.Sprint(name, y))-0.5)
		pts = append(pts, LinePoint{Date: dates.Date{Day: dates.FromYMD(y, 9, 30)}, Value: math.Round(v*10) / 10})
	}
	return pts
}

// line makes a Line whose legend value is its last point, as a median
// line's is.
func line(name string, role Role, pts []LinePoint) Line {
	l := Line{Name: name, Role: role, Points: pts}
	if n := len(pts); n > 0 {
		l.Latest, l.HasLatest = pts[n-1], true
	}
	return l
}

type chartCase struct {
	name    string
	render  func(w io.Writer) error
	colours []color.RGBA // colours that must appear
}

func gradeColours4() []color.RGBA {
	var out []color.RGBA
	for _, g := range []findings.GradeValue{findings.Outstanding, findings.Good, findings.RequiresImprovement, findings.Inadequate} {
		out = append(out, GradeColour(g))
	}
	return out
}

func chartCases(t testing.TB) []chartCase {
	cs := loadCouncils(t)
	var southern []testCouncil
	for _, c := range cs {
		if c.region == "London" || c.region == "South East" {
			southern = append(southern, c)
		}
	}

	council := annual(2016, 2024, 17, -0.3, "council")
	council[3] = LinePoint{Date: council[3].Date, Code: findings.NotAvailable} // a code breaks the line
	region := annual(2017, 2024, 16, -0.1, "region")
	england := annual(2016, 2024, 16.5, -0.05, "england")
	region[2].Date = dates.Date{Day: dates.FromYMD(2019, 12, 31)} // different dates from the others

	monthly := func(name string, base float64, dd int) []LinePoint {
		var pts []LinePoint
		for m := 1; m <= 4; m++ {
			pts = append(pts, LinePoint{Date: dates.Date{Day: dates.FromYMD(2025, m, dd)}, Value: math.Round((base+3*hash01(fmt.Sprint(name, m)))*10) / 10})
		}
		return pts
	}
	few := fakeRanking("Vacancy rate by council on 30 Sep 2025: 5 councils ranked", findings.VacancyRate, southern[:5], fakeVacancy, 14.4)
	few.Bars[1].Highlight = true
	few.Bars[2].Shades = []Shade{GradeShade(findings.Good), ShadeNoOverall} // a joint service whose members differ
	few.Bars[2].Label = "Kingston upon Thames & Richmond upon Thames"

	var pn []Panel
	for _, m := range []findings.Measure{findings.Caseload, findings.VacancyRate} {
		value := fakeCaseload
		if m == findings.VacancyRate {
			value = fakeVacancy
		}
		p := Panel{Heading: sentence(measureName(m)) + " on 30 Sep 2025", ValueLabel: metrics.MeasureHeader(m), Measure: m,
			Date: dates.Date{Day: dates.FromYMD(2025, 9, 30)}}
		var vs []float64
		for i, c := range cs[40:51] {
			v, _ := value(c)
			b := Bar{Label: c.name, Shades: []Shade{NeighbourShade}, Value: v}
			if i == 0 {
				b.Shades, b.Highlight = []Shade{CouncilBarShade(c.name)}, true
			} else {
				vs = append(vs, v)
			}
			p.Bars = append(p.Bars, b)
		}
		sort.SliceStable(p.Bars, func(i, j int) bool { return p.Bars[i].Value > p.Bars[j].Value })
		sort.Float64s(vs)
		p.Median = metrics.Median{OK: true, Value: (vs[4] + vs[5]) / 2, Date: p.Date}
		pn = append(pn, p)
	}

	return []chartCase{
		{
			name:    "grades_by_region",
			render:  func(w io.Writer) error { return Stacked(w, fakeStacked(cs), testMeta) },
			colours: append(gradeColours4(), ShadeNoOverall.Fill, ShadeNotInspected.Fill),
		},
		{
			name: "ranked_caseload_153",
			render: func(w io.Writer) error {
				return Ranked(w, fakeRanking("Caseload by council on 30 Sep 2025: the 10 highest and 10 lowest of 150", findings.Caseload, cs, fakeCaseload, 15.2), testMeta)
			},
			colours: gradeColours4(),
		},
		{
			name: "ranked_vacancy_52",
			render: func(w io.Writer) error {
				return Ranked(w, fakeRanking("Vacancy rate by council on 30 Sep 2025: the 10 highest and 10 lowest of 52", findings.VacancyRate, southern, fakeVacancy, 14.45), testMeta)
			},
		},
		{
			name:    "ranked_few",
			render:  func(w io.Writer) error { return Ranked(w, few, testMeta) },
			colours: []color.RGBA{GradeColour(findings.Good), ShadeNoOverall.Fill},
		},
		{
			name: "over_time_years",
			render: func(w io.Writer) error {
				return OverTime(w, &OverTimeData{Title: "Caseload in Barking and Dagenham beside the London and England medians", ValueLabel: metrics.MeasureHeader(findings.Caseload),
					Measure: findings.Caseload, Subject: "Barking and Dagenham", Lines: []Line{
						line("Barking and Dagenham, official statistics", RoleCouncil, council),
						line("London median", RoleRegion, region),
						line("England median", RoleEngland, england),
					}}, testMeta)
			},
		},
		{
			name: "over_time_months",
			render: func(w io.Writer) error {
				return OverTime(w, &OverTimeData{Title: "Vacancy rate in Kingston upon Hull, City of, January to April 2025", ValueLabel: "Vacancy rate (%)", Measure: findings.VacancyRate,
					Subject: "Kingston upon Hull, City of", Lines: []Line{
						line("Kingston upon Hull, City of", RoleCouncil, monthly("hull", 18, 15)),
						line("Yorkshire and The Humber median", RoleRegion, monthly("yh", 14, 1)),
						line("England median", RoleEngland, monthly("eng", 15, 1)),
					}}, testMeta)
			},
		},
		{
			name: "over_time_single_point",
			render: func(w io.Writer) error {
				return OverTime(w, &OverTimeData{Title: "Agency workers in Rutland", ValueLabel: "Agency worker rate (%)", Measure: findings.AgencyRate, Subject: "Rutland",
					Lines: []Line{
						line("Rutland, official statistics", RoleCouncil, []LinePoint{{Date: dates.Date{Day: dates.FromYMD(2024, 9, 30)}, Value: 22.5}}),
						line("East Midlands median", RoleRegion, nil),
						line("England median", RoleEngland, annual(2022, 2024, 17, 0.5, "eng2")),
					}}, testMeta)
			},
		},
		{
			name: "neighbours",
			render: func(w io.Writer) error {
				return Neighbours(w, &NeighboursData{Title: cs[40].name + " beside its statistical neighbours", Subject: cs[40].name, Panels: pn}, testMeta)
			},
			colours: []color.RGBA{councilFill, neighbourFill},
		},
		{
			name: "no_data",
			render: func(w io.Writer) error {
				return NoData(w, "Caseload by council: no figures to rank", "No figure to draw: no whole-service figure dated on or before 31 Mar 2025.", testMeta)
			},
		},
	}
}

// TestCharts renders every case, checks it is a PNG the shape of a 16:9
// slide that is not blank and in which the expected colours appear, and
// compares it byte for byte with testdata/<name>.png. With -update it
// rewrites the golden files; on a mismatch it writes testdata/<name>.got.png
// beside the golden file.
func TestCharts(t *testing.T) {
	for _, tc := range chartCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.render(&buf); err != nil {
				t.Fatal(err)
			}
			img := checkSlide(t, buf.Bytes())
			found := colourSet(img)
			for _, c := range tc.colours {
				if !found[c] {
					t.Errorf("no pixel has the colour %v", c)
				}
			}

			golden.Check(t, filepath.Join("testdata", tc.name+".png"), buf.Bytes())
		})
	}
}

// checkSlide decodes a chart and checks it fits a 16:9 slide at a sensible
// size (1600x900: 10 by 5.6 inches at 160 DPI, the text legible when the
// picture is as wide as a slide or a page) and is not blank: a fair share
// of its pixels are ink, in several colours, and ink reaches the plot area
// (the middle of the picture), not only the title and footnote.
func checkSlide(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("output is not a PNG: %v", err)
	}
	bd := img.Bounds()
	if bd.Dx() != WidthPx || bd.Dy() != HeightPx || bd.Dx()*9 != bd.Dy()*16 {
		t.Errorf("size %dx%d, want %dx%d (16:9)", bd.Dx(), bd.Dy(), WidthPx, HeightPx)
	}
	ink, middle := 0, 0
	colours := map[color.RGBA]bool{}
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xF000 || g < 0xF000 || bl < 0xF000 {
				ink++
				if y > bd.Dy()/4 && y < bd.Dy()*3/4 {
					middle++
				}
				colours[color.RGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(bl >> 8), A: 0xFF}] = true
			}
		}
	}
	area := bd.Dx() * bd.Dy()
	if ink < area/50 || middle < area/200 || len(colours) < 3 {
		t.Errorf("looks blank: %d of %d pixels ink (%d in the middle half), %d colours", ink, area, middle, len(colours))
	}
	return img
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
	t.Parallel()
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
	m := Meta{AsOf: dates.FromYMD(2025, 3, 31), Source: " Ofsted; DfE workforce statistics. ", Notes: []string{"", " [x] = not available. "}}
	if got, want := m.footnote(), "As of 31 Mar 2025. Source: Ofsted; DfE workforce statistics. [x] = not available."; got != want {
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
	day := dates.Date{Day: 20000}
	grades := func(counts ...int) *StackedData {
		return &StackedData{Title: "Grades", Shades: gradeShades, Rows: []StackedRow{{Label: "London", Counts: counts}}}
	}
	tests := []struct {
		name string
		run  func(w io.Writer) error
		want string
	}{
		{"Stacked no rows", func(w io.Writer) error { return Stacked(w, &StackedData{Title: "Grades"}, testMeta) }, "no rows"},
		{"Stacked all zero", func(w io.Writer) error { return Stacked(w, grades(0, 0, 0, 0), testMeta) }, "every count is zero"},
		{"Stacked negative", func(w io.Writer) error { return Stacked(w, grades(0, -1, 2, 3), testMeta) }, "negative count"},
		{"Stacked counts", func(w io.Writer) error { return Stacked(w, grades(1, 2), testMeta) }, "2 counts for 4 shades"},
		{"Stacked no as-of", func(w io.Writer) error { return Stacked(w, grades(1, 1, 1, 1), Meta{Source: "x"}) }, "AsOf is not set"},
		{"Ranked nothing", func(w io.Writer) error { return Ranked(w, &RankingData{Title: "Caseload"}, testMeta) }, "nothing to rank"},
		{"Ranked NaN", func(w io.Writer) error {
			return Ranked(w, &RankingData{Title: "Caseload", Bars: []Bar{{Label: "Barnet", Value: nan}}}, testMeta)
		}, "no finite value"},
		{"Ranked infinite median", func(w io.Writer) error {
			return Ranked(w, &RankingData{Title: "Caseload", Bars: []Bar{{Label: "Barnet", Value: 3}}, Median: metrics.Median{OK: true, Value: math.Inf(1)}}, testMeta)
		}, "median is not finite"},
		{"Ranked no source", func(w io.Writer) error {
			return Ranked(w, &RankingData{Title: "Caseload", Bars: []Bar{{Label: "Barnet", Value: 3}}}, Meta{AsOf: 20000})
		}, "Source is empty"},
		{"OverTime nothing", func(w io.Writer) error { return OverTime(w, &OverTimeData{Title: "Caseload"}, testMeta) }, "nothing to chart"},
		{"OverTime no points", func(w io.Writer) error {
			return OverTime(w, &OverTimeData{Title: "Caseload", Lines: []Line{{Name: "Barnet"}}}, testMeta)
		}, "no line or mark has a point"},
		{"OverTime NaN", func(w io.Writer) error {
			return OverTime(w, &OverTimeData{Title: "Caseload", Lines: []Line{{Name: "England", Role: RoleEngland, Points: []LinePoint{{Date: day, Value: nan}}}}}, testMeta)
		}, "no finite value"},
		{"Neighbours no panels", func(w io.Writer) error { return Neighbours(w, &NeighboursData{Title: "Barnet"}, testMeta) }, "no panels"},
		{"Neighbours empty panel", func(w io.Writer) error {
			return Neighbours(w, &NeighboursData{Title: "Barnet", Panels: []Panel{{Heading: "Caseload"}}}, testMeta)
		}, "no figures"},
		{"NoData no message", func(w io.Writer) error { return NoData(w, "Caseload", " ", testMeta) }, "needs a title and a message"},
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

// BenchmarkCouncilCharts draws one council's three charts as the councils
// command does for each of the 153 councils, from the bundled fixtures.
func BenchmarkCouncilCharts(b *testing.B) {
	r := fixtureReport(b, "2026-12-01", nil)
	c := councilNamed(b, r, "Medway")
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Council(context.Background(), dir, "medway", CouncilInput{Report: r, Council: c, Version: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReportCharts draws the monthly report's charts from the bundled
// fixtures.
func BenchmarkReportCharts(b *testing.B) {
	r := fixtureReport(b, "2026-12-01", nil)
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := WriteReport(context.Background(), dir, ReportInput{Report: r, Version: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}
