// Command gen builds analysis/reference/councils.csv, the embedded council
// reference list, from the real DfE and Ofsted files in ../shared/data/real.
// Every code, name and region comes from those files; only the reorganisation
// dates below are typed here, each from the statutory instrument that made it.
//
//	go run ./analysis/reference/gen -data ../shared/data/real -out analysis/reference/councils.csv
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/oversight/oversight/analysis/reference"
)

// reorganisation records a council that ended or began on a date, or a GSS
// code that changed. Dates are the day the order came into force.
type reorganisation struct {
	dfe        string
	start, end string   // YYYY-MM-DD; blank = open
	successors []string // DfE codes of the councils that took over
}

var reorganisations = []reorganisation{
	// The Bournemouth, Dorset and Poole (Structural Changes) Order 2018: 1 April 2019.
	{dfe: "837", end: "2019-04-01", successors: []string{"839"}},
	{dfe: "836", end: "2019-04-01", successors: []string{"839"}},
	{dfe: "835", end: "2019-04-01", successors: []string{"838"}},
	{dfe: "839", start: "2019-04-01"},
	{dfe: "838", start: "2019-04-01"},
	// The Northamptonshire (Structural Changes) Order 2020: 1 April 2021.
	{dfe: "928", end: "2021-04-01", successors: []string{"940", "941"}},
	{dfe: "940", start: "2021-04-01"},
	{dfe: "941", start: "2021-04-01"},
	// The Cumbria (Structural Changes) Order 2022: 1 April 2023.
	{dfe: "909", end: "2023-04-01", successors: []string{"942", "943"}},
	{dfe: "942", start: "2023-04-01"},
	{dfe: "943", start: "2023-04-01"},
}

// codeChanges are GSS codes replaced while the council (and its DfE code)
// carried on: unitary status for Buckinghamshire (1 April 2020), North
// Yorkshire and Somerset (1 April 2023); the Barnsley and Sheffield
// (Boundary Change) Order 2024 (1 April 2025). The old codes come from the
// DfE workforce file, which uses both.
var codeChanges = map[string]string{ // DfE code -> date the new GSS code began
	"825": "2020-04-01",
	"815": "2023-04-01",
	"933": "2023-04-01",
	"370": "2025-04-01",
	"373": "2025-04-01",
}

// extraAliases are names in common use that none of the files spell out.
var extraAliases = map[string][]string{
	"201": {"City of London Corporation", "Corporation of London"},
	"839": {"BCP"},
	"810": {"Hull"},
	"811": {"East Riding"},
	"207": {"RBKC"},
	"801": {"City of Bristol"},
	"816": {"City of York"},
	// The short names news and councils' own pages use.
	"391": {"Newcastle"},
	"882": {"Southend"},
	"861": {"Stoke"},
	"846": {"Brighton"},
	"894": {"Telford"},
	"807": {"Redcar"},
	"889": {"Blackburn"},
	"808": {"Stockton"},
	"800": {"Bath", "BANES", "B&NES"},
}

type council struct {
	name, gss, dfe, region, laType, ofstedRegion, urn string
	start, end                                        string
	successors                                        []string
	previous                                          []string // "CODE<YYYY-MM-DD"
	aliases                                           map[string]bool
	neighbours, bands                                 []string
}

func main() {
	data := flag.String("data", "../shared/data/real", "folder with the real DfE and Ofsted files")
	out := flag.String("out", "analysis/reference/councils.csv", "file to write")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		log.Fatal(err)
	}
}

// run builds the list from the files in data, a source at a time (each
// adds what it knows to the councils it names), and writes it to out.
func run(data, out string) error {
	cs := councils{}
	for _, step := range []func(data string) error{cs.fromLookup, cs.fromWorkforce, cs.fromNeighbours, cs.fromOfsted, cs.fromScrape} {
		if err := step(data); err != nil {
			return err
		}
	}
	for dfe, names := range extraAliases {
		for _, a := range names {
			addAlias(cs[dfe], a)
		}
	}
	for _, r := range reorganisations {
		c := cs[r.dfe]
		if c == nil {
			return fmt.Errorf("reorganisation names council %s, which the files do not have", r.dfe)
		}
		c.start, c.end, c.successors = r.start, r.end, r.successors
	}
	list := make([]*council, 0, len(cs))
	for _, c := range cs {
		if c.name == "" || c.gss == "" || c.region == "" {
			return fmt.Errorf("council %s is incomplete: name %q, GSS %q, region %q", c.dfe, c.name, c.gss, c.region)
		}
		delete(c.aliases, c.name)
		list = append(list, c)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].name+list[i].dfe < list[j].name+list[j].dfe })
	return write(out, list)
}

