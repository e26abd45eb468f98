package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"failwright/app"
	"failwright/engine/shell"
	"failwright/engine/sim"
	"failwright/engine/topology"
)

func init() {
	register("shell", command{
		summary: "the simulated Management Shell on a topology (type, or pipe a script in)",
		run:     runShell,
	})
}

// Prompts of the simulated shell.
const (
	shellPrompt        = "PS failwright> "
	continuationPrompt = ">> "
)

// ANSI styles for console line kinds, after the Management Shell's default colours.
var lineStyles = map[sim.LineKind]string{
	sim.LineError:   "\x1b[91m", // red
	sim.LineWarning: "\x1b[93m", // yellow
	sim.LineVerbose: "\x1b[93m", // yellow, as PowerShell shows VERBOSE:
	sim.LineInfo:    "\x1b[96m", // cyan: the simulator's own notices
}

const styleReset = "\x1b[0m"

type shellOptions struct {
	seed    int64
	color   bool
	noColor bool
	file    string
	importFlags
}

func shellUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: failwright shell TOPOLOGY [--seed N] [--color|--no-color] [--set NAME=VALUE]...")
	fmt.Fprintln(w, "                                [--completion FILE]")
	fmt.Fprintln(w, "  Opens the simulated Skype for Business Server Management Shell on TOPOLOGY (YAML or JSON,")
	fmt.Fprintln(w, "  or a file to import: docs/import.md, with --set and --completion).")
	fmt.Fprintln(w, "  When standard input is not a terminal, runs its lines as a script, echoing each after the")
	fmt.Fprintln(w, "  prompt, and exits 1 if any command failed.")
}

// parseShellArgs reads the shell's flags and its one topology argument. help is true when
// the user asked for the usage (-h, --help): it goes to standard output and the exit is 0.
func parseShellArgs(args []string, stderr io.Writer) (o shellOptions, ok bool, help bool) {
	fs := flag.NewFlagSet("shell", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Int64Var(&o.seed, "seed", 1, "seed of the simulation's random choices")
	fs.BoolVar(&o.color, "color", false, "style errors, warnings and verbose lines with colours")
	fs.BoolVar(&o.noColor, "no-color", false, "never use colours")
	o.importFlags.register(fs)
	var rest []string
	for len(args) > 0 {
		if err := fs.Parse(args); err == flag.ErrHelp {
			return o, false, true
		} else if err != nil {
			fmt.Fprintf(stderr, "failwright shell: %v\n", err)
			shellUsage(stderr)
			return o, false, false
		}
		args = fs.Args()
		if len(args) > 0 {
			rest = append(rest, args[0])
			args = args[1:]
		}
	}
	if len(rest) != 1 {
		shellUsage(stderr)
		return o, false, false
	}
	o.file = rest[0]
	return o, true, false
}

// startShell reads and decodes a topology file and starts a shell session on it; it prints
// why when it cannot and returns nil and the exit code.
func startShell(o shellOptions, stderr io.Writer) (*app.ShellSession, int) {
	data, err := readTopology(o.file, nil)
	if err != nil {
		fmt.Fprintf(stderr, "failwright shell: %v\n", err)
		return nil, exitUsage
	}
	doc, fs, st := loadAnyTopology("shell", app.Source{Name: o.file, Data: data}, o.importFlags, stderr)
	if doc == nil {
		topology.PrintFindings(stderr, fs)
		if st == app.StatusFail {
			return nil, exitFail
		}
		return nil, exitUsage
	}
	s, fs, _, err := app.NewShell(doc, o.seed)
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "failwright shell: %v\n", err)
	case s == nil:
		topology.PrintFindings(stderr, fs)
	}
	return s, exitUsage
}

func runShell(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, ok, help := parseShellArgs(args, stderr)
	if help {
		shellUsage(stdout)
		return exitOK
	}
	if !ok {
		return exitUsage
	}
	s, code := startShell(o, stderr)
	if s == nil {
		return code
	}
	ed := terminalEditor(stdin, stdout)
	interactive := ed != nil
	color := (o.color || interactive) && !o.noColor && os.Getenv("NO_COLOR") == ""
	sh := &shellSession{sim: s, out: stdout, color: color, names: s.Names, version: s.Version}
	if interactive {
		return sh.interactive(ed)
	}
	return sh.script(stdin)
}

// shellSession runs lines against one simulation and prints the results.
type shellSession struct {
	sim   *app.ShellSession
	out   io.Writer
	color bool
	names shell.Names
	// version is the product version tab completion offers cmdlets and parameters of: the
	// version every pool runs, or "" (all versions) for a mixed topology.
	version topology.Version
	failed  bool
	// exitCode is the code an "exit N" line asked for, or nil.
	exitCode *int
	// pending is true while the simulator waits for the answer to a -Confirm prompt.
	pending bool
	// question is the last prompt line of a pending question ("[Y] Yes ... (default is
	// "Y"):"), which the answer follows on the same line.
	question string
	// holdQuestion keeps exec from printing the question: the interactive editor shows it
	// as its prompt, so that redrawing the line keeps it.
	holdQuestion bool
}

// isCommand reports whether a line parses and starts with a known cmdlet or simulator verb.
func isCommand(line string) bool {
	if isExit(line) {
		return true
	}
	sts, err := shell.Parse(line)
	return err == nil && len(sts) > 0 && shell.Default.Lookup(sts[0].Name) != nil
}

