// Package intake reads findings files (CSV, JSON Lines, XLSX, folders of
// them), validates every row and accounts for it: each row read is accepted,
// rejected with a reason, or counted as a duplicate of an earlier row, so
// read = accepted + rejected + duplicates for every file.
package intake

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/official"
	"github.com/oversight/oversight/analysis/reference"
)

// Options control a load.
type Options struct {
	Ref *reference.List
	// Workers parse rows in parallel; 0 means one per CPU. The result is the
	// same whatever the number.
	Workers int
	// XLSXSizeLimit caps the unzipped size of an XLSX file, so a hostile or
	// broken file cannot exhaust memory. 0 means DefaultXLSXSizeLimit.
	XLSXSizeLimit int64
	// Format forces how CSV files are read: "findings", or an official kind
	// ("csww", "ofsted-outcomes", "ofsted-scrape"). Blank: by the header.
	Format string
	// Own are files the run made itself (the findings it extracted from
	// documents, in its staging folder): read after the paths, always as
	// findings whatever Format says, each shown under its Name.
	Own []OwnFile
}

// OwnFile is a findings file a run made itself. Name is what the report
// calls it (FileReport.Path, messages): its path in the run's output, such
// as "documents/findings.csv", not where it was staged.
type OwnFile struct{ Path, Name string }

// DefaultXLSXSizeLimit is 1 GiB unzipped: about 4 million findings.
const DefaultXLSXSizeLimit = 1 << 30

// FileReport accounts for one input file.
type FileReport struct {
	Path       string   `json:"path"`
	Format     string   `json:"format"`
	Layout     string   `json:"layout,omitempty"` // an official file's layout, or "reference figures"
	Encoding   string   `json:"encoding,omitempty"`
	Sheet      string   `json:"sheet,omitempty"`
	SHA256     string   `json:"sha256"`
	Bytes      int64    `json:"bytes"`
	Read       int      `json:"rows_read"`
	Accepted   int      `json:"rows_accepted"`
	Rejected   int      `json:"rows_rejected"`
	Duplicates int      `json:"rows_duplicate"`
	Error      string   `json:"error,omitempty"` // the file was rejected whole
	Notices    []string `json:"notices,omitempty"`
}

// Reject is a row that was not used, with its original values.
type Reject struct {
	File   int32
	Line   int32
	Raw    findings.Raw
	Reason string
}

// Duplicate is a row that repeats an earlier accepted finding.
type Duplicate struct {
	File, Line     int32
	OfFile, OfLine int32
}

// Reference is a national or regional figure from an official release,
// with the file it came from.
type Reference struct {
	File int32
	official.Reference
}

// Result is everything a load produced.
type Result struct {
	Files      []FileReport
	Findings   []findings.Finding // accepted, de-duplicated, in input order
	Rejects    []Reject           // in input order
	Duplicates []Duplicate        // in input order
	References []Reference        // national and regional figures, in input order
	Notices    []string           // files skipped in folders, paths listed twice
}

// Rejected reports whether any row or file was rejected.
func (r *Result) Rejected() bool {
	for _, f := range r.Files {
		if f.Error != "" || f.Rejected > 0 {
			return true
		}
	}
	return false
}

// FileErrors counts the files rejected whole.
func (r *Result) FileErrors() int {
	n := 0
	for _, f := range r.Files {
		if f.Error != "" {
			n++
		}
	}
	return n
}

// Totals sums the per-file counts.
func (r *Result) Totals() (read, accepted, rejected, duplicates int) {
	for _, f := range r.Files {
		read += f.Read
		accepted += f.Accepted
		rejected += f.Rejected
		duplicates += f.Duplicates
	}
	return
}

