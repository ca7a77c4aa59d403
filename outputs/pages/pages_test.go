package pages_test

import (
	"bytes"
	"encoding/csv"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/workbook/workbooktest"
)

// allPages are every page of the three runs, by output folder.
func allPages(t *testing.T) map[string][]string {
	rep, _ := reportDir(t)
	cou, _ := councilsDir(t)
	res, _ := researchDir(t)
	return map[string][]string{rep: htmlFiles(t, rep), cou: htmlFiles(t, cou), res: htmlFiles(t, res)}
}

// TestPageCounts: the report and research runs write one page, the
// councils run an index and a page for every council, beside its workbook.
func TestPageCounts(t *testing.T) {
	cou, res := councilsDir(t)
	pages := htmlFiles(t, cou)
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
	for _, dir := range []string{first(reportDir(t)), first(researchDir(t))} {
		if got := htmlFiles(t, dir); len(got) != 1 || filepath.Base(got[0]) != "index.html" {
			t.Errorf("%s: pages %v, want index.html", dir, got)
		}
	}
}

func first[A, B any](a A, _ B) A { return a }

// TestStructure checks what a page must be, as a parser reads it: the
// language set, one h1, headings in order, the landmarks, tables with a
// caption and scoped header cells, images with alternative text, unique
// ids, and no script or anything that runs or loads from elsewhere.
func TestStructure(t *testing.T) {
	for _, pages := range allPages(t) {
		for _, p := range pages {
			checkStructure(t, p)
		}
	}
}

func checkStructure(t *testing.T, path string) {
	t.Helper()
	doc := parsePage(t, path)
	name := filepath.Base(filepath.Dir(path)) + "/" + filepath.Base(path)
	errorf := func(format string, args ...any) { t.Errorf(name+": "+format, args...) }
	h1, level := 0, 0
	ids := map[string]bool{}
	landmarks := map[atom.Atom]int{}
	walk(doc, func(n *html.Node) {
		switch n.DataAtom {
		case atom.Html:
			if v, _ := attr(n, "lang"); v != "en-GB" {
				errorf("lang %q", v)
			}
		case atom.Script, atom.Iframe, atom.Object, atom.Embed, atom.Link, atom.Base, atom.Form:
			errorf("has a <%s>", n.Data)
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			l := int(n.Data[1] - '0')
			if l == 1 {
				h1++
			}
			if l > level+1 {
				errorf("heading %q is h%d after h%d", text(n), l, level)
			}
			level = l
		case atom.Header, atom.Main, atom.Footer:
			landmarks[n.DataAtom]++
		case atom.Nav:
			_, named := attr(n, "aria-label")
			_, labelled := attr(n, "aria-labelledby")
			if !named && !labelled {
				errorf("a <nav> without a name")
			}
		case atom.Table:
			if c := firstElement(n); c == nil || c.DataAtom != atom.Caption || text(c) == "" {
				errorf("a table without a caption first")
			}
		case atom.Th:
			if v, _ := attr(n, "scope"); v != "col" && v != "row" {
				errorf("a <th> without scope: %q", text(n))
			}
		case atom.Img:
			if v, ok := attr(n, "alt"); !ok || strings.TrimSpace(v) == "" {
				src, _ := attr(n, "src")
				errorf("image %s has no alternative text", src)
			}
		case atom.Style:
			if css := text(n); strings.Contains(css, "url(") || strings.Contains(css, "@import") || strings.Contains(css, "@font-face") {
				errorf("the stylesheet loads something")
			}
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "style" || a.Key == "srcset" {
				errorf("<%s %s=...>", n.Data, a.Key)
			}
			if a.Key == "id" {
				if ids[a.Val] {
					errorf("id %q twice", a.Val)
				}
				ids[a.Val] = true
			}
		}
	})
	if h1 != 1 {
		errorf("%d h1 elements", h1)
	}
	for _, a := range []atom.Atom{atom.Header, atom.Main, atom.Footer} {
		if landmarks[a] != 1 {
			errorf("%d <%s> landmarks", landmarks[a], a)
		}
	}
}

