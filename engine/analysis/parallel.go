package analysis

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// parallel calls f(0..n-1) on up to w goroutines.
func parallel(w, n int, f func(k int)) { parallelOn(w, n, func(_, k int) { f(k) }) }

// parallelOn calls f(worker, k) for k in 0..n-1 on up to w goroutines, worker being the
// goroutine's number (0 to w-1): what f keeps per worker needs no lock. With one worker it
// runs on the caller's goroutine.
func parallelOn(w, n int, f func(worker, k int)) {
	if n <= 0 {
		return
	}
	if w <= 1 || n == 1 {
		for k := 0; k < n; k++ {
			f(0, k)
			if k&255 == 255 {
				// Let the garbage collector's workers run: as WebAssembly there is one
				// thread and no preemption, and without this the heap grows during a run.
				runtime.Gosched()
			}
		}
		return
	}
	// Workers take runs of items (a shared counter per item costs more than a small item);
	// about 16 runs per worker keep them busy to the end.
	run := max(1, n/(16*w))
	var next atomic.Int64
	var wg sync.WaitGroup
	for wk := range min(w, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(int64(run))) - run
				if lo >= n {
					return
				}
				for k := lo; k < min(lo+run, n); k++ {
					f(wk, k)
				}
			}
		}()
	}
	wg.Wait()
}
