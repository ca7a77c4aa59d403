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
	budget    Budget
	// textSlots bounds the text readers running at once, those abandoned
	// past their document's time included (Run's, shared by its workers).
	textSlots chan struct{}
}

func rejected(d Document, kind, reason string) docResult {
	d.Kind, d.Status, d.Reason = kind, StatusRejected, oneLine(reason)
	return docResult{doc: d}
}

// overResult is a document rejected for going over its budget: remembered
// with the budget, so a larger one reads it again.
func overResult(d Document, kind string, o *overBudget, b Budget) docResult {
	r := rejected(d, kind, o.reason)
	r.over, r.limit = o.dim, b.limit(o.dim)
	return r
}

// document reads one file: from the registry when it has been read before,
// else by its kind.
func (x *extractor) document(ctx context.Context, it item) (r docResult) {
	if it.row != nil {
		return docResult{doc: *it.row}
	}
	path := it.path
	d := Document{File: path, Extractor: Version}
	defer func() {
		// A reader that fails on a document is a bug to fix; the run goes
		// on without it.
		if p := recover(); p != nil {
			r = rejected(d, "unreadable", fmt.Sprintf("the reader failed on this file (a bug; please report it): %v", p))
			r.read = true
		}
	}()
	info, err := os.Stat(path)
	if err != nil {
		return rejected(d, "unreadable", "cannot read the file: "+pathErr(err))
	}
	d.Bytes = info.Size()
	if e, ok := x.reg.unchanged(path, info.Size(), info.ModTime()); ok && x.reusable(e) {
		return fromRegistry(e, path, info)
	}
	if info.Size() > x.budget.FileBytes {
		return overResult(d, "unreadable", x.budget.overFile(info.Size()), x.budget)
	}
	data, sum, err := readFile(path, x.budget.FileBytes)
	switch {
	case errors.Is(err, errTooBig):
		return overResult(d, "unreadable", x.budget.overFile(x.budget.FileBytes+1), x.budget)
	case err != nil:
		return rejected(d, "unreadable", "cannot read the file: "+pathErr(err))
	}
	if e, ok := x.reg.bySHA[sum]; ok && x.reusable(e) {
		r := fromRegistry(e, path, info)
		r.read = true
		return r
	}
	d.SHA256, d.New = sum, true
	r = x.read(ctx, d, data)
	r.size, r.modTime, r.read = info.Size(), info.ModTime(), true
	return r
}

// reusable reports whether a registry entry's verdict stands under this
// run's budget: one made over a smaller budget is not (the document is
// read again).
func (x *extractor) reusable(e entry) bool {
	return e.Over == "" || x.budget.limit(e.Over) <= e.Limit
}

