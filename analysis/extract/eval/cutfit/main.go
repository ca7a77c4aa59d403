// Command cutfit fits the measured cut's model (docs/extraction.md "A
// measured cut") on the development data and writes its coefficients as
// Go (analysis/extract/text/cut_model.go), printing the leave-one-slice-out
// table. Held-out pieces are never read.
//
//	go run ./analysis/extract/eval/cutfit -texts $OVERSIGHT_NEWS_TEXTS [-first-sight 4=DIR,5=DIR,6=DIR -table FILE] [-out FILE]
//
// With -first-sight, the first-sight examples are read from the old
// extractors' outputs and written to -table (features and labels, no
// words); without it, they are read from -table. -record, -dating and
// -lift print the measurements of the record check, of dating by the
// record, and of the record lifting held grades (docs/extraction.md).
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/oversight/oversight/analysis/extract"
	"github.com/oversight/oversight/analysis/extract/eval"
	"github.com/oversight/oversight/analysis/extract/text"
	"github.com/oversight/oversight/analysis/inspections"
)

func main() {
	texts := flag.String("texts", os.Getenv("OVERSIGHT_NEWS_TEXTS"), "folder of the news texts")
	key := flag.String("key", "fixtures/news/key.csv", "the news key")
	pieces := flag.String("pieces", "fixtures/news/pieces.csv", "the news pieces")
	first := flag.String("first-sight", "", "SLICE=DIR,...: outputs of the extractor as it stood when each slice was keyed")
	table := flag.String("table", "analysis/extract/eval/testdata/cut-first-sight.csv", "the first-sight examples (written with -first-sight, else read)")
	out := flag.String("out", "", "write the fitted model here as Go (analysis/extract/text/cut_model.go)")
	target := flag.Float64("precision", 0.95, "the out-of-fold precision above the cut the threshold must reach on first sight")
	train := flag.String("train", "", "fit on this set only (\"first sight\" or \"now\"; default both)")
	record := flag.Bool("record", false, "with -first-sight: only print what the check against Ofsted's record holds back of each set's rows above the cut (the table is not rewritten)")
	dating := flag.Bool("dating", false, "only print the measurement of dating a corroborated grade by the record: the development data read with it off and on, and (with -first-sight) first sight with no check, the check, and the check with the dating, under the strict and the lenient scorer")
	seeds := flag.String("seeds", "", "with -dating: the seed documents' folder, scored with the dating off and on")
	seedKey := flag.String("seed-key", "fixtures/findings/seeds.csv", "with -dating and -seeds: the seeds' answer key")
	lift := flag.Bool("lift", false, "only print what putting above the cut the held grades Ofsted's record corroborates would do, by the kind of reason they were held for (the development data and, with -first-sight, first sight)")
	noDev := flag.Bool("no-dev", false, "with -lift: first sight only")
	flag.Parse()
	if *lift {
		if err := eval.RecordPromote(context.Background(), os.Stdout, eval.DatingOptions{
			News:       eval.NewsOptions{Texts: *texts, Key: *key, Pieces: *pieces, SkipHeldOut: true},
			FirstSight: slices(*first), NoDev: *noDev}); err != nil {
			fmt.Fprintln(os.Stderr, "cutfit:", err)
			os.Exit(1)
		}
		return
	}
	if *dating && *seeds != "" {
		for _, on := range []bool{false, true} {
			res, err := eval.Run(context.Background(), eval.Options{Seeds: *seeds, SeedKey: *seedKey, Extract: extract.Options{DateByRecord: on}})
			if err != nil {
				fmt.Fprintln(os.Stderr, "cutfit:", err)
				os.Exit(1)
			}
			fmt.Printf("== the seeds, dated by the record %v\n", on)
			res.Print(os.Stdout, 40)
		}
	}
	if *dating {
		if err := eval.RecordDating(context.Background(), os.Stdout, eval.DatingOptions{
			News:       eval.NewsOptions{Texts: *texts, Key: *key, Pieces: *pieces, SkipHeldOut: true},
			FirstSight: slices(*first)}); err != nil {
			fmt.Fprintln(os.Stderr, "cutfit:", err)
			os.Exit(1)
		}
		return
	}
	if *record {
		if err := runRecord(*texts, *key, *pieces, *first); err != nil {
			fmt.Fprintln(os.Stderr, "cutfit:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*texts, *key, *pieces, *first, *table, *out, *target, *train); err != nil {
		fmt.Fprintln(os.Stderr, "cutfit:", err)
		os.Exit(1)
	}
}

// slices reads -first-sight's SLICE=DIR list.
func slices(first string) map[string]string {
	fs := map[string]string{}
	for _, kv := range strings.Split(first, ",") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			fs[k] = v
		}
	}
	return fs
}

// runRecord prints the record check on first sight's and today's rows.
func runRecord(texts, key, pieces, first string) error {
	opts := eval.NewsOptions{Texts: texts, Key: key, Pieces: pieces, SkipHeldOut: true}
	fs := map[string]string{}
	for _, kv := range strings.Split(first, ",") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			fs[k] = v
		}
	}
	if len(fs) == 0 {
		return fmt.Errorf("-record needs -first-sight")
	}
	d, err := eval.CollectCut(context.Background(), opts, fs)
	if err != nil {
		return err
	}
	rec := inspections.DefaultRecord()
	eval.RecordCheckCut(os.Stdout, d, eval.SetFirstSight, rec)
	eval.RecordCheckCut(os.Stdout, d, eval.SetNow, rec)
	return nil
}

func run(texts, key, pieces, first, table, out string, target float64, trainOn string) error {
	opts := eval.NewsOptions{Texts: texts, Key: key, Pieces: pieces, SkipHeldOut: true}
	fs := map[string]string{}
	for _, kv := range strings.Split(first, ",") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			fs[k] = v
		}
	}
	d, err := eval.CollectCut(context.Background(), opts, fs)
	if err != nil {
		return err
	}
	if len(fs) > 0 {
		var b bytes.Buffer
		if err := eval.WriteCutTable(&b, d); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(table), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(table, b.Bytes(), 0o644); err != nil {
			return err
		}
	} else if err := d.ReadCutTable(table, opts); err != nil {
		return err
	}
	p := d.OutOfFold()
	if trainOn != "" {
		p = d.OutOfFold(trainOn)
	}
	th, ok := d.ChooseThreshold(eval.SetFirstSight, p, target)
	if !ok {
		fmt.Printf("no threshold reaches %.0f%% out-of-fold precision on first sight; the best is at %.2f\n", 100*target, th)
	}
	eval.PrintCut(os.Stdout, d, p, th)
	w := d.Fit()
	fmt.Println("weights (fitted on every example):")
	for i, n := range text.CutFeatureNames {
		fmt.Printf("  %-26s %8.4f\n", n, w[i])
	}
	if out == "" {
		return nil
	}
	src, err := eval.CutModelSource(text.CutModel{Weights: w, Threshold: th})
	if err != nil {
		return err
	}
	return os.WriteFile(out, src, 0o644)
}
