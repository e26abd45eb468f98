package shell

import (
	"fmt"
	"path"
	"strings"

	"failwright/engine/topology"
)

// helpWidth is the width help text is wrapped to.
const helpWidth = 100

// Help returns the Get-Help text of a cmdlet for product version v (the syntax lines list only
// the parameters that exist in v), and whether the cmdlet exists in v. With full it adds every
// parameter, the notes and the examples, like Get-Help -Full.
func Help(name string, v topology.Version, full bool) (string, bool) {
	return Default.Help(name, v, full)
}

// Help is the catalog's Get-Help text; see the package-level Help. A name with wildcards
// (* or ?) gives the list of matching commands instead.
func (cat *Catalog) Help(name string, v topology.Version, full bool) (string, bool) {
	if strings.ContainsAny(name, "*?") {
		lines := cat.HelpList(name, v)
		return strings.Join(lines, "\n") + "\n", lines != nil
	}
	c := cat.Lookup(name)
	if c == nil || !c.In(v) {
		return "", false
	}
	var b strings.Builder
	section := func(title string) { b.WriteString("\n" + title + "\n") }
	b.WriteString("\nNAME\n    " + c.Name + "\n")
	section("SYNOPSIS")
	wrap(&b, c.Synopsis, "    ")
	section("\nSYNTAX")
	for i, s := range c.syntaxParts(v) {
		if i > 0 {
			b.WriteString("\n")
		}
		wrapParts(&b, s, "    ")
	}
	section("\nDESCRIPTION")
	for i, para := range strings.Split(c.Description, "\n\n") {
		if i > 0 {
			b.WriteString("\n")
		}
		wrap(&b, para, "    ")
	}
	if full {
		section("\nPARAMETERS")
		for _, p := range c.ParamsIn(v) {
			if p.Common {
				continue
			}
			b.WriteString(paramHelp(c, p, v))
			b.WriteString("\n")
		}
		b.WriteString("    <CommonParameters>\n")
		wrap(&b, "This cmdlet supports the common parameters: Verbose, Debug, ErrorAction, WarningAction, InformationAction, ErrorVariable, WarningVariable, InformationVariable, OutVariable, OutBuffer and PipelineVariable. The failwright shell honours -Verbose, -ErrorAction and -WarningAction and accepts the others.", "        ")
		if c.Notes != "" {
			section("\nNOTES")
			for i, para := range strings.Split(c.Notes, "\n\n") {
				if i > 0 {
					b.WriteString("\n")
				}
				wrap(&b, para, "    ")
			}
		}
		b.WriteString(examplesText(c))
	} else {
		section("\nREMARKS")
		fmt.Fprintf(&b, "    To see the examples, type: \"Get-Help %s -Examples\".\n", c.Name)
		fmt.Fprintf(&b, "    For everything, type: \"Get-Help %s -Full\".\n", c.Name)
	}
	return b.String(), true
}

// HelpExamples returns the text of Get-Help NAME -Examples.
func (cat *Catalog) HelpExamples(name string, v topology.Version) (string, bool) {
	c := cat.Lookup(name)
	if c == nil || !c.In(v) {
		return "", false
	}
	var b strings.Builder
	b.WriteString("\nNAME\n    " + c.Name + "\n\nSYNOPSIS\n")
	wrap(&b, c.Synopsis, "    ")
	b.WriteString(examplesText(c))
	return b.String(), true
}

// HelpParameter returns the text of Get-Help NAME -Parameter PARAM: the parameters whose
// names match the wildcard pattern param.
func (cat *Catalog) HelpParameter(name, param string, v topology.Version) (string, bool) {
	c := cat.Lookup(name)
	if c == nil || !c.In(v) {
		return "", false
	}
	var b strings.Builder
	for _, p := range c.ParamsIn(v) {
		if wildMatch(param, p.Name) {
			b.WriteString("\n" + paramHelp(c, p, v))
		}
	}
	if b.Len() == 0 {
		return "", false
	}
	return b.String(), true
}

// HelpList returns the Get-Help listing of the commands of version v whose names match the
// wildcard pattern (every command for "" or "*"): name and synopsis.
func (cat *Catalog) HelpList(pattern string, v topology.Version) []string {
	if pattern == "" {
		pattern = "*"
	}
	var out []string
	width := 0
	var hits []*Cmdlet
	for _, c := range cat.Cmdlets(v) {
		if wildMatch(pattern, c.Name) {
			hits = append(hits, c)
			width = max(width, len(c.Name))
		}
	}
	if len(hits) == 0 {
		return nil
	}
	out = append(out, "", fmt.Sprintf("%-*s %s", width, "Name", "Synopsis"), fmt.Sprintf("%-*s %s", width, "----", "--------"))
	for _, c := range hits {
		out = append(out, fmt.Sprintf("%-*s %s", width, c.Name, c.Synopsis))
	}
	return out
}