// isExit reports whether the line asks to leave the shell.
func isExit(line string) bool {
	if _, _, ok := shell.ExitCode(line); ok {
		return true
	}
	return strings.EqualFold(strings.TrimSpace(line), "quit")
}

// script runs the lines of r as a script: each line (with its continuation lines) is echoed
// after the prompt and run; a line after a -Confirm prompt answers it.
func (sh *shellSession) script(r io.Reader) int {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if sh.pending && !isCommand(line) {
			fmt.Fprintln(sh.out, shell.EscapeFormat(line)) // the answer, after the prompt's choices
			sh.exec(line)
			continue
		}
		if sh.pending {
			// A command where the answer was expected: the simulator declines the
			// question and runs the command, which is echoed after a fresh prompt.
			fmt.Fprintln(sh.out)
		}
		// The echo shows format characters escaped, as errors do: a right-to-left override in
		// a piped script must not reorder what the operator reads.
		fmt.Fprintln(sh.out, shellPrompt+shell.EscapeFormat(line))
		if isExit(line) {
			// "exit N" ends the script with code N, as in PowerShell; a bare exit keeps the
			// usual code (1 when a command failed).
			if code, has, _ := shell.ExitCode(line); has {
				sh.exitCode = &code
			}
			sh.pending = false // a pending question is dropped: its command does not run
			break
		}
		j := newJoiner(line, shell.Continues)
		for j.goesOn() && sc.Scan() {
			next := strings.TrimSuffix(sc.Text(), "\r")
			fmt.Fprintln(sh.out, continuationPrompt+shell.EscapeFormat(next))
			j.add(next)
		}
		stmt := j.String()
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		sh.exec(stmt)
	}
	if sh.pending {
		// The input ended before the question was answered: the command does not run.
		fmt.Fprintln(sh.out)
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(sh.out, "failwright shell: reading input: %v\n", err)
		return exitUsage
	}
	if sh.exitCode != nil {
		return *sh.exitCode
	}
	if sh.failed {
		return exitFail
	}
	return exitOK
}

// exec runs one statement (or prompt answer) and prints its lines.
func (sh *shellSession) exec(line string) {
	res := sh.sim.Exec(line)
	if res.Failed {
		sh.failed = true
	}
	sh.pending = res.Prompt
	lines := res.Lines
	sh.question = ""
	if res.Prompt {
		sh.question = `[Y] Yes  [N] No (default is "Y"):`
		if n := len(lines); n > 0 && lines[n-1].Kind == sim.LinePrompt {
			sh.question = lines[n-1].Text
			lines = lines[:n-1]
		}
		sh.question += " "
	}
	for _, l := range lines {
		fmt.Fprintln(sh.out, sh.style(l.Kind, l.Text))
	}
	if res.Prompt && !sh.holdQuestion {
		fmt.Fprint(sh.out, sh.question)
	}
}

// style wraps text in the ANSI colour of its kind when colours are on.
func (sh *shellSession) style(kind sim.LineKind, text string) string {
	if st, ok := lineStyles[kind]; ok && sh.color {
		return st + text + styleReset
	}
	return text
}

// interactive runs the shell on a terminal with line editing, history and tab completion.
func (sh *shellSession) interactive(ed *lineEditor) int {
	out := sh.out
	sh.holdQuestion = true
	ed.complete = func(line string, cursor int) (int, []string) {
		return shell.Default.CompleteWord(line, cursor, sh.version, sh.names)
	}
	fmt.Fprintln(out, "failwright simulated Management Shell. Get-Help lists the commands; Tab completes; exit leaves.")
	for {
		prompt := shellPrompt
		if sh.pending {
			prompt = sh.question
		}
		line, err := ed.readLine(prompt)
		if errors.Is(err, errInterrupt) {
			if sh.pending {
				sh.exec("N")
			}
			continue
		}
		if err != nil {
			break
		}
		if sh.pending {
			sh.exec(line)
			continue
		}
		if isExit(line) {
			if code, has, _ := shell.ExitCode(line); has {
				sh.exitCode = &code
			}
			break
		}
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "cls", "clear", "clear-host":
			fmt.Fprint(out, "\x1b[H\x1b[2J")
			continue
		case "history", "get-history", "h":
			for i, h := range ed.history {
				fmt.Fprintln(out, strconv.Itoa(i+1)+"  "+h)
			}
			continue
		}
		stmt, err := ed.readStatement(line, shell.Incomplete)
		if err != nil {
			stmt = ""
		}
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		ed.addHistory(oneLine(stmt))
		sh.exec(stmt)
	}
	if sh.exitCode != nil {
		return *sh.exitCode
	}
	if sh.failed {
		return exitFail
	}
	return exitOK
}

// oneLine joins a statement typed over several lines into one line for the history: each
// backtick continuation becomes a space.
func oneLine(stmt string) string {
	var b strings.Builder
	for i, l := range strings.Split(stmt, "\n") {
		l = strings.TrimSuffix(l, "\r")
		if i > 0 {
			b.WriteString(" ")
			l = strings.TrimLeft(l, " \t")
		}
		if t := strings.TrimRight(l, " \t"); strings.HasSuffix(t, "`") {
			l = strings.TrimRight(strings.TrimSuffix(t, "`"), " \t")
		}
		b.WriteString(l)
	}
	return b.String()
}
