package app

import "failwright/engine/analysis"

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

// startMatrix chooses the matrix's grouping: each element alone when there are few, else the
// finest of pool-level unit, site and region that fits MaxGroups.
func (j *AnalysisJob) startMatrix() {
	keyings := []struct {
		by  string
		key func(analysis.Element) string
	}{
		{"element", func(e analysis.Element) string { return e.String() }},
		{"unit", j.unitKey},
		{"site", j.siteKey},
		{"region", j.regionKey},
	}
	var groups []string
	var groupOf []int
	by := ""
	for _, k := range keyings {
		groups, groupOf = groupBy(j.elems, k.key)
		by = k.by
		if len(groups) <= MaxGroups {
			break
		}
	}
	j.groupOf = groupOf
	cells := make([]Cell, len(groups)*(len(groups)+1)/2)
	for i := range cells {
		cells[i] = Cell{AtRisk: -1, I: -1, J: -1}
	}
	scale := 0
	for _, p := range j.doc.Topology.Pools {
		if p.Role.IsFrontEnd() {
			scale = max(scale, p.Users)
		}
	}
	j.matrix = Matrix{By: by, Groups: groups, Cells: cells, Scale: scale}
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
func (j *AnalysisJob) unitKey(e analysis.Element) string {
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
func (j *AnalysisJob) siteOf(e analysis.Element) string {
	t := j.doc.Topology
	switch e.Kind {
	case analysis.KindSite:
		return e.Name
	case analysis.KindLink:
		return ""
	case analysis.KindServer:
		if p := t.PoolByFQDN(e.Pool); p != nil {
			return p.Site
		}
	default:
		if p := t.PoolByFQDN(e.Name); p != nil {
			return p.Site
		}
	}
	return ""
}

func (j *AnalysisJob) siteKey(e analysis.Element) string {
	if s := j.siteOf(e); s != "" {
		return "site " + s
	}
	return "links"
}

func (j *AnalysisJob) regionKey(e analysis.Element) string {
	s := j.siteOf(e)
	if s == "" {
		return "links"
	}
	if site := j.doc.Topology.SiteByName(s); site != nil && site.Region != "" {
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
func (j *AnalysisJob) matrixRow() {
	i := j.row
	gi := j.groupOf[i]
	depth2 := j.depth == 2
	for k := i; k < len(j.elems); k++ {
		if k > i && !depth2 {
			break
		}
		f, err := j.an.PairFigures(i, k)
		if err != nil {
			continue
		}
		c := &j.matrix.Cells[cellIndex(gi, j.groupOf[k])]
		if f.AtRisk > c.AtRisk {
			c.AtRisk, c.I, c.J = f.AtRisk, i, k
		}
	}
	j.row++
}