func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// externalHosts are the only places a page links to outside its folder:
// Ofsted's and DfE's sites (gov.uk), and the Open Government Licence.
var externalHosts = map[string]bool{
	"reports.ofsted.gov.uk": true, "files.ofsted.gov.uk": true, "www.gov.uk": true,
	"explore-education-statistics.service.gov.uk": true, "www.nationalarchives.gov.uk": true,
}

// TestLinksResolve follows every link and image of every page: a relative
// one must name a file inside the output folder (and an id on the page it
// names, for a #fragment); any other must be https to Ofsted, DfE or the
// licence.
func TestLinksResolve(t *testing.T) {
	checked := 0
	idsOf := map[string]map[string]bool{}
	ids := func(path string) map[string]bool {
		if m, ok := idsOf[path]; ok {
			return m
		}
		m := map[string]bool{}
		walk(parsePage(t, path), func(n *html.Node) {
			if v, ok := attr(n, "id"); ok {
				m[v] = true
			}
		})
		idsOf[path] = m
		return m
	}
	for root, pages := range allPages(t) {
		for _, p := range pages {
			walk(parsePage(t, p), func(n *html.Node) {
				var ref string
				switch n.DataAtom {
				case atom.A:
					ref, _ = attr(n, "href")
					if strings.TrimSpace(text(n)) == "" {
						t.Errorf("%s: a link with no text", p)
					}
				case atom.Img:
					ref, _ = attr(n, "src")
				default:
					return
				}
				checked++
				u, err := url.Parse(ref)
				if err != nil {
					t.Errorf("%s: link %q: %v", p, ref, err)
					return
				}
				if u.Scheme != "" || u.Host != "" {
					if u.Scheme != "https" || !externalHosts[u.Host] {
						t.Errorf("%s: link %q leaves the folder for somewhere other than Ofsted, DfE or the licence", p, ref)
					}
					return
				}
				target := p
				if u.Path != "" {
					target = filepath.Join(filepath.Dir(p), filepath.FromSlash(u.Path))
				}
				if rel, err := filepath.Rel(root, target); err != nil || strings.HasPrefix(rel, "..") {
					t.Errorf("%s: link %q leaves the output folder", p, ref)
					return
				}
				if _, err := os.Stat(target); err != nil {
					t.Errorf("%s: link %q: %v", p, ref, err)
					return
				}
				if u.Fragment != "" && !ids(target)[u.Fragment] {
					t.Errorf("%s: link %q: no id %q there", p, ref, u.Fragment)
				}
			})
		}
	}
	if checked < 153*10 {
		t.Errorf("only %d links checked", checked)
	}
}

// TestRepeatable: the same inputs and date give the same pages, byte for
// byte.
func TestRepeatable(t *testing.T) {
	for _, run := range []struct {
		name  string
		get   func(testing.TB) (string, any)
		build func(string) error
	}{
		{"report", func(t testing.TB) (string, any) { return reportDir(t) }, func(out string) error { _, err := buildReport(out); return err }},
		{"councils", func(t testing.TB) (string, any) { return councilsDir(t) }, func(out string) error { _, err := buildCouncils(out); return err }},
		{"research", func(t testing.TB) (string, any) { return researchDir(t) }, func(out string) error { _, err := buildResearch(out); return err }},
	} {
		dir, _ := run.get(t)
		again := filepath.Join(t.TempDir(), run.name)
		if err := run.build(again); err != nil {
			t.Fatal(err)
		}
		pages := htmlFiles(t, dir)
		for _, p := range pages {
			rel, _ := filepath.Rel(dir, p)
			a, _ := os.ReadFile(p)
			b, err := os.ReadFile(filepath.Join(again, rel))
			if err != nil || !bytes.Equal(a, b) {
				t.Errorf("%s: %s differs between two runs (%v)", run.name, rel, err)
			}
		}
		if n := len(htmlFiles(t, again)); n != len(pages) {
			t.Errorf("%s: %d pages, then %d", run.name, len(pages), n)
		}
	}
}

