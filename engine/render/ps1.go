package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"failwright/engine/plan"
	"failwright/engine/shell"
	"failwright/engine/topology"
)

// Markers and wrappers of planned command lines in a script. Every planned command (a check,
// a change, a verification) is written alone on its own line, exactly as planned, followed
// by one of the wrapper suffixes and then the marker comment "# fw:step N" or "# fw:verify N".
// Commands extracts them back.
const (
	// SuffixChange follows a changing cmdlet that supports -WhatIf: -Rehearse turns it into a
	// dry run, and the script's own confirmation replaces the cmdlet's.
	SuffixChange = " -WhatIf:$Rehearse -Confirm:$false"
	// SuffixOutput follows a read-only command, so its output shows at once.
	SuffixOutput = " | Out-Host"
	// SuffixShows follows a check whose output must show a text: the output is kept in
	// $FwOut for Test-FwShows, and shown.
	SuffixShows = " | Tee-Object -Variable FwOut | Out-Host"
	markStep    = "# fw:step "
	markVerify  = "# fw:verify "
)

// ps is a tiny script writer.
type ps struct{ b strings.Builder }

// line writes the parts and a line break.
func (w *ps) line(parts ...string) {
	for _, p := range parts {
		w.b.WriteString(p)
	}
	w.b.WriteByte('\n')
}

// lit is a PowerShell single-quoted literal of s.
func lit(s string) string { return shell.QuoteArg(s) }

