package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"failwright/app"
	"failwright/engine/shell"
	"failwright/engine/sim"
	"failwright/engine/topology"
	"failwright/scenarios"
)

func init() {
	register("train", command{
		summary: "play a training drill: type the commands, get a score (--json for the score)",
		run:     runTrain,
	})
}

const trainUsage = `usage: failwright train SCENARIO [--json] [--library] [--report FILE] [--trainee NAME]

Plays the trainer's events of a training scenario and stops at each trainee step to read
commands from standard input (piped input works). Type hint for a hint, skip to see the model
answer, exit to end the drill. At the end (or at the end of the input) the drill is scored
against the scenario's goals.
  --json     print the score as JSON
  --library  SCENARIO names a scenario embedded in failwright
  --report FILE   also write the trainee's result as a printable HTML page (docs/evidence.md)
  --trainee NAME  the trainee's name on that page
Exit codes: 0 the drill is passed, 1 it is not, 2 bad input.`

// trainPrompt is the prompt a trainee types at.
const trainPrompt = "PS trainee> "

func runTrain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	args, values, err := takeValues(args, "report", "trainee")
	if err != nil {
		fmt.Fprintf(stderr, "failwright train: %v\n%s\n", err, trainUsage)
		return exitUsage
	}
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
	req, err := scenarioFile{name: operands[0], library: flags["library"]}.request()
	if err != nil {
		fmt.Fprintf(stderr, "failwright train: %v\n", err)
		return exitUsage
	}
	tr, turn, res := app.StartDrill(req)
	switch {
	case errors.Is(res.Err, app.ErrNotTraining):
		fmt.Fprintf(stderr, "failwright train: %s has no trainee steps; run it with 'failwright run'\n", operands[0])
		return res.Status.ExitCode()
	case res.Err != nil:
		fmt.Fprintf(stderr, "failwright train: cannot start the simulation: %v\n", res.Err)
		return res.Status.ExitCode()
	case res.Status != app.StatusOK:
		printErrors(stderr, res.Findings)
		return res.Status.ExitCode()
	}
	sc := res.Scenario
	fmt.Fprintf(stdout, "== %s\n%s\n(type commands; 'hint' for a hint, 'skip' to see the model answer, 'exit' to stop)\n", sc.Name, sc.Description)
	if ed := terminalEditor(stdin, stdout); ed != nil {
		trainInteractive(tr, turn, ed, sc.Topology, stdout, os.Getenv("NO_COLOR") == "")
	} else {
		trainPiped(tr, turn, stdin, stdout)
	}
	score := tr.Finish()
	if flags["json"] {
		stdout.Write(score.JSON())
	} else {
		fmt.Fprintln(stdout)
		stdout.Write(score.Text())
	}
	if out := values["report"]; out != "" {
		page := app.TrainingReport(sc, score, values["trainee"], time.Now().UTC().Truncate(time.Second)).HTML()
		if code := writeOut("train", out, page, stdout, stderr); code != exitOK {
			return code
		}
	}
	return app.ScoreStatus(score).ExitCode()
}

// trainPiped reads the trainee's lines from a pipe or file, echoing each after the prompt so
// that the output reads as a transcript.
func trainPiped(tr *app.Drill, turn scenarios.Turn, stdin io.Reader, stdout io.Writer) {
	stdout.Write(turn.Text())
	in := bufio.NewScanner(stdin)
	in.Buffer(make([]byte, 64*1024), 1<<20)
	for !tr.Done() {
		fmt.Fprint(stdout, trainPrompt)
		if !in.Scan() {
			fmt.Fprintln(stdout)
			break
		}
		line := in.Text()
		fmt.Fprintln(stdout, line)
		stdout.Write(tr.Input(line).Text())
	}
}

// trainInteractive reads the trainee's lines with the shell's line editor: history, and Tab
// completion of cmdlets, parameters and the topology's names as in failwright shell. A
// -Confirm question becomes the prompt its answer is typed at; Ctrl-C drops the line (or
// answers no); Ctrl-D on an empty line ends the drill.
func trainInteractive(tr *app.Drill, turn scenarios.Turn, ed *lineEditor, t *topology.Topology, out io.Writer, color bool) {
	names, version := shell.NamesOf(t), app.SessionVersion(t)
	ed.complete = func(line string, cursor int) (int, []string) {
		start, cands := shell.Default.CompleteWord(line, cursor, version, names)
		return start, withTraineeWords(line[:cursor], cands)
	}
	question := ""
	show := func(turn scenarios.Turn) {
		question = ""
		if c := turn.Command; c != nil && c.Prompt {
			// The question's last line is the prompt the answer is typed after.
			lines := append([]sim.Line(nil), c.Lines...)
			if n := len(lines); n > 0 && lines[n-1].Kind == sim.LinePrompt {
				question = lines[n-1].Text + " "
				lines = lines[:n-1]
			} else {
				question = `[Y] Yes  [N] No (default is "Y"): `
			}
			cc := *c
			cc.Lines = lines
			turn.Command = &cc
		}
		writeTurn(out, turn, color)
	}
	show(turn)
	for !tr.Done() {
		prompt := trainPrompt
		if question != "" {
			prompt = question
		}
		line, err := ed.readLine(prompt)
		if errors.Is(err, errInterrupt) {
			if question != "" {
				show(tr.Input("N"))
			}
			continue
		}
		if err != nil {
			fmt.Fprintln(out)
			break
		}
		if question == "" {
			switch strings.ToLower(strings.TrimSpace(line)) {
			case "history", "get-history", "h":
				for i, h := range ed.history {
					fmt.Fprintln(out, strconv.Itoa(i+1)+"  "+h)
				}
				continue
			case "cls", "clear", "clear-host":
				fmt.Fprint(out, "\x1b[H\x1b[2J")
				continue
			}
			line, _ = ed.readStatement(line, shell.Incomplete) // on an error, what was typed
			line = oneLine(line)
			ed.addHistory(line)
		}
		show(tr.Input(line))
	}
}

// withTraineeWords adds the drill's own words (hint, skip, exit) to the completions of the
// first word typed.
func withTraineeWords(before string, cands []string) []string {
	word := strings.TrimLeft(before, " \t")
	if strings.ContainsAny(word, " \t") {
		return cands
	}
	for _, w := range []string{scenarios.InputHint, scenarios.InputSkip, scenarios.InputExit} {
		if word != "" && strings.HasPrefix(w, strings.ToLower(word)) {
			cands = append(cands, w)
		}
	}
	sort.Strings(cands)
	return cands
}

// writeTurn prints a turn on the terminal: the command's console lines styled by kind as the
// shell styles them (when color is on), then the rest of the turn.
func writeTurn(out io.Writer, turn scenarios.Turn, color bool) {
	if c := turn.Command; c != nil && color {
		sh := shellSession{out: out, color: true}
		for _, l := range c.Lines {
			fmt.Fprintln(out, sh.style(l.Kind, l.Text))
		}
		turn.Command = nil
	}
	out.Write(turn.Text())
}

// takeValues removes the flags with a value named in names ("--report FILE", "--report=FILE")
// from args and returns them, for commands whose other flags splitArgs reads as switches.
func takeValues(args []string, names ...string) ([]string, map[string]string, error) {
	values := map[string]string{}
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || !slices.Contains(names, name) {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return nil, nil, fmt.Errorf("--%s needs a value", name)
			}
			i++
			value = args[i]
		}
		values[name] = value
	}
	return rest, values, nil
}
