package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"

	"failwright/engine/units"
)

// progressInterval is the least time between two progress lines: a few a second.
const progressInterval = 250 * time.Millisecond

// isTerminal reports whether w is a terminal; tests replace it.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progressClock is the progress line's clock; tests replace it.
var progressClock = time.Now

// progress shows how far a long analysis is on a terminal: one line on standard error,
// rewritten in place at most every progressInterval (the first after one interval, so that a
// quick analysis shows none) and cleared by finish. The analysis calls update from several
// goroutines.
type progress struct {
	w     io.Writer
	start time.Time

	mu    sync.Mutex
	last  time.Time
	done  int64 // the most done so far: the analysis's goroutines may report out of order
	shown bool
}

// newProgress starts the clock of a progress line written to w.
func newProgress(w io.Writer) *progress {
	t := progressClock()
	return &progress{w: w, start: t, last: t}
}

// update shows done of total failure sets, unless a line was shown less than
// progressInterval ago.
func (p *progress) update(done, total int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = max(p.done, done)
	now := progressClock()
	if now.Sub(p.last) < progressInterval {
		return
	}
	p.last = now
	p.shown = true
	// \x1b[K erases what a longer line before left.
	fmt.Fprintf(p.w, "\ranalyze: %s of %s failure sets (%s)\x1b[K", units.Thousands(p.done), units.Thousands(total), elapsed(now.Sub(p.start)))
}

// finish clears the progress line, if one was shown, so that what follows starts clean.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// elapsed writes d as H:MM:SS.
func elapsed(d time.Duration) string {
	s := int64(d / time.Second)
	return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
}
