package engine

import (
	"failwright/app"
	"failwright/engine/topology"
)

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
	// Policy is the recovery-policy verdict (policyview.go).
	Policy PolicyView `json:"policy"`
	Matrix Matrix     `json:"matrix"`
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

// Matrix is the failure-pair matrix of an analysis (app.Matrix).
type Matrix = app.Matrix

// Cell is the worst failure pair between two groups of the matrix (app.Cell).
type Cell = app.Cell

// Buckets are the upper bounds of the impact buckets 1 to 3 (app.Buckets).
var Buckets = app.Buckets

// BucketOf returns the impact bucket of atRisk users on the scale of a pool of scale users.
func BucketOf(atRisk, scale int) int { return app.BucketOf(atRisk, scale) }