// councils are the councils found so far, by DfE code.
type councils map[string]*council

// get is the council with a DfE code, added when it is new.
func (cs councils) get(dfe string) *council {
	c := cs[dfe]
	if c == nil {
		c = &council{dfe: dfe, aliases: map[string]bool{}}
		cs[dfe] = c
	}
	return c
}

// fromLookup reads the community lookup: 153 current councils plus
// Cumbria, Northamptonshire and Poole, with URN, GSS code and ONS names.
func (cs councils) fromLookup(data string) error {
	lookup, err := readCSV(filepath.Join(data, "Provider_data_lookup.csv"))
	if err != nil {
		return err
	}
	for _, r := range lookup {
		c := cs.get(r["la_code"])
		c.gss = r["la_code_new"]
		c.urn = r["urn"]
		c.laType = r["ons_la_type"]
		for _, a := range []string{r["local_authority_ons_name"], r["utla23nm"], r["ltla23nm"]} {
			addAlias(c, a)
		}
		for _, a := range strings.Split(strings.Trim(r["also_known_as"], "[]"), ",") {
			// "Bournemouth" is the abolished council's own name, not BCP's.
			if a = strings.TrimSpace(a); a != "" && !(c.dfe == "839" && a == "Bournemouth") {
				addAlias(c, a)
			}
		}
	}
	return nil
}

// fromWorkforce reads DfE's workforce indicators: DfE's own names (the
// canonical ones), the councils the lookup lacks (Bournemouth, the old
// Dorset county) and the GSS codes each council used year by year.
func (cs councils) fromWorkforce(data string) error {
	csww, err := readCSV(filepath.Join(data, "csww_indicators_2017_to_2025.csv"))
	if err != nil {
		return err
	}
	gssSeen := map[string]map[string]string{} // dfe -> gss -> latest year
	for _, r := range csww {
		if r["geographic_level"] != "Local authority" || strings.Contains(r["old_la_code"], "/") {
			continue
		}
		c := cs.get(r["old_la_code"])
		c.name = r["la_name"] // rows run oldest first: the latest name wins
		if c.gss == "" {
			c.gss = r["new_la_code"]
		}
		if c.region == "" || r["region_name"] != "" {
			c.region = londonFold(r["region_name"])
		}
		if gssSeen[c.dfe] == nil {
			gssSeen[c.dfe] = map[string]string{}
		}
		if r["time_period"] > gssSeen[c.dfe][r["new_la_code"]] {
			gssSeen[c.dfe][r["new_la_code"]] = r["time_period"]
		}
		addAlias(c, r["la_name"])
	}
	for dfe, codes := range gssSeen {
		c := cs[dfe]
		for code := range codes {
			if code == c.gss {
				continue
			}
			since, ok := codeChanges[dfe]
			if !ok {
				return fmt.Errorf("council %s used GSS code %s as well as %s, and no date is known for the change", dfe, code, c.gss)
			}
			c.previous = append(c.previous, code+"<"+since)
		}
		sort.Strings(c.previous)
	}
	return nil
}

