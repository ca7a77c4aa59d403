package report

import (
	"regexp"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
)

// Frameworks, named as truth.csv and Ofsted's statistics name them.
const (
	ILACSStandard   = "ILACS-standard"
	ILACSShort      = "ILACS-short"
	ILACS2026       = "ILACS-2026"
	SIF             = "SIF"
	SIFReinspection = "SIF-reinspection"
	TLAC            = "TLAC"
	LSCBReview      = "LSCB-review"
)

// ilacs2026From is when the framework without an overall-effectiveness
// judgement began: inspections starting on or after it are ILACS-2026.
var ilacs2026From = dates.FromYMD(2026, 4, 1)

// sifFrom is when the single inspection framework began (November 2013): an
// SIF report whose previous inspection was an inadequate SIF one is a
// re-inspection.
var sifFrom = dates.FromYMD(2013, 11, 1)

var (
	inspectionDatesRE = regexp.MustCompile(`^(?:inspection dates?|dates? of inspection)\s*:?\s*(.*)$`)
	publishedRE       = regexp.MustCompile(`^(?:report )?published\s*:?\s*(.*)$`)
	leadRE            = regexp.MustCompile(`(?i)^(?:lead inspectors?(?: on site)?|reporting inspector)\s*:?\s*(.*)$`)
	// Titles after a name: "His Majesty's Inspector", "HMI", "Ofsted Inspector".
	inspectorTitleRE = regexp.MustCompile(`(?i),?\s*\(?\b(?:(?:his|her) majesty[’']s inspectors?|hmi|ofsted inspectors?|social care regulatory inspectors?|senior hmi)\b\)?\.?`)
)

// kind says what a report's first page says it is: its framework family.
func kind(first string) string {
	switch {
	case strings.Contains(first, "re-inspection of services for children") || strings.Contains(first, "reinspection of services for children"):
		return SIFReinspection
	case strings.Contains(first, "inspection of services for children in need of help and protection"):
		return SIF
	case strings.Contains(first, "looked after children services"):
		return TLAC
	case strings.Contains(first, "review of the effectiveness of the local safeguarding children board"):
		return LSCBReview
	case strings.Contains(first, "impact of leaders on"),
		strings.Contains(first, "local authority children's services"),
		strings.Contains(first, "inspection of children's social care services"):
		return "ILACS"
	}
	return ""
}

// inspectionDates finds "Inspection dates: ..." and reads the periods on
// site; a date list that runs on to the next line ("... and 7 August 2019 to"
// / "8 August 2019") is joined.
func inspectionDates(ls []line) (periods [][2]dates.Day, q string, page int) {
	for i, l := range ls {
		m := inspectionDatesRE.FindStringSubmatch(l.low)
		if m == nil {
			continue
		}
		text, q := m[1], l.text
		if i+1 < len(ls) && ls[i+1].page == l.page {
			next := ls[i+1].low
			if strings.HasSuffix(text, " to") || strings.HasSuffix(text, " and") || strings.HasSuffix(text, "-") || text == "" ||
				(len(textDates(next)) > 0 && !leadRE.MatchString(next) && !publishedRE.MatchString(next) && len(next) < 40) {
				text += " " + next
				q += " " + ls[i+1].text
			}
		}
		ds := textDates(text)
		if len(ds) == 0 {
			continue
		}
		return ranges(ds), quote(q), l.page
	}
	return nil, "", 0
}

// published finds "Report published: 7 July 2014" (the first: a file that
// appends the LSCB's report has a second).
func published(ls []line) (dates.Day, string, int) {
	for _, l := range ls {
		m := publishedRE.FindStringSubmatch(l.low)
		if m == nil {
			continue
		}
		if ds := textDates(m[1]); len(ds) > 0 {
			return ds[0], quote(l.text), l.page
		}
	}
	return 0, "", 0
}

