package official

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

func TestScratch(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/data/real/*.csv")
	p := findings.NewParser(reference.Default())
	for _, f := range files {
		fh, _ := os.Open(f)
		res, err := Convert(context.Background(), "", filepath.Base(f), fh)
		fh.Close()
		if err != nil {
			t.Log(err)
			continue
		}
		rej := 0
		for _, r := range res.Records {
			if _, err := p.Parse(&r.Raw); err != nil {
				rej++
				if rej < 5 {
					t.Log("REJECT", r.Line, r.Raw, err)
				}
			}
		}
		t.Logf("%s: %s recs=%d refs=%d rej=%d stats=%+v", filepath.Base(f), res.Layout, len(res.Records), len(res.References), rej, res.Stats)
	}
}
