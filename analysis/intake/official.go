package intake

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/oversight/oversight/analysis/official"
)

// ReferenceLayout marks a file of national and regional reference figures.
const ReferenceLayout = "reference figures"

// readOfficial converts an official statistics file (recognised by its
// header) into findings on the fly. Each finding counts as a row read, with
// the line of the source row it came from; national and regional rows
// become reference figures.
func readOfficial(ctx context.Context, path string, idx int32, rep *FileReport, p *pool, kind official.Kind) error {
	rc, err := openText(ctx, path, rep)
	if err != nil {
		return err
	}
	defer rc.Close()
	conv, err := official.Convert(ctx, kind, path, rc)
	if err != nil {
		return err
	}
	rep.Layout = string(conv.Layout)
	st := conv.Stats
	notice := fmt.Sprintf("official %s file (layout %s): %d source rows became %d findings and %d reference figures",
		conv.Kind, conv.Layout, st.RowsRead, len(conv.Records), len(conv.References))
	if len(st.Suppressed) > 0 {
		var parts []string
		for _, k := range official.SortedKeys(st.Suppressed) {
			parts = append(parts, fmt.Sprintf("%s %d", k, st.Suppressed[k]))
		}
		notice += "; suppressed cells (not numbers, never zero): " + strings.Join(parts, ", ")
	}
	if len(st.SkippedBy) > 0 {
		var parts []string
		for _, k := range official.SortedKeys(st.SkippedBy) {
			parts = append(parts, fmt.Sprintf("%s %d", k, st.SkippedBy[k]))
		}
		notice += "; skipped: " + strings.Join(parts, ", ")
	}
	rep.Notices = append(rep.Notices, notice)
	rep.Notices = append(rep.Notices, st.Notes...)
	for _, rec := range conv.Records {
		if err := p.add(idx, unit{line: int32(rec.Line), raw: rec.Raw}); err != nil {
			return err
		}
	}
	p.refs = append(p.refs, refsOf(idx, conv.References)...)
	return nil
}

func refsOf(idx int32, refs []official.Reference) []Reference {
	out := make([]Reference, len(refs))
	for i, r := range refs {
		out[i] = Reference{File: idx, Reference: r}
	}
	return out
}

// readReferences loads a reference-figures file written by `oversight
// import`. A bad row is rejected with its line like any other.
func readReferences(ctx context.Context, r *csv.Reader, header []string, idx int32, rep *FileReport, p *pool, res *Result) error {
	rep.Layout = ReferenceLayout
	cols := map[string]int{}
	for i, h := range header {
		cols[headerKey(h)] = i
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		var pe *csv.ParseError
		if err != nil && !errors.As(err, &pe) {
			return fmt.Errorf("read %s: %w", rep.Path, err)
		}
		if err == nil && blank(rec) {
			continue
		}
		line, _ := r.FieldPos(0)
		if pe != nil {
			line = pe.StartLine
		}
		ref, perr := official.ParseReference(cols, rec)
		switch {
		case pe != nil:
			perr = fmt.Errorf("not valid CSV: %v", pe.Err)
		case perr == nil && len(rec) != len(header):
			perr = fmt.Errorf("the row has %d fields but the header has %d", len(rec), len(header))
		}
		if perr != nil {
			u := unit{line: int32(line), reason: perr.Error()}
			u.raw[0] = strings.Join(rec, ",")
			if err := p.add(idx, u); err != nil {
				return err
			}
			continue
		}
		p.refs = append(p.refs, Reference{File: idx, Reference: ref})
		p.refRows[idx]++
		if line%65536 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
	}
}
