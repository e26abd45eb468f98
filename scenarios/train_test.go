package scenarios

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/internal/testkit"
)

// traineePrompt starts each line the trainee typed in a drill's transcript.
const traineePrompt = "PS trainee> "

// drill plays the lines (as piped input) through a Trainer on the fake engine and returns the
// transcript and the score.
func drill(t *testing.T, lines ...string) (string, *Score) {
	t.Helper()
	sc := decodeFile(t, "testdata/fake-disaster.yaml")
	tr, err := NewTrainer(sc, Options{NewEngine: newFake})
	require.NoError(t, err)
	var b strings.Builder
	b.Write(tr.Start().Text())
	for _, l := range lines {
		if tr.Done() {
			break
		}
		b.WriteString(traineePrompt + l + "\n")
		b.Write(tr.Input(l).Text())
	}
	s := tr.Finish()
	b.WriteString("\n")
	b.Write(s.Text())
	return b.String(), s
}

// replayDrill plays the trainee's lines of the transcript testdata/NAME through a Trainer on
// the fake engine: the transcript is the whole session (the briefing, each line with what it
// printed, then the score), compared as a golden file. It returns the score.
func replayDrill(t *testing.T, name string) *Score {
	t.Helper()
	sc := decodeFile(t, "testdata/fake-disaster.yaml")
	tr, err := NewTrainer(sc, Options{NewEngine: newFake})
	require.NoError(t, err)
	var s *Score
	testkit.ReadTranscript(t, "testdata/"+name, traineePrompt).Replay(t, testkit.Session{
		Start: func() string { return string(tr.Start().Text()) },
		Run: func(l string) string {
			require.False(t, tr.Done(), "the drill is over before %q", l)
			return string(tr.Input(l).Text())
		},
		End: func() string { s = tr.Finish(); return "\n" + string(s.Text()) },
	})
	return s
}

func rules(s *Score) []string {
	var out []string
	for _, d := range s.Deductions {
		out = append(out, d.Rule)
	}
	return out
}

func TestTrainerPerfectDrill(t *testing.T) {
	s := replayDrill(t, "fake-disaster.train-perfect.txt")
	assert.Equal(t, 100, s.Points)
	assert.True(t, s.Passed)
	assert.Empty(t, s.Deductions)
	assert.Equal(t, 1, s.StepsDone)
	assert.True(t, s.Report.Passed, "the drill's own checks hold")
}

func TestTrainerDeductsWrongAndDangerousCommands(t *testing.T) {
	s := replayDrill(t, "fake-disaster.train-mistakes.txt")
	assert.Equal(t, []string{"hint", "wrong-pool", "error", "cms-first", "error", "force", "forbidden"}, rules(s))
	assert.Equal(t, 100-3-20-2-15-2-5-20, s.Points)
	assert.False(t, s.Passed)
	assert.Equal(t, 1, s.StepsDone, "the step completes with abbreviated parameters and another case")
}

func TestTrainerEndOfInputLeavesStepUnfinished(t *testing.T) {
	_, s := drill(t, "Get-SimState")
	assert.Equal(t, []string{"unfinished", "rto", "required", "required"}, rules(s))
	assert.False(t, s.Passed)
	assert.Equal(t, 0, s.StepsDone)
	assert.Contains(t, s.Deductions[0].Reason, "Fail the CMS over, then the pool, in disaster mode.")
	assert.Regexp(t, `the goal was \d\d:\d\d:\d\d$`, s.Deductions[1].Reason, "times as hh:mm:ss, as every surface writes them (bug: Go durations such as 45m0s beside the page's hh:mm:ss)")
}

func TestTrainerSkipPlaysTheModelAnswer(t *testing.T) {
	out, s := drill(t, "skip")
	assert.Equal(t, []string{"skipped"}, rules(s))
	assert.Equal(t, 75, s.Points)
	assert.True(t, s.Passed)
	assert.Contains(t, out, "Model answer: Invoke-CsManagementServerFailover")
}

