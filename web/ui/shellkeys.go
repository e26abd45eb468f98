package ui

import (
	"github.com/vugu/vugu"

	"failwright/engine/shell"
)

// ShellKey handles the prompt's keys: Enter runs the line, Up and Down recall history, Tab
// completes.
func (sm *SimStore) ShellKey(event vugu.DOMEvent) {
	value := event.PropString("target", "value")
	switch event.PropString("key") {
	case "Enter":
		event.PreventDefault()
		sm.ShellInput = value
		sm.SubmitShell()
	case "ArrowUp":
		event.PreventDefault()
		sm.recall(+1, value)
	case "ArrowDown":
		event.PreventDefault()
		sm.recall(-1, value)
	case "Tab":
		if value == "" {
			return // let Tab move the focus out of an empty prompt
		}
		event.PreventDefault()
		sm.ShellInput = value
		sm.complete(value)
		// Keep typing where the user was, even if a render rebuilds the prompt.
		sm.focus = "shell-input"
	case "Escape":
		sm.Completions = nil
	}
}

// SubmitShell runs the prompt's line.
func (sm *SimStore) SubmitShell() {
	line := sm.ShellInput
	sm.ShellInput = ""
	sm.Completions = nil
	if line == "" {
		return
	}
	sm.Exec(line)
	sm.scrollConsole = true
}

// recall moves through history: dir +1 is older, -1 newer.
func (sm *SimStore) recall(dir int, current string) {
	h := sm.History()
	if len(h) == 0 {
		return
	}
	if sm.histPos == 0 {
		sm.histDraft = current
	}
	pos := sm.histPos + dir
	if pos < 0 {
		pos = 0
	}
	if pos > len(h) {
		pos = len(h)
	}
	sm.histPos = pos
	if pos == 0 {
		sm.ShellInput = sm.histDraft
		return
	}
	sm.ShellInput = h[len(h)-pos]
}

// complete completes the word before the cursor (the end of the line).
func (sm *SimStore) complete(line string) {
	v := sm.version()
	out, cands := Complete(line, v, sm.T())
	sm.ShellInput = out
	if len(cands) > 1 {
		sm.Completions = cands
	} else {
		sm.Completions = nil
	}
}

// HintSite is the site the shell's hint suggests stopping: the first site of the topology
// ("" when it has none), so the hint runs on the topology shown.
func (sm *SimStore) HintSite() string {
	for _, s := range sm.T().Sites {
		if s.Name != "" {
			return shell.QuoteArg(s.Name)
		}
	}
	return ""
}

// HintPool is the pool the shell's hint suggests failing over: the first paired pool, else
// an ellipsis.
func (sm *SimStore) HintPool() string {
	for _, p := range sm.T().Pools {
		if p.BackupPool != "" && p.FQDN != "" {
			return shell.QuoteArg(p.FQDN)
		}
	}
	return "…"
}
