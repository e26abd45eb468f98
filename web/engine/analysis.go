package engine

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"failwright/app"
	"failwright/engine/analysis"
	"failwright/engine/topology"
	"failwright/engine/units"
	"failwright/web/engine/proto"
)

// sliceBudget is how long one OpAnalyze or OpContinue request works before it answers with
// its progress: the worker script then lets other messages (a cancel) in before it continues.
const sliceBudget = 20 * time.Millisecond

// progressEvery is how often the page is told the progress (each render costs its thread a
// few milliseconds).
const progressEvery = 100 * time.Millisecond

// How much of the page's screen the trimmed report fills.
const (
	maxPools    = 10
	maxFindings = 25
	maxSetRefs  = 3
)

// analysisJob is a running or finished analysis: app's job, and what the page was shown.
type analysisJob struct {
	id    int
	job   *app.AnalysisJob
	start time.Time
	work  time.Duration
	// posted is when the page was last told the progress.
	posted time.Time

	report *analysis.Report
	pools  []analysis.PoolReport
	viewed *View
}

func (s *Server) analyze(req proto.Request) proto.Response {
	var t topology.Topology
	if err := json.Unmarshal(req.Topology, &t); err != nil {
		return proto.Response{Error: "the topology could not be read: " + err.Error()}
	}
	t0 := time.Now()
	aj, res := app.StartAnalysis(app.Model(&t), req.Depth)
	switch {
	case res.Err != nil:
		return proto.Response{Error: res.Err.Error()}
	case aj == nil:
		return proto.Response{Error: fmt.Sprintf("the topology has %d error(s); fix them on the Topology tab first", res.Findings.Count(topology.Error))}
	}
	job := &analysisJob{id: req.ID, job: aj, start: t0}
	job.work = time.Since(t0)
	s.running = job
	return s.step(job)
}

// continueJob does the next slice of the running analysis with the request's ID.
func (s *Server) continueJob(req proto.Request) proto.Response {
	job := s.running
	if job == nil || job.id != req.ID {
		return proto.Response{Error: "no analysis is running"}
	}
	return s.step(job)
}

// cancel stops the running analysis with the request's ID.
func (s *Server) cancel(req proto.Request) proto.Response {
	if s.running != nil && s.running.id == req.ID {
		s.running = nil
	}
	return proto.Response{Cancelled: true}
}

// step works on job for about sliceBudget and answers with its progress, or with the
// trimmed report once it is done.
func (s *Server) step(job *analysisJob) proto.Response {
	t0 := time.Now()
	for time.Since(t0) < sliceBudget && !job.job.Step() {
	}
	job.work += time.Since(t0)
	if job.job.Done() {
		s.running = nil
		view, err := job.view(s.memory())
		if err != nil {
			return proto.Response{Error: err.Error()}
		}
		s.finished = job
		return proto.Response{Analysis: pageView(view)}
	}
	quiet := time.Since(job.posted) < progressEvery
	if !quiet {
		job.posted = time.Now()
	}
	done, total, phase := job.job.Progress()
	return proto.Response{More: true, Quiet: quiet, Progress: &proto.Progress{Done: done, Total: total, Phase: phase, MemoryBytes: s.memory()}}
}

func (s *Server) memory() int64 {
	if s.Memory == nil {
		return 0
	}
	return s.Memory()
}

