package text

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
	"github.com/oversight/oversight/fixtures/golden"
)

// The test documents in testdata/docs were written for these tests (none
// is copied from a real article or letter). Each has:
//   - NAME.want: what must come out, written by hand: a header of
//     "# key=value" lines (kind, rule, date, source, councils separated by
//     "|" with "_" for a space), then CSV rows status,council,date,measure,value,area,scope,
//     qualifier,polarity where status is "finding" or "review";
//   - NAME.golden: everything that comes out (quotes, pages, notes,
//     confidences), for spotting any change (go test -update rewrites it).
//
// A file NAME.pages.txt is PDF page text, pages separated by form feeds as
// pdftotext writes them.

// loadDoc reads a test document as the pipeline would hand it over.
func loadDoc(t *testing.T, path string) Doc {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, ".pages.txt") {
		return Doc{File: path, Pages: strings.Split(string(raw), "\f")}
	}
	return Doc{File: path, Raw: raw}
}

// docName is the document's name without its extension(s).
func docName(path string) string {
	base := filepath.Base(path)
	for _, ext := range []string{".pages.txt", ".txt", ".html", ".htm"} {
		if strings.HasSuffix(base, ext) {
			return strings.TrimSuffix(base, ext)
		}
	}
	return base
}

func testDocs(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, pat := range []string{"*.txt", "*.html", "*.htm"} {
		m, err := filepath.Glob(filepath.Join("testdata", "docs", pat))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) == 0 {
		t.Fatal("no test documents in testdata/docs")
	}
	return out
}

// status says where a candidate goes: findings or review.
func status(c evidence.Candidate) string {
	if c.Review != "" || c.Confidence < ReviewBelow {
		return "review"
	}
	return "finding"
}

func rowOf(c evidence.Candidate) []string {
	return []string{status(c), c.Council, c.Date, c.Measure, c.Value, c.Area, c.Scope, c.Qualifier, c.Polarity}
}

type want struct {
	header map[string]string
	rows   [][]string
}

func readWant(t *testing.T, path string) want {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (write the expectations for this document)", err)
	}
	w := want{header: map[string]string{}}
	var body bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			for _, kv := range strings.Fields(strings.TrimPrefix(line, "#")) {
				k, v, _ := strings.Cut(kv, "=")
				if k == "councils" {
					v = strings.ReplaceAll(v, "_", " ") // names with spaces
				}
				w.header[k] = v
			}
			continue
		}
		body.WriteString(line + "\n")
	}
	recs, err := csv.NewReader(&body).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(recs) == 0 || recs[0][0] != "status" {
		t.Fatalf("%s: want a header row starting with status", path)
	}
	w.rows = recs[1:]
	return w
}

