package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/extract/pdftext"
	"github.com/oversight/oversight/analysis/extract/text"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/inspections"
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
	// record checks the text reader's grades; nil: no check.
	record *inspections.Record
	// dateByRecord: Options.DateByRecord (with a record).
	dateByRecord bool
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
	if textRead(e) && e.Record != x.recordID() {
		// Read by the text reader under another record check (or none,
		// or before the check): its grades' verdicts may differ.
		return false
	}
	return e.Over == "" || x.budget.limit(e.Over) <= e.Limit
}

// recordOff is the registry's word for a run without the record check.
const recordOff = "off"

// recordDated marks, after the record's ID, a text read with
// Options.DateByRecord.
const recordDated = "+dated"

// recordAreas marks, after the record's ID, a text read with the record
// reading area grades (analysis/extract/text recordAreas): rows read
// before it lack them.
const recordAreas = "+areas"

func (x *extractor) recordID() string {
	if x.record == nil {
		return recordOff
	}
	if x.dateByRecord {
		// Dating by the record changes rows too: a run with it and one
		// without do not share a registry entry's rows.
		return x.record.ID() + recordAreas + recordDated
	}
	return x.record.ID() + recordAreas
}

// textRead says the entry's rows came from the text reader: it names the
// record check, or (an entry written before the check) its kind is one
// only the text reader gives and it was read.
func textRead(e entry) bool {
	if e.Record != "" {
		return true
	}
	switch e.Doc.Kind {
	case "news", "letter", "other", "pdf":
		return e.Doc.Status == StatusOK
	}
	return false
}

// fromRegistry gives the rows recorded when the document was read, under
// the path it has now.
func fromRegistry(e entry, path string, info os.FileInfo) docResult {
	d := e.Doc
	d.File, d.Bytes = path, info.Size()
	r := docResult{doc: d, size: info.Size(), modTime: info.ModTime(), over: e.Over, limit: e.Limit, record: e.Record}
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
		var opts text.Options
		if x.record != nil {
			opts.Record = textRecord{x.record}
		}
		res, err := text.ExtractWith(ctx, doc, x.ref, opts)
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
	if x.record != nil {
		for i := range res.Candidates {
			CheckRecord(x.record, &res.Candidates[i], x.dateByRecord)
		}
	}
	r := x.split(d, res.Candidates)
	r.record = x.recordID()
	return r
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
