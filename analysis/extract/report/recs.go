package report

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Item is one recommendation: a point under "What needs to improve" /
// "Recommendations" / "Areas for improvement".
type Item struct {
	Text string // the point's words, marker removed, lines joined
	Page int
}

// Recommendations is what the report asks the council to improve.
type Recommendations struct {
	Found   bool   // the section was found
	Heading string // as written
	Page    int
	Items   []Item
	// Prose is set when the section has no points, only sentences (count 0).
	Prose string
	start int // the heading's line
	end   int // first line after the section
}

var (
	// The section's heading: a line of its own, with an optional "?", ":"
	// or footnote number.
	recHeadingRE = regexp.MustCompile(`^(?:what needs to improve|what does the local authority need to improve|recommendations|areas for improvement)\s*[?:]?\d?$`)
	// Headings inside the section that do not end it.
	recSubheadingRE = regexp.MustCompile(`^(?:priority and immediate action|immediate action|areas for improvement|priority actions?|immediately|within (?:one|two|three|four|six|twelve|\d+) (?:weeks?|months?))\s*:?\s*$`)
	// Headings that end the section whatever their indent.
	sectionEndRE = regexp.MustCompile(`^(?:the experiences and progress of|the impact of leaders|summary for children|information about this|the local authority's strengths|the local authority has the following strengths|summary of (?:key )?findings|inspection judgements|section \d|the effectiveness of|local authority area|what the inspection judgements mean|contents$|about this inspection|executive summary|the local safeguarding children board|record of main findings|how good are outcomes)`)
	// Judgement names that head a TLAC section but also head a theme of
	// numbered points inside an SIF one ("Leadership and management", then
	// "2. Undertake a review ..."): the end of the section only when the
	// numbering does not go on after them.
	judgementHeadingRE = regexp.MustCompile(`^(?:overall effectiveness|outcomes for looked after children|quality of provision|leadership and management|capacity to improve)`)
	// A point that says there are none: "16. There are no areas of priority
	// action."
	nonePointRE = regexp.MustCompile(`^(?:there (?:are|were) no |the inspection did not (?:find|identify) any |no areas |none\b)`)
	numberRE    = regexp.MustCompile(`^(?:\d{1,3}[.)]|\(\d{1,3}\)|\([a-z]\)|[a-z]\))\s*`)
)

// bullet reports whether a line starts with a list bullet: the symbols
// reports use and the private-use glyphs of Symbol and Wingdings fonts.
func bullet(s string) bool {
	for _, r := range s {
		switch {
		case strings.ContainsRune("•◼▪■●○◦‣⁃∙·–-➢➤►▶✓✔", r):
			return true
		case r >= 0xE000 && r <= 0xF8FF:
			return true
		}
		return false
	}
	return false
}

// markerText removes the bullet or number that starts s.
func markerText(s string) string {
	s = strings.TrimSpace(s)
	if bullet(s) {
		_, size := firstRune(s)
		return strings.TrimSpace(s[size:])
	}
	return strings.TrimSpace(numberRE.ReplaceAllString(s, ""))
}

func firstRune(s string) (rune, int) {
	for i, r := range s {
		_ = i
		return r, len(string(r))
	}
	return 0, 0
}

