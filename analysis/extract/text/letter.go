package text

import (
	"regexp"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/extract/evidence"
	"github.com/oversight/oversight/analysis/extract/themes"
)

var (
	reGreeting    = regexp.MustCompile(`(?m)^\s*Dear\s+\S`)
	reVisitPhrase = regexp.MustCompile(`(?i)\b(?:focused|focussed|monitoring)\s+visit\b|\bjoint\s+targeted\s+area\s+inspection\b`)
	reLetterSays  = regexp.MustCompile(`(?i)\bthis\s+letter\s+summarises\b|\byours\s+sincerely\b`)
	// A letter's heading: "Focused visit to ...", "Monitoring visit to
	// ...", "Joint targeted area inspection of ...".
	reLetterHeading = regexp.MustCompile(`(?i)^(?:(focused|focussed|monitoring)\s+visit\s+(?:to|of|at)\b|(joint\s+targeted\s+area\s+inspection)\b)`)
	reSummarises    = regexp.MustCompile(`(?i)\bfindings\s+of\s+(?:a|the|an)\s+(?:(focused|focussed|monitoring)\s+visit|(joint\s+targeted\s+area\s+inspection))`)
)

// LooksLikeLetter reports whether PDF page text is an Ofsted visit letter
// (focused visit, monitoring visit, JTAI) rather than an inspection report:
// its first page greets someone ("Dear ...") and names the visit, or it
// says it is a letter ("This letter summarises", "Yours sincerely") and
// names the visit on its first page.
func LooksLikeLetter(pages []string) bool {
	if len(pages) == 0 {
		return false
	}
	first := pages[0]
	if len(pages) > 1 {
		first += "\n" + pages[1] // a letterhead can push the greeting over
	}
	if !reVisitPhrase.MatchString(pages[0]) {
		return false
	}
	return reGreeting.MatchString(first) || reLetterSays.MatchString(strings.Join(pages, "\n"))
}

// looksLikeLetterParas is LooksLikeLetter for a text file's paragraphs.
func looksLikeLetterParas(ps []para) bool {
	var head []string
	for i, p := range ps {
		if i >= 25 {
			break
		}
		head = append(head, p.Text)
	}
	h := strings.Join(head, "\n")
	return reVisitPhrase.MatchString(h) && (reGreeting.MatchString(h) || reLetterSays.MatchString(h))
}

// letterHeading is the line that names the visit.
func letterHeading(ps []para) string {
	for i, p := range ps {
		if i >= 30 {
			break
		}
		if reLetterHeading.MatchString(p.Text) && len(p.Text) < 250 {
			return p.Text
		}
	}
	return ""
}

// letterCouncil is the council a letter is about: the one its heading
// names, else the addressee's (the block before "Dear"), else the first
// one in its text.
func (d *document) letterCouncil() string {
	if h := letterHeading(d.paras); h != "" {
		if ms := d.m.find(h); len(ms) > 0 {
			return ms[0].Council
		}
	}
	for _, p := range d.paras {
		if strings.HasPrefix(p.Text, "Dear ") {
			break
		}
		if ms := d.m.find(p.Text); len(ms) > 0 {
			return ms[0].Council
		}
	}
	return ""
}

// Section headings that say what a letter's items are.
var (
	reWeakSection   = regexp.MustCompile(`(?i)^(?:what\s+needs\s+to\s+(?:improve|be\s+improved)|areas?\s+(?:for|of)\s+(?:improvement|development|priority\s+action)|areas?\s+(?:that\s+|which\s+)?(?:require|requiring|need|needing)\s+(?:improvement|priority\s+action|to\s+improve)|priority\s+actions?|what\s+the\s+local\s+authority\s+needs\s+to\s+(?:do|improve)|recommendations?)\b`)
	reStrongSection = regexp.MustCompile(`(?i)^(?:strengths?|areas?\s+of\s+strength|what\s+is\s+working\s+well|what\s+works\s+well|good\s+practice)\b`)
	reIntroLine     = regexp.MustCompile(`(?i)\b(?:the\s+following|as\s+follows|needs\s+to\s+(?:take\s+action|address)|should\s+(?:address|consider))\b[^.]*:\s*$`)
	reVisitDays     = regexp.MustCompile(`(?i)\bon\s+(\d{1,2}(?:\s*(?:and|to|-|–|&)\s*\d{1,2})?\s+` + monthRE + `\s+(?:19|20)\d{2})`)
)

