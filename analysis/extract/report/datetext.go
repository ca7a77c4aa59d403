package report

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/oversight/oversight/analysis/dates"
)

var monthNames = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

type partDate struct{ y, m, d int }

// textDates reads the dates written in s, in order, as inspections and
// publications are written in reports: "10 to 21 July 2023", "29 April –
// 22 May 2014", "30 September to 11 October 2024 and 13 to 16 January
// 2025", "12/09/2016". A day or month without its month or year takes the
// next one written after it ("10 to 21 July 2023" is 10 July 2023 to 21 July
// 2023). Dates without a day are left out; so are impossible ones.
func textDates(s string) []dates.Day {
	var parts []partDate
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '/' || r == '.')
	})
	for _, w := range words {
		w = strings.Trim(w, ".")
		if w == "" {
			continue
		}
		if d, ok := numericDate(w); ok {
			parts = append(parts, d)
			continue
		}
		if m, ok := monthNames[w]; ok {
			if n := len(parts); n > 0 && parts[n-1].m == 0 && parts[n-1].y == 0 {
				parts[n-1].m = m
			} else {
				parts = append(parts, partDate{m: m})
			}
			continue
		}
		n, ok := ordinal(w)
		if !ok {
			continue
		}
		switch {
		case n >= 1900 && n <= 2100:
			if k := len(parts); k > 0 && parts[k-1].y == 0 {
				parts[k-1].y = n
			}
		case n >= 1 && n <= 31:
			parts = append(parts, partDate{d: n})
		}
	}
	// Fill months and years from the right.
	for i := len(parts) - 2; i >= 0; i-- {
		next := parts[i+1]
		if parts[i].m == 0 && parts[i].y == 0 && next.m != 0 {
			parts[i].m = next.m
		}
		if parts[i].y == 0 {
			parts[i].y = next.y
		}
	}
	var out []dates.Day
	for _, p := range parts {
		if p.d == 0 || p.m == 0 || p.y == 0 || p.d > dates.DaysIn(p.y, p.m) {
			continue
		}
		out = append(out, dates.FromYMD(p.y, p.m, p.d))
	}
	return out
}

// ordinal reads "21", "21st", "2nd".
func ordinal(w string) (int, bool) {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if t, ok := strings.CutSuffix(w, suf); ok && t != "" {
			w = t
			break
		}
	}
	n, err := strconv.Atoi(w)
	return n, err == nil
}

// numericDate reads dd/mm/yyyy (UK order) or dd.mm.yyyy.
func numericDate(w string) (partDate, bool) {
	sep := "/"
	if !strings.Contains(w, "/") {
		sep = "."
	}
	f := strings.Split(w, sep)
	if len(f) != 3 {
		return partDate{}, false
	}
	d, e1 := strconv.Atoi(f[0])
	m, e2 := strconv.Atoi(f[1])
	y, e3 := strconv.Atoi(f[2])
	if e1 != nil || e2 != nil || e3 != nil || m < 1 || m > 12 || d < 1 || d > 31 {
		return partDate{}, false
	}
	if y < 100 {
		y += 2000
	}
	return partDate{y: y, m: m, d: d}, true
}

// ranges pairs dates into on-site periods: "A to B and C to D" is two; a
// lone date is a period of one day.
func ranges(ds []dates.Day) [][2]dates.Day {
	var out [][2]dates.Day
	for i := 0; i < len(ds); i += 2 {
		if i+1 < len(ds) && ds[i+1] >= ds[i] {
			out = append(out, [2]dates.Day{ds[i], ds[i+1]})
		} else {
			out = append(out, [2]dates.Day{ds[i], ds[i]})
			i--
		}
	}
	return out
}
