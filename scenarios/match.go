package scenarios

import (
	"fmt"
	"strings"
)

// pattern is a command as a scenario writes it in accept, require and forbid: a cmdlet and
// the parameters a typed command must carry.
type pattern struct {
	cmdlet string
	params []patternParam
	text   string
}

type patternParam struct {
	name     string
	value    string
	hasValue bool
}

// paramAliases are the documented aliases of the common parameters.
var paramAliases = map[string]string{"wi": "WhatIf", "cf": "Confirm", "vb": "Verbose", "ea": "ErrorAction"}

// tokenize splits a command line into words the way the shell does for matching purposes:
// whitespace separates words, quotes group them, and the -Name:value form is one word.
func tokenize(s string) ([]string, error) {
	var out []string
	var b strings.Builder
	in := false
	quote := rune(0)
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				b.WriteRune(r)
			}
		case r == '"' || r == '\'' || r == '\u201c' || r == '\u201d' || r == '\u2018' || r == '\u2019':
			quote = r
			switch r {
			case '\u201c', '\u201d':
				quote = '\u201d'
			case '\u2018', '\u2019':
				quote = '\u2019'
			}
			in = true
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			if in {
				out = append(out, b.String())
				b.Reset()
				in = false
			}
		case r == '#' && !in:
			if in {
				out = append(out, b.String())
			}
			return out, nil
		default:
			b.WriteRune(r)
			in = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated quote in %q", s)
	}
	if in {
		out = append(out, b.String())
	}
	return out, nil
}

// parseCommand reads a command line into a cmdlet and its parameters. Parameter names keep
// the spelling typed (possibly abbreviated).
func parseCommand(s string) (pattern, error) {
	words, err := tokenize(s)
	if err != nil {
		return pattern{}, err
	}
	if len(words) == 0 {
		return pattern{}, fmt.Errorf("empty command")
	}
	p := pattern{cmdlet: words[0], text: strings.TrimSpace(s)}
	if strings.HasPrefix(p.cmdlet, "-") || !strings.Contains(p.cmdlet, "-") {
		return pattern{}, fmt.Errorf("%q is not a cmdlet name (Verb-Noun)", p.cmdlet)
	}
	for i := 1; i < len(words); i++ {
		w := words[i]
		if !strings.HasPrefix(w, "-") || len(w) < 2 {
			// A positional value: attach it to no parameter; matching ignores it.
			continue
		}
		name := w[1:]
		pp := patternParam{name: name}
		if j := strings.IndexByte(name, ':'); j >= 0 {
			pp.name, pp.value, pp.hasValue = name[:j], name[j+1:], true
		} else if i+1 < len(words) && !strings.HasPrefix(words[i+1], "-") {
			pp.value, pp.hasValue = words[i+1], true
			i++
		}
		if full, ok := paramAliases[strings.ToLower(pp.name)]; ok {
			pp.name = full
		}
		p.params = append(p.params, pp)
	}
	return p, nil
}

// parsePattern parses a scenario's command pattern.
func parsePattern(s string) (pattern, error) { return parseCommand(s) }

// has reports whether the command carries the parameter named full (canonical), written in
// full or as an unambiguous-looking prefix, and returns its value. A switch set to $false
// counts as absent.
func (c pattern) has(full string) (string, bool) {
	for _, p := range c.params {
		if p.name == "" || !strings.HasPrefix(strings.ToLower(full), strings.ToLower(p.name)) {
			continue
		}
		if p.hasValue && strings.EqualFold(p.value, "$false") {
			return "", false
		}
		return p.value, true
	}
	return "", false
}

// matches reports whether the typed command satisfies the pattern: the same cmdlet, and every
// parameter of the pattern present with the same value (compared case-insensitively).
func (c pattern) matches(pat pattern) bool {
	if !strings.EqualFold(c.cmdlet, pat.cmdlet) {
		return false
	}
	for _, pp := range pat.params {
		v, ok := c.has(pp.name)
		if !ok {
			if pp.hasValue && strings.EqualFold(pp.value, "$false") {
				continue
			}
			return false
		}
		if pp.hasValue && !strings.EqualFold(pp.value, "$true") && !strings.EqualFold(strings.TrimSpace(v), strings.TrimSpace(pp.value)) {
			return false
		}
	}
	return true
}

// commandMatches reports whether a typed line matches a pattern string.
func commandMatches(line, pat string) bool {
	c, err := parseCommand(line)
	if err != nil {
		return false
	}
	p, err := parsePattern(pat)
	if err != nil {
		return false
	}
	return c.matches(p)
}