// Check verifies read = accepted + rejected + duplicates for every file and
// that the lists agree with the counts: a load that loses a row fails here
// rather than publishing.
func (r *Result) Check() error {
	acc := make([]int, len(r.Files))
	rej := make([]int, len(r.Files))
	dup := make([]int, len(r.Files))
	for i := range r.Findings {
		acc[r.Findings[i].File]++
	}
	for _, ref := range r.References {
		if r.Files[ref.File].Layout == ReferenceLayout {
			acc[ref.File]++
		}
	}
	for _, x := range r.Rejects {
		if x.Line > 0 {
			rej[x.File]++
		}
	}
	for _, d := range r.Duplicates {
		dup[d.File]++
	}
	for i, f := range r.Files {
		if f.Read != f.Accepted+f.Rejected+f.Duplicates {
			return fmt.Errorf("%s: %d rows read but %d accepted + %d rejected + %d duplicates", f.Path, f.Read, f.Accepted, f.Rejected, f.Duplicates)
		}
		if acc[i] != f.Accepted || rej[i] != f.Rejected || dup[i] != f.Duplicates {
			return fmt.Errorf("%s: counts %d/%d/%d do not match the lists %d/%d/%d", f.Path, f.Accepted, f.Rejected, f.Duplicates, acc[i], rej[i], dup[i])
		}
	}
	return nil
}

