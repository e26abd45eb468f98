package shell

import (
	"sort"
	"strings"

	"failwright/engine/topology"
)

// ParamType is the .NET type a cmdlet parameter binds to.
type ParamType int

// The parameter types.
const (
	// TypeString is a string (System.String).
	TypeString ParamType = iota
	// TypeFqdn is a fully qualified domain name (Microsoft.Rtc.Management.Deploy.Fqdn).
	TypeFqdn
	// TypeInt is a 32-bit integer (System.Int32).
	TypeInt
	// TypeSwitch is a switch (System.Management.Automation.SwitchParameter).
	TypeSwitch
	// TypeTimeSpan is a duration (System.TimeSpan): hh:mm:ss, d.hh:mm:ss, or a number of
	// 100-nanosecond ticks when given as a bare number.
	TypeTimeSpan
	// TypeStringList is an array of strings (System.String[]).
	TypeStringList
	// TypeEnum is a .NET enumeration; the allowed names are in Param.Enum.
	TypeEnum
	// TypeBool is a Boolean (System.Boolean): $true, $false, 1 or 0.
	TypeBool
	// TypeGuid is a GUID (System.Guid).
	TypeGuid
	// TypeUInt16 is a 16-bit unsigned integer (System.UInt16), such as a port number; its
	// value is in Value.Int.
	TypeUInt16
)

// Completion says which names tab completion offers for a parameter's value.
type Completion int

// The value completions.
const (
	CompleteNone    Completion = iota
	CompletePools              // pool FQDNs
	CompleteServers            // server FQDNs
	CompleteSites              // site names
)

// Param is one cmdlet parameter.
type Param struct {
	// Name is the canonical name, for example "PoolFqdn".
	Name string
	// Aliases are the parameter's other names, for example "cf" for Confirm.
	Aliases []string
	// Type is the type the value converts to.
	Type ParamType
	// TypeName is the .NET type named in syntax lines and errors, for example
	// "Microsoft.Rtc.Management.Deploy.Fqdn"; derived from Type when empty.
	TypeName string
	// Enum lists the allowed values of a TypeEnum parameter, or of a string parameter whose
	// value must be one of a set (ValidateSet), in their canonical spelling.
	Enum []string
	// Mandatory is true when the parameter is required in its sets.
	Mandatory bool
	// Position is the 1-based position of a positional parameter, or 0 for named only.
	Position int
	// Sets lists the parameter sets the parameter belongs to; nil means every set.
	Sets []string
	// Versions lists the product versions the parameter exists in; nil means every version
	// the cmdlet exists in.
	Versions []topology.Version
	// Complete says which names complete the parameter's value.
	Complete Completion
	// Help describes the parameter (our own words).
	Help string
	// Common is true for PowerShell's common parameters (Verbose, ErrorAction, ...).
	Common bool
}

// In reports whether the parameter exists in version v ("" matches every version).
func (p *Param) In(v topology.Version) bool { return versionIn(p.Versions, v) }

// InSet reports whether the parameter belongs to parameter set s.
func (p *Param) InSet(s string) bool {
	if p.Sets == nil {
		return true
	}
	for _, x := range p.Sets {
		if x == s {
			return true
		}
	}
	return false
}

// NetType returns the .NET type name used in syntax lines and error messages.
func (p *Param) NetType() string {
	if p.TypeName != "" {
		return p.TypeName
	}
	switch p.Type {
	case TypeFqdn:
		return "Microsoft.Rtc.Management.Deploy.Fqdn"
	case TypeInt:
		return "System.Int32"
	case TypeSwitch:
		return "System.Management.Automation.SwitchParameter"
	case TypeTimeSpan:
		return "System.TimeSpan"
	case TypeStringList:
		return "System.String[]"
	case TypeBool:
		return "System.Boolean"
	case TypeGuid:
		return "System.Guid"
	case TypeUInt16:
		return "System.UInt16"
	case TypeEnum:
		return "System.String"
	}
	return "System.String"
}

// shortType returns the type's short name for syntax lines ("Fqdn", "Int32", "TimeSpan").
func (p *Param) shortType() string {
	t := p.NetType()
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		t = t[i+1:]
	}
	return t
}

