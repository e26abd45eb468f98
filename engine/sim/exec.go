package sim

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"failwright/engine/shell"
	"failwright/engine/topology"
)

// pending is a -Confirm question waiting for the next input line: the bound command, the
// statement and the source line it came from.
type pending struct {
	cmd  shell.Command
	stmt shell.Statement
	src  string
	op   string
	tgt  string
}

// ctx is one cmdlet run: the command, its common parameters and the Result it builds.
type ctx struct {
	s       *Sim
	cmd     shell.Command
	stmt    shell.Statement
	src     string
	verbose bool
	errAct  string // ErrorAction: Continue (default), SilentlyContinue, Ignore, Stop, Inquire
	warnAct string // WarningAction
	whatIf  bool
	force   bool
	res     *Result
	// stop is set when the cmdlet must not go on (a terminating error was written).
	stop bool
	// confirmed is set when the user answered a -Confirm prompt with yes.
	confirmed bool
}

// Exec runs one shell line: a cmdlet, a simulator verb, or the answer to a pending prompt.
// Several statements separated by ';' or newlines run in order; a statement that asks for
// confirmation ends the line, and the next Exec answers it. Format characters that could
// reorder the console's text (bidirectional overrides, ...) are shown escaped (\u202E).
//
// The statements of one line stop once their console output passes MaxOutput: the rest are
// not run (FW-OUTPUT-TOO-LONG), so that a line cannot build hundreds of megabytes of output.
func (s *Sim) Exec(line string) Result {
	res := s.exec(line)
	for i := range res.Lines {
		res.Lines[i].Text = shell.EscapeFormat(res.Lines[i].Text)
	}
	return res
}

// MaxOutput bounds the console output of one Exec (bytes of text): the statement that passes
// it is the last one run. The largest real output of one command, Get-CsComputer on a
// topology of 280 pools, is about 240 KiB.
const MaxOutput = 1 << 20

// ErrOutputTooLong is the error ID of a line whose statements stopped at MaxOutput.
const ErrOutputTooLong = "FW-OUTPUT-TOO-LONG"

func (s *Sim) exec(line string) Result {
	s.out = nil
	var res Result
	if p := s.st.pending; p != nil {
		s.st.pending = nil
		res = s.answer(p, line)
		res.Lines = append(s.out, res.Lines...)
		s.out = nil
		return res
	}
	stmts, err := shell.Parse(line)
	if err != nil {
		if pe, ok := err.(*shell.ParseError); ok {
			e := pe.Console()
			return Result{Lines: errLines(e.Format(line)), Failed: true, ErrorID: e.ID, Err: simError(e)}
		}
		return Result{Lines: []Line{{Kind: LineError, Text: err.Error()}}, Failed: true, ErrorID: "ParseError",
			Err: &Error{ID: "ParseError", Category: "ParserError", Message: err.Error()}}
	}
	size := 0
	for i, st := range stmts {
		r := s.execStatement(st, line)
		res.Lines = append(res.Lines, r.Lines...)
		for _, l := range r.Lines {
			size += len(l.Text)
		}
		if size > MaxOutput && i+1 < len(stmts) && !r.Prompt {
			// Many statements of large output: stop rather than build hundreds of megabytes.
			e := &Error{ID: ErrOutputTooLong, Category: "LimitsExceeded", Message: fmt.Sprintf(
				"The output of this line passed %d KiB at statement %d of %d: the other %d statements were not run. Run them in smaller parts.",
				MaxOutput>>10, i+1, len(stmts), len(stmts)-i-1)}
			res.Lines = append(res.Lines, Line{Kind: LineError, Text: e.Message})
			if !res.Failed {
				res.Failed, res.ErrorID, res.Err = true, e.ID, e
			}
			res.Changed = res.Changed || r.Changed
			break
		}
		if r.Failed && !res.Failed {
			res.Failed, res.ErrorID, res.Err = true, r.ErrorID, r.Err
		}
		res.Changed = res.Changed || r.Changed
		if r.Prompt {
			res.Prompt = true
			break
		}
	}
	return res
}

// errLines turns a formatted error record into console lines. Like PowerShell 5.1's console,
// the record is followed by a blank line, which sets it apart from what comes next.
func errLines(ss []string) []Line {
	out := make([]Line, len(ss), len(ss)+1)
	for i, t := range ss {
		out[i] = Line{Kind: LineError, Text: t}
	}
	return append(out, Line{Kind: LineError, Text: ""})
}

