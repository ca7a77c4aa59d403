package text

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/oversight/oversight/analysis/dates"
)

// when is a date expression found in a sentence, resolved to the precision
// the words support: "3 April 2018" is a day, "July 2023" a month, "spring
// 2017" and "in 2015" a year; "last month" and "nine years ago" are resolved
// against the document's own date, never at a finer precision than it has.
type when struct {
	Start, End int // byte offsets in the sentence
	Text       string
	Date       dates.Date
	Last       dates.Date // the last day of a range ("7 and 8 March 2018"); else Date
	OK         bool
	Relative   bool   // resolved against the document's date
	Future     bool   // "next month", "later this year", "by 2019"
	Why        string // why it could not be resolved
	// Following is "the following year", which takes the year after the
	// one the text last gave.
	Following bool
}

// Headings print months in capitals ("28 TO 29 APRIL 2021"); the
// capitals are whole names only, so that "MAR" or "SEPT" in a code is no
// month.
const monthRE = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)\.?`

// dayRangeSep joins two days ("7 and 8", "28 TO 29"); dayOfRE is the
// "of" of "18th and 19th of February".
const (
	dayRangeSep = `(?:and|to|AND|TO|-|–|&)`
	dayOfRE     = `(?:\s+of)?`
)
const weekdayRE = `(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?`
const ordRE = `(?:st|nd|rd|th)?`
const yearRE = `((?:19|20)\d{2})`

// Patterns, most specific first; each match keeps its kind.
type whenKind int

const (
	wRangeDMY     whenKind = iota // 30 April to 2 May 2019
	wDMY                          // 3 April 2018, 7 and 8 March 2018
	wMDY                          // April 3, 2019
	wNumeric                      // 03/04/2018
	wISO                          // 2018-04-03
	wMonthRange                   // February and March of 2019, November and December 2015
	wMY                           // July 2023, March of 2019
	wMonthRelYear                 // April last year, March this year
	wPartYear                     // spring 2017, early 2019, the end of 2018
	wDMRange                      // 10 to 21 June (no year): from its first day
	wDM                           // 17 April (no year)
	wMD                           // April 17 (no year)
	wMonthOnly                    // in August, the end of May, last May
	wYear                         // 2015
	wFollowing                    // the following year: the year after the one the text last gave
	wRelative                     // yesterday, last month, nine years ago
)

var whenPatterns = []struct {
	kind whenKind
	re   *regexp.Regexp
}{
	{wRangeDMY, regexp.MustCompile(`\b(\d{1,2})` + ordRE + dayOfRE + `\s+` + monthRE + `\s*` + dayRangeSep + `\s*` + weekdayRE + `(\d{1,2})` + ordRE + dayOfRE + `\s+` + monthRE + `,?\s+` + yearRE + `\b`)},
	{wDMY, regexp.MustCompile(`\b` + weekdayRE + `(\d{1,2})` + ordRE + `(?:\s*` + dayRangeSep + `\s*` + weekdayRE + `(\d{1,2})` + ordRE + `)?` + dayOfRE + `\s+` + monthRE + `,?\s+` + yearRE + `\b`)},
	{wMDY, regexp.MustCompile(`\b` + weekdayRE + monthRE + `\s+(\d{1,2})` + ordRE + `,?\s+` + yearRE + `\b`)},
	{wNumeric, regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/` + yearRE + `\b`)},
	{wISO, regexp.MustCompile(`\b` + yearRE + `-(\d{2})-(\d{2})\b`)},
	{wMonthRange, regexp.MustCompile(`\b` + monthRE + `\s*(?:and|to|-|–|&)\s*` + monthRE + `,?\s+(?:of\s+)?` + yearRE + `\b`)},
	{wMY, regexp.MustCompile(`\b` + monthRE + `,?\s+(?:of\s+)?` + yearRE + `\b`)},
	{wMonthRelYear, regexp.MustCompile(`\b` + monthRE + `\s+(?i:(last|this|next)\s+year)\b`)},
	{wPartYear, regexp.MustCompile(`(?i)\b(?:the\s+)?(spring|summer|autumn|winter|early|late|mid|end\s+of|start\s+of|beginning\s+of|first\s+half\s+of|second\s+half\s+of)[\s-]+(?:of\s+)?` + yearRE + `\b`)},
	{wDMRange, regexp.MustCompile(`\b(\d{1,2})` + ordRE + `\s*(?:and|to|-|–|&)\s*(\d{1,2})` + ordRE + `\s+` + monthRE + `\b`)},
	{wDM, regexp.MustCompile(`\b(\d{1,2})` + ordRE + `\s+` + monthRE + `\b`)},
	{wMD, regexp.MustCompile(`\b` + monthRE + `\s+(\d{1,2})` + ordRE + `\b`)},
	{wMonthOnly, regexp.MustCompile(`\b(?:(?i:in|since|during|by|until|from|of|for|at\s+the\s+end\s+of|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|early|late|mid-?|last|this|next)\s+)` + monthRE + `\b`)},
	// "an October inspection", "the November visit": the month names the
	// event's (the match is cut back to the month).
	{wMonthOnly, regexp.MustCompile(`\b(?:(?i:an?|the|its|their)\s+)` + monthRE + `\s+(?i:(?:full|ofsted|short|standard|monitoring|focused|focus)\s+)?(?i:inspection|visit|report)s?\b`)},
	{wYear, regexp.MustCompile(`\b` + yearRE + `\b`)},
	{wFollowing, regexp.MustCompile(`(?i)\b(?:the\s+(?:following|next|subsequent)\s+year|a\s+year\s+later|the\s+year\s+after)\b`)},
	{wRelative, regexp.MustCompile(`(?i)\b(yesterday|today|tomorrow|this\s+week|last\s+week|this\s+month|last\s+month|earlier\s+this\s+month|earlier\s+this\s+year|this\s+year|last\s+year|the\s+previous\s+(?:year|month)|the\s+year\s+before|next\s+(?:week|month|year)|later\s+this\s+(?:month|year)|(\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+(days?|weeks?|months?|years?)\s+ago)\b`)},
}

