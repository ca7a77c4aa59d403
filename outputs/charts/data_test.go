package charts

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/fixtures/golden"
	"github.com/oversight/oversight/outputs/prose"
)

// The bundled fixtures: the seed documents' findings and the real Ofsted
// and DfE data.
var fixtures = []string{"../../fixtures/findings", "../../fixtures/real"}

var (
	loaded     sync.Once
	loadErr    error
	fixtureFs  []findings.Finding
	reportsMu  sync.Mutex
	reportsFor = map[string]*metrics.Report{}
)

// fixtureReport is the metrics of the bundled fixtures as of a day, computed
// once per day and shared by the tests; councils, when set, is a research
// question's list.
func fixtureReport(t testing.TB, day string, councils map[int]bool) *metrics.Report {
	t.Helper()
	loaded.Do(func() {
		var in *intake.Result
		in, loadErr = intake.Load(context.Background(), fixtures, intake.Options{Ref: reference.Default()})
		if loadErr == nil {
			fixtureFs = in.Findings
		}
	})
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	key := day
	if councils != nil {
		var ks []int
		for k := range councils {
			ks = append(ks, k)
		}
		sort.Ints(ks)
		key += fmt.Sprint(ks)
	}
	reportsMu.Lock()
	defer reportsMu.Unlock()
	if r := reportsFor[key]; r != nil {
		return r
	}
	d, err := dates.Parse(day)
	if err != nil {
		t.Fatal(err)
	}
	r, err := metrics.Compute(context.Background(), fixtureFs, reference.Default(), d.Day, metrics.Options{Councils: councils})
	if err != nil {
		t.Fatal(err)
	}
	reportsFor[key] = r
	return r
}

// councilNamed finds a council of the report by name.
func councilNamed(t testing.TB, r *metrics.Report, name string) *metrics.Council {
	t.Helper()
	for _, c := range append(append([]*metrics.Council(nil), r.Councils...), r.Others...) {
		if c.Ref.Name == name {
			return c
		}
	}
	t.Fatalf("no council %q", name)
	return nil
}

// regionRow is the regions table's row for a region or England: the row
// regions.csv is written from.
func regionRow(t *testing.T, r *metrics.Report, name string) metrics.RegionRow {
	t.Helper()
	for _, rr := range r.RegionRows {
		if rr.Name == name {
			return rr
		}
	}
	t.Fatalf("no regions row %q", name)
	return metrics.RegionRow{}
}

func sameMedian(a metrics.Median, value float64, d dates.Date) bool {
	return a.OK && sameFloat(a.Value, value) && a.Date == d
}

// TestReportChartsMatchMetrics draws the report's charts from the bundled
// fixtures and checks that the numbers they show are the metrics' own, with
// the same dates: the grade counts are the regions table's, the rankings
// are at England's reference period with England's median, every bar is
// the council's figure for that date and its place is the council's rank.
func TestReportChartsMatchMetrics(t *testing.T) {
	t.Parallel()
	for _, day := range []string{"2025-10-01", "2026-12-01"} {
		t.Run(day, func(t *testing.T) {
			r := fixtureReport(t, day, nil)
			dir := t.TempDir()
			rc, err := WriteReport(context.Background(), dir, ReportInput{Report: r, Version: "test"})
			if err != nil {
				t.Fatal(err)
			}
			files := map[string]bool{}
			for _, ch := range rc.All() {
				files[ch.File] = true
				b, err := os.ReadFile(filepath.Join(dir, ch.File))
				if err != nil || !bytes.Equal(b, ch.PNG) {
					t.Errorf("%s: written %d bytes (%v), returned %d", ch.File, len(b), err, len(ch.PNG))
				}
				checkSlide(t, ch.PNG)
				if !strings.HasPrefix(ch.AltText, "Bar chart") || len(ch.AltText) < 80 {
					t.Errorf("%s: alt text %q does not say what the chart shows", ch.File, ch.AltText)
				}
			}
			if len(files) != 2+len(chartMeasures) || !files[FileGrades] || !files[FileLeadership] || !files["caseload_by_council.png"] || !files["vacancy_rate_by_council.png"] {
				t.Errorf("files %v", files)
			}
			checkGradeCounts(t, r, rc)
			for i, m := range chartMeasures {
				checkRanking(t, r, m, rc.Rankings[i])
			}
		})
	}
}