// versionFor picks the product version a statement binds against: the version of the pool its
// -PoolFqdn, -Identity or first positional argument names, else the version of the pool that
// hosts the Central Management store, else the first Front End pool's.
func (s *Sim) versionFor(st shell.Statement) topology.Version {
	for _, e := range st.Elements {
		if e.Arg == nil {
			continue
		}
		name := strings.ToLower(e.Param)
		if e.Param != "" && !strings.HasPrefix("poolfqdn", name) && !strings.HasPrefix("identity", name) &&
			!strings.HasPrefix("fqdn", name) && !strings.HasPrefix("computername", name) {
			continue
		}
		if p := s.x.findPool(e.Arg.Text); p >= 0 {
			return s.x.pools[p].version
		}
		if sp, ok := s.x.server[lower(e.Arg.Text)]; ok {
			return s.x.pools[sp[0]].version
		}
	}
	// The -Name value form (-PoolFqdn value): the value is the next element.
	for i, e := range st.Elements {
		if e.Arg != nil || i+1 >= len(st.Elements) {
			continue
		}
		name := strings.ToLower(e.Param)
		nx := st.Elements[i+1]
		if nx.Param != "" || nx.Arg == nil || name == "" {
			continue
		}
		if strings.HasPrefix("poolfqdn", name) || strings.HasPrefix("identity", name) || strings.HasPrefix("fqdn", name) ||
			strings.HasPrefix("computername", name) {
			if p := s.x.findPool(nx.Arg.Text); p >= 0 {
				return s.x.pools[p].version
			}
			if sp, ok := s.x.server[lower(nx.Arg.Text)]; ok {
				return s.x.pools[sp[0]].version
			}
		}
	}
	if c := s.st.cmsPool; c >= 0 {
		return s.x.pools[c].version
	}
	for _, p := range s.x.pools {
		if p.role.IsFrontEnd() {
			return p.version
		}
	}
	return ""
}

func (s *Sim) execStatement(st shell.Statement, src string) Result {
	if strings.EqualFold(st.Name, "exit") {
		// exit is a PowerShell keyword, not a command: it ends a script (ExecAll and the CLI's
		// piped input stop there); a console the user types into stays open.
		return Result{Lines: []Line{{Kind: LineInfo, Text: "exit ends a script; this console stays open."}}}
	}
	cmd, berr := shell.Bind(st, s.versionFor(st))
	if berr != nil {
		lines := errLines(berr.Format(src))
		if note := errataNote(st, berr, src); note != "" {
			lines = append(lines, Line{Kind: LineInfo, Text: note})
		}
		return Result{Lines: lines, Failed: true, ErrorID: berr.ID, Err: simError(berr)}
	}
	return s.run(cmd, st, src, false)
}

// run executes a bound command.
func (s *Sim) run(cmd shell.Command, st shell.Statement, src string, confirmed bool) Result {
	var res Result
	c := &ctx{s: s, cmd: cmd, stmt: st, src: src, res: &res, confirmed: confirmed,
		verbose: cmd.Switch("Verbose"), whatIf: cmd.Switch("WhatIf"), force: cmd.Switch("Force"),
		errAct: "Continue", warnAct: "Continue"}
	if cmd.Has("ErrorAction") {
		c.errAct = cmd.Str("ErrorAction")
	}
	if cmd.Has("WarningAction") {
		c.warnAct = cmd.Str("WarningAction")
	}
	h, ok := handlers[cmd.Cmdlet]
	if !ok {
		c.fail("FW-NOT-MODELLED", "NotImplemented", fmt.Sprintf("The simulator does not model %s.", cmd.Cmdlet))
		return res
	}
	c.tickNotices()
	before := s.st.now
	h(c)
	if cmd.Has("Report") && !c.stop && !c.res.Prompt && !c.whatIf {
		c.verbosef("The report would be written to %s; the simulated shell writes no files.", cmd.Str("Report"))
	}
	s.out = nil
	if s.st.now != before {
		res.Changed = true
	}
	return res
}

