package bigsheet

import (
	"strings"
	"testing"
)

func TestSafeText(t *testing.T) {
	if got := SafeText("drift\x00and\x1fdelay"); got != "drift\uFFFDand\uFFFDdelay" {
		t.Errorf("control characters: %q", got)
	}
	if got := SafeText("line one\nline two\ttab"); got != "line one\nline two\ttab" {
		t.Errorf("line breaks and tabs are kept: %q", got)
	}
	long := SafeText(strings.Repeat("é", 40000))
	if n := len([]rune(long)); n > maxCell || !strings.HasSuffix(long, "[cut: see the CSV for the full text]") {
		t.Errorf("long text: %d characters", n)
	}
	if got := SafeText("café \uFFFE"); got != "café \uFFFD" {
		t.Errorf("non-character: %q", got)
	}
}
