package engine

import (
	"strconv"
	"strings"

	"failwright/engine/units"
	"failwright/web/engine/proto"
)

// matrixView is the failure-pair matrix drawn as an SVG: a lower triangle of cells, row g and
// column h <= g for the worst pair between groups g and h. Cells of one impact bucket are one
// <path>, so the page holds a handful of elements however many cells there are; the page
// maps a click back to its cell from its position (proto.Geometry).
type matrixView struct {
	proto.Geometry
	// paths holds one path per bucket used (0 none to 4 severe).
	paths  []matrixPath
	labels []matrixLabel
}

type matrixPath struct {
	bucket int
	d      string
}

// matrixLabel is a group's name at the start of its row, or under its column (rotated).
type matrixLabel struct {
	x, y   int
	text   string
	rotate bool
}

func (l matrixLabel) transform() string {
	if !l.rotate {
		return ""
	}
	return "rotate(-60 " + strconv.Itoa(l.x) + " " + strconv.Itoa(l.y) + ")"
}

const maxLabel = 34

func shortLabel(s string) string {
	if r := []rune(s); len(r) > maxLabel {
		return string(r[:maxLabel-1]) + "…"
	}
	return s
}

// buildMatrix lays a matrix out.
func buildMatrix(m Matrix) matrixView {
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
	v := matrixView{Geometry: proto.Geometry{Left: margin, Top: 8, Cell: cell, N: n}}
	v.W = v.Left + n*cell + margin/2 + 8
	v.H = v.Top + n*cell + margin*7/8 + 8
	paths := make([]strings.Builder, len(Buckets)+2)
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
			v.paths = append(v.paths, matrixPath{bucket: b, d: paths[b].String()})
		}
	}
	for g, name := range m.Groups {
		name = shortLabel(name)
		v.labels = append(v.labels,
			matrixLabel{x: v.Left - 6, y: v.Top + g*cell + cell*2/3, text: name},
			matrixLabel{x: v.Left + g*cell + cell*2/3, y: v.Top + n*cell + 8, text: name, rotate: true})
	}
	return v
}

// legend describes the impact buckets in users, on the scale of the largest pool.
func legend(scale int) []string {
	n := func(f float64) string { return units.Thousands(int(f * float64(scale))) }
	b := Buckets
	return []string{
		"no user at risk",
		"up to a tenth of the largest pool's users (" + n(b[0]) + ")",
		"up to half of them (" + n(b[1]) + ")",
		"up to all of them (" + n(b[2]) + ")",
		"more users than the largest pool holds",
	}
}

// matrixCaption says what a cell is.
func matrixCaption(by string, depth int) string {
	what := map[string]string{
		"element": "each failure element",
		"unit":    "each pool (with its servers and back ends), site and Edge pool, and one for the links",
		"site":    "each site (the pools, servers, back ends and Edge pools in it), and one for the links",
		"region":  "each region, and one for the links",
	}[by]
	pairs := "the worst pair of failures between the two groups (on the diagonal: within the group, single failures included)"
	if depth == 1 {
		pairs = "the worst single failure of the group (N-1: only the diagonal)"
	}
	return "One row and one column for " + what + "; a cell's colour is the users at risk (without full service, or beyond a surviving pool's capacity) after " + pairs + ". Click a cell to fail the simulator to that case."
}
