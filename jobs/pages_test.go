package jobs

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/pages/browsertest"
	"github.com/oversight/oversight/outputs/pages/pagestest"
	"github.com/oversight/oversight/outputs/summary"
	"github.com/oversight/oversight/outputs/workbook"
	"github.com/oversight/oversight/outputs/workbook/workbooktest"
)

// The pages (outputs/pages) of the monthly report, the councillor
// downloads and a research run on the bundled fixtures (make run's
// inputs), as of a day after South Tyneside's August 2026 inspection (no
// overall grade): read back by a parser, compared with the workbooks and
// CSV files, and opened in Chromium with axe-core.

const pagesDay = "2026-12-01"

// pagesQuestion is issue 18's research question: London's vacancy rate
// from 2018 to 2025.
var pagesQuestion = Question{Regions: []string{"London"}, From: asOf("2018-01-01"), To: asOf("2025-12-31"), Measures: []string{"vacancy_rate"}}

var pagesReportShared, pagesCouncilsShared, pagesResearchShared sharedReport

func buildPagesReport(out string) (*Result, error) {
	return Run(context.Background(), Options{Inputs: councilInputs, Out: out, AsOf: asOf(pagesDay), Version: "test"})
}

func buildPagesCouncils(out string) (*Result, error) {
	return Councils(context.Background(), Options{Inputs: councilInputs, Out: out, AsOf: asOf(pagesDay), Version: "test"})
}

func buildPagesResearch(out string) (*Result, error) {
	return Run(context.Background(), Options{Inputs: councilInputs, Out: out, AsOf: asOf(pagesDay), Version: "test", Kind: "research", Question: pagesQuestion})
}

func pagesReport(t *testing.T) (string, *Result) {
	s := pagesReportShared.get(t, "pages-report", func(out string, _ *bytes.Buffer) (*Result, error) { return buildPagesReport(out) })
	return s.out, s.res
}

func pagesCouncils(t *testing.T) (string, *Result) {
	s := pagesCouncilsShared.get(t, "pages-councils", func(out string, _ *bytes.Buffer) (*Result, error) { return buildPagesCouncils(out) })
	return s.out, s.res
}

func pagesResearch(t *testing.T) (string, *Result) {
	s := pagesResearchShared.get(t, "pages-research", func(out string, _ *bytes.Buffer) (*Result, error) { return buildPagesResearch(out) })
	return s.out, s.res
}

// allPages are every page of the three runs, by output folder.
func allPages(t *testing.T) map[string][]string {
	rep, _ := pagesReport(t)
	cou, _ := pagesCouncils(t)
	res, _ := pagesResearch(t)
	gr := pagesResearchGrades(t)
	return map[string][]string{rep: pagestest.Files(t, rep), cou: pagestest.Files(t, cou), res: pagestest.Files(t, res), gr: pagestest.Files(t, gr)}
}

// TestPagesWritten: the report and research runs write index.html, the
// councils run an index and a page for every council beside its workbook.
func TestPagesWritten(t *testing.T) {
	cou, res := pagesCouncils(t)
	pages := pagestest.Files(t, cou)
	if len(pages) != len(res.Report.Councils)+1 || len(res.Report.Councils) != 153 {
		t.Errorf("%d pages for %d councils", len(pages), len(res.Report.Councils))
	}
	for _, p := range pages {
		if filepath.Base(p) == "index.html" {
			continue
		}
		if _, err := os.Stat(strings.TrimSuffix(p, ".html") + ".xlsx"); err != nil {
			t.Errorf("%s has no workbook beside it: %v", p, err)
		}
	}
	rep, _ := pagesReport(t)
	rs, _ := pagesResearch(t)
	for _, dir := range []string{rep, rs} {
		if got := pagestest.Files(t, dir); len(got) != 1 || filepath.Base(got[0]) != "index.html" {
			t.Errorf("%s: pages %v, want index.html", dir, got)
		}
	}
}

// TestPagesStructure: every page's structure (pagestest.CheckStructure).
func TestPagesStructure(t *testing.T) {
	for _, pages := range allPages(t) {
		for _, p := range pages {
			pagestest.CheckStructure(t, p)
		}
	}
}

