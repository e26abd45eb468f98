package ui

import (
	"encoding/json"

	"failwright/web/engine/proto"
)

// callEngine sends a request to the engine worker and calls done with its answer (an answer
// with Error set when the worker failed).
func (a *App) callEngine(req proto.Request, done func(proto.Response)) {
	a.engineSeq++
	req.ID = a.engineSeq
	b := withTopology(req, req.Topology) // the topology spliced in, not copied by the encoder
	a.Busy++
	a.host.Engine(b, func(data []byte, err error) {
		a.Busy--
		var resp proto.Response
		if err != nil {
			resp.Error = err.Error()
		} else if jerr := json.Unmarshal(data, &resp); jerr != nil {
			resp.Error = "the engine's answer was not understood: " + jerr.Error()
		}
		done(resp)
	})
}

// warmAnalysis has the engine worker run a small analysis and forget it (proto.OpWarm), so
// that the user's first analysis does not pay for compiling the analysis code and growing
// the worker's heap (docs/performance.md, "First run against second"). It is not work the
// user asked for: it does not count as Busy, and its answer is dropped.
func (a *App) warmAnalysis() {
	a.engineSeq++
	b, _ := json.Marshal(proto.Request{ID: a.engineSeq, Op: proto.OpWarm})
	a.host.Engine(b, func([]byte, error) {})
}

// withTopology encodes req with topo, the topology's JSON, as its Topology. json.Marshal
// would copy the topology through its compacting encoder, which costs the page's thread far
// more than encoding the topology did (tens of milliseconds on large.yaml); the topology is
// spliced in instead, after the request's other fields (the ID must stay first: the worker
// script reads it from the request's head).
func withTopology(req proto.Request, topo []byte) []byte {
	req.Topology = nil
	head, _ := json.Marshal(req) // strings, numbers and a plan request: it cannot fail
	if len(head) < 2 || len(topo) == 0 {
		return head
	}
	out := make([]byte, 0, len(head)+len(topo)+16)
	out = append(out, head[:len(head)-1]...)
	out = append(out, `,"topology":`...)
	out = append(out, topo...)
	return append(out, '}')
}
