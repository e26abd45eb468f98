package render

import (
	"fmt"
	"strconv"
	"strings"

	"failwright/engine/runlog"
)

// psLogAuto are the values Write-FwLog fills itself, by JSON name: the fields of every entry.
var psLogAuto = map[string]string{
	"seq":  "$FwLog.Seq + 1",
	"prev": "$FwLog.Prev",
	"kind": "$Kind",
	"time": "(Get-FwTime)",
}

// psLogTypes are Write-FwLog's parameter types, the test that a value is set and the value
// written, per field type (%s stands for the parameter's name): what is not set is left out
// of the line, as Go's omitempty leaves it out.
var psLogTypes = map[runlog.FieldType]struct{ param, set, value string }{
	runlog.TypeInt:       {"[int]", "$%s -ne 0", "$%s"},
	runlog.TypeString:    {"[string]", "$%s -ne ''", "$%s"},
	runlog.TypeBool:      {"[bool]", "$%s", "$true"},
	runlog.TypeKnownBool: {"[object]", "$null -ne $%s", "[bool]$%s"},
	runlog.TypeStrings:   {"[string[]]", "$null -ne $%s -and $%s.Length -gt 0", "$%s"},
}

// psLogWriter is the runbook's Write-FwLog, generated from runlog.Fields: one parameter per
// field an entry may set, and the ordered dictionary of a line with the fields in the
// table's order, each only when set. Add-FwLogLine (psLogHelpers) numbers, writes and chains
// the line.
func psLogWriter() string {
	var params []string
	var body strings.Builder
	body.WriteString("    $e = New-Object System.Collections.Specialized.OrderedDictionary\n")
	params = append(params, "[string]$Kind")
	for _, f := range runlog.Fields {
		if f.PS == "" {
			auto, ok := psLogAuto[f.JSON]
			if !ok {
				panic("render: the run-log field " + f.JSON + " has neither a Write-FwLog parameter nor a value the writer fills")
			}
			fmt.Fprintf(&body, "    $e['%s'] = %s\n", f.JSON, auto)
			continue
		}
		t, ok := psLogTypes[f.Type]
		if !ok {
			panic("render: no PowerShell type for the run-log field type " + string(f.Type))
		}
		params = append(params, t.param+"$"+f.PS)
		fmt.Fprintf(&body, "    if (%s) { $e['%s'] = %s }\n", strings.ReplaceAll(t.set, "%s", f.PS), f.JSON, strings.ReplaceAll(t.value, "%s", f.PS))
	}
	return "# Write-FwLog writes one run-log entry. Generated from failwright's run-log schema (engine/runlog Fields).\n" +
		"function Write-FwLog {\n" +
		"    param(" + strings.Join(params, ", ") + ")\n" +
		body.String() +
		"    Add-FwLogLine -Entry $e\n" +
		"}\n"
}

