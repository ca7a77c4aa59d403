package jobs

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/oversight/oversight/analysis/extract"
	"github.com/oversight/oversight/analysis/intake"
	"github.com/oversight/oversight/outputs/extracted"
	"github.com/oversight/oversight/outputs/workbook"
)

// DocumentsDir is the extraction's folder in a run's output, as `oversight
// extract` writes it (outputs/extracted): findings.csv, documents.csv,
// review.csv, its own manifest.json and, unless the registry is kept
// outside the output (Options.Registry), registry.jsonl.
const DocumentsDir = "documents"

// documentsFindings is the name the run's inputs give the findings
// extracted from its documents: their path in the output.
const documentsFindings = DocumentsDir + "/" + extracted.FindingsFile

// registryPath is the registry of documents already read that a run reads:
// opt.Registry (a scheduled job's, in its root), else the one in the
// previous output at opt.Out, which is read before the folder is replaced.
func registryPath(opt Options) string {
	if opt.Registry != "" {
		return opt.Registry
	}
	return filepath.Join(opt.Out, DocumentsDir, extracted.RegistryFile)
}

// extractDocuments reads opt.Documents (only those not in the registry) and
// writes the extraction's folder into the staging folder, so it is
// published with the rest of the run; own is its findings file, for the
// intake. Nothing is done when the run has no documents.
func extractDocuments(ctx context.Context, opt Options, t *timer, stageDir string) (res *extract.Result, own []intake.OwnFile, err error) {
	if len(opt.Documents) == 0 {
		return nil, nil, nil
	}
	reg := registryPath(opt)
	err = t.run("extract documents", func() error {
		started := time.Now()
		var err error
		res, err = extract.Run(ctx, extract.Options{
			Paths: opt.Documents, Registry: reg, Skip: []string{opt.Out, reg}, Workers: opt.Workers, PDF: opt.PDF, Budget: opt.DocumentBudget,
			Progress: func(d extract.Document) {
				if d.New && d.Status == extract.StatusRejected && ctx.Err() == nil {
					opt.Logger.Warn("document rejected", "file", d.File, "reason", d.Reason)
				}
			},
		})
		if err != nil {
			return err
		}
		return extracted.Write(filepath.Join(stageDir, DocumentsDir), res, extracted.Options{Version: opt.Version, Started: started,
			NoRegistry: opt.Registry != ""})
	})
	if err != nil {
		return nil, nil, fmt.Errorf("documents: %w", err)
	}
	opt.Logger.Info("documents read", "documents", len(res.Documents), "new", res.New, "findings", len(res.Findings), "review", len(res.Review))
	own = []intake.OwnFile{{Path: filepath.Join(stageDir, DocumentsDir, extracted.FindingsFile), Name: documentsFindings}}
	return res, own, nil
}

// saveRegistry keeps the registry outside the output (opt.Registry), once
// the run has published: a run that failed leaves it as it was, so the
// next run reads its new documents again.
func saveRegistry(opt Options, res *extract.Result) error {
	if res == nil || opt.Registry == "" {
		return nil
	}
	if err := extracted.SaveRegistry(opt.Registry, res); err != nil {
		return fmt.Errorf("published %s but could not save the registry of documents read (the next run reads them again): %w", opt.Out, err)
	}
	return nil
}

// reportDocuments are the documents for the report's New documents sheet
// (which shows the new ones): nil when the run has none. keep, when set,
// restricts them to documents it says yes to (a research question's).
func reportDocuments(res *extract.Result, keep func(sha string) bool) []workbook.Document {
	if res == nil {
		return nil
	}
	out := []workbook.Document{}
	for _, d := range res.Documents {
		if keep != nil && !keep(d.SHA256) {
			continue
		}
		out = append(out, workbook.Document{File: d.File, Kind: d.Kind, Council: d.Council, Framework: d.Framework,
			Published: d.Published, Findings: d.Findings, Review: d.Review, Status: d.Status, Reason: d.Reason,
			SHA256: d.SHA256, New: d.New})
	}
	return out
}
