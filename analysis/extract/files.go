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
	skipAbs := map[string]bool{}
	for _, s := range skip {
		if a, err := filepath.Abs(s); err == nil {
			skipAbs[a] = true
		}
	}
	var out []item
	seen := map[string]bool{}
	add := func(it item) {
		if a, err := filepath.Abs(it.path); err == nil {
			if seen[a] {
				return
			}
			seen[a] = true
		}
		out = append(out, it)
	}
	for _, root := range paths {
		if _, err := os.Lstat(root); err != nil {
			return nil, fmt.Errorf("extract: %w", err)
		}
		info, err := os.Stat(root)
		if err != nil {
			// A link given by name that points nowhere (or loops).
			add(item{root, notAFile(root, err)})
			continue
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				add(item{root, unreadable(root, "unreadable", intake.FileKind(info.Mode())+", not a file saved on disk")})
				continue
			}
			add(item{path: root})
			continue
		}
		found := 0
		// A trailing separator makes WalkDir follow a link given by name
		// to a folder.
		start := root
		if fi, _ := os.Lstat(root); fi != nil && fi.Mode()&fs.ModeSymlink != 0 {
			start = root + string(filepath.Separator)
		}
		err = filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if d != nil && d.IsDir() || p == start {
					// A folder it cannot list.
					add(item{p, unreadable(p, "folder", "cannot read the folder: "+pathErr(err))})
					found++
					return filepath.SkipDir
				}
				add(item{p, unreadable(p, "unreadable", "cannot read it: "+pathErr(err))})
				found++
				return nil
			}
			if a, err := filepath.Abs(p); err == nil && skipAbs[a] {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if p != start && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			switch t := d.Type(); {
			case t.IsDir():
				if p != start && documentExts[strings.ToLower(filepath.Ext(p))] {
					add(item{p, unreadable(p, "folder", "a folder named like a document, not a file: its files, if any, are read as documents")})
					found++
				}
			case t.IsRegular():
				add(item{path: p})
				found++
			case t&fs.ModeSymlink != 0:
				add(link(p))
				found++
			default:
				add(item{p, unreadable(p, "unreadable", intake.FileKind(t)+", not a file saved on disk")})
				found++
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("extract: read folder %s: %w", root, err)
		}
		if found == 0 {
			add(item{root, unreadable(root, "folder", "a folder with no documents in it")})
		}
	}
	return out, nil
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