// Example is one Get-Help example: a command and what it does.
type Example struct {
	Code string
	Text string
}

// Cmdlet is one command the shell knows.
type Cmdlet struct {
	// Name is the canonical name, for example "Invoke-CsPoolFailOver".
	Name string
	// Aliases are other names the command answers to (for example "help" for Get-Help).
	Aliases []string
	// Versions lists the product versions the cmdlet exists in; nil means every version.
	Versions []topology.Version
	// Sets names the parameter sets; nil means a single unnamed set.
	Sets []string
	// DefaultSet is the set chosen when the given parameters fit several sets.
	DefaultSet string
	// Params are the cmdlet's own parameters (without the common ones).
	Params []Param
	// ShouldProcess is true when the cmdlet supports -WhatIf and -Confirm.
	ShouldProcess bool
	// Simulator is true for the simulator's own verbs (faults and time).
	Simulator bool
	// Class is the implementing class shown in FullyQualifiedErrorId; derived when empty.
	Class string
	// Synopsis is a one-line summary (our own words).
	Synopsis string
	// Description is the longer help text (our own words); paragraphs separated by "\n\n".
	Description string
	// Notes are extra remarks for -Full help, such as where the documentation conflicts.
	Notes string
	// Examples are shown by Get-Help -Examples and -Full.
	Examples []Example
}

// In reports whether the cmdlet exists in version v ("" matches every version).
func (c *Cmdlet) In(v topology.Version) bool { return versionIn(c.Versions, v) }

func (c *Cmdlet) className() string {
	if c.Class != "" {
		return c.Class
	}
	verb, noun, _ := strings.Cut(c.Name, "-")
	if c.Simulator {
		return "Failwright.Simulator." + verb + noun + "Command"
	}
	noun = strings.TrimPrefix(noun, "Cs")
	return "Microsoft.Rtc.Management." + verb + noun + "Cmdlet"
}

func versionIn(vs []topology.Version, v topology.Version) bool {
	if vs == nil || v == "" {
		return true
	}
	for _, x := range vs {
		if x == v.Behaves() {
			return true
		}
	}
	return false
}

// Catalog is a set of cmdlets.
type Catalog struct {
	cmdlets []*Cmdlet
	byName  map[string]*Cmdlet
}

// NewCatalog builds a catalog from cmdlet definitions. It adds the common parameters, and
// WhatIf and Confirm where ShouldProcess is set.
func NewCatalog(cs []Cmdlet) *Catalog {
	cat := &Catalog{byName: map[string]*Cmdlet{}}
	for i := range cs {
		c := cs[i]
		params := append([]Param(nil), c.Params...)
		if c.ShouldProcess {
			params = append(params, shouldProcessParams...)
		}
		params = append(params, commonParams...)
		c.Params = params
		cat.cmdlets = append(cat.cmdlets, &c)
		cat.byName[strings.ToLower(c.Name)] = &c
		for _, a := range c.Aliases {
			cat.byName[strings.ToLower(a)] = &c
		}
	}
	sort.Slice(cat.cmdlets, func(i, j int) bool { return cat.cmdlets[i].Name < cat.cmdlets[j].Name })
	return cat
}

// Lookup returns the cmdlet with the given name or alias, case-insensitively, or nil. A
// product cmdlet may be qualified with its module, as in SkypeForBusiness\Get-CsPool (or
// Lync\Get-CsPool).
func (cat *Catalog) Lookup(name string) *Cmdlet {
	if cat == nil {
		return nil
	}
	if module, rest, ok := strings.Cut(name, "\\"); ok {
		c := cat.byName[strings.ToLower(rest)]
		if c == nil || c.Simulator || (!strings.EqualFold(module, "SkypeForBusiness") && !strings.EqualFold(module, "Lync")) {
			return nil
		}
		return c
	}
	return cat.byName[strings.ToLower(name)]
}

// Cmdlets returns the cmdlets that exist in version v ("" for all), sorted by name.
func (cat *Catalog) Cmdlets(v topology.Version) []*Cmdlet {
	var out []*Cmdlet
	for _, c := range cat.cmdlets {
		if c.In(v) {
			out = append(out, c)
		}
	}
	return out
}

