package report

import (
	"context"
	"math"
	"regexp"
	"strings"
	"unicode"

	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/extract/pdftext"
)

// Source gives a report's pages, read when first asked for (pdftext.Doc).
type Source interface {
	NumPages() int
	Page(ctx context.Context, n int) (*pdftext.Page, error)
}

// DocumentSource is a Source over pages already read.
type DocumentSource struct{ Doc *pdftext.Document }

func (d DocumentSource) NumPages() int { return len(d.Doc.Pages) }

func (d DocumentSource) Page(_ context.Context, n int) (*pdftext.Page, error) {
	return &d.Doc.Pages[n-1], nil
}

// line is one line of the body text (page furniture removed) with where it is.
type line struct {
	page  int
	text  string // spans joined by one space
	low   string // text lower-cased, quotes straightened, spaces folded
	spans []pdftext.Span
	x0    float64
	x1    float64
	top   float64
	bot   float64
	gap   float64 // vertical gap above the line on its page (0 on a page's first line)

	pageHeight float64
}

func (l *line) height() float64 { return l.bot - l.top }

// furniture reports whether a line is a running header or footer: text in
// the top 6% or bottom 8% of the page (page numbers, the report's title and
// dates repeated on every page, copyright lines). Body text and tables stay
// well inside those margins in every layout seen (docs/extraction.md).
func furniture(p *pdftext.Page, l *pdftext.Line) bool {
	return l.Top < 0.06*p.Height || l.Top > 0.92*p.Height
}

// footnoteStartRE is a footnote's number, alone or before its text.
var footnoteStartRE = regexp.MustCompile(`^\d{1,2}(?:\s|$)`)

// bodyLines turns a page into body lines in reading order, without running
// headers and footers, and without the footnotes at the bottom of the page:
// a numbered line in the bottom third after a wide gap, and what follows
// it below.
func bodyLines(p *pdftext.Page) []line {
	var out []line
	prevBot := -1.0
	notesFrom := math.Inf(1)
	for i := range p.Lines {
		pl := &p.Lines[i]
		if furniture(p, pl) {
			continue
		}
		if pl.Top >= notesFrom-2 {
			continue
		}
		if prevBot >= 0 && pl.Top > 0.66*p.Height && pl.Top-prevBot > 30 && len(pl.Spans) > 0 && footnoteStartRE.MatchString(pl.Spans[0].Text) {
			notesFrom = pl.Top
			continue
		}
		parts := make([]string, len(pl.Spans))
		for j, s := range pl.Spans {
			parts[j] = s.Text
		}
		text := strings.Join(parts, " ")
		l := line{page: p.Number, text: text, low: normalise(text), spans: pl.Spans,
			x0: pl.X0, x1: pl.X1, top: pl.Top, bot: pl.Bottom, pageHeight: p.Height}
		if prevBot >= 0 {
			l.gap = pl.Top - prevBot
		}
		prevBot = pl.Bottom
		out = append(out, l)
	}
	return out
}

// normalise lower-cases, straightens quotes and dashes and folds spaces, so
// patterns can be written plainly.
func normalise(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch r {
		case '\u2018', '\u2019', '\u02bc', '`':
			r = '\''
		case '\u201c', '\u201d':
			r = '"'
		case '\u2013', '\u2014', '\u2012', '\u2212':
			r = '-'
		}
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// quote makes a contract quote from the document's words: white space
// folded, at most evidence.MaxQuote characters, cut at a word so what is
// kept is still verbatim.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= evidence.MaxQuote {
		return s
	}
	cut := string(r[:evidence.MaxQuote])
	if i := strings.LastIndexByte(cut, ' '); i > evidence.MaxQuote/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:")
}