var monthNum = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

func monthOf(s string) int {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0
	}
	return monthNum[s[:3]]
}

// futureCue before a date makes it a plan, not a fact.
// "by 2019" and "until March" look ahead when they come right before the
// date; "due", "will", "planned" anywhere in the clause before it; a date
// something was moved or booked to ("rescheduled for", "postponed until",
// "set for") is the plan's, whether or not it has passed when the text
// was written: the text does not say the event took place.
var futureCue = regexp.MustCompile(`(?i)\b(?:by|until|before)\s+(?:the\s+)?(?:end\s+of\s+|start\s+of\s+|early\s+|late\s+)?$|\b(?:due|will|next|scheduled|planned|expected|aims?|target|later|plans?\s+to|intends?\s+to|one\s+more)\b[^.;,]{0,40}$|\b(?:re-?scheduled|re-?arranged|postponed|put\s+back|moved|deferred|booked|arranged|set)\s+(?:for|to|until|till)\s+(?:the\s+)?$`)

// findWhens lists the date expressions in s, resolved against doc (the
// document's own date; zero when it has none).
func findWhens(s string, doc dates.Date) []when {
	type hit struct {
		kind       whenKind
		start, end int
		sub        []string
	}
	var hits []hit
	for _, p := range whenPatterns {
		for _, loc := range p.re.FindAllStringSubmatchIndex(s, -1) {
			sub := make([]string, len(loc)/2)
			for i := range sub {
				if loc[2*i] >= 0 {
					sub[i] = s[loc[2*i]:loc[2*i+1]]
				}
			}
			hits = append(hits, hit{p.kind, loc[0], loc[1], sub})
		}
	}
	// The most specific reading of each span wins ("April 2016", not "in
	// April" and "2016"); then in reading order.
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].kind != hits[j].kind {
			return hits[i].kind < hits[j].kind
		}
		return hits[i].start < hits[j].start
	})
	var out []when
	for _, h := range hits {
		overlap := false
		for _, w := range out {
			if h.start < w.End && h.end > w.Start {
				overlap = true
				break
			}
		}
		if overlap {
			continue
		}
		w, ok := resolveWhen(h.kind, h.sub, s, h.start, h.end, doc)
		if !ok {
			continue
		}
		out = append(out, w)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

var numberWords = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
	"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}

func atoi(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return numberWords[strings.ToLower(s)]
}

// resolveWhen turns one match into a when; ok is false for a match that is
// not a date after all (a year that is a number in a sum, a month word
// that is the verb "may").
func resolveWhen(kind whenKind, sub []string, s string, start, end int, doc dates.Date) (when, bool) {
	w := when{Start: start, End: end, Text: s[start:end]}
	before := s[:start]
	w.Future = futureCue.MatchString(before)
	day := func(y, m, d int) (dates.Date, bool) {
		if m < 1 || m > 12 || d < 1 || d > dates.DaysIn(y, m) {
			return dates.Date{}, false
		}
		return dates.Date{Day: dates.FromYMD(y, m, d), Prec: dates.PrecDay}, true
	}
	var ok bool
	switch kind {
	case wRangeDMY:
		y := atoi(sub[5])
		if w.Date, ok = day(y, monthOf(sub[2]), atoi(sub[1])); !ok {
			return w, false
		}
		if w.Last, ok = day(y, monthOf(sub[4]), atoi(sub[3])); !ok {
			return w, false
		}
		w.OK = true
	case wDMY:
		y, m := atoi(sub[4]), monthOf(sub[3])
		if w.Date, ok = day(y, m, atoi(sub[1])); !ok {
			return w, false
		}
		w.Last = w.Date
		if sub[2] != "" {
			if w.Last, ok = day(y, m, atoi(sub[2])); !ok {
				return w, false
			}
		}
		w.OK = true
	case wMDY:
		if w.Date, ok = day(atoi(sub[3]), monthOf(sub[1]), atoi(sub[2])); !ok {
			return w, false
		}
		w.Last, w.OK = w.Date, true
	case wNumeric:
		if w.Date, ok = day(atoi(sub[3]), atoi(sub[2]), atoi(sub[1])); !ok {
			return w, false
		}
		w.Last, w.OK = w.Date, true
	case wISO:
		if w.Date, ok = day(atoi(sub[1]), atoi(sub[2]), atoi(sub[3])); !ok {
			return w, false
		}
		w.Last, w.OK = w.Date, true
	case wMonthRange:
		m1, m2, y := monthOf(sub[1]), monthOf(sub[2]), atoi(sub[3])
		if m1 == 0 || m2 == 0 {
			return w, false
		}
		if m1 > m2 {
			y-- // "December and January 2019": the December before
		}
		w.Date = dates.Date{Day: dates.FromYMD(y, m1, 1), Prec: dates.PrecMonth}
		w.Last, w.OK = w.Date, true
	case wMY:
		if monthOf(sub[1]) == 0 {
			return w, false
		}
		w.Date = dates.Date{Day: dates.FromYMD(atoi(sub[2]), monthOf(sub[1]), 1), Prec: dates.PrecMonth}
		w.Last, w.OK = w.Date, true
	case wMonthRelYear:
		// "in April last year": the month of the year before the text's.
		m := monthOf(sub[1])
		if m == 0 {
			return w, false
		}
		if doc.IsZero() {
			w.Why = "\"" + w.Text + "\" is relative and the document has no date of its own"
			return w, true
		}
		y, _, _ := doc.Day.YMD()
		switch strings.ToLower(sub[2]) {
		case "last":
			y--
		case "next":
			y++
			w.Future = true
		}
		w.Date = dates.Date{Day: dates.FromYMD(y, m, 1), Prec: dates.PrecMonth}
		w.Last, w.OK, w.Relative = w.Date, true, true
	case wPartYear, wYear:
		ys := sub[len(sub)-1]
		if kind == wYear && !standaloneYear(s, start, end) {
			return w, false
		}
		w.Date = dates.Date{Day: dates.FromYMD(atoi(ys), 1, 1), Prec: dates.PrecYear}
		w.Last, w.OK = w.Date, true
		if kind == wYear && twoYearPeriod(s, end, atoi(ys)) {
			// "2017/18": a financial or school year, which no event is
			// dated by.
			w.OK, w.Why = false, "the year is a financial or school year (\""+s[start:min(len(s), end+5)]+"\"): it spans two years and dates no event in them"
		}
	case wDMRange:
		// "between 10 and 21 June": the range from its first day, the
		// year as for a single day.
		first, err := resolveWhen(wDM, []string{sub[0], sub[1], sub[3]}, s, start, end, doc)
		if !err || !first.OK {
			return first, err
		}
		y, m, _ := first.Date.Day.YMD()
		last, ok := day(y, m, atoi(sub[2]))
		if !ok || last.Day < first.Date.Day {
			return w, false
		}
		first.Last = last
		return first, true
	case wDM, wMD:
		m, d := monthOf(sub[2]), atoi(sub[1])
		if kind == wMD {
			m, d = monthOf(sub[1]), atoi(sub[2])
		}
		if m == 0 || d < 1 || d > 31 {
			return w, false
		}
		if noYear(&w, doc) {
			return w, true
		}
		dy, dm, _ := doc.Day.YMD()
		y := dy
		if doc.Prec != dates.PrecYear && (m > dm || (m == dm && doc.Prec == dates.PrecDay && dates.FromYMD(y, m, min(d, dates.DaysIn(y, m))) > doc.Day)) && !w.Future {
			y--
		}
		if w.Date, ok = day(y, m, d); !ok {
			return w, false
		}
		w.Last, w.OK = w.Date, true
	case wMonthOnly:
		m := monthOf(sub[1])
		if m == 0 {
			return w, false
		}
		if i := strings.Index(w.Text, sub[1]); i >= 0 {
			w.End = start + i + len(sub[1])
			w.Text = s[start:w.End]
		}
		lower := strings.ToLower(w.Text)
		if strings.HasPrefix(lower, "next") {
			w.Future = true
		}
		if noYear(&w, doc) {
			return w, true
		}
		dy, dm, _ := doc.Day.YMD()
		y := dy
		if doc.Prec != dates.PrecYear {
			if w.Future && m <= dm {
				y++
			} else if !w.Future && m > dm {
				y--
			}
		}
		w.Date = dates.Date{Day: dates.FromYMD(y, m, 1), Prec: dates.PrecMonth}
		w.Last, w.OK = w.Date, true
	case wRelative:
		return relative(w, sub, doc), true
	case wFollowing:
		// Resolved by the sentence's reader against the year the text gave
		// last (buildSents); alone it dates nothing.
		w.Following = true
		w.Why = fmt.Sprintf("%q needs the year the text gave before it", w.Text)
		return w, true
	}
	return w, true
}

// noYear marks a date that needs the document's year; true (with the
// reason) when the document has no date of its own.
func noYear(w *when, doc dates.Date) bool {
	w.Relative = true
	if doc.IsZero() {
		w.Why = fmt.Sprintf("%q gives no year and the document has no date of its own", w.Text)
		return true
	}
	return false
}

// twoYearPeriod: the year is followed by the next one's last digits
// ("2017/18", "2017-18", "2017/2018").
func twoYearPeriod(s string, end, y int) bool {
	m := reNextYear.FindStringSubmatch(s[end:])
	if m == nil {
		return false
	}
	n, _ := strconv.Atoi(m[1])
	return n == (y+1)%100 || n == y+1
}

var reNextYear = regexp.MustCompile(`^\s?[/–-]\s?(\d{2}|\d{4})\b`)

// standaloneYear rejects four digits that are part of a sum, a count or a
// code: "£2015", "2,015", "2015%", "E2015".
func standaloneYear(s string, start, end int) bool {
	if r, _ := utf8.DecodeLastRuneInString(s[:start]); start > 0 && strings.ContainsRune("£$€,./#-", r) {
		return false
	}
	if end < len(s) && strings.ContainsAny(s[end:end+1], "%,") && !(s[end] == ',' && (end+1 >= len(s) || s[end+1] == ' ')) {
		return false
	}
	rest := strings.ToLower(strings.TrimSpace(s[end:]))
	for _, unit := range []string{"children", "social workers", "cases", "referrals", "staff", "posts", "families", "per cent", "percent"} {
		if strings.HasPrefix(rest, unit) {
			return false
		}
	}
	return true
}

// relative resolves "yesterday", "last month", "nine years ago" against the
// document's date, keeping the coarser of the two precisions.
func relative(w when, sub []string, doc dates.Date) when {
	w.Relative = true
	phrase := strings.ToLower(strings.Join(strings.Fields(sub[1]), " "))
	if strings.HasPrefix(phrase, "next") || strings.HasPrefix(phrase, "later") {
		w.Future = true
	}
	if doc.IsZero() {
		w.Why = fmt.Sprintf("%q is relative and the document has no date of its own", w.Text)
		return w
	}
	y, m, _ := doc.Day.YMD()
	shiftDays := func(n int, prec dates.Precision) {
		if doc.Prec == dates.PrecDay {
			w.Date = coarsen(dates.Date{Day: doc.Day + dates.Day(n), Prec: dates.PrecDay}, prec)
		} else {
			// The day is unknown: the document's own period is the best the
			// text supports.
			w.Date = coarsen(doc, prec)
		}
	}
	shiftMonths := func(n int) {
		if doc.Prec == dates.PrecYear {
			w.Date = doc // the month is unknown: the document's year
			return
		}
		mm := y*12 + (m - 1) + n
		w.Date = coarsen(dates.Date{Day: dates.FromYMD(mm/12, mm%12+1, 1), Prec: dates.PrecMonth}, doc.Prec)
	}
	shiftYears := func(n int) {
		w.Date = dates.Date{Day: dates.FromYMD(y+n, 1, 1), Prec: dates.PrecYear}
	}
	switch phrase {
	case "yesterday":
		shiftDays(-1, dates.PrecDay)
	case "today":
		shiftDays(0, dates.PrecDay)
	case "tomorrow":
		// ("Tomorrow, Ofsted will publish the outcome": a report
		// out the day after the text.)
		shiftDays(1, dates.PrecDay)
	case "this week":
		shiftDays(0, dates.PrecMonth)
	case "last week":
		shiftDays(-7, dates.PrecMonth)
	case "this month", "earlier this month":
		shiftMonths(0)
	case "last month", "the previous month":
		shiftMonths(-1)
	case "this year", "earlier this year", "later this year":
		shiftYears(0)
	case "last year", "the previous year", "the year before":
		shiftYears(-1)
	case "next week":
		shiftDays(7, dates.PrecMonth)
	case "next month":
		shiftMonths(1)
	case "next year":
		shiftYears(1)
	case "later this month":
		shiftMonths(0)
	default:
		n := atoi(sub[2])
		unit := strings.TrimSuffix(strings.ToLower(sub[3]), "s")
		switch unit {
		case "day":
			shiftDays(-n, dates.PrecDay)
		case "week":
			shiftDays(-7*n, dates.PrecMonth)
		case "month":
			shiftMonths(-n)
		case "year":
			shiftYears(-n)
		}
	}
	if w.Date.IsZero() {
		w.Why = fmt.Sprintf("%q could not be resolved", w.Text)
		return w
	}
	w.Last, w.OK = w.Date, true
	return w
}

// coarsen lowers d's precision to p when p is coarser.
func coarsen(d dates.Date, p dates.Precision) dates.Date {
	if p <= d.Prec {
		return d
	}
	y, m, _ := d.Day.YMD()
	switch p {
	case dates.PrecMonth:
		return dates.Date{Day: dates.FromYMD(y, m, 1), Prec: dates.PrecMonth}
	case dates.PrecYear:
		return dates.Date{Day: dates.FromYMD(y, 1, 1), Prec: dates.PrecYear}
	}
	return d
}
