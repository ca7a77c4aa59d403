package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/oversight/oversight/analysis/dates"
	"github.com/oversight/oversight/jobs"
)

// periodFlag reads YYYY, YYYY-MM or YYYY-MM-DD; as the start of a range it
// means the period's first day, as the end its last.
type periodFlag struct {
	d   dates.Date
	set bool
}

func (p *periodFlag) String() string { return p.d.String() }
func (p *periodFlag) Set(v string) error {
	d, err := dates.Parse(v)
	if err != nil {
		return err
	}
	p.d, p.set = d, true
	return nil
}

// listFlag takes repeated values, each possibly comma-separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*l = append(*l, part)
		}
	}
	return nil
}

func cmdResearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("research", flag.ContinueOnError)
	rf := addReportFlags(fs)
	var councils, regions, measures, areas listFlag
	fs.Var(&councils, "council", "a council by name or code (repeat, or separate with commas); with its history under earlier names and codes")
	fs.Var(&regions, "region", "an English region (repeatable)")
	fs.Var(&measures, "measure", "grade, visit, caseload, vacancy_rate, agency_rate, turnover_rate, social_workers, recommendations, theme (repeatable)")
	fs.Var(&areas, "area", "judgement areas for grades (repeatable): overall, leadership, help_and_protection, children_in_care, care_leavers, ...")
	var from, to periodFlag
	fs.Var(&from, "from", "findings dated from YYYY[-MM[-DD]]")
	fs.Var(&to, "to", "findings dated up to YYYY[-MM[-DD]] (the report is as at its end unless --as-of says)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: oversight research --findings PATH... [--documents PATH...] --out DIR [--council NAME]... [--region NAME]... [--from DATE] [--to DATE] [--measure M]... [--area A]...")
		fs.PrintDefaults()
	}
	pos, err := parse(fs, args, stderr)
	if err != nil {
		return err
	}
	opt, release, err := rf.options(ctx, pos, stderr)
	if err != nil {
		return err
	}
	defer release()
	q := jobs.Question{Councils: councils, Regions: regions, Measures: measures, Areas: areas}
	if from.set {
		q.From = from.d.Day
	}
	if to.set {
		q.To = to.d.End()
	}
	if q.Empty() {
		return usagef("a research run needs a question: --council, --region, --from, --to, --measure or --area")
	}
	opt.Kind, opt.Question, opt.Title = "research", q, "Children's social care: research question"
	start := time.Now()
	res, err := runStoppable(ctx, opt, jobs.Run)
	if err != nil {
		return explain(err, res, stderr)
	}
	m := res.Manifest
	fmt.Fprintf(stdout, "research report (%s) as of %s written to %s in %.1f s: %d councils, %d findings match\n",
		q, m.AsOf, opt.Out, time.Since(start).Seconds(), m.Councils, len(res.Intake.Findings))
	printDocuments(stdout, res, opt.Out)
	return nil
}
