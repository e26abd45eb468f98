package engine

import (
	"encoding/json"
	"time"

	"failwright/app"
	"failwright/web/engine/proto"
)

// evidence makes the evidence report of a run (app.Evidence) from the plan and the run log
// the page was given. A log that cannot be used is an error naming its line.
func (s *Server) evidence(req proto.Request) proto.Response {
	if len(req.Files) != 2 {
		return proto.Response{Error: "give the JSON plan and the run log its runbook wrote"}
	}
	pl, lg := req.Files[0], req.Files[1]
	in := app.EvidenceRequest{Plan: app.Source{Name: pl.Name, Data: pl.Data},
		Log: app.Source{Name: lg.Name, Data: lg.Data}, GeneratedAt: now()}
	// The workspace's topology gives the targets when the plan was made from it; another
	// topology (the user moved on) leaves Microsoft's defaults, which the report names.
	in.Topology = app.Source{Name: "the workspace's topology", Data: req.Topology}
	res := app.Evidence(in)
	if res.Err != nil && res.Input == app.InputTopology {
		in.Topology = app.Source{}
		res = app.Evidence(in)
	}
	if res.Err != nil {
		return proto.Response{Error: res.Err.Error()}
	}
	return printable("evidence.html", res.HTML, res.Report.Page())
}

// review makes the design review (app.Review) of the finished analysis Job.
func (s *Server) review(req proto.Request) proto.Response {
	job := s.finished
	if job == nil || job.id != req.Job || job.report == nil {
		return proto.Response{Error: "no finished analysis: run the analysis again"}
	}
	r := job.report
	rev := app.Review(app.AnalyzeResult{Status: app.AnalysisStatus(r), Report: r}, now())
	if rev.Review == nil {
		return proto.Response{Error: "the analysis has no report"}
	}
	return printable("design-review.html", rev.HTML, rev.Review.Page())
}

// drillReport makes the result of the drill that ended (app.TrainingReport), for the trainee
// req.Line names.
func (s *Server) drillReport(req proto.Request) proto.Response {
	if s.trainer == nil || !s.trainer.Done() {
		return proto.Response{Error: "no drill has ended"}
	}
	r := app.TrainingReport(s.trainer.Scenario, s.trainer.Finish(), req.Line, now())
	return printable("drill-result.html", r.HTML(), r.Page())
}

// now is when a report is made, to the second, as the CLI writes it.
func now() time.Time { return time.Now().UTC().Truncate(time.Second) }

// printable is a report's answer: its page, and its verdict and key figures read from the
// report's JSON form (page), whose names proto.Printable shares, so that this surface does
// not name the report's types.
func printable(name string, html []byte, page any) proto.Response {
	var s summary
	b, err := json.Marshal(page)
	if err == nil {
		err = json.Unmarshal(b, &s)
	}
	if err != nil {
		return proto.Response{Error: "the report could not be read: " + err.Error()}
	}
	return proto.Response{Printable: &proto.Printable{HTML: string(html), Name: name, Summary: s.html(name)}}
}

// summary is what the page shows of a report, by the names of the report's JSON form.
type summary struct {
	Verdict struct {
		State   string   `json:"state"`
		Text    string   `json:"text"`
		Reasons []string `json:"reasons"`
	} `json:"verdict"`
	Facts []struct {
		ID    string `json:"id"`
		Label string `json:"label"`
		Value string `json:"value"`
	} `json:"facts"`
}

// html is what the page shows of a report: the verdict (class pass or fail, data-state
// the report's state), its reasons and the key figures (data-figure the figure's ID), as in
// the report's first printed page.
func (s *summary) html(name string) string {
	var b htmlBuf
	class := "pass"
	if s.Verdict.State == "failed" {
		class = "fail"
	}
	b.tag("p", attr("class", "report-verdict "+class)+" "+attr("data-state", s.Verdict.State), s.Verdict.Text)
	b.raw("<ul>")
	for _, r := range s.Verdict.Reasons {
		b.tag("li", "", r)
	}
	b.raw(`</ul><div class="figures">`)
	for _, f := range s.Facts {
		b.raw(`<div class="figure" `, attr("data-figure", f.ID), ">")
		b.tag("span", `class="fig-label"`, f.Label)
		b.tag("span", `class="fig-value"`, f.Value)
		b.raw("</div>")
	}
	b.raw(`</div><div class="btn-row"><button type="button" value="open">Open the report to print</button>`)
	b.tag("button", `type="button" value="download"`, "Download "+name)
	b.raw("</div>")
	return b.String()
}