// isContents reports whether a heading line is an entry of a contents page:
// a second span or trailing text that is a page number.
func isContents(l *line) bool {
	if len(l.spans) > 1 {
		last := strings.TrimSpace(l.spans[len(l.spans)-1].Text)
		return last != "" && strings.IndexFunc(last, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
	}
	return false
}

// contentsPages are the pages headed "Contents".
func contentsPages(ls []line) map[int]bool {
	out := map[int]bool{}
	for _, l := range ls {
		if strings.TrimSpace(l.low) == "contents" {
			out[l.page] = true
		}
	}
	return out
}

// findRecommendations reads the first recommendations section from line
// from on (not a contents entry). Points are the section's bulleted lines;
// where it has none, its numbered lines; numbered lines followed by bullets
// are theme headings, not points (Slough 2016 numbers four themes over 22
// bullets). A section of sentences only has no points.
func findRecommendations(ls []line, from int) Recommendations {
	return findList(ls, from, recHeadingRE)
}

// Headings of the other lists a report states (SIF reports of 2014-15):
// its strengths, and why it is not yet good ("This local authority requires
// improvement and is not yet good because", "Children's services in Devon
// require improvement because:"), or why it is good ("... are good
// because:"), a list of strengths too.
var (
	strengthsHeadingRE = regexp.MustCompile(`^(?:the local authority(?:'s| has the following) strengths|(?:this local authority|children's services in .{2,40}) (?:is|are) (?:good|outstanding) because)\s*:?$`)
	shortfallHeadingRE = regexp.MustCompile(`^(?:this local authority|children's services in .{2,40}) (?:requires? improvement|has serious weaknesses|(?:is|are) inadequate)[a-z ,]* because\s*:?$`)
)

// anyHeading reports whether a line heads one of the lists: another list
// ends the one being read.
func anyHeading(low string) bool {
	return (recHeadingRE.MatchString(low) && !recSubheadingRE.MatchString(low)) || strengthsHeadingRE.MatchString(low) || shortfallHeadingRE.MatchString(low)
}

// findList reads the first list headed by a line heading matches, from
// line from on, as findRecommendations reads the recommendations.
func findList(ls []line, from int, heading *regexp.Regexp) Recommendations {
	var r Recommendations
	start := listStart(ls, from, heading)
	if start < 0 {
		return r
	}
	r.Found, r.Heading, r.Page, r.start = true, listTitle(ls[start].text), ls[start].page, start
	marks, end := listMarks(ls, start)
	r.end = end
	points := choosePoints(ls, marks, end)
	if len(points) == 0 {
		var prose []string
		for i := start + 1; i < end; i++ {
			prose = append(prose, ls[i].text)
		}
		r.Prose = quote(strings.Join(prose, " "))
		return r
	}
	r.Items = listItems(ls, points, marks, end)
	return r
}

// listStart is the first line from from on that heading matches, outside
// the contents pages; -1 when there is none.
func listStart(ls []line, from int, heading *regexp.Regexp) int {
	contents := contentsPages(ls)
	for i := from; i < len(ls); i++ {
		if heading.MatchString(ls[i].low) && !isContents(&ls[i]) && !contents[ls[i].page] {
			return i
		}
	}
	return -1
}

// listTitle is the heading as printed, without the mark of a footnote
// ("What needs to improve?1": the mark is not the heading's).
func listTitle(text string) string {
	title := strings.TrimSpace(text)
	if h := strings.TrimRight(title, "0123456789"); h != title && (strings.HasSuffix(h, "?") || strings.HasSuffix(h, ":")) {
		title = h
	}
	return title
}

// listMarks finds the bullets and numbers of the list headed at start, and
// the line it ends before: another list's heading, the next section, a
// line at the section's margin after the points, or too much prose
// before any.
func listMarks(ls []line, start int) ([]mark, int) {
	var marks []mark
	left := ls[start].x0
	proseLines := 0
	for i := start + 1; i < len(ls); i++ {
		l := &ls[i]
		low := strings.TrimSpace(l.low)
		if low == "" {
			continue
		}
		if anyHeading(low) && i > start+1 {
			return marks, i // a second recommendations heading (the LSCB's), or another list
		}
		if l.x0 <= left+4 && !numberRE.MatchString(low) && (sectionEndRE.MatchString(low) ||
			judgementHeadingRE.MatchString(low) && !(len(marks) > 0 && !marks[len(marks)-1].bullet && pointsResume(ls, i, marks))) {
			return marks, i
		}
		if recSubheadingRE.MatchString(low) {
			continue
		}
		isBullet := bullet(low)
		isNumber := !isBullet && numberRE.MatchString(low)
		if isBullet || isNumber {
			marks = append(marks, mark{line: i, bullet: isBullet, x: l.x0})
			continue
		}
		// A line at the section's margin that is neither a point nor a
		// subheading: after points, the next section, unless the points go
		// on just after it (a theme heading between numbered points:
		// "Adoption", then "20. Improve ..."); before any, prose.
		if l.x0 <= left+4 {
			if len(marks) > 0 && !continuation(ls, marks[len(marks)-1].line, i) && !pointsResume(ls, i, marks) {
				return marks, i
			}
			if len(marks) == 0 {
				proseLines++
				if proseLines > 25 {
					return marks, i
				}
			}
		}
	}
	return marks, len(ls)
}

// listItems are the points' texts: a point runs to the next mark (of any
// kind) or a subheading. A point saying there is nothing to list is left
// out.
func listItems(ls []line, points, marks []mark, end int) []Item {
	var items []Item
	for pi, p := range points {
		stop := end
		for _, m := range marks {
			if m.line > p.line {
				stop = m.line
				break
			}
		}
		if pi+1 < len(points) && points[pi+1].line < stop {
			stop = points[pi+1].line
		}
		parts := []string{markerText(ls[p.line].text)}
		for k := p.line + 1; k < stop; k++ {
			if recSubheadingRE.MatchString(strings.TrimSpace(ls[k].low)) {
				break
			}
			parts = append(parts, ls[k].text)
		}
		text := strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
		if nonePointRE.MatchString(normalise(text)) {
			continue
		}
		items = append(items, Item{Text: text, Page: ls[p.line].page})
	}
	return items
}

type mark struct {
	line   int
	bullet bool
	x      float64
}

// choosePoints decides which marks are the points. Numbered theme headings
// over bullets (Slough 2016: "1. Quality and effectiveness of practice",
// then bullets) and a single numbered introduction before bullets (TLAC:
// "22. In order to improve ... the following action.") give the bullets;
// otherwise the marks at the outermost indent are the points and marks
// inside them (dashes under a bullet, bullets under "7. ... by:") are part
// of their point.
func choosePoints(ls []line, marks []mark, end int) []mark {
	var numbers, bullets []mark
	for _, m := range marks {
		if m.bullet {
			bullets = append(bullets, m)
		} else {
			numbers = append(numbers, m)
		}
	}
	if len(bullets) > 0 && len(numbers) > 0 {
		headings := 0
		for k, m := range marks {
			if m.bullet || k+1 >= len(marks) || !marks[k+1].bullet {
				continue
			}
			text := strings.TrimSpace(paragraph(ls, m.line, marks[k+1].line))
			if len([]rune(text)) < 90 && !strings.HasSuffix(text, ".") && !strings.HasSuffix(text, ":") {
				headings++
			}
		}
		intro := len(numbers) == 1 && numbers[0].line < bullets[0].line && len(bullets) >= 2
		if headings > 0 || intro {
			return outermost(bullets)
		}
	}
	return outermost(marks)
}

// outermost keeps the marks at the smallest indent.
func outermost(marks []mark) []mark {
	if len(marks) == 0 {
		return nil
	}
	minX := marks[0].x
	for _, m := range marks {
		minX = min(minX, m.x)
	}
	var out []mark
	for _, m := range marks {
		if m.x <= minX+8 {
			out = append(out, m)
		}
	}
	return out
}

// paragraph is the text from line from up to (not including) line to.
func paragraph(ls []line, from, to int) string {
	var parts []string
	for k := from; k < to && k < len(ls); k++ {
		parts = append(parts, ls[k].text)
	}
	return strings.Join(parts, " ")
}

// pointsResume reports whether numbered points go on within the next few
// lines after line i, the next one numbered after the last numbered mark.
func pointsResume(ls []line, i int, marks []mark) bool {
	n, ok := 0, false
	for k := len(marks) - 1; k >= 0 && !ok; k-- {
		n, ok = pointNumber(ls[marks[k].line].low)
	}
	if !ok {
		return false
	}
	for k := i + 1; k < len(ls) && k <= i+3; k++ {
		if sectionEndRE.MatchString(strings.TrimSpace(ls[k].low)) {
			return false
		}
		if m, ok := pointNumber(ls[k].low); ok {
			return m == n+1
		}
	}
	return false
}

var pointNumberRE = regexp.MustCompile(`^(\d{1,3})[.)]\s`)

func pointNumber(s string) (int, bool) {
	m := pointNumberRE.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// continuation reports whether line i continues the point that starts at
// line m though it is not indented: the point's text runs on without a new
// paragraph (a small gap) and the point has not ended with a full stop.
func continuation(ls []line, m, i int) bool {
	prev := &ls[i-1]
	if prev.page != ls[i].page {
		return !strings.HasSuffix(strings.TrimSpace(prev.text), ".")
	}
	return ls[i].gap < 0.6*ls[i].height() && !strings.HasSuffix(strings.TrimSpace(prev.text), ".")
}
