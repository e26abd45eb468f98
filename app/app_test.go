package app_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/app"
	"failwright/engine/plan"
	"failwright/engine/topofile"
	"failwright/engine/topology"
	"failwright/scenarios"
)

// samples are the sample topologies every surface offers, read as the CLI reads them.
func samples(t *testing.T) map[string]app.Source {
	t.Helper()
	paths, err := filepath.Glob("../scenarios/topologies/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	out := map[string]app.Source{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		name := "scenarios/topologies/" + filepath.Base(p)
		out[filepath.Base(p)] = app.Source{Name: name, Data: data}
	}
	return out
}

func load(t *testing.T, src app.Source) *topofile.Document {
	t.Helper()
	doc, fs, st := app.LoadTopology(src)
	require.Equal(t, app.StatusOK, st, "%v", fs)
	return doc
}

func TestStatusExitCodes(t *testing.T) {
	for st, code := range map[app.Status]int{app.StatusOK: 0, app.StatusFail: 1, app.StatusBadInput: 2} {
		assert.Equal(t, code, st.ExitCode(), st.String())
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range app.Formats {
		got, err := app.ParseFormat(string(f))
		require.NoError(t, err)
		assert.Equal(t, f, got)
		assert.NotEmpty(t, f.MediaType())
	}
	_, err := app.ParseFormat("html")
	assert.EqualError(t, err, `must be ps1, md or json, not "html"`)
}

func TestPrintFindings(t *testing.T) {
	var b bytes.Buffer
	topology.PrintFindings(&b, topology.Findings{
		{Code: "FW0001", Severity: topology.Error, Path: "pools[a]", Pos: topology.Pos{File: "t.yaml", Line: 3, Column: 5}, Message: "bad", Fix: "mend it"},
		{Code: "PL001", Severity: topology.Warning, Path: "request.pool", Message: "odd"},
	})
	assert.Equal(t, "t.yaml:3:5: error FW0001 pools[a]: bad\n  fix: mend it\nwarning PL001 request.pool: odd\n", b.String())
}

func TestValidateSamples(t *testing.T) {
	for name, src := range samples(t) {
		t.Run(name, func(t *testing.T) {
			res := app.Validate(app.ValidateRequest{File: src})
			assert.Equal(t, res.Report.Valid, res.Status == app.StatusOK)
			assert.NotEqual(t, app.StatusBadInput, res.Status)
			assert.True(t, strings.HasPrefix(res.Summary(), src.Name+": "), res.Summary())
			out, err := res.JSON()
			require.NoError(t, err)
			assert.True(t, bytes.HasSuffix(out, []byte("}\n")))
		})
	}
	res := app.Validate(app.ValidateRequest{File: app.Source{Name: "x.yaml", Data: []byte("{{{")}})
	assert.Equal(t, app.StatusBadInput, res.Status)
	assert.Equal(t, "a topology or a scenario", res.Unreadable())
}

// TestPlanSamples plans every Front End pool of every sample, planned and disaster: a plan
// has its three renderings, its findings about the topology carry positions in its file and
// those about the request none, and the saved JSON plan still fits the topology it was made
// from.
func TestPlanSamples(t *testing.T) {
	for name, src := range samples(t) {
		doc := load(t, src)
		planned := 0
		for _, pool := range doc.Topology.Pools {
			if !pool.Role.IsFrontEnd() || planned == 4 {
				continue // four pools of each sample (large.yaml has 200)
			}
			planned++
			for _, mode := range []plan.Mode{plan.Planned, plan.Disaster} {
				req := app.PlanRequest{Request: plan.Request{Pool: pool.FQDN, Mode: mode}, Positions: true}
				res := app.Plan(doc, req)
				label := name + " " + pool.FQDN + " " + string(mode)
				for _, f := range res.Findings {
					if strings.HasPrefix(f.Path, "request") {
						assert.False(t, f.Pos.IsValid(), "%s: %v", label, f)
					}
				}
				if res.Status != app.StatusOK {
					assert.True(t, res.Findings.HasErrors() || res.Plan == nil, label)
					continue
				}
				for _, f := range app.Formats {
					out, err := res.Text(f)
					require.NoError(t, err, label)
					assert.NotEmpty(t, out, "%s %s", label, f)
				}
				one := app.Plan(doc, app.PlanRequest{Request: req.Request, Format: app.FormatPS1, Positions: true})
				assert.Equal(t, res.PS1, one.PS1, "one rendering is the same as all three's")
				assert.Empty(t, one.Markdown)
				check := app.CheckPlan(doc, app.Source{Name: "plan.json", Data: res.JSON})
				assert.Equal(t, app.StatusOK, check.Status, "%s: %v %v", label, check.Findings, check.Err)
			}
		}
	}
}

func TestPlanRefused(t *testing.T) {
	doc := load(t, samples(t)["litwareinc.yaml"])
	for _, tc := range []struct {
		name string
		req  plan.Request
		want app.Status
		code string
	}{
		{"a pool not in the topology is bad input", plan.Request{Pool: "nowhere.example.com"}, app.StatusBadInput, "PL001"},
		{"an unknown mode is a plan that cannot be valid", plan.Request{Pool: "atl-cs-001.litwareinc.com", Mode: "sideways"}, app.StatusFail, "PL022"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := app.Plan(doc, app.PlanRequest{Request: tc.req, Positions: true})
			assert.Equal(t, tc.want, res.Status)
			require.True(t, res.Findings.HasErrors())
			var codes []string
			for _, f := range res.Findings {
				codes = append(codes, f.Code)
				if strings.HasPrefix(f.Path, "request.") {
					assert.False(t, f.Pos.IsValid(), "a finding about the request has no position in the file")
				}
			}
			assert.Contains(t, codes, tc.code)
		})
	}

	check := app.CheckPlan(doc, app.Source{Name: "p.json", Data: []byte("{")})
	assert.Equal(t, app.StatusBadInput, check.Status)
	assert.Error(t, check.Err)
}