// fromRegistry gives the rows recorded when the document was read, under
// the path it has now.
func fromRegistry(e entry, path string, info os.FileInfo) docResult {
	d := e.Doc
	d.File, d.Bytes = path, info.Size()
	r := docResult{doc: d, size: info.Size(), modTime: info.ModTime(), over: e.Over, limit: e.Limit}
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
	if len(data) == 0 {
		return rejected(d, "unreadable", "the file is empty (0 bytes): download it again")
	}
	if pdftext.IsPDF(data) {
		return x.readPDF(ctx, d, data)
	}
	textLike := ext == ".txt" || ext == ".md" || ext == ".text" || ext == ".htm" || ext == ".html" || ext == ""
	if !textLike && ext != ".pdf" {
		return rejected(d, "other", fmt.Sprintf("not a PDF, HTML or text file (%s): extraction reads Ofsted reports and letters (PDF) and articles (HTML, text)", kindOfExt(ext)))
	}
	dec, err := decodeText(data)
	if err != nil {
		if ext == ".pdf" {
			return rejected(d, "unreadable", "named .pdf but it is not a PDF (no %PDF header): download it again")
		}
		if ext == "" {
			return rejected(d, "other", "not a PDF, HTML or text file (no extension): "+err.Error())
		}
		return rejected(d, "text", "cannot be read as text: it is "+err.Error())
	}
	switch {
	case looksHTML(dec.text):
		if ext == ".pdf" {
			title := "untitled"
			if m := htmlTitleRE.FindSubmatch(dec.text); m != nil {
				title = clipText(strings.Join(strings.Fields(string(m[1])), " "), 120)
			}
			return rejected(d, "html", fmt.Sprintf("named .pdf but it is a web page titled %q, not a PDF (a web site's error page saved as .pdf?): download the report again", title))
		}
		return x.readText(ctx, d, dec, "html")
	case ext == ".pdf":
		return rejected(d, "unreadable", "named .pdf but it is not a PDF (no %PDF header): download it again")
	}
	return x.readText(ctx, d, dec, "text")
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

// pdfFailure is the row for a PDF the engine or a budget stopped, or false
// when err is none of those.
func (x *extractor) pdfFailure(ctx context.Context, d Document, kind string, err error) (docResult, bool) {
	b := x.budget
	switch {
	case errors.Is(err, pdftext.ErrEngine):
		return docResult{doc: d, fatal: err}, true
	case ctx.Err() != nil:
		return docResult{doc: d, fatal: ctx.Err()}, true
	case errors.Is(err, pdftext.ErrBusy):
		r := rejected(d, kind, "not read this time: "+err.Error()+"; it is read again next run")
		r.transient = true
		return r, true
	case errors.Is(err, pdftext.ErrTime), errors.Is(err, context.DeadlineExceeded):
		return overResult(d, kind, b.overTime(), b), true
	case errors.Is(err, pdftext.ErrMemory):
		return overResult(d, kind, b.overMemory("reading the PDF needs"), b), true
	case errors.Is(err, errTextBudget):
		return overResult(d, kind, b.overText(), b), true
	}
	return docResult{}, false
}

// errTextBudget is a PDF's pages holding more text than the budget.
var errTextBudget = errors.New("over the text budget")

// budgetPages reads a PDF's pages for the report reader, stopping when
// their text passes the budget.
type budgetPages struct {
	doc  *pdftext.Doc
	max  int
	read map[int]bool
	text int
}

func (b *budgetPages) NumPages() int { return b.doc.NumPages() }

func (b *budgetPages) Page(ctx context.Context, n int) (*pdftext.Page, error) {
	p, err := b.doc.Page(ctx, n)
	if err != nil || b.read[n] {
		return p, err
	}
	b.read[n] = true
	for _, l := range p.Lines {
		for _, s := range l.Spans {
			b.text += utf8.RuneCountInString(s.Text) + 1
		}
	}
	if b.text > b.max {
		return nil, errTextBudget
	}
	return p, nil
}

func (x *extractor) readPDF(ctx context.Context, d Document, data []byte) docResult {
	d.Kind = "pdf"
	// Compiling PDFium is no document's time.
	if err := x.pdf.Start(ctx); err != nil {
		if ctx.Err() != nil {
			return docResult{doc: d, fatal: ctx.Err()}
		}
		return docResult{doc: d, fatal: err}
	}
	doc, err := x.pdf.Open(ctx, data, pdftext.Limits{Memory: int64(x.budget.MemoryMiB) << 20, Time: x.budget.Time})
	if r, ok := x.pdfFailure(ctx, d, "pdf", err); ok {
		return r
	}
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
	if d.Pages > x.budget.Pages {
		return overResult(d, "pdf", x.budget.overPages(d.Pages), x.budget)
	}
	dctx, cancel := context.WithDeadline(ctx, doc.Deadline())
	defer cancel()
	src := &budgetPages{doc: doc, max: x.budget.Text, read: map[int]bool{}}
	// A scan has no text layer: look at the first pages before anything.
	for n := 1; n <= min(3, d.Pages); n++ {
		if _, err := src.Page(dctx, n); err != nil {
			if r, ok := x.pdfFailure(ctx, d, "pdf", err); ok {
				return r
			}
			return rejected(d, "pdf", fmt.Sprintf("could not read page %d: %v", n, err))
		}
		if doc.Chars() > 0 {
			break
		}
	}
	if doc.Chars() == 0 {
		return rejected(d, "pdf", "image-only PDF: its pages are pictures with no text layer (a scan); run OCR on it and add the result")
	}
	rep, err := report.Parse(dctx, src, d.File, x.ref)
	if errors.Is(err, report.ErrNotReport) {
		var pages []string
		for n := 1; n <= d.Pages; n++ {
			p, err := src.Page(dctx, n)
			if err != nil {
				if r, ok := x.pdfFailure(ctx, d, "pdf", err); ok {
					return r
				}
				return rejected(d, "pdf", fmt.Sprintf("could not read the PDF: %v", err))
			}
			pages = append(pages, p.Text())
		}
		d.PagesRead = len(pages)
		return x.extractText(ctx, dctx, d, text.Doc{File: d.File, Pages: pages}, "pdf", nil)
	}
	if err != nil {
		if r, ok := x.pdfFailure(ctx, d, "report", err); ok {
			return r
		}
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

// errNested is x/net/html refusing a page nested too deep.
const errNested = "open stack of elements exceeds"

// readText reads a news article, council page or letter saved as HTML or
// text, within the budget: its text and (HTML) its nodes are counted
// before any reader parses it.
func (x *extractor) readText(ctx context.Context, d Document, dec decoded, kind string) docResult {
	b := x.budget
	if kind == "html" {
		if nodes, text, over := htmlCost(dec.text, b.htmlNodes(), b.Text); over {
			if text > b.Text {
				return overResult(d, kind, b.overText(), b)
			}
			return overResult(d, kind, b.overMemory(fmt.Sprintf("the page has more than %s elements and pieces of text (%s seen), which need", thousands(int64(b.htmlNodes())), thousands(int64(nodes)))), b)
		}
	} else if utf8.RuneCount(dec.text) > b.Text {
		return overResult(d, kind, b.overText(), b)
	}
	return x.extractText(ctx, nil, d, text.Doc{File: d.File, Raw: dec.text}, kind, dec.notices)
}

// extractText runs the text reader on a document within its time: dctx
// (a PDF's, whose time began when it was opened), or, when nil, a time
// that begins when a text reader is free. The reader cannot be stopped
// mid-way, so one past its time is left to finish on its own, holding its
// slot: at most as many run at once as the run has workers, and the text
// budget bounds how long each takes.
func (x *extractor) extractText(ctx, dctx context.Context, d Document, doc text.Doc, kind string, notices []string) docResult {
	select {
	case x.textSlots <- struct{}{}:
	case <-ctx.Done():
		return docResult{doc: d, fatal: ctx.Err()}
	}
	if dctx == nil {
		var cancel context.CancelFunc
		dctx, cancel = context.WithTimeout(ctx, x.budget.Time)
		defer cancel()
	}
	type result struct {
		res text.Result
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() { <-x.textSlots }()
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: fmt.Errorf("the text reader failed on it (a bug; please report it): %v", p)}
			}
		}()
		res, err := text.Extract(ctx, doc, x.ref)
		done <- result{res, err}
	}()
	var got result
	select {
	case got = <-done:
	case <-dctx.Done():
		if ctx.Err() != nil {
			return docResult{doc: d, fatal: ctx.Err()}
		}
		return overResult(d, kind, x.budget.overTime(), x.budget)
	}
	res, err := got.res, got.err
	if err != nil {
		msg := err.Error()
		// The reader names the file; the row does already.
		msg = strings.TrimPrefix(msg, "read "+d.File+": ")
		if strings.Contains(msg, errNested) {
			return rejected(d, kind, "the page nests elements more than 512 deep, which no HTML reader takes (an HTML bomb?)")
		}
		return rejected(d, kind, "could not read the text: "+msg)
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
	var reasons []string
	switch {
	case len(res.Councils) == 0:
		d.Status = StatusRejected
		reasons = append(reasons, "no council named in the text")
	case res.Date == "":
		reasons = append(reasons, "no date of its own (printed, in the page's metadata or in the file name): findings that need one are in review.csv")
	}
	d.Reason = strings.Join(append(reasons, notices...), "; ")
	return x.split(d, res.Candidates)
}

// split validates each candidate and sends it to findings or review.
func (x *extractor) split(d Document, cands []evidence.Candidate) docResult {
	if x.parser == nil {
		x.parser = findings.NewParser(x.ref)
	}
	d = boundDocument(d)
	r := docResult{doc: d}
	for _, c := range cands {
		c = boundCandidate(c)
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
		row.Reason = cell(row.Reason, maxCell)
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

// maxCell is the most characters of a text cell extraction writes (a
// source, a note, a reason), far within a spreadsheet's 32,767: a title
// or address longer than this is not one.
const maxCell = 500

// boundCandidate makes every cell of a candidate valid UTF-8 without
// control characters, within its size: the quote within the contract's
// limit, cut at a word, the other text within maxCell.
func boundCandidate(c evidence.Candidate) evidence.Candidate {
	c.Quote = clip(cleanCell(c.Quote))
	for _, f := range []*string{&c.Council, &c.Date, &c.Published, &c.Measure, &c.Value, &c.Area, &c.Scope,
		&c.Qualifier, &c.Polarity, &c.Source, &c.SourceType, &c.Note, &c.Review} {
		*f = cell(*f, maxCell)
	}
	return c
}

// boundDocument does the same for a document's row; its reason is one line.
func boundDocument(d Document) Document {
	for _, f := range []*string{&d.Council, &d.Framework, &d.Published, &d.PublishedRule, &d.LeadInspector,
		&d.Judgements, &d.InspectionStart, &d.InspectionEnd} {
		*f = cell(*f, maxCell)
	}
	d.Reason = oneLine(d.Reason)
	return d
}

// cell is s as valid UTF-8 without control characters, cut to at most n
// characters at a word.
func cell(s string, n int) string {
	return clipText(cleanCell(s), n)
}

// cleanCell makes s valid UTF-8 and turns control characters (but tab
// and line breaks) and the non-characters U+FFFE and U+FFFF into spaces:
// what the findings contract refuses.
func cleanCell(s string) string {
	clean := utf8.ValidString(s)
	for i := 0; clean && i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f || c == 0xEF {
			clean = false
		}
	}
	if clean {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f || r == 0xFFFE || r == 0xFFFF {
			return ' '
		}
		return r
	}, s)
}

// oneLine is a reason on one line, within maxCell characters.
func oneLine(s string) string {
	if strings.ContainsAny(s, "\r\n") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return cell(s, maxCell)
}

// clip keeps a quote within the contract's limit, cut at a word.
func clip(q string) string { return clipText(q, evidence.MaxQuote) }

// clipText cuts s to at most n characters, at a word when one ends in its
// second half.
func clipText(s string, n int) string {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s
	}
	k := 0
	for i := range s {
		if k == n {
			s = s[:i]
			break
		}
		k++
	}
	if i := strings.LastIndexByte(s, ' '); i > len(s)/2 {
		return s[:i]
	}
	return s
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
