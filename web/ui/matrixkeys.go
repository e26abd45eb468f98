package ui

import (
	"strconv"

	"github.com/vugu/vugu"

	"failwright/engine/units"
)

// ReportKey handles the keys in the report: on the failure matrix (focusable), the arrow
// keys move a cursor between the cells of its lower triangle, Home goes to the first, and
// Enter or Space fails the simulator to the cell's worst case, as a click does.
func (az *AnalysisStore) ReportKey(event vugu.DOMEvent) {
	if event.PropString("target", "id") == "analysis-matrix" && az.MatrixKey(event.PropString("key")) {
		event.PreventDefault()
	}
}

// MatrixKey handles a key on the focused matrix and reports whether it was the matrix's.
func (az *AnalysisStore) MatrixKey(key string) bool {
	r := az.An.Result
	if r == nil || r.Matrix.N == 0 {
		return false
	}
	g, h := cellRowCol(az.An.Cursor)
	switch key {
	case "ArrowUp":
		g--
	case "ArrowDown":
		g++
	case "ArrowLeft":
		h--
	case "ArrowRight":
		h++
	case "Home":
		g, h = 0, 0
	case "Enter", " ":
		if az.An.Cursor >= 0 && az.An.Cursor < len(r.Cells) && r.Cells[az.An.Cursor] >= 0 {
			az.FailToCell(az.An.Cursor)
		}
		return true
	default:
		return false
	}
	if az.An.Cursor < 0 {
		g, h = 0, 0
	}
	g = min(max(g, 0), r.Matrix.N-1)
	h = min(max(h, 0), g)
	az.An.Cursor = g*(g+1)/2 + h
	m := r.Matrix
	x, y := m.Left+h*m.Cell, m.Top+g*m.Cell
	az.host.SetHTML("matrix-cursor", strconv.Itoa(az.An.Cursor), `<rect class="cursor" x="`+Itoa(x-1)+`" y="`+Itoa(y-1)+
		`" width="`+Itoa(m.Cell+1)+`" height="`+Itoa(m.Cell+1)+`"></rect>`)
	return true
}

// cellRowCol returns the row and column of cell k of a lower triangle (0, 0 for k < 0).
func cellRowCol(k int) (int, int) {
	if k < 0 {
		return 0, 0
	}
	g := 0
	for (g+1)*(g+2)/2 <= k {
		g++
	}
	return g, k - g*(g+1)/2
}

// CursorText says which cell the keyboard is on and what its worst case costs ("" for none).
func (az *AnalysisStore) CursorText() string {
	r := az.An.Result
	k := az.An.Cursor
	if r == nil || k < 0 {
		return ""
	}
	g, h := cellRowCol(k)
	if g >= len(r.Groups) {
		return ""
	}
	where := r.Groups[g] + " × " + r.Groups[h]
	if g == h {
		where = r.Groups[g] + " (within the group)"
	}
	if k >= len(r.Cells) || r.Cells[k] < 0 {
		return where + ": no failure set."
	}
	return where + ": " + units.Plural(r.Cells[k], "user") + " at risk at worst. Enter fails the simulator to it."
}
