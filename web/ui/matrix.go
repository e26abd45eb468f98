package ui

import (
	"math"
	"strconv"
	"strings"

	"github.com/vugu/vugu"

	"failwright/web/engine/proto"
)

// MatrixView is the failure-pair matrix drawn as an SVG: a lower triangle of cells, row g and
// column h <= g for the worst pair between groups g and h. Cells of one impact bucket are one
// <path>, so the page holds a handful of elements however many cells there are; a click is
// mapped back to its cell from its position.
type MatrixView struct {
	W, H int
	// Left and Top are where the cells start; Cell is a cell's side.
	Left, Top, Cell int
	N           int
	// Paths holds one path per bucket (0 none to 4 severe).
	Paths  []MatrixPath
	Labels []MatrixLabel
}

// MatrixPath is the cells of one impact bucket.
type MatrixPath struct {
	Bucket int
	D      string
}

// MatrixLabel is a group's name at the start of its row, or under its column (rotated).
type MatrixLabel struct {
	X, Y   int
	Text   string
	Rotate bool
}

// Transform is the label's SVG transform.
func (l MatrixLabel) Transform() string {
	if !l.Rotate {
		return ""
	}
	return "rotate(-60 " + strconv.Itoa(l.X) + " " + strconv.Itoa(l.Y) + ")"
}

const maxLabel = 34

func shortLabel(s string) string {
	if r := []rune(s); len(r) > maxLabel {
		return string(r[:maxLabel-1]) + "…"
	}
	return s
}

// BuildMatrix lays out a matrix.
func BuildMatrix(m proto.Matrix) MatrixView {
	n := len(m.Groups)
	longest := 0
	for _, g := range m.Groups {
		longest = max(longest, len([]rune(shortLabel(g))))
	}
	cell := 22
	if n > 24 {
		cell = 16
	}
	margin := longest*6 + 14
	v := MatrixView{Left: margin, Top: 8, Cell: cell, N: n}
	v.W = v.Left + n*cell + margin/2 + 8
	v.H = v.Top + n*cell + margin*7/8 + 8
	paths := make([]strings.Builder, len(proto.Buckets)+2)
	for g := 0; g < n; g++ {
		for h := 0; h <= g; h++ {
			k := g*(g+1)/2 + h
			if k >= len(m.Cells) || m.Cells[k].I < 0 {
				continue
			}
			b := m.Cells[k].Bucket
			if b < 0 || b >= len(paths) {
				continue
			}
			x, y := v.Left+h*cell, v.Top+g*cell
			// A cell with a 1-unit gap, as a closed subpath.
			paths[b].WriteString("M" + strconv.Itoa(x) + " " + strconv.Itoa(y) + "h" + strconv.Itoa(cell-1) + "v" + strconv.Itoa(cell-1) + "h-" + strconv.Itoa(cell-1) + "z")
		}
	}
	for b := range paths {
		if paths[b].Len() > 0 {
			v.Paths = append(v.Paths, MatrixPath{Bucket: b, D: paths[b].String()})
		}
	}
	for g, name := range m.Groups {
		name = shortLabel(name)
		v.Labels = append(v.Labels,
			MatrixLabel{X: v.Left - 6, Y: v.Top + g*cell + cell*2/3, Text: name},
			MatrixLabel{X: v.Left + g*cell + cell*2/3, Y: v.Top + n*cell + 8, Text: name, Rotate: true})
	}
	return v
}

// CellAt returns the index of the cell at SVG coordinates (x, y), or -1.
func (v MatrixView) CellAt(x, y float64) int {
	if v.Cell == 0 {
		return -1
	}
	h := int(math.Floor((x - float64(v.Left)) / float64(v.Cell)))
	g := int(math.Floor((y - float64(v.Top)) / float64(v.Cell)))
	if g < 0 || h < 0 || g >= v.N || h > g {
		return -1
	}
	return g*(g+1)/2 + h
}

// Matrix returns the layout of the last report's matrix (zero when there is none), computed
// once per report.
func (a *App) Matrix() MatrixView {
	r := a.An.Result
	if r == nil {
		return MatrixView{}
	}
	if a.matrixFor != r {
		a.matrixFor, a.matrix = r, BuildMatrix(r.Matrix)
	}
	return a.matrix
}

// MatrixClick fails to the worst case of the cell clicked: the click's position on the page
// is mapped to SVG coordinates with the drawing's size on screen.
func (a *App) MatrixClick(event vugu.DOMEvent) {
	v := a.Matrix()
	left, top, w, h, ok := a.host.Rect("analysis-matrix")
	if !ok || w <= 0 || h <= 0 {
		return
	}
	x := (event.PropFloat64("clientX") - left) * float64(v.W) / w
	y := (event.PropFloat64("clientY") - top) * float64(v.H) / h
	a.FailToCell(v.CellAt(x, y))
}

// BucketLegend is one entry of the matrix's legend.
type BucketLegend struct {
	Bucket int
	Text   string
}

// Legend describes the impact buckets in users for the report's topology.
func (a *App) Legend() []BucketLegend {
	r := a.An.Result
	if r == nil {
		return nil
	}
	users := r.Matrix.Users
	pct := func(f float64) string { return strconv.FormatFloat(f*100, 'f', 0, 64) + "%" }
	n := func(f float64) string { return thousands(int(f * float64(users))) }
	b := proto.Buckets
	return []BucketLegend{
		{0, "no user at risk"},
		{1, "up to " + pct(b[0]) + " of users (" + n(b[0]) + ")"},
		{2, "up to " + pct(b[1]) + " (" + n(b[1]) + ")"},
		{3, "up to " + pct(b[2]) + " (" + n(b[2]) + ")"},
		{4, "more than " + pct(b[2])},
	}
}

// MatrixCaption says what a cell is.
func (a *App) MatrixCaption() string {
	r := a.An.Result
	if r == nil {
		return ""
	}
	what := map[string]string{
		"element": "each failure element",
		"unit":    "each pool (its servers and back ends), site, Edge pool and the links",
		"site":    "each site (the pools, servers, back ends and Edge pools in it) and the links",
		"region":  "each region and the links",
	}[r.Matrix.By]
	pairs := "the worst pair of failures between the two groups (the diagonal: within one group, single failures included)"
	if r.Depth == 1 {
		pairs = "the worst single failure of the group (N-1: only the diagonal)"
	}
	return "One row and one column for " + what + "; a cell's colour is the users at risk after " + pairs + ". Click a cell to fail the simulator to that case."
}