// Load reads every path (files, or folders read recursively in sorted path
// order) and returns the accepted findings and the accounting.
func Load(ctx context.Context, paths []string, opt Options) (*Result, error) {
	if opt.Ref == nil {
		opt.Ref = reference.Default()
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.XLSXSizeLimit <= 0 {
		opt.XLSXSizeLimit = DefaultXLSXSizeLimit
	}
	res := &Result{}
	var files []string
	if len(paths) > 0 || len(opt.Own) == 0 {
		var err error
		if files, err = expand(paths, res); err != nil {
			return nil, err
		}
	}
	names := make([]string, len(files), len(files)+len(opt.Own))
	copy(names, files)
	for _, o := range opt.Own {
		files, names = append(files, o.Path), append(names, o.Name)
	}
	p := newPool(ctx, opt)
	for i, path := range files {
		if err := ctx.Err(); err != nil {
			p.close()
			return nil, err
		}
		idx := int32(len(res.Files))
		res.Files = append(res.Files, FileReport{Path: names[i], Format: formatOf(path)})
		rep := &res.Files[idx]
		fopt := opt
		if i >= len(files)-len(opt.Own) {
			fopt.Format = "findings"
		}
		if err := readFile(ctx, path, idx, rep, p, fopt, res); err != nil {
			if ctx.Err() != nil {
				p.close()
				return nil, ctx.Err()
			}
			rep.Error = strings.ReplaceAll(err.Error(), path, names[i])
			res.Rejects = append(res.Rejects, Reject{File: idx, Line: 0, Reason: "file rejected whole: " + rep.Error})
		}
		p.flush()
	}
	out := p.close()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	dropRejectedFiles(res, &out, p)
	// Rows come back in input order; file-level rejects were noted as files
	// failed, and conflicts are found by settle: one sort puts them in place.
	res.Rejects = append(out.rejects, res.Rejects...)
	res.References = p.refs
	for i := range res.Files {
		res.Files[i].Read = out.read[int32(i)] + p.refRows[int32(i)]
		if keys := out.unknown[int32(i)]; len(keys) > 0 {
			list := make([]string, 0, len(keys))
			for k := range keys {
				list = append(list, k)
			}
			sort.Strings(list)
			res.Files[i].Notices = append(res.Files[i].Notices, ignoredNotice(list))
		}
	}
	settle(res, out.accepted, out.gradeRaws, opt.Ref)
	sort.SliceStable(res.Rejects, func(i, j int) bool {
		a, b := res.Rejects[i], res.Rejects[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	capMessages(res)
	if err := res.Check(); err != nil {
		return nil, fmt.Errorf("accounting: %w", err)
	}
	return res, nil
}

// dropRejectedFiles takes out every row of a file that failed part way
// (damaged, cut short, unreadable): a file rejected whole contributes no
// rows, so a damaged file can never pass as a shorter one.
func dropRejectedFiles(res *Result, out *collected, p *pool) {
	bad := map[int32]bool{}
	for i, f := range res.Files {
		if f.Error != "" {
			bad[int32(i)] = true
		}
	}
	if len(bad) == 0 {
		return
	}
	n := 0
	for i := range out.accepted {
		if !bad[out.accepted[i].File] {
			out.accepted[n] = out.accepted[i]
			n++
		}
	}
	out.accepted = out.accepted[:n]
	rejects := out.rejects[:0]
	for _, r := range out.rejects {
		if !bad[r.File] {
			rejects = append(rejects, r)
		}
	}
	out.rejects = rejects
	refs := p.refs[:0]
	for _, r := range p.refs {
		if !bad[r.File] {
			refs = append(refs, r)
		}
	}
	p.refs = refs
	for f := range bad {
		out.read[f], p.refRows[f] = 0, 0
		delete(out.unknown, f)
	}
}

func formatOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return "csv"
	case ".jsonl", ".ndjson":
		return "jsonl"
	case ".xlsx":
		return "xlsx"
	}
	return ""
}

// expand turns the paths into a sorted list of files, noting what it skips.
func expand(paths []string, res *Result) ([]string, error) {
	var files []string
	seen := map[string]bool{}
	add := func(p string) {
		abs, err := filepath.Abs(p)
		if err != nil {
			abs = p
		}
		if seen[abs] {
			res.Notices = append(res.Notices, fmt.Sprintf("%s is listed more than once; read once", p))
			return
		}
		seen[abs] = true
		files = append(files, p)
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("findings path %s: %w", p, err)
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				return nil, fmt.Errorf("findings file %s is %s, not a regular file; give a file saved on disk", p, FileKind(info.Mode()))
			}
			if formatOf(p) == "" {
				return nil, fmt.Errorf("findings file %s: type %q is not supported; use .csv, .jsonl or .xlsx", p, filepath.Ext(p))
			}
			add(p)
			continue
		}
		var inDir []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("read folder %s: %w", path, err)
			}
			if d.IsDir() {
				return nil
			}
			name := d.Name()
			mode := d.Type()
			if mode&fs.ModeSymlink != 0 {
				// Followed for files only; a link to a folder could loop.
				if info, err := os.Stat(path); err == nil {
					mode = info.Mode().Type()
				}
			}
			switch {
			case mode.IsDir():
				res.Notices = append(res.Notices, fmt.Sprintf("skipped %s: a link to a folder (not followed; name the folder itself)", path))
			case !mode.IsRegular():
				res.Notices = append(res.Notices, fmt.Sprintf("skipped %s: %s, not a regular file", path, FileKind(mode)))
			case formatOf(name) == "":
				res.Notices = append(res.Notices, fmt.Sprintf("skipped %s: not a .csv, .jsonl or .xlsx file", path))
			case strings.HasPrefix(name, "~$"):
				res.Notices = append(res.Notices, fmt.Sprintf("skipped %s: an Excel lock file, not data", path))
			default:
				inDir = append(inDir, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(inDir)
		if len(inDir) == 0 {
			res.Notices = append(res.Notices, fmt.Sprintf("folder %s holds no findings files", p))
		}
		for _, f := range inDir {
			add(f)
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no findings files in %s", strings.Join(paths, ", "))
	}
	return files, nil
}

// FileKind names what a path is when it is not a regular file.
func FileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a broken symbolic link"
	}
	return "not a plain file"
}

func readFile(ctx context.Context, path string, idx int32, rep *FileReport, p *pool, opt Options, res *Result) error {
	switch rep.Format {
	case "csv":
		return readCSV(ctx, path, idx, rep, p, opt.Format, res)
	case "jsonl":
		return readJSONL(ctx, path, idx, rep, p)
	case "xlsx":
		return readXLSX(ctx, path, idx, rep, p, opt.XLSXSizeLimit)
	}
	return fmt.Errorf("type %q is not supported", filepath.Ext(path))
}