// PowerShell renders p as a script for the Skype for Business Server (or Lync Server)
// Management Shell: a header with the plan ID, fingerprint and topology name; the
// parameters -Rehearse (every changing cmdlet runs with -WhatIf), -NoConfirm (no
// confirmation before changing steps) and -LogPath (the transcript); strict mode and
// stop-on-error; a transcript; a preflight section that re-checks every assumption of the
// plan against the live deployment and stops on drift; then each step with its header,
// expected result and predicted duration, a confirmation before each change, and an
// acknowledgement for manual and wait steps. Every value from the plan is written as a
// single-quoted literal (shell.QuoteArg); planned commands stand alone on marked lines.
func PowerShell(p *plan.Plan) ([]byte, error) {
	if err := checkPlan(p); err != nil {
		return nil, err
	}
	w := &ps{}
	mode := "disaster"
	if p.Request.Mode == plan.Planned {
		mode = "planned"
	}
	title := "fail " + p.Request.Pool + " over to " + p.BackupPool + " (" + mode + ")"
	if databaseOnly(p) {
		title = "restore " + p.Request.Pool + " by failing its databases over to the mirror (" + mode + ")"
	}
	if p.Request.Failback {
		title += ", then fail it back"
	}
	if p.Migration != nil {
		title = "move " + p.Migration.From + " to " + p.Migration.To + ", stage by stage"
	}
	// Header. A comment holds a plan value only when the value's form is known to be inert
	// (a UUID, a hex fingerprint, an RFC 1123 name, a plain name); every value is also in a
	// single-quoted literal below, which is what the script uses.
	w.line("#Requires -Version 3.0")
	if safeComment(p.Request.Pool) && safeComment(p.BackupPool) {
		w.line("# failwright plan: ", title)
	} else {
		w.line("# failwright plan (see $FwTitle)")
	}
	w.line("#   plan ID:     ", commentValue(p.ID))
	w.line("#   fingerprint: ", commentValue(p.Fingerprint))
	w.line("#   topology:    ", commentValue(p.TopologyName))
	w.line("#   format:      ", strconv.Itoa(p.FormatVersion))
	if safeComment(p.BackupPool) {
		w.line("# Run it in the Skype for Business Server Management Shell on a Front End of ", p.BackupPool, ".")
	} else {
		w.line("# Run it in the Skype for Business Server Management Shell on a Front End of the backup pool.")
	}
	w.line("#   -Rehearse   every changing cmdlet runs with -WhatIf; manual steps are listed, not awaited")
	w.line("#   -NoConfirm  no confirmation before changing steps (manual steps still wait)")
	w.line("#   -LogPath    where the transcript goes (default: the current folder)")
	w.line("#   -RunLogPath where the run log goes (default: beside the transcript, its name ending .runlog.jsonl)")
	w.line("# Made by failwright. Do not edit: failwright plan --check PLAN.json TOPOLOGY tells whether it still fits.")
	w.line("[CmdletBinding()]")
	w.line("param(")
	w.line("    [switch]$Rehearse,")
	w.line("    [switch]$NoConfirm,")
	w.line("    [string]$LogPath = '',")
	w.line("    [string]$RunLogPath = ''")
	w.line(")")
	w.line("Set-StrictMode -Version Latest")
	w.line("$ErrorActionPreference = 'Stop'")
	w.line()
	w.line("$FwPlanId = ", lit(p.ID))
	w.line("$FwFingerprint = ", lit(p.Fingerprint))
	w.line("$FwTopology = ", lit(p.TopologyName))
	w.line("$FwTitle = ", lit(title))
	for _, g := range altGroups(p) {
		w.line("$FwAlt_", altVar(g), " = ''")
	}
	w.line(psHelpers)
	w.line(psLogHelpers)
	w.line(psLogWriter())
	w.line("if (-not $LogPath) {")
	w.line("    $LogPath = Join-Path -Path (Get-Location).Path -ChildPath ('failwright-' + $FwPlanId + '-' + (Get-Date -Format 'yyyyMMdd-HHmmss') + '.log')")
	w.line("}")
	w.line("if (-not $RunLogPath) { $RunLogPath = [IO.Path]::ChangeExtension($LogPath, '.runlog.jsonl') }")
	w.line("Open-FwLog -Path $RunLogPath")
	w.line("Start-Transcript -Path $LogPath -Append | Out-Null")
	w.line("try {")
	w.line("Write-FwLogStart")
	w.line("Write-Host ", lit("failwright plan "+p.ID+": "+title))
	w.line("Write-Host ('Topology: ' + $FwTopology + '  fingerprint: ' + $FwFingerprint)")
	w.line("if ($Rehearse) { Write-Host 'REHEARSAL: every changing cmdlet runs with -WhatIf.' -ForegroundColor Yellow }")
	w.line()
	preflight(w, p)
	for i := range p.Steps {
		stagePreflight(w, p, &p.Steps[i])
		if g := p.Steps[i].Group; g != "" && (i == 0 || p.Steps[i-1].Group != g) {
			groupBanner(w, g)
		}
		step(w, p, &p.Steps[i])
	}
	w.line()
	w.line("Write-Host ''")
	w.line("Write-Host ", lit(fmt.Sprintf("Plan complete (%d steps). Predicted RTO %s, data loss %s.", len(p.Steps), p.Prediction.RTO, p.Prediction.DataLoss)), " -ForegroundColor Green")
	if fs := p.Prediction.Features; len(fs) > 0 {
		parts := make([]string, len(fs))
		for i, f := range fs {
			back := f.RTO.String()
			if !f.Restored {
				back = "not back"
			}
			parts[i] = f.Feature.Name() + " " + back
		}
		w.line("Write-Host ", lit("Predicted per feature: "+strings.Join(parts, ", ")+"."))
	}
	w.line("$FwLog.Completed = $true")
	w.line("} catch {")
	w.line("    $FwLog.RunError = $_.Exception.Message")
	w.line("    throw")
	w.line("} finally {")
	w.line("    try { Close-FwLog } finally { Stop-Transcript | Out-Null }")
	w.line("}")
	return []byte(w.b.String()), nil
}