// TestPagesLinksResolve: every link of every page goes to a file of its
// folder or to Ofsted, DfE or the licence (pagestest.CheckLinks).
func TestPagesLinksResolve(t *testing.T) {
	n := 0
	for root, pages := range allPages(t) {
		n += pagestest.CheckLinks(t, root, pages)
	}
	if n < 153*10 {
		t.Errorf("only %d links checked", n)
	}
}

// TestPagesRepeatable: the same inputs and date give the same pages, byte
// for byte (for the councils, the sample's pages built again alone: a
// council's files do not depend on which councils are built).
func TestPagesRepeatable(t *testing.T) {
	names := []string{"Kingston upon Thames", "Richmond upon Thames", "Isles of Scilly", "South Tyneside", "Barking and Dagenham", "Halton"}
	sampleOnly := func(out string) (*Result, error) {
		return CouncilsOf(context.Background(), Options{Inputs: councilInputs, Out: out, AsOf: asOf(pagesDay), Version: "test"}, names)
	}
	for _, run := range []struct {
		name  string
		dir   func(*testing.T) (string, *Result)
		build func(string) (*Result, error)
	}{{"report", pagesReport, buildPagesReport}, {"councils", pagesCouncils, sampleOnly}, {"research", pagesResearch, buildPagesResearch},
		{"research-grades", func(t *testing.T) (string, *Result) { return pagesResearchGrades(t), nil }, buildPagesResearchGrades}} {
		dir, _ := run.dir(t)
		again := filepath.Join(t.TempDir(), run.name)
		if _, err := run.build(again); err != nil {
			t.Fatal(err)
		}
		pages := pagestest.Files(t, again)
		if len(pages) == 0 {
			t.Fatalf("%s: no pages", run.name)
		}
		for _, p := range pages {
			rel, _ := filepath.Rel(again, p)
			if run.name == "councils" && rel == "index.html" {
				continue // lists only the councils built
			}
			a, _ := os.ReadFile(p)
			b, err := os.ReadFile(filepath.Join(dir, rel))
			if err != nil || !bytes.Equal(a, b) {
				t.Errorf("%s: %s differs between two runs (%v)", run.name, rel, err)
			}
		}
	}
}

// optionalDigit is a second decimal place that a "0.0#" number format
// leaves out when it is 0, which excelize's formatter (unlike Excel and
// LibreOffice) shows: 14.40% is 14.4%.
var optionalDigit = regexp.MustCompile(`^(-?\d+\.\d)0(%?)$`)

// TestPagesSameNumbersAsWorkbook: the report page's England table shows
// what the workbook's Headlines sheet shows, cell for cell, and a council
// page's figures are its workbook's Figures sheet's and councils.csv's.
func TestPagesSameNumbersAsWorkbook(t *testing.T) {
	rep, _ := pagesReport(t)
	page := pagestest.TableByCaption(t, pagestest.Parse(t, filepath.Join(rep, "index.html")), "england-table")
	shown := map[string][]string{}
	for _, row := range workbooktest.SheetRows(t, filepath.Join(rep, "report.xlsx"), "Headlines") {
		if len(row) >= 5 {
			shown[row[0]] = row
		}
	}
	if len(page) < 20 {
		t.Fatalf("England table: %d rows", len(page))
	}
	for _, row := range page[1:] {
		want, ok := shown[row[0]]
		if !ok {
			t.Errorf("Headlines sheet has no row %q", row[0])
			continue
		}
		for j := 1; j < len(row); j++ {
			if row[j] != want[j] && row[j] != optionalDigit.ReplaceAllString(want[j], "$1$2") {
				t.Errorf("%s, column %d: page %q, workbook %q", row[0], j+1, row[j], want[j])
			}
		}
	}

	cou, _ := pagesCouncils(t)
	f, err := os.Open(filepath.Join(cou, "datasets", "councils.csv"))
	if err != nil {
		t.Fatal(err)
	}
	csvRows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for j, h := range csvRows[0] {
		col[h] = j
	}
	for _, name := range []string{"South Tyneside", "Isles of Scilly", "Kingston upon Thames", "Barnet"} {
		slug := strings.ToLower(strings.ReplaceAll(name, " ", "-"))
		figs := pagestest.TableByCaption(t, pagestest.Parse(t, filepath.Join(cou, CouncilsDir, slug+".html")), "figures")
		var own, csvRow []string
		for _, row := range workbooktest.SheetRows(t, filepath.Join(cou, CouncilsDir, slug+".xlsx"), "Figures") {
			if len(row) > 0 && row[0] == "The council's figure" {
				own = row
			}
		}
		for _, r := range csvRows[1:] {
			if r[col["la_name"]] == name {
				csvRow = r
			}
		}
		if own == nil || csvRow == nil {
			t.Fatalf("%s: no figures row in the workbook or councils.csv", name)
		}
		for i, m := range metrics.WorkforceMeasures {
			got := figs[i+1][1]
			if got != own[i+1] {
				t.Errorf("%s %s: page %q, workbook %q", name, m, got, own[i+1])
			}
			v := csvRow[col[m.String()]]
			if x, err := strconv.ParseFloat(v, 64); err == nil {
				if strings.TrimSuffix(got, "%") != strconv.FormatFloat(x, 'f', 1, 64) {
					t.Errorf("%s %s: page %q, councils.csv %s", name, m, got, v)
				}
			} else if "["+v+"]" != got {
				t.Errorf("%s %s: page %q, councils.csv %q", name, m, got, v)
			}
		}
	}
}

