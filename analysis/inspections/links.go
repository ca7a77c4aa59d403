package inspections

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/oversight/oversight/analysis/dates"
)

//go:generate go run ./gen -data ../../../shared/data/real -out links.csv

// links.csv is every report the community scrape of Ofsted's reports site
// found (JT-39/ofsted-ilacs-scrape-tool, August 2026): council URN,
// publication day, first day of inspection where read, address.
//
//go:embed links.csv
var linksCSV string

// Links are the addresses of Ofsted's inspection reports, by council.
type Links struct {
	byURN map[string][]link
}

type link struct {
	published, start dates.Day
	url              string
}

var (
	defaultLinksOnce sync.Once
	defaultLinks     *Links
)

// DefaultLinks is the embedded table. It panics if the embedded file is
// broken, which the package's tests catch.
func DefaultLinks() *Links {
	defaultLinksOnce.Do(func() {
		l, err := ParseLinks(strings.NewReader(linksCSV))
		if err != nil {
			panic(err)
		}
		defaultLinks = l
	})
	return defaultLinks
}

// ParseLinks reads a table in links.csv's form: urn, published,
// inspection_start (may be blank), link.
func ParseLinks(r io.Reader) (*Links, error) {
	recs, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != "urn,published,inspection_start,link" {
		return nil, fmt.Errorf("links: the header must be urn,published,inspection_start,link")
	}
	l := &Links{byURN: map[string][]link{}}
	for i, r := range recs[1:] {
		pub, err := dates.Parse(r[1])
		if err != nil {
			return nil, fmt.Errorf("links line %d: published: %v", i+2, err)
		}
		x := link{published: pub.Day, url: r[3]}
		if r[2] != "" {
			st, err := dates.Parse(r[2])
			if err != nil {
				return nil, fmt.Errorf("links line %d: inspection_start: %v", i+2, err)
			}
			x.start = st.Day
		}
		l.byURN[r[0]] = append(l.byURN[r[0]], x)
	}
	return l, nil
}

// linkSlack is how far apart the report's printed publication day and the
// day its file was put on the site may be (five days in the 332 reports,
// one report whose file carries an appended report a week later).
const linkSlack = 10

// Find is the address of the council's report of the inspection that
// started on start (0 when not known) and was published on published: the
// report that started the same day, else the one published nearest within
// a few days; "" when none.
func (l *Links) Find(urn string, start, published dates.Day) string {
	best, bestGap := "", linkSlack+1
	for _, x := range l.byURN[urn] {
		if start != 0 && x.start == start {
			return x.url
		}
		gap := int(x.published) - int(published)
		if gap < 0 {
			gap = -gap
		}
		if published != 0 && gap < bestGap {
			best, bestGap = x.url, gap
		}
	}
	return best
}
