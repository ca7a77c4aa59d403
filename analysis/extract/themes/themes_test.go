package themes

import (
	"os"
	"strings"
	"testing"
)

// TestVocabulary keeps the labels in the contract's form (lower case,
// single spaces), unique, and each documented in README.md.
func TestVocabulary(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, th := range vocabulary {
		l := th.Label
		if l != strings.ToLower(strings.Join(strings.Fields(l), " ")) {
			t.Errorf("label %q is not lower case with single spaces", l)
		}
		if seen[l] {
			t.Errorf("label %q twice", l)
		}
		seen[l] = true
		if !strings.Contains(string(readme), "`"+l+"`") {
			t.Errorf("label %q is not in README.md", l)
		}
		for _, s := range th.suppresses {
			if !Known(s) {
				t.Errorf("%q suppresses %q, which is not a label", l, s)
			}
		}
		if len(th.patterns) == 0 {
			t.Errorf("label %q has no patterns", l)
		}
	}
	if !Known("Management  Oversight") || Known("oversight") {
		t.Error("Known does not compare as the contract does")
	}
}

// TestBest labels recommendation-like items: the most specific label wins,
// labels meant for weaknesses are kept for them.
func TestBest(t *testing.T) {
	tests := []struct {
		text     string
		weakness bool
		want     string // "" for no label
		scope    string
	}{
		{"The timeliness of strategy meetings", true, "timeliness of strategy meetings", ""},
		{"Strategy discussions are timely and well attended.", false, "child protection enquiries", ""},
		{"There was delay for some children in being offered early help.", true, "timeliness of early help", "early help"},
		{"Families and children are referred to early help services when they should be.", false, "early help", "early help"},
		{"the quality of referrals made by partner agencies varies", true, "quality of referrals from partners", ""},
		{"Oversight when children are placed in unregistered homes", true, "oversight of unregistered placements", ""},
		{"How consistently the service responds when 16 and 17-year-olds present as homeless", true, "response to homeless 16 and 17 year olds", ""},
		{"The reach, quality and effect of management supervision", true, "supervision", ""},
		{"Health arrangements for care leavers are weak.", true, "health support for care leavers", ""},
		{"Timeliness of initial health assessments for children in care", true, "health needs of children in care", ""},
		{"The multi-agency safeguarding hub responds quickly.", false, "multi-agency safeguarding hub", "mash"},
		{"Caseloads have fallen since the inspection.", false, "caseloads reduced", ""},
		{"Caseloads are too high.", true, "caseloads", ""},
		{"The weather was fine.", false, "", ""},
	}
	for _, tt := range tests {
		m, ok := Best(tt.text, tt.weakness)
		if tt.want == "" {
			if ok {
				t.Errorf("%q: labelled %q, want none", tt.text, m.Label)
			}
			continue
		}
		if !ok || m.Label != tt.want || m.Scope != tt.scope {
			t.Errorf("%q: %q scope %q, want %q scope %q", tt.text, m.Label, m.Scope, tt.want, tt.scope)
		}
		if !strings.Contains(strings.ToLower(tt.text), strings.ToLower(tt.text[m.Start:m.End])) || m.End <= m.Start {
			t.Errorf("%q: trigger [%d,%d) is not in the text", tt.text, m.Start, m.End)
		}
	}
}

func TestFindLimit(t *testing.T) {
	text := "Management oversight and supervision in the MASH are weak, and caseloads are high."
	if got := Find(text, true, 2); len(got) != 2 {
		t.Errorf("limit 2: %v", got)
	}
	if got := Find(text, true, 0); len(got) < 3 {
		t.Errorf("no limit: %v", got)
	}
}
