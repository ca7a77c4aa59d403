package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/oversight/oversight/analysis/dates"
)

// multi is a flag that takes one or more values: "--findings a.csv b.csv"
// or "--findings a.csv --findings b.csv".
type multi []string

func (m *multi) String() string     { return strings.Join(*m, " ") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

// parse parses flags that may come before, between or after positional
// arguments. Values following a multi flag belong to it until the next flag.
func parse(fs *flag.FlagSet, args []string, stderr io.Writer) (positional []string, err error) {
	fs.SetOutput(stderr)
	var expanded []string
	var current string // the multi flag collecting values
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			name := strings.TrimLeft(a, "-")
			name, _, hasValue := strings.Cut(name, "=")
			current = ""
			f := fs.Lookup(name)
			if f == nil {
				expanded = append(expanded, a) // let flag report it
				continue
			}
			if _, ok := f.Value.(*multi); ok && !hasValue {
				current = name
				continue
			}
			expanded = append(expanded, a)
			if !hasValue && !isBool(f) && i+1 < len(args) {
				expanded = append(expanded, args[i+1])
				i++
			}
			continue
		}
		if current != "" {
			expanded = append(expanded, "--"+current+"="+a)
			continue
		}
		positional = append(positional, a)
	}
	if err := fs.Parse(expanded); err != nil {
		if err == flag.ErrHelp {
			return nil, &exitError{0}
		}
		return nil, usagef("%v", err)
	}
	return positional, nil
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// dayFlag reads a YYYY-MM-DD date.
type dayFlag struct{ day dates.Day }

func (d *dayFlag) String() string {
	if d.day == 0 {
		return ""
	}
	return d.day.String()
}

func (d *dayFlag) Set(v string) error {
	p, err := dates.Parse(v)
	if err != nil {
		return err
	}
	if p.Prec != dates.PrecDay {
		return fmt.Errorf("give a full date, YYYY-MM-DD")
	}
	d.day = p.Day
	return nil
}
