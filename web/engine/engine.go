// Package engine is the browser app's engine worker: it answers proto requests (scenario runs,
// training drills, plans, failure analyses) by calling the use cases of package app. The GOOS=js main in
// wasm/engine runs it in a Web Worker, off the page's thread and out of the page's wasm; tests
// call it directly.
package engine

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"failwright/app"
	"failwright/engine/topology"
	"failwright/scenarios"
	"failwright/web/engine/proto"
	"failwright/web/workspace"
	"failwright/web/workspace/fileimport"
)

// Server holds the engine's state between requests: the running drill, the running analysis
// and the last finished one.
type Server struct {
	trainer *app.Drill

	running  *analysisJob
	finished *analysisJob

	// Memory, when set, returns the size of the engine's WebAssembly memory in bytes; analyses
	// report it with their progress.
	Memory func() int64
}

// Handle answers one JSON request with one JSON response. It never panics on bad input.
func (s *Server) Handle(data []byte) (out []byte) {
	var req proto.Request
	resp := proto.Response{}
	defer func() {
		if r := recover(); r != nil {
			resp = proto.Response{ID: req.ID, Error: fmt.Sprintf("internal error: %v", r)}
			out, _ = json.Marshal(resp)
		}
	}()
	if err := json.Unmarshal(data, &req); err != nil {
		resp.Error = "bad request: " + err.Error()
	} else {
		resp = s.handle(req)
	}
	resp.ID = req.ID
	out, err := json.Marshal(resp)
	if err != nil {
		out, _ = json.Marshal(proto.Response{ID: req.ID, Error: err.Error()})
	}
	return out
}

func (s *Server) handle(req proto.Request) proto.Response {
	switch req.Op {
	case proto.OpLibrary:
		samples, _ := fs.Glob(scenarios.FS(), "topologies/*.yaml")
		sort.Strings(samples)
		return proto.Response{Library: scenarios.Library(), Samples: samples}
	case proto.OpImport:
		data := req.Data
		if data == nil {
			data = []byte(req.Text)
		}
		if app.IsImportFile(app.Source{Name: req.File, Data: data}) {
			return importTopology(req.File, data, req.Answers)
		}
		w, err := fileimport.Import(req.File, data)
		if err != nil {
			return proto.Response{ImportErrors: workspace.ImportMessages(err)}
		}
		return proto.Response{Workspace: &w}
	case proto.OpSample:
		data, err := fs.ReadFile(scenarios.FS(), req.File)
		if err != nil || !strings.HasPrefix(req.File, "topologies/") {
			return proto.Response{Error: "no sample " + req.File}
		}
		doc, fs, _ := app.LoadTopology(app.Source{Name: path.Base(req.File), Data: data})
		if doc == nil {
			return proto.Response{Error: fmt.Sprintf("the sample %s does not decode: %v", req.File, fs.Err())}
		}
		return proto.Response{Workspace: &workspace.Workspace{Topology: doc.Topology, Seed: 1, Origin: "sample " + path.Base(req.File)}}
	case proto.OpScenarioTop:
		sc, err := load(req.File)
		if err != nil {
			return proto.Response{Error: err.Error()}
		}
		return proto.Response{Workspace: &workspace.Workspace{Topology: sc.Topology, Seed: sc.Seed, Origin: "scenario " + req.File}}
	case proto.OpRun:
		res := app.Run(library(req.File))
		if res.Report == nil {
			return proto.Response{Error: loadError(req.File, res)}
		}
		return proto.Response{Report: res.Report}
	case proto.OpTrainStart:
		rq := library(req.File)
		if req.Text != "" { // a class's drill from the trainer's own scenario file
			rq = app.RunRequest{Scenario: app.Source{Name: req.File, Data: []byte(req.Text)}, Resolve: scenarios.Resolve}
		}
		tr, turn, res := app.StartDrill(rq)
		if tr == nil {
			return proto.Response{Error: loadError(req.File, res)}
		}
		s.trainer = tr
		return s.turn(turn)
	case proto.OpTrainInput:
		if s.trainer == nil {
			return proto.Response{Error: "no drill is running"}
		}
		return s.turn(s.trainer.Input(req.Line))
	case proto.OpTrainInject:
		if s.trainer == nil {
			return proto.Response{Error: "no drill is running"}
		}
		v, err := app.ParseFault(req.Line)
		if err != nil {
			return proto.Response{Error: err.Error()}
		}
		return s.turn(s.trainer.Inject(v))
	case proto.OpTrainFinish:
		if s.trainer == nil {
			return proto.Response{Error: "no drill is running"}
		}
		return proto.Response{Score: s.trainer.Finish()}
	case proto.OpPlan:
		return proto.Response{Plan: buildPlan(req)}
	case proto.OpWarm:
		return s.warm()
	case proto.OpAnalyze:
		return s.analyze(req)
	case proto.OpContinue:
		return s.continueJob(req)
	case proto.OpCancel:
		return s.cancel(req)
	case proto.OpAnalysisSet:
		return s.analysisSet(req)
	case proto.OpAnalysisPools:
		return s.analysisPools(req)
	case proto.OpEvidence:
		return s.evidence(req)
	case proto.OpReview:
		return s.review(req)
	case proto.OpDrillReport:
		return s.drillReport(req)
	}
	return proto.Response{Error: fmt.Sprintf("unknown operation %q", req.Op)}
}

func (s *Server) turn(t scenarios.Turn) proto.Response {
	snap := s.trainer.Snapshot()
	r := proto.Response{Turn: &t, Drill: &proto.Drill{Snapshot: snap, HTML: drillHTML(s.trainer.Scenario.Topology, snap, s.trainer.Report().Timeline)}}
	if t.Finished || s.trainer.Done() {
		r.Score = s.trainer.Finish()
	}
	return r
}

// library is the request for a scenario of the embedded library.
func library(file string) app.RunRequest {
	return app.RunRequest{Scenario: app.Source{Name: file}, Library: true}
}

// loadError says why a library scenario could not run or start.
func loadError(file string, res app.RunResult) string {
	if res.Err != nil {
		return res.Err.Error()
	}
	return fmt.Sprintf("%s does not load: %v", file, res.Findings.Err())
}

func load(file string) (*scenarios.Scenario, error) {
	sc, fs, _ := app.LoadScenario(library(file))
	if sc == nil {
		return nil, fmt.Errorf("%s does not load: %v", file, fs.Err())
	}
	return sc, nil
}

func buildPlan(req proto.Request) *proto.PlanResult {
	var t topology.Topology
	if err := json.Unmarshal(req.Topology, &t); err != nil {
		return &proto.PlanResult{Findings: topology.Findings{{Code: "PL000", Severity: topology.Error, Path: "topology", Message: "the topology could not be read: " + err.Error()}}}
	}
	if req.Plan == nil {
		return &proto.PlanResult{Findings: topology.Findings{{Code: "PL000", Severity: topology.Error, Path: "request", Message: "no plan request"}}}
	}
	res := app.Plan(app.Model(&t), app.PlanRequest{Request: *req.Plan})
	return &proto.PlanResult{Findings: res.AllFindings(), Plan: res.Plan,
		PS1: string(res.PS1), Markdown: string(res.Markdown), JSON: string(res.JSON)}
}
