package sim

import (
	"fmt"
	"time"

	"failwright/engine/shell"
)

// Verb is one simulator verb as a value: a fault, a repair or the passing of time, as plan.Call
// is a cmdlet. Line writes it as the shell line the simulator runs (names as single-quoted
// literals, shell.QuoteArg), and ParseVerb reads such a line back into the same value.
type Verb interface {
	// Line writes the verb as one shell line.
	Line() string
	isVerb()
}

// StopServer is Stop-SimServer: a server stops.
type StopServer struct{ FQDN string }

// StartServer is Start-SimServer: a stopped server starts again.
type StartServer struct{ FQDN string }

// StopPool is Stop-SimPool: every server of a pool stops.
type StopPool struct{ Pool string }

// StartPool is Start-SimPool: every server of a pool starts again.
type StartPool struct{ Pool string }

// StopEdgePool is Stop-SimEdgePool: an Edge pool fails.
type StopEdgePool struct{ Pool string }

// StartEdgePool is Start-SimEdgePool: a failed Edge pool comes back.
type StartEdgePool struct{ Pool string }

// StopSite is Stop-SimSite: a whole site fails.
type StopSite struct{ Site string }

// StartSite is Start-SimSite: a failed site comes back.
type StartSite struct{ Site string }

// StopBackEnd is Stop-SimBackEnd: a pool's principal back end fails, or with Mirror its mirror.
type StopBackEnd struct {
	Pool   string
	Mirror bool
}

// StartBackEnd is Start-SimBackEnd: a pool's back end (or with Mirror its mirror) comes back.
type StartBackEnd struct {
	Pool   string
	Mirror bool
}

// CutLink is Disconnect-SimSite: the link between two sites is cut.
type CutLink struct{ Site, To string }

// RestoreLink is Connect-SimSite: a cut link between two sites is restored.
type RestoreLink struct{ Site, To string }

// StopBranch is Stop-SimBranch: a Survivable Branch Appliance fails.
type StopBranch struct{ FQDN string }

// StartBranch is Start-SimBranch: a failed Survivable Branch Appliance comes back.
type StartBranch struct{ FQDN string }

// MoveFederationRoute is Move-SimFederationRoute: the federation route moves to an Edge pool.
type MoveFederationRoute struct{ Pool string }

// Wait is Wait-SimTime: virtual time passes. Its line gives whole seconds (hh:mm:ss, with a
// leading "d." from a day on, FormatDuration); a fraction of a second is dropped.
type Wait struct{ Duration time.Duration }

// GetState is Get-SimState: the state of every pool, the CMS and the Backup Service.
type GetState struct{}

// Line writes the verb as the shell line the simulator runs (Verb).
func (v StopServer) Line() string    { return "Stop-SimServer -Fqdn " + shell.QuoteArg(v.FQDN) }
func (v StartServer) Line() string   { return "Start-SimServer -Fqdn " + shell.QuoteArg(v.FQDN) }
func (v StopPool) Line() string      { return "Stop-SimPool -PoolFqdn " + shell.QuoteArg(v.Pool) }
func (v StartPool) Line() string     { return "Start-SimPool -PoolFqdn " + shell.QuoteArg(v.Pool) }
func (v StopEdgePool) Line() string  { return "Stop-SimEdgePool -PoolFqdn " + shell.QuoteArg(v.Pool) }
func (v StartEdgePool) Line() string { return "Start-SimEdgePool -PoolFqdn " + shell.QuoteArg(v.Pool) }
func (v StopSite) Line() string      { return "Stop-SimSite -Site " + shell.QuoteArg(v.Site) }
func (v StartSite) Line() string     { return "Start-SimSite -Site " + shell.QuoteArg(v.Site) }
func (v StopBackEnd) Line() string   { return backEndLine("Stop-SimBackEnd", v.Pool, v.Mirror) }
func (v StartBackEnd) Line() string  { return backEndLine("Start-SimBackEnd", v.Pool, v.Mirror) }
func (v CutLink) Line() string       { return linkLine("Disconnect-SimSite", v.Site, v.To) }
func (v RestoreLink) Line() string   { return linkLine("Connect-SimSite", v.Site, v.To) }
func (v StopBranch) Line() string    { return "Stop-SimBranch -Fqdn " + shell.QuoteArg(v.FQDN) }
func (v StartBranch) Line() string   { return "Start-SimBranch -Fqdn " + shell.QuoteArg(v.FQDN) }
func (v Wait) Line() string          { return "Wait-SimTime -Duration " + FormatDuration(v.Duration) }
func (GetState) Line() string        { return "Get-SimState" }
func (v MoveFederationRoute) Line() string {
	return "Move-SimFederationRoute -PoolFqdn " + shell.QuoteArg(v.Pool)
}

