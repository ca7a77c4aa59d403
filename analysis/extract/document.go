package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/extract/pdftext"
	"github.com/oversight/oversight/analysis/extract/report"
	"github.com/oversight/oversight/analysis/extract/text"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// extractor reads documents for one worker (a findings.Parser is not safe
// for concurrent use).
type extractor struct {
	ref       *reference.List
	pdf       *pdftext.Engine
	threshold float64
	reg       *registry
	parser    *findings.Parser
}

func rejected(d Document, kind, reason string) docResult {
	d.Kind, d.Status, d.Reason = kind, StatusRejected, reason
	return docResult{doc: d}
}

// document reads one file: from the registry when it has been read before,
// else by its kind.
func (x *extractor) document(ctx context.Context, path string) docResult {
	d := Document{File: path, Extractor: Version}
	info, err := os.Stat(path)
	if err != nil {
		return rejected(d, "unreadable", fmt.Sprintf("cannot read the file: %v", err))
	}
	d.Bytes = info.Size()
	if e, ok := x.reg.unchanged(path, info.Size(), info.ModTime()); ok {
		return fromRegistry(e, path, info)
	}
	if info.Size() > MaxFileSize {
		return rejected(d, "unreadable", fmt.Sprintf("the file is %d MB, more than the %d MB a document may be", info.Size()>>20, MaxFileSize>>20))
	}
	data, sum, err := hashFile(path)
	if err != nil {
		return rejected(d, "unreadable", fmt.Sprintf("cannot read the file: %v", err))
	}
	if e, ok := x.reg.bySHA[sum]; ok {
		r := fromRegistry(e, path, info)
		r.read = true
		return r
	}
	d.SHA256, d.New = sum, true
	r := x.read(ctx, d, data)
	r.size, r.modTime, r.read = info.Size(), info.ModTime(), true
	return r
}

// fromRegistry gives the rows recorded when the document was read, under
// the path it has now.
func fromRegistry(e entry, path string, info os.FileInfo) docResult {
	d := e.Doc
	d.File, d.Bytes = path, info.Size()
	r := docResult{doc: d, size: info.Size(), modTime: info.ModTime()}
	for _, rows := range []struct {
		from []Row
		to   *[]Row
	}{{e.Findings, &r.findings}, {e.Review, &r.review}} {
		for _, row := range rows.from {
			row.File = path
			*rows.to = append(*rows.to, row)
		}
	}
	return r
}

var htmlTitleRE = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)

// read detects the document's kind and reads it.
func (x *extractor) read(ctx context.Context, d Document, data []byte) docResult {
	ext := strings.ToLower(filepath.Ext(d.File))
	switch {
	case pdftext.IsPDF(data):
		return x.readPDF(ctx, d, data)
	case looksHTML(data):
		if ext == ".pdf" {
			title := "untitled"
			if m := htmlTitleRE.FindSubmatch(data); m != nil {
				title = strings.Join(strings.Fields(string(m[1])), " ")
			}
			return rejected(d, "html", fmt.Sprintf("named .pdf but it is a web page titled %q, not a PDF (a web site's error page saved as the report?): download the report again", title))
		}
		return x.readText(ctx, d, data, "html")
	case ext == ".txt" || ext == ".md" || ext == ".text" || ext == ".htm" || ext == ".html" ||
		(ext == "" && utf8.Valid(data) && !bytes.ContainsRune(data, 0)):
		return x.readText(ctx, d, data, "text")
	case ext == ".pdf":
		return rejected(d, "unreadable", "named .pdf but it is not a PDF (no %PDF header): download it again")
	}
	return rejected(d, "other", fmt.Sprintf("not a PDF, HTML or text file (%s): extraction reads Ofsted reports and letters (PDF) and articles (HTML, text)", kindOfExt(ext)))
}

func kindOfExt(ext string) string {
	if ext == "" {
		return "no extension"
	}
	return ext + " file"
}

// looksHTML sniffs an HTML page: its first tag, after any byte-order mark,
// white space and comments.
func looksHTML(data []byte) bool {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	head = bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) ||
		(bytes.HasPrefix(head, []byte("<")) && bytes.Contains(head, []byte("<html")))
}

func (x *extractor) readPDF(ctx context.Context, d Document, data []byte) docResult {
	d.Kind = "pdf"
	doc, err := x.pdf.Open(ctx, data, pdftext.Limits{})
	switch {
	case errors.Is(err, pdftext.ErrEncrypted):
		return rejected(d, "pdf", "encrypted PDF: it cannot be opened without its password; save an unprotected copy and add that")
	case errors.Is(err, pdftext.ErrDamaged):
		return rejected(d, "pdf", fmt.Sprintf("damaged PDF, cannot be read (%v): download it again", err))
	case err != nil:
		return rejected(d, "pdf", fmt.Sprintf("could not read the PDF: %v", err))
	}
	defer doc.Close()
	d.Pages = doc.NumPages()
	if d.Pages == 0 {
		return rejected(d, "pdf", "the PDF has no pages")
	}
	// A scan has no text layer: look at the first pages before anything.
	for n := 1; n <= min(3, d.Pages); n++ {
		if _, err := doc.Page(ctx, n); err != nil {
			return rejected(d, "pdf", fmt.Sprintf("could not read page %d: %v", n, err))
		}
		if doc.Chars() > 0 {
			break
		}
	}
	if doc.Chars() == 0 {
		return rejected(d, "pdf", "image-only PDF: its pages are pictures with no text layer (a scan); run OCR on it and add the result")
	}
	rep, err := report.Parse(ctx, doc, d.File, x.ref)
	if errors.Is(err, report.ErrNotReport) {
		all, err := doc.All(ctx)
		if err != nil {
			return rejected(d, "pdf", fmt.Sprintf("could not read the PDF: %v", err))
		}
		d.PagesRead = len(all.Pages)
		return x.readText(ctx, d, nil, "pdf", all.Texts()...)
	}
	if err != nil {
		return rejected(d, "report", fmt.Sprintf("could not read the report: %v", err))
	}
	return x.fromReport(d, rep)
}