// psLogHelpers are the runbook's run-log helpers around Write-FwLog. $FwLog holds the log's
// state: its path, the last line's number and hash, and the open step.
var psLogHelpers = `
$FwLog = @{
    Path = ''; Seq = 0; Prev = '` + runlog.GenesisPrev + `'
    Step = 0; StepId = ''; Start = ''; Outcome = ''; Error = ''; Shows = ''; Shown = $null
    Answers = (New-Object System.Collections.Generic.List[string])
    Stopped = $false; Completed = $false; RunError = ''
}

function Get-FwTime {
    (Get-Date).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", [Globalization.CultureInfo]::InvariantCulture)
}

# Add-FwLogLine writes an entry as one line of compact JSON (UTF-8, no BOM, CRLF) and keeps the
# SHA-256 of its bytes for the next line's prev.
function Add-FwLogLine {
    param([System.Collections.IDictionary]$Entry)
    $line = ConvertTo-Json -InputObject $Entry -Compress
    [IO.File]::AppendAllText($FwLog.Path, $line + "` + "`r`n" + `", (New-Object System.Text.UTF8Encoding -ArgumentList $false))
    $sha = [Security.Cryptography.SHA256]::Create()
    $FwLog.Prev = -join ($sha.ComputeHash([Text.Encoding]::UTF8.GetBytes($line)) | ForEach-Object { $_.ToString('x2') })
    $FwLog.Seq = $FwLog.Seq + 1
}

function Open-FwLog {
    param([string]$Path)
    $full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    if (Test-Path -LiteralPath $full) { throw ('The run log {0} exists; a run log is never appended to. Give another -RunLogPath.' -f $full) }
    $FwLog.Path = $full
}

function Write-FwLogStart {
    Write-FwLog -Kind 'start' -Schema ` + strconv.Itoa(runlog.Schema) + ` -PlanId $FwPlanId -Fingerprint $FwFingerprint -Machine $env:COMPUTERNAME -Account ([Security.Principal.WindowsIdentity]::GetCurrent().Name) -HostVersion ($PSVersionTable.PSVersion.ToString()) -Rehearsal $Rehearse.IsPresent -NoConfirm $NoConfirm.IsPresent
}

function Read-FwAnswer {
    param([string]$Prompt)
    $answer = [string](Read-Host $Prompt)
    $FwLog.Answers.Add($answer)
    return $answer
}

function Stop-FwRun {
    param([string]$Message)
    $FwLog.Stopped = $true
    throw $Message
}

function Set-FwStepOutcome {
    param([string]$Outcome, [string]$Message)
    $FwLog.Outcome = $Outcome
    $FwLog.Error = $Message
}

function Start-FwLogStep {
    param([int]$Number, [string]$Id)
    $FwLog.Step = $Number; $FwLog.StepId = $Id; $FwLog.Start = Get-FwTime
    Set-FwStepOutcome -Outcome '' -Message ''
    $FwLog.Shows = ''; $FwLog.Shown = $null
    $FwLog.Answers.Clear()
}

function Write-FwLogStep {
    param([string]$Outcome)
    Write-FwLog -Kind 'step' -Step $FwLog.Step -StepId $FwLog.StepId -Start $FwLog.Start -End (Get-FwTime) -Outcome $Outcome -Answers $FwLog.Answers.ToArray() -Shows $FwLog.Shows -Shown $FwLog.Shown -Message $FwLog.Error
    $FwLog.Step = 0
    $FwLog.Answers.Clear()
}

function Complete-FwStep {
    param([int]$Number)
    $outcome = $FwLog.Outcome
    if (-not $outcome) { if ($Rehearse) { $outcome = 'rehearsed' } else { $outcome = 'done' } }
    Write-FwLogStep -Outcome $outcome
}

function Complete-FwPreflight {
    param([string]$Stage)
    try {
        if ($FwDrift.Count -gt 0) {
            Stop-FwRun ('Preflight found drift in {0} fact(s): {1}. The deployment is not the one this plan was made for; nothing was changed. Make a new plan (failwright plan) from the current topology.' -f $FwDrift.Count, ($FwDrift -join ', '))
        }
        if ($FwUnchecked.Count -gt 0) {
            Write-Warning ('Preflight could not read {0} fact(s): {1}. With the Central Management store down this is expected; check them by hand.' -f $FwUnchecked.Count, ($FwUnchecked -join ', '))
            if ($NoConfirm) { Stop-FwRun 'Preflight could not check every fact; run without -NoConfirm to go on after checking them by hand.' }
            do { $answer = Read-FwAnswer 'Type CONTINUE once you have checked them, or STOP' } while ($answer -ne 'CONTINUE' -and $answer -ne 'STOP')
            if ($answer -ne 'CONTINUE') { Stop-FwRun 'Stopped by the operator at the preflight.' }
        }
    } finally {
        Write-FwLog -Kind 'preflight' -Stage $Stage -Drift $FwDrift.ToArray() -Unchecked $FwUnchecked.ToArray() -Answers $FwLog.Answers.ToArray()
        $FwLog.Answers.Clear()
    }
}

# Close-FwLog ends the log, in the script's finally block: the open step, if any, and the end
# entry, done when the plan completed, stopped when the operator (or Ctrl+C) stopped it, else
# failed.
function Close-FwLog {
    if ($FwLog.Seq -eq 0) { return }
    $outcome = 'failed'
    if ($FwLog.Completed) { $outcome = 'done' } elseif ($FwLog.Stopped) { $outcome = 'stopped' } elseif (-not $FwLog.RunError) {
        $outcome = 'stopped'
        $FwLog.RunError = 'Interrupted before the plan completed (Ctrl+C, or the session closed).'
    }
    if ($FwLog.Step -gt 0) {
        Set-FwStepOutcome -Outcome $outcome -Message $FwLog.RunError
        Write-FwLogStep -Outcome $outcome
    }
    Write-FwLog -Kind 'end' -Outcome $outcome -Message $FwLog.RunError
}
`