func TestTrainerConfirmCountsOnlyWhenAnswered(t *testing.T) {
	sc, fs := Load("training-beginner-planned-failover.yaml")
	require.False(t, fs.HasErrors(), "%v", fs)
	tr, err := NewTrainer(sc, Options{})
	require.NoError(t, err)
	tr.Start()
	turn := tr.Input("Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com -Confirm")
	require.NotNil(t, turn.Command)
	assert.True(t, turn.Command.Prompt)
	assert.Equal(t, 0, tr.Prompt().Number-1, "asking for confirmation does not complete the step")
	tr.Input("N")
	require.NotNil(t, tr.Prompt())
	assert.Equal(t, 1, tr.Prompt().Number, "declining does not complete the step")
	tr.Input("Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com -Confirm")
	turn = tr.Input("Y")
	assert.Contains(t, turn.Feedback, "Step done.")
	require.NotNil(t, tr.Prompt())
	assert.Equal(t, 2, tr.Prompt().Number)
}

func TestTrainerExitEndsTheDrill(t *testing.T) {
	out, s := drill(t, "exit", "Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode")
	assert.Contains(t, out, "Drill ended by the trainee.")
	assert.Equal(t, 0, s.Commands, "nothing typed after exit runs")
	assert.Equal(t, []string{"unfinished", "rto", "required", "required"}, rules(s))
}

func TestTrainerRefusesFaultVerbs(t *testing.T) {
	out, s := drill(t, "Start-SimPool -PoolFqdn atl-cs-001.litwareinc.com", "Get-SimState")
	assert.Contains(t, out, "Start-SimPool is a simulator verb for the trainer")
	assert.Equal(t, 1, s.Commands, "the refused verb does not run; Get-SimState does")
	assert.NotContains(t, rules(s), "error")
}

func TestReplayGivesTheLiveDrill(t *testing.T) {
	inputs := []string{"hint", "Invoke-CsManagementServerFailover -BackupSqlServerFqdn dfw-sql-01.litwareinc.com -Force",
		"Invoke-CsPoolFailOver -PoolFqdn atl-cs-001.litwareinc.com -DisasterMode"}
	_, live := drill(t, inputs...)
	sc := decodeFile(t, "testdata/fake-disaster.yaml")
	tr, turns, err := Replay(sc, inputs, Options{NewEngine: newFake})
	require.NoError(t, err)
	require.Len(t, turns, 4)
	assert.True(t, turns[3].Finished)
	assert.Equal(t, string(live.JSON()), string(tr.Finish().JSON()))
}

func TestTrainerForceWhatIfTrap(t *testing.T) {
	sc := decodeFile(t, "testdata/fake-disaster.yaml")
	tr, err := NewTrainer(sc, Options{})
	require.NoError(t, err)
	tr.Start()
	turn := tr.Input("Invoke-CsComputerFailOver -ComputerName dfw-fe-01.litwareinc.com -Force -WhatIf")
	require.NotEmpty(t, turn.Feedback)
	assert.Contains(t, turn.Feedback[0], "-10 -Force makes Invoke-CsComputerFailOver ignore -WhatIf")
	assert.Equal(t, []string{"force"}, rules(&Score{Deductions: tr.deductions}))
}

// TestTrainerEdgeDrillMatchesAsTheShellReads plays the Edge drill with a positional identity,
// a parameter prefix and lower case: the commands match the patterns as the shell reads them,
// and Move-SimFederationRoute is the trainee's to use while Stop-SimEdgePool is not.
func TestTrainerEdgeDrillMatchesAsTheShellReads(t *testing.T) {
	sc, fs := Load("training-intermediate-edge-pool-lost.yaml")
	require.False(t, fs.HasErrors(), "%v", fs)
	_, turns, err := Replay(sc, []string{
		"Start-SimEdgePool atl-edge-001.litwareinc.com",
		"move-simfederationroute DFW-EDGE-001.litwareinc.com",
		"set-csregistrar registrar:atl-cs-001.litwareinc.com -Edge EdgeServer:dfw-edge-001.litwareinc.com",
	}, Options{})
	require.NoError(t, err)
	require.Len(t, turns, 4)
	assert.Contains(t, turns[1].Feedback[0], "Start-SimEdgePool is a simulator verb for the trainer")
	assert.Contains(t, turns[2].Feedback, "Step done.")
	assert.Contains(t, turns[3].Feedback, "Step done.")
	assert.True(t, turns[3].Finished)
}