// answer handles the reply to a -Confirm prompt.
func (s *Sim) answer(p *pending, line string) Result {
	a := strings.ToUpper(strings.TrimSpace(line))
	switch a {
	case "", "Y", "YES", "A":
		return s.run(p.cmd, p.stmt, p.src, true)
	case "N", "NO", "L":
		return Result{}
	case "S":
		return Result{Lines: []Line{{Kind: LineInfo, Text: "Suspend is not available in the simulated shell; the command was not run."}}}
	case "?":
		s.st.pending = p
		return Result{Prompt: true, Lines: []Line{
			{Kind: LinePrompt, Text: "Y - Continue with only the next step of the operation."},
			{Kind: LinePrompt, Text: "A - Continue with all the steps of the operation."},
			{Kind: LinePrompt, Text: "N - Skip this operation and proceed with the next operation."},
			{Kind: LinePrompt, Text: "L - Skip this operation and all subsequent operations."},
			{Kind: LinePrompt, Text: "S - Pause the current pipeline and return to the command prompt. Type \"exit\" to resume the pipeline."},
			{Kind: LinePrompt, Text: confirmChoices},
		}}
	default:
		if looksLikeCommand(line) {
			// A command typed (or the next line of a script) instead of an answer: the
			// question counts as declined and the command runs, rather than every following
			// line being swallowed as a wrong answer.
			note := Line{Kind: LineInfo, Text: fmt.Sprintf(`No answer to the question: the operation "%s" on target "%s" was not performed.`, p.op, p.tgt)}
			r := s.Exec(line)
			r.Lines = append([]Line{note}, r.Lines...)
			return r
		}
		s.st.pending = p
		return Result{Prompt: true, Lines: []Line{{Kind: LinePrompt, Text: confirmChoices}}}
	}
}

const confirmChoices = `[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"):`

// emit appends a line to the result.
func (c *ctx) emit(kind LineKind, text string) {
	c.res.Lines = append(c.res.Lines, Line{Kind: kind, Text: text})
}

// outf prints ordinary output.
func (c *ctx) outf(format string, args ...any) { c.emit(LineOutput, fmt.Sprintf(format, args...)) }

// verbosef prints a VERBOSE: line when -Verbose was given.
func (c *ctx) verbosef(format string, args ...any) {
	if c.verbose {
		c.emit(LineVerbose, "VERBOSE: "+fmt.Sprintf(format, args...))
	}
}

// step prints a verbose step stamped with the virtual clock.
func (c *ctx) step(format string, args ...any) {
	if c.verbose {
		c.emit(LineVerbose, "VERBOSE: ["+FormatDuration(c.s.st.now)+"] "+fmt.Sprintf(format, args...))
	}
}

// warnf prints a WARNING: line unless -WarningAction hides warnings.
func (c *ctx) warnf(format string, args ...any) {
	switch c.warnAct {
	case "SilentlyContinue", "Ignore":
		return
	}
	c.emit(LineWarning, "WARNING: "+fmt.Sprintf(format, args...))
}

// infof prints a simulator notice.
func (c *ctx) infof(format string, args ...any) { c.emit(LineInfo, fmt.Sprintf(format, args...)) }

// fail writes a terminating error: the cmdlet stops. Terminating errors always print, as in
// PowerShell, where -ErrorAction does not silence them.
func (c *ctx) fail(id, category, msg string) {
	c.writeError(id, category, msg, true)
	c.stop = true
}

// notFound writes the error of a Get- cmdlet whose -Identity (or filter) finds nothing. Like
// PowerShell's query cmdlets it is non-terminating, so -ErrorAction SilentlyContinue turns
// the query into a silent existence check; the cmdlet then has nothing to write.
func (c *ctx) notFound(id, msg string) { c.nonFatal(id, "ObjectNotFound", msg) }

// nonFatal writes a non-terminating error and reports whether the cmdlet must stop (under
// -ErrorAction Stop). -Force and -ErrorAction SilentlyContinue or Ignore hide it.
func (c *ctx) nonFatal(id, category, msg string) bool {
	return c.nonFatalRecord(shell.NewError(c.cmd.Cmdlet, id, category, msg))
}