// fromNeighbours reads the 2025 statistical neighbour model: each
// council's region and ten neighbours.
func (cs councils) fromNeighbours(data string) error {
	sn, err := readCSV(filepath.Join(data, "sn_model_2025_wide.csv"))
	if err != nil {
		return err
	}
	for _, r := range sn {
		c := cs[r["old_la_code"]]
		if c == nil {
			return fmt.Errorf("sn_model_2025_wide.csv: council %s (%s) is not in the lookup", r["old_la_code"], r["la_name"])
		}
		c.region = r["region_name"]
		if c.name == "" {
			c.name = r["la_name"]
		}
		addAlias(c, r["la_name"])
		for i := 1; i <= 10; i++ {
			c.neighbours = append(c.neighbours, r[fmt.Sprintf("SN_%d", i)])
			c.bands = append(c.bands, strings.TrimSpace(r[fmt.Sprintf("SN_%dP", i)]))
		}
	}
	return nil
}

// fromOfsted reads Ofsted's spellings and regions, by GSS code (current
// or previous).
func (cs councils) fromOfsted(data string) error {
	gssToDfE := map[string]string{}
	for dfe, c := range cs {
		gssToDfE[c.gss] = dfe
		for _, p := range c.previous {
			gssToDfE[strings.SplitN(p, "<", 2)[0]] = dfe
		}
	}
	for _, f := range []string{"ofsted_la_inspections_as_at_2025-03-31.csv", "ofsted_ilacs_inspection_history_2018-2025.csv", "ofsted_la_in_year_inspections_2024-25.csv"} {
		rows, err := readCSV(filepath.Join(data, f))
		if err != nil {
			return err
		}
		for _, r := range rows {
			dfe, ok := gssToDfE[r["Local authority area code"]]
			if !ok {
				return fmt.Errorf("%s: GSS code %s (%s) is not known", f, r["Local authority area code"], r["Local authority name"])
			}
			c := cs[dfe]
			addAlias(c, r["Local authority name"])
			if reg := r["Ofsted region"]; reg != "" {
				c.ofstedRegion = reg
			}
		}
	}
	return nil
}

// fromScrape reads the JT-39 scrape's lower-case names ("london
// corporation"), by URN.
func (cs councils) fromScrape(data string) error {
	byURN := map[string]*council{}
	for _, c := range cs {
		if c.urn != "" {
			byURN[c.urn] = c
		}
	}
	scrape, err := readCSV(filepath.Join(data, "ofsted_csc_ilacs_history.csv"))
	if err != nil {
		return err
	}
	for _, r := range scrape {
		c := byURN[r["urn"]]
		if c == nil {
			return fmt.Errorf("ofsted_csc_ilacs_history.csv: URN %s (%s) is not in the lookup", r["urn"], r["local_authority"])
		}
		addAlias(c, r["local_authority"])
	}
	return nil
}

func londonFold(region string) string {
	if region == "Inner London" || region == "Outer London" {
		return "London"
	}
	return region
}

func addAlias(c *council, a string) {
	if a = strings.TrimSpace(a); a != "" {
		c.aliases[a] = true
	}
}

func write(path string, list []*council) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"la_name", "new_la_code", "old_la_code", "region_name", "la_type", "ofsted_region", "ofsted_urn",
		"start_date", "end_date", "successors", "previous_codes", "aliases", "neighbours", "neighbour_bands"})
	for _, c := range list {
		// One spelling per folded form, preferring one with capitals.
		byFold := map[string]string{reference.Fold(c.name): c.name}
		for a := range c.aliases {
			k := reference.Fold(a)
			if old, ok := byFold[k]; !ok || (old == strings.ToLower(old) && a != strings.ToLower(a)) || (old != c.name && a < old && a != strings.ToLower(a)) {
				byFold[k] = a
			}
		}
		aliases := make([]string, 0, len(byFold))
		for _, a := range byFold {
			if a != c.name {
				aliases = append(aliases, a)
			}
		}
		sort.Strings(aliases)
		w.Write([]string{c.name, c.gss, c.dfe, c.region, c.laType, c.ofstedRegion, c.urn, c.start, c.end,
			strings.Join(c.successors, ";"), strings.Join(c.previous, ";"), strings.Join(aliases, "|"),
			strings.Join(c.neighbours, ";"), strings.Join(c.bands, ";")})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	for i := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff"))
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		m := make(map[string]string, len(header))
		for i, h := range header {
			if i < len(rec) {
				m[h] = strings.TrimSpace(rec[i])
			}
		}
		rows = append(rows, m)
	}
}
