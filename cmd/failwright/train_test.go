package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/app"
	"failwright/engine/sim"
	"failwright/scenarios"
)

// trainOnTerminal plays the library drill file with keys typed on a fake terminal and returns
// what the terminal showed and the score.
func trainOnTerminal(t *testing.T, file, keys string) (string, *scenarios.Score) {
	t.Helper()
	tr, turn, res := app.StartDrill(app.RunRequest{Scenario: app.Source{Name: file}, Library: true})
	require.Equal(t, app.StatusOK, res.Status, "%v %v", res.Findings, res.Err)
	var out bytes.Buffer
	ed := newLineEditor(strings.NewReader(keys), &out)
	raw := 0
	ed.raw = func() (func(), error) { raw++; return func() { raw-- }, nil }
	trainInteractive(tr, turn, ed, tr.Scenario.Topology, &out, false)
	assert.Zero(t, raw, "raw mode is switched off after every read")
	return out.String(), tr.Finish()
}

func TestTrainInteractiveCompletesAndConfirms(t *testing.T) {
	keys := "Invoke-CsPoolFailO\t -PoolF\t chi\t -Confirm\r" + // Tab completes the cmdlet, the parameter and the pool
		"y\r" + // the answer, typed at the question
		"Invoke-CsPoolFailB\t -PoolF\t chi\t\r"
	out, score := trainOnTerminal(t, "training-beginner-planned-failover.yaml", keys)
	assert.Contains(t, out, "\rPS trainee> Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com -Confirm\x1b[K")
	assert.Contains(t, out, "Performing the operation \"Invoke-CsPoolFailOver\" on target \"chi-pool-01.contoso.com\".\n")
	assert.Contains(t, out, "(default is \"Y\"): y\x1b[K", "the question is the prompt of its answer")
	assert.Contains(t, out, "\rPS trainee> Invoke-CsPoolFailBack -PoolFqdn chi-pool-01.contoso.com\x1b[K")
	assert.Equal(t, 100, score.Points, "%s", score.Text())
	assert.True(t, score.Passed)
}

func TestTrainInteractiveHistoryAndInterrupt(t *testing.T) {
	keys := "Get-SimState\r" +
		"Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com\r" +
		keyUp + keyUp + keyCtrlU + "half typed" + keyCtrlC + // Up walks the history; Ctrl-C drops the line
		"history\r" + // listed, not sent to the drill
		"Invoke-CsPoolFailBack -PoolFqdn chi-pool-01.contoso.com -Confirm\r" +
		keyCtrlC + // Ctrl-C at the question answers no: nothing runs
		keyCtrlD // Ctrl-D on an empty line ends the drill
	out, score := trainOnTerminal(t, "training-beginner-planned-failover.yaml", keys)
	assert.Contains(t, out, "\rPS trainee> Get-SimState\x1b[K", "the second Up shows the first line typed")
	assert.Contains(t, out, "1  Get-SimState\n2  Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com\n")
	assert.NotContains(t, out, "half typed\n")
	assert.Equal(t, 3, score.Commands, "Get-SimState, the failover and the declined failback: %s", score.Text())
	assert.Equal(t, 1, score.StepsDone)
	assert.False(t, score.Passed)
}

func TestTrainPipedInputIsUnchanged(t *testing.T) {
	// Piped input keeps echoing each line after the prompt (the golden transcripts of
	// TestTrainPipedInput pin the whole output).
	code, out, _ := cli(t, "Get-SimState\nexit\n", "train", "--library", "training-beginner-planned-failover.yaml")
	assert.Equal(t, exitFail, code)
	assert.Contains(t, out, "PS trainee> Get-SimState\nVirtual time 00:01:00\n")
	assert.Contains(t, out, "PS trainee> exit\n>> Drill ended by the trainee.\n")
}

func TestTrainCompletesTheDrillsWords(t *testing.T) {
	assert.Equal(t, []string{"hint"}, withTraineeWords("hi", nil))
	assert.Equal(t, []string{"exit"}, withTraineeWords("ex", nil))
	assert.Equal(t, []string{"Skip-Foo", "skip"}, withTraineeWords("sk", []string{"Skip-Foo"}))
	assert.Empty(t, withTraineeWords("Get-CsPool hi", nil), "only the first word")
	assert.Empty(t, withTraineeWords("", nil))
}

func TestTrainColoursCommandOutput(t *testing.T) {
	var out bytes.Buffer
	turn := scenarios.Turn{Command: &scenarios.CommandReport{Lines: []sim.Line{{Kind: sim.LineError, Text: "boom"}, {Kind: sim.LineOutput, Text: "plain"}}},
		Feedback: []string{"Step done."}}
	writeTurn(&out, turn, true)
	assert.Equal(t, "\x1b[91mboom\x1b[0m\nplain\n>> Step done.\n", out.String())
	out.Reset()
	writeTurn(&out, turn, false)
	assert.Equal(t, "boom\nplain\n>> Step done.\n", out.String())
}
