package pages_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/oversight/oversight/outputs/pages/browsertest"
)

// The pages in a real browser: Debian's Chromium, headless, with axe-core.
// Skipped where either is missing, unless OVERSIGHT_REQUIRE_BROWSER=1 (CI).

// sample are council pages of each kind: a joint service (both partners),
// a small service, no overall grade, Ofsted's words in the inputs, and
// none of Ofsted's reports in the inputs.
var sample = []string{"kingston-upon-thames", "richmond-upon-thames", "isles-of-scilly", "south-tyneside", "barking-and-dagenham", "hartlepool"}

// TestBrowser runs axe-core's WCAG 2.2 A and AA rules (and best practice)
// on the report page, the research page, the councils index and the
// sample of council pages, at a desktop width and at 320 CSS pixels (a
// phone, and 1280 at 400% zoom); checks that no page needs scrolling
// sideways at 320 or at 640 pixels (200% zoom) except inside a table's own
// scrolling region; and prints every council page on A4, requiring one
// sheet, or two where Ofsted's list of what to improve is long.
func TestBrowser(t *testing.T) {
	axe := browsertest.Axe(t)
	b := browsertest.Start(t)
	rep, _ := reportDir(t)
	cou, cres := councilsDir(t)
	res, _ := researchDir(t)
	pages := []string{filepath.Join(rep, "index.html"), filepath.Join(res, "index.html"), filepath.Join(cou, "index.html")}
	for _, s := range sample {
		pages = append(pages, filepath.Join(cou, "councils", s+".html"))
	}
	noReport, err := os.ReadFile(filepath.Join(cou, "councils", "hartlepool.html"))
	if err != nil || !strings.Contains(string(noReport), "None of Ofsted&#39;s reports or letters about Hartlepool is in the inputs") {
		t.Errorf("the sample's council with no report in the inputs has one (%v)", err)
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
				t.Logf("at %d px: axe-core %s: %d violations, %d rules passed, %d to review by hand", width, res.Version, len(res.Violations), res.Passes, len(res.Incomplete))
				for _, w := range []int{width, 640} {
					if w != width && width != 320 {
						continue
					}
					if err := pg.Resize(w, 900); err != nil {
						t.Fatal(err)
					}
					wide, err := browsertest.Eval[[]string](pg, overflowing)
					if err != nil {
						t.Fatal(err)
					}
					if len(wide) > 0 {
						t.Errorf("at %d px the page scrolls sideways: %s", w, strings.Join(wide, "; "))
					}
				}
				pg.Close()
			}
		})
	}

	// Every council page printed on A4.
	dir := filepath.Join(cou, "councils")
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
				n, err := printed(b, &pg, pdfs, filepath.Join(dir, slug+".html"), slices.Contains(sample, slug))
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
	if len(counts[1]) < len(slugs)*9/10 {
		t.Errorf("only %d of %d council pages print on one A4 page", len(counts[1]), len(slugs))
	}
}

// overflowing lists what sticks out sideways beyond the viewport (a table
// inside its scrolling region does not).
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
// use) and counts the PDF's pages; read, the PDF is also read back whole by
// the project's PDF reader, which must count the same pages and find the
// page's end (the licence) on them.
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

// TestLook writes screenshots of the pages, and PDFs of three council pages
// printed, into $OVERSIGHT_SCREENSHOTS, to look at (skipped otherwise).
func TestLook(t *testing.T) {
	shots := os.Getenv("OVERSIGHT_SCREENSHOTS")
	if shots == "" {
		t.Skip("set OVERSIGHT_SCREENSHOTS to a folder to write screenshots into")
	}
	b := browsertest.Start(t)
	rep, _ := reportDir(t)
	cou, _ := councilsDir(t)
	res, _ := researchDir(t)
	shoot := []struct {
		name, path string
		width      int
	}{
		{"report", filepath.Join(rep, "index.html"), 1280},
		{"report-320", filepath.Join(rep, "index.html"), 320},
		{"councils", filepath.Join(cou, "index.html"), 1280},
		{"research", filepath.Join(res, "index.html"), 1280},
	}
	for _, s := range sample {
		shoot = append(shoot, struct {
			name, path string
			width      int
		}{s, filepath.Join(cou, "councils", s+".html"), 1280})
	}
	shoot = append(shoot, struct {
		name, path string
		width      int
	}{"south-tyneside-320", filepath.Join(cou, "councils", "south-tyneside.html"), 320})
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
		if p.width == 1280 && strings.Contains(p.path, "/councils/") {
			pdf, err := pg.PDF()
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(shots, p.name+".pdf"), pdf, 0o644)
		}
		pg.Close()
	}
}