// reAboutSection heads a part that says what was looked at, not what was
// found.
var reAboutSection = regexp.MustCompile(`(?i)^(?:areas?\s+covered|scope\s+of\s+the\s+(?:visit|inspection)|context|background|introduction|about\s+this\s+(?:visit|letter|inspection)|the\s+inspection|what\s+inspectors\s+(?:looked|considered))\b`)

type section int

const (
	secNone section = iota
	secWeak
	secStrong
	secAbout // what the visit looked at: no themes
)

// letter extracts the visit and its themes: the items under "What needs
// to improve" (or "Areas for improvement", "Areas for priority action")
// are weaknesses and those under "Strengths" strengths, each labelled on
// the shared vocabulary; the rest of the letter's prose is read sentence by
// sentence as news is, with a lower confidence (a judgement call).
func (d *document) letter() []evidence.Candidate {
	d.buildSents()
	council := ""
	if len(d.councils) > 0 {
		council = d.councils[0]
	}
	// Every sentence of a letter is about the council it is addressed to.
	for i := range d.sents {
		d.sents[i].Council, d.sents[i].How = council, councilNamed
		if council == "" {
			d.sents[i].How = councilNone
		}
		d.sents[i].Speaker = false
	}
	d.collectEvents()
	var out []evidence.Candidate
	if c, ok := d.letterVisit(council); ok {
		out = append(out, c)
	}
	if council == "" {
		return out
	}
	// A letter states grades ("judged inadequate in January 2019") and
	// workforce figures as an article does.
	for i := range d.sents {
		s := &d.sents[i]
		anch := anchors(s)
		out = append(out, d.grades(s, anch)...)
		out = append(out, d.figures(s, anch)...)
	}
	// Themes come from the letter's sections: not from its head, nor from
	// the lines between the greeting and the first section heading, which
	// say what the inspectors looked at.
	sec := secNone
	started := false
	var listed *para
	for i := range d.sents {
		s := &d.sents[i]
		p := s.P
		if !started {
			if p.Heading && s.Text == p.Text && !reLetterHeading.MatchString(p.Text) && i > 0 && d.afterGreeting(p) {
				started = true
			} else {
				continue
			}
		}
		if p.Heading && s.Text == p.Text {
			if runningHeader(p.Text) {
				continue // a page's header does not end a list
			}
			switch {
			case reWeakSection.MatchString(p.Text):
				sec = secWeak
			case reStrongSection.MatchString(p.Text):
				sec = secStrong
			case reAboutSection.MatchString(p.Text):
				sec = secAbout
			default:
				sec = secNone
			}
			continue
		}
		if reLetterHeading.MatchString(s.Text) || reIntroLine.MatchString(s.Text) || strings.HasPrefix(s.Text, "Yours sincerely") {
			continue
		}
		switch sec {
		case secAbout:
		case secWeak, secStrong:
			// An item is labelled once, as a whole.
			if listed != p {
				listed = p
				item := *s
				item.Text = p.Text
				out = append(out, d.listThemes(&item, sec)...)
			}
		default:
			out = append(out, d.themeCands(s, 0, 0.55, "")...)
		}
	}
	for i := range out {
		if out[i].Measure == "theme" && out[i].Date == "" && out[i].Review == "" {
			out[i].Review = "the letter has no date"
		}
	}
	return out
}

var reTrailingPageNo = regexp.MustCompile(`\s\d{1,3}$`)

// runningHeader reports a page header: the letter's heading repeated, or
// its date with the page number.
func runningHeader(s string) bool {
	if reLetterHeading.MatchString(s) {
		return true
	}
	return isDateLine(reTrailingPageNo.ReplaceAllString(s, ""))
}

// bestLabel is the most specific label for a list item; a label that is
// the topic of the whole letter (a JTAI on domestic abuse names domestic
// abuse in every item) gives way to any other the item has.
func (d *document) bestLabel(text string, weak bool) (themes.Match, bool) {
	ms := themes.Find(text, weak, 0)
	if len(ms) == 0 {
		return themes.Match{}, false
	}
	if d.kind == KindLetter && d.title != "" {
		topic := map[string]bool{}
		for _, t := range themes.Find(d.title, false, 0) {
			topic[t.Label] = true
		}
		for _, m := range ms {
			if !topic[m.Label] {
				return m, true
			}
		}
	}
	return ms[0], true
}