// nonFatalRecord is nonFatal for an error record built by the caller (to set its target or
// reason).
func (c *ctx) nonFatalRecord(e *shell.Error) bool {
	if c.errAct == "Stop" {
		e.Message = `The running command stopped because the preference variable "ErrorActionPreference" or common parameter is set to Stop: ` + e.Message
		c.writeRecord(e)
		c.stop = true
		return true
	}
	if c.force || c.errAct == "SilentlyContinue" || c.errAct == "Ignore" {
		if !c.res.Failed && !c.force {
			c.res.Failed, c.res.ErrorID, c.res.Err = true, e.ID, simError(e)
		}
		return false
	}
	c.writeRecord(e)
	return false
}

func (c *ctx) writeError(id, category, msg string, _ bool) {
	c.writeRecord(shell.NewError(c.cmd.Cmdlet, id, category, msg))
}

// writeRecord prints an error record pointing at the statement and marks the result failed.
func (c *ctx) writeRecord(e *shell.Error) {
	e.At(c.stmt)
	c.res.Lines = append(c.res.Lines, errLines(e.Format(c.src))...)
	if !c.res.Failed {
		c.res.Failed, c.res.ErrorID, c.res.Err = true, e.ID, simError(e)
	}
}

// shouldProcess implements -WhatIf and -Confirm for a change to target. It returns true when
// the cmdlet may go on. askByDefault is true for cmdlets that ask unless -Force or
// -Confirm:$false is given (high-impact ones).
func (c *ctx) shouldProcess(op, target string, askByDefault bool) bool {
	if c.whatIf {
		c.emit(LineOutput, fmt.Sprintf(`What if: Performing the operation "%s" on target "%s".`, op, target))
		return false
	}
	if c.confirmed {
		return true
	}
	ask := c.cmd.Switch("Confirm")
	if !c.cmd.Has("Confirm") && askByDefault && !c.force {
		ask = true
	}
	if !ask {
		return true
	}
	c.s.st.pending = &pending{cmd: c.cmd, stmt: c.stmt, src: c.src, op: op, tgt: target}
	c.res.Prompt = true
	c.emit(LinePrompt, "Confirm")
	c.emit(LinePrompt, "Are you sure you want to perform this action?")
	c.emit(LinePrompt, fmt.Sprintf(`Performing the operation "%s" on target "%s".`, op, target))
	c.emit(LinePrompt, confirmChoices)
	return false
}

// wait advances the clock by d while a cmdlet runs, running any timers that fall due.
func (c *ctx) wait(d time.Duration) {
	if d > 0 {
		c.s.advanceTo(c.s.st.now + d)
	}
}

