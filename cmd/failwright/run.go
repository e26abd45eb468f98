package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"failwright/app"
	"failwright/engine/topofile"
	"failwright/engine/topology"
	"failwright/scenarios"
)

func init() {
	register("run", command{
		summary: "run scenarios and check their expectations (--json, --record, --output, --library)",
		run:     runScenarios,
	})
}

// fileResolver reads a scenario's topology from the file system, at most one byte more than
// a topology may hold, so that the decoder reports an oversized file without the CLI holding it.
func fileResolver(p string) ([]byte, error) {
	return readInput(filepath.FromSlash(p), nil, topofile.MaxInputBytes+1)
}

// scenarioFile is one scenario argument: a path on disk, or a library file with "library:".
type scenarioFile struct {
	name    string
	library bool
}

// request reads one scenario argument into the request app.Run and app.StartDrill take.
func (f scenarioFile) request() (app.RunRequest, error) {
	if f.library {
		return app.RunRequest{Scenario: app.Source{Name: f.name}, Library: true}, nil
	}
	data, err := readInput(f.name, nil, scenarios.MaxInputBytes+1)
	if err != nil {
		return app.RunRequest{}, err
	}
	return app.RunRequest{Scenario: app.Source{Name: filepath.ToSlash(f.name), Data: data}, Resolve: fileResolver}, nil
}

// printErrors prints the error findings of a scenario that cannot run.
func printErrors(w io.Writer, fs topology.Findings) {
	for _, x := range fs {
		if x.Severity == topology.Error {
			fmt.Fprintln(w, x)
		}
	}
}

// splitArgs separates flags from operands wherever they appear ("run a.yaml --json").
func splitArgs(args []string) (flags map[string]bool, operands []string, bad string) {
	flags = map[string]bool{}
	for i, a := range args {
		switch {
		case a == "--":
			operands = append(operands, args[i+1:]...)
			return flags, operands, ""
		case strings.HasPrefix(a, "-") && a != "-":
			flags[strings.TrimLeft(a, "-")] = true
		default:
			operands = append(operands, a)
		}
	}
	return flags, operands, ""
}

const runUsage = `usage: failwright run SCENARIO... [--json] [--record] [--output]
       failwright run --library [--json]

Runs each scenario on the simulator and checks its expectations.
  --json     print the report as JSON (several scenarios: {"passed", "scenarios"})
  --record   rewrite each scenario's failed expectations with what happened
  --output   show every command's console output (default: only for failed steps)
  --library  run the scenarios embedded in failwright
Exit codes: 0 every expectation holds, 1 one does not, 2 bad input.`

func runScenarios(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	flags, operands, _ := splitArgs(args)
	for f := range flags {
		switch f {
		case "json", "record", "output", "library":
		case "h", "help":
			fmt.Fprintln(stdout, runUsage)
			return exitOK
		default:
			fmt.Fprintf(stderr, "failwright run: unknown flag -%s\n%s\n", f, runUsage)
			return exitUsage
		}
	}
	var files []scenarioFile
	for _, o := range operands {
		files = append(files, scenarioFile{name: o})
	}
	if flags["library"] {
		if flags["record"] {
			fmt.Fprintln(stderr, "failwright run: --record cannot rewrite the embedded library; run the files under scenarios/ instead")
			return exitUsage
		}
		for _, e := range scenarios.Library() {
			files = append(files, scenarioFile{name: e.File, library: true})
		}
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, runUsage)
		return exitUsage
	}
	code := exitOK
	var reports []*scenarios.Report
	for _, f := range files {
		req, err := f.request()
		if err != nil {
			fmt.Fprintf(stderr, "failwright run: %v\n", err)
			code = exitUsage
			continue
		}
		res := app.Run(req)
		if res.Status == app.StatusBadInput {
			if res.Err != nil {
				fmt.Fprintf(stderr, "%s: cannot start the simulation: %v\n", f.name, res.Err)
			} else {
				printErrors(stderr, res.Findings)
			}
			code = exitUsage
			continue
		}
		sc, rep := res.Scenario, res.Report
		reports = append(reports, rep)
		if !rep.Passed && code == exitOK {
			code = exitFail
		}
		if flags["record"] && !rep.Passed {
			rec := res.Record()
			if !bytes.Equal(rec.Source, sc.Source()) {
				if err := os.WriteFile(f.name, rec.Source, 0o644); err != nil {
					fmt.Fprintf(stderr, "failwright run: %v\n", err)
					code = exitUsage
					continue
				}
			}
			fmt.Fprintf(stderr, "%s: recorded %d values\n", f.name, len(rec.Updated))
			for _, s := range rec.Skipped {
				fmt.Fprintf(stderr, "  not recorded: %s\n", s)
			}
		}
		if !flags["json"] {
			stdout.Write(rep.Text(scenarios.TextOptions{Output: flags["output"]}))
			fmt.Fprintln(stdout)
		}
	}
	if flags["json"] && len(files) == 1 && len(reports) == 1 {
		// One scenario: its report, the same bytes the Worker's /api/run answers.
		stdout.Write(reports[0].JSON())
	} else if flags["json"] {
		out, err := app.RunAllResult{Passed: code == exitOK, Scenarios: reports}.JSON()
		if err != nil {
			fmt.Fprintf(stderr, "failwright run: %v\n", err)
			return exitUsage
		}
		stdout.Write(out)
	} else if len(files) > 1 {
		passed := 0
		for _, r := range reports {
			if r.Passed {
				passed++
			}
		}
		fmt.Fprintf(stdout, "%d of %d scenarios passed\n", passed, len(files))
	}
	return code
}
