package pages

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/analysis/metrics"
	"github.com/oversight/oversight/outputs/datasets"
)

// The files a page links to, each with a line of data guidance: what a row
// is, its columns, and its codes. The counts and columns are read from the
// files as written, so the guidance cannot drift from them.

// rowGuide says what one row of each data file is and what it holds.
var rowGuide = map[string]struct{ title, row, holds string }{
	"councils.csv": {"Every council's grades and figures", "a council existing on the report date",
		"its latest overall, leadership and area grades with their dates and changes; its latest caseload, vacancy, agency and turnover figures with their dates, changes and sources; the medians of its statistical neighbours, region and England with their dates; and its ranks"},
	"regions.csv": {"Regions and England", "an English region, then England",
		"councils by overall grade and by leadership grade, the share good or outstanding, the median of each workforce figure with its date and the figures it is over, and DfE's own published figures"},
	"by_grade.csv":    {"Workforce by grade", "a grade, for councils grouped by overall grade and then by leadership grade", "the mean and median workforce figures of the councils with that grade at England's reference date"},
	"transitions.csv": {"How grades change", "an earlier overall grade", "how many times each grade followed it, over every council's history"},
	"workforce.csv": {"The workforce figures over time", "a place and date: a council's figures, or a region's or England's medians",
		"caseload, vacancy, agency and turnover rates as columns, whether a figure is official or from another source, and how many figures a median is over"},
	"findings.csv":   {"Every finding used", "a finding used (a grade, a figure, a theme)", "the council, date, measure, value, source and the input file and line it was read from"},
	"rejects.csv":    {"Input rows not used", "an input row that was not used", "the row's values as written and the reason"},
	"duplicates.csv": {"Input rows counted twice", "an input row counted as a duplicate of another", "its file and line, and those of the row it repeats"},
	"index.csv":      {"The list of councils and their files", "a council", "its name and codes, its region, and the paths of its workbook and charts in this folder"},
}

// eesCodes are the symbols DfE's open data files use for a figure that is
// not there, in the order they are explained.
var eesCodes = []findings.Code{findings.NotAvailable, findings.NotApplicable, findings.Confidential, findings.LowReliability, findings.RoundsToZero}

// dataFile is a CSV file of dir (relative path rel) with its guidance;
// rows, when not negative, is its number of data rows (a record-level
// file's, from the intake, so it is not read whole).
func dataFile(dir, rel string, rows int) (fileLink, error) {
	name := filepath.Base(rel)
	g, ok := rowGuide[name]
	if !ok {
		return fileLink{}, fmt.Errorf("pages: no data guidance for %s", name)
	}
	header, codes, n, err := readCSV(filepath.Join(dir, rel), rows < 0)
	if err != nil {
		return fileLink{}, err
	}
	if rows >= 0 {
		n = rows
	}
	size, err := sizeText(filepath.Join(dir, rel))
	if err != nil {
		return fileLink{}, err
	}
	what := fmt.Sprintf("One row for each %s (%s): %s. %s.", g.row, plural(n, "row"), g.holds, columnsText(header))
	meta := strings.TrimSuffix(rel, ".csv") + ".meta.csv"
	if _, err := os.Stat(filepath.Join(dir, meta)); err == nil {
		what += " In DfE's open data layout; " + filepath.Base(meta) + " describes each column."
	}
	if len(codes) > 0 {
		var parts []string
		for _, c := range eesCodes {
			if codes[c] {
				_, meaning, _ := strings.Cut(c.Meaning(), ": ")
				parts = append(parts, c.Bare()+" where "+meaning)
			}
		}
		what += " Codes in place of a figure: " + strings.Join(parts, "; ") + "."
	}
	return fileLink{Href: rel, Text: g.title + " (" + name + ")", Size: "CSV, " + size, What: what}, nil
}

// columnsText names a file's columns, or counts them when there are many.
func columnsText(header []string) string {
	if len(header) <= 24 {
		return "Columns: " + strings.Join(header, ", ")
	}
	return fmt.Sprintf("%d columns, from %s to %s", len(header), header[0], header[len(header)-1])
}

// readCSV reads a CSV file's header and, when whole, its rows: how many,
// and which of DfE's symbols stand in its cells.
func readCSV(path string, whole bool) ([]string, map[findings.Code]bool, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, 0, err
	}
	defer f.Close()
	cr := csv.NewReader(bufio.NewReader(f))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	if !whole {
		return header, nil, 0, nil
	}
	codes := map[findings.Code]bool{}
	n := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, 0, fmt.Errorf("%s: %w", path, err)
		}
		n++
		for _, v := range rec {
			for _, c := range eesCodes {
				if v == c.Bare() {
					codes[c] = true
				}
			}
		}
	}
	return header, codes, n, nil
}

// sizeText is a file's size as people read it: "84 KB", "1.2 MB".
func sizeText(path string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	n := fi.Size()
	switch {
	case n < 1000:
		return strconv.FormatInt(n, 10) + " bytes", nil
	case n < 1_000_000:
		return strconv.FormatInt((n+500)/1000, 10) + " KB", nil
	}
	return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + " MB", nil
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// reportFiles are a report's workbook, its data files and its manifest.
func reportFiles(dir string, r *metrics.Report, in *intake.Result) ([]fileLink, error) {
	var out []fileLink
	size, err := sizeText(filepath.Join(dir, "report.xlsx"))
	if err != nil {
		return nil, err
	}
	out = append(out, fileLink{Href: "report.xlsx", Text: "The report as a workbook", Size: "Excel, " + size,
		What: "Every table of this page and more, one table or chart a worksheet: a Cover, Contents and Notes first, then every council's grades, workforce figures and comparisons, every finding used and every row rejected."})
	counts := map[string]int{}
	if in != nil {
		counts = map[string]int{"findings.csv": len(in.Findings), "rejects.csv": len(in.Rejects), "duplicates.csv": len(in.Duplicates)}
	}
	for _, name := range datasets.Files {
		if strings.HasSuffix(name, ".meta.csv") {
			continue
		}
		n, ok := counts[name]
		if !ok {
			n = -1
		}
		f, err := dataFile(dir, "datasets/"+name, n)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, f)
		if meta := strings.TrimSuffix(name, ".csv") + ".meta.csv"; exists(filepath.Join(dir, "datasets", meta)) {
			size, err := sizeText(filepath.Join(dir, "datasets", meta))
			if err != nil {
				return nil, err
			}
			out = append(out, fileLink{Href: "datasets/" + meta, Text: "The columns of " + name + " (" + meta + ")", Size: "CSV, " + size,
				What: "The metadata of " + name + ": one row for each of its columns, with its label, unit and grouping."})
		}
	}
	out = append(out, fileLink{Href: "manifest.json", Text: "How this folder was made (manifest.json)", Size: "JSON",
		What: "How this folder was made: the version, the report date, every input file with its checksum and rows, and every output file with its checksum."})
	return out, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
