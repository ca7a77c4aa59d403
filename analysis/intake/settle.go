package intake

import (
	"fmt"
	"hash/maphash"
	"math"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/findings"
	"github.com/oversight/oversight/analysis/reference"
)

// settle applies the two rules that need every row at once: different
// grades for the same council, date and area reject each other, and exact
// duplicates count once, the first in input order (file order, then line)
// being kept unless a later copy was published earlier (spec v3: the
// earliest publication wins). It fills in the per-file counts.
func settle(res *Result, accepted []findings.Finding, gradeRaws map[[2]int32]findings.Raw, ref *reference.List) {
	conflicted := conflicts(accepted, gradeRaws, ref, res)
	seed := maphash.MakeSeed()
	first := make(map[uint64]int32, len(accepted))
	// Compact in place: kept findings move down over the dropped ones, so
	// a million findings are never copied into a second slice.
	n := 0
	for i := range accepted {
		if conflicted[int32(i)] {
			continue
		}
		f := &accepted[i]
		h := hashKey(seed, f)
		for {
			j, ok := first[h]
			if !ok {
				first[h] = int32(n)
				accepted[n] = *f
				n++
				break
			}
			if sameFinding(&accepted[j], f) {
				kept := &accepted[j]
				if f.Known().Day < kept.Known().Day {
					// The same fact published earlier (spec v3): the
					// earlier row is kept, the one before it counts as
					// its duplicate.
					*kept, *f = *f, *kept
				}
				res.Duplicates = append(res.Duplicates, Duplicate{File: f.File, Line: f.Line, OfFile: kept.File, OfLine: kept.Line})
				break
			}
			h++ // a true hash collision: probe the next slot
		}
	}
	kept := accepted[:n]
	res.Findings = kept
	for i := range res.Files {
		res.Files[i].Accepted, res.Files[i].Rejected, res.Files[i].Duplicates = 0, 0, 0
	}
	for i := range kept {
		res.Files[kept[i].File].Accepted++
	}
	for _, ref := range res.References {
		if res.Files[ref.File].Layout == ReferenceLayout {
			res.Files[ref.File].Accepted++
		}
	}
	for _, r := range res.Rejects {
		if r.Line > 0 {
			res.Files[r.File].Rejected++
		}
	}
	for _, d := range res.Duplicates {
		res.Files[d.File].Duplicates++
	}
}

// conflicts finds different grades for one council, date and area. Both
// sides are rejected; the returned set holds their positions in accepted.
func conflicts(accepted []findings.Finding, gradeRaws map[[2]int32]findings.Raw, ref *reference.List, res *Result) map[int32]bool {
	var grades []int32
	for i := range accepted {
		if accepted[i].Measure == findings.Grade {
			grades = append(grades, int32(i))
		}
	}
	key := func(f *findings.Finding) [4]int64 {
		return [4]int64{int64(f.Council), int64(f.Area), int64(f.Date.Day), int64(f.Date.Prec)}
	}
	sort.SliceStable(grades, func(a, b int) bool {
		ka, kb := key(&accepted[grades[a]]), key(&accepted[grades[b]])
		for i := range ka {
			if ka[i] != kb[i] {
				return ka[i] < kb[i]
			}
		}
		return false
	})
	out := map[int32]bool{}
	var newRejects []Reject
	for start := 0; start < len(grades); {
		end := start + 1
		k := key(&accepted[grades[start]])
		mixed := false
		for end < len(grades) && key(&accepted[grades[end]]) == k {
			if accepted[grades[end]].Value != accepted[grades[start]].Value {
				mixed = true
			}
			end++
		}
		if mixed {
			group := grades[start:end]
			f0 := &accepted[group[0]]
			var sides []string
			for _, i := range group {
				f := &accepted[i]
				sides = append(sides, fmt.Sprintf("%s (%s line %d)", f.Grade(), res.Files[f.File].Path, f.Line))
			}
			reason := fmt.Sprintf("conflicting grades for %s, %s, %s: %s; neither is used until the sources agree",
				ref.Councils[f0.Council].Name, f0.Area, f0.Date, strings.Join(sides, " vs "))
			for _, i := range group {
				out[i] = true
				f := &accepted[i]
				newRejects = append(newRejects, Reject{File: f.File, Line: f.Line, Raw: gradeRaws[[2]int32{f.File, f.Line}], Reason: reason})
			}
		}
		start = end
	}
	res.Rejects = append(res.Rejects, newRejects...)
	return out
}

func hashKey(seed maphash.Seed, f *findings.Finding) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	var b [24]byte
	put32(b[0:], uint32(f.Council))
	put32(b[4:], uint32(f.Date.Day))
	b[8], b[9], b[10], b[11], b[12], b[13] = byte(f.Date.Prec), byte(f.Measure), byte(f.Area), byte(f.Qualifier), byte(f.Polarity), byte(f.Code)
	v := math.Float64bits(f.Value)
	for i := 0; i < 8; i++ {
		b[16+i] = byte(v >> (8 * i))
	}
	h.Write(b[:24])
	h.WriteString(f.Scope)
	h.WriteByte(0)
	h.WriteString(f.Label)
	return h.Sum64()
}

func put32(b []byte, v uint32) {
	b[0], b[1], b[2], b[3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
}

// sameFinding compares what makes two findings the same fact: everything but
// where they came from, the source and the note.
func sameFinding(a, b *findings.Finding) bool {
	return a.Council == b.Council && a.Date == b.Date && a.Measure == b.Measure && a.Area == b.Area &&
		a.Qualifier == b.Qualifier && a.Polarity == b.Polarity && a.Value == b.Value && a.Code == b.Code &&
		a.Scope == b.Scope && a.Label == b.Label
}