// psHelpers are the script's helper functions. They take every value as a parameter, so no
// plan value is ever spliced into their code.
const psHelpers = `
function Write-FwStep {
    param([int]$Number, [string]$Id, [string]$Kind, [string]$Title, [string]$Expect, [string]$Duration, [string]$When)
    Start-FwLogStep -Number $Number -Id $Id
    Write-Host ''
    Write-Host ('=== Step {0} [{1}] {2}' -f $Number, $Kind, $Title) -ForegroundColor Cyan
    if ($When) { Write-Host ('    Only when: ' + $When) }
    Write-Host ('    Expected: ' + $Expect)
    Write-Host ('    Predicted duration: ' + $Duration)
}

function Confirm-FwStep {
    param([int]$Number)
    if ($NoConfirm) { return }
    $answer = Read-FwAnswer ('Run step {0}? Type Y to run it; anything else stops the plan' -f $Number)
    if ($answer -ne 'Y') { Stop-FwRun ('Stopped by the operator before step {0}.' -f $Number) }
}

function Confirm-FwCheck {
    param([int]$Number)
    if ($NoConfirm -or $Rehearse) { return }
    $answer = Read-FwAnswer ('Does the output of step {0} match the expected result? Type Y to go on; anything else stops the plan' -f $Number)
    if ($answer -ne 'Y') { Stop-FwRun ('Stopped by the operator at step {0}: the output did not match.' -f $Number) }
}

function Test-FwShows {
    param([int]$Number, [object]$Output, [string]$Shows)
    $FwLog.Shows = $Shows
    $FwLog.Shown = (($Output | Out-String) -match [regex]::Escape($Shows))
    if ($FwLog.Shown) {
        Write-Host ('    The output shows {0}, as planned.' -f $Shows)
        return
    }
    Write-Warning ('Step {0}: the output does not show {1}, which the plan expects.' -f $Number, $Shows)
    if ($Rehearse) { return }
    if ($NoConfirm) { Stop-FwRun ('Stopped at step {0}: the output does not show {1}.' -f $Number, $Shows) }
    $answer = Read-FwAnswer 'Type GO to go on anyway (you checked it by hand); anything else stops the plan'
    if ($answer -ne 'GO') { Stop-FwRun ('Stopped by the operator at step {0}.' -f $Number) }
}

function Select-FwAlternative {
    param([int]$Number, [string]$When, [switch]$Done)
    if ($Done) { Set-FwStepOutcome -Outcome 'skipped' -Message ''; return $false }
    if ($NoConfirm) { return $true }
    $answer = Read-FwAnswer ('Step {0} applies only when: {1}. Does it apply? Type Y to run it, N to skip to the next alternative' -f $Number, $When)
    if ($answer -eq 'Y') { return $true }
    Set-FwStepOutcome -Outcome 'skipped' -Message ''
    return $false
}

function Wait-FwAcknowledge {
    param([int]$Number, [string]$Instructions)
    Write-Host ('    To do: ' + $Instructions)
    if ($Rehearse) { Write-Host '    (rehearsal: not waiting)'; return }
    do { $answer = Read-FwAnswer ('Type DONE when step {0} is done' -f $Number) } while ($answer -ne 'DONE')
}

$FwDrift = New-Object System.Collections.Generic.List[string]
$FwUnchecked = New-Object System.Collections.Generic.List[string]

function Test-FwFact {
    param([string]$Path, [string[]]$Expected, [scriptblock]$Probe, [string]$Property, [string]$Where, [switch]$Exact)
    try {
        $items = @(& $Probe)
        if ($Where) { $items = @($items | Where-Object { $_.$Where }) }
        if ($Property) { $items = @($items | ForEach-Object { $_.$Property }) }
        $seen = @($items | ForEach-Object { ([string]$_).Trim() })
    } catch {
        Write-Host ('    ?      {0}: could not be read ({1})' -f $Path, $_.Exception.Message) -ForegroundColor Yellow
        $FwUnchecked.Add($Path)
        return
    }
    # Whole values only, never a substring (Dallas-DR is not Dallas): -contains compares
    # case-insensitively, as the product compares FQDNs and site names; -Exact also the case.
    $ok = $false
    foreach ($value in $Expected) {
        if ($Exact) { if ($seen -ccontains $value) { $ok = $true } } elseif ($seen -contains $value) { $ok = $true }
    }
    if ($ok) {
        Write-Host ('    ok     {0} = {1}' -f $Path, ($Expected -join ' or '))
    } else {
        if ($seen.Count -eq 0) { $seen = @('(nothing)') }
        Write-Host ('    DRIFT  {0}: the plan assumed {1}; the deployment shows: {2}' -f $Path, ($Expected -join ' or '), ($seen -join ', ')) -ForegroundColor Red
        $FwDrift.Add($Path)
    }
}

function Write-FwRehearsal {
    param([int]$Number)
    Write-Host ('    (rehearsal: step {0} is not run; its cmdlet has no -WhatIf)' -f $Number) -ForegroundColor Yellow
}
`

