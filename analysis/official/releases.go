package official

import (
	"fmt"

	"github.com/oversight/oversight/analysis/dates"
)

// Release is one annual release of DfE's "Children's social work workforce"
// statistics, named by its reporting year (the latest year to 30 September
// it covers), and the day it was published.
type Release struct {
	Year int
	Day  dates.Day
	// Confirmed is set when a copy of a page dated on the release day says
	// the figures came out that day; Source names it, or says why the day
	// could not be confirmed.
	Confirmed bool
	Source    string
}

// Releases are the release days of the workforce statistics this package
// has been given, each with where it was confirmed. Every figure a
// workforce file holds is published on its release's day: a backfilled
// month sees only the releases out by then (spec v3, metrics.md "Two dates").
var Releases = []Release{
	// https://www.fenews.co.uk/press-releases/217-resources/42939-childrens-social-work-workforce-2019
	// (a copy of the GOV.UK release page "Children's social work workforce
	// 2019", dated 27 February 2020).
	{2019, dates.FromYMD(2020, 2, 27), true, "fenews.co.uk copy of the GOV.UK release page, dated 27 February 2020"},
	// https://www.communitycare.co.uk/2023/02/23/number-of-frontline-childrens-social-workers-down-8-since-2020-as-vacancies-soar/
	// ("The Department for Education's annual workforce census, released
	// today", dated 2023-02-23) and
	// https://socialcare.today/2023/02/23/dfe-figures-for-childrens-social-work-workforce-show-vacancies-up-21/.
	// The release page itself,
	// https://explore-education-statistics.service.gov.uk/find-statistics/children-s-social-work-workforce/2022,
	// is stored without its date.
	{2022, dates.FromYMD(2023, 2, 23), true, "Community Care and socialcare.today, 23 February 2023, report the release that day"},
	// https://gov.uk/government/statistics/childrens-social-work-workforce-2023
	// ("Published 29 February 2024") and
	// https://www.communitycare.co.uk/2024/02/29/councils-employing-record-numbers-of-childrens-social-workers-on-back-of-25-recruitment-boost/
	// ("released today").
	{2023, dates.FromYMD(2024, 2, 29), true, "GOV.UK release page: Published 29 February 2024"},
	// https://explore-education-statistics.service.gov.uk/find-statistics/children-s-social-work-workforce/2025
	// is not in the library, nor any page dated on the release. The day is
	// the last Thursday of February, when the 2019, 2022 and 2023 releases
	// came out; the file's 2025 figures (year to 30 September 2025) rule out
	// anything before October 2025. Correct it with `oversight import
	// --released` when the release page can be read.
	{2025, dates.FromYMD(2026, 2, 26), false, "not confirmed: the last Thursday of February 2026, as the 2019, 2022 and 2023 releases; no copy of the release page was found"},
}

// releaseOf is the release of reporting year y, from opt.Released when set.
func releaseOf(y int, opt Options) (Release, error) {
	if opt.Released != 0 {
		return Release{Year: y, Day: opt.Released, Confirmed: true, Source: "given by the importer (--released)"}, nil
	}
	for _, r := range Releases {
		if r.Year == y {
			return r, nil
		}
	}
	return Release{}, fmt.Errorf("the release of reporting year %d is not in official.Releases: give its release day (oversight import --released YYYY-MM-DD) from its page on explore-education-statistics.service.gov.uk", y)
}
