package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/oversight/oversight/fixtures/synth"
)

func cmdFixtures(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "synth" {
		return usagef("usage: oversight fixtures synth --rows N --seed S --bad K --out DIR")
	}
	fs := flag.NewFlagSet("fixtures synth", flag.ContinueOnError)
	rows := fs.Int("rows", 10000, "rows to write in all (CSV and JSON Lines), bad rows and duplicates included")
	seed := fs.Uint64("seed", 1, "random seed: the same options give the same files")
	bad := fs.Int("bad", 0, "bad rows of known kinds (each is rejected for its kind only)")
	dups := fs.Int("duplicates", 0, "rows repeating an earlier finding")
	share := fs.Float64("jsonl-share", 1.0/11, "share of rows written as JSON Lines (1/11 gives 1,000,000 CSV : 100,000 JSONL for 1.1M rows)")
	out := fs.String("out", "", "folder for findings.csv, findings.jsonl and expect.json")
	replace := fs.Bool("replace", false, "write over findings.csv, findings.jsonl or expect.json in --out even if they are not an earlier synth's")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: oversight fixtures synth --rows N --seed S --bad K --out DIR")
		fs.PrintDefaults()
	}
	if _, err := parse(fs, args[1:], stderr); err != nil {
		return err
	}
	if *out == "" {
		return usagef("give the folder to write: --out DIR")
	}
	if err := checkSynthOut(*out, *replace); err != nil {
		return err
	}
	exp, err := synth.WriteFiles(ctx, *out, synth.Options{Rows: *rows, Seed: *seed, Bad: *bad, Duplicates: *dups, JSONLShare: *share})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d CSV and %d JSON Lines rows to %s: %d accepted, %d rejected, %d duplicates expected\n",
		exp.CSVRows, exp.JSONLRows, *out, exp.Accepted, exp.Rejected, exp.Duplicates)
	return nil
}

// checkSynthOut refuses to write over someone's findings.csv: the files
// synth writes may replace only an earlier synth's (its expect.json says
// so), unless --replace.
func checkSynthOut(dir string, replace bool) error {
	if replace {
		return nil
	}
	var exp synth.Expect
	b, err := os.ReadFile(filepath.Join(dir, "expect.json"))
	earlier := err == nil && json.Unmarshal(b, &exp) == nil && exp.CSVRows+exp.JSONLRows > 0
	for _, name := range []string{"findings.csv", "findings.jsonl", "expect.json"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil && !earlier {
			return fmt.Errorf("%s already holds %s, which an earlier `fixtures synth` did not write (no expect.json of its own beside it); give another folder, or --replace to write over it", dir, name)
		}
	}
	return nil
}