// TestSameNumbersAsWorkbook: the report page's England table shows what
// the workbook's Headlines sheet shows, cell for cell, and a council page's
// figures are its workbook's Figures sheet's and councils.csv's.
func TestSameNumbersAsWorkbook(t *testing.T) {
	rep, _ := reportDir(t)
	page := tableByCaption(t, parsePage(t, filepath.Join(rep, "index.html")), "england-table")
	sheet := workbooktest.SheetRows(t, filepath.Join(rep, "report.xlsx"), "Headlines")
	shown := map[string][]string{}
	for _, row := range sheet {
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

	cou, res := councilsDir(t)
	csvRows := readCSV(t, filepath.Join(cou, "datasets", "councils.csv"))
	header := csvRows[0]
	col := func(name string) int {
		for j, h := range header {
			if h == name {
				return j
			}
		}
		t.Fatalf("councils.csv has no %s", name)
		return -1
	}
	for _, name := range []string{"South Tyneside", "Isles of Scilly", "Kingston upon Thames", "Barnet"} {
		var c *metrics.Council
		for _, x := range res.Report.Councils {
			if x.Ref.Name == name {
				c = x
			}
		}
		slug := strings.ToLower(strings.ReplaceAll(name, " ", "-"))
		figs := tableByCaption(t, parsePage(t, filepath.Join(cou, "councils", slug+".html")), "figures")
		book := workbooktest.SheetRows(t, filepath.Join(cou, "councils", slug+".xlsx"), "Figures")
		var own []string
		for _, row := range book {
			if len(row) > 0 && row[0] == "The council's figure" {
				own = row
			}
		}
		var csvRow []string
		for _, r := range csvRows[1:] {
			if r[col("la_name")] == name {
				csvRow = r
			}
		}
		if own == nil || csvRow == nil || c == nil {
			t.Fatalf("%s: no figures row in the workbook or councils.csv", name)
		}
		for i, m := range metrics.WorkforceMeasures {
			got := figs[i+1][1]
			if got != own[i+1] {
				t.Errorf("%s %s: page %q, workbook %q", name, m, got, own[i+1])
			}
			v := csvRow[col(m.String())]
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				if strings.TrimSuffix(got, "%") != strconv.FormatFloat(f, 'f', 1, 64) {
					t.Errorf("%s %s: page %q, councils.csv %s", name, m, got, v)
				}
			} else if "["+v+"]" != got {
				t.Errorf("%s %s: page %q, councils.csv %q", name, m, got, v)
			}
		}
	}
}

// optionalDigit is a second decimal place that a "0.0#" number format
// leaves out when it is 0, which excelize's formatter (unlike Excel and
// LibreOffice) shows: 14.40% is 14.4%.
var optionalDigit = regexp.MustCompile(`^(-?\d+\.\d)0(%?)$`)

// TestCouncilPages: what each kind of council's page says.
func TestCouncilPages(t *testing.T) {
	cou, _ := councilsDir(t)
	read := func(slug string) string {
		b, err := os.ReadFile(filepath.Join(cou, "councils", slug+".html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, c := range []struct {
		slug string
		want []string
	}{
		// No overall grade since April 2026: said so, the old grade kept apart.
		{"south-tyneside", []string{"no overall grade: Ofsted&#39;s framework from April 2026 grades areas only", "Last overall grade (before the current framework)",
			"https://reports.ofsted.gov.uk/provider/44/"}},
		// A joint service: one figure for both, said on each page.
		{"kingston-upon-thames", []string{"joint service", "Richmond upon Thames"}},
		{"richmond-upon-thames", []string{"joint service", "Kingston upon Thames"}},
		// A small service: its figures marked.
		{"isles-of-scilly", []string{"small numbers"}},
		// Ofsted's words where the inputs have them, with the newest
		// inspection's missing report said.
		{"barking-and-dagenham", []string{"is not in the inputs: the newest here is from"}},
	} {
		page := read(c.slug)
		for _, w := range c.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: no %q", c.slug, w)
			}
		}
	}
}

func readCSV(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}
