package ui

import (
	"github.com/vugu/vugu"
)

// ShellKey handles the prompt's keys: Enter runs the line, Up and Down recall history, Tab
// completes.
func (a *SimStore) ShellKey(event vugu.DOMEvent) {
	value := event.PropString("target", "value")
	switch event.PropString("key") {
	case "Enter":
		event.PreventDefault()
		a.ShellInput = value
		a.SubmitShell()
	case "ArrowUp":
		event.PreventDefault()
		a.recall(+1, value)
	case "ArrowDown":
		event.PreventDefault()
		a.recall(-1, value)
	case "Tab":
		if value == "" {
			return // let Tab move the focus out of an empty prompt
		}
		event.PreventDefault()
		a.ShellInput = value
		a.complete(value)
	case "Escape":
		a.Completions = nil
	}
}

// SubmitShell runs the prompt's line.
func (a *SimStore) SubmitShell() {
	line := a.ShellInput
	a.ShellInput = ""
	a.Completions = nil
	if line == "" {
		return
	}
	a.Exec(line)
	a.scrollConsole = true
}

// recall moves through history: dir +1 is older, -1 newer.
func (a *SimStore) recall(dir int, current string) {
	h := a.History()
	if len(h) == 0 {
		return
	}
	if a.histPos == 0 {
		a.histDraft = current
	}
	pos := a.histPos + dir
	if pos < 0 {
		pos = 0
	}
	if pos > len(h) {
		pos = len(h)
	}
	a.histPos = pos
	if pos == 0 {
		a.ShellInput = a.histDraft
		return
	}
	a.ShellInput = h[len(h)-pos]
}

// complete completes the word before the cursor (the end of the line).
func (a *SimStore) complete(line string) {
	v := a.version()
	out, cands := Complete(line, v, a.T())
	a.ShellInput = out
	if len(cands) > 1 {
		a.Completions = cands
	} else {
		a.Completions = nil
	}
}