// view trims the finished analysis for the page.
func (job *analysisJob) view(mem int64) (*View, error) {
	r, err := job.job.Report()
	if err != nil {
		return nil, err
	}
	job.report = r
	e := r.Elements
	v := &View{
		Job:      job.id,
		Topology: r.Topology,
		Depth:    r.Depth,
		Users:    r.Users,
		Elements: units.Thousands(e.Total) + " failure elements: " + e.List(),
		Baseline: fmt.Sprintf("With nothing failed: %s without disaster recovery, worst load %.1f%%, CMS %s.",
			units.Plural(r.Baseline.NoDR, "user"), r.Baseline.Load*100, r.Baseline.CMS),
		Score:         r.Score.Value,
		Kept:          r.Score.Kept,
		Definition:    r.Score.Definition,
		Matrix:        job.job.Matrix(),
		MemoryBytes:   mem,
		Millis:        float64(job.work.Microseconds()) / 1000,
		FindingsTotal: len(r.Findings),
		PoolsTotal:    len(r.Pools),
	}
	for _, l := range r.Levels {
		v.Sets += l.Sets
		al := AnalysisLevel{Depth: l.Depth, Sets: l.Sets, SetsUnserved: l.SetsUnserved}
		for _, w := range l.Worst {
			if w.Figure == "unservedNew" && l.Depth == 1 {
				continue
			}
			al.Worst = append(al.Worst, worst(0, w))
		}
		v.Levels = append(v.Levels, al)
	}
	v.Policy = policyView(r)
	v.Findings = r.Findings
	if len(v.Findings) > maxFindings {
		v.Findings = v.Findings[:maxFindings]
	}
	job.pools = rankPools(r.Pools)
	v.Pools = job.poolViews("")
	job.viewed = v
	return v, nil
}

func worst(depth int, w analysis.Worst) AnalysisWorst {
	out := AnalysisWorst{Depth: depth, Figure: w.Figure, Value: w.Value, Count: w.Count}
	for k, s := range w.Sets {
		if k == maxSetRefs {
			break
		}
		out.Sets = append(out.Sets, AnalysisSet{Names: s.Elements, Setup: s.Setup, Pool: s.Pool})
	}
	return out
}

// rankPools orders pools worst first: most users left unserved by some failure set, then the
// highest load, then the most figures made worse; topology order on ties.
func rankPools(pools []analysis.PoolReport) []analysis.PoolReport {
	type key struct{ unserved, load, n float64 }
	keys := make([]key, len(pools))
	for i, p := range pools {
		for _, l := range p.Levels {
			for _, w := range l.Worst {
				keys[i].n++
				switch w.Figure {
				case "unserved":
					keys[i].unserved = max(keys[i].unserved, w.Number)
				case "load":
					keys[i].load = max(keys[i].load, w.Number)
				}
			}
		}
	}
	idx := make([]int, len(pools))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := keys[idx[a]], keys[idx[b]]
		if x.unserved != y.unserved {
			return x.unserved > y.unserved
		}
		if x.load != y.load {
			return x.load > y.load
		}
		return x.n > y.n
	})
	out := make([]analysis.PoolReport, len(pools))
	for k, i := range idx {
		out[k] = pools[i]
	}
	return out
}

// poolViews returns the first maxPools ranked pools whose FQDN or site contains filter.
func (job *analysisJob) poolViews(filter string) []AnalysisPool {
	f := strings.ToLower(strings.TrimSpace(filter))
	out := []AnalysisPool{}
	for _, p := range job.pools {
		if len(out) == maxPools {
			break
		}
		if f != "" && !strings.Contains(strings.ToLower(p.Pool), f) && !strings.Contains(strings.ToLower(p.Site), f) {
			continue
		}
		ap := AnalysisPool{Pool: p.Pool, Site: p.Site, Partner: p.Partner, Users: p.Users}
		for _, l := range p.Levels {
			for _, w := range l.Worst {
				aw := worst(l.Depth, w)
				if len(aw.Sets) > 1 {
					aw.Sets = aw.Sets[:1]
				}
				ap.Worst = append(ap.Worst, aw)
			}
		}
		out = append(out, ap)
	}
	return out
}

// analysisSet returns the setup lines of the worst failure set of matrix cell I of the last
// finished analysis.
func (s *Server) analysisSet(req proto.Request) proto.Response {
	job := s.finished
	if job == nil || job.id != req.Job {
		return proto.Response{Error: "this analysis is no longer in the engine: run it again"}
	}
	setup, name, err := job.job.Set(req.I)
	if err != nil {
		return proto.Response{Error: err.Error()}
	}
	return proto.Response{Setup: setup, Line: name}
}

// analysisPools answers a pool filter on the last finished analysis.
func (s *Server) analysisPools(req proto.Request) proto.Response {
	job := s.finished
	if job == nil || job.id != req.Job {
		return proto.Response{Error: "this analysis is no longer in the engine: run it again"}
	}
	job.viewed.Pools = job.poolViews(req.Line)
	return proto.Response{PoolsHTML: poolsHTML(job.viewed)}
}
