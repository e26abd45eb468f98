package engine

import (
	"encoding/json"
	"io/fs"
	"path"

	"failwright/app"
	"failwright/scenarios"
	"failwright/web/engine/proto"
)

// warmSample is the topology OpWarm analyses: small (17 failure groups, a few hundred pairs)
// yet with every kind of element, so that every analysis path and the report's writer run.
const warmSample = "topologies/litwareinc.yaml"

// warm runs OpWarm: an N-2 analysis of warmSample and its page view, thrown away. It leaves
// the running and finished analyses alone. The first analysis a user runs then finds the
// worker's code compiled (V8 compiles WebAssembly functions lazily, on first call, and tiers
// the hot ones up) and its heap grown, instead of paying for both in front of the user.
func (s *Server) warm() proto.Response {
	data, err := fs.ReadFile(scenarios.FS(), warmSample)
	if err != nil {
		return proto.Response{Error: "warm: " + err.Error()}
	}
	doc, _, _ := app.LoadTopology(app.Source{Name: path.Base(warmSample), Data: data})
	if doc == nil {
		return proto.Response{Error: "warm: the sample does not decode"}
	}
	aj, _ := app.StartAnalysis(app.Model(doc.Topology), 2)
	if aj == nil {
		return proto.Response{Error: "warm: the sample does not analyse"}
	}
	for !aj.Step() {
	}
	job := &analysisJob{job: aj}
	view, err := job.view(0)
	if err != nil {
		return proto.Response{Error: "warm: " + err.Error()}
	}
	// Encode the page's view as the real answer will be (and drop it): the encoder warms too.
	if _, err := json.Marshal(proto.Response{Analysis: pageView(view)}); err != nil {
		return proto.Response{Error: "warm: " + err.Error()}
	}
	return proto.Response{}
}
