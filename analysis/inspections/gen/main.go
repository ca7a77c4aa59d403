// Command gen builds analysis/inspections/links.csv, the embedded table of
// Ofsted report addresses, from the community scrape of Ofsted's reports
// site (ofsted_csc_ilacs_history.csv in ../shared/data/real): each report's
// council (Ofsted URN), publication day, first day of inspection where the
// scrape read it, and its file's address on files.ofsted.gov.uk.
//
//	go run ./analysis/inspections/gen -data ../shared/data/real -out analysis/inspections/links.csv
//
// With -record it builds record.csv, Ofsted's judgements by council, from
// the findings-format fixtures instead:
//
//	go run ./analysis/inspections/gen -record fixtures/real -out analysis/inspections/record.csv
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
)

func main() {
	data := flag.String("data", "../shared/data/real", "folder with ofsted_csc_ilacs_history.csv")
	out := flag.String("out", "analysis/inspections/links.csv", "file to write")
	record := flag.String("record", "", "instead, write Ofsted's record of judgements (record.csv) from this folder's findings-format fixtures (fixtures/real) to -out")
	flag.Parse()
	if *record != "" {
		if err := runRecord(*record, *out); err != nil {
			log.Fatal(err)
		}
		return
	}
	if err := run(filepath.Join(*data, "ofsted_csc_ilacs_history.csv"), *out); err != nil {
		log.Fatal(err)
	}
}

// uk reads DD/MM/YY (20YY) and DD/MM/YYYY.
func uk(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	p := strings.Split(s, "/")
	if len(p) == 3 && len(p[2]) == 2 {
		s = p[0] + "/" + p[1] + "/20" + p[2]
	}
	d, err := dates.Parse(s)
	if err != nil || d.Prec != dates.PrecDay {
		return "", fmt.Errorf("date %q: %v", s, err)
	}
	return d.String(), nil
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")] = i
	}
	for _, h := range []string{"urn", "inspection_link", "publication_date", "inspection_start_date"} {
		if _, ok := col[h]; !ok {
			return fmt.Errorf("%s: no %s column", in, h)
		}
	}
	rows := [][]string{}
	for i, r := range recs[1:] {
		pub, err := uk(r[col["publication_date"]])
		if err != nil || pub == "" {
			return fmt.Errorf("%s line %d: publication date: %v", in, i+2, err)
		}
		start, err := uk(r[col["inspection_start_date"]])
		if err != nil {
			return fmt.Errorf("%s line %d: inspection start: %v", in, i+2, err)
		}
		link := strings.TrimSpace(r[col["inspection_link"]])
		if !strings.HasPrefix(link, "https://") {
			return fmt.Errorf("%s line %d: link %q is not an https address", in, i+2, link)
		}
		rows = append(rows, []string{strings.TrimSpace(r[col["urn"]]), pub, start, link})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i][0] != rows[j][0] {
			return rows[i][0] < rows[j][0]
		}
		return rows[i][1] < rows[j][1]
	})
	w, err := os.Create(out)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"urn", "published", "inspection_start", "link"})
	cw.WriteAll(rows)
	if err := cw.Error(); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}