func checkGradeCounts(t *testing.T, r *metrics.Report, rc ReportCharts) {
	t.Helper()
	g, l := rc.Grades.Stacked, rc.Leadership.Stacked
	if g == nil || l == nil {
		t.Fatal("grade charts without data")
	}
	if len(g.Rows) != len(reference.Regions) {
		t.Errorf("%d regions charted", len(g.Rows))
	}
	england := map[string]int{}
	for i, row := range g.Rows {
		rr := regionRow(t, r, row.Label)
		for k, s := range g.Shades {
			england[s.Label] += row.Counts[k]
			want := 0
			switch {
			case k < 4:
				want = rr.ByGrade[gradeOf(t, s)]
			case s == ShadeNoOverall:
				want = rr.NoOverall
			case s == ShadeNotInspected:
				want = rr.Councils - rr.Inspected
			}
			if row.Counts[k] != want {
				t.Errorf("grades: %s %s = %d, regions table %d", row.Label, s.Label, row.Counts[k], want)
			}
		}
		lr := l.Rows[i]
		graded := 0
		for k := range 4 {
			want := rr.ByLeadership[gradeOf(t, l.Shades[k])]
			graded += want
			if lr.Counts[k] != want {
				t.Errorf("leadership: %s %s = %d, regions table %d", lr.Label, l.Shades[k].Label, lr.Counts[k], want)
			}
		}
		if lr.Counts[4] != rr.Councils-graded || lr.Total() != rr.Councils || row.Total() != rr.Councils {
			t.Errorf("%s: %d councils in the regions table, %d and %d charted", row.Label, rr.Councils, row.Total(), lr.Total())
		}
	}
	e := regionRow(t, r, metrics.EnglandName)
	for _, gv := range findings.Grades {
		label := GradeLabel(gv)
		if england[label] != e.ByGrade[gv] {
			t.Errorf("England %s: charted %d, regions table %d", label, england[label], e.ByGrade[gv])
		}
		if !strings.Contains(rc.Grades.AltText, formatNumber(float64(e.ByGrade[gv]), 0)+" "+strings.ToLower(label)) {
			t.Errorf("alt text %q lacks England's %d %s", rc.Grades.AltText, e.ByGrade[gv], label)
		}
	}
	if england[ShadeNoOverall.Label] != e.NoOverall {
		t.Errorf("England no overall grade: charted %d, regions table %d", england[ShadeNoOverall.Label], e.NoOverall)
	}
}

// gradeOf is the grade a shade stands for.
func gradeOf(t *testing.T, s Shade) findings.GradeValue {
	t.Helper()
	for _, g := range findings.Grades {
		if GradeShade(g) == s {
			return g
		}
	}
	t.Fatalf("%s is no grade's shade", s.Label)
	return findings.NoGrade
}

