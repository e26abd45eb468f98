package engine

import (
	"encoding/json"
	"errors"
	"io/fs"
	"path"

	"failwright/app"
	"failwright/engine/topology"
	"failwright/scenarios"
	"failwright/web/engine/proto"
)

// warmRuns are the analyses OpWarm runs: N-2 of a small sample with every kind of element
// (the pair code and the report's writer run) and N-1 of the large sample (the topology's
// decoder and the index run at scale), each from its JSON as the page sends it.
var warmRuns = []struct {
	file  string
	depth int
}{{"topologies/litwareinc.yaml", 2}, {"topologies/large.yaml", 1}}

// warm runs OpWarm: the warmRuns and their page views, thrown away. It leaves the running and
// finished analyses alone. The first analysis a user runs then finds more of the worker's
// code compiled (V8 compiles WebAssembly functions lazily, on first call, and tiers the hot
// ones up) and its heap grown, instead of paying for both in front of the user.
func (s *Server) warm() proto.Response {
	for _, w := range warmRuns {
		if err := warmOne(w.file, w.depth); err != nil {
			return proto.Response{Error: "warm: " + w.file + ": " + err.Error()}
		}
	}
	return proto.Response{}
}

// warmOne analyses a sample as OpAnalyze would, from its JSON to the answer's encoding.
func warmOne(file string, depth int) error {
	data, err := fs.ReadFile(scenarios.FS(), file)
	if err != nil {
		return err
	}
	doc, _, _ := app.LoadTopology(app.Source{Name: path.Base(file), Data: data})
	if doc == nil {
		return errors.New("the sample does not decode")
	}
	js, err := json.Marshal(doc.Topology)
	if err != nil {
		return err
	}
	var t topology.Topology
	if err := json.Unmarshal(js, &t); err != nil {
		return err
	}
	aj, _ := app.StartAnalysis(app.Model(&t), depth)
	if aj == nil {
		return errors.New("the sample does not analyse")
	}
	for !aj.Step() {
	}
	view, err := (&analysisJob{job: aj}).view(0)
	if err != nil {
		return err
	}
	_, err = json.Marshal(proto.Response{Analysis: pageView(view)})
	return err
}
