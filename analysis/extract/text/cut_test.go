package text

import (
	"testing"

	"github.com/oversight/oversight/analysis/extract/evidence"
)

func TestCutFeatures(t *testing.T) {
	doc := "Source: https://example.org/news\nKent County Council's children's services were rated good in 2019, up from inadequate in 2015."
	d := NewCutDoc(doc, nil)
	c := evidence.Candidate{Council: "Kent", Measure: "grade", Value: "good", Area: "overall", Date: "2019",
		Note: `grade (overall) dated by the date given with the judgement ("2019")`, SourceType: "news", Confidence: 0.85,
		Quote: "Kent County Council's children's services were rated good in 2019, up from inadequate in 2015."}
	x := CutFeatures(c, d)
	if len(x) != len(CutFeatureNames) {
		t.Fatalf("%d features, %d names", len(x), len(CutFeatureNames))
	}
	want := map[string]float64{"intercept": 1, "dated in its sentence": 1, "council not in quote": 0, "quote gives grades": 1,
		"quote gives years": 1, "grade change wording": 1, "dated by a bare year": 1, "named area": 0, "another body": 0, "was rated": 0}
	for i, n := range CutFeatureNames {
		if w, ok := want[n]; ok && x[i] != w {
			t.Errorf("feature %q = %v, want %v", n, x[i], w)
		}
	}
	m := CutModel{Weights: make([]float64, len(x))}
	m.Weights[0], m.Weights[13] = 1, -2 // "quote gives grades" pulls down
	if p := m.Probability(x); p > 0.5 {
		t.Errorf("probability %.2f, want below 0.5", p)
	}
	if d := m.Doubts(x, 2); len(d) != 1 || d[0] != "quote gives grades" {
		t.Errorf("doubts %v, want [quote gives grades]", d)
	}
}