func checkRanking(t *testing.T, r *metrics.Report, m findings.Measure, ch Chart) {
	t.Helper()
	d := ch.Ranking
	if d == nil {
		t.Fatalf("%s: no ranking data", ch.File)
	}
	med := r.EnglandMedian(m)
	e := regionRow(t, r, metrics.EnglandName)
	if !sameMedian(med, d.Median.Value, d.Median.Date) || !sameMedian(e.Medians[m], d.Median.Value, d.Median.Date) || d.Date != med.Date {
		t.Errorf("%s: median %v on %s at %s; England's %v; regions table %v", ch.File, d.Median.Value, d.Median.Date, d.Date, med, e.Medians[m])
	}
	if !strings.Contains(ch.Title, prose.Date(med.Date)) {
		t.Errorf("%s: title %q does not give the date ranked", ch.File, ch.Title)
	}
	dec := min(1, decimalsOf(barValues(d.Bars)...))
	if want := d.MedianLabel + " " + figureText(med.Value, dec, m) + " (" + prose.Date(med.Date) + ")"; !strings.Contains(ch.AltText, want) {
		t.Errorf("%s: alt text %q lacks %q", ch.File, ch.AltText, want)
	}
	ranked := map[string]bool{}
	for i, b := range d.Bars {
		if i > 0 && b.Value > d.Bars[i-1].Value {
			t.Errorf("%s: %s above a lower figure", ch.File, b.Label)
		}
		for _, name := range b.Councils {
			ranked[name] = true
			c := councilNamed(t, r, name)
			w := c.Workforce[m]
			p, ok := w.At(med.Date.Day)
			if !ok || !p.Numeric() || !sameFloat(p.Value, b.Value) {
				t.Errorf("%s: %s drawn at %v, its figure for %s is %+v", ch.File, name, b.Value, prose.Date(med.Date), p)
			}
			if !w.RankEngland.OK || w.RankEngland.Position != b.Position || w.RankEngland.Of != len(d.Bars) {
				t.Errorf("%s: %s placed %d of %d, ranked %s", ch.File, name, b.Position, len(d.Bars), w.RankEngland)
			}
		}
	}
	top, bottom, between := d.Shown()
	if len(top)+len(bottom) > MaxRanked || len(top)+len(bottom)+between != len(d.Bars) {
		t.Errorf("%s: %d and %d drawn, %d between, of %d", ch.File, len(top), len(bottom), between, len(d.Bars))
	}
	if between > 0 && (!strings.Contains(ch.AltText, d.Bars[0].Label) || !strings.Contains(ch.AltText, d.Bars[len(d.Bars)-1].Label)) {
		t.Errorf("%s: alt text %q does not name the highest and lowest", ch.File, ch.AltText)
	}
	unranked := map[string]bool{}
	for _, u := range d.Unranked {
		unranked[u.Name] = true
	}
	// A small service's figure is neither ranked nor drawn: the footnote
	// names it with its figure (metrics v3).
	for _, c := range r.Listed {
		p, ok := c.Workforce[m].At(med.Date.Day)
		if !ok || !p.Small {
			continue
		}
		if ranked[c.Ref.Name] || c.Workforce[m].RankEngland.OK {
			t.Errorf("%s: %s, a small service, is ranked", ch.File, c.Ref.Name)
		}
		if !strings.Contains(strings.Join(d.Small, "; "), c.Ref.Name+" (") || !strings.Contains(ch.AltText, c.Ref.Name) {
			t.Errorf("%s: %s, a small service, is not named as left out: %v", ch.File, c.Ref.Name, d.Small)
		}
		unranked[c.Ref.Name] = true
	}
	for _, c := range r.Listed {
		if ranked[c.Ref.Name] == unranked[c.Ref.Name] {
			t.Errorf("%s: %s is ranked %v and left out %v", ch.File, c.Ref.Name, ranked[c.Ref.Name], unranked[c.Ref.Name])
		}
		if p, ok := c.Workforce[m].At(med.Date.Day); unranked[c.Ref.Name] && ok && p.Numeric() && !p.Small {
			t.Errorf("%s: %s left out with a figure for %s", ch.File, c.Ref.Name, prose.Date(med.Date))
		}
	}
}

