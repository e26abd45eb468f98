package ui

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMatrixKeyboardAndTooltips(t *testing.T) {
	a, h := litware(t)
	a.SetTab(TabAnalysis)
	a.RunAnalysis()
	require.NotNil(t, a.An.Result)
	a.AfterRender()
	assert.Contains(t, h.HTML["analysis-matrix-html"], `tabindex="0"`, "the matrix takes the focus")
	assert.Contains(t, h.HTML["analysis-matrix-html"], `<title>Users at risk: `, "every cell has a tooltip")
	assert.Equal(t, -1, a.An.Cursor)

	a.MatrixKey(("ArrowDown"))
	assert.Equal(t, 0, a.An.Cursor, "the first key lands on the first cell")
	for _, k := range []string{"ArrowDown", "ArrowDown", "ArrowRight", "ArrowRight", "ArrowRight"} {
		a.MatrixKey((k))
	}
	g, c := cellRowCol(a.An.Cursor)
	assert.Equal(t, [2]int{2, 2}, [2]int{g, c}, "the cursor stays in the lower triangle")
	assert.Contains(t, h.HTML["matrix-cursor"], `class="cursor"`, "the cursor is drawn")
	assert.Contains(t, a.CursorText(), a.An.Result.Groups[2])
	html := render(t, a)
	assert.Contains(t, html, `id="matrix-status"`)

	row, col := 14, 13 // the CMS back end with an Edge pool: a pair
	a.MatrixKey(("Home"))
	for range row {
		a.MatrixKey(("ArrowDown"))
	}
	for range col {
		a.MatrixKey(("ArrowRight"))
	}
	require.Equal(t, row*(row+1)/2+col, a.An.Cursor)
	assert.Contains(t, a.CursorText(), "at risk at worst")
	a.MatrixKey(("Enter"))
	assert.Len(t, a.W().Log, 2, "Enter fails the simulator to the cell's worst pair, as a click does")
}

func TestCellRowCol(t *testing.T) {
	for k, want := range map[int][2]int{-1: {0, 0}, 0: {0, 0}, 1: {1, 0}, 2: {1, 1}, 3: {2, 0}, 5: {2, 2}, 6: {3, 0}} {
		g, h := cellRowCol(k)
		assert.Equal(t, want, [2]int{g, h}, "cell %d", k)
	}
}
