package intake

import (
	"fmt"
	"strings"

	"github.com/oversight/oversight/analysis/findings"
)

// columnMap maps a file's columns to the spec's: cols[j] is the Raw index of
// the file's column j, or -1 for a column the spec does not have.
type columnMap struct {
	cols  []int
	width int
}

// headerKey folds a header name: case, surrounding spaces, and inner spaces
// or hyphens (" Source Type " and "source-type" are "source_type").
func headerKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")))
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '_' || r == '\t' }), "_")
}

// mapHeader builds the column map, or says why the header is unusable.
// Columns the spec does not know are listed in ignored.
func mapHeader(header []string) (m columnMap, ignored []string, err error) {
	m.cols = make([]int, len(header))
	m.width = len(header)
	seen := map[int]string{}
	for j, h := range header {
		m.cols[j] = -1
		k := headerKey(h)
		if k == "" {
			continue
		}
		for c, name := range findings.ColumnNames {
			if k == name {
				if prev, dup := seen[c]; dup {
					return m, nil, fmt.Errorf("the header has the column %s twice (%q and %q); keep one", name, prev, h)
				}
				seen[c] = h
				m.cols[j] = c
			}
		}
		if m.cols[j] < 0 {
			ignored = append(ignored, strings.TrimSpace(h))
		}
	}
	var missing []string
	for _, c := range findings.Required {
		if _, ok := seen[c]; !ok {
			missing = append(missing, findings.ColumnNames[c])
		}
	}
	if len(missing) > 0 {
		return m, nil, fmt.Errorf("the header row has no %s column (required: council, date, measure, value); is the first row the header?", strings.Join(missing, ", "))
	}
	return m, ignored, nil
}

// fill copies a record's fields into a Raw.
func (m *columnMap) fill(rec []string, raw *findings.Raw) {
	for j, v := range rec {
		if j < len(m.cols) && m.cols[j] >= 0 {
			raw[m.cols[j]] = v
		}
	}
}

// ignoredNotice names the columns left out: the first few, then how many
// more.
func ignoredNotice(ignored []string) string {
	const show = 10
	names := make([]string, 0, show)
	for i, name := range ignored {
		if i == show {
			break
		}
		if len(name) > 40 {
			name = strings.ToValidUTF8(name[:40], "") + "…"
		}
		names = append(names, name)
	}
	list := strings.Join(names, ", ")
	if len(ignored) > show {
		list += fmt.Sprintf(" and %s more", thousands(len(ignored)-show))
	}
	return fmt.Sprintf("columns not in the findings contract were ignored: %s", list)
}
