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
	register("analyze", command{
		summary: "every single failure and pair of failures of a topology, and what to change",
		run:     runAnalyze,
	})
}

func analyzeUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: failwright analyze TOPOLOGY [--depth 1|2] [--json] [--simulate]")
	fmt.Fprintln(w, "                                  [--set NAME=VALUE]... [--completion FILE]")
	fmt.Fprintln(w, "                                  [--report html [-o FILE]]")
	fmt.Fprintln(w, "  Fails every Front End server, Front End pool, site, Edge pool, CMS back end and")
	fmt.Fprintln(w, "  inter-site link of TOPOLOGY, one at a time (--depth 1) and also two at a time (--depth 2,")
	fmt.Fprintln(w, "  the default); applies the recovery failwright would plan; reports the worst cases, a")
	fmt.Fprintln(w, "  resilience score and findings (docs/analysis.md). --simulate evaluates each failure set")
	fmt.Fprintln(w, "  with the simulator and the plan builder instead of the analysis model (slower; the model")
	fmt.Fprintln(w, "  is held to give the same figures, RTO and data loss included).")
	fmt.Fprintln(w, "  --report html writes the design review instead (docs/evidence.md): one printable HTML page")
	fmt.Fprintln(w, "  with the score in plain words, the worst failures, what to change and the recovery policy;")
	fmt.Fprintln(w, "  -o FILE writes it to FILE instead of standard output.")
	fmt.Fprintln(w, "  TOPOLOGY may be a file to import (docs/import.md), with:")
	fmt.Fprintln(w, importFlagsUsage)
	fmt.Fprintln(w, "  On a terminal, progress is shown on standard error.")
	fmt.Fprintln(w, "  Exit codes: 0 the design holds; 1 it does not: an error finding, such as users without")
	fmt.Fprintln(w, "  full service after a single failure (AN001) or a pool beyond its capacity (AN301), or")
	fmt.Fprintln(w, "  a single failure whose recovery breaks a pool's recovery policy (docs/policy.md; with")
	fmt.Fprintln(w, "  none in the file, Microsoft's engineering targets for the version); 2 bad input or usage.")
}

// runAnalyze is "failwright analyze".
func runAnalyze(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	depth := fs.Int("depth", 2, "1: single failures; 2: also every pair")
	asJSON := fs.Bool("json", false, "write the report as JSON")
	simulate := fs.Bool("simulate", false, "evaluate with the simulator and the plan builder")
	reportFormat := fs.String("report", "", "html: write the design review")
	out := fs.String("o", "", "write the design review to this file")
	var imp importFlags
	imp.register(fs)
	var files []string
	for len(args) > 0 {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			analyzeUsage(stdout)
			return exitOK
		} else if err != nil {
			fmt.Fprintf(stderr, "failwright analyze: %v\n", err)
			analyzeUsage(stderr)
			return exitUsage
		}
		args = fs.Args()
		if len(args) > 0 {
			files = append(files, args[0])
			args = args[1:]
		}
	}
	if *reportFormat != "" && *reportFormat != "html" {
		fmt.Fprintf(stderr, "failwright analyze: --report takes html, not %q\n", *reportFormat)
		return exitUsage
	}
	if len(files) != 1 || (*depth != 1 && *depth != 2) {
		if *depth != 1 && *depth != 2 {
			fmt.Fprintf(stderr, "failwright analyze: --depth must be 1 or 2, not %d\n", *depth)
		}
		analyzeUsage(stderr)
		return exitUsage
	}
	name := filepath.ToSlash(files[0])
	data, err := os.ReadFile(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "failwright analyze: %v\n", err)
		return exitUsage
	}
	doc, found, st := loadAnyTopology("analyze", app.Source{Name: name, Data: data}, imp, stderr)
	if doc == nil {
		topology.PrintFindings(stderr, found)
		return st.ExitCode()
	}
	req := app.AnalyzeRequest{Depth: *depth, Simulate: *simulate}
	var prog *progress
	if isTerminal(stderr) {
		prog = newProgress(stderr)
		req.Progress = prog.update
	}
	res := app.Analyze(doc, req)
	if prog != nil {
		prog.finish() // before the report, on the same terminal
	}
	switch {
	case res.Err != nil:
		fmt.Fprintf(stderr, "failwright analyze: %s: %v\n", name, res.Err)
		return res.Status.ExitCode()
	case res.Report == nil:
		topology.PrintFindings(stderr, res.Findings)
		return res.Status.ExitCode()
	case *reportFormat != "":
		rev := app.Review(res, time.Now().UTC().Truncate(time.Second))
		if code := writeOut("analyze", *out, rev.HTML, stdout, stderr); code != exitOK {
			return code
		}
		fmt.Fprintf(stderr, "Verdict: %s\n", rev.Review.Verdict.Text)
		return rev.Status.ExitCode()
	case *asJSON:
		_, _ = stdout.Write(res.Report.JSON())
	default:
		_, _ = stdout.Write(res.Report.Text())
	}
	return res.Status.ExitCode()
}
