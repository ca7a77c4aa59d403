package summary

import "github.com/oversight/oversight/analysis/metrics"

// Item is one change in a sentence as changes.txt says it (a council's new
// official figure with the one it follows), for the council pages
// (outputs/pages), which list each council's own changes.
func Item(c metrics.Change) string {
	if c.Kind == metrics.ChangeOfficial {
		return officialItems([]metrics.Change{c})[0]
	}
	return item(c)
}
