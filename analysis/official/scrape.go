package official

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// scrapeMarkers are the scrape tool's words for "no grade here".
var scrapeMarkers = map[string]string{
	"inspection_pre_dates_judgement": "the judgement did not exist when the inspection took place",
	"data_unreadable":                "the tool could not read the grade from the PDF",
	"not_reported_post_reform":       "no overall effectiveness judgement from April 2026",
}

// ilacsFrom: ILACS inspections were first published in 2018; the scrape's
// older rows are SIF and earlier reports whose grades it does not parse.
var ilacsFrom = dates.FromYMD(2018, 1, 1)

// parseShortUK reads DD/MM/YY as 20YY.
func parseShortUK(s string) (dates.Date, bool) {
	parts := strings.Split(s, "/")
	if len(parts) == 3 && len(parts[2]) == 2 {
		s = parts[0] + "/" + parts[1] + "/20" + parts[2]
	}
	return parseDay(s)
}

func convertScrape(res *Result, h *header, name string, rows []row, opt Options) error {
	st := &res.Stats
	ref := reference.Default()
	byURN := map[string]*reference.Council{}
	for _, c := range ref.Councils {
		if c.URN != "" {
			byURN[c.URN] = c
		}
	}
	used := map[int]bool{}
	col := func(n string) int {
		i := h.find(n)
		if i >= 0 {
			used[i] = true
		}
		return i
	}
	cURN, cName, cLink, cPDF := col("urn"), col("local_authority"), col("inspection_link"), col("pdf_filename")
	cPub, cFramework, cStart, cEnd := col("publication_date"), col("inspection_framework"), col("inspection_start_date"), col("inspection_end_date")
	col("inspector_name")
	col("parser_version")
	judg := []judgementCol{
		{col("overall_effectiveness_grade"), roleOverall, "overall_effectiveness_grade"},
		{col("impact_of_leaders_grade"), roleLeaders, "impact_of_leaders_grade"},
		{col("help_and_protection_grade"), roleHelp, "help_and_protection_grade"},
		{col("in_care_grade"), roleInCare, "in_care_grade"},
		{col("care_leavers_grade"), roleCareLeavers, "care_leavers_grade"},
	}
	unused(st, h, used)
	st.note("community scrape (JT-39/ofsted-ilacs-scrape-tool, MIT) of Ofsted's reports; councils by Ofsted URN from the reference list; publication dates DD/MM/YY read as 20YY")
	if opt.VisitsOnly {
		st.note("visits only: grades dropped (this file has no visits)")
	}
	unknownURN := map[string]bool{}

	st.CouncilRows = len(rows) // every row is about one council
	for _, r := range rows {
		pub, ok := parseShortUK(r.cell(cPub))
		if !ok {
			st.skip("row: publication_date missing or not DD/MM/YY")
			continue
		}
		council := r.cell(cName)
		if c := byURN[r.cell(cURN)]; c != nil {
			council = c.CodeOn(pub.Day)
		} else if u := r.cell(cURN); !unknownURN[u] {
			unknownURN[u] = true
			st.note("URN %q is not in the reference list; council given by the scrape's name %q", u, council)
		}
		if council == "" {
			st.skip("row: no council (URN or name)")
			continue
		}
		start, startOK := parseDay(r.cell(cStart))
		framework := "ILACS inspection"
		switch fw := strings.ToLower(r.cell(cFramework)); fw {
		case "standard", "short":
			framework = "ILACS " + fw + " inspection"
		case "":
		default:
			framework = "ILACS inspection (" + r.cell(cFramework) + ")"
		}
		when := "published " + pub.String()
		if startOK {
			when = fmt.Sprintf("inspected from %s, published %s", start, pub)
			if end, ok := parseDay(r.cell(cEnd)); ok {
				when = fmt.Sprintf("inspected %s to %s, published %s", start, end, pub)
			}
		}
		source := pick(r.cell(cLink), r.cell(cPDF), filepath.Base(name))

		// Before 2023 ILACS judged children in care and care leavers together.
		// The inspection's date is its start date, else (for reports
		// published before 2023) the publication date bounds it.
		careLeavers := strings.ToLower(r.cell(judg[4].col))
		var inspected dates.Day
		switch {
		case startOK:
			inspected = start.Day
		case pub.Day < ilacsCareLeaversFrom:
			inspected = pub.Day
		}
		pre2023 := careLeavers == "inspection_pre_dates_judgement" || (inspected != 0 && inspected < ilacsCareLeaversFrom)
		if pre2023 && inspected == 0 {
			inspected = ilacsCareLeaversFrom - 1
		}
		careLeaversBlank := pre2023 || !gradeWord(careLeavers)
		for _, j := range judg {
			v := r.cell(j.col)
			if _, marker := scrapeMarkers[strings.ToLower(v)]; marker {
				st.suppress(strings.ToLower(v))
				continue
			}
			if !judgement(st, v) {
				continue
			}
			if pub.Day < ilacsFrom {
				st.skip("grade on a pre-ILACS report (use ofsted_la_inspections_2009-2023.csv)")
				continue
			}
			if j.role == roleCareLeavers && pre2023 {
				st.skip("care leavers grade on an inspection before 2023, when ILACS had no such judgement (scrape error)")
				continue
			}
			if opt.VisitsOnly {
				st.skip("grade dropped (visits only)")
				continue
			}
			area := areaFor(j.role, careLeaversBlank, inspected)
			// Spec v3: the inspection's first day, published on the
			// report's day; the publication day stands in where the tool
			// read no start date.
			date, dating := pub.String(), ByPublication
			if startOK {
				date, dating = start.String(), ByInspection
			}
			rw := raw(council, date, findings.Grade, v)
			rw[findings.ColPublished] = pub.String()
			rw[findings.ColArea] = area.String()
			rw[findings.ColSource] = source
			rw[findings.ColSourceType] = "ofsted"
			rw[findings.ColNote] = fmt.Sprintf("Ofsted %s, %s; %s as parsed from the report PDF by the JT-39 scrape tool", framework, when, j.heading)
			res.Records = append(res.Records, Record{Line: r.line, Raw: rw, Dating: dating})
		}
	}
	return nil
}