// versionNumbers are the Version property values of a Registrar service per product
// version (Get-CsService -Registrar).
var versionNumbers = map[topology.Version]string{
	topology.Lync2013: "6",
	topology.SfB2015:  "7",
	topology.SfB2019:  "8",
}

// safeComment reports whether s may be printed in a comment: 1 to 128 characters of ASCII
// letters, digits, spaces and . , _ - ( ) &, so it can neither end the comment nor look like
// a command marker.
func safeComment(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(" .,_-()&", c) >= 0) {
			return false
		}
	}
	return true
}

// commentValue is s when it is safe in a comment, else a pointer to the literal.
func commentValue(s string) string {
	if safeComment(s) {
		return s
	}
	return "(not printable here; see the literal below)"
}

// preflight writes the section that re-checks every assumption against the deployment.
func preflight(w *ps, p *plan.Plan) {
	w.line("# ---- Preflight: the deployment must still be what the plan assumed.")
	w.line("Write-Host ''")
	w.line("Write-Host '=== Preflight: checking the facts the plan relies on' -ForegroundColor Cyan")
	w.line("if (-not (Get-Command -Name 'Invoke-CsPoolFailOver' -ErrorAction SilentlyContinue)) {")
	w.line("    throw 'Run this script in the Skype for Business Server (or Lync Server) Management Shell: Invoke-CsPoolFailOver is not available.'")
	w.line("}")
	if p.Migration != nil {
		w.line("Write-Host '    Each stage checks the deployment as it must stand before it.'")
		w.line("Complete-FwPreflight")
		return
	}
	factChecks(w, p.Assumptions, "")
	w.line("Write-Host '    Preflight passed.' -ForegroundColor Green")
}

// factChecks writes a Test-FwFact line for every fact, then Complete-FwPreflight, which logs
// the preflight (of stage, in a migration plan) and stops on drift (or asks when a fact could
// not be read).
func factChecks(w *ps, as []plan.Assumption, stage string) {
	for _, a := range as {
		c := factProbe(a)
		if c.probe == "" {
			w.line("Write-Host ", lit("    skip   "+a.Path+" = "+show(a.Value)+" ("+c.note+")"))
			continue
		}
		accept := make([]string, len(c.accept))
		for i, v := range c.accept {
			accept[i] = lit(v)
		}
		opts := ""
		if c.exact {
			opts += " -Exact"
		}
		if c.where != "" {
			opts += " -Where " + lit(c.where)
		}
		if c.property != "" {
			opts += " -Property " + lit(c.property)
		}
		w.line("Test-FwFact -Path ", lit(a.Path), " -Expected ", strings.Join(accept, ","), opts, " -Probe { ", c.probe, " }")
	}
	if stage == "" {
		w.line("Complete-FwPreflight")
	} else {
		w.line("Complete-FwPreflight -Stage ", lit(stage))
	}
}

// show writes an assumed value in the script's messages, "(none)" when it is absent.
func show(v string) string {
	if v == "" {
		return "(none)"
	}
	return v
}

// factCheck is how the preflight reads one assumed fact from the live deployment.
type factCheck struct {
	// probe is one cmdlet, or one property read "(cmdlet).Property", whose output values
	// hold the fact.
	probe string
	// accept lists the whole values that show the fact as assumed: one of them must be among
	// the values read (compared case-insensitively unless exact), never as a substring.
	accept []string
	// exact also compares the case (the version number).
	exact bool
	// where keeps only the objects whose property of that name is true (the active CMS);
	// property then reads that property of each object.
	where, property string
	// note says why a fact cannot be checked from the shell, when probe is empty.
	note string
}

