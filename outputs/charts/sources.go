package charts

import (
	"strings"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/metrics"
)

// sourceLabels is the one table of how each kind of source is named to a
// reader: in footnotes, legends, labels and alternative text.
var sourceLabels = [...]string{
	findings.SourceStatistics: "official statistics",
	findings.SourceOfsted:     "Ofsted reports",
	findings.SourceNews:       "news reports",
	findings.SourceCouncil:    "council papers",
	findings.SourceNone:       "sources not given",
}

// SourceLabel names a kind of source for a reader: "official statistics",
// "Ofsted reports", "news reports", "council papers", "sources not given".
func SourceLabel(t findings.SourceType) string {
	if int(t) < len(sourceLabels) && sourceLabels[t] != "" {
		return sourceLabels[t]
	}
	return sourceLabels[findings.SourceNone]
}

// SourceNames names a set of kinds of source, official ones first:
// "official statistics, news reports".
func SourceNames(s metrics.SourceSet) string {
	var out []string
	for _, t := range s.Types() {
		out = append(out, SourceLabel(t))
	}
	return strings.Join(out, ", ")
}
