package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// entry is one document in the registry: what it was, where it was, and
// the rows it gave, so a later run can give them again without reading it.
type entry struct {
	SHA256    string    `json:"sha256"`
	Extractor string    `json:"extractor"`
	File      string    `json:"file"`
	Size      int64     `json:"size"`
	ModTime   time.Time `json:"mtime"`
	Doc       Document  `json:"document"`
	Findings  []Row     `json:"findings,omitempty"`
	Review    []Row     `json:"review,omitempty"`
	// Over is the budget the document went over ("time", "memory",
	// "pages", "text", "file") and Limit that budget's value then: a run
	// with a larger budget reads the document again.
	Over  string `json:"over_budget,omitempty"`
	Limit int64  `json:"budget,omitempty"`
	// Record is the check against Ofsted's record the text reader's
	// grades went through (a record's ID, or "off"); blank for documents
	// the text reader did not read, and for entries written before the
	// check.
	Record string `json:"record,omitempty"`
}

// registry is the documents already read, by SHA-256, for this Version.
type registry struct {
	entries []entry
	bySHA   map[string]entry
	byPath  map[string]entry
}

// loadRegistry reads the registry file: JSON Lines, one document per line.
// A missing file is an empty registry. Entries of another extractor version
// are kept in the file but not used: that version's rules are not these.
// Lines may be of any length (a registry written before cells were bounded
// has lines of tens of megabytes): each is read whole.
func loadRegistry(path string) (*registry, error) {
	r := &registry{bySHA: map[string]entry{}, byPath: map[string]entry{}}
	if path == "" {
		return r, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return r, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read registry %s: %w", path, err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	for line := 1; ; line++ {
		b, err := readLine(br)
		if err == io.EOF && len(b) == 0 {
			break
		}
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("read registry %s: %w", path, err)
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		var e entry
		if err := json.Unmarshal(b, &e); err != nil {
			return nil, fmt.Errorf("registry %s line %d is not a registry entry (%v): move the file away to read every document again", path, line, err)
		}
		if e.Extractor != Version {
			continue
		}
		r.entries = append(r.entries, e)
		r.bySHA[e.SHA256] = e
		if a, err := filepath.Abs(e.File); err == nil {
			r.byPath[a] = e
		}
	}
	return r, nil
}

// readLine reads one line of any length, without its line feed.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		b, err := br.ReadSlice('\n')
		line = append(line, b...)
		if err == bufio.ErrBufferFull {
			continue
		}
		return bytes.TrimSuffix(line, []byte("\n")), err
	}
}

// unchanged finds the entry for a file that has not changed since it was
// read (same path, size and modification time), so it need not even be
// hashed.
func (r *registry) unchanged(path string, size int64, mod time.Time) (entry, bool) {
	a, err := filepath.Abs(path)
	if err != nil {
		return entry{}, false
	}
	e, ok := r.byPath[a]
	if !ok || e.Size != size || !e.ModTime.Equal(mod) {
		return entry{}, false
	}
	return e, true
}

// WriteRegistry writes the registry the result leaves (the documents read
// in this run and those kept from before) as JSON Lines, one document a
// line, the form Options.Registry reads back. Where the file goes is the
// caller's (outputs/extracted puts it in the output folder).
func WriteRegistry(w io.Writer, res *Result) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, e := range res.registry {
		// Stored paths are absolute so a run from another folder still
		// recognises the file.
		if a, err := filepath.Abs(e.File); err == nil {
			e.File = a
		}
		if err := enc.Encode(e); err != nil {
			return err
		}
	}
	return bw.Flush()
}