// factProbe returns how the preflight checks an assumed fact in the live deployment.
func factProbe(a plan.Assumption) factCheck {
	s := lit(a.Subject)
	pool := "(Get-CsPool -Identity " + s + ")"
	switch a.Fact {
	case plan.FactRole:
		switch topology.Role(a.Value) {
		case topology.FrontEndEnterprise, topology.FrontEndStandard, topology.Director:
			// A Director pool runs the Registrar service too.
			return factCheck{probe: pool + ".Services", accept: []string{"Registrar:" + a.Subject}}
		case topology.Edge:
			return factCheck{probe: pool + ".Services", accept: []string{"EdgeServer:" + a.Subject}}
		}
	case plan.FactVersion:
		if n, ok := versionNumbers[topology.Version(a.Value).Behaves()]; ok {
			return factCheck{probe: "(Get-CsService -Registrar -PoolFqdn " + s + ").Version", accept: []string{n}, exact: true}
		}
	case plan.FactSite:
		// Get-CsPool writes the site as its identity, Site:NAME; the bare name is accepted too.
		return factCheck{probe: pool + ".Site", accept: []string{"Site:" + a.Value, a.Value}}
	case plan.FactBackupPool:
		if a.Value != "" {
			// -LocalStore reads the local replica: it answers even while the CMS is down.
			return factCheck{probe: "(Get-CsPoolBackupRelationship -PoolFqdn " + s + " -LocalStore).BackupPoolFqdn", accept: []string{a.Value}}
		}
		return factCheck{note: "no backup pool to check"}
	case plan.FactCMSPool:
		// Every pool that can host the CMS lists a CentralManagement service; the active one
		// is where the CMS is.
		return factCheck{probe: "Get-CsService -CentralManagement", accept: []string{a.Value}, where: "Active", property: "PoolFqdn"}
	case plan.FactBackEnd:
		return factCheck{probe: pool + ".Services", accept: []string{"UserDatabase:" + a.Value}}
	case plan.FactMirror:
		if a.Value != "" {
			return factCheck{probe: "(Get-CsService -UserDatabase -PoolFqdn " + s + ").MirrorSqlServer", accept: []string{a.Value}}
		}
		return factCheck{note: "no mirror"}
	case plan.FactNextHop:
		if a.Value != "" {
			return factCheck{probe: "(Get-CsService -EdgeServer -PoolFqdn " + s + ").Registrar", accept: []string{"Registrar:" + a.Value}}
		}
		return factCheck{note: "no next hop"}
	case plan.FactBackupRegistrar:
		return factCheck{probe: "(Get-CsService -Registrar -PoolFqdn " + s + ").BackupRegistrar", accept: []string{"Registrar:" + a.Value}}
	case plan.FactBackEndInstance, plan.FactMirrorInstance:
		return factCheck{note: "checked with the SQL server"}
	}
	return factCheck{note: "not checkable from the shell"}
}

// groupBanner writes, before a group's first step, a comment banner and a header line.
func groupBanner(w *ps, id string) {
	title := plan.GroupTitle(id)
	w.line()
	switch {
	case safeComment(id) && safeComment(title):
		w.line("# ======== ", title, " (", id, ")")
	case safeComment(id):
		w.line("# ======== group ", id)
	default:
		w.line("# ======== group")
	}
	w.line("Write-Host ''")
	w.line("Write-Host ", lit("######## "+title), " -ForegroundColor Magenta")
}

