package ui

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"failwright/engine/shell"
	"failwright/engine/sim"
	"failwright/engine/topology"
	"failwright/engine/units"
	"failwright/web/workspace"
)

// ConsoleEntry is one shell exchange: the line typed and what the console printed.
type ConsoleEntry struct {
	Input string
	Lines []sim.Line
	// Blocks are the lines grouped into runs of one kind, one element each on the page (a
	// Get-CsPool on a large topology prints thousands of lines).
	Blocks []sim.Line
	// Ms is how long the engine took, for the performance figures.
	Ms float64
}

// SimStore is the Simulate tab's state: the simulation, rebuilt lazily from the workspace
// (topology, seed and log), the shell's transcript and prompt, and the timeline's playback.
type SimStore struct {
	*Session

	sim      *sim.Sim
	simStale bool
	simErr   string
	snap     *sim.Snapshot
	report   *sim.Report
	// Console is the shell transcript.
	Console []ConsoleEntry

	// Shell input state.
	ShellInput    string
	histPos       int
	histDraft     string
	Completions   []string
	scrollConsole bool

	// failed holds, for each line of the log, whether it failed when it last ran: a replay on
	// an edited topology compares against it to name the lines that no longer apply.
	failed []bool

	// Timeline playback.
	Playing     bool
	stopPlay    func()
	JumpMinutes int
}

// stale marks the simulation for a rebuild when next needed: the topology or the log changed.
func (sm *SimStore) stale() {
	sm.simStale = true
	sm.simChanged()
}

// tabChanged stops playback when the Simulate tab is left.
func (sm *SimStore) tabChanged(_, to string) {
	if to != TabSimulate {
		sm.Pause()
	}
}

// maxConsole bounds the transcript kept on screen (older entries stay in the workspace log).
const maxConsole = 60

// Sim returns the simulation, building it from the workspace when needed; nil when the
// topology has errors.
func (sm *SimStore) Sim() *sim.Sim {
	if sm.simStale {
		sm.replay()
	}
	return sm.sim
}

// SimError says why there is no simulation.
func (sm *SimStore) SimError() string { sm.Sim(); return sm.simErr }

// replay rebuilds the simulation from the topology and seed and runs the logged lines again,
// which restores its state (and the transcript) exactly: the simulator is deterministic.
func (sm *SimStore) replay() {
	sm.Pause()
	sm.simChanged()
	sm.simStale = false
	sm.sim = nil
	sm.simErr = ""
	sm.Console = nil
	w := sm.W()
	if sm.findings.HasErrors() {
		sm.simErr = "The topology has " + units.Plural(sm.findings.Count(topology.Error), "error") + "; fix them on the Topology tab to simulate."
		return
	}
	s, err := sim.New(workspace.CloneTopology(w.Topology), sim.Options{Seed: w.Seed})
	if err != nil {
		sm.simErr = "The simulator refused this topology: " + err.Error()
		return
	}
	sm.sim = s
	failed := make([]bool, len(w.Log))
	var dropped []string
	for i, line := range w.Log {
		res := s.Exec(line)
		failed[i] = res.Failed
		if res.Failed && i < len(sm.failed) && !sm.failed[i] {
			dropped = append(dropped, line)
		}
		sm.appendConsole(ConsoleEntry{Input: line, Lines: res.Lines})
	}
	sm.failed = failed
	if len(dropped) > 0 {
		sm.notify("warning", "The simulation was replayed on the edited topology; %s no longer %s: %s.",
			units.Plural(len(dropped), "shell line"), verbS(len(dropped), "applies", "apply"), strings.Join(dropped, "; "))
	}
}

