package pages_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/oversight/oversight/outputs/pages/browsertest"
)

// TestLook writes screenshots of the pages into $OVERSIGHT_SCREENSHOTS, to
// look at (not run otherwise).
func TestLook(t *testing.T) {
	shots := os.Getenv("OVERSIGHT_SCREENSHOTS")
	if shots == "" {
		t.Skip("set OVERSIGHT_SCREENSHOTS to a folder to write screenshots into")
	}
	b := browsertest.Start(t)
	rep, _ := reportDir(t)
	cou, _ := councilsDir(t)
	res, _ := researchDir(t)
	for _, p := range []struct {
		name, path string
		width      int
	}{
		{"report", filepath.Join(rep, "index.html"), 1280},
		{"report-320", filepath.Join(rep, "index.html"), 320},
		{"councils", filepath.Join(cou, "index.html"), 1280},
		{"research", filepath.Join(res, "index.html"), 1280},
		{"kingston", filepath.Join(cou, "councils", "kingston-upon-thames.html"), 1280},
		{"scilly", filepath.Join(cou, "councils", "isles-of-scilly.html"), 1280},
		{"south-tyneside", filepath.Join(cou, "councils", "south-tyneside.html"), 1280},
		{"south-tyneside-320", filepath.Join(cou, "councils", "south-tyneside.html"), 320},
		{"barking", filepath.Join(cou, "councils", "barking-and-dagenham.html"), 1280},
	} {
		pg, err := b.Open(p.path, p.width, 900)
		if err != nil {
			t.Fatal(err)
		}
		png, err := pg.Screenshot()
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(shots, p.name+".png"), png, 0o644)
		if p.name == "south-tyneside" || p.name == "kingston" || p.name == "barking" {
			pdf, err := pg.PDF()
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(shots, p.name+".pdf"), pdf, 0o644)
		}
		pg.Close()
	}
}
