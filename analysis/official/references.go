package official

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/analysis/findings"
)

// ReferenceColumns is the header of a reference-figures file: the national
// and regional figures of an official release, written by `oversight import`
// beside the findings so a run can set council figures against them.
// published (v3) is the release day, blank when not known.
var ReferenceColumns = []string{"level", "region", "code", "date", "published", "measure", "value", "sub_region", "source"}

// IsReferenceHeader recognises a reference-figures file.
func IsReferenceHeader(header []string) bool {
	h := newHeader(cleanHeader(header))
	return h.has("level", "region", "date", "measure", "value") && !h.has("council")
}

// WriteReferencesCSV writes reference figures with ReferenceColumns.
func WriteReferencesCSV(w io.Writer, refs []Reference) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ReferenceColumns); err != nil {
		return err
	}
	for _, r := range refs {
		sub := ""
		if r.SubRegion {
			sub = "yes"
		}
		pub := ""
		if r.Published.Day != 0 {
			pub = r.Published.String()
		}
		if err := cw.Write([]string{r.Level, r.Region, r.Code, r.Date.String(), pub, r.Measure.String(),
			strconv.FormatFloat(r.Value, 'f', -1, 64), sub, r.Source}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ParseReference reads one row of a reference-figures file; cols maps the
// column names of ReferenceColumns to positions in rec.
func ParseReference(cols map[string]int, rec []string) (Reference, error) {
	get := func(name string) string {
		if i, ok := cols[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var r Reference
	switch r.Level = strings.ToLower(get("level")); r.Level {
	case "national", "regional":
	default:
		return r, fmt.Errorf("level %q is not national or regional", get("level"))
	}
	if r.Region = get("region"); r.Region == "" {
		return r, fmt.Errorf("region is blank")
	}
	r.Code = get("code")
	d, err := dates.Parse(get("date"))
	if err != nil {
		return r, err
	}
	r.Date = d
	if p := get("published"); p != "" {
		pd, err := dates.Parse(p)
		if err != nil {
			return r, fmt.Errorf("published: %v", err)
		}
		if pd.Day < d.Day {
			return r, fmt.Errorf("published %s is before the date %s", pd, d)
		}
		r.Published = pd
	}
	m, ok := findings.ParseMeasure(strings.ToLower(get("measure")))
	if !ok || !m.Numeric() {
		return r, fmt.Errorf("measure %q is not a workforce measure", get("measure"))
	}
	r.Measure = m
	v, err := strconv.ParseFloat(get("value"), 64)
	if err != nil {
		return r, fmt.Errorf("value %q is not a number", get("value"))
	}
	r.Value = v
	r.SubRegion = strings.EqualFold(get("sub_region"), "yes")
	r.Source = get("source")
	return r, nil
}
