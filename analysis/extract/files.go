package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/oversight/oversight/analysis/intake"
)

// item is one path walk found: a file to read, or a row already made for a
// path that is not one (a pipe, a broken link, a folder it cannot read).
type item struct {
	path string
	row  *Document
}

// documentExts are the extensions of documents: a folder with one is
// named like a document and gets a row saying it is a folder.
var documentExts = map[string]bool{".pdf": true, ".html": true, ".htm": true, ".txt": true, ".md": true, ".text": true}

// walk lists every path under paths, each folder in sorted order: the
// files to read, and a row for every path that is not a file to read
// (named pipes, sockets, devices, links that are broken, loop or point to
// folders, folders it cannot list, folders named like a document, a folder
// given that holds nothing). A link to a file is read, wherever the file
// is. Hidden files and folders (names starting with ".") and the paths in
// skip are passed over. A path given that does not exist is an error: it
// is the command line's mistake, not a document.
func walk(paths, skip []string) ([]item, error) {
	w := &walker{skip: map[string]bool{}, seen: map[string]bool{}}
	for _, s := range skip {
		if a, err := filepath.Abs(s); err == nil {
			w.skip[a] = true
		}
	}
	for _, root := range paths {
		if err := w.root(root); err != nil {
			return nil, err
		}
	}
	return w.out, nil
}

// walker lists the paths walk finds, each once.
type walker struct {
	skip map[string]bool // absolute paths passed over
	seen map[string]bool // absolute paths listed
	out  []item
}

func (w *walker) add(it item) {
	if a, err := filepath.Abs(it.path); err == nil {
		if w.seen[a] {
			return
		}
		w.seen[a] = true
	}
	w.out = append(w.out, it)
}

// root lists a path given: a file, or what a folder holds.
func (w *walker) root(root string) error {
	if _, err := os.Lstat(root); err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	info, err := os.Stat(root)
	if err != nil {
		// A link given by name that points nowhere (or loops).
		w.add(item{root, notAFile(root, err)})
		return nil
	}
	if !info.IsDir() {
		if !info.Mode().IsRegular() {
			w.add(item{root, unreadable(root, "unreadable", intake.FileKind(info.Mode())+", not a file saved on disk")})
			return nil
		}
		w.add(item{path: root})
		return nil
	}
	return w.folder(root)
}

// folder lists every path under a folder given, sorted; a folder with
// nothing listed gets a row saying so.
func (w *walker) folder(root string) error {
	found := 0
	// A trailing separator makes WalkDir follow a link given by name
	// to a folder.
	start := root
	if fi, _ := os.Lstat(root); fi != nil && fi.Mode()&fs.ModeSymlink != 0 {
		start = root + string(filepath.Separator)
	}
	err := filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		listed, err := w.visit(start, p, d, err)
		if listed {
			found++
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("extract: read folder %s: %w", root, err)
	}
	if found == 0 {
		w.add(item{root, unreadable(root, "folder", "a folder with no documents in it")})
	}
	return nil
}

// visit lists one path WalkDir found under start (listed reports whether
// it was), and says whether to go into it: a file is read, a folder it
// cannot list or named like a document, a link and anything else gets a
// row; hidden paths and those to skip are passed over.
func (w *walker) visit(start, p string, d fs.DirEntry, err error) (listed bool, walkErr error) {
	if err != nil {
		if d != nil && d.IsDir() || p == start {
			// A folder it cannot list.
			w.add(item{p, unreadable(p, "folder", "cannot read the folder: "+pathErr(err))})
			return true, filepath.SkipDir
		}
		w.add(item{p, unreadable(p, "unreadable", "cannot read it: "+pathErr(err))})
		return true, nil
	}
	if a, err := filepath.Abs(p); err == nil && w.skip[a] {
		if d.IsDir() {
			return false, filepath.SkipDir
		}
		return false, nil
	}
	if p != start && strings.HasPrefix(d.Name(), ".") {
		if d.IsDir() {
			return false, filepath.SkipDir
		}
		return false, nil
	}
	switch t := d.Type(); {
	case t.IsDir():
		if p != start && documentExts[strings.ToLower(filepath.Ext(p))] {
			w.add(item{p, unreadable(p, "folder", "a folder named like a document, not a file: its files, if any, are read as documents")})
			return true, nil
		}
	case t.IsRegular():
		w.add(item{path: p})
		return true, nil
	case t&fs.ModeSymlink != 0:
		w.add(link(p))
		return true, nil
	default:
		w.add(item{p, unreadable(p, "unreadable", intake.FileKind(t)+", not a file saved on disk")})
		return true, nil
	}
	return false, nil
}

// link is what a symbolic link found in a folder is: the file it points
// to, or a row saying why not.
func link(p string) item {
	info, err := os.Stat(p)
	switch {
	case err != nil:
		return item{p, notAFile(p, err)}
	case info.IsDir():
		return item{p, unreadable(p, "folder", "a link to a folder, not followed (it may lead back to where it is): name the folder itself")}
	case !info.Mode().IsRegular():
		return item{p, unreadable(p, "unreadable", "a link to "+intake.FileKind(info.Mode())+", not to a file saved on disk")}
	}
	return item{path: p}
}

// notAFile is the row for a path whose target cannot be found.
func notAFile(p string, err error) *Document {
	target, _ := os.Readlink(p)
	switch {
	case errors.Is(err, syscall.ELOOP):
		return unreadable(p, "unreadable", "a symbolic link that leads round in a loop ("+target+")")
	case target != "":
		return unreadable(p, "unreadable", fmt.Sprintf("a broken symbolic link: what it points to (%s) %s", target, pathErr(err)))
	}
	return unreadable(p, "unreadable", "cannot read it: "+pathErr(err))
}

func unreadable(p, kind, reason string) *Document {
	return &Document{File: p, Kind: kind, Status: StatusRejected, Reason: reason, Extractor: Version}
}

// pathErr is an error about a path without the path (the row names it).
func pathErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		return "does not exist"
	}
	return err.Error()
}

// readFile reads a regular file of at most limit bytes and its SHA-256.
// The file is opened without waiting (a named pipe swapped in after the
// folder was listed would wait for a writer for ever) and refused unless
// it is a regular file; one that grew past the limit since it was looked
// at is refused too.
func readFile(path string, limit int64) ([]byte, string, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, "", err
	}
	if !info.Mode().IsRegular() {
		return nil, "", fmt.Errorf("it is %s, not a file saved on disk", intake.FileKind(info.Mode()))
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, "", err
	}
	if int64(len(data)) > limit {
		return nil, "", errTooBig
	}
	sum := sha256.Sum256(data)
	return data, hex.EncodeToString(sum[:]), nil
}

var errTooBig = errors.New("the file grew past the size budget while it was read")
