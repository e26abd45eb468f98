package shell

import (
	"sort"
	"strings"

	"failwright/engine/topology"
)

// Names are the topology names tab completion offers for parameter values.
type Names struct {
	Pools   []string
	Servers []string
	Sites   []string
}

// NamesOf returns the names of a topology that completion offers: pool FQDNs, server FQDNs
// (Front End and other servers, and branch appliances) and site names, in topology order.
func NamesOf(t *topology.Topology) Names {
	var n Names
	for _, p := range t.Pools {
		n.Pools = append(n.Pools, p.FQDN)
		for _, sv := range p.Servers {
			n.Servers = append(n.Servers, sv.FQDN)
		}
	}
	for _, b := range t.Branches {
		n.Servers = append(n.Servers, b.FQDN)
	}
	for _, st := range t.Sites {
		n.Sites = append(n.Sites, st.Name)
	}
	return n
}

// Complete returns the tab completions for the word before the cursor (a byte offset in line):
// cmdlet names for the first word, parameter names after a dash, and for a parameter's value
// its allowed values or, for FQDN parameters, the given pool FQDNs. The candidates replace the
// whole word; they are sorted and free of duplicates.
func Complete(line string, cursor int, pools []string) []string {
	_, c := Default.CompleteWord(line, cursor, "", Names{Pools: pools, Servers: pools})
	return c
}

// CompleteWord returns the byte offset where the word being completed starts and the
// candidates that replace line[start:cursor], for product version v ("" for every version).
func (cat *Catalog) CompleteWord(line string, cursor int, v topology.Version, names Names) (int, []string) {
	if cursor < 0 {
		cursor = 0
	}
	if cursor > len(line) {
		cursor = len(line)
	}
	words := splitWords(line[:cursor])
	// The word under the cursor is the last one, or an empty new word after a space.
	cur := word{start: cursor}
	if n := len(words); n > 0 && words[n-1].end == cursor {
		cur = words[n-1]
		words = words[:n-1]
	}
	if len(words) == 0 {
		var out []string
		for _, c := range cat.Cmdlets(v) {
			if hasPrefixFold(c.Name, cur.text) {
				out = append(out, c.Name)
			}
		}
		return cur.start, sortUnique(out)
	}
	c := cat.Lookup(words[0].text)
	if c == nil || !c.In(v) {
		return cur.start, nil
	}
	params := c.ParamsIn(v)
	resolve := func(name string) *Param {
		var hits []*Param
		for _, p := range params {
			if strings.EqualFold(p.Name, name) {
				return p
			}
			for _, a := range p.Aliases {
				if strings.EqualFold(a, name) {
					return p
				}
			}
			if hasPrefixFold(p.Name, name) {
				hits = append(hits, p)
			}
		}
		if len(hits) == 1 {
			return hits[0]
		}
		return nil
	}
	// -Name:partial completes the value after the colon.
	if strings.HasPrefix(cur.text, "-") {
		if name, val, ok := strings.Cut(cur.text[1:], ":"); ok {
			p := resolve(name)
			if p == nil {
				return cur.start, nil
			}
			prefix := "-" + name + ":"
			var out []string
			for _, s := range valueCandidates(cat, p, val, v, names) {
				out = append(out, prefix+s)
			}
			return cur.start, sortUnique(out)
		}
		given := map[string]bool{}
		for _, w := range words[1:] {
			if strings.HasPrefix(w.text, "-") {
				if p := resolve(strings.SplitN(w.text[1:], ":", 2)[0]); p != nil {
					given[p.Name] = true
				}
			}
		}
		var out []string
		for _, p := range params {
			if !given[p.Name] && hasPrefixFold(p.Name, cur.text[1:]) {
				out = append(out, "-"+p.Name)
			}
		}
		return cur.start, sortUnique(out)
	}
	// A value: of the parameter just before, or of the next positional parameter.
	prev := words[len(words)-1].text
	if strings.HasPrefix(prev, "-") && !strings.Contains(prev, ":") && len(words) > 1 {
		if p := resolve(prev[1:]); p != nil && p.Type != TypeSwitch {
			return cur.start, valueCandidates(cat, p, cur.text, v, names)
		}
	}
	npos := 0
	for i := 1; i < len(words); i++ {
		w := words[i].text
		if strings.HasPrefix(w, "-") {
			if p := resolve(strings.SplitN(w[1:], ":", 2)[0]); p != nil && p.Type != TypeSwitch && !strings.Contains(w, ":") {
				i++ // its value
			}
			continue
		}
		npos++
	}
	var slots []*Param
	for _, p := range params {
		if p.Position > 0 {
			slots = append(slots, p)
		}
	}
	sort.SliceStable(slots, func(i, j int) bool { return slots[i].Position < slots[j].Position })
	if npos < len(slots) {
		var out []string
		for _, p := range slots {
			if p.Position == slots[npos].Position {
				out = append(out, valueCandidates(cat, p, cur.text, v, names)...)
			}
		}
		return cur.start, out
	}
	return cur.start, nil
}

// valueCandidates lists the values of parameter p that start with partial.
func valueCandidates(cat *Catalog, p *Param, partial string, v topology.Version, names Names) []string {
	partial = strings.TrimLeft(partial, "'\"")
	var pool []string
	switch {
	case len(p.Enum) > 0:
		pool = p.Enum
	case p.Type == TypeSwitch || p.Type == TypeBool:
		pool = []string{"$true", "$false"}
	case p.Complete == CompletePools:
		pool = names.Pools
	case p.Complete == CompleteServers:
		pool = append(append([]string(nil), names.Servers...), names.Pools...)
	case p.Complete == CompleteSites:
		pool = names.Sites
	case p.Name == "Name" && len(p.Sets) == 0:
		// Get-Help's Name completes command names.
		for _, c := range cat.Cmdlets(v) {
			pool = append(pool, c.Name)
		}
	}
	var out []string
	for _, s := range pool {
		if hasPrefixFold(s, partial) {
			out = append(out, s)
		}
	}
	// Sorted by value, then quoted where PowerShell needs quotes.
	out = sortUnique(out)
	for i, s := range out {
		if strings.ContainsAny(s, " \t'\"`$;,#|&(){}<>@") && !strings.HasPrefix(s, "$") {
			out[i] = QuoteArg(s)
		}
	}
	return out
}

type word struct {
	text       string
	start, end int
}

// splitWords splits a command-line prefix into words at blank space, keeping quoted text
// together (an unterminated quote runs to the end). Only the last statement (after the last
// ; or newline outside quotes) is returned.
func splitWords(s string) []word {
	var out []word
	start := -1
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
			if start < 0 {
				start = i
			}
		case c == ';' || c == '\n' || c == '|':
			out = nil
			start = -1
		case c == ' ' || c == '\t' || c == '\r' || c == '`':
			if start >= 0 {
				out = append(out, word{s[start:i], start, i})
				start = -1
			}
		default:
			if start < 0 {
				start = i
			}
		}
	}
	if start >= 0 {
		out = append(out, word{s[start:], start, len(s)})
	}
	return out
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func sortUnique(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	sort.Strings(in)
	out := in[:1]
	for _, s := range in[1:] {
		if s != out[len(out)-1] {
			out = append(out, s)
		}
	}
	return out
}
