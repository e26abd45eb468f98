package sim

// Get-Command over the simulated shell's catalog.

import (
	"fmt"
	"strings"

	"failwright/engine/shell"
	"failwright/engine/topology"
)

// moduleOf names the module a command belongs to for Get-Command.
func moduleOf(cm *shell.Cmdlet, v topology.Version) string {
	switch {
	case cm.Simulator:
		return "Failwright"
	case strings.HasPrefix(cm.Class, "Microsoft.PowerShell."):
		return "Microsoft.PowerShell.Core"
	case v == topology.Lync2013:
		return "Lync"
	}
	return "SkypeForBusiness"
}

// cmdGetCommand is Get-Command over the catalog of the session's product version.
func cmdGetCommand(c *ctx) {
	v := c.s.versionFor0()
	matchAny := func(patterns []string, s string) bool {
		if len(patterns) == 0 {
			return true
		}
		for _, p := range patterns {
			if shell.WildcardMatch(p, s) {
				return true
			}
		}
		return false
	}
	names := c.cmd.Params["Name"].List
	verbs, nouns, modules := c.cmd.Params["Verb"].List, c.cmd.Params["Noun"].List, c.cmd.Params["Module"].List
	keep := func(cm *shell.Cmdlet) bool {
		verb, noun, _ := strings.Cut(cm.Name, "-")
		mod := moduleOf(cm, v)
		modOK := matchAny(modules, mod) || (mod == "SkypeForBusiness" && matchAny(modules, "Lync")) || (mod == "Lync" && matchAny(modules, "SkypeForBusiness"))
		return matchAny(verbs, verb) && matchAny(nouns, noun) && modOK
	}
	var rows [][]string
	seen := map[string]bool{}
	add := func(cm *shell.Cmdlet) {
		if !seen[cm.Name] && keep(cm) {
			seen[cm.Name] = true
			rows = append(rows, []string{"Cmdlet", cm.Name, moduleOf(cm, v)})
		}
	}
	var missing []string
	if len(names) == 0 {
		for _, cm := range shell.Default.Cmdlets(v) {
			add(cm)
		}
	}
	for _, n := range names {
		if strings.ContainsAny(n, "*?") {
			for _, cm := range shell.Default.Cmdlets(v) {
				if shell.WildcardMatch(n, cm.Name) {
					add(cm)
				}
			}
			continue
		}
		cm := shell.Default.Lookup(n)
		if cm == nil || !cm.In(v) {
			missing = append(missing, n)
			continue
		}
		add(cm)
	}
	if len(rows) > 0 {
		c.outf("")
		c.table([]string{"CommandType", "Name", "Source"}, rows)
		c.outf("")
	}
	for _, n := range missing {
		e := shell.NewError(c.cmd.Cmdlet, "CommandNotFoundException", "ObjectNotFound", fmt.Sprintf(
			"The term '%s' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.", n))
		e.Target, e.TargetType, e.Reason = n, "String", "CommandNotFoundException"
		if c.nonFatalRecord(e) {
			return
		}
	}
}
