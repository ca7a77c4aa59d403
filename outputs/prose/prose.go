// Package prose writes dates, places and lists the way an English sentence
// does, for the text people read in outputs: chart titles, legends,
// footnotes and alternative text, and workbook sentences.
package prose

import (
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
)

// Date writes a date at its precision, as every output shows dates to
// people: "30 Sep 2025", "Jul 2019", "2019".
func Date(d dates.Date) string { return writeDate(d, &dates.MonthAbbrevs) }

// Day writes a day as Date does: "30 Sep 2025".
func Day(d dates.Day) string { return Date(dates.Date{Day: d}) }

// LongDate writes a date at its precision with the month in full, as
// titles and the Cover do: "30 September 2025", "July 2019", "2017".
func LongDate(d dates.Date) string { return writeDate(d, &dates.MonthNames) }

func writeDate(d dates.Date, names *[12]string) string {
	y, m, dd := d.Day.YMD()
	switch d.Prec {
	case dates.PrecYear:
		return strconv.Itoa(y)
	case dates.PrecMonth:
		return names[m-1] + " " + strconv.Itoa(y)
	}
	return strconv.Itoa(dd) + " " + names[m-1] + " " + strconv.Itoa(y)
}

// LongDay writes a day as LongDate does: "1 December 2026".
func LongDay(d dates.Day) string { return LongDate(dates.Date{Day: d}) }

// JoinAnd joins words as a sentence does: "a", "a and b", "a, b and c".
func JoinAnd(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// Ordinal is "1st", "2nd", "3rd", "11th", "22nd".
func Ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}
