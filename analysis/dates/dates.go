// Package dates holds the civil dates findings are about: a day count with a
// precision (day, month or year), so "2019-08" stays a month in every output
// while sorting as its first day, as the metrics definitions require.
package dates

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Day counts days since 1970-01-01 (proleptic Gregorian, no time zone).
type Day int32

// Precision says how much of a date the source gave.
type Precision uint8

const (
	PrecDay Precision = iota
	PrecMonth
	PrecYear
)

func (p Precision) String() string {
	switch p {
	case PrecMonth:
		return "month"
	case PrecYear:
		return "year"
	}
	return "day"
}

// Date is a day, month or year; Day is the first day of that period.
type Date struct {
	Day  Day
	Prec Precision
}

// Bounds outside which a date is treated as a typing error: findings are about
// services inspected since the 1990s, and a four-digit year beyond 2099 is a slip.
var (
	MinDay = FromYMD(1990, 1, 1)
	MaxDay = FromYMD(2099, 12, 31)
)

// FromYMD converts a civil date to a Day (Howard Hinnant's days_from_civil).
func FromYMD(y, m, d int) Day {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Day(era*146097 + doe - 719468)
}

// YMD converts a Day back to year, month and day.
func (d Day) YMD() (y, m, dd int) {
	z := int(d) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	dd = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, dd
}

// Time is midnight UTC on the day.
func (d Day) Time() time.Time {
	y, m, dd := d.YMD()
	return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
}

// FromTime takes the civil date of t in t's own location.
func FromTime(t time.Time) Day {
	return FromYMD(t.Year(), int(t.Month()), t.Day())
}

func (d Day) String() string {
	y, m, dd := d.YMD()
	var b [10]byte
	return string(appendYMD(b[:0], y, m, dd, PrecDay))
}

// ExcelSerial is the spreadsheet serial number of the day (1900 date system).
func (d Day) ExcelSerial() float64 { return float64(d - excelEpoch) }

var excelEpoch = FromYMD(1899, 12, 30)

// DaysIn is the number of days in month m of year y.
func DaysIn(y, m int) int {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// End is the last day of the period.
func (d Date) End() Day {
	y, m, _ := d.Day.YMD()
	switch d.Prec {
	case PrecMonth:
		return FromYMD(y, m, DaysIn(y, m))
	case PrecYear:
		return FromYMD(y, 12, 31)
	}
	return d.Day
}

// Contains reports whether the period holds day x.
func (d Date) Contains(x Day) bool { return x >= d.Day && x <= d.End() }

// IsZero reports an unset date.
func (d Date) IsZero() bool { return d == Date{} }

// String writes the date at its precision: 2019-08-01, 2019-08 or 2019.
func (d Date) String() string {
	var b [10]byte
	return string(d.Append(b[:0]))
}

// Append is String without the allocation, for bulk writers.
func (d Date) Append(b []byte) []byte {
	y, m, dd := d.Day.YMD()
	return appendYMD(b, y, m, dd, d.Prec)
}

func appendYMD(b []byte, y, m, d int, p Precision) []byte {
	b = append(b, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	if p == PrecYear {
		return b
	}
	b = append(b, '-', byte('0'+m/10), byte('0'+m%10))
	if p == PrecMonth {
		return b
	}
	return append(b, '-', byte('0'+d/10), byte('0'+d%10))
}

// Parse reads YYYY-MM-DD, YYYY-MM, YYYY or DD/MM/YYYY (UK order).
func Parse(s string) (Date, error) {
	s = strings.TrimSpace(s)
	var y, m, d int
	var p Precision
	var ok bool
	switch {
	case strings.Contains(s, "/"):
		y, m, d, ok = parseUK(s)
		p = PrecDay
	case len(s) == 4:
		y, ok = digits(s)
		m, d, p = 1, 1, PrecYear
	case len(s) == 7 && s[4] == '-':
		y, ok = digits(s[:4])
		var ok2 bool
		m, ok2 = digits(s[5:])
		ok = ok && ok2
		d, p = 1, PrecMonth
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		var ok2, ok3 bool
		y, ok = digits(s[:4])
		m, ok2 = digits(s[5:7])
		d, ok3 = digits(s[8:])
		ok = ok && ok2 && ok3
		p = PrecDay
	}
	if !ok {
		return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD, YYYY-MM, YYYY or DD/MM/YYYY", s)
	}
	if m < 1 || m > 12 || d < 1 || d > DaysIn(y, m) {
		return Date{}, fmt.Errorf("date %q is not a real calendar date", s)
	}
	day := FromYMD(y, m, d)
	if day < MinDay || day > MaxDay {
		return Date{}, fmt.Errorf("date %q is outside 1990-2099", s)
	}
	return Date{Day: day, Prec: p}, nil
}

// ParseSerial reads a spreadsheet serial number (as stored in .xlsx cells).
// Serial numbers for 1990-2099 have five digits, so they never clash with a
// four-digit year.
func ParseSerial(s string) (Date, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || f < MinDay.ExcelSerial() || f >= MaxDay.ExcelSerial()+1 {
		return Date{}, false
	}
	return Date{Day: excelEpoch + Day(int64(f))}, true
}

func parseUK(s string) (y, m, d int, ok bool) {
	parts := strings.Split(s, "/")
	if len(parts) != 3 || len(parts[0]) == 0 || len(parts[0]) > 2 || len(parts[1]) == 0 || len(parts[1]) > 2 || len(parts[2]) != 4 {
		return 0, 0, 0, false
	}
	var ok1, ok2, ok3 bool
	d, ok1 = digits(parts[0])
	m, ok2 = digits(parts[1])
	y, ok3 = digits(parts[2])
	return y, m, d, ok1 && ok2 && ok3
}

func digits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
