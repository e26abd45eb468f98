// Package shell turns lines typed into the simulated Skype for Business Server Management
// Shell into typed commands. It parses PowerShell command lines the way PowerShell does for
// the cmdlets failwright knows (case-insensitive names, unique parameter prefixes, aliases,
// -Switch:$false, quoting, TimeSpans, comments, backtick continuation) and binds them against
// a catalog of cmdlets whose parameters depend on the product version.
//
// A caller parses a line, binds each statement for the product version at hand, and renders
// errors the way the console shows them:
//
//	sts, err := shell.Parse(line)
//	if err != nil {
//		lines := err.(*shell.ParseError).Console().Format(line)
//		...
//	}
//	for _, st := range sts {
//		cmd, e := shell.Bind(st, topology.SfB2019)
//		if e != nil {
//			lines := e.Format(line)
//			...
//		}
//		// run cmd; a runtime error: shell.NewError(cmd.Cmdlet, id, category, msg).At(st).Format(line)
//	}
//
// Help renders Get-Help for a version, CompleteWord gives tab completions, QuoteArg quotes a
// value so that it parses back exactly, and Default.MarkdownReference documents the catalog.
//
// The package is pure: no I/O, no clock.
package shell

import "time"

// Kind is the type of a bound parameter value.
type Kind int

// The value kinds a cmdlet parameter can have.
const (
	KindString Kind = iota
	KindInt
	KindSwitch
	KindTimeSpan
	KindStringList
	// KindBool is a Boolean parameter ($true/$false); its value is in Switch.
	KindBool
)

// Value is one bound parameter value. Only the field that matches Kind is set.
type Value struct {
	Kind     Kind
	String   string
	Int      int
	Switch   bool // a switch's or a Boolean's value
	TimeSpan time.Duration
	List     []string
}

// Command is a cmdlet invocation after parsing and parameter binding: the cmdlet's canonical
// name and its parameters under their canonical names. Common parameters (-Verbose,
// -ErrorAction, -WarningAction, -WhatIf, -Confirm) appear in Params like any other.
type Command struct {
	// Cmdlet is the canonical cmdlet name, for example "Invoke-CsPoolFailOver".
	Cmdlet string
	// Params maps canonical parameter names (for example "PoolFqdn") to their values.
	Params map[string]Value
	// Text is the source text of the command, as typed.
	Text string
	// Set is the name of the parameter set the binder chose ("" for cmdlets with one set).
	Set string
}

// Has reports whether the parameter was given.
func (c Command) Has(name string) bool { _, ok := c.Params[name]; return ok }

// Switch reports whether a switch parameter was given and not set to $false.
func (c Command) Switch(name string) bool { return c.Params[name].Switch }

// Str returns a string parameter, or "" when it was not given.
func (c Command) Str(name string) string { return c.Params[name].String }

// Int returns an integer parameter and whether it was given.
func (c Command) Int(name string) (int, bool) { v, ok := c.Params[name]; return v.Int, ok }

// TimeSpan returns a TimeSpan parameter and whether it was given.
func (c Command) TimeSpan(name string) (time.Duration, bool) {
	v, ok := c.Params[name]
	return v.TimeSpan, ok
}
