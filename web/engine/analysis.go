package engine

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"failwright/engine/analysis"
	"failwright/engine/topology"
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
	// maxGroups is the most groups a matrix axis shows before the elements are grouped more
	// coarsely (element, then pool-level unit, then site, then region).
	maxGroups = 42
)

// The analysis's share of the progress bar (the pair matrix gets the rest), in thousandths.
const (
	progressTotal    = 1000
	progressAnalysis = 700
)

// analysisJob is a running or finished analysis.
type analysisJob struct {
	id    int
	top   *topology.Topology
	an    *analysis.Analyzer
	elems []analysis.Element
	depth int
	start time.Time
	work  time.Duration
	// posted is when the page was last told the progress.
	posted time.Time

	// The pair matrix, built once the analysis is done.
	groupOf []int
	matrix  Matrix
	row     int

	report *analysis.Report
	pools  []analysis.PoolReport
	viewed *View
}

func (s *Server) analyze(req proto.Request) proto.Response {
	var t topology.Topology
	if err := json.Unmarshal(req.Topology, &t); err != nil {
		return proto.Response{Error: "the topology could not be read: " + err.Error()}
	}
	if fs := topology.Validate(&t); fs.HasErrors() {
		return proto.Response{Error: fmt.Sprintf("the topology has %d error(s); fix them on the Topology tab first", fs.Count(topology.Error))}
	}
	depth := req.Depth
	if depth != 1 {
		depth = 2
	}
	t0 := time.Now()
	an, err := analysis.New(&t, analysis.Options{Depth: depth, Workers: 1})
	if err != nil {
		return proto.Response{Error: err.Error()}
	}
	job := &analysisJob{id: req.ID, top: &t, an: an, elems: an.Elements(), depth: depth, start: t0}
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
	for time.Since(t0) < sliceBudget {
		if !job.an.Done() {
			job.an.Next(200)
			continue
		}
		if job.groupOf == nil {
			job.startMatrix()
		}
		if job.row >= len(job.elems) {
			break
		}
		job.matrixRow()
	}
	job.work += time.Since(t0)
	if job.an.Done() && job.groupOf != nil && job.row >= len(job.elems) {
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
	return proto.Response{More: true, Quiet: quiet, Progress: job.progress(s.memory())}
}

func (s *Server) memory() int64 {
	if s.Memory == nil {
		return 0
	}
	return s.Memory()
}

func (job *analysisJob) progress(mem int64) *proto.Progress {
	p := &proto.Progress{Total: progressTotal, MemoryBytes: mem}
	if !job.an.Done() {
		d, t := job.an.Progress()
		if t > 0 {
			p.Done = d * progressAnalysis / t
		}
		p.Phase = "Evaluating failure sets"
		return p
	}
	n := int64(len(job.elems))
	pairs := n * (n + 1) / 2
	r := int64(job.row)
	doneRows := r*n - r*(r-1)/2 // pairs (i, j >= i) of the rows done
	p.Done = progressAnalysis
	if pairs > 0 {
		p.Done += doneRows * (progressTotal - progressAnalysis) / pairs
	}
	p.Phase = "Building the pair matrix"
	return p
}

// startMatrix chooses the matrix's grouping: each element alone when there are few, else the
// finest of pool-level unit, site and region that fits maxGroups.
func (job *analysisJob) startMatrix() {
	keyings := []struct {
		by  string
		key func(analysis.Element) string
	}{
		{"element", func(e analysis.Element) string { return e.String() }},
		{"unit", job.unitKey},
		{"site", job.siteKey},
		{"region", job.regionKey},
	}
	var groups []string
	var groupOf []int
	by := ""
	for _, k := range keyings {
		groups, groupOf = groupBy(job.elems, k.key)
		by = k.by
		if len(groups) <= maxGroups {
			break
		}
	}
	job.groupOf = groupOf
	cells := make([]Cell, len(groups)*(len(groups)+1)/2)
	for i := range cells {
		cells[i] = Cell{AtRisk: -1, I: -1, J: -1}
	}
	scale := 0
	for _, p := range job.top.Pools {
		if p.Role.IsFrontEnd() {
			scale = max(scale, p.Users)
		}
	}
	job.matrix = Matrix{By: by, Groups: groups, Cells: cells, Scale: scale}
}

// groupBy groups elements by key, in order of first appearance.
func groupBy(elems []analysis.Element, key func(analysis.Element) string) ([]string, []int) {
	index := map[string]int{}
	var groups []string
	groupOf := make([]int, len(elems))
	for i, e := range elems {
		k := key(e)
		g, ok := index[k]
		if !ok {
			g = len(groups)
			index[k] = g
			groups = append(groups, k)
		}
		groupOf[i] = g
	}
	return groups, groupOf
}

// unitKey groups a server, its pool and the pool's back ends together.
func (job *analysisJob) unitKey(e analysis.Element) string {
	switch e.Kind {
	case analysis.KindServer:
		return "pool " + e.Pool
	case analysis.KindPool, analysis.KindBackEnd, analysis.KindMirror:
		return "pool " + e.Name
	case analysis.KindLink:
		return "links"
	}
	return e.String()
}

// siteOf returns the site an element is in ("" for a link).
func (job *analysisJob) siteOf(e analysis.Element) string {
	switch e.Kind {
	case analysis.KindSite:
		return e.Name
	case analysis.KindLink:
		return ""
	case analysis.KindServer:
		if p := job.top.PoolByFQDN(e.Pool); p != nil {
			return p.Site
		}
	default:
		if p := job.top.PoolByFQDN(e.Name); p != nil {
			return p.Site
		}
	}
	return ""
}

func (job *analysisJob) siteKey(e analysis.Element) string {
	if s := job.siteOf(e); s != "" {
		return "site " + s
	}
	return "links"
}

func (job *analysisJob) regionKey(e analysis.Element) string {
	s := job.siteOf(e)
	if s == "" {
		return "links"
	}
	if site := job.top.SiteByName(s); site != nil && site.Region != "" {
		return "region " + site.Region
	}
	return "no region"
}

// cellIndex is the index of group pair (a, b) in Matrix.Cells.
func cellIndex(a, b int) int {
	if a < b {
		a, b = b, a
	}
	return a*(a+1)/2 + b
}

// matrixRow folds element row's pairs (row, j >= row) into the matrix: each cell keeps its
// worst pair, the first in enumeration order on ties.
func (job *analysisJob) matrixRow() {
	i := job.row
	gi := job.groupOf[i]
	depth2 := job.depth == 2
	for j := i; j < len(job.elems); j++ {
		if j > i && !depth2 {
			break
		}
		f, err := job.an.PairFigures(i, j)
		if err != nil {
			continue
		}
		c := &job.matrix.Cells[cellIndex(gi, job.groupOf[j])]
		if f.AtRisk > c.AtRisk {
			c.AtRisk, c.I, c.J = f.AtRisk, i, j
		}
	}
	job.row++
}

// view trims the finished analysis for the page.
func (job *analysisJob) view(mem int64) (*View, error) {
	r, err := job.an.Report()
	if err != nil {
		return nil, err
	}
	job.report = r
	for i := range job.matrix.Cells {
		c := &job.matrix.Cells[i]
		if c.AtRisk < 0 {
			c.AtRisk = 0
		}
		c.Bucket = BucketOf(c.AtRisk, job.matrix.Scale)
	}
	e := r.Elements
	v := &View{
		Job:      job.id,
		Topology: r.Topology,
		Depth:    r.Depth,
		Users:    r.Users,
		Elements: fmt.Sprintf("%s failure elements: %s, %s, %s, %s, %s, %s", topology.Thousands(e.Total),
			plural(e.Servers, "server"), plural(e.Pools, "pool"), plural(e.Sites, "site"),
			plural(e.Edges, "Edge pool"), plural(e.BackEnds, "CMS back end"), plural(e.Links, "link")),
		Baseline: fmt.Sprintf("With nothing failed: %s without disaster recovery, worst load %.1f%%, CMS %s.",
			plural(r.Baseline.NoDR, "user"), r.Baseline.Load*100, r.Baseline.CMS),
		Score:         r.Score.Value,
		Kept:          r.Score.Kept,
		Definition:    r.Score.Definition,
		Matrix:        job.matrix,
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
	if req.I < 0 || req.I >= len(job.matrix.Cells) || job.matrix.Cells[req.I].I < 0 {
		return proto.Response{Error: fmt.Sprintf("no matrix cell %d", req.I)}
	}
	c := job.matrix.Cells[req.I]
	set := job.an.Set(c.I, c.J)
	if c.J == c.I {
		set = job.an.Set(c.I, -1)
	}
	return proto.Response{Setup: set.Setup(), Line: set.String()}
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

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return topology.Thousands(n) + " " + word + "s"
}
