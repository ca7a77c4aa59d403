package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/oversight/oversight/analysis/extract"
	"github.com/oversight/oversight/analysis/extract/eval"
	"github.com/oversight/oversight/analysis/extract/pdftext"
)

func cmdEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	reports := fs.String("reports", "../shared/data/ofsted-reports", "the report corpus: truth.csv and reports/ (\"\" to skip)")
	seeds := fs.String("seeds", "../shared/seeds", "the seed documents (\"\" to skip)")
	seedKey := fs.String("seed-key", "fixtures/findings/seeds.csv", "the seed documents' answer key")
	details := fs.Int("show", 40, "how many differences to list")
	workers := fs.Int("workers", 0, "documents read at once (default: one per CPU)")
	newsTexts := fs.String("news-texts", "", "score the text reader on news, council papers and FOI answers: the folder of PIECE.txt texts (not in the repository; see fixtures/news/README.md)")
	newsKey := fs.String("news-key", "fixtures/news/key.csv", "the news texts' answer key")
	newsPieces := fs.String("news-pieces", "fixtures/news/pieces.csv", "the news texts' addresses and kinds")
	heldOut := fs.Bool("held-out", true, "with --news-texts, score the held-out slice as well")
	newsCut := fs.String("news-cut", "", "with --news-texts, print the measured cut's leave-one-slice-out table (development data only), the first-sight examples read from this table (docs/extraction.md \"A measured cut\")")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: oversight eval [--reports DIR] [--seeds DIR] [--seed-key FILE] [--news-texts DIR]")
		fmt.Fprintln(stderr, "Scores extraction through the pipeline against truth.csv, the seeds' answer key and, with --news-texts, the news key.")
		fs.PrintDefaults()
	}
	if _, err := parse(fs, args, stderr); err != nil {
		return err
	}
	engine := pdftext.NewEngine(pdftext.Options{Workers: *workers})
	defer engine.Close()
	newsSet := false
	fs.Visit(func(f *flag.Flag) { newsSet = newsSet || f.Name == "news-texts" })
	if newsSet {
		res, err := eval.RunNews(ctx, eval.NewsOptions{Texts: *newsTexts, Key: *newsKey, Pieces: *newsPieces, SkipHeldOut: !*heldOut,
			Extract: extract.Options{Workers: *workers, PDF: engine}})
		if err != nil {
			return err
		}
		res.Print(stdout, *details)
		if *newsCut != "" {
			if _, err := eval.RunCut(ctx, eval.NewsOptions{Texts: *newsTexts, Key: *newsKey, Pieces: *newsPieces,
				Extract: extract.Options{Workers: *workers, PDF: engine}}, *newsCut, 0.95, "", stdout); err != nil {
				return fmt.Errorf("the measured cut: %w", err)
			}
		}
		if *reports == "" && *seeds == "" {
			return nil
		}
		fmt.Fprintln(stdout)
	}
	res, err := eval.Run(ctx, eval.Options{Reports: *reports, Seeds: *seeds, SeedKey: *seedKey,
		Extract: extract.Options{Workers: *workers, PDF: engine}})
	if err != nil {
		return err
	}
	res.Print(stdout, *details)
	return nil
}