func hasGreeting(ps []para) bool {
	for _, p := range ps {
		if strings.HasPrefix(p.Text, "Dear ") {
			return true
		}
	}
	return false
}

// afterGreeting reports whether paragraph p comes after "Dear ...".
func (d *document) afterGreeting(p *para) bool {
	for i := range d.paras {
		if strings.HasPrefix(d.paras[i].Text, "Dear ") {
			return p.N > d.paras[i].N
		}
	}
	return true // a letter without a greeting: its sections still count
}

// listThemes labels one item of an improvement or strengths list: one
// label, the most specific; an item the vocabulary has no label for goes
// to review with its words.
func (d *document) listThemes(s *sent, sec section) []evidence.Candidate {
	weak := sec == secWeak
	pol := "strength"
	if weak {
		pol = "weakness"
	}
	c := d.newCand(s, "theme", "", 0, len(s.Text))
	c.Council, c.Polarity = s.Council, pol
	if !d.date.IsZero() && d.kind == KindLetter {
		c.Date = d.date.String()
	}
	m, ok := d.bestLabel(s.Text, weak)
	if !ok {
		// Only list items and whole sentences of the section are themes;
		// a sentence that labels nothing is context.
		if !s.P.Bullet {
			return nil
		}
		c.Value = "unlabelled " + pol
		c.Confidence = 0.3
		c.Review = "no label in the theme vocabulary fits this " + pol + "; choose one"
		c.Note = "listed by the letter as a " + pol + "; no vocabulary label matched"
		return []evidence.Candidate{c}
	}
	c.Value = m.Label
	c.Scope = themeScope(s.Text, m.Start, m.End)
	if c.Scope == "" {
		c.Scope = m.Scope
	}
	c.Confidence = 0.8
	what := "area for improvement"
	if !weak {
		what = "strength"
	}
	c.Note = "listed by the letter as an " + what + "; labelled " + m.Label
	if !weak {
		c.Note = "listed by the letter as a strength; labelled " + m.Label
	}
	return []evidence.Candidate{c}
}

// letterVisit is the visit finding: its kind from the heading (or the
// "This letter summarises the findings of a focused visit" sentence), dated
// by the first day on site and published on the letter's own date (spec
// v3) when the letter gives both; by the letter's date when it gives no
// visit days; a letter without a date is dated by the last visit day.
func (d *document) letterVisit(council string) (evidence.Candidate, bool) {
	var at *sent
	kind := ""
	for i := range d.sents {
		s := &d.sents[i]
		m := reLetterHeading.FindStringSubmatch(s.Text)
		if m == nil {
			m = reSummarises.FindStringSubmatch(s.Text)
		}
		if m == nil {
			continue
		}
		kind = "jtai"
		if m[1] != "" {
			kind = strings.ToLower(m[1])
			if kind == "focussed" {
				kind = "focused"
			}
		}
		at = s
		break
	}
	if at == nil {
		return evidence.Candidate{}, false
	}
	c := d.newCand(at, "visit", kind, 0, len(at.Text))
	c.Council = council
	c.Confidence = 0.95
	days := ""
	var first, last dates.Date
	for i := range d.sents {
		if m := reVisitDays.FindStringSubmatch(d.sents[i].Text); m != nil {
			if ws := findWhens(m[1], dates.Date{}); len(ws) > 0 && ws[0].OK {
				days, first, last = m[1], ws[0].Date, ws[0].Last
			}
			break
		}
	}
	switch {
	case council == "":
		c.Review = "the letter names no council in the reference list"
		c.Note = kind + " visit letter; no council found"
	case !d.date.IsZero() && !first.IsZero() && first.Day <= d.date.Day:
		// Spec v3: a visit is dated by its first day, published on the
		// letter's date.
		d.visitLast = last
		c.Date, c.Published = first.String(), d.date.String()
		c.Note = kind + " visit on site " + days + ", dated by its first day; the letter is dated " + d.date.String()
	case !d.date.IsZero():
		d.visitLast = last
		c.Date = d.date.String()
		c.Note = kind + " visit, dated by the letter"
		if days != "" {
			c.Note += "; on site " + days
		}
	case !last.IsZero():
		d.visitLast = last
		c.Date = last.String()
		c.Confidence = 0.85
		c.Note = kind + " visit; the letter is undated, so the last day on site"
	default:
		c.Review = "the letter gives no date"
		c.Note = kind + " visit letter without a date"
	}
	return c, true
}
