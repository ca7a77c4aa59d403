package dates

import "strings"

// MonthNames are the months in full, January first; MonthAbbrevs their
// three-letter forms. Every writer and reader of month names uses these.
var (
	MonthNames   = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	MonthAbbrevs = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// ParseMonth reads a month name in any case, in full or abbreviated
// ("Sept" and "Sep." too): 1 for January, and whether it is one.
func ParseMonth(s string) (int, bool) {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0, false
	}
	for i, n := range MonthNames {
		full := strings.ToLower(n)
		if s == full || s == full[:3] || (i == 8 && s == "sept") {
			return i + 1, true
		}
	}
	return 0, false
}
