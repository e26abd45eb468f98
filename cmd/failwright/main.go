// Command failwright plans and simulates Front End pool disaster recovery for Lync Server 2013
// and Skype for Business Server 2015/2019.
//
// Exit codes: 0 success, 1 the thing checked does not hold, 2 bad input or usage.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// Exit codes shared by every subcommand.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// command is one subcommand of the CLI. Each lives in its own file and registers itself in
// commands from an init function, so that subcommands can be added without touching main.
type command struct {
	// summary is the one-line description shown by "failwright help".
	summary string
	// run executes the subcommand with its arguments and returns the exit code.
	run func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

// commands maps subcommand names to their implementations.
var commands = map[string]command{}

// register adds a subcommand; a name registered twice is a programming error.
func register(name string, c command) {
	if _, dup := commands[name]; dup {
		panic("failwright: command registered twice: " + name)
	}
	commands[name] = c
}

func main() {
	os.Exit(runMain(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// runMain dispatches to a subcommand; tests call it directly. "failwright help COMMAND" is
// "failwright COMMAND --help".
func runMain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 2 && args[0] == "help" {
		args = []string{args[1], "--help"}
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "failwright: unknown command %q (see 'failwright help')\n", args[0])
		return exitUsage
	}
	return c.run(args[1:], stdin, stdout, stderr)
}

// usage lists the subcommands and the exit codes.
func usage(w io.Writer) {
	fmt.Fprintln(w, "failwright: plan and simulate Skype for Business Server pool disaster recovery")
	fmt.Fprintln(w, "\nUsage: failwright COMMAND [arguments]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nExit codes: 0 success, 1 the thing checked does not hold, 2 bad input or usage.")
}
