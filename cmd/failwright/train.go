package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"failwright/engine/topology"
	"failwright/scenarios"
)

func init() {
	register("train", command{
		summary: "play a training drill: type the commands, get a score (--json for the score)",
		run:     runTrain,
	})
}

const trainUsage = `usage: failwright train SCENARIO [--json] [--library]

Plays the trainer's events of a training scenario and stops at each trainee step to read
commands from standard input (piped input works). Type hint for a hint, skip to see the model
answer, exit to end the drill. At the end (or at the end of the input) the drill is scored
against the scenario's goals.
  --json     print the score as JSON
  --library  SCENARIO names a scenario embedded in failwright
Exit codes: 0 the drill is passed, 1 it is not, 2 bad input.`

// interactive reports whether r is a terminal, so that typed lines are not echoed twice.
func interactive(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func runTrain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags, operands, _ := splitArgs(args)
	for f := range flags {
		switch f {
		case "json", "library":
		case "h", "help":
			fmt.Fprintln(stdout, trainUsage)
			return exitOK
		default:
			fmt.Fprintf(stderr, "failwright train: unknown flag -%s\n%s\n", f, trainUsage)
			return exitUsage
		}
	}
	if len(operands) != 1 {
		fmt.Fprintln(stderr, trainUsage)
		return exitUsage
	}
	sc, fs, err := loadScenario(scenarioFile{name: operands[0], library: flags["library"]})
	if err != nil {
		fmt.Fprintf(stderr, "failwright train: %v\n", err)
		return exitUsage
	}
	if sc == nil || fs.HasErrors() {
		for _, x := range fs {
			if x.Severity == topology.Error {
				fmt.Fprintln(stderr, x)
			}
		}
		return exitUsage
	}
	if !sc.Training() {
		fmt.Fprintf(stderr, "failwright train: %s has no trainee steps; run it with 'failwright run'\n", operands[0])
		return exitUsage
	}
	tr, err := scenarios.NewTrainer(sc, scenarios.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "failwright train: cannot start the simulation: %v\n", err)
		return exitUsage
	}
	echo := !interactive(stdin)
	fmt.Fprintf(stdout, "== %s\n%s\n(type commands; 'hint' for a hint, 'skip' to see the model answer, 'exit' to stop)\n", sc.Name, sc.Description)
	turn := tr.Start()
	stdout.Write(turn.Text())
	in := bufio.NewScanner(stdin)
	in.Buffer(make([]byte, 64*1024), 1<<20)
	for !tr.Done() {
		fmt.Fprint(stdout, "PS trainee> ")
		if !in.Scan() {
			fmt.Fprintln(stdout)
			break
		}
		line := in.Text()
		if echo {
			fmt.Fprintln(stdout, line)
		}
		stdout.Write(tr.Input(line).Text())
	}
	score := tr.Finish()
	if flags["json"] {
		stdout.Write(score.JSON())
	} else {
		fmt.Fprintln(stdout)
		stdout.Write(score.Text())
	}
	if !score.Passed {
		return exitFail
	}
	return exitOK
}