// TestCouncilPagesSay: what each kind of council's page says.
func TestCouncilPagesSay(t *testing.T) {
	cou, _ := pagesCouncils(t)
	for _, c := range []struct {
		slug string
		want []string
	}{
		// No overall grade since April 2026: said so, the old grade kept apart.
		{"south-tyneside", []string{"no overall grade: Ofsted&#39;s framework from April 2026 grades areas only", "Last overall grade (before the current framework)",
			`href="https://reports.ofsted.gov.uk/provider/44/80557"`}},
		// A joint service: one figure, said on each partner's page.
		{"kingston-upon-thames", []string{"joint figure", "Richmond upon Thames"}},
		{"richmond-upon-thames", []string{"joint figure", "Kingston upon Thames"}},
		// A small service: its figures marked.
		{"isles-of-scilly", []string{"small numbers"}},
		// What Ofsted said (TestPagesCouncilOfstedSaid has the words).
		{"barking-and-dagenham", []string{"<h3>Latest: Inspection of 10 Jul 2023, published 4 Sep 2023</h3>", "<h4>What needs to improve? (the report's words)</h4>",
			`<a href="https://files.ofsted.gov.uk/v1/file/50227183">Ofsted&#39;s inspection report on Barking and Dagenham, 10 Jul 2023</a>`}},
		// No report's words in the inputs, only the grades: said so.
		{"halton", []string{"Only this inspection's grades are in the inputs (from Ofsted's statistics), not the report's words"}},
	} {
		b, err := os.ReadFile(filepath.Join(cou, CouncilsDir, c.slug+".html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range c.want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s: no %q", c.slug, w)
			}
		}
	}
}

