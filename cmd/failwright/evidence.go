package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"failwright/app"
	"failwright/engine/topology"
)

func init() {
	register("evidence", command{
		summary: "the printable report of a run: a plan and its run log, predicted against achieved",
		run:     runEvidence,
	})
}

const evidenceUsage = `usage: failwright evidence PLAN.json RUNLOG [-o report.html] [--topology FILE]
                          [--failed-at TIME] [--generated-at TIME] [--json]

Reads the JSON plan a runbook was rendered from and the run log the runbook wrote beside its
transcript, checks that the log is whole, unedited and of this plan, and writes the evidence
report (docs/evidence.md): one self-contained HTML page that prints to PDF, with every step
predicted against achieved, the recovery time on the decision and failure clocks and the
data-loss window against the recovery targets, the deviations and a verdict. The verdict and
its reasons also go to standard error.
  -o FILE            write the report to FILE instead of standard output
  --topology FILE    the topology file the plan was made from: the targets are its
                     recovery policy for the plan's pool (docs/policy.md); without it,
                     Microsoft's engineering targets for the pool's version
  --failed-at TIME   when the failure happened (2026-12-06T04:52:00Z; without a zone, UTC),
                     for the recovery time from the failure; without it that figure is
                     "not given"
  --generated-at T   the time printed on the report (default: now)
  --json             write the report's data as JSON instead of HTML
Exit codes: 0 the run passed (with or without deviations), 1 it failed, 2 the plan or the log
cannot be used (the error names file:line:column), or bad usage.`

// runEvidence is "failwright evidence".
func runEvidence(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("evidence", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("o", "", "")
	topo := fs.String("topology", "", "")
	failedAt := fs.String("failed-at", "", "")
	generatedAt := fs.String("generated-at", "", "")
	asJSON := fs.Bool("json", false, "")
	var files []string
	for len(args) > 0 {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, evidenceUsage)
			return exitOK
		} else if err != nil {
			fmt.Fprintf(stderr, "failwright evidence: %v\n%s\n", err, evidenceUsage)
			return exitUsage
		}
		args = fs.Args()
		if len(args) > 0 {
			files, args = append(files, args[0]), args[1:]
		}
	}
	if len(files) != 2 {
		fmt.Fprintf(stderr, "failwright evidence: give PLAN.json and RUNLOG\n\n%s\n", evidenceUsage)
		return exitUsage
	}
	req := app.EvidenceRequest{GeneratedAt: time.Now().UTC().Truncate(time.Second)}
	var err error
	if *failedAt != "" {
		if req.FailedAt, err = app.ParseFailedAt(*failedAt); err != nil {
			fmt.Fprintf(stderr, "failwright evidence: --failed-at: %v\n", err)
			return exitUsage
		}
	}
	if *generatedAt != "" {
		if req.GeneratedAt, err = app.ParseFailedAt(*generatedAt); err != nil {
			fmt.Fprintf(stderr, "failwright evidence: --generated-at: %v\n", err)
			return exitUsage
		}
	}
	for i, src := range []*app.Source{&req.Plan, &req.Log} {
		src.Name = filepath.ToSlash(files[i])
		if src.Data, err = readLimited(files[i]); err != nil {
			fmt.Fprintf(stderr, "failwright evidence: %v\n", err)
			return exitUsage
		}
	}
	if *topo != "" {
		req.Topology.Name = filepath.ToSlash(*topo)
		if req.Topology.Data, err = os.ReadFile(*topo); err != nil {
			fmt.Fprintf(stderr, "failwright evidence: %v\n", err)
			return exitUsage
		}
	}
	res := app.Evidence(req)
	if res.Err != nil {
		if len(res.Findings) > 0 {
			topology.PrintFindings(stderr, res.Findings)
		} else {
			fmt.Fprintf(stderr, "failwright evidence: %v\n", res.Err)
		}
		return res.Status.ExitCode()
	}
	body := res.HTML
	if *asJSON {
		body = res.Report.JSON()
	}
	if code := writeOut("evidence", *out, body, stdout, stderr); code != exitOK {
		return code
	}
	v := res.Report.Verdict
	fmt.Fprintf(stderr, "Verdict: %s\n", v.Text)
	for _, r := range v.Reasons {
		fmt.Fprintf(stderr, "  - %s\n", r)
	}
	return res.Status.ExitCode()
}

// readLimited reads a plan or a run log, refusing a file far beyond what either may be.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	const limit = app.MaxPlanBytes + 1
	data, err := io.ReadAll(io.LimitReader(f, limit))
	if err != nil {
		return nil, err
	}
	return data, nil // the readers refuse what is over their bounds, naming them
}

// writeOut writes body to the file out, or to stdout when out is empty; cmd names the command
// in an error.
func writeOut(cmd, out string, body []byte, stdout, stderr io.Writer) int {
	if out == "" {
		_, _ = stdout.Write(body)
		return exitOK
	}
	if err := os.WriteFile(out, body, 0o644); err != nil {
		fmt.Fprintf(stderr, "failwright %s: %v\n", cmd, err)
		return exitUsage
	}
	return exitOK
}
