package main

import (
	"fmt"
	"io"
	"runtime"
)

// version is the failwright release; set with -ldflags "-X main.version=..." when releasing.
var version = "0.1.0-dev"

func init() {
	register("version", command{
		summary: "print the failwright version",
		run: func(args []string, _ io.Reader, stdout, stderr io.Writer) int {
			if len(args) == 1 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
				fmt.Fprintln(stdout, "usage: failwright version\n\nPrints the failwright release, the Go version and the platform.")
				return exitOK
			}
			if len(args) != 0 {
				fmt.Fprintln(stderr, "usage: failwright version")
				return exitUsage
			}
			fmt.Fprintf(stdout, "failwright %s (%s, %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return exitOK
		},
	})
}