// HelpLines runs a bound Get-Help command for version v and returns the console lines, or the
// error Get-Help writes when there is no such help topic.
func (cat *Catalog) HelpLines(cmd Command, v topology.Version) ([]string, *Error) {
	name := cmd.Str("Name")
	var text string
	var ok bool
	switch {
	case name == "" || strings.ContainsAny(name, "*?"):
		lines := cat.HelpList(name, v)
		if lines != nil {
			return lines, nil
		}
	case cmd.Has("Parameter"):
		text, ok = cat.HelpParameter(name, cmd.Str("Parameter"), v)
		if !ok && cat.Lookup(name) != nil && cat.Lookup(name).In(v) {
			return nil, NewError("Get-Help", "NoParmsFound", "InvalidArgument",
				fmt.Sprintf("No parameter matches criteria %s.", cmd.Str("Parameter")))
		}
	case cmd.Switch("Examples"):
		text, ok = cat.HelpExamples(name, v)
	default:
		text, ok = cat.Help(name, v, cmd.Switch("Full") || cmd.Switch("Detailed"))
	}
	if ok {
		return strings.Split(strings.TrimRight(text, "\n"), "\n"), nil
	}
	e := NewError("Get-Help", "HelpNotFound", "ResourceUnavailable",
		fmt.Sprintf("Get-Help could not find %s in a help file in this session. Type Get-Help with no name to list the commands of this shell.", name))
	e.Reason = "HelpNotFoundException"
	return nil, e
}

// Syntax returns the cmdlet's syntax lines for version v, one per parameter set, generated
// from the catalog: mandatory parameters bare, optional ones in brackets, positional names in
// brackets, enumerations as {A | B}.
func (c *Cmdlet) Syntax(v topology.Version) []string {
	var out []string
	for _, parts := range c.syntaxParts(v) {
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

func (c *Cmdlet) syntaxParts(v topology.Version) [][]string {
	var out [][]string
	for _, s := range c.SetsIn(v) {
		parts := []string{c.Name}
		for _, p := range c.ParamsIn(v) {
			if p.Common && p.Name != "WhatIf" && p.Name != "Confirm" {
				continue
			}
			if s != "" && !p.InSet(s) {
				continue
			}
			parts = append(parts, syntaxOf(p))
		}
		parts = append(parts, "[<CommonParameters>]")
		out = append(out, parts)
	}
	return out
}

func syntaxOf(p *Param) string {
	name := "-" + p.Name
	if p.Position > 0 {
		name = "[" + name + "]"
	}
	s := name
	if p.Type != TypeSwitch {
		arg := "<" + p.shortType() + ">"
		if len(p.Enum) > 0 {
			arg = "{" + strings.Join(p.Enum, " | ") + "}"
		}
		s += " " + arg
	}
	if !p.Mandatory {
		s = "[" + s + "]"
	}
	return s
}

func paramHelp(c *Cmdlet, p *Param, v topology.Version) string {
	var b strings.Builder
	head := "    -" + p.Name
	if p.Type != TypeSwitch {
		head += " <" + p.shortType() + ">"
	}
	b.WriteString(head + "\n")
	wrap(&b, p.Help, "        ")
	if len(p.Enum) > 0 {
		wrap(&b, "Allowed values: "+strings.Join(p.Enum, ", ")+".", "        ")
	}
	b.WriteString("\n")
	pos := "named"
	if p.Position > 0 {
		pos = fmt.Sprint(p.Position)
	}
	rows := [][2]string{
		{"Required?", fmt.Sprint(p.Mandatory)},
		{"Position?", pos},
	}
	if len(p.Aliases) > 0 {
		rows = append(rows, [2]string{"Aliases", strings.Join(p.Aliases, ", ")})
	}
	if p.Sets != nil {
		rows = append(rows, [2]string{"Parameter sets", strings.Join(p.Sets, ", ")})
	}
	vs := p.Versions
	if vs == nil {
		vs = c.Versions
	}
	if vs == nil {
		vs = topology.CodeLines // Subscription Edition has 2019's parameters
	}
	names := make([]string, len(vs))
	for i, x := range vs {
		names[i] = string(x)
	}
	rows = append(rows, [2]string{"Versions", strings.Join(names, ", ")})
	for _, r := range rows {
		fmt.Fprintf(&b, "        %-28s %s\n", r[0], r[1])
	}
	return b.String()
}

func examplesText(c *Cmdlet) string {
	var b strings.Builder
	b.WriteString("\n\nEXAMPLES\n")
	for i, ex := range c.Examples {
		fmt.Fprintf(&b, "    -------------------------- Example %d --------------------------\n\n", i+1)
		b.WriteString("    PS failwright> " + ex.Code + "\n\n")
		wrap(&b, ex.Text, "    ")
		b.WriteString("\n")
	}
	return b.String()
}

// wrap writes text word-wrapped to helpWidth, each line indented.
func wrap(b *strings.Builder, text, indent string) {
	line := indent
	for _, w := range strings.Fields(text) {
		if line != indent && len(line)+1+len(w) > helpWidth {
			b.WriteString(line + "\n")
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += w
	}
	b.WriteString(line + "\n")
}

// wrapParts writes syntax elements wrapped to helpWidth without splitting an element.
func wrapParts(b *strings.Builder, parts []string, indent string) {
	line := indent
	for _, w := range parts {
		if line != indent && len(line)+1+len(w) > helpWidth {
			b.WriteString(line + "\n")
			line = indent + " "
		}
		if line != indent {
			line += " "
		}
		line += w
	}
	b.WriteString(line + "\n")
}

// wildMatch matches PowerShell wildcards (* and ?) case-insensitively; a pattern without
// wildcards must match the whole name.
func wildMatch(pattern, name string) bool {
	ok, err := path.Match(strings.ToLower(pattern), strings.ToLower(name))
	return err == nil && ok
}

// WildcardMatch reports whether name matches a PowerShell wildcard pattern (* and ?),
// case-insensitively, as -Filter, -Name and similar parameters match names.
func WildcardMatch(pattern, name string) bool { return wildMatch(pattern, name) }
