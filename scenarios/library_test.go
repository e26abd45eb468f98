package scenarios

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/internal/testkit"
)

// minLibrary is how many scenarios the library must hold (issue 4).
const minLibrary = 24

// TestLibrary runs every embedded scenario on the simulator: each decodes without errors,
// has what a trainer needs, and all its expectations hold, twice with the same bytes.
func TestLibrary(t *testing.T) {
	entries := Library()
	require.GreaterOrEqual(t, len(entries), minLibrary)
	for _, e := range entries {
		t.Run(strings.TrimSuffix(e.File, ".yaml"), func(t *testing.T) {
			sc, fs := Load(e.File)
			require.False(t, fs.HasErrors(), "%v", fs)
			assert.NotEmpty(t, sc.Name)
			assert.Equal(t, Entry{File: e.File, Name: sc.Name, Description: sc.Description, Audience: sc.Audience,
				Level: sc.Level, Training: sc.Training()}, e, "the listing agrees with the decoded scenario")
			assert.GreaterOrEqual(t, len(sc.Description), 120, "a description a trainer can read aloud")
			rep, err := Run(sc, Options{})
			require.NoError(t, err)
			if !assert.True(t, rep.Passed) {
				for _, c := range rep.Failed() {
					t.Log(c)
				}
				t.Log(string(rep.Text(TextOptions{})))
			}
			again, err := Run(sc, Options{})
			require.NoError(t, err)
			assert.Equal(t, string(rep.JSON()), string(again.JSON()), "the same scenario gives the same report")
		})
	}
}

// TestLibraryTrainingDrills plays every drill through the Trainer with the model answers:
// a trainee who types them passes.
func TestLibraryTrainingDrills(t *testing.T) {
	for _, e := range Library() {
		if !e.Training {
			continue
		}
		t.Run(strings.TrimSuffix(e.File, ".yaml"), func(t *testing.T) {
			sc, fs := Load(e.File)
			require.False(t, fs.HasErrors(), "%v", fs)
			tr, err := NewTrainer(sc, Options{})
			require.NoError(t, err)
			tr.Start()
			for !tr.Done() {
				p := tr.Prompt()
				require.NotNil(t, p)
				step := p.Step
				for _, l := range sc.Steps[step].Trainee.Solution {
					tr.Input(l)
				}
				if p := tr.Prompt(); p != nil && p.Step == step {
					t.Fatalf("the model answer does not complete step %d", step)
				}
			}
			s := tr.Finish()
			assert.True(t, s.Passed, "%s", s.Text())
			assert.Equal(t, s.Steps, s.StepsDone)
		})
	}
}

// TestLibraryGoldenReports pins the full reports (text with console output, and JSON) of a
// few library scenarios, so that a change in the simulator's behaviour or wording shows up as
// a diff to review (go test -update rewrites them).
func TestLibraryGoldenReports(t *testing.T) {
	for _, file := range []string{"seed-example1-planned-failover.yaml", "confirm-declined.yaml"} {
		t.Run(file, func(t *testing.T) {
			sc, fs := Load(file)
			require.False(t, fs.HasErrors(), "%v", fs)
			rep, err := Run(sc, Options{})
			require.NoError(t, err)
			base := "testdata/library/" + strings.TrimSuffix(file, ".yaml")
			testkit.Golden(t, base+".report.txt", rep.Text(TextOptions{Output: true}))
			testkit.Golden(t, base+".report.json", rep.JSON())
		})
	}
}