// ParamsIn returns the cmdlet's parameters that exist in version v, in definition order.
// When two definitions share a name (a parameter whose allowed values differ by version),
// only the one for v is returned; for v == "" the last definition wins.
func (c *Cmdlet) ParamsIn(v topology.Version) []*Param {
	var out []*Param
	seen := map[string]int{}
	for i := range c.Params {
		p := &c.Params[i]
		if !p.In(v) {
			continue
		}
		if k, ok := seen[strings.ToLower(p.Name)]; ok {
			out[k] = p
			continue
		}
		seen[strings.ToLower(p.Name)] = len(out)
		out = append(out, p)
	}
	return out
}

// SetsIn returns the parameter sets available in version v: a named set is available when
// every mandatory parameter of the set that is specific to it exists in v. A cmdlet without
// named sets has the single set "".
func (c *Cmdlet) SetsIn(v topology.Version) []string {
	if len(c.Sets) == 0 {
		return []string{""}
	}
	var out []string
	for _, s := range c.Sets {
		ok := true
		for i := range c.Params {
			p := &c.Params[i]
			if p.Sets != nil && p.InSet(s) && p.Mandatory && !p.In(v) {
				ok = false
			}
		}
		if ok {
			out = append(out, s)
		}
	}
	return out
}

var actionPreference = []string{"SilentlyContinue", "Stop", "Continue", "Inquire", "Ignore", "Suspend"}

const actionPreferenceType = "System.Management.Automation.ActionPreference"

// commonParams are PowerShell's common parameters, on every cmdlet.
var commonParams = []Param{
	{Name: "Verbose", Aliases: []string{"vb"}, Type: TypeSwitch, Common: true, Help: "Shows the steps the cmdlet takes as VERBOSE: lines."},
	{Name: "Debug", Aliases: []string{"db"}, Type: TypeSwitch, Common: true, Help: "Shows programmer-level detail as DEBUG: lines."},
	{Name: "ErrorAction", Aliases: []string{"ea"}, Type: TypeEnum, TypeName: actionPreferenceType, Enum: actionPreference, Common: true, Help: "What to do when the cmdlet writes a non-terminating error."},
	{Name: "WarningAction", Aliases: []string{"wa"}, Type: TypeEnum, TypeName: actionPreferenceType, Enum: actionPreference, Common: true, Help: "What to do when the cmdlet writes a warning."},
	{Name: "InformationAction", Aliases: []string{"infa"}, Type: TypeEnum, TypeName: actionPreferenceType, Enum: actionPreference, Common: true, Help: "What to do with informational messages."},
	{Name: "ErrorVariable", Aliases: []string{"ev"}, Type: TypeString, Common: true, Help: "Names a variable that collects the errors (accepted; variables are not kept)."},
	{Name: "WarningVariable", Aliases: []string{"wv"}, Type: TypeString, Common: true, Help: "Names a variable that collects the warnings (accepted; variables are not kept)."},
	{Name: "InformationVariable", Aliases: []string{"iv"}, Type: TypeString, Common: true, Help: "Names a variable that collects informational messages (accepted; variables are not kept)."},
	{Name: "OutVariable", Aliases: []string{"ov"}, Type: TypeString, Common: true, Help: "Names a variable that collects the output (accepted; variables are not kept)."},
	{Name: "OutBuffer", Aliases: []string{"ob"}, Type: TypeInt, Common: true, Help: "How many objects to buffer before passing them on (accepted; no effect)."},
	{Name: "PipelineVariable", Aliases: []string{"pv"}, Type: TypeString, Common: true, Help: "Names a pipeline variable (accepted; no effect)."},
}

// shouldProcessParams are -WhatIf and -Confirm, on cmdlets that change things.
var shouldProcessParams = []Param{
	{Name: "WhatIf", Aliases: []string{"wi"}, Type: TypeSwitch, Common: true, Help: "Describes what the command would do without doing it."},
	{Name: "Confirm", Aliases: []string{"cf"}, Type: TypeSwitch, Common: true, Help: "Asks for confirmation before the command changes anything; -Confirm:$false suppresses the question."},
}
