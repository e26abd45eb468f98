package main

import (
	"fmt"
	"io"
	"os"

	"failwright/app"
)

func init() {
	register("collect", command{
		summary: "print the read-only collector script for the Management Shell (-o FILE)",
		run:     collectCmd,
	})
}

const collectUsage = `usage: failwright collect [-o FILE]

Prints the read-only collector: a PowerShell script to run in the Skype for Business Server
Management Shell (Windows PowerShell 3.0 or later). It changes nothing: among the Skype for
Business cmdlets it calls only Get-Cs* cmdlets. It writes one JSON file (the published
topology, backup pools, users per registrar pool, the Central Management store, Edge next
hops, mirror and Backup Service states, builds) that 'failwright import' reads.
See docs/import.md, "Collector".
  -o FILE   write the script to FILE instead of standard output
Exit codes: 0 printed, 2 bad usage or FILE cannot be written.`

func collectCmd(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	out := ""
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "-h" || a == "--help" || a == "-help":
			fmt.Fprintln(stdout, collectUsage)
			return exitOK
		case (a == "-o" || a == "--output") && i+1 < len(args):
			out = args[i+1]
			i++
		default:
			fmt.Fprintf(stderr, "failwright collect: unexpected argument %q\n%s\n", a, collectUsage)
			return exitUsage
		}
	}
	r := app.Collect()
	if out == "" {
		if _, err := stdout.Write(r.Script); err != nil {
			return exitUsage
		}
		return exitOK
	}
	if err := os.WriteFile(out, r.Script, 0o644); err != nil {
		fmt.Fprintf(stderr, "failwright collect: cannot write %s: %v\n", out, unwrapPathError(err))
		return exitUsage
	}
	fmt.Fprintf(stderr, "failwright collect: wrote %s; run it in the Management Shell: .\\%s -Path .\\deployment.json\n", out, app.CollectFileName)
	return exitOK
}
