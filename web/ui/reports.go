package ui

import (
	"encoding/json"
	"strconv"

	"github.com/vugu/vugu"

	"failwright/web/engine/proto"
)

// ReportHost is what printable reports (docs/evidence.md) need from the page besides Host.
// The wasm main's host has it; without it the page only downloads reports.
type ReportHost interface {
	// ReadFiles reads every file dropped on, or chosen in, the element of event, and calls
	// done with them (render lock held). The drop goes no further: the page's own drop
	// handler, which imports a topology, does not see it.
	ReadFiles(event vugu.DOMEvent, done func(files []proto.File, err error))
	// OpenHTML opens a page in a new tab; false when the browser blocked it.
	OpenHTML(html string) bool
}

// Printout is a printable report the engine worker made, or why it could not; key names it
// for Host.SetHTML.
type Printout struct {
	P     *proto.Printable
	Error string
	key   string
}

// answer takes the engine worker's answer to a report request.
func (out *Printout) answer(r proto.Response) {
	*out = Printout{P: r.Printable, Error: r.Error, key: strconv.Itoa(r.ID)}
}

// printReport asks the engine worker for a report into out, and opens it when it comes: the
// click that asked lets the page open a tab for a few seconds.
func (ses *Session) printReport(req proto.Request, out *Printout) {
	*out = Printout{}
	ses.engine(req, func(r proto.Response) {
		out.answer(r)
		ses.OpenReport(out.P)
	})
}

// showPrintout sets the summary of out (the worker writes it as HTML, buttons included) in
// the element id once per report, after each render of the view that has it: vugu would set
// the HTML again at every render, and a button the keyboard is on would lose the focus.
func (ses *Session) showPrintout(id string, out *Printout) {
	html := ""
	if out.P != nil {
		html = out.P.Summary
	}
	ses.host.SetHTML(id, out.key, html)
}

// clearPrintout empties the summary of the tab left: vugu may reuse its element for the next
// tab's, and would not remove children it did not create (as AnalysisStore.tabChanged).
func (ses *Session) clearPrintout(tab string) {
	if id := map[string]string{TabPlans: "evidence-report", TabAnalysis: "review", TabScenarios: "drill-result"}[tab]; id != "" {
		ses.host.SetHTML(id, "", "")
	}
}

// PrintoutClick does what the summary's button that was clicked says: "open" or "download".
func (ses *Session) PrintoutClick(event vugu.DOMEvent, out *Printout) {
	if out.P == nil {
		return
	}
	switch event.PropString("target", "value") {
	case "open":
		ses.OpenReport(out.P)
	case "download":
		ses.DownloadReport(out.P)
	}
}

// OpenReport opens a report in a new tab, where the browser prints it.
func (ses *Session) OpenReport(p *proto.Printable) {
	if rh, ok := ses.host.(ReportHost); ok && p != nil {
		rh.OpenHTML(p.HTML)
	}
}

// DownloadReport saves a report's page.
func (ses *Session) DownloadReport(p *proto.Printable) {
	ses.host.Download(p.Name, "text/html", []byte(p.HTML))
}

// EvidenceState is the Plans tab's evidence of a run: the plan and run log given so far, and
// their report.
type EvidenceState struct {
	Plan, Log *proto.File
	Out       Printout
}

// DropEvidence takes the files dropped on, or chosen in, the evidence drop zone.
func (pl *PlanStore) DropEvidence(event vugu.DOMEvent) {
	if rh, ok := pl.host.(ReportHost); ok {
		rh.ReadFiles(event, pl.AddEvidence)
	}
}

// AddEvidence takes the files of a run, in any order and any number at a time: a run log
// (its first line is hash-chained: it has "prev") or a JSON plan, each replacing the one
// before. Once both are there the engine worker makes the evidence report; a log that cannot
// be used gives its error, naming the line, and leaves the workspace as it was.
func (pl *PlanStore) AddEvidence(files []proto.File, err error) {
	ev := &pl.Plan.Ev
	ev.Out = Printout{}
	if err != nil {
		ev.Out.Error = err.Error()
		return
	}
	for i := range files {
		if isRunLog(files[i].Data) {
			ev.Log = &files[i]
		} else {
			ev.Plan = &files[i]
		}
	}
	if ev.Plan != nil && ev.Log != nil {
		// The workspace's topology goes too: when the plan was made from it, its recovery
		// policy gives the targets (the engine worker falls back to Microsoft's otherwise).
		topo, _ := json.Marshal(pl.T())
		pl.engine(proto.Request{Op: proto.OpEvidence, Topology: topo, Files: []proto.File{*ev.Plan, *ev.Log}}, ev.Out.answer)
	}
}

// EvidenceFiles says which files the evidence report has.
func (pl *PlanStore) EvidenceFiles() string {
	name := func(f *proto.File, none string) string {
		if f == nil {
			return none
		}
		return f.Name
	}
	ev := pl.Plan.Ev
	return "Plan: " + name(ev.Plan, "none yet") + " · Run log: " + name(ev.Log, "none yet")
}

// PrintReview opens the design review of the analysis shown.
func (az *AnalysisStore) PrintReview() {
	if r := az.An.Result; r != nil {
		az.printReport(proto.Request{Op: proto.OpReview, Job: r.Job}, &az.An.Review)
	}
}

// PrintDrillResult opens the printable result of the drill that ended.
func (sc *ScenarioStore) PrintDrillResult() {
	sc.printReport(proto.Request{Op: proto.OpDrillReport}, &sc.Scen.Result)
}

// isRunLog reports whether data is a run log: its first line is hash-chained (it has "prev").
func isRunLog(data []byte) bool {
	const key = `"prev"`
	for i := 0; i+len(key) <= len(data) && data[i] != '\n'; i++ {
		if string(data[i:i+len(key)]) == key {
			return true
		}
	}
	return false
}
