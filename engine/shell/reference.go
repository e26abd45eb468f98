package shell

import (
	"fmt"
	"strings"

	"failwright/engine/topology"
)

// MarkdownReference renders the catalog as Markdown tables for docs/shell.md: the product
// cmdlets and the simulator verbs, each with its parameters, their types, whether they are
// required and in which product versions they exist. Common parameters are left out.
func (cat *Catalog) MarkdownReference() string {
	var b strings.Builder
	b.WriteString("| Cmdlet | Parameter | Type | Required | Position | Aliases | 2013 | 2015 | 2019 |\n")
	b.WriteString("|---|---|---|---|---|---|:-:|:-:|:-:|\n")
	mark := func(vs []topology.Version, parent []topology.Version) string {
		var cells []string
		for _, v := range topology.CodeLines { // Subscription Edition is the 2019 column
			if versionIn(parent, v) && versionIn(vs, v) {
				cells = append(cells, "yes")
			} else {
				cells = append(cells, "—")
			}
		}
		return strings.Join(cells, " | ")
	}
	for _, sim := range []bool{false, true} {
		for _, c := range cat.Cmdlets("") {
			if c.Simulator != sim {
				continue
			}
			extra := ""
			if c.ShouldProcess {
				extra = "-WhatIf, -Confirm"
			}
			if len(c.Aliases) > 0 {
				extra = strings.TrimPrefix(extra+", alias "+strings.Join(c.Aliases, ", "), ", ")
			}
			fmt.Fprintf(&b, "| **%s** | %s | | | | | %s |\n", c.Name, extra, mark(nil, c.Versions))
			for i := range c.Params {
				p := &c.Params[i]
				if p.Common {
					continue
				}
				typ := p.shortType()
				if p.Type == TypeSwitch {
					typ = "switch"
				}
				if len(p.Enum) > 0 {
					typ += ": " + strings.Join(p.Enum, ", ")
				}
				req := ""
				if p.Mandatory {
					req = "yes"
					if p.Sets != nil {
						req += " (" + strings.Join(p.Sets, ", ") + ")"
					}
				} else if p.Sets != nil {
					req = "no (" + strings.Join(p.Sets, ", ") + ")"
				}
				pos := ""
				if p.Position > 0 {
					pos = fmt.Sprint(p.Position)
				}
				fmt.Fprintf(&b, "| | -%s | %s | %s | %s | %s | %s |\n", p.Name, typ, req, pos, strings.Join(p.Aliases, ", "), mark(p.Versions, c.Versions))
			}
		}
	}
	return b.String()
}
