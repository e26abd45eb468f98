package proto

// Progress is how far a running analysis is: Done of Total steps (each about one failure
// set), in a phase people can read, and the engine worker's memory.
type Progress struct {
	Done  int64  `json:"done"`
	Total int64  `json:"total"`
	Phase string `json:"phase"`
	// MemoryBytes is the engine worker's WebAssembly memory (0 when unknown).
	MemoryBytes int64 `json:"memoryBytes,omitempty"`
}

// Analysis is a finished failure analysis as the page shows it. The engine worker keeps the
// report and the analyzer (Job) and writes the report as HTML: the page sets it as is, so
// that neither the report's types nor its layout code weigh on the page's wasm, and a
// 2,000-server topology's report is decoded and shown within a frame.
type Analysis struct {
	// Job names the analysis in the worker, for OpAnalysisSet and OpAnalysisPools.
	Job   int     `json:"job"`
	Depth int     `json:"depth"`
	Score float64 `json:"score"`
	// HTML is the score, the worst cases and the matrix; PoolsHTML the pool table and the
	// findings. Their "fail to" buttons carry the set's setup lines in their value (one a
	// line) and its name as their text.
	HTML      string `json:"html"`
	PoolsHTML string `json:"poolsHtml"`
	// PoolsTotal counts the Front End pools.
	PoolsTotal int `json:"poolsTotal"`
	// Matrix is where the matrix's cells are, to find the cell a click is on.
	Matrix Geometry `json:"matrix"`
	// Groups names the matrix's rows (and columns); Cells holds each cell's users at risk
	// (-1: no failure set), for the keyboard's way through the matrix.
	Groups []string `json:"groups,omitempty"`
	Cells  []int    `json:"cells,omitempty"`
	// MemoryBytes is the engine worker's WebAssembly memory when the analysis ended.
	MemoryBytes int64 `json:"memoryBytes,omitempty"`
	// Millis is how long the analysis took in the worker (matrix included).
	Millis float64 `json:"millis"`
}

// MatrixMarker separates, in Analysis.HTML, the worst cases from the matrix: the page sets the
// two parts in separate tasks.
const MatrixMarker = "<!--matrix-->"

// WorstMarker separates, in Analysis.HTML, the score from the worst cases, likewise.
const WorstMarker = "<!--worst-->"

// Geometry is the matrix drawing's size (W x H SVG units) and its lower triangle of N x N
// cells of side Cell from (Left, Top): row g and column h <= g is cell g*(g+1)/2 + h.
type Geometry struct {
	W, H, Left, Top, Cell, N int
}

// CellAt returns the index of the cell at SVG coordinates (x, y), or -1.
func (g Geometry) CellAt(x, y float64) int {
	if g.Cell <= 0 || x < float64(g.Left) || y < float64(g.Top) {
		return -1
	}
	col := int((x - float64(g.Left)) / float64(g.Cell))
	row := int((y - float64(g.Top)) / float64(g.Cell))
	if row >= g.N || col > row {
		return -1
	}
	return row*(row+1)/2 + col
}