// TestPagesCouncilOfstedSaid: Barking and Dagenham's page shows its July
// 2023 report's recommendations in the report's words, in order, each with
// its page, as its workbook's What Ofsted said sheet lists them (both from
// inspections.Known), and links to the report.
func TestPagesCouncilOfstedSaid(t *testing.T) {
	cou, _ := pagesCouncils(t)
	const slug = "barking-and-dagenham"
	// The workbook labels the newest report's rows "Latest ...".
	var want []string
	for _, row := range workbooktest.SheetRows(t, filepath.Join(cou, CouncilsDir, slug+".xlsx"), "What Ofsted said") {
		if len(row) >= 4 && strings.HasPrefix(row[0], "Latest") && row[1] == "Recommendation" {
			if !strings.Contains(row[0], "10 Jul 2023") {
				t.Errorf("the workbook's latest report is %q, not the inspection of 10 Jul 2023", row[0])
			}
			want = append(want, fmt.Sprintf("%s (page %s)", row[2], row[3]))
		}
	}
	if len(want) != 8 {
		t.Fatalf("the workbook lists %d recommendations of the 2023 report, want 8", len(want))
	}
	doc := pagestest.Parse(t, filepath.Join(cou, CouncilsDir, slug+".html"))
	var got []string
	pagestest.Walk(doc, func(n *html.Node) {
		if n.DataAtom == atom.Li && n.Parent != nil && n.Parent.DataAtom == atom.Ol && pagestest.HasClass(n.Parent, "said") {
			got = append(got, pagestest.Text(n))
		}
	})
	if !slices.Equal(got, want) {
		t.Errorf("recommendations on the page:\n%q\nthe workbook's:\n%q", got, want)
	}
	if want[0] != "Timeliness of strategy meetings. (page 2)" {
		t.Errorf("first recommendation %q", want[0])
	}
	links := map[string]string{}
	pagestest.Walk(doc, func(n *html.Node) {
		if href, ok := pagestest.Attr(n, "href"); ok && n.DataAtom == atom.A {
			links[pagestest.Text(n)] = href
		}
	})
	if h := links["Ofsted's inspection report on Barking and Dagenham, 10 Jul 2023"]; h != "https://files.ofsted.gov.uk/v1/file/50227183" {
		t.Errorf("link to the 2023 report: %q", h)
	}
}

// TestPagesResearchSameAsWorkbook: the research page's trend tables show
// what the research workbook's trend sheet shows, cell for cell: London's
// median, England's and each council's vacancy rate at each date from 2018
// to 2025 (London's median 28.7% in 2018 and 18.8% in 2025, the City of
// London's figures left out of it).
func TestPagesResearchSameAsWorkbook(t *testing.T) {
	dir, _ := pagesResearch(t)
	doc := pagestest.Parse(t, filepath.Join(dir, "index.html"))
	series := pagestest.TableByCaption(t, doc, "trend-1")
	councils := pagestest.TableByCaption(t, doc, "trend-1-councils")
	sheet := workbooktest.SheetRows(t, filepath.Join(dir, "report.xlsx"), "Vacancy rate trend")
	top := slices.IndexFunc(sheet, func(r []string) bool { return len(r) > 0 && r[0] == "Figure" })
	if top < 0 {
		t.Fatalf("no header row on the trend sheet: %q", sheet)
	}
	head, rows := sheet[top], sheet[top+1:]
	if end := slices.IndexFunc(rows, func(r []string) bool { return len(r) == 0 }); end >= 0 {
		rows = rows[:end]
	}
	dates := head[1:]
	if len(dates) != 8 || dates[0] != "30 Sep 2018" || dates[7] != "30 Sep 2025" {
		t.Fatalf("trend sheet's dates %q", dates)
	}
	same := func(page, book string) bool {
		return page == book || page == optionalDigit.ReplaceAllString(book, "$1$2")
	}
	// The medians: a column each on the page, a row each on the sheet.
	if len(series) != len(dates)+1 {
		t.Fatalf("trend table: %d rows, want %d dates", len(series)-1, len(dates))
	}
	for i, d := range dates {
		if series[i+1][0] != d {
			t.Errorf("trend table row %d is %q, the sheet's column %q", i+1, series[i+1][0], d)
		}
	}
	col := map[string]int{}
	for j, h := range series[0] {
		col[h] = j
	}
	compared := 0
	for _, row := range rows {
		var got []string
		if j, ok := col[row[0]]; ok {
			for _, r := range series[1:] {
				got = append(got, r[j])
			}
		} else {
			k := slices.IndexFunc(councils, func(r []string) bool { return r[0] == row[0] })
			if k < 0 {
				t.Errorf("the page has no row or column %q", row[0])
				continue
			}
			got = councils[k][1:]
		}
		for i, d := range dates {
			want := ""
			if i+1 < len(row) {
				want = row[i+1]
			}
			if !same(got[i], want) {
				t.Errorf("%s on %s: page %q, workbook %q", row[0], d, got[i], want)
			}
			compared++
		}
	}
	if len(councils)-1 != len(rows)-2 {
		t.Errorf("the page lists %d councils, the sheet %d", len(councils)-1, len(rows)-2)
	}
	if compared < 33*8 {
		t.Errorf("only %d cells compared", compared)
	}
	london := col["London median"]
	if got := []string{series[1][london], series[8][london]}; !slices.Equal(got, []string{"28.7%", "18.8%"}) {
		t.Errorf("London's median vacancy rate in 2018 and 2025: %q, want 28.7%% and 18.8%%", got)
	}
	var answer string
	pagestest.Walk(doc, func(n *html.Node) {
		if id, _ := pagestest.Attr(n, "id"); id == "answer" {
			answer = pagestest.Text(n.Parent)
		}
	})
	if !strings.Contains(answer, "London's median vacancy rate fell from 28.7% on 30 Sep 2018 to 18.8% on 30 Sep 2025") {
		t.Errorf("the answer: %q", answer)
	}
}