// verbS picks a verb's form for a count: one for 1, many otherwise.
func verbS(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (sm *SimStore) appendConsole(e ConsoleEntry) {
	e.Blocks = blocks(e.Lines)
	sm.Console = append(sm.Console, e)
	if len(sm.Console) > maxConsole {
		sm.Console = sm.Console[len(sm.Console)-maxConsole:]
	}
}

// Exec runs one shell line through the simulator, logs it in the workspace (so that a reload
// replays it) and shows its output. It returns the result.
func (sm *SimStore) Exec(line string) sim.Result {
	line = strings.TrimSpace(line)
	s := sm.Sim()
	if s == nil {
		res := sim.Result{Failed: true, Lines: []sim.Line{{Kind: sim.LineError, Text: sm.simErr}}}
		sm.appendConsole(ConsoleEntry{Input: line, Lines: res.Lines})
		return res
	}
	t0 := sm.host.NowMs()
	res := s.Exec(line)
	ms := sm.host.NowMs() - t0
	sm.simChanged()
	sm.appendConsole(ConsoleEntry{Input: line, Lines: res.Lines, Ms: ms})
	sm.scrollConsole = true
	if line != "" {
		sm.failed = append(sm.failed[:min(len(sm.failed), len(sm.W().Log))], res.Failed)
		sm.doc.AppendLog("run "+firstWord(line), line)
		sm.dirty = true
	}
	sm.histPos = 0
	return res
}

func firstWord(s string) string {
	if i := strings.IndexAny(s, " \t"); i > 0 {
		return s[:i]
	}
	return s
}

// History returns the lines typed so far, oldest first.
func (sm *SimStore) History() []string { return sm.W().Log }

// Snapshot returns the simulation's state now (zero when there is no simulation). It is
// computed once per change of the simulation, however many components ask.
func (sm *SimStore) Snapshot() sim.Snapshot {
	s := sm.Sim()
	if s == nil {
		return sim.Snapshot{}
	}
	if sm.snap == nil {
		snap := s.Snapshot()
		sm.snap = &snap
	}
	return *sm.snap
}

// Report returns the run's figures so far, computed once per change of the simulation.
func (sm *SimStore) Report() sim.Report {
	s := sm.Sim()
	if s == nil {
		return sim.Report{}
	}
	if sm.report == nil {
		r := s.Report()
		sm.report = &r
	}
	return *sm.report
}

// simChanged drops what was computed from the simulation's previous state.
func (sm *SimStore) simChanged() { sm.snap, sm.report = nil, nil }

// Clock formats the virtual clock.
func (sm *SimStore) Clock() string { return FormatClock(sm.Snapshot().Now) }

// FormatClock formats a virtual time as the shell and every other surface write it: a
// TimeSpan, hh:mm:ss (units.Duration), rounded to the second.
func FormatClock(d time.Duration) string { return units.Duration(d.Round(time.Second)).String() }

// Fault and repair actions: each is a typed simulator verb run through the shell as its line
// (every name quoted, whatever the topology holds), so the transcript and the log show it.

// Do runs a simulator verb.
func (sm *SimStore) Do(v sim.Verb) { sm.Exec(v.Line()) }

// FailServer stops a server.
func (sm *SimStore) FailServer(fqdn string) { sm.Do(sim.StopServer{FQDN: fqdn}) }

// RepairServer starts a server.
func (sm *SimStore) RepairServer(fqdn string) { sm.Do(sim.StartServer{FQDN: fqdn}) }

// FailPool stops every server of a pool.
func (sm *SimStore) FailPool(fqdn string) { sm.Do(sim.StopPool{Pool: fqdn}) }

// RepairPool starts a pool's servers.
func (sm *SimStore) RepairPool(fqdn string) { sm.Do(sim.StartPool{Pool: fqdn}) }

// FailSite takes a whole site down.
func (sm *SimStore) FailSite(name string) { sm.Do(sim.StopSite{Site: name}) }

// RepairSite brings a site back.
func (sm *SimStore) RepairSite(name string) { sm.Do(sim.StartSite{Site: name}) }

// CutLink cuts the network between two sites.
func (sm *SimStore) CutLink(x, y string) { sm.Do(sim.CutLink{Site: x, To: y}) }

// RestoreLink reconnects two sites.
func (sm *SimStore) RestoreLink(x, y string) { sm.Do(sim.RestoreLink{Site: x, To: y}) }

// FailOver fails pool over to its backup (disaster mode when the pool is down).
func (sm *SimStore) FailOver(fqdn string, disaster bool) {
	line := "Invoke-CsPoolFailOver -PoolFqdn " + shell.QuoteArg(fqdn)
	if disaster {
		line += " -DisasterMode"
	}
	sm.Exec(line + " -Confirm:$false")
}

// FailBack fails a pool back to its home.
func (sm *SimStore) FailBack(fqdn string) {
	sm.Exec("Invoke-CsPoolFailBack -PoolFqdn " + shell.QuoteArg(fqdn) + " -Confirm:$false")
}

// PoolSnap returns the snapshot of the pool with the given FQDN.
func PoolSnap(s sim.Snapshot, fqdn string) (sim.PoolSnapshot, bool) {
	for _, p := range s.Pools {
		if strings.EqualFold(p.FQDN, fqdn) {
			return p, true
		}
	}
	return sim.PoolSnapshot{}, false
}

// SiteUp reports whether the site is up in the snapshot (true when unknown).
func SiteUp(s sim.Snapshot, name string) bool {
	for _, x := range s.Sites {
		if strings.EqualFold(x.Name, name) {
			return x.Up
		}
	}
	return true
}

// LinkCut reports whether the link between two sites is cut.
func LinkCut(s sim.Snapshot, x, y string) bool {
	for _, l := range s.CutLinks {
		if (strings.EqualFold(l[0], x) && strings.EqualFold(l[1], y)) || (strings.EqualFold(l[0], y) && strings.EqualFold(l[1], x)) {
			return true
		}
	}
	return false
}

// ModeTotals sums the users of every pool by mode.
func ModeTotals(s sim.Snapshot) map[sim.Mode]int {
	out := map[sim.Mode]int{}
	for _, p := range s.Pools {
		for m, n := range p.Users {
			out[m] += n
		}
	}
	return out
}

// SortedKeys returns a duration map's keys sorted.
func SortedKeys(m map[string]time.Duration) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// blocks joins consecutive lines of one kind.
func blocks(lines []sim.Line) []sim.Line {
	var out []sim.Line
	for _, l := range lines {
		text := l.Text
		if text == "" {
			text = "\u00a0"
		}
		if n := len(out); n > 0 && out[n-1].Kind == l.Kind {
			out[n-1].Text += "\n" + text
			continue
		}
		out = append(out, sim.Line{Kind: l.Kind, Text: text})
	}
	return out
}

// LastExecMs is how long the simulator took over the last shell line, in milliseconds (for
// the performance figures).
func (sm *SimStore) LastExecMs() string {
	if n := len(sm.Console); n > 0 {
		return strconv.FormatFloat(sm.Console[n-1].Ms, 'f', 2, 64)
	}
	return ""
}

// ResetSimulation starts the simulation again from the initial state (undoable): the shell
// log is emptied.
func (sm *SimStore) ResetSimulation() {
	if len(sm.W().Log) == 0 {
		return
	}
	sm.doc.Edit("reset the simulation", "", func(w *workspace.Workspace) { w.Log = nil })
	sm.dirty = true
	sm.replay()
}
