package publish

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ManifestName is the file that marks a folder as this program's output
// (outputs/manifest writes it; its "tool" field starts with ManifestTool).
const (
	ManifestName = "manifest.json"
	ManifestTool = "oversight"
)

// OutError is an output folder refused by CheckOut. Replaceable says that
// the caller's --replace flag would allow it (a folder of someone else's
// files); an input is never replaceable.
type OutError struct {
	Out         string
	Msg         string
	Replaceable bool
}

func (e *OutError) Error() string { return e.Msg }

// CheckOut decides, before anything is read or written, whether out may be
// replaced whole by a run reading inputs (findings, or documents to
// extract). It refuses when out is, contains or lies inside an input
// (replacing it would delete inputs, or the next run would read this one's
// outputs as input), when out is not a folder, and when out exists, is not
// empty and is not an earlier output of this program: a manifest.json from
// it listing every file there, each its listed size. replace allows the
// last case (a user who means it).
func CheckOut(out string, inputs []string, replace bool) error {
	if out == "" {
		return &OutError{Msg: "no output folder given"}
	}
	abs, err := resolve(out)
	if err != nil {
		return &OutError{Out: out, Msg: fmt.Sprintf("output folder %s: %v", out, err)}
	}
	for _, in := range inputs {
		inAbs, err := resolve(in)
		if err != nil {
			continue // the reader reports an input it cannot find
		}
		switch {
		case inAbs == abs:
			return &OutError{Out: out, Msg: fmt.Sprintf("output folder %s is the input %s: the run would replace what it reads; write the output to another folder", out, in)}
		case within(inAbs, abs):
			return &OutError{Out: out, Msg: fmt.Sprintf("output folder %s contains the input %s: replacing the folder would delete it; write the output to another folder", out, in)}
		case within(abs, inAbs):
			return &OutError{Out: out, Msg: fmt.Sprintf("output folder %s is inside the input folder %s: the next run would read this output as its input; write it outside %s", out, in, in)}
		}
	}
	info, err := os.Lstat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return &OutError{Out: out, Msg: fmt.Sprintf("output folder %s: %v", out, err)}
	case info.Mode()&fs.ModeSymlink != 0:
		return &OutError{Out: out, Msg: fmt.Sprintf("output folder %s is a symbolic link (to %s); give the folder itself", out, abs)}
	case !info.IsDir():
		return &OutError{Out: out, Msg: fmt.Sprintf("output %s exists and is a file, not a folder; give a folder", out)}
	}
	foreign, more, why, err := notOurs(out)
	if err != nil {
		return &OutError{Out: out, Msg: fmt.Sprintf("output folder %s: %v", out, err)}
	}
	if len(foreign) == 0 || replace {
		return nil
	}
	return &OutError{Out: out, Replaceable: true, Msg: fmt.Sprintf(
		"output folder %s %s; replacing it would delete %s. Give a new or empty folder, or --replace to replace it anyway",
		out, why, listFew(foreign, 5, more))}
}

// resolve makes p absolute with every symbolic link in its existing part
// followed, so two spellings of one place compare equal.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		real, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// SamePath reports whether a and b name the same place, whatever the
// spelling (relative, "..", symbolic links), whether or not it exists.
func SamePath(a, b string) bool {
	ra, errA := resolve(a)
	rb, errB := resolve(b)
	return errA == nil && errB == nil && ra == rb
}

// Inside reports whether p lies strictly inside the folder dir, whatever
// the spelling of either.
func Inside(p, dir string) bool {
	rp, errP := resolve(p)
	rd, errD := resolve(dir)
	return errP == nil && errD == nil && within(rp, rd)
}

// within reports whether p lies strictly inside dir (both resolved).
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// maxForeign is how many foreign files notOurs lists before it stops
// looking (a home folder given as --out need not be walked whole).
const maxForeign = 1000

// notOurs lists the files in dir that this program did not write: all of
// them when there is no manifest of ours, else those the manifest does not
// list or whose size changed; more says it stopped at maxForeign. why says
// which.
func notOurs(dir string) (foreign []string, more bool, why string, err error) {
	var m struct {
		Tool    string `json:"tool"`
		Outputs []struct {
			Path  string `json:"path"`
			Bytes int64  `json:"bytes"`
		} `json:"outputs"`
	}
	listed := map[string]int64{}
	ours := false
	if b, err := os.ReadFile(filepath.Join(dir, ManifestName)); err == nil && json.Unmarshal(b, &m) == nil && strings.HasPrefix(m.Tool, ManifestTool) {
		ours = true
		for _, o := range m.Outputs {
			listed[filepath.FromSlash(o.Path)] = o.Bytes
		}
	}
	changed := false
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		if ours && rel == ManifestName {
			return nil
		}
		size, ok := listed[rel]
		if ok && d.Type().IsRegular() {
			info, err := d.Info()
			if err == nil && info.Size() == size {
				return nil
			}
			changed = true
		}
		if len(foreign) == maxForeign {
			more = true
			return fs.SkipAll
		}
		foreign = append(foreign, filepath.ToSlash(rel))
		return nil
	})
	sort.Strings(foreign)
	switch {
	case !ours:
		why = "exists and is not an earlier output of oversight (it has no manifest.json from oversight)"
	case changed:
		why = "is an earlier output of oversight, but files in it were changed or added since"
	default:
		why = "is an earlier output of oversight, but holds files oversight did not write"
	}
	return foreign, more, why, err
}

func listFew(names []string, n int, more bool) string {
	quoted := make([]string, 0, n)
	for i, s := range names {
		if i == n {
			break
		}
		quoted = append(quoted, fmt.Sprintf("%q", s))
	}
	s := strings.Join(quoted, ", ")
	switch {
	case more:
		return fmt.Sprintf("more than %d files, among them %s", len(names), s)
	case len(names) > n:
		s += fmt.Sprintf(" and %d more files", len(names)-n)
	case len(names) == 1:
		return s
	}
	return fmt.Sprintf("its %d files: %s", len(names), s)
}

// CheckOutFile refuses an output file that is one of the inputs: writing it
// would replace the file being converted.
func CheckOutFile(out string, inputs []string) error {
	abs, err := resolve(out)
	if err != nil {
		return &OutError{Out: out, Msg: fmt.Sprintf("output %s: %v", out, err)}
	}
	for _, in := range inputs {
		if inAbs, err := resolve(in); err == nil && inAbs == abs {
			return &OutError{Out: out, Msg: fmt.Sprintf("output %s is the input %s: writing it would replace the file being read; give another file name", out, in)}
		}
	}
	return nil
}