// pagesGradesQuestion asks for London's grades over the same years.
var pagesGradesQuestion = Question{Regions: []string{"London"}, From: asOf("2018-01-01"), To: asOf("2025-12-31"), Measures: []string{"grade"}}

var pagesGradesShared sharedReport

func buildPagesResearchGrades(out string) (*Result, error) {
	return Run(context.Background(), Options{Inputs: councilInputs, Out: out, AsOf: asOf(pagesDay), Version: "test", Kind: "research", Question: pagesGradesQuestion})
}

func pagesResearchGrades(t *testing.T) string {
	s := pagesGradesShared.get(t, "pages-research-grades", func(out string, _ *bytes.Buffer) (*Result, error) { return buildPagesResearchGrades(out) })
	return s.out
}

// TestPagesResearchGrades: a question about grades is answered with the
// grades over the years, as the workbook's grades-by-year sheet gives
// them, cell for cell, and its sentence.
func TestPagesResearchGrades(t *testing.T) {
	dir := pagesResearchGrades(t)
	doc := pagestest.Parse(t, filepath.Join(dir, "index.html"))
	page := pagestest.TableByCaption(t, doc, "grade-trend-1")
	sheet := workbooktest.SheetRows(t, filepath.Join(dir, "report.xlsx"), "Overall grades by year")
	top := slices.IndexFunc(sheet, func(r []string) bool { return len(r) > 0 && r[0] == "At" })
	if top < 0 {
		t.Fatalf("no header row on the grades sheet: %q", sheet)
	}
	rows := sheet[top:]
	if end := slices.IndexFunc(rows, func(r []string) bool { return len(r) == 0 }); end >= 0 {
		rows = rows[:end]
	}
	if len(rows) != 9 {
		t.Errorf("the sheet has %d years, want 2018 to 2025", len(rows)-1)
	}
	if !reflect.DeepEqual(page, rows) {
		t.Errorf("grades by year:\npage  %q\nsheet %q", page, rows)
	}
	var answer string
	pagestest.Walk(doc, func(n *html.Node) {
		if id, _ := pagestest.Attr(n, "id"); id == "answer" {
			answer = pagestest.Text(n.Parent)
		}
	})
	if !strings.Contains(answer, "At the end of 2025, ") || !strings.Contains(answer, " councils of London with an overall grade were good or outstanding") {
		t.Errorf("the answer: %q", answer)
	}
}