func backEndLine(verb, pool string, mirror bool) string {
	if mirror {
		return verb + " -PoolFqdn " + shell.QuoteArg(pool) + " -Mirror"
	}
	return verb + " -PoolFqdn " + shell.QuoteArg(pool)
}

func linkLine(verb, site, to string) string {
	return verb + " -Site " + shell.QuoteArg(site) + " -To " + shell.QuoteArg(to)
}

func (StopServer) isVerb()          {}
func (StartServer) isVerb()         {}
func (StopPool) isVerb()            {}
func (StartPool) isVerb()           {}
func (StopEdgePool) isVerb()        {}
func (StartEdgePool) isVerb()       {}
func (StopSite) isVerb()            {}
func (StartSite) isVerb()           {}
func (StopBackEnd) isVerb()         {}
func (StartBackEnd) isVerb()        {}
func (CutLink) isVerb()             {}
func (RestoreLink) isVerb()         {}
func (StopBranch) isVerb()          {}
func (StartBranch) isVerb()         {}
func (MoveFederationRoute) isVerb() {}
func (Wait) isVerb()                {}
func (GetState) isVerb()            {}

// verbOf builds the Verb value of a bound simulator command.
var verbOf = map[string]func(shell.Command) Verb{
	"Stop-SimServer":          func(c shell.Command) Verb { return StopServer{c.Str("Fqdn")} },
	"Start-SimServer":         func(c shell.Command) Verb { return StartServer{c.Str("Fqdn")} },
	"Stop-SimPool":            func(c shell.Command) Verb { return StopPool{c.Str("PoolFqdn")} },
	"Start-SimPool":           func(c shell.Command) Verb { return StartPool{c.Str("PoolFqdn")} },
	"Stop-SimEdgePool":        func(c shell.Command) Verb { return StopEdgePool{c.Str("PoolFqdn")} },
	"Start-SimEdgePool":       func(c shell.Command) Verb { return StartEdgePool{c.Str("PoolFqdn")} },
	"Stop-SimSite":            func(c shell.Command) Verb { return StopSite{c.Str("Site")} },
	"Start-SimSite":           func(c shell.Command) Verb { return StartSite{c.Str("Site")} },
	"Stop-SimBackEnd":         func(c shell.Command) Verb { return StopBackEnd{c.Str("PoolFqdn"), c.Switch("Mirror")} },
	"Start-SimBackEnd":        func(c shell.Command) Verb { return StartBackEnd{c.Str("PoolFqdn"), c.Switch("Mirror")} },
	"Disconnect-SimSite":      func(c shell.Command) Verb { return CutLink{c.Str("Site"), c.Str("To")} },
	"Connect-SimSite":         func(c shell.Command) Verb { return RestoreLink{c.Str("Site"), c.Str("To")} },
	"Stop-SimBranch":          func(c shell.Command) Verb { return StopBranch{c.Str("Fqdn")} },
	"Start-SimBranch":         func(c shell.Command) Verb { return StartBranch{c.Str("Fqdn")} },
	"Move-SimFederationRoute": func(c shell.Command) Verb { return MoveFederationRoute{c.Str("PoolFqdn")} },
	"Wait-SimTime":            func(c shell.Command) Verb { return Wait{waitDuration(c)} },
	"Get-SimState":            func(shell.Command) Verb { return GetState{} },
}

// ParseVerb reads one shell line holding one simulator verb through the shell's parser and
// binder, as the simulator reads it, into its Verb value. It returns an error (a
// *shell.Error when the parser or the binder refused the line) when the line is not exactly
// one simulator verb.
func ParseVerb(line string) (Verb, error) {
	stmts, err := shell.Parse(line)
	if err != nil {
		if pe, ok := err.(*shell.ParseError); ok {
			return nil, pe.Console()
		}
		return nil, err
	}
	if len(stmts) != 1 {
		return nil, fmt.Errorf("%q is %d statements, not one simulator verb", line, len(stmts))
	}
	cmd, berr := shell.Bind(stmts[0], "")
	if berr != nil {
		return nil, berr
	}
	mk, ok := verbOf[cmd.Cmdlet]
	if !ok {
		return nil, fmt.Errorf("%s is not a simulator verb", cmd.Cmdlet)
	}
	return mk(cmd), nil
}

// waitDuration is the time a bound Wait-SimTime lets pass: -Duration, or -Minutes and -Seconds.
func waitDuration(c shell.Command) time.Duration {
	if d, ok := c.TimeSpan("Duration"); ok {
		return d
	}
	m, _ := c.Int("Minutes")
	sec, _ := c.Int("Seconds")
	return time.Duration(m)*time.Minute + time.Duration(sec)*time.Second
}