// TestAnalysisJobIsAnalyze checks that the page's sliced job and the CLI's and the Worker's
// one-call analysis give the same report, byte for byte.
func TestAnalysisJobIsAnalyze(t *testing.T) {
	for name, src := range samples(t) {
		t.Run(name, func(t *testing.T) {
			depth := 2
			if name == "large.yaml" {
				depth = 1
			}
			doc := load(t, src)
			res := app.Analyze(doc, app.AnalyzeRequest{Depth: depth})
			require.NotNil(t, res.Report, "%v %v", res.Findings, res.Err)
			assert.Equal(t, res.Report.SingleFailureUnserved() || res.Report.Findings.HasErrors() || res.Report.SingleFailureBreaksPolicy(), res.Status == app.StatusFail)
			assert.Equal(t, res.Status, app.AnalysisStatus(res.Report))

			job, jr := app.StartAnalysis(load(t, src), depth)
			require.NotNil(t, job, "%v", jr.Findings)
			for !job.Step() {
				done, total, phase := job.Progress()
				assert.LessOrEqual(t, done, total, phase)
			}
			r, err := job.Report()
			require.NoError(t, err)
			assert.Equal(t, string(res.Report.JSON()), string(r.JSON()))
			m := job.Matrix()
			assert.LessOrEqual(t, len(m.Groups), app.MaxGroups)
			assert.Len(t, m.Cells, len(m.Groups)*(len(m.Groups)+1)/2)
			_, _, err = job.Set(-1)
			assert.Error(t, err)
		})
	}
}

func TestAnalyzeRefusesInvalidTopology(t *testing.T) {
	doc := app.Model(&topology.Topology{Name: "x", Pools: []topology.Pool{{FQDN: "p.x.com", Site: "nowhere"}}})
	res := app.Analyze(doc, app.AnalyzeRequest{Depth: 1})
	assert.Equal(t, app.StatusBadInput, res.Status)
	assert.True(t, res.Findings.HasErrors())
	job, jr := app.StartAnalysis(doc, 1)
	assert.Nil(t, job)
	assert.Equal(t, app.StatusBadInput, jr.Status)
}

func TestRunLibrary(t *testing.T) {
	res := app.Run(app.RunRequest{Scenario: app.Source{Name: "seed-example1-planned-failover.yaml"}, Library: true})
	require.NotNil(t, res.Report, "%v %v", res.Findings, res.Err)
	assert.Equal(t, res.Report.Passed, res.Status == app.StatusOK)

	res = app.Run(app.RunRequest{Scenario: app.Source{Name: "nothing.yaml"}, Library: true})
	assert.Equal(t, app.StatusBadInput, res.Status)
	assert.True(t, res.Findings.HasErrors())

	all, err := app.RunAllResult{}.JSON()
	require.NoError(t, err)
	assert.Equal(t, "{\n  \"passed\": false,\n  \"scenarios\": []\n}\n", string(all))
}

func TestDrill(t *testing.T) {
	var training string
	for _, e := range scenarios.Library() {
		if strings.HasPrefix(e.File, "training-") {
			training = e.File
			break
		}
	}
	require.NotEmpty(t, training)
	d, turn, res := app.StartDrill(app.RunRequest{Scenario: app.Source{Name: training}, Library: true})
	require.NotNil(t, d, "%v %v", res.Findings, res.Err)
	assert.NotEmpty(t, turn.Text())
	for i := 0; !d.Done() && i < 100; i++ {
		d.Input(scenarios.InputSkip)
	}
	score := d.Finish()
	assert.Equal(t, score.Passed, app.ScoreStatus(score) == app.StatusOK)

	_, _, res = app.StartDrill(app.RunRequest{Scenario: app.Source{Name: "seed-example1-planned-failover.yaml"}, Library: true})
	assert.ErrorIs(t, res.Err, app.ErrNotTraining)
	assert.Equal(t, app.StatusBadInput, res.Status)
}

func TestShell(t *testing.T) {
	for name, src := range samples(t) {
		s, fs, st, err := app.NewShell(load(t, src), 1)
		require.NoError(t, err, name)
		require.Equal(t, app.StatusOK, st, "%s: %v", name, fs)
		r := s.Exec("Get-CsPool")
		assert.False(t, r.Failed, name)
		assert.True(t, s.Exec("Nope-Nothing").Failed, name)
	}
}

// TestAnalyzeStatus checks that an analysis fails when the design does not hold: an error
// finding (litwareinc.yaml's AN301, a pool over capacity after a pair of failures) or users
// without full service after a single failure.
func TestAnalyzeStatus(t *testing.T) {
	all := samples(t)
	for _, tc := range []struct {
		file       string
		want       app.Status
		unserved   bool
		errorFound bool
	}{
		{"standard-pair.yaml", app.StatusOK, false, false},
		{"litwareinc.yaml", app.StatusFail, false, true},
		{"unpaired.yaml", app.StatusFail, true, true},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var calls atomic.Int64
			res := app.Analyze(load(t, all[tc.file]), app.AnalyzeRequest{Depth: 2, Progress: func(done, total int64) {
				calls.Add(1)
				assert.LessOrEqual(t, done, total)
			}})
			require.NotNil(t, res.Report, "%v %v", res.Findings, res.Err)
			assert.Equal(t, tc.want, res.Status)
			assert.Equal(t, tc.unserved, res.Report.SingleFailureUnserved())
			assert.Equal(t, tc.errorFound, res.Report.Findings.HasErrors())
			assert.Positive(t, calls.Load(), "the progress callback is called")
		})
	}
}
