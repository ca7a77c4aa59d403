package text

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// Doc is one document to read.
type Doc struct {
	File  string   // path as given (the file-name date rule reads its base name)
	Raw   []byte   // the file's bytes for .txt/.md/.html; nil when Pages is set
	Pages []string // text per page when the document is a PDF (a letter), else nil
}

// Result is what a document yields.
type Result struct {
	Kind       string   // "news", "letter", "other"
	Councils   []string // reference-list names found (the document's subject first)
	Date       string   // the document's own date, YYYY-MM-DD (or coarser), "" if none
	DateRule   string   // "printed", "html-metadata", "file-name", "reader-comments", "none"
	Source     string   // address (first line "Source: <address>", canonical link, og:url) or ""
	Title      string
	Candidates []evidence.Candidate
}

// Date rules, in the order they are tried (spec/documents.md), and the
// last resort this package adds for saved news pages.
const (
	RulePrinted        = "printed"
	RuleHTMLMetadata   = "html-metadata"
	RuleFileName       = "file-name"
	RuleAddress        = "source-address"
	RuleReaderComments = "reader-comments"
	RuleNone           = "none"
)

// Document kinds.
const (
	KindNews   = "news"
	KindLetter = "letter"
	KindOther  = "other"
)

// document is the working state of one Extract call.
type document struct {
	doc    Doc
	ref    *reference.List
	m      *matcher
	paras  []para
	lines  []string // a text file's lines as written (the printed date's search), cleaned of markup
	sents  []sent
	events map[string][]event
	// census is the one reference day an article gives its statistics
	// ("at 30 September 2017"); docScope the team an FOI answer is
	// about (its title: "child protection social workers").
	census   dates.Date
	docScope string
	foi      bool // an FOI answer (its first lines say so)
	// lastMeasure is the measure of the paragraph's last figure, which a
	// figure given without its name carries ("Peterborough's figure is
	// 23%").
	lastMeasure string
	// undatedCurrent marks councils whose current inspection the text
	// dates only in words the document's missing date would resolve.
	undatedCurrent map[string][]int // the months of those inspections, 0 when unnamed
	// undatedReinspection marks councils the text reports a
	// re-inspection of without dating it.
	undatedReinspection map[string]bool
	// visitDates holds the dates the article gives each council's visits
	// (key council + "\x1f" + kind); visitUndated the visits it reports
	// without one.
	visitDates    map[string][]dates.Date
	visitUndated  map[string]bool
	aboutVisit    *string // docVisitKind, once worked out
	subjectStrong *bool   // strongSubject, once worked out
	// visitLast is a letter's last day on site.
	visitLast dates.Date
	councils  []string // subject first
	title     string
	source    string
	// addrCouncil is the council the document's address names; addrHost
	// says the address is the council's own site (not a news site's slug).
	addrCouncil string
	addrHost    bool
	date        dates.Date
	dateRule    string
	dateFrom    string // the words or metadata the date came from
	kind        string
	// sourceType is the contract's source_type for what the document
	// itself states.
	sourceType string
	meta       htmlMeta
	// body is bodyText's, once made.
	body *string
}

// ErrEmpty is returned for a document with no text at all.
var ErrEmpty = errors.New("the document has no text")

// Extract reads one document and proposes its findings. Every candidate
// carries its quote and paragraph (or PDF page); a candidate the rules
// cannot complete (no council, no date the text supports) has Review set.
func Extract(ctx context.Context, doc Doc, ref *reference.List) (Result, error) {
	return ExtractWith(ctx, doc, ref, Options{})
}