func (x *extractor) fromReport(d Document, r *report.Report) docResult {
	d.Kind = "report"
	d.Framework = r.Framework
	if r.Council != nil {
		d.Council, d.GSSCode = r.Council.Name, r.Council.GSS
	} else {
		d.Council = r.CouncilName
	}
	if r.InspectionStart != 0 {
		d.InspectionStart, d.InspectionEnd = r.InspectionStart.String(), r.InspectionEnd.String()
	}
	if r.Published != 0 {
		d.Published = r.Published.String()
	}
	d.PublishedRule = r.PublishedRule
	d.LeadInspector = strings.Join(r.LeadInspectors, "; ")
	var js []string
	for _, j := range r.Judgements {
		g := j.Grade.String()
		if j.NotJudged {
			g = "not judged"
		}
		js = append(js, fmt.Sprintf("%s: %s", j.Key, g))
	}
	d.Judgements = strings.Join(js, "; ")
	if r.Recommendations.Found && r.Framework != report.LSCBReview {
		n := len(r.Recommendations.Items)
		d.Recommendations = &n
	}
	d.Pages, d.PagesRead = r.Pages, r.PagesRead
	d.Status = StatusOK
	var reasons []string
	if r.Council == nil {
		d.Status = StatusRejected
		reasons = append(reasons, "no council: "+r.CouncilProblem)
	}
	if len(r.Judgements) == 0 && !r.Recommendations.Found {
		d.Status = StatusRejected
		reasons = append(reasons, "no judgements and no recommendations found: a layout this reader does not know")
	} else {
		reasons = append(reasons, r.Problems...)
	}
	if r.FrameworkQuote != "" {
		reasons = append(reasons, "re-inspection: "+r.FrameworkQuote)
	}
	d.Reason = strings.Join(reasons, "; ")
	return x.split(d, r.Candidates())
}

// readText reads a news article, council page or letter (pages set for a
// PDF letter, else raw bytes).
func (x *extractor) readText(ctx context.Context, d Document, raw []byte, kind string, pages ...string) docResult {
	doc := text.Doc{File: d.File, Raw: raw}
	if pages != nil {
		doc = text.Doc{File: d.File, Pages: pages}
	}
	res, err := text.Extract(ctx, doc, x.ref)
	if err != nil {
		return rejected(d, kind, fmt.Sprintf("could not read the text: %v", err))
	}
	d.Kind = res.Kind
	if res.Kind == text.KindOther && kind == "pdf" {
		d.Kind = "pdf"
	}
	d.Council = strings.Join(res.Councils, "; ")
	if len(res.Councils) == 1 {
		if cs := x.ref.Candidates(res.Councils[0]); len(cs) == 1 {
			d.GSSCode = cs[0].GSS
		}
	}
	d.Published, d.PublishedRule = res.Date, res.DateRule
	d.Status = StatusOK
	switch {
	case len(res.Councils) == 0:
		d.Status, d.Reason = StatusRejected, "no council named in the text"
	case res.Date == "":
		d.Reason = "no date of its own (printed, in the page's metadata or in the file name): findings that need one are in review.csv"
	}
	return x.split(d, res.Candidates)
}

// split validates each candidate and sends it to findings or review.
func (x *extractor) split(d Document, cands []evidence.Candidate) docResult {
	if x.parser == nil {
		x.parser = findings.NewParser(x.ref)
	}
	r := docResult{doc: d}
	for _, c := range cands {
		c.Quote = clip(c.Quote)
		row := Row{Candidate: c, Document: d.SHA256, File: d.File, Extractor: Version}
		switch {
		case c.Review != "":
			row.Reason = c.Review
		case c.Confidence < x.threshold:
			row.Reason = fmt.Sprintf("confidence %s is below the threshold %s", ftoa(c.Confidence), ftoa(x.threshold))
		default:
			raw := ToRaw(row)
			if _, err := x.parser.Parse(&raw); err != nil {
				row.Reason = "does not validate: " + err.Error()
			}
		}
		if row.Reason != "" {
			r.review = append(r.review, row)
		} else {
			r.findings = append(r.findings, row)
		}
	}
	sortRows(r.findings)
	sortRows(r.review)
	r.doc.Findings, r.doc.Review = len(r.findings), len(r.review)
	return r
}

// ToRaw is a row as the findings parser reads it: the contract's columns,
// provenance included, as findings.csv has them.
func ToRaw(r Row) findings.Raw {
	var raw findings.Raw
	copy(raw[:], r.Values())
	return raw
}

// clip keeps a quote within the contract's limit, cut at a word.
func clip(q string) string {
	if utf8.RuneCountInString(q) <= evidence.MaxQuote {
		return q
	}
	r := []rune(q)[:evidence.MaxQuote]
	s := string(r)
	if i := strings.LastIndexByte(s, ' '); i > len(s)/2 {
		s = s[:i]
	}
	return s
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