// TestPagesStatus: every page says what its figures are, in the words
// every output uses (workbook.StatusLine); the report page the period its
// figures cover.
func TestPagesStatus(t *testing.T) {
	for _, pages := range allPages(t) {
		for _, p := range pages {
			var status string
			pagestest.Walk(pagestest.Parse(t, p), func(n *html.Node) {
				if status == "" && pagestest.HasClass(n, "status") {
					status = pagestest.Text(n)
				}
			})
			if !strings.HasPrefix(status, workbook.StatusLine) {
				t.Errorf("%s: status %q", p, status)
			}
		}
	}
	rep, res := pagesReport(t)
	b, err := os.ReadFile(filepath.Join(rep, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if period := summary.Period(res.Report); period == "" || !strings.Contains(string(b), "Period covered: "+html.EscapeString(period)) {
		t.Errorf("the report page does not give the period covered, %q", period)
	}
}

// pagesSample are council pages of each kind: a joint service (both
// partners), a small service, no overall grade, Ofsted's words in the
// inputs, and no report's words in the inputs (only its grades).
var pagesSample = []string{"kingston-upon-thames", "richmond-upon-thames", "isles-of-scilly", "south-tyneside", "barking-and-dagenham", "halton"}

// TestPagesInBrowser runs axe-core's WCAG 2.2 A and AA rules (and best
// practice) in Chromium on the report page, the research page, the
// councils index and the sample of council pages, at 1280 and at 320 CSS
// pixels (a phone; 1280 at 400% zoom); checks that nothing but a table's
// own scrolling region is wider than the screen at 320 and 640 pixels
// (200% zoom); and prints every council page on A4: one sheet, two only
// with a long list of recommendations. Skipped without Chromium or axe-core unless
// OVERSIGHT_REQUIRE_BROWSER=1 (.ci/run).
func TestPagesInBrowser(t *testing.T) {
	axe := browsertest.Axe(t)
	b := browsertest.Start(t)
	rep, _ := pagesReport(t)
	cou, cres := pagesCouncils(t)
	res, _ := pagesResearch(t)
	pages := []string{filepath.Join(rep, "index.html"), filepath.Join(res, "index.html"), filepath.Join(pagesResearchGrades(t), "index.html"), filepath.Join(cou, "index.html")}
	for _, s := range pagesSample {
		pages = append(pages, filepath.Join(cou, CouncilsDir, s+".html"))
	}
	for _, path := range pages {
		name := filepath.Base(filepath.Dir(path)) + "/" + filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			for _, width := range []int{1280, 320} {
				pg, err := b.Open(path, width, 900)
				if err != nil {
					t.Fatal(err)
				}
				res, err := pg.RunAxe(axe)
				if err != nil {
					pg.Close()
					t.Fatal(err)
				}
				for _, v := range res.Violations {
					t.Errorf("at %d px: %s", width, v)
				}
				if res.Passes < 15 {
					t.Errorf("at %d px: axe-core %s passed only %d rules", width, res.Version, res.Passes)
				}
				var review []string
				for _, v := range res.Incomplete {
					review = append(review, v.ID)
				}
				t.Logf("at %d px: axe-core %s: %d violations, %d rules passed, to review by hand: %v", width, res.Version, len(res.Violations), res.Passes, review)
				if width == 320 {
					for _, w := range []int{320, 640} {
						if err := pg.Resize(w, 900); err != nil {
							t.Fatal(err)
						}
						wide, err := browsertest.Eval[[]string](pg, overflowing)
						if err != nil {
							t.Fatal(err)
						}
						if len(wide) > 0 {
							t.Errorf("at %d px the page is wider than the screen: %s", w, strings.Join(wide, "; "))
						}
					}
				}
				pg.Close()
			}
		})
	}

	// Every council page printed on A4, two tabs at a time.
	dir := filepath.Join(cou, CouncilsDir)
	var slugs []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".html") {
			slugs = append(slugs, strings.TrimSuffix(e.Name(), ".html"))
		}
	}
	if len(slugs) != len(cres.Report.Councils) {
		t.Fatalf("%d council pages", len(slugs))
	}
	pdfs := browsertest.NewPDFReader(t)
	counts := map[int][]string{}
	var mu sync.Mutex
	work := make(chan string)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var pg *browsertest.Page
			for slug := range work {
				n, err := printed(b, &pg, pdfs, filepath.Join(dir, slug+".html"), slices.Contains(pagesSample, slug))
				mu.Lock()
				if err != nil {
					t.Errorf("%s: %v", slug, err)
				} else {
					counts[n] = append(counts[n], slug)
				}
				mu.Unlock()
			}
			if pg != nil {
				pg.Close()
			}
		}()
	}
	for _, s := range slugs {
		work <- s
	}
	close(work)
	wg.Wait()
	var summary []string
	for n, s := range counts {
		sort.Strings(s)
		summary = append(summary, fmt.Sprintf("%d on %d A4 pages", len(s), n))
		if n > 2 {
			t.Errorf("%s print on %d A4 pages, more than two", strings.Join(s, ", "), n)
		}
	}
	sort.Strings(summary)
	t.Logf("council pages printed: %s; on two: %v", strings.Join(summary, ", "), counts[2])
	// A second sheet only for a long list of recommendations (strengths
	// and areas for improvement are cut short on paper).
	for _, slug := range counts[2] {
		doc := pagestest.Parse(t, filepath.Join(dir, slug+".html"))
		recs := 0
		pagestest.Walk(doc, func(n *html.Node) {
			if n.DataAtom == atom.Li && n.Parent != nil && n.Parent.DataAtom == atom.Ol && pagestest.HasClass(n.Parent, "said") {
				recs++
			}
		})
		if recs < longRecommendations {
			t.Errorf("%s prints on two A4 pages with %d recommendations", slug, recs)
		}
	}
}