// ExtractWith is Extract with options (Ofsted's record to read area grades
// against).
func ExtractWith(ctx context.Context, doc Doc, ref *reference.List, opts Options) (Result, error) {
	if ref == nil {
		ref = reference.Default()
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	d := &document{doc: doc, ref: ref, m: matcherFor(ref)}
	if err := d.read(); err != nil {
		return Result{}, fmt.Errorf("read %s: %w", doc.File, err)
	}
	d.findCouncils()
	d.findDate()
	res := Result{Kind: d.kind, Councils: d.councils, DateRule: d.dateRule, Source: d.source, Title: d.title}
	if !d.date.IsZero() {
		res.Date = d.date.String()
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	var cands []evidence.Candidate
	if d.kind == KindLetter {
		cands = d.letter()
	} else {
		cands = d.news()
	}
	cands = d.recordDates(cands, opts.Record)
	cands = areasByOverall(cands, opts.Record)
	cands = d.recordEarlier(cands, opts.Record)
	cands = d.recordAreas(cands, opts.Record)
	cands = d.recordEarlierAreas(cands, opts.Record)
	res.Candidates = tidy(cands)
	return res, nil
}

// matchers holds one name matcher per reference list: building one reads
// every name, and the pipeline calls Extract for many documents, possibly
// at once (a matcher is read-only once built).
var matchers = struct {
	sync.Mutex
	by map[*reference.List]*matcher
}{by: map[*reference.List]*matcher{}}

func matcherFor(ref *reference.List) *matcher {
	matchers.Lock()
	defer matchers.Unlock()
	m, ok := matchers.by[ref]
	if !ok {
		m = newMatcher(ref)
		matchers.by[ref] = m
	}
	return m
}

// read turns the document into paragraphs, its title and its source.
func (d *document) read() error {
	switch {
	case d.doc.Pages != nil:
		d.paras = pageParas(d.doc.Pages)
	case isHTML(d.doc.File, d.doc.Raw):
		ps, meta, err := htmlParas(d.doc.Raw)
		if err != nil {
			return err
		}
		d.paras, d.meta = ps, meta
		d.source = meta.URL
		d.title = meta.Title
	default:
		text := decode(d.doc.Raw)
		text, d.source = sourceLine(text)
		d.lines = rawLines(text)
		// A saved page's leading "date 2025-04-17" is the page's date (the
		// lines keep it for findDate), not words of its first sentence.
		if loc := reLeadingDateWord.FindStringIndex(text); loc != nil {
			text = text[loc[1]:]
		}
		d.paras = mendBreaks(splitParas(text, 0))
	}
	d.paras = dropPromos(d.paras)
	if len(d.paras) == 0 {
		return ErrEmpty
	}
	markTail(d.paras)
	if d.source != "" {
		d.addrCouncil, d.addrHost = d.m.addressCouncil(d.source)
	}
	if d.title == "" {
		for _, p := range d.paras {
			if p.Heading && !p.Tail && utf8.RuneCountInString(p.Text) >= 12 && !isDateLine(p.Text) && !addressLike(p.Text) {
				d.title = p.Text
				break
			}
		}
	}
	d.kind = KindNews
	if looksLikeLetterParas(d.paras) {
		d.kind = KindLetter
		d.sourceType = "ofsted"
		if t := letterHeading(d.paras); t != "" {
			d.title = t
		}
	} else if councilPaper(d.paras) {
		d.kind = KindOther
		d.sourceType = "council"
	} else {
		d.sourceType = "news"
	}
	return nil
}

// rePromo is a news site's link to another story set in the article
// ("Read more: Darlington council accused of ..."): not the article's
// title or words, and a council it names is not one the article is about.
var rePromo = regexp.MustCompile(`(?i)^(?:read\s+more|read\s+next|also\s+read|you\s+may\s+also\s+like|see\s+also|more\s+stories)\s*:\s*\S`)

// dropPromos leaves out the promo lines, renumbering the paragraphs.
func dropPromos(ps []para) []para {
	out := ps[:0]
	for _, p := range ps {
		if !rePromo.MatchString(p.Text) {
			out = append(out, p)
		}
	}
	for i := range out {
		out[i].N = i + 1
	}
	return out
}

var reSourceLine = regexp.MustCompile(`^\s*Source:\s*(\S+)\s*$`)

// sourceLine takes the "Source: <address>" first line off a text file.
func sourceLine(text string) (string, string) {
	first, rest, _ := strings.Cut(strings.TrimLeft(text, "\r\n\t "), "\n")
	if m := reSourceLine.FindStringSubmatch(strings.TrimRight(first, "\r")); m != nil {
		return rest, m[1]
	}
	return text, ""
}

func isHTML(file string, raw []byte) bool {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".html", ".htm", ".xhtml":
		return true
	case ".txt", ".md", ".text":
		return false
	}
	head := strings.ToLower(string(raw[:min(len(raw), 512)]))
	return strings.Contains(head, "<!doctype html") || strings.Contains(head, "<html")
}

// reCouncilPaper marks a committee report or briefing rather than an
// article: its findings are the council's own account.
var reCouncilPaper = regexp.MustCompile(`(?i)^(?:report\s+(?:to|of|for)\b|agenda\s+item\b|meeting\s+of\b|purpose\s+of\s+(?:the\s+)?report\b|briefing\s+(?:note|paper)\b|committee\s+report\b|cabinet\s+report\b|recommendations?\s+to\s+(?:members|cabinet|committee)\b)`)

func councilPaper(ps []para) bool {
	for i, p := range ps {
		if i >= 8 {
			break
		}
		if reCouncilPaper.MatchString(p.Text) {
			return true
		}
	}
	return false
}

// findCouncils lists the councils the document names, its subject first:
// the council its title (or a letter's heading) names, else the first one
// named in the text.
func (d *document) findCouncils() {
	count := map[string]int{}
	var order []string
	// A letter's letterhead and addressee block are not what it is about:
	// only its text from the greeting on counts.
	body := d.kind != KindLetter || !hasGreeting(d.paras)
	for _, p := range d.paras {
		if !body && strings.HasPrefix(p.Text, "Dear ") {
			body = true
		}
		if p.Tail || !body {
			continue
		}
		for _, m := range placesOut(p.Text, d.m.find(p.Text)) {
			if count[m.Council] == 0 {
				order = append(order, m.Council)
			}
			count[m.Council]++
		}
	}
	subject := ""
	titled := false
	if d.title != "" {
		if ms := d.m.find(d.title); len(ms) > 0 {
			subject, titled = ms[0].Council, true
		}
	}
	if subject == "" && len(order) > 0 {
		subject = order[0]
	}
	// A council's own page names itself "the council" and is at its
	// address; a news site's address names its subject in the slug, which
	// counts only when the text names no council. A council's page whose
	// title and opening name no council is its own news, whatever partner
	// it names further on.
	if d.addrCouncil != "" && (len(order) == 0 || (d.addrHost && (count[d.addrCouncil] > 0 || (!titled && !d.openingNames())))) {
		subject = d.addrCouncil
	}
	if d.kind == KindLetter {
		if c := d.letterCouncil(); c != "" {
			subject = c
		}
	}
	if subject == "" {
		return
	}
	d.councils = append(d.councils, subject)
	for _, c := range order {
		if c != subject {
			d.councils = append(d.councils, c)
		}
	}
}

// openingNames says the document's first paragraph of text names a
// council.
func (d *document) openingNames() bool {
	for _, p := range d.paras {
		if p.Tail || p.Text == d.title {
			continue
		}
		return len(placesOut(p.Text, d.m.find(p.Text))) > 0
	}
	return false
}

// relFactor discounts a date that rests on the document's own date when
// that date is itself inferred from reader comments.
func (d *document) relFactor() float64 {
	if d.dateRule == RuleReaderComments {
		return 0.9
	}
	return 1
}

// newCand starts a candidate stating measure=value from sentence s, quoting
// the words around [start, end).
func (d *document) newCand(s *sent, measure, value string, start, end int) evidence.Candidate {
	st := d.sourceType
	if s.Speaker && st == "news" {
		st = "council"
	}
	src := d.source
	if src == "" {
		src = d.title
	}
	pub := ""
	if !d.date.IsZero() {
		pub = d.date.String()
	}
	return evidence.Candidate{
		Measure: measure, Value: value, Source: src, SourceType: st, Published: pub,
		Page: s.P.where(), Quote: quote(s.Text, start, end),
	}
}

// startCand starts a candidate for measure=value at [start, end) of s,
// with the council the words belong to and base confidence discounted by
// how that council was found. ok is false when the council cannot be told
// (none named, several, or the words are about England or a region): the
// candidate then carries the reason in Review and its note begins with
// what, and the caller adds it as it is.
func (d *document) startCand(s *sent, measure, value string, start, end int, base float64, what string) (c evidence.Candidate, ok bool) {
	council, how, why := s.councilFor(start)
	c = d.newCand(s, measure, value, start, end)
	c.Confidence = base * how.factor()
	if council != "" && s.borrowedCouncil(start) {
		council, why = "", "the sentence is about England, a region or councils in general, not the council the text is about"
	}
	if council == "" {
		c.Review, c.Note = why, what+"; "+why
		return c, false
	}
	c.Council = council
	return c, true
}

// listedCand starts a candidate as startCand does, given to council when a
// list in the sentence names it ("" for the council the sentence is about),
// with what its council rests on.
func (d *document) listedCand(s *sent, measure, value string, start, end int, base float64, what, council string) (c evidence.Candidate, cb councilBasis, ok bool) {
	c, ok = d.startCand(s, measure, value, start, end, base, what)
	_, how, _ := s.councilFor(start)
	cb = basisOf(s, how, start)
	if council != "" {
		c.Council, c.Review, c.Note, ok = council, "", "", true
		c.Confidence = base
		cb = cbListed
	}
	if d.kind == KindLetter {
		cb = cbLetter
	}
	return c, cb, ok
}

// quote is the sentence, or the run of whole words around [start, end)
// that fits the contract's 300 characters; always the document's words.
func quote(t string, start, end int) string {
	start, end = max(0, min(start, len(t))), max(0, min(end, len(t)))
	if end < start {
		end = start
	}
	if utf8.RuneCountInString(t) <= evidence.MaxQuote {
		return t
	}
	// Grow a window around the match word by word.
	lo, hi := start, end
	for {
		grown := false
		if lo > 0 {
			nlo := strings.LastIndexByte(t[:lo-1], ' ') + 1
			if utf8.RuneCountInString(t[nlo:hi]) <= evidence.MaxQuote {
				lo, grown = nlo, true
			}
		}
		if hi < len(t) {
			nhi := strings.IndexByte(t[hi+1:], ' ')
			if nhi < 0 {
				nhi = len(t)
			} else {
				nhi += hi + 1
			}
			if utf8.RuneCountInString(t[lo:nhi]) <= evidence.MaxQuote {
				hi, grown = nhi, true
			}
		}
		if !grown {
			break
		}
	}
	q := strings.TrimSpace(t[lo:hi])
	for utf8.RuneCountInString(q) > evidence.MaxQuote {
		_, size := utf8.DecodeLastRuneInString(q)
		q = q[:len(q)-size]
	}
	return q
}

// tidy merges duplicates: the same finding stated twice (a headline and
// its paragraph) is kept once, at its first statement; one dated by a
// year only gives way to the same finding dated within that year; a review candidate
// that repeats a finding already made (the same council, measure, value,
// area, scope and qualifier, undated or dated within or after its period)
// is dropped, since the analyst has it already; one dated before every
// time it is made (an earlier inspection's same grade) is another fact
// and stays.
func tidy(cs []evidence.Candidate) []evidence.Candidate {
	key := func(c evidence.Candidate, withDate bool) string {
		k := strings.Join([]string{c.Council, c.Measure, strings.ToLower(c.Value), c.Area, c.Scope, c.Qualifier, c.Polarity}, "\x1f")
		if withDate {
			k += "\x1f" + c.Date
		}
		return k
	}
	seen := map[string]int{}
	made := map[string][]string{} // the dates each finding is made at
	for _, c := range cs {
		if c.Review == "" && c.Council != "" {
			made[key(c, false)] = append(made[key(c, false)], c.Date)
		}
	}
	// madeAt: the finding is made at the review row's time or after
	// an earlier one; a review row dated before every time it is made is
	// an earlier inspection's same grade ("re-awarded the top rating it
	// had in 2015 and 2019").
	madeAt := func(c evidence.Candidate) bool {
		ds := made[key(c, false)]
		if len(ds) == 0 {
			return false
		}
		for _, d := range ds {
			if c.Date == "" || strings.HasPrefix(d, c.Date) || strings.HasPrefix(c.Date, d) || c.Date > d {
				return true
			}
		}
		return false
	}
	// The same fact stated with its month elsewhere ("rated inadequate in
	// 2017" beside "handed its lowest rating in April 2017"): the year
	// alone is the coarser statement of it, and is dropped.
	finer := map[string]bool{}
	for _, c := range cs {
		if c.Council != "" && len(c.Date) > 4 {
			finer[key(c, false)+"\x1f"+c.Date[:4]] = true
		}
	}
	var out []evidence.Candidate
	for _, c := range cs {
		if c.Review != "" && c.Council != "" && madeAt(c) {
			continue
		}
		if len(c.Date) == 4 && finer[key(c, false)+"\x1f"+c.Date] {
			continue
		}
		k := key(c, true) + "\x1f" + c.Review
		if i, ok := seen[k]; ok {
			if c.Confidence > out[i].Confidence {
				out[i].Confidence = c.Confidence
			}
			continue
		}
		seen[k] = len(out)
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Page < out[j].Page })
	return out
}

// ReviewBelow is the confidence under which this package means a candidate
// for an analyst's review rather than for findings. Confidences are set so
// that what the rules complete (a grade, visit or figure with its council
// and a date the text supports, an item of a letter's improvement or
// strengths list) is at or above it, and judgement calls (themes read from
// prose) are below it. It is the findings contract's own cut, so the
// pipeline and the parser agree.
const ReviewBelow = findings.ReviewConfidence

// reLeadingDateWord is "date 2025-04-17" opening a text.
var reLeadingDateWord = regexp.MustCompile(`^\s*(?i:date)\s*:?\s*(?:19|20)\d{2}-\d{2}-\d{2}\b[ \t]*`)
