package jobs

import (
	"strings"
	"testing"
)

func TestCheckEmail(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"statistics@example.gov.uk", ""},
		{"a.b+c@council.gov.uk", ""},
		{"statistics", "it has no @"},
		{"stats@localhost", "its domain localhost is not a domain name"},
		{"Stats Team <stats@example.gov.uk>", "without a name or angle brackets"},
		{"<stats@example.gov.uk>", "without a name or angle brackets"},
		{"stats@example.gov.uk, other@example.gov.uk", "single address"},
		{"stats @example.gov.uk", "is not an email address"},
		{"stats@[192.0.2.1]", "not a domain name"},
	} {
		err := CheckEmail(tc.in)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q refused: %v", tc.in, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%q: %v, want an error containing %q", tc.in, err, tc.want)
		}
	}
}