// TestCouncilChartsMatchMetrics prepares every council's charts from the
// bundled fixtures (and draws some): each line is the series it stands for,
// each legend value and the alternative text give the metrics' figures and
// medians with their dates, and a council beside its neighbours is at the
// neighbours' reference period with their median.
func TestCouncilChartsMatchMetrics(t *testing.T) {
	t.Parallel()
	r := fixtureReport(t, "2026-12-01", nil)
	for _, c := range r.Councils {
		for _, m := range chartMeasures {
			d, _, _ := overTimeData(r, c, m)
			if d == nil {
				t.Errorf("%s %s: no chart data", c.Ref.Name, m)
				continue
			}
			checkOverTime(t, r, c, m, d)
		}
		d, _, _ := neighboursData(r, c)
		checkNeighbours(t, r, c, d)
	}

	dir := t.TempDir()
	for _, name := range []string{"Medway", "Kensington and Chelsea", "Kingston upon Thames", "Isles of Scilly"} {
		c := councilNamed(t, r, name)
		got, err := Council(context.Background(), dir, "x", CouncilInput{Report: r, Council: c, Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 {
			t.Fatalf("%s: %d charts", name, len(got))
		}
		for i, ch := range got {
			if ch.File != CouncilFiles("x")[i].File {
				t.Errorf("%s: chart %d is %s", name, i, ch.File)
			}
			checkSlide(t, ch.PNG)
		}
	}
}

// altNumbers are the decimal numbers an alternative text gives ("15.2",
// "26.5%").
var altNumbers = regexp.MustCompile(`\d+\.\d+`)

func checkOverTime(t *testing.T, r *metrics.Report, c *metrics.Council, m findings.Measure, d *OverTimeData) {
	t.Helper()
	name, region := c.Ref.Name, c.Ref.Region
	w := c.Workforce[m]
	if len(d.Lines) != 3 || d.Lines[0].Role != RoleCouncil || d.Lines[1].Role != RoleRegion || d.Lines[2].Role != RoleEngland {
		t.Fatalf("%s %s: lines %+v", name, m, d.Lines)
	}
	own := d.Lines[0]
	if len(own.Points) != len(w.Official) {
		t.Errorf("%s %s: %d official points drawn of %d", name, m, len(own.Points), len(w.Official))
	}
	for i, p := range w.Official {
		if i < len(own.Points) && (own.Points[i].Date != p.Date || own.Points[i].Code != p.Code || !sameFloat(own.Points[i].Value, p.Value)) {
			t.Errorf("%s %s: point %d drawn %+v, official %+v", name, m, i, own.Points[i], p)
		}
	}
	if len(w.Official) > 0 {
		h := w.Headline
		if !own.HasLatest || own.Latest.Date != h.Date || own.Latest.Code != h.Code || !sameFloat(own.Latest.Value, h.Value) {
			t.Errorf("%s %s: legend gives %+v, headline %+v", name, m, own.Latest, h.Point)
		}
	}
	if len(d.Other) != len(w.Other) {
		t.Errorf("%s %s: %d other sources' marks for %d points", name, m, len(d.Other), len(w.Other))
	}
	for i, p := range w.Other {
		if i < len(d.Other) && (d.Other[i].Date != p.Date || !sameFloat(d.Other[i].Value, p.Value)) {
			t.Errorf("%s %s: mark %+v for point %+v", name, m, d.Other[i], p)
		}
	}
	legend := d.Legend()
	for k, want := range []struct {
		series []metrics.MedianPoint
		median metrics.Median
		row    metrics.RegionRow
	}{
		{r.Regions[region][m], r.RegionMedian(region, m), regionRow(t, r, region)},
		{r.England[m], r.EnglandMedian(m), regionRow(t, r, metrics.EnglandName)},
	} {
		l := d.Lines[k+1]
		if len(l.Points) != len(want.series) {
			t.Errorf("%s %s: %s has %d points, the median series %d", name, m, l.Name, len(l.Points), len(want.series))
			continue
		}
		for i, p := range want.series {
			if l.Points[i].Date != p.Date || !sameFloat(l.Points[i].Value, p.Value) {
				t.Errorf("%s %s: %s point %d is %+v, the median series %+v", name, m, l.Name, i, l.Points[i], p)
			}
		}
		if !want.median.OK {
			continue
		}
		last := l.Points[len(l.Points)-1]
		if !l.HasLatest || !sameMedian(want.median, l.Latest.Value, l.Latest.Date) || !sameMedian(want.row.Medians[m], l.Latest.Value, l.Latest.Date) ||
			!sameMedian(c.Workforce[m].Region, d.Lines[1].Latest.Value, d.Lines[1].Latest.Date) || last != l.Latest {
			t.Errorf("%s %s: %s legend %+v; median %+v, regions table %+v, line ends %+v", name, m, l.Name, l.Latest, want.median, want.row.Medians[m], last)
		}
		text := figureText(want.median.Value, d.decimals(), m)
		if !strings.Contains(legend[k+1], "latest "+text+", "+prose.Date(want.median.Date)) {
			t.Errorf("%s %s: legend %q lacks %s at %s", name, m, legend[k+1], text, prose.Date(want.median.Date))
		}
		alt := d.altText()
		if !strings.Contains(alt, l.Name+" is "+text+" ("+prose.Date(want.median.Date)+")") {
			t.Errorf("%s %s: alt text %q lacks the %s %s at %s", name, m, alt, l.Name, text, prose.Date(want.median.Date))
		}
	}
	// Every number the alternative text gives is one the chart draws.
	drawn := map[string]bool{}
	for _, l := range d.Lines {
		for _, p := range l.Points {
			drawn[formatNumber(p.Value, 1)] = true
			drawn[valueText(p.Value, d.decimals())] = true
		}
	}
	for _, mk := range d.Other {
		drawn[valueText(mk.Value, 0)] = true
	}
	for _, n := range altNumbers.FindAllString(d.altText(), -1) {
		if !drawn[n] {
			t.Errorf("%s %s: alt text gives %s, which the chart does not draw: %q", name, m, n, d.altText())
		}
	}
}

func checkNeighbours(t *testing.T, r *metrics.Report, c *metrics.Council, d *NeighboursData) {
	t.Helper()
	name := c.Ref.Name
	panels := map[findings.Measure]Panel{}
	for _, p := range d.Panels {
		panels[p.Measure] = p
	}
	for _, m := range chartMeasures {
		w := c.Workforce[m]
		p, ok := panels[m]
		if ok != w.Neighbours.OK {
			t.Errorf("%s %s: panel %v, neighbours' median %v", name, m, ok, w.Neighbours.OK)
			continue
		}
		if !ok {
			continue
		}
		if p.Date != w.Neighbours.Date || p.Median != w.Neighbours {
			t.Errorf("%s %s: panel at %s median %+v; neighbours' median %+v", name, m, p.Date, p.Median, w.Neighbours)
		}
		var nb []float64
		own := 0
		for _, b := range p.Bars {
			if b.Highlight {
				own++
				if pt, _ := w.At(p.Date.Day); !sameFloat(pt.Value, b.Value) || b.Label != name {
					t.Errorf("%s %s: own bar %v, figure on %s %+v", name, m, b.Value, p.Date, pt)
				}
				continue
			}
			nb = append(nb, b.Value)
		}
		if pt, ok := w.At(p.Date.Day); (own == 1) != (ok && pt.Numeric()) || (p.OwnMissing != nil) == (own == 1) {
			t.Errorf("%s %s: %d own bars, own figure %+v, missing %+v", name, m, own, pt, p.OwnMissing)
		}
		if len(nb) != p.Median.N {
			t.Errorf("%s %s: %d neighbours drawn, median over %d", name, m, len(nb), p.Median.N)
		}
		sort.Float64s(nb)
		var med float64
		if n := len(nb); n%2 == 1 {
			med = nb[n/2]
		} else if n > 0 {
			med = (nb[n/2-1] + nb[n/2]) / 2
		}
		if len(nb) > 0 && !sameFloat(roundTo(med, 6), p.Median.Value) {
			t.Errorf("%s %s: the neighbours drawn have median %v, the metrics %v", name, m, med, p.Median.Value)
		}
	}
	if len(d.Panels) > 0 {
		alt := d.altText()
		for _, p := range d.Panels {
			dec := min(1, decimalsOf(barValues(p.Bars)...))
			if want := "the neighbours' median is " + figureText(p.Median.Value, dec, p.Measure); !strings.Contains(alt, want) {
				t.Errorf("%s: alt text %q lacks %q", name, alt, want)
			}
		}
	}
}

// TestResearchCharts: a research run's charts list only the councils asked
// about, state the question in every title, and still compare with
// England's median over every council.
func TestResearchCharts(t *testing.T) {
	t.Parallel()
	ref := reference.Default()
	london := map[int]bool{}
	for _, c := range ref.Councils {
		if c.Region == "London" {
			london[c.Index] = true
		}
	}
	r := fixtureReport(t, "2025-12-31", london)
	all := fixtureReport(t, "2025-12-31", nil)
	var members []int
	for i := range london {
		members = append(members, i)
	}
	sort.Ints(members)
	r.Answer(metrics.Group{Name: "London", Region: "London", IsRegion: true, Members: members}, dates.FromYMD(2018, 1, 1), dates.FromYMD(2025, 12, 31), nil, nil)
	rc, err := WriteReport(context.Background(), t.TempDir(), ReportInput{Report: r, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	// Every title states the question in words, never as the command line.
	for _, ch := range rc.All() {
		if !strings.Contains(ch.Title, "London") || !strings.Contains(ch.Title, "2018 to 2025") || strings.Contains(ch.Title, "research question") {
			t.Errorf("%s: title %q does not state the question in words", ch.File, ch.Title)
		}
	}
	// The answer comes first: a trend chart for each workforce measure.
	if len(rc.Trends) != len(metrics.WorkforceMeasures) || rc.All()[0].File != TrendFile(metrics.WorkforceMeasures[0]) {
		t.Errorf("trends %d, first chart %s", len(rc.Trends), rc.All()[0].File)
	}
	if g := rc.Grades.Stacked; len(g.Rows) != 1 || g.Rows[0].Label != "London" || g.Rows[0].Total() != len(r.Listed) {
		t.Errorf("grades chart rows %+v for %d councils listed", g.Rows, len(r.Listed))
	}
	// Grades coloured as everywhere else: no listed council grey when it
	// has a grade.
	if g := rc.Grades.Stacked; g.Rows[0].Counts[len(g.Shades)-1] != 0 {
		t.Errorf("%d London councils drawn as not inspected", g.Rows[0].Counts[len(g.Shades)-1])
	}
	for _, ch := range rc.Rankings {
		d := ch.Ranking
		if d.Median != all.EnglandMedian(d.Measure) {
			t.Errorf("%s: median %+v, England's over every council %+v", ch.File, d.Median, all.EnglandMedian(d.Measure))
		}
		for _, b := range d.Bars {
			for _, n := range b.Councils {
				if c := councilNamed(t, r, n); !london[c.Ref.Index] {
					t.Errorf("%s: %s ranked in a London question", ch.File, n)
				}
			}
		}
	}
}

// parse reads findings written "council|date|measure|value|source_type".
func parse(t *testing.T, rows ...string) []findings.Finding {
	t.Helper()
	p := findings.NewParser(reference.Default())
	var fs []findings.Finding
	for i, row := range rows {
		v := strings.Split(row, "|")
		var raw findings.Raw
		raw[findings.ColCouncil], raw[findings.ColDate], raw[findings.ColMeasure], raw[findings.ColValue], raw[findings.ColSourceType] = v[0], v[1], v[2], v[3], v[4]
		raw[findings.ColSource] = "test"
		f, err := p.Parse(&raw)
		if err != nil {
			t.Fatalf("row %d %q: %v", i, row, err)
		}
		fs = append(fs, f)
	}
	return fs
}

// TestNothingToDraw: with no workforce figure, each chart says why in its
// place and in its alternative text, and the grade charts still count.
func TestNothingToDraw(t *testing.T) {
	t.Parallel()
	fs := parse(t, "Medway|2023-09-11|grade|good|ofsted")
	r, err := metrics.Compute(context.Background(), fs, reference.Default(), dates.FromYMD(2025, 3, 31))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := WriteReport(context.Background(), t.TempDir(), ReportInput{Report: r, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if rc.Grades.Stacked == nil || !strings.Contains(rc.Grades.AltText, "1 good") {
		t.Errorf("grades alt text %q", rc.Grades.AltText)
	}
	for _, ch := range rc.Rankings {
		if ch.Ranking != nil || !strings.Contains(ch.AltText, "Nothing to rank: on no date on or before 31 Mar 2025") {
			t.Errorf("%s: alt text %q", ch.File, ch.AltText)
		}
		checkSlide(t, ch.PNG)
	}
	got, err := Council(context.Background(), t.TempDir(), "medway", CouncilInput{Report: r, Council: councilNamed(t, r, "Medway"), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range got {
		if ch.OverTime != nil || ch.Neighbours != nil || !strings.Contains(ch.AltText, "31 Mar 2025") {
			t.Errorf("%s: alt text %q", ch.File, ch.AltText)
		}
		checkSlide(t, ch.PNG)
	}
}

// TestOtherSourcesAtTheirPrecision: a council's figures from news and
// council papers are marks apart from the official line, each spanning the
// day, month or year it is dated to (a year-only figure is not a point on
// 1 January), and a code in the official series is a gap named in the
// footnote and the alternative text.
func TestOtherSourcesAtTheirPrecision(t *testing.T) {
	t.Parallel()
	fs := parse(t,
		"Medway|2021-09-30|vacancy_rate|29|statistics",
		"Medway|2022-09-30|vacancy_rate|x|statistics",
		"Medway|2023-09-30|vacancy_rate|29.3|statistics",
		"Medway|2024-09-30|vacancy_rate|22.6|statistics",
		"Medway|2022|vacancy_rate|39|news",
		"Medway|2023-07|vacancy_rate|25|council",
		"Medway|2024-03-14|vacancy_rate|31.5|news",
		"Bexley|2021-09-30|vacancy_rate|10|statistics",
		"Bexley|2023-09-30|vacancy_rate|12|statistics",
		"Bexley|2024-09-30|vacancy_rate|14|statistics",
	)
	r, err := metrics.Compute(context.Background(), fs, reference.Default(), dates.FromYMD(2025, 3, 31))
	if err != nil {
		t.Fatal(err)
	}
	c := councilNamed(t, r, "Medway")
	d, _, notes := overTimeData(r, c, findings.VacancyRate)
	var precs []dates.Precision
	for _, mk := range d.Other {
		precs = append(precs, mk.Date.Prec)
	}
	if len(d.Other) != 3 || precs[0] != dates.PrecYear || precs[1] != dates.PrecMonth || precs[2] != dates.PrecDay ||
		d.Other[0].Source != "news reports" || d.Other[1].Source != "council papers" {
		t.Errorf("marks %+v", d.Other)
	}
	if len(d.Lines[0].Points) != 4 || d.Lines[0].Points[1].Code != findings.NotAvailable {
		t.Errorf("official line %+v", d.Lines[0].Points)
	}
	if !strings.Contains(strings.Join(notes, " "), "30 Sep 2022 [x]") {
		t.Errorf("notes %q do not name the gap", notes)
	}
	alt := d.altText()
	for _, want := range []string{"fell from 29.0% in 2021 to 22.6% in 2024 (highest 29.3% in 2023)",
		"Gaps: in 2022 [x] not available", "news reports gave 39% for 2022", "council papers gave 25% for Jul 2023", "news reports gave 31.5% for 14 Mar 2024"} {
		if !strings.Contains(alt, want) {
			t.Errorf("alt text %q lacks %q", alt, want)
		}
	}
	got, err := Council(context.Background(), t.TempDir(), "medway", CouncilInput{Report: r, Council: c, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	checkSlide(t, got[1].PNG)
	golden.Check(t, filepath.Join("testdata", "over_time_other_sources.png"), got[1].PNG)
}
