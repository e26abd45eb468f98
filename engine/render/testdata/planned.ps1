#Requires -Version 3.0
# failwright plan: fail atl-cs-001.litwareinc.com over to dfw-cs-001.litwareinc.com (planned)
#   plan ID:     55847ce5-35fa-5484-b877-59cba5d1c327
#   fingerprint: 2b5e5c066be278e65dda87367126f79a06743d385b77653d60f1538944d9bd40
#   topology:    Litware, Inc.
#   format:      2
# Run it in the Skype for Business Server Management Shell on a Front End of dfw-cs-001.litwareinc.com.
#   -Rehearse   every changing cmdlet runs with -WhatIf; manual steps are listed, not awaited
#   -NoConfirm  no confirmation before changing steps (manual steps still wait)
#   -LogPath    where the transcript goes (default: the current folder)
#   -RunLogPath where the run log goes (default: beside the transcript, its name ending .runlog.jsonl)
# Made by failwright. Do not edit: failwright plan --check PLAN.json TOPOLOGY tells whether it still fits.
[CmdletBinding()]
param(
    [switch]$Rehearse,
    [switch]$NoConfirm,
    [string]$LogPath = '',
    [string]$RunLogPath = ''
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$FwPlanId = '55847ce5-35fa-5484-b877-59cba5d1c327'
$FwFingerprint = '2b5e5c066be278e65dda87367126f79a06743d385b77653d60f1538944d9bd40'
$FwTopology = 'Litware, Inc.'
$FwTitle = 'fail atl-cs-001.litwareinc.com over to dfw-cs-001.litwareinc.com (planned)'

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


$FwLog = @{
    Path = ''; Seq = 0; Prev = '0000000000000000000000000000000000000000000000000000000000000000'
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
    [IO.File]::AppendAllText($FwLog.Path, $line + "`r`n", (New-Object System.Text.UTF8Encoding -ArgumentList $false))
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
    Write-FwLog -Kind 'start' -Schema 1 -PlanId $FwPlanId -Fingerprint $FwFingerprint -Machine $env:COMPUTERNAME -Account ([Security.Principal.WindowsIdentity]::GetCurrent().Name) -HostVersion ($PSVersionTable.PSVersion.ToString()) -Rehearsal $Rehearse.IsPresent -NoConfirm $NoConfirm.IsPresent
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

# Write-FwLog writes one run-log entry. Generated from failwright's run-log schema (engine/runlog Fields).
function Write-FwLog {
    param([string]$Kind, [int]$Schema, [string]$PlanId, [string]$Fingerprint, [string]$Machine, [string]$Account, [string]$HostVersion, [bool]$Rehearsal, [bool]$NoConfirm, [string]$Stage, [string[]]$Drift, [string[]]$Unchecked, [int]$Step, [string]$StepId, [string]$Start, [string]$End, [string]$Outcome, [string[]]$Answers, [string]$Shows, [object]$Shown, [string]$Message)
    $e = New-Object System.Collections.Specialized.OrderedDictionary
    $e['seq'] = $FwLog.Seq + 1
    $e['prev'] = $FwLog.Prev
    $e['kind'] = $Kind
    $e['time'] = (Get-FwTime)
    if ($Schema -ne 0) { $e['schema'] = $Schema }
    if ($PlanId -ne '') { $e['planId'] = $PlanId }
    if ($Fingerprint -ne '') { $e['fingerprint'] = $Fingerprint }
    if ($Machine -ne '') { $e['machine'] = $Machine }
    if ($Account -ne '') { $e['account'] = $Account }
    if ($HostVersion -ne '') { $e['host'] = $HostVersion }
    if ($Rehearsal) { $e['rehearsal'] = $true }
    if ($NoConfirm) { $e['noConfirm'] = $true }
    if ($Stage -ne '') { $e['stage'] = $Stage }
    if ($null -ne $Drift -and $Drift.Length -gt 0) { $e['drift'] = $Drift }
    if ($null -ne $Unchecked -and $Unchecked.Length -gt 0) { $e['unchecked'] = $Unchecked }
    if ($Step -ne 0) { $e['step'] = $Step }
    if ($StepId -ne '') { $e['stepId'] = $StepId }
    if ($Start -ne '') { $e['start'] = $Start }
    if ($End -ne '') { $e['end'] = $End }
    if ($Outcome -ne '') { $e['outcome'] = $Outcome }
    if ($null -ne $Answers -and $Answers.Length -gt 0) { $e['answers'] = $Answers }
    if ($Shows -ne '') { $e['shows'] = $Shows }
    if ($null -ne $Shown) { $e['shown'] = [bool]$Shown }
    if ($Message -ne '') { $e['error'] = $Message }
    Add-FwLogLine -Entry $e
}

if (-not $LogPath) {
    $LogPath = Join-Path -Path (Get-Location).Path -ChildPath ('failwright-' + $FwPlanId + '-' + (Get-Date -Format 'yyyyMMdd-HHmmss') + '.log')
}
if (-not $RunLogPath) { $RunLogPath = [IO.Path]::ChangeExtension($LogPath, '.runlog.jsonl') }
Open-FwLog -Path $RunLogPath
Start-Transcript -Path $LogPath -Append | Out-Null
try {
Write-FwLogStart
Write-Host 'failwright plan 55847ce5-35fa-5484-b877-59cba5d1c327: fail atl-cs-001.litwareinc.com over to dfw-cs-001.litwareinc.com (planned)'
Write-Host ('Topology: ' + $FwTopology + '  fingerprint: ' + $FwFingerprint)
if ($Rehearse) { Write-Host 'REHEARSAL: every changing cmdlet runs with -WhatIf.' -ForegroundColor Yellow }

# ---- Preflight: the deployment must still be what the plan assumed.
Write-Host ''
Write-Host '=== Preflight: checking the facts the plan relies on' -ForegroundColor Cyan
if (-not (Get-Command -Name 'Invoke-CsPoolFailOver' -ErrorAction SilentlyContinue)) {
    throw 'Run this script in the Skype for Business Server (or Lync Server) Management Shell: Invoke-CsPoolFailOver is not available.'
}
Test-FwFact -Path 'branches[sav-sba-01.litwareinc.com].backupRegistrar' -Expected 'Registrar:atl-cs-001.litwareinc.com' -Probe { (Get-CsService -Registrar -PoolFqdn 'sav-sba-01.litwareinc.com').BackupRegistrar }
Test-FwFact -Path 'cms.pool' -Expected 'atl-cs-001.litwareinc.com' -Where 'Active' -Property 'PoolFqdn' -Probe { Get-CsService -CentralManagement }
Test-FwFact -Path 'pools[atl-cs-001.litwareinc.com].backupPool' -Expected 'dfw-cs-001.litwareinc.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'atl-cs-001.litwareinc.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'pools[atl-cs-001.litwareinc.com].role' -Expected 'Registrar:atl-cs-001.litwareinc.com' -Probe { (Get-CsPool -Identity 'atl-cs-001.litwareinc.com').Services }
Test-FwFact -Path 'pools[atl-cs-001.litwareinc.com].site' -Expected 'Site:Atlanta','Atlanta' -Probe { (Get-CsPool -Identity 'atl-cs-001.litwareinc.com').Site }
Test-FwFact -Path 'pools[atl-cs-001.litwareinc.com].version' -Expected '7' -Exact -Probe { (Get-CsService -Registrar -PoolFqdn 'atl-cs-001.litwareinc.com').Version }
Test-FwFact -Path 'pools[atl-edge-001.litwareinc.com].nextHop' -Expected 'Registrar:atl-cs-001.litwareinc.com' -Probe { (Get-CsService -EdgeServer -PoolFqdn 'atl-edge-001.litwareinc.com').Registrar }
Test-FwFact -Path 'pools[dfw-cs-001.litwareinc.com].backEnd.fqdn' -Expected 'UserDatabase:dfw-sql-01.litwareinc.com' -Probe { (Get-CsPool -Identity 'dfw-cs-001.litwareinc.com').Services }
Write-Host '    skip   pools[dfw-cs-001.litwareinc.com].backEnd.instance = rtc (checked with the SQL server)'
Test-FwFact -Path 'pools[dfw-cs-001.litwareinc.com].backEnd.mirror.fqdn' -Expected 'dfw-sql-02.litwareinc.com' -Probe { (Get-CsService -UserDatabase -PoolFqdn 'dfw-cs-001.litwareinc.com').MirrorSqlServer }
Write-Host '    skip   pools[dfw-cs-001.litwareinc.com].backEnd.mirror.instance = rtc (checked with the SQL server)'
Test-FwFact -Path 'pools[dfw-cs-001.litwareinc.com].backupPool' -Expected 'atl-cs-001.litwareinc.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'dfw-cs-001.litwareinc.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'pools[dfw-cs-001.litwareinc.com].role' -Expected 'Registrar:dfw-cs-001.litwareinc.com' -Probe { (Get-CsPool -Identity 'dfw-cs-001.litwareinc.com').Services }
Test-FwFact -Path 'pools[dfw-cs-001.litwareinc.com].site' -Expected 'Site:Dallas','Dallas' -Probe { (Get-CsPool -Identity 'dfw-cs-001.litwareinc.com').Site }
Test-FwFact -Path 'pools[dfw-cs-001.litwareinc.com].version' -Expected '7' -Exact -Probe { (Get-CsService -Registrar -PoolFqdn 'dfw-cs-001.litwareinc.com').Version }
Test-FwFact -Path 'pools[dfw-edge-001.litwareinc.com].nextHop' -Expected 'Registrar:dfw-cs-001.litwareinc.com' -Probe { (Get-CsService -EdgeServer -PoolFqdn 'dfw-edge-001.litwareinc.com').Registrar }
Complete-FwPreflight
Write-Host '    Preflight passed.' -ForegroundColor Green

# ======== Edge next hop (edge)
Write-Host ''
Write-Host '######## Edge next hop' -ForegroundColor Magenta

# ---- Step 1 [check] edge-next-hop-check-atl-edge-001.litwareinc.com
Write-FwStep -Number 1 -Id 'edge-next-hop-check-atl-edge-001.litwareinc.com' -Kind 'check' -Title 'Check the next hop of Edge pool atl-edge-001.litwareinc.com' -Expect 'The Edge service of atl-edge-001.litwareinc.com lists Registrar:atl-cs-001.litwareinc.com as its next hop.' -Duration '00:01:00'
Get-CsService -EdgeServer -PoolFqdn 'atl-edge-001.litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 1
Test-FwShows -Number 1 -Output $FwOut -Shows 'Registrar:atl-cs-001.litwareinc.com'
Confirm-FwCheck -Number 1
Complete-FwStep -Number 1

# ---- Step 2 [change] edge-next-hop-atl-edge-001.litwareinc.com
Write-FwStep -Number 2 -Id 'edge-next-hop-atl-edge-001.litwareinc.com' -Kind 'change' -Title 'Point Edge pool atl-edge-001.litwareinc.com at dfw-cs-001.litwareinc.com' -Expect 'The command completes without error; the Edge service now lists Registrar:dfw-cs-001.litwareinc.com.' -Duration '00:05:00'
Confirm-FwStep -Number 2
Set-CsEdgeServer -Identity 'EdgeServer:atl-edge-001.litwareinc.com' -Registrar 'Registrar:dfw-cs-001.litwareinc.com' -WhatIf:$Rehearse -Confirm:$false  # fw:step 2
Get-CsService -EdgeServer -PoolFqdn 'atl-edge-001.litwareinc.com' | Out-Host  # fw:verify 2
Complete-FwStep -Number 2

# ======== Central Management store (cms)
Write-Host ''
Write-Host '######## Central Management store' -ForegroundColor Magenta

# ---- Step 3 [check] cms-locate
Write-FwStep -Number 3 -Id 'cms-locate' -Kind 'check' -Title 'Find the pool that hosts the Central Management store' -Expect 'The -WhatIf output names atl-cs-001.litwareinc.com as the pool hosting the Central Management store.' -Duration '00:01:00'
Invoke-CsManagementServerFailover -WhatIf | Tee-Object -Variable FwOut | Out-Host  # fw:step 3
Test-FwShows -Number 3 -Output $FwOut -Shows 'atl-cs-001.litwareinc.com'
Confirm-FwCheck -Number 3
Complete-FwStep -Number 3

# ---- Step 4 [check] cms-backup-relationship
Write-FwStep -Number 4 -Id 'cms-backup-relationship' -Kind 'check' -Title 'Find the backup pool of the CMS pool' -Expect 'The backup pool of atl-cs-001.litwareinc.com is dfw-cs-001.litwareinc.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'atl-cs-001.litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 4
Test-FwShows -Number 4 -Output $FwOut -Shows 'dfw-cs-001.litwareinc.com'
Confirm-FwCheck -Number 4
Complete-FwStep -Number 4

# ---- Step 5 [check] cms-status
Write-FwStep -Number 5 -Id 'cms-status' -Kind 'check' -Title 'Check whether the Central Management store answers' -Expect 'ActiveMasterFqdn and ActiveFileTransferAgents are empty, or name atl-cs-001.litwareinc.com, which is being lost: the CMS must be failed over first.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Out-Host  # fw:step 5
Confirm-FwCheck -Number 5
Complete-FwStep -Number 5

# ---- Step 6 [change] cms-failover
Write-FwStep -Number 6 -Id 'cms-failover' -Kind 'change' -Title 'Fail the Central Management store over to dfw-cs-001.litwareinc.com' -Expect 'The command waits for replication to finish, makes the store on atl-cs-001.litwareinc.com read-only and activates the standby on dfw-cs-001.litwareinc.com.' -Duration '00:05:00'
Confirm-FwStep -Number 6
Invoke-CsManagementServerFailover -WhatIf:$Rehearse -Confirm:$false  # fw:step 6
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Out-Host  # fw:verify 6
Complete-FwStep -Number 6

# ---- Step 7 [check] cms-replicas
Write-FwStep -Number 7 -Id 'cms-replicas' -Kind 'check' -Title 'Check that every replica is up to date' -Expect 'Every replica reports UpToDate True.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus | Out-Host  # fw:step 7
Confirm-FwCheck -Number 7
Complete-FwStep -Number 7

# ======== Pool failover (pool)
Write-Host ''
Write-Host '######## Pool failover' -ForegroundColor Magenta

# ---- Step 8 [check] backup-relationship
Write-FwStep -Number 8 -Id 'backup-relationship' -Kind 'check' -Title 'Check the backup relationship of atl-cs-001.litwareinc.com' -Expect 'The backup pool of atl-cs-001.litwareinc.com is dfw-cs-001.litwareinc.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'atl-cs-001.litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 8
Test-FwShows -Number 8 -Output $FwOut -Shows 'dfw-cs-001.litwareinc.com'
Confirm-FwCheck -Number 8
Complete-FwStep -Number 8

# ---- Step 9 [check] backup-status
Write-FwStep -Number 9 -Id 'backup-status' -Kind 'check' -Title 'Check the Backup Service from atl-cs-001.litwareinc.com' -Expect 'The UserData modules of atl-cs-001.litwareinc.com are in SteadyState: changes reach dfw-cs-001.litwareinc.com within one sync interval.' -Duration '00:01:00'
Get-CsBackupServiceStatus -PoolFqdn 'atl-cs-001.litwareinc.com' -Category UserData | Tee-Object -Variable FwOut | Out-Host  # fw:step 9
Test-FwShows -Number 9 -Output $FwOut -Shows 'SteadyState'
Confirm-FwCheck -Number 9
Complete-FwStep -Number 9

# ---- Step 10 [manual] rgs-export
Write-FwStep -Number 10 -Id 'rgs-export' -Kind 'manual' -Title 'Export the Response Group configuration of atl-cs-001.litwareinc.com' -Expect 'The export file exists and holds every workflow, queue and group of atl-cs-001.litwareinc.com.' -Duration '00:05:00'
Wait-FwAcknowledge -Number 10 -Instructions 'Export the Response Group data while atl-cs-001.litwareinc.com still runs: Export-CsRgsConfiguration -Source ''ApplicationServer:atl-cs-001.litwareinc.com'' -FileName <file>.'
Complete-FwStep -Number 10

# ---- Step 11 [change] pool-failover
Write-FwStep -Number 11 -Id 'pool-failover' -Kind 'change' -Title 'Fail atl-cs-001.litwareinc.com over to dfw-cs-001.litwareinc.com' -Expect 'The verbose output shows atl-cs-001.litwareinc.com going read-only, the final-state backup and the hydration of its routing groups on dfw-cs-001.litwareinc.com; the Backup Service from atl-cs-001.litwareinc.com reports FinalState.' -Duration '00:18:35'
Confirm-FwStep -Number 11
Invoke-CsPoolFailOver -PoolFqdn 'atl-cs-001.litwareinc.com' -Verbose -WhatIf:$Rehearse -Confirm:$false  # fw:step 11
Get-CsUserPoolInfo -Identity 'sip:kenmyer@litwareinc.com' | Out-Host  # fw:verify 11
Get-CsPoolFabricState -PoolFqdn 'dfw-cs-001.litwareinc.com' | Out-Host  # fw:verify 11
Get-CsBackupServiceStatus -PoolFqdn 'atl-cs-001.litwareinc.com' -Category UserData | Out-Host  # fw:verify 11
Complete-FwStep -Number 11

# ======== DNS and simple URLs (dns)
Write-Host ''
Write-Host '######## DNS and simple URLs' -ForegroundColor Magenta

# ---- Step 12 [manual] dns-check-meet
Write-FwStep -Number 12 -Id 'dns-check-meet' -Kind 'manual' -Title 'Check that meet.litwareinc.com answers with dfw-cs-001.litwareinc.com' -Expect 'meet.litwareinc.com resolves to the web services of dfw-cs-001.litwareinc.com (dfw-cs-001-ext.litwareinc.com); nothing to change.' -Duration '00:01:00'
Wait-FwAcknowledge -Number 12 -Instructions 'meet.litwareinc.com is published by GeoDNS (Litware GeoDNS), which answers with a pool whose web services are up by itself: resolve it inside and outside (Resolve-DnsName ''meet.litwareinc.com'') and check the answer. If it does not resolve, the DNS provider does not answer: bring it back or publish the name another way.'
Complete-FwStep -Number 12

# ---- Step 13 [manual] dns-check-dialin
Write-FwStep -Number 13 -Id 'dns-check-dialin' -Kind 'manual' -Title 'Check that dialin.litwareinc.com answers with dfw-cs-001.litwareinc.com' -Expect 'dialin.litwareinc.com resolves to the web services of dfw-cs-001.litwareinc.com (dfw-cs-001-ext.litwareinc.com); nothing to change.' -Duration '00:01:00'
Wait-FwAcknowledge -Number 13 -Instructions 'dialin.litwareinc.com is published by GeoDNS (Litware GeoDNS), which answers with a pool whose web services are up by itself: resolve it inside and outside (Resolve-DnsName ''dialin.litwareinc.com'') and check the answer. If it does not resolve, the DNS provider does not answer: bring it back or publish the name another way.'
Complete-FwStep -Number 13

# ---- Step 14 [manual] dns-admin
Write-FwStep -Number 14 -Id 'dns-admin' -Kind 'manual' -Title 'Point admin.litwareinc.com at the web services of dfw-cs-001.litwareinc.com' -Expect 'admin.litwareinc.com resolves to dfw-cs-001-ext.litwareinc.com once the TTL (01:00:00) has passed; the predicted duration includes that wait.' -Duration '01:05:00'
Wait-FwAcknowledge -Number 14 -Instructions 'Point admin.litwareinc.com at the web services of dfw-cs-001.litwareinc.com (dfw-cs-001-ext.litwareinc.com) in the DNS servers that publish it (internal and external). Clients keep the old answer for the record''s TTL (01:00:00).'
Complete-FwStep -Number 14

# ======== Response Groups (response-groups)
Write-Host ''
Write-Host '######## Response Groups' -ForegroundColor Magenta

# ---- Step 15 [manual] rgs-import
Write-FwStep -Number 15 -Id 'rgs-import' -Kind 'manual' -Title 'Import the Response Groups of atl-cs-001.litwareinc.com into dfw-cs-001.litwareinc.com' -Expect 'The imported workflows answer on dfw-cs-001.litwareinc.com; they keep atl-cs-001.litwareinc.com as their owner, so manage them with the shell until failback.' -Duration '00:20:00'
Wait-FwAcknowledge -Number 15 -Instructions 'Import the Response Group export of atl-cs-001.litwareinc.com: Import-CsRgsConfiguration -Destination ''ApplicationServer:dfw-cs-001.litwareinc.com'' -FileName <file> (add -ReplaceExistingSettings only to take over its application-level settings). Formal agents sign in to their groups again.'
Complete-FwStep -Number 15

# ======== Call Park and announcements (call-park)
Write-Host ''
Write-Host '######## Call Park and announcements' -ForegroundColor Magenta

# ---- Step 16 [manual] call-park
Write-FwStep -Number 16 -Id 'call-park' -Kind 'manual' -Title 'Redirect the Call Park orbits of atl-cs-001.litwareinc.com' -Expect 'Parked calls in those ranges are served by dfw-cs-001.litwareinc.com.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 16 -Instructions 'For each Call Park and Group Call Pickup orbit range of atl-cs-001.litwareinc.com: Set-CsCallParkOrbit -Identity <range> -CallParkService ''ApplicationServer:dfw-cs-001.litwareinc.com''.'
Complete-FwStep -Number 16

# ---- Step 17 [manual] announcements
Write-FwStep -Number 17 -Id 'announcements' -Kind 'manual' -Title 'Re-create announcements and unassigned numbers on dfw-cs-001.litwareinc.com' -Expect 'Calls to unassigned numbers hear the announcements from dfw-cs-001.litwareinc.com.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 17 -Instructions 'Make sure the announcements of atl-cs-001.litwareinc.com exist on dfw-cs-001.litwareinc.com and point each unassigned-number range at them: Set-CsUnassignedNumber -Identity <range> -AnnouncementService ''ApplicationServer:dfw-cs-001.litwareinc.com'' -AnnouncementName <name>. Not needed for ranges served by Exchange UM auto attendants.'
Complete-FwStep -Number 17

# ======== Location database (E9-1-1) (location)
Write-Host ''
Write-Host '######## Location database (E9-1-1)' -ForegroundColor Magenta

# ---- Step 18 [manual] lis-restore
Write-FwStep -Number 18 -Id 'lis-restore' -Kind 'manual' -Title 'Restore the Location Information Service data into dfw-cs-001.litwareinc.com' -Expect 'Locations, subnets and switches of atl-cs-001.litwareinc.com''s sites are served from dfw-cs-001.litwareinc.com.' -Duration '00:15:00'
Wait-FwAcknowledge -Number 18 -Instructions 'Import your latest Export-CsLisConfiguration backup of atl-cs-001.litwareinc.com''s E9-1-1 locations into dfw-cs-001.litwareinc.com (Import-CsLisConfiguration -FileName <file>), then publish them: Publish-CsLisConfiguration.'
Complete-FwStep -Number 18

# ======== Verification (verify)
Write-Host ''
Write-Host '######## Verification' -ForegroundColor Magenta

# ---- Step 19 [check] verify-registration
Write-FwStep -Number 19 -Id 'verify-registration' -Kind 'check' -Title 'Verify sign-in' -Expect 'Result : Success for sip:kenmyer@litwareinc.com (a user of atl-cs-001.litwareinc.com).' -Duration '00:01:00'
Test-CsRegistration -TargetFqdn 'dfw-cs-001.litwareinc.com' -UserSipAddress 'sip:kenmyer@litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 19
Test-FwShows -Number 19 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 19
Complete-FwStep -Number 19

# ---- Step 20 [check] verify-im
Write-FwStep -Number 20 -Id 'verify-im' -Kind 'check' -Title 'Verify IM and presence' -Expect 'Result : Success for sip:kenmyer@litwareinc.com (a user of atl-cs-001.litwareinc.com).' -Duration '00:01:00'
Test-CsIM -TargetFqdn 'dfw-cs-001.litwareinc.com' -SenderSipAddress 'sip:kenmyer@litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 20
Test-FwShows -Number 20 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 20
Complete-FwStep -Number 20

# ---- Step 21 [check] verify-presence
Write-FwStep -Number 21 -Id 'verify-presence' -Kind 'check' -Title 'Verify IM and presence' -Expect 'Result : Success for sip:kenmyer@litwareinc.com (a user of atl-cs-001.litwareinc.com).' -Duration '00:01:00'
Test-CsPresence -TargetFqdn 'dfw-cs-001.litwareinc.com' -SubscriberSipAddress 'sip:kenmyer@litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 21
Test-FwShows -Number 21 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 21
Complete-FwStep -Number 21

# ---- Step 22 [check] verify-peer-calls
Write-FwStep -Number 22 -Id 'verify-peer-calls' -Kind 'check' -Title 'Verify Peer calls' -Expect 'Result : Success for sip:kenmyer@litwareinc.com (a user of atl-cs-001.litwareinc.com).' -Duration '00:01:00'
Test-CsP2PAV -TargetFqdn 'dfw-cs-001.litwareinc.com' -SenderSipAddress 'sip:kenmyer@litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 22
Test-FwShows -Number 22 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 22
Complete-FwStep -Number 22

# ---- Step 23 [check] verify-conferencing
Write-FwStep -Number 23 -Id 'verify-conferencing' -Kind 'check' -Title 'Verify A/V conferencing on dfw-cs-001.litwareinc.com' -Expect 'Result : Success for sip:kenmyer@litwareinc.com (a user of atl-cs-001.litwareinc.com).' -Duration '00:01:00'
Test-CsAVConference -TargetFqdn 'dfw-cs-001.litwareinc.com' -SenderSipAddress 'sip:kenmyer@litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 23
Test-FwShows -Number 23 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 23
Complete-FwStep -Number 23

# ---- Step 24 [check] verify-meetings
Write-FwStep -Number 24 -Id 'verify-meetings' -Kind 'check' -Title 'Verify Meetings (web services and the Meet simple URL)' -Expect 'Result : Success for sip:kenmyer@litwareinc.com (a user of atl-cs-001.litwareinc.com).' -Duration '00:01:00'
Test-CsUcwaConference -TargetFqdn 'dfw-cs-001.litwareinc.com' -OrganizerSipAddress 'sip:kenmyer@litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 24
Test-FwShows -Number 24 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 24
Complete-FwStep -Number 24

# ---- Step 25 [check] verify-dialin
Write-FwStep -Number 25 -Id 'verify-dialin' -Kind 'check' -Title 'Verify dial-in conferencing (the Dial-in simple URL)' -Expect 'Result : Success for sip:kenmyer@litwareinc.com (a user of atl-cs-001.litwareinc.com).' -Duration '00:01:00'
Test-CsDialInConferencing -TargetFqdn 'dfw-cs-001.litwareinc.com' -UserSipAddress 'sip:kenmyer@litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 25
Test-FwShows -Number 25 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 25
Complete-FwStep -Number 25

# ---- Step 26 [manual] verify-pstn
Write-FwStep -Number 26 -Id 'verify-pstn' -Kind 'manual' -Title 'Verify PSTN calls' -Expect 'Result : Success for sip:kenmyer@litwareinc.com (a user of atl-cs-001.litwareinc.com).' -Duration '00:01:00'
Wait-FwAcknowledge -Number 26 -Instructions 'Run Test-CsPstnOutboundCall -TargetFqdn ''dfw-cs-001.litwareinc.com'' -UserSipAddress ''sip:kenmyer@litwareinc.com'' -TargetPstnPhoneNumber <a PSTN number to call>, with a value of your deployment for -TargetPstnPhoneNumber.'
Complete-FwStep -Number 26

# ---- Step 27 [manual] verify-federation
Write-FwStep -Number 27 -Id 'verify-federation' -Kind 'manual' -Title 'Verify federation through atl-edge-001.litwareinc.com' -Expect 'Result : Success for sip:kenmyer@litwareinc.com (a user of atl-cs-001.litwareinc.com).' -Duration '00:01:00'
Wait-FwAcknowledge -Number 27 -Instructions 'Run Test-CsFederatedPartner -TargetFqdn ''atl-edge-001.litwareinc.com'' -Domain <a federated partner''s domain>, with a value of your deployment for -Domain.'
Complete-FwStep -Number 27

Write-Host ''
Write-Host 'Plan complete (27 steps). Predicted RTO 00:00:00, data loss 00:00:00.' -ForegroundColor Green
$FwLog.Completed = $true
} catch {
    $FwLog.RunError = $_.Exception.Message
    throw
} finally {
    try { Close-FwLog } finally { Stop-Transcript | Out-Null }
}
