package scenarios

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
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
	files := []string{"seed-example1-planned-failover.yaml", "confirm-declined.yaml"}
	for _, d := range featureDrills {
		files = append(files, d.file)
	}
	for _, file := range files {
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

// featureDrills are the drills where the pool comes back but a feature does not until the
// trainee acts (issue 18), with that feature.
var featureDrills = []struct {
	file    string
	feature topology.Feature
}{
	{"drill-meetings-simple-url-record.yaml", topology.FeatureMeetings},
	{"drill-response-groups-import.yaml", topology.FeatureResponseGroups},
	{"drill-emergency-locations-restore.yaml", topology.FeatureEmergencyLocation},
	{"drill-persistent-chat-site-loss.yaml", topology.FeaturePersistentChat},
}

// TestFeatureDrillsNeedTheTrainee plays each feature drill with a trainee who looks at the
// state and waits half an hour instead of doing the feature's step: the pool is back, the
// feature is not, and the drill fails on its feature goal. The score is pinned as a golden
// file next to the model run's report (TestLibraryGoldenReports), which proves the drill can
// be completed.
func TestFeatureDrillsNeedTheTrainee(t *testing.T) {
	for _, d := range featureDrills {
		t.Run(strings.TrimSuffix(d.file, ".yaml"), func(t *testing.T) {
			sc, fs := Load(d.file)
			require.False(t, fs.HasErrors(), "%v", fs)
			require.NotNil(t, sc.Goals)
			require.Contains(t, sc.Goals.MaxFeatureRTO, d.feature, "the drill's goal names its feature")
			tr, _, err := Replay(sc, []string{"Get-SimState", "Wait-SimTime -Minutes 30", "exit"}, Options{})
			require.NoError(t, err)
			s := tr.Finish()
			assert.False(t, s.Passed)
			assert.Less(t, s.StepsDone, s.Steps)
			assert.NotEmpty(t, s.Report.UnrestoredFeatures[d.feature], "%s is still missing", d.feature)
			for _, p := range s.Report.Unrestored {
				assert.Nil(t, sc.Topology.PoolByFQDN(p), "%s's users have full service back (branch users get no pool failover)", p)
			}
			rules := map[string]bool{}
			for _, x := range s.Deductions {
				rules[x.Rule] = true
			}
			assert.True(t, rules["feature-rto"], "the feature goal costs points")
			testkit.Golden(t, "testdata/library/"+strings.TrimSuffix(d.file, ".yaml")+".skipped.txt", s.Text())
		})
	}
}
