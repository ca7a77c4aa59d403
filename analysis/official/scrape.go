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

// convertScrape converts the community scrape of Ofsted's ILACS reports:
// each row one report's grades.
func convertScrape(res *Result, h *header, name string, rows []row, opt Options) error {
	st := &res.Stats
	ref := reference.Default()
	s := &scrapeFile{name: name, opt: opt, byURN: map[string]*reference.Council{}, unknownURN: map[string]bool{}}
	for _, c := range ref.Councils {
		if c.URN != "" {
			s.byURN[c.URN] = c
		}
	}
	s.columns(st, h)
	st.note("community scrape (JT-39/ofsted-ilacs-scrape-tool, MIT) of Ofsted's reports; councils by Ofsted URN from the reference list; publication dates DD/MM/YY read as 20YY")
	if opt.VisitsOnly {
		st.note("visits only: grades dropped (this file has no visits)")
	}
	st.CouncilRows = len(rows) // every row is about one council
	for _, r := range rows {
		s.report(res, &r)
	}
	return nil
}

// scrapeFile is a scrape file being converted: where its columns are and
// what the rows read so far have noted.
type scrapeFile struct {
	name                       string
	opt                        Options
	byURN                      map[string]*reference.Council
	unknownURN                 map[string]bool // URNs already noted
	urn, council, link, pdf    int
	pub, framework, start, end int
	judg                       []judgementCol
}

// columns finds the columns by their headings, noting those it does not
// use.
func (s *scrapeFile) columns(st *Stats, h *header) {
	col := h.take
	s.urn, s.council, s.link, s.pdf = col("urn"), col("local_authority"), col("inspection_link"), col("pdf_filename")
	s.pub, s.framework, s.start, s.end = col("publication_date"), col("inspection_framework"), col("inspection_start_date"), col("inspection_end_date")
	col("inspector_name")
	col("parser_version")
	s.judg = []judgementCol{
		{col("overall_effectiveness_grade"), roleOverall, "overall_effectiveness_grade"},
		{col("impact_of_leaders_grade"), roleLeaders, "impact_of_leaders_grade"},
		{col("help_and_protection_grade"), roleHelp, "help_and_protection_grade"},
		{col("in_care_grade"), roleInCare, "in_care_grade"},
		{col("care_leavers_grade"), roleCareLeavers, "care_leavers_grade"},
	}
	h.noteUnused(st)
}

// report adds one report's grades, each dated by the inspection's start
// (else its publication).
func (s *scrapeFile) report(res *Result, r *row) {
	st := &res.Stats
	pub, ok := parseShortUK(r.cell(s.pub))
	if !ok {
		st.skip("row: publication_date missing or not DD/MM/YY")
		return
	}
	council := s.councilOf(st, r, pub)
	if council == "" {
		st.skip("row: no council (URN or name)")
		return
	}
	start, startOK := parseDay(r.cell(s.start))
	framework, when := s.describe(r, pub, start, startOK)
	source := pick(r.cell(s.link), r.cell(s.pdf), filepath.Base(s.name))
	careLeavers := strings.ToLower(r.cell(s.judg[4].col))
	inspected, pre2023 := scrapeInspected(start, startOK, pub, careLeavers)
	careLeaversBlank := pre2023 || !gradeWord(careLeavers)
	for _, j := range s.judg {
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
		if s.opt.VisitsOnly {
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

// councilOf is the council a report is about, by its Ofsted URN (the code
// it had on the publication day), else the scrape's name for it; a URN
// the reference list lacks is noted once.
func (s *scrapeFile) councilOf(st *Stats, r *row, pub dates.Date) string {
	council := r.cell(s.council)
	if c := s.byURN[r.cell(s.urn)]; c != nil {
		council = c.CodeOn(pub.Day)
	} else if u := r.cell(s.urn); !s.unknownURN[u] {
		s.unknownURN[u] = true
		st.note("URN %q is not in the reference list; council given by the scrape's name %q", u, council)
	}
	return council
}

// describe is the report's framework and its dates, as a finding's note
// gives them.
func (s *scrapeFile) describe(r *row, pub, start dates.Date, startOK bool) (framework, when string) {
	framework = "ILACS inspection"
	switch fw := strings.ToLower(r.cell(s.framework)); fw {
	case "standard", "short":
		framework = "ILACS " + fw + " inspection"
	case "":
	default:
		framework = "ILACS inspection (" + r.cell(s.framework) + ")"
	}
	when = "published " + pub.String()
	if startOK {
		when = fmt.Sprintf("inspected from %s, published %s", start, pub)
		if end, ok := parseDay(r.cell(s.end)); ok {
			when = fmt.Sprintf("inspected %s to %s, published %s", start, end, pub)
		}
	}
	return framework, when
}

// scrapeInspected is the day the inspection is taken to be, for how its
// children in care judgement is read, and whether it was before 2023, when
// ILACS judged children in care and care leavers together. The
// inspection's date is its start date, else (for reports published before
// 2023) the publication date bounds it.
func scrapeInspected(start dates.Date, startOK bool, pub dates.Date, careLeavers string) (dates.Day, bool) {
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
	return inspected, pre2023
}
