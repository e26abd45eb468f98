// Package render turns a plan (engine/plan) into what an operator takes away: a PowerShell
// script for the Skype for Business Server Management Shell, a printable Markdown runbook,
// and versioned JSON that ParseJSON reads back. Renderers are pure and deterministic: the
// same plan gives the same bytes, and render, parse, render gives the same bytes again.
package render

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"failwright/engine/plan"
)

// fieldError is a problem with one field of a plan, named by its path ("steps[2].command").
// ParseJSON gives it the field's line and column in the document.
type fieldError struct {
	path, msg string
}

// Error implements error.
func (e *fieldError) Error() string { return "render: " + e.path + ": " + e.msg }

// fieldErrorf makes a fieldError.
func fieldErrorf(path, format string, args ...any) error {
	return &fieldError{path: path, msg: fmt.Sprintf(format, args...)}
}

// checkText refuses a plan string that cannot be printed on one line of a script or a
// runbook: invalid UTF-8, control characters (tab aside), line and paragraph separators and
// invisible formatting characters (which can reorder what a reader sees). Plans from
// plan.Build never carry them; this is the renderers' own guard for plans read from elsewhere.
func checkText(path, s string) error {
	if !utf8.ValidString(s) {
		return fieldErrorf(path, "invalid UTF-8")
	}
	for _, r := range s {
		if r == '\t' {
			continue
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r) {
			return fieldErrorf(path, "character %U cannot be printed safely", r)
		}
	}
	return nil
}

// checkPlan applies checkText to every string of p the renderers print.
func checkPlan(p *plan.Plan) error {
	if p == nil {
		return fmt.Errorf("render: no plan")
	}
	check := checkText
	for _, c := range []struct{ path, s string }{
		{"id", p.ID}, {"topologyName", p.TopologyName}, {"fingerprint", p.Fingerprint},
		{"request.pool", p.Request.Pool}, {"backupPool", p.BackupPool},
	} {
		if err := check(c.path, c.s); err != nil {
			return err
		}
	}
	for i, line := range p.Request.Setup {
		if err := check(fmt.Sprintf("request.setup[%d]", i), line); err != nil {
			return err
		}
	}
	for i, a := range p.Assumptions {
		for _, s := range []string{a.Path, a.Subject, string(a.Fact), a.Value} {
			if err := check(fmt.Sprintf("assumptions[%d]", i), s); err != nil {
				return err
			}
		}
	}
	for i, st := range p.Steps {
		path := fmt.Sprintf("steps[%d]", i)
		if st.Group != "" && (!isWord(st.Group, "-") || len(st.Group) > 64) {
			return fieldErrorf(path+".group", "%q is not a group ID: lower-case letters, digits and hyphens", st.Group)
		}
		for _, s := range append([]string{st.ID, st.Title, string(st.Kind), st.When, st.Alternative, st.Command,
			st.Instructions, st.Expect, st.Shows, st.Reason}, st.Simulate...) {
			if err := check(path, s); err != nil {
				return err
			}
		}
		calls := st.Verify
		if st.Call != nil {
			calls = append([]plan.Call{*st.Call}, calls...)
		}
		for _, c := range calls {
			if err := checkCall(path, c); err != nil {
				return err
			}
		}
	}
	for i, f := range p.Findings {
		for _, s := range []string{f.Code, f.Path, f.Message, f.Fix} {
			if err := check(fmt.Sprintf("findings[%d]", i), s); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkCall checks that a call can be written as a command: a cmdlet name and parameter
// names of letters, digits and hyphens, and bare (unquoted) values made of characters that
// mean nothing to PowerShell. Quoted values may hold anything printable: QuoteArg makes them
// literals.
func checkCall(path string, c plan.Call) error {
	if !isWord(c.Cmdlet, "-") || !strings.Contains(c.Cmdlet, "-") {
		return fieldErrorf(path, "cmdlet name %q is not a Verb-Noun word", c.Cmdlet)
	}
	for _, p := range c.Params {
		if !isWord(p.Name, "") {
			return fieldErrorf(path, "parameter name %q is not a word", p.Name)
		}
		if p.Switch && p.Value != "" {
			return fieldErrorf(path, "switch -%s has a value", p.Name)
		}
		if !p.Switch && !p.Quoted && !isWord(p.Value, ".:_-") {
			return fieldErrorf(path, "bare value %q of -%s must be quoted", p.Value, p.Name)
		}
		if err := checkText(path, p.Value); err != nil {
			return err
		}
	}
	return nil
}

// isWord reports whether s is non-empty ASCII letters and digits plus the extra characters.
func isWord(s, extra string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(extra, c) >= 0) {
			return false
		}
	}
	return true
}

// databaseOnly reports whether plan p restores its pool by a database failover alone (docs
// /plans.md, PL024): it fails the databases over and fails no pool over.
func databaseOnly(p *plan.Plan) bool {
	db := false
	for _, s := range p.Steps {
		switch s.ID {
		case "db-failover":
			db = true
		case "pool-failover":
			return false
		}
	}
	return db
}
