package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"failwright/app"
	"failwright/engine/topology"
	"failwright/engine/units"
)

func init() {
	register("import", command{
		summary: "turn a published topology, .tbxml or .ps1 into a failwright topology",
		run:     importCmd,
	})
}

const importUsage = `usage: failwright import FILE [--set NAME=VALUE]... [--completion FILE] [-o OUT]
                        [--format yaml|json]

Reads a topology Skype for Business Server wrote (Get-CsTopology -AsXml, the file given to
Publish-CsTopology, Topology Builder's .tbxml, a .ps1 holding one in a here-string, or the
collector's file) and writes it as a failwright topology (docs/import.md). What the file does
not say (users per pool, backup pools) is a finding with its fix; answer it with a completion
file. FILE "-" reads standard input. Findings go to standard error.
` + importFlagsUsage + `
  -o OUT           write the topology to OUT instead of standard output
  --format F       yaml (the default) or json
Exit codes: 0 the topology is complete, 1 gaps are left (the topology is still written),
2 the file or the completion cannot be used, or bad usage.`

// importArgs are the parsed arguments of the import command.
type importArgs struct {
	file, out, format string
	importFlags
}

// parseImportArgs reads the import command's flags, in any order, and its one FILE.
func parseImportArgs(args []string) (importArgs, error) {
	var a importArgs
	var files []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if ok, err := a.take(args, &i); ok || err != nil {
			if err != nil {
				return a, err
			}
			continue
		}
		name, value, inline := cutFlag(arg)
		switch {
		case arg == "--":
			files = append(files, args[i+1:]...)
			i = len(args)
		case name == "-o" || name == "--output" || name == "--format":
			if !inline {
				if i+1 >= len(args) {
					return a, fmt.Errorf("%s needs a value", name)
				}
				i++
				value = args[i]
			}
			if name == "--format" {
				a.format = value
			} else {
				a.out = value
			}
		case strings.HasPrefix(arg, "-") && arg != "-":
			return a, fmt.Errorf("unknown flag %s", arg)
		default:
			files = append(files, arg)
		}
	}
	if len(files) != 1 {
		return a, fmt.Errorf("give exactly one FILE")
	}
	if _, err := app.ParseTopologyFormat(a.format); err != nil {
		return a, fmt.Errorf("--format %v", err)
	}
	a.file = files[0]
	return a, nil
}

// importCmd is "failwright import": it imports the file and writes the topology, with the
// findings on stderr.
func importCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			fmt.Fprintln(stdout, importUsage)
			return exitOK
		}
	}
	a, err := parseImportArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "failwright import: %v\n\n%s\n", err, importUsage)
		return exitUsage
	}
	data, err := readTopology(a.file, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "failwright import: %v\n", err)
		return exitUsage
	}
	in, err := a.inputs()
	if err != nil {
		fmt.Fprintf(stderr, "failwright import: %v\n", err)
		return exitUsage
	}
	display := filepath.ToSlash(a.file)
	if a.file == "-" {
		display = "<stdin>"
	}
	res := app.Import(app.ImportRequest{File: app.Source{Name: display, Data: data}, ImportInputs: in, Format: app.TopologyFormat(a.format)})
	topology.PrintFindings(stderr, res.Findings)
	if res.Output == nil {
		fmt.Fprintf(stderr, "failwright import: %s cannot be imported\n", display)
		return res.Status.ExitCode()
	}
	if a.out == "" {
		_, _ = stdout.Write(res.Output)
	} else if err := os.WriteFile(a.out, res.Output, 0o644); err != nil {
		fmt.Fprintf(stderr, "failwright import: cannot write %s: %v\n", a.out, unwrapPathError(err))
		return exitUsage
	} else {
		fmt.Fprintf(stderr, "failwright import: wrote %s\n", a.out)
	}
	if res.Status == app.StatusFail {
		fmt.Fprintf(stderr, "failwright import: %s left: answer them with --completion FILE (docs/import.md)\n", units.Plural(len(res.Gaps()), "gap"))
	}
	return res.Status.ExitCode()
}
