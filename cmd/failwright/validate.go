package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"failwright/app"
	"failwright/engine/topology"
	"failwright/scenarios"
)

func init() {
	register("validate", command{
		summary: "check a topology file and print every finding (--json, --strict)",
		run:     validateCmd,
	})
}

const validateUsage = `usage: failwright validate FILE [--json] [--strict] [--as-of DATE]
                          [--set NAME=VALUE]... [--completion FILE]

Decodes a topology file (YAML or JSON, see docs/topology.md) and checks it against every
rule in docs/validation.md. FILE "-" reads standard input. A file to import (docs/import.md)
is imported first: its gaps and notes join the findings.
  --json           print {"file", "kind", "strict", "asOf", "valid", "errors", "warnings",
                   "infos", "fingerprint", "summary", "findings"} (docs/validation.md)
  --strict         report documented-but-unenforced rules (unsupported pairings, sizing) as
                   errors (support-lifecycle warnings stay warnings: docs/versions.md)
` + asOfUsage + `
` + importFlagsUsage + `
Exit codes: 0 no errors, 1 errors found, 2 the file cannot be read or parsed, or bad usage.`

// readInput reads the file name, or standard input for "-", and at most limit bytes of it:
// a decoder given limit bytes reports the file as too large without the CLI holding more. Its
// errors read "cannot read NAME: REASON".
func readInput(name string, stdin io.Reader, limit int64) ([]byte, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %v", name, unwrapPathError(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, fmt.Errorf("cannot read %s: it is a directory", name)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, limit))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", name, unwrapPathError(err))
	}
	return data, nil
}

// validateCmd is "failwright validate": it decodes a topology (or hands a scenario on),
// validates it and prints the findings and a summary, or --json.
func validateCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var files []string
	jsonOut, strict, afterDashes := false, false, false
	asOf := today()
	var imp importFlags
	for i := 0; i < len(args); i++ {
		a := args[i]
		if afterDashes {
			files = append(files, a)
			continue
		}
		if ok, err := imp.take(args, &i); ok || err != nil {
			if err != nil {
				fmt.Fprintf(stderr, "failwright validate: %v\n%s\n", err, validateUsage)
				return exitUsage
			}
			continue
		}
		name, inline, hasInline := strings.Cut(a, "=")
		switch {
		case a == "--":
			afterDashes = true
		case a == "--json" || a == "-json":
			jsonOut = true
		case a == "--strict" || a == "-strict":
			strict = true
		case a == "-h" || a == "--help" || a == "-help":
			fmt.Fprintln(stdout, validateUsage)
			return exitOK
		case name == "--as-of":
			if !hasInline {
				if i+1 >= len(args) {
					fmt.Fprintf(stderr, "failwright validate: --as-of needs a value\n%s\n", validateUsage)
					return exitUsage
				}
				i++
				inline = args[i]
			}
			d, err := parseAsOf(inline)
			if err != nil {
				fmt.Fprintf(stderr, "failwright validate: %v\n", err)
				return exitUsage
			}
			asOf = d
		default:
			if strings.HasPrefix(a, "-") && a != "-" {
				fmt.Fprintf(stderr, "failwright validate: unknown flag %s\n%s\n", a, validateUsage)
				return exitUsage
			}
			files = append(files, a)
		}
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, validateUsage)
		return exitUsage
	}
	name := files[0]
	// One byte over the limit is enough for Decode to report the size.
	data, err := readTopology(name, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "failwright validate: %v\n", err)
		return exitUsage
	}
	display := name
	if name == "-" {
		display = "<stdin>"
	}

	req := app.ValidateRequest{File: app.Source{Name: display, Data: data}, Resolve: fileResolver, Strict: strict, AsOf: asOf}
	var imported *app.ImportResult
	if app.IsImportFile(req.File) {
		if imported, err = importForValidate(&req, imp); err != nil {
			fmt.Fprintf(stderr, "failwright validate: %v\n", err)
			return exitUsage
		}
		if imported.Output == nil {
			topology.PrintFindings(stderr, imported.Findings)
			fmt.Fprintf(stderr, "failwright validate: %s cannot be imported\n", display)
			return imported.Status.ExitCode()
		}
	}
	res := app.Validate(req)
	if imported != nil {
		res = withImportFindings(res, *imported)
	}
	if jsonOut {
		out, err := res.JSON()
		if err != nil {
			fmt.Fprintf(stderr, "failwright validate: %v\n", err)
			return exitUsage
		}
		stdout.Write(out)
		return res.Status.ExitCode()
	}
	if res.Status == app.StatusBadInput {
		topology.PrintFindings(stderr, res.Report.Findings)
		fmt.Fprintf(stderr, "failwright validate: %s cannot be read as %s\n", res.Report.File, res.Unreadable())
		return res.Status.ExitCode()
	}
	topology.PrintFindings(stdout, res.Report.Findings)
	fmt.Fprintln(stdout, res.Summary())
	return res.Status.ExitCode()
}

// importForValidate imports the request's file and has the request validate the topology
// it becomes (under the file's name).
func importForValidate(req *app.ValidateRequest, imp importFlags) (*app.ImportResult, error) {
	in, err := imp.inputs()
	if err != nil {
		return nil, err
	}
	r := app.Import(app.ImportRequest{File: req.File, ImportInputs: in})
	// Positions of the validation's findings are in the rendered topology (failwright import
	// prints it), so it carries its own name.
	req.File = app.Source{Name: req.File.Name + " (imported)", Data: r.Output}
	req.Kind = scenarios.KindTopology
	return &r, nil
}

// withImportFindings puts an import's gaps and notes before the validation's findings: gaps
// make the file invalid (exit 1).
func withImportFindings(res app.ValidateResult, r app.ImportResult) app.ValidateResult {
	rep := &res.Report
	rep.Findings = append(append(topology.Findings{}, r.Findings...), rep.Findings...)
	for _, f := range r.Findings {
		switch f.Severity {
		case topology.Error:
			rep.Errors++
		case topology.Warning:
			rep.Warnings++
		default:
			rep.Infos++
		}
	}
	if r.Status == app.StatusFail {
		rep.Valid = false
		if res.Status == app.StatusOK {
			res.Status = app.StatusFail
		}
	}
	return res
}

// unwrapPathError drops the repeated file name from an *os.PathError.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
