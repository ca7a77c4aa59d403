package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/oversight/oversight/analysis/extract/pdftext"
	"github.com/oversight/oversight/analysis/extract/report"
	"github.com/oversight/oversight/analysis/extract/text"
)

// Reading a PDF within its budget: its pages' text counted against the
// budget, a stop by the engine or a budget made a row saying which, and an
// Ofsted report's findings made from what report.Parse read.

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
