package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"failwright/engine/topology"
	"failwright/scenarios"
)

func init() {
	register("validate", command{
		summary: "check a topology file and print every finding (--json, --strict)",
		run:     validateCmd,
	})
}

const validateUsage = `usage: failwright validate FILE [--json] [--strict]

Decodes a topology file (YAML or JSON, see docs/topology.md) and checks it against every
rule in docs/validation.md. FILE "-" reads standard input.
  --json     print {"file", "kind", "strict", "valid", "errors", "warnings", "infos",
             "fingerprint", "summary", "findings"} (docs/validation.md)
  --strict   report documented-but-unenforced rules (unsupported pairings, sizing) as errors
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
	for _, a := range args {
		if afterDashes {
			files = append(files, a)
			continue
		}
		switch a {
		case "--":
			afterDashes = true
		case "--json", "-json":
			jsonOut = true
		case "--strict", "-strict":
			strict = true
		case "-h", "--help", "-help":
			fmt.Fprintln(stdout, validateUsage)
			return exitOK
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
	data, err := readInput(name, stdin, topology.MaxInputBytes+1)
	if err != nil {
		fmt.Fprintf(stderr, "failwright validate: %v\n", err)
		return exitUsage
	}
	display := name
	if name == "-" {
		display = "<stdin>"
	}

	rep := scenarios.CheckFile(display, data, "", fileResolver, strict)
	if !rep.Readable {
		as := "a topology or a scenario"
		if rep.Kind == scenarios.KindScenario {
			as = "a scenario"
		}
		return printUnparsable(&rep, as, jsonOut, stdout, stderr)
	}
	if jsonOut {
		return jsonExit(&rep, stdout, stderr)
	}
	topology.PrintFindings(stdout, rep.Findings)
	counts := fmt.Sprintf("%s, %s, %s", plural(rep.Errors, "error"), plural(rep.Warnings, "warning"), plural(rep.Infos, "note"))
	if s := rep.Summary; s != nil {
		fmt.Fprintf(stdout, "%s: %s, %s (%s Front End), %s, %s, %s, %s; %s\n", display,
			plural(s.Sites, "site"), plural(s.Pools, "pool"), topology.Thousands(s.FrontEnds), plural(s.Servers, "server"),
			plural(s.Users, "user"), plural(s.Pairs, "pair"), plural(s.Branches, "branch"), counts)
	} else {
		fmt.Fprintf(stdout, "%s: scenario; %s\n", display, counts)
	}
	if !rep.Valid {
		return exitFail
	}
	return exitOK
}

// printUnparsable reports a file that could not be decoded at all as what it was read as:
// exit 2.
func printUnparsable(rep *scenarios.FileReport, as string, jsonOut bool, stdout, stderr io.Writer) int {
	if jsonOut {
		if code := writeJSON(rep, stdout, stderr); code != exitOK {
			return code
		}
		return exitUsage
	}
	topology.PrintFindings(stderr, rep.Findings)
	fmt.Fprintf(stderr, "failwright validate: %s cannot be read as %s\n", rep.File, as)
	return exitUsage
}

// jsonExit writes the report as JSON and returns the exit code its findings call for.
func jsonExit(rep *scenarios.FileReport, stdout, stderr io.Writer) int {
	if code := writeJSON(rep, stdout, stderr); code != exitOK {
		return code
	}
	if !rep.Valid {
		return exitFail
	}
	return exitOK
}

// writeJSON writes v as indented JSON without HTML escaping.
func writeJSON(v any, stdout, stderr io.Writer) int {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(stderr, "failwright validate: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// plural formats a count with its noun: "1 pool", "2 pools", "38,400 users".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "ch") {
		return topology.Thousands(n) + " " + noun + "es"
	}
	return topology.Thousands(n) + " " + noun + "s"
}

// unwrapPathError drops the repeated file name from an *os.PathError.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
