package plan

import (
	"strings"

	"failwright/engine/shell"
)

// QuoteArg writes s as a single-quoted PowerShell literal (shell.QuoteArg): the whole value
// between single quotes, every single quote inside (the typographic ones too) doubled.
// Nothing inside such a literal is expanded: no variables, no subexpressions, no escapes.
func QuoteArg(s string) string { return shell.QuoteArg(s) }

// Line writes the call as one shell line: the cmdlet, then each parameter in order, topology
// values as single-quoted literals (QuoteArg) and the plan's own constants bare.
func (c Call) Line() string {
	var b strings.Builder
	b.Grow(len(c.Cmdlet) + 24*len(c.Params))
	b.WriteString(c.Cmdlet)
	for _, p := range c.Params {
		b.WriteString(" -")
		b.WriteString(p.Name)
		if p.Switch {
			continue
		}
		b.WriteByte(' ')
		if p.Quoted {
			b.WriteString(QuoteArg(p.Value))
		} else {
			b.WriteString(p.Value)
		}
	}
	return b.String()
}

// Changing reports whether the call changes the deployment: the -WhatIf form of
// Invoke-CsManagementServerFailover only reports, every Get- cmdlet only reads.
func (c Call) Changing() bool {
	if strings.HasPrefix(c.Cmdlet, "Get-") {
		return false
	}
	for _, p := range c.Params {
		if p.Switch && p.Name == "WhatIf" {
			return false
		}
	}
	return true
}

// call builds a Call from a cmdlet and parameters.
func call(cmdlet string, params ...Param) Call { return Call{Cmdlet: cmdlet, Params: params} }

// q is a parameter whose value comes from the topology: always quoted.
func q(name, value string) Param { return Param{Name: name, Value: value, Quoted: true} }

// lit is a parameter whose value is one of the plan's own constants, written bare.
func lit(name, value string) Param { return Param{Name: name, Value: value} }

// sw is a switch parameter.
func sw(name string) Param { return Param{Name: name, Switch: true} }