// pool resolves the -PoolFqdn (or another named) parameter to a pool, writing the error when
// there is none.
func (c *ctx) pool(param string) int {
	name := c.cmd.Str(param)
	p := c.s.x.findPool(name)
	if p < 0 {
		c.fail("FW-POOL-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(`Cannot find pool "%s" in the topology. Check the FQDN with Get-CsPool.%s`, name, suggestion(name, c.s.x.poolNames())))
	}
	return p
}

// frontEnd resolves a pool parameter that must name a Front End pool.
func (c *ctx) frontEnd(param string) int {
	p := c.pool(param)
	if p < 0 {
		return -1
	}
	if !c.s.x.isFE(p) {
		pi := c.s.x.pools[p]
		c.fail("FW-NOT-FRONTEND", "InvalidArgument", fmt.Sprintf(`Pool "%s" is a %s pool, not a Front End pool. Only Front End pools have registrars, users and backup pools.`, pi.fqdn, roleText(pi.role)))
		return -1
	}
	return p
}

func roleText(r topology.Role) string {
	switch r {
	case topology.Edge:
		return "Edge"
	case topology.Director:
		return "Director"
	case topology.FrontEndStandard:
		return "Standard Edition Front End"
	}
	return "Enterprise Edition Front End"
}

// requireCMS writes the CMS-unavailable error and returns false when the Central Management
// store cannot be reached.
func (c *ctx) requireCMS() bool {
	if c.s.cmsAvailable() {
		return true
	}
	where := "no pool"
	if p := c.s.st.cmsPool; p >= 0 {
		where = `pool "` + c.s.x.pools[p].fqdn + `"`
	}
	c.fail("FW-CMS-UNAVAILABLE", "ResourceUnavailable", fmt.Sprintf(
		"Cannot connect to the Central Management store on %s. The active master does not respond. Fail over the Central Management Server with Invoke-CsManagementServerFailover, then run this command again.", where))
	return false
}

// looksLikeCommand reports whether a line given as the answer to a -Confirm question is a
// command instead: it parses, and its first statement names a known cmdlet or simulator verb.
func looksLikeCommand(line string) bool {
	if _, _, ok := shell.ExitCode(line); ok {
		return true
	}
	sts, err := shell.Parse(line)
	if err != nil || len(sts) == 0 {
		return false
	}
	return shell.Default.Lookup(sts[0].Name) != nil
}

// tickNotices points out TimeSpan values under one second: PowerShell reads a bare number
// such as -WaitTime 300 as that many 100-nanosecond ticks, almost never what was meant. The
// notice is the simulator's, not the product's; the value is used as PowerShell would.
func (c *ctx) tickNotices() {
	names := make([]string, 0, len(c.cmd.Params))
	for name, v := range c.cmd.Params {
		if v.Kind == shell.KindTimeSpan && v.TimeSpan > 0 && v.TimeSpan < time.Second {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		ticks := int64(c.cmd.Params[name].TimeSpan / 100)
		secs := min(ticks, 86399)
		c.infof("-%s %d is %d ticks of 100 nanoseconds, not %d seconds: PowerShell reads a bare number as ticks. For %d seconds type %s.",
			name, ticks, ticks, ticks, secs, FormatDuration(time.Duration(secs)*time.Second))
	}
}

// errata are parameters that Microsoft's procedures write but the cmdlets do not have
// (FACTS §20): the binder rejects them as PowerShell would, and a notice says what to type.
var errata = map[[2]string]string{
	{"Invoke-CsManagementServerFailover", "mirrorsqlserverfqdn"}:   "The CMS failover procedure writes -MirrorSQLServerFqdn; the cmdlet's parameter is -BackupMirrorSqlServerFqdn (and -BackupMirrorSqlInstanceName).",
	{"Invoke-CsManagementServerFailover", "mirrorsqlinstancename"}: "The CMS failover procedure writes -MirrorSQLInstanceName; the cmdlet's parameter is -BackupMirrorSqlInstanceName.",
	{"Set-CsRegistrar", "poolstate"}:                               "Set-CsRegistrar has no -PoolState: a pool's failover state is in its registrar configuration, Set-CsRegistrarConfiguration -Identity service:Registrar:<pool FQDN> -PoolState <state>, which Invoke-CsPoolFailOver and Invoke-CsPoolFailBack set themselves.",
	{"Get-CsBackupServiceStatus", "backupmodule"}:                  "A restore procedure writes Get-CsBackupServiceStatus -BackupModule; the cmdlet has only -Category: use -Category UserData and read the ConfServices.DataConf module.",
}

// errataValues are values Microsoft's examples use that the cmdlets reject (FACTS §20).
var errataValues = map[[2]string]string{
	{"Get-CsPoolFabricState", "mcu"}:               "The cmdlet reference's example writes -Type MCU; the allowed value is MCUFactory.",
	{"Set-CsRegistrarConfiguration", "failedback"}: "The cmdlet reference lists PoolState FailedBack; the product's value is FailingBack (Invoke-CsPoolFailBack sets it, then Active).",
	{"New-CsRegistrarConfiguration", "failedback"}: "The cmdlet reference lists PoolState FailedBack; the product's value is FailingBack (Invoke-CsPoolFailBack sets it, then Active).",
	{"Get-CsDatabaseMirrorState", "centralmgmt"}:   "The pool failover procedure writes -DatabaseType Centralmgmt, the Skype for Business Server 2015 name; on Lync Server 2013 the Central Management database is -DatabaseType CMS.",
}

// errataNote returns the notice for a binding error on a documented-but-wrong parameter or
// value, or "".
func errataNote(st shell.Statement, e *shell.Error, src string) string {
	if (e.ID == shell.ErrValidation || e.ID == shell.ErrCannotConvert) && e.Offset >= 0 && e.End <= len(src) && e.Offset < e.End {
		return errataValues[[2]string{e.Cmdlet, strings.ToLower(src[e.Offset:e.End])}]
	}
	if e.ID != shell.ErrNamedParameterNotFound {
		return ""
	}
	for _, el := range st.Elements {
		if el.IsParam() && el.Offset == e.Offset {
			return errata[[2]string{e.Cmdlet, strings.ToLower(el.Param)}]
		}
	}
	return ""
}
