package engine

import "failwright/engine/topology"

// View is a failure analysis report trimmed to what the page shows; html.go writes it as
// HTML.
type View struct {
	// Job names the analysis in the worker, for OpAnalysisSet and OpAnalysisPools.
	Job        int       `json:"job"`
	Topology   string    `json:"topology"`
	Depth      int       `json:"depth"`
	Users      int       `json:"users"`
	Elements   string    `json:"elements"`
	Sets       int64     `json:"sets"`
	Baseline   string    `json:"baseline"`
	Score      float64   `json:"score"`
	Kept       []float64 `json:"kept"`
	Definition string    `json:"definition"`
	// Levels are the worst cases per depth.
	Levels []AnalysisLevel `json:"levels"`
	// Pools are the pools with the worst outcomes, at most a screenful; PoolsTotal counts all.
	Pools      []AnalysisPool `json:"pools"`
	PoolsTotal int            `json:"poolsTotal"`
	// Findings are the analysis's findings, most serious first, at most a screenful;
	// FindingsTotal counts all.
	Findings      topology.Findings `json:"findings"`
	FindingsTotal int               `json:"findingsTotal"`
	Matrix        Matrix            `json:"matrix"`
	// MemoryBytes is the engine worker's WebAssembly memory when the analysis ended.
	MemoryBytes int64 `json:"memoryBytes,omitempty"`
	// Millis is how long the analysis took in the worker (matrix included).
	Millis float64 `json:"millis"`
}

// AnalysisLevel is the worst case of each figure over the failure sets of one depth.
type AnalysisLevel struct {
	Depth        int             `json:"depth"`
	Sets         int64           `json:"sets"`
	SetsUnserved int64           `json:"setsUnserved"`
	Worst        []AnalysisWorst `json:"worst"`
}

// AnalysisWorst is the worst value of one figure and the first failure sets that reach it.
type AnalysisWorst struct {
	Depth  int           `json:"depth,omitempty"`
	Figure string        `json:"figure"`
	Value  string        `json:"value"`
	Count  int64         `json:"count"`
	Sets   []AnalysisSet `json:"sets,omitempty"`
}

// AnalysisSet is a failure set: its elements' names and the simulator lines that inject it.
type AnalysisSet struct {
	Names []string `json:"names"`
	Setup []string `json:"setup"`
	Pool  string   `json:"pool,omitempty"`
}

// AnalysisPool is one Front End pool's worst cases.
type AnalysisPool struct {
	Pool    string          `json:"pool"`
	Site    string          `json:"site"`
	Partner string          `json:"partner,omitempty"`
	Users   int             `json:"users"`
	Worst   []AnalysisWorst `json:"worst"`
}

// Matrix is the failure-pair matrix: Groups of failure elements (each element alone on a
// small topology; its pool, site or region on a large one) and, for every pair of groups
// (A >= B, row by row: (0,0), (1,0), (1,1), (2,0)...), the worst failure pair between them.
type Matrix struct {
	// By is what a group is: "element", "unit", "site" or "region".
	By     string   `json:"by"`
	Groups []string `json:"groups"`
	// Cells has one entry per group pair, in the order above.
	Cells []Cell `json:"cells"`
	// Scale is the users of the largest Front End pool: the buckets are shares of it, so that
	// "red" means more users at risk than a whole pool holds, on a 2-pool topology as on a
	// 200-pool one.
	Scale int `json:"scale"`
}

// Cell is the worst failure pair between two groups: its users at risk (unserved plus beyond
// capacity), its impact bucket (0 none to 4 severe, Buckets), and the elements' indices in
// the analysis (J == I for a single failure).
type Cell struct {
	AtRisk int `json:"r"`
	Bucket int `json:"b"`
	I      int `json:"i"`
	J      int `json:"j"`
}

// Buckets are the upper bounds of the impact buckets 1 to 3, as shares of the largest Front
// End pool's users (Matrix.Scale): bucket 0 is no user at risk, bucket 4 more users at risk
// than the largest pool holds.
var Buckets = []float64{0.1, 0.5, 1}

// BucketOf returns the impact bucket of atRisk users on the scale of a pool of scale users.
func BucketOf(atRisk, scale int) int {
	if atRisk <= 0 {
		return 0
	}
	if scale <= 0 {
		return len(Buckets) + 1
	}
	share := float64(atRisk) / float64(scale)
	for i, b := range Buckets {
		if share <= b {
			return i + 1
		}
	}
	return len(Buckets) + 1
}