// leadInspectors finds "Lead inspector: Naintara Khosla, His Majesty's
// Inspector" and returns the names without their titles; "Lead inspectors:
// A, HMI, and B, HMI" gives two.
func leadInspectors(ls []line) ([]string, string, int) {
	for i, l := range ls {
		m := leadRE.FindStringSubmatch(l.text)
		if m == nil {
			continue
		}
		text, q := m[1], l.text
		if i+1 < len(ls) && ls[i+1].page == l.page {
			t := strings.TrimSpace(text)
			if t == "" || strings.HasSuffix(t, ",") || strings.HasSuffix(strings.ToLower(t), " and") {
				text += " " + ls[i+1].text
				q += " " + ls[i+1].text
			}
		}
		text = inspectorTitleRE.ReplaceAllString(text, "")
		var names []string
		for _, part := range regexp.MustCompile(`(?i)\s*(?:,\s*and\s+|\s+and\s+|;|,)\s*`).Split(text, -1) {
			part = strings.Trim(strings.TrimSpace(part), ".,")
			if len(strings.Fields(part)) >= 2 && len(strings.Fields(part)) <= 5 && !strings.ContainsAny(part, "0123456789:") {
				names = append(names, part)
			}
		}
		if len(names) > 0 {
			return names, quote(q), l.page
		}
	}
	return nil, "", 0
}

var (
	// "The previous single inspection of the local authority children's
	// services was published in September 2015. The judgements ... were:
	// Overall effectiveness: inadequate"; "The previous inspection of the
	// local authority's safeguarding arrangements was in November 2013. The
	// local authority was judged to be inadequate."
	previousRE = regexp.MustCompile(`(?:previous|last) (?:single )?inspection (?:report )?(?:of|for) the local authority[' a-z]*? (?:was|were) (?:published )?(?:in |on )?((?:\d{1,2} )?(?:january|february|march|april|may|june|july|august|september|october|november|december) \d{4})(.{0,260})`)
)

// previousStatement reports whether the lines read say what the council's
// previous inspection found (whatever it found).
func previousStatement(ls []line) bool {
	for i := range ls {
		if !strings.Contains(ls[i].low, "previous") && !strings.Contains(ls[i].low, "last") {
			continue
		}
		var b strings.Builder
		for k := i; k < len(ls) && k < i+6; k++ {
			b.WriteString(ls[k].low + " ")
		}
		if previousRE.MatchString(b.String()) {
			return true
		}
	}
	return false
}

// previousInadequateSIF reports whether the report says the council's
// previous inspection was an SIF one (from November 2013) judged
// inadequate: what makes an SIF inspection a re-inspection when its title
// does not say so.
func previousInadequateSIF(ls []line) (bool, string, int) {
	for i := range ls {
		if !strings.Contains(ls[i].low, "previous") && !strings.Contains(ls[i].low, "last") {
			continue
		}
		var b strings.Builder
		var raw strings.Builder
		for k := i; k < len(ls) && k < i+6; k++ {
			b.WriteString(ls[k].low + " ")
			raw.WriteString(ls[k].text + " ")
		}
		m := previousRE.FindStringSubmatch(b.String())
		if m == nil {
			continue
		}
		d := textDates("1 " + m[1])
		if strings.Count(m[1], " ") == 2 {
			d = textDates(m[1])
		}
		if len(d) == 0 || d[0] < sifFrom {
			continue
		}
		after := m[2]
		if j := strings.Index(after, "inadequate"); j >= 0 && (strings.Contains(after[:j], "judged to be") || strings.Contains(after[:j], "overall effectiveness")) {
			return true, quote(raw.String()), ls[i].page
		}
	}
	return false, "", 0
}

// fileDate is the one YYYY-MM-DD date in a file's base name, standing on
// its own (not inside a longer number): how downloaded reports are named
// (barnet_2019-07-01.pdf, 2019-07-01_barnet.pdf).
var fileDateRE = regexp.MustCompile(`(?:19|20)\d\d-\d\d-\d\d`)

func fileDate(base string) (dates.Day, bool) {
	var found []string
	for _, loc := range fileDateRE.FindAllStringIndex(base, -1) {
		if (loc[0] > 0 && isDigit(base[loc[0]-1])) || (loc[1] < len(base) && isDigit(base[loc[1]])) {
			continue
		}
		found = append(found, base[loc[0]:loc[1]])
	}
	if len(found) != 1 {
		return 0, false
	}
	d, err := dates.Parse(found[0])
	if err != nil {
		return 0, false
	}
	return d.Day, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
