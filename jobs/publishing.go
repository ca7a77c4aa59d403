package jobs

import (
	"fmt"
	"net/mail"
	"strings"
)

// CheckEmail says what is wrong with a contact's email address for a
// workbook's Cover (jobs-file key contact_email, flag --contact-email), if
// anything: it must be one plain address, name@domain with a dot in the
// domain, as a reader's mail program takes it from the Cover's mailto link.
func CheckEmail(s string) error {
	bad := func(why string) error {
		return fmt.Errorf("%q is not an email address (%s): give one address such as statistics@example.gov.uk", s, why)
	}
	a, err := mail.ParseAddress(s)
	switch {
	case !strings.Contains(s, "@"):
		return bad("it has no @")
	case err != nil:
		return bad(strings.TrimPrefix(err.Error(), "mail: "))
	case a.Name != "" || a.Address != s:
		return bad("give the address alone, without a name or angle brackets")
	}
	local, domain, _ := strings.Cut(a.Address, "@")
	switch {
	case local == "" || domain == "":
		return bad("it needs a name and a domain either side of @")
	case !strings.Contains(strings.Trim(domain, "."), ".") || strings.HasPrefix(domain, "[") || strings.Contains(domain, ".."):
		return bad("its domain " + domain + " is not a domain name such as example.gov.uk")
	}
	return nil
}