// TestDocuments checks each test document against its hand-written
// expectations: the document's kind, date and rule, source and councils;
// every expected row present with the right status; and no grade, visit or
// figure reaching findings that the expectations do not list (themes beyond
// those listed are allowed: they are judgement calls).
func TestDocuments(t *testing.T) {
	ref := reference.Default()
	for _, path := range testDocs(t) {
		name := docName(path)
		t.Run(name, func(t *testing.T) {
			res, err := Extract(context.Background(), loadDoc(t, path), ref)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", "docs", name+".golden"), res)
			w := readWant(t, filepath.Join("testdata", "docs", name+".want"))
			for k, v := range w.header {
				got := ""
				switch k {
				case "kind":
					got = res.Kind
				case "rule":
					got = res.DateRule
				case "date":
					got = res.Date
				case "source":
					got = res.Source
				case "councils":
					got = strings.Join(res.Councils, "|")
				default:
					t.Fatalf("unknown header key %q", k)
				}
				if got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			var got [][]string
			for _, c := range res.Candidates {
				got = append(got, rowOf(c))
			}
			used := make([]bool, len(got))
			for _, wr := range w.rows {
				found := false
				for i, g := range got {
					if !used[i] && strings.Join(g, ",") == strings.Join(wr, ",") {
						used[i], found = true, true
						break
					}
				}
				if !found {
					t.Errorf("missing %v", wr)
				}
			}
			for i, g := range got {
				if !used[i] && g[0] == "finding" && g[3] != "theme" {
					t.Errorf("unexpected finding %v", g)
				}
			}
		})
	}
}

// checkGolden compares the full output with NAME.golden.
func checkGolden(t *testing.T, path string, res Result) {
	t.Helper()
	var b bytes.Buffer
	fmt.Fprintf(&b, "kind=%s date=%s rule=%s source=%s councils=%s\ntitle=%s\n", res.Kind, res.Date, res.DateRule, res.Source, strings.Join(res.Councils, "|"), res.Title)
	cw := csv.NewWriter(&b)
	cw.Write([]string{"status", "council", "date", "measure", "value", "area", "scope", "qualifier", "polarity", "source_type", "page", "confidence", "review", "quote", "note"})
	for _, c := range res.Candidates {
		cw.Write(append(rowOf(c), c.SourceType, strconv.Itoa(c.Page), strconv.FormatFloat(c.Confidence, 'f', 2, 64), c.Review, c.Quote, c.Note))
	}
	cw.Flush()
	golden.Check(t, path, b.Bytes())
}

// TestCandidateRules checks what every candidate from every test document
// (and the seed documents when present) must satisfy: its quote is the
// document's own words, at most 300 characters, found in the paragraph or
// page it names; its note shares no run of eight words with the document;
// and what goes to findings has a council and a date and passes the
// contract's parser.
func TestCandidateRules(t *testing.T) {
	ref := reference.Default()
	p := findings.NewParser(ref)
	paths := testDocs(t)
	if seeds, _ := filepath.Glob(filepath.Join(seedDocs, "*.txt")); len(seeds) > 0 {
		paths = append(paths, seeds...)
	}
	for _, path := range paths {
		doc := loadDoc(t, path)
		res, err := Extract(context.Background(), doc, ref)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		d := &document{doc: doc, ref: ref, m: matcherFor(ref)}
		if err := d.read(); err != nil {
			t.Fatal(err)
		}
		docWords := words(strings.Join(paraTexts(d.paras), " "))
		for _, c := range res.Candidates {
			where := fmt.Sprintf("%s: %s %s %q", filepath.Base(path), c.Measure, c.Value, c.Quote)
			if c.Quote == "" || len([]rune(c.Quote)) > evidence.MaxQuote {
				t.Errorf("%s: quote is empty or longer than %d characters", where, evidence.MaxQuote)
			}
			if !inPlace(d.paras, c) {
				t.Errorf("%s: quote not found in paragraph/page %d", where, c.Page)
			}
			if run := sharedRun(words(c.Note), docWords, 8); run != "" {
				t.Errorf("%s: note copies the document: %q", where, run)
			}
			if c.Review != "" {
				continue
			}
			if c.Council == "" || c.Date == "" {
				t.Errorf("%s: no review reason, but council %q date %q", where, c.Council, c.Date)
			}
			r := toRaw(c)
			if _, err := p.Parse(&r); err != nil {
				t.Errorf("%s: %v", where, err)
			}
		}
	}
}

func paraTexts(ps []para) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Text
	}
	return out
}

// inPlace reports whether the quote is in the paragraph (text, HTML) or on
// the page (PDF) the candidate names.
func inPlace(ps []para, c evidence.Candidate) bool {
	for _, p := range ps {
		if p.where() == c.Page && strings.Contains(p.Text, c.Quote) {
			return true
		}
	}
	return false
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '\'' || r == '’')
	})
}

// sharedRun is a run of n words of a that also stands in b, or "".
func sharedRun(a, b []string, n int) string {
	if len(a) < n {
		return ""
	}
	runs := map[string]bool{}
	for i := 0; i+n <= len(b); i++ {
		runs[strings.Join(b[i:i+n], " ")] = true
	}
	for i := 0; i+n <= len(a); i++ {
		if r := strings.Join(a[i:i+n], " "); runs[r] {
			return r
		}
	}
	return ""
}
