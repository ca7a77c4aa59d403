// Package evidence holds what every extractor produces: candidate findings in
// the findings contract (spec/findings.md v2), each with the words that state
// it, so an analyst can check any figure against its document. It is a leaf
// package so the PDF report reader, the text reader (news, letters) and the
// extraction pipeline can share it without import cycles.
package evidence

// Candidate is one finding an extractor proposes. Its fields are the contract's
// columns as text, exactly as they will be written to findings.csv or
// review.csv; the pipeline validates every candidate with the same parser that
// reads findings files before writing it.
type Candidate struct {
	Council string // the reference list's name for the council
	Date    string // YYYY-MM-DD, YYYY-MM or YYYY: the precision the text supports
	// Published is the day the document made the finding public (spec
	// v3): the report's publication day, the article's or letter's date;
	// blank when the document gives none.
	Published  string
	Measure    string
	Value      string
	Area       string
	Scope      string
	Qualifier  string
	Polarity   string
	Source     string // address or report title
	SourceType string // ofsted, news, council, statistics
	Note       string // the extractor's own words, never copied from the document
	// Page is the PDF page (1-based) or, for text and HTML, the paragraph
	// number (1-based) holding Quote.
	Page int
	// Quote is the document's own words stating the finding, verbatim but
	// with runs of white space folded to one space, at most 300 characters.
	Quote string
	// Confidence is the extractor's estimate, 0 to 1.
	Confidence float64
	// Review, when not empty, says why a person must look at this candidate
	// whatever its confidence (no date the text supports, no council, ...).
	// Such candidates go to review.csv, never to findings.csv.
	Review string
}

// MaxQuote is the contract's limit on a quote's length, in characters.
const MaxQuote = 300

// HeldConfidence is the confidence of a candidate held back for review:
// under the cut, whatever the rules' base.
const HeldConfidence = 0.5

// Hold sends c to review with the reason, unless it is already there (the
// first reason stands).
func (c *Candidate) Hold(why string) {
	if why == "" || c.Review != "" {
		return
	}
	c.Review = why
	if c.Confidence > HeldConfidence {
		c.Confidence = HeldConfidence
	}
	if c.Note != "" {
		c.Note += "; held for review: " + why
	}
}