// step writes one step.
func step(w *ps, p *plan.Plan, st *plan.Step) {
	n := strconv.Itoa(st.Number)
	w.line()
	if safeComment(st.ID) && safeComment(string(st.Kind)) {
		w.line("# ---- Step ", n, " [", string(st.Kind), "] ", st.ID)
	} else {
		w.line("# ---- Step ", n)
	}
	when := ""
	if st.When != "" {
		when = " -When " + lit(st.When)
	}
	w.line("Write-FwStep -Number ", n, " -Id ", lit(st.ID), " -Kind ", lit(string(st.Kind)), " -Title ", lit(st.Title),
		" -Expect ", lit(st.Expect), " -Duration ", lit(st.Duration.String()), when)
	switch st.Kind {
	case plan.KindCheck:
		if st.Shows != "" {
			w.line(st.Command, SuffixShows, "  ", markStep, n)
			w.line("Test-FwShows -Number ", n, " -Output $FwOut -Shows ", lit(st.Shows))
		} else {
			w.line(st.Command, SuffixOutput, "  ", markStep, n)
		}
		w.line("Confirm-FwCheck -Number ", n)
	case plan.KindChange:
		if st.Alternative == "" {
			w.line("Confirm-FwStep -Number ", n)
			change(w, st, n, "")
			for _, v := range st.Verify {
				w.line(v.Line(), SuffixOutput, "  ", markVerify, n)
			}
			break
		}
		// One of a group of alternatives: the operator picks it by what a check showed; with
		// -NoConfirm the first that succeeds runs.
		v := "$FwAlt_" + altVar(st.Alternative)
		w.line("if (Select-FwAlternative -Number ", n, " -When ", lit(st.When), " -Done:(", v, " -eq 'done')) {")
		w.line("    Confirm-FwStep -Number ", n)
		w.line("    try {")
		change(w, st, n, "        ")
		w.line("        ", v, " = 'done'")
		w.line("    } catch {")
		w.line("        Set-FwStepOutcome -Outcome 'failed' -Message $_.Exception.Message")
		w.line("        if (-not $NoConfirm) { throw }")
		w.line("        Write-Warning ('Step ", n, " failed: ' + $_.Exception.Message + ' Trying the next alternative.')")
		w.line("    }")
		w.line("    if (", v, " -eq 'done') {")
		for _, c := range st.Verify {
			w.line("        ", c.Line(), SuffixOutput, "  ", markVerify, n)
		}
		w.line("    }")
		w.line("}")
	case plan.KindManual, plan.KindWait:
		w.line("Wait-FwAcknowledge -Number ", n, " -Instructions ", lit(st.Instructions))
	}
	w.line("Complete-FwStep -Number ", n)
	if st.Alternative != "" && lastOfGroup(p, st) {
		w.line("if ($FwAlt_", altVar(st.Alternative), " -ne 'done') { throw ", lit("None of the alternative steps ("+st.Alternative+") ran: the plan cannot go on."), " }")
	}
}

// change writes a changing step's command: with the rehearsal and confirmation wrapper when
// its cmdlet supports -WhatIf, else skipped in a rehearsal.
func change(w *ps, st *plan.Step, n, indent string) {
	if whatIf(st.Call) {
		w.line(indent, st.Command, SuffixChange, "  ", markStep, n)
		return
	}
	w.line(indent, "if ($Rehearse) { Write-FwRehearsal -Number ", n, " } else {")
	w.line(indent, st.Command, "  ", markStep, n)
	w.line(indent, "}")
}

// lastOfGroup reports whether st is the last step of its alternative group.
func lastOfGroup(p *plan.Plan, st *plan.Step) bool {
	for i := range p.Steps {
		if p.Steps[i].Number > st.Number && p.Steps[i].Alternative == st.Alternative {
			return false
		}
	}
	return true
}

// altGroups lists the alternative groups of p in order of first appearance.
func altGroups(p *plan.Plan) []string {
	var out []string
	for _, st := range p.Steps {
		if st.Alternative != "" && !slices.Contains(out, st.Alternative) {
			out = append(out, st.Alternative)
		}
	}
	return out
}

// altVar turns an alternative group name into a variable-name suffix.
func altVar(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// whatIf reports whether a changing cmdlet supports -WhatIf (and -Confirm), per the shell's
// catalog.
func whatIf(c *plan.Call) bool {
	if c == nil {
		return false
	}
	cm := shell.Default.Lookup(c.Cmdlet)
	return cm != nil && cm.ShouldProcess
}
