package sim

import (
	"fmt"
	"strings"
	"time"
)

// kv is one property of an object printed in list format.
type kv struct{ k, v string }

// list prints objects as PowerShell's list format: a blank line, then each object's properties
// as "Name : Value" with the colons aligned, and a blank line after each object.
func (c *ctx) list(objs ...[]kv) {
	if len(objs) == 0 {
		return
	}
	c.outf("")
	for _, o := range objs {
		w := 0
		for _, p := range o {
			w = max(w, len(p.k))
		}
		for _, p := range o {
			c.outf("%s", strings.TrimRight(fmt.Sprintf("%-*s : %s", w, p.k, p.v), " "))
		}
		c.outf("")
	}
}

// table prints rows under a header with columns padded to their widest cell, as Format-Table
// does, with a dashed rule under the header.
func (c *ctx) table(header []string, rows [][]string) {
	w := make([]int, len(header))
	for i, h := range header {
		w[i] = len(h)
	}
	for _, r := range rows {
		for i, cell := range r {
			w[i] = max(w[i], len(cell))
		}
	}
	line := func(cells []string) string {
		var b strings.Builder
		for i, cell := range cells {
			if i > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%-*s", w[i], cell)
		}
		return strings.TrimRight(b.String(), " ")
	}
	rule := make([]string, len(header))
	for i := range header {
		rule[i] = strings.Repeat("-", w[i])
	}
	c.outf("%s", line(header))
	c.outf("%s", line(rule))
	for _, r := range rows {
		c.outf("%s", line(r))
	}
}

// set renders a collection property the way PowerShell shows it: {a, b, c}.
func set(items ...string) string { return "{" + strings.Join(items, ", ") + "}" }

func boolText(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// epoch is the wall-clock date virtual time 0 stands for in DateTime properties: a fixed
// Monday morning, so that output never depends on the real clock.
var epoch = time.Date(2026, time.January, 5, 8, 0, 0, 0, time.UTC)

// dateText renders virtual time t as PowerShell shows a DateTime in en-US: 1/5/2026 8:02:00 AM.
func dateText(t time.Duration) string {
	return epoch.Add(t).Format("1/2/2006 3:04:05 PM")
}