// longRecommendations is a list of recommendations long enough to take a
// council's page onto a second A4 sheet.
const longRecommendations = 4

// overflowing lists what is wider than the screen (a table inside its
// scrolling region is not).
const overflowing = `(() => {
  const w = document.documentElement.clientWidth, out = [];
  if (document.documentElement.scrollWidth > w) out.push("document " + document.documentElement.scrollWidth + " > " + w);
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".table")) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > w + 1) out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " to " + Math.round(r.right));
    if (out.length > 5) break;
  }
  return out;
})()`

// printed prints a page on A4 (in the worker's tab *pg, opened on first
// use) and counts the PDF's pages; with read, the PDF is also read back
// whole by the project's PDF reader, which must count the same pages and
// find the page's end (the licence) on them.
func printed(b *browsertest.Browser, pg **browsertest.Page, pdfs *browsertest.PDFReader, path string, read bool) (int, error) {
	var err error
	if *pg == nil {
		*pg, err = b.Open(path, 1280, 900)
	} else {
		err = (*pg).Navigate(path)
	}
	if err != nil {
		return 0, err
	}
	pdf, err := (*pg).PDF()
	if err != nil {
		return 0, err
	}
	n, err := browsertest.PDFPageCount(pdf)
	if err != nil || !read {
		return n, err
	}
	m, text, err := pdfs.Pages(context.Background(), pdf)
	if err != nil {
		return 0, err
	}
	if m != n {
		return 0, fmt.Errorf("the page tree counts %d pages, PDFium %d", n, m)
	}
	if !strings.Contains(strings.Join(strings.Fields(text), " "), "Open Government Licence") {
		return n, fmt.Errorf("the printed page does not end with the licence: %.200q", text)
	}
	return n, nil
}

// TestPagesLook writes screenshots of the pages, and the sample of council
// pages printed, into $OVERSIGHT_SCREENSHOTS, to look at (skipped
// otherwise).
func TestPagesLook(t *testing.T) {
	shots := os.Getenv("OVERSIGHT_SCREENSHOTS")
	if shots == "" {
		t.Skip("set OVERSIGHT_SCREENSHOTS to a folder to write screenshots into")
	}
	b := browsertest.Start(t)
	rep, _ := pagesReport(t)
	cou, _ := pagesCouncils(t)
	res, _ := pagesResearch(t)
	type shot struct {
		name, path string
		width      int
	}
	shoot := []shot{{"report", filepath.Join(rep, "index.html"), 1280}, {"report-320", filepath.Join(rep, "index.html"), 320},
		{"councils", filepath.Join(cou, "index.html"), 1280}, {"research", filepath.Join(res, "index.html"), 1280},
		{"south-tyneside-320", filepath.Join(cou, CouncilsDir, "south-tyneside.html"), 320}}
	for _, s := range pagesSample {
		shoot = append(shoot, shot{s, filepath.Join(cou, CouncilsDir, s+".html"), 1280})
	}
	for _, p := range shoot {
		pg, err := b.Open(p.path, p.width, 900)
		if err != nil {
			t.Fatal(err)
		}
		png, err := pg.Screenshot()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(shots, p.name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
		if p.width == 1280 && slices.Contains(pagesSample, p.name) {
			pdf, err := pg.PDF()
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(shots, p.name+".pdf"), pdf, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		pg.Close()
	}
}
