// Package wasmcost holds benchmarks of code shapes, not of failwright: run natively and as
// WebAssembly under node (make wasm-cost), they show what each shape costs in Go's
// WebAssembly code against native code on the same machine, the reason the failure analysis
// runs three to four times slower in the page than natively (docs/performance.md).
//
// Go's WebAssembly back end gives every basic block of a function a case of one loop over a
// br_table, and a jump sets the case and branches back to the loop, so code pays per block
// and per call far more than native code does; straight-line arithmetic pays least.
package wasmcost
