package app

import (
	"failwright/engine/topology"
	"failwright/scenarios"
)

// RunRequest is a scenario to run: a file read through Resolve, or a file of the embedded
// library when Library is set (then Scenario.Data is not used).
type RunRequest struct {
	Scenario Source
	Resolve  Resolver
	Library  bool
}

// RunResult is a scenario's report: StatusOK when every expectation holds, StatusFail when
// one does not, StatusBadInput (with Findings, or Err) when the scenario cannot run at all.
type RunResult struct {
	Status   Status
	Scenario *scenarios.Scenario
	Report   *scenarios.Report
	// Findings are the scenario's decoding findings, sorted.
	Findings topology.Findings
	// Err says why the simulation could not start.
	Err error
}

// LoadScenario decodes the scenario of req: StatusBadInput with the findings when it does not.
func LoadScenario(req RunRequest) (*scenarios.Scenario, topology.Findings, Status) {
	var (
		sc *scenarios.Scenario
		fs topology.Findings
	)
	if req.Library {
		sc, fs = scenarios.Load(req.Scenario.Name)
	} else {
		sc, fs = scenarios.Decode(req.Scenario.Name, req.Scenario.Data, req.Resolve)
	}
	fs.Sort()
	if sc == nil || fs.HasErrors() {
		return nil, fs, StatusBadInput
	}
	return sc, fs, StatusOK
}

// Run runs a scenario on the simulator and checks its expectations.
func Run(req RunRequest) RunResult {
	sc, fs, st := LoadScenario(req)
	if st != StatusOK {
		return RunResult{Status: st, Findings: fs}
	}
	rep, err := scenarios.Run(sc, scenarios.Options{})
	if err != nil {
		return RunResult{Status: StatusBadInput, Scenario: sc, Findings: fs, Err: err}
	}
	res := RunResult{Status: StatusOK, Scenario: sc, Report: rep, Findings: fs}
	if !rep.Passed {
		res.Status = StatusFail
	}
	return res
}

// RunAllResult is the answer of several scenarios run together ("failwright run a b --json").
type RunAllResult struct {
	Passed    bool                `json:"passed"`
	Scenarios []*scenarios.Report `json:"scenarios"`
}

// JSON is the result as indented JSON; no scenario is an empty list.
func (r RunAllResult) JSON() ([]byte, error) {
	if r.Scenarios == nil {
		r.Scenarios = []*scenarios.Report{}
	}
	return indentedJSON(r)
}

// Record rewrites the scenario's failed expectations with what happened ("failwright run
// --record"): the new source and what was and was not recorded.
func (r RunResult) Record() scenarios.RecordResult { return scenarios.Record(r.Scenario, r.Report) }
