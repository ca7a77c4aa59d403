package findings

// plainDecimal reports whether s is a number as people write one: an
// optional sign, ASCII digits, at most one decimal point, at least one
// digit. strconv.ParseFloat also takes Go's literal syntax ("1_0" is 10,
// "0x1p4" is 16), exponents, "Inf" and "NaN", none of which is how a figure
// is written in a finding (thousands separators are removed before this).
func plainDecimal(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	digits, point := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !point:
			point = true
		default:
			return false
		}
	}
	return digits > 0
}
