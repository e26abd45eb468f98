#Requires -Version 3.0
# failwright plan: move bos-pool-15.northwind.com to bos-pool-se.northwind.com, stage by stage
#   plan ID:     0056089b-0bca-5263-aecd-e58534ee5f97
#   fingerprint: d27dc44b9359225cf28a56f2adc71ed9beaa0286c56a9605bd46cc7e877d07fb
#   topology:    Northwind (2015 to Subscription Edition)
#   format:      2
# Run it in the Skype for Business Server Management Shell on a Front End of aus-pool-se.northwind.com.
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

$FwPlanId = '0056089b-0bca-5263-aecd-e58534ee5f97'
$FwFingerprint = 'd27dc44b9359225cf28a56f2adc71ed9beaa0286c56a9605bd46cc7e877d07fb'
$FwTopology = 'Northwind (2015 to Subscription Edition)'
$FwTitle = 'move bos-pool-15.northwind.com to bos-pool-se.northwind.com, stage by stage'

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
Write-Host 'failwright plan 0056089b-0bca-5263-aecd-e58534ee5f97: move bos-pool-15.northwind.com to bos-pool-se.northwind.com, stage by stage'
Write-Host ('Topology: ' + $FwTopology + '  fingerprint: ' + $FwFingerprint)
if ($Rehearse) { Write-Host 'REHEARSAL: every changing cmdlet runs with -WhatIf.' -ForegroundColor Yellow }

# ---- Preflight: the deployment must still be what the plan assumed.
Write-Host ''
Write-Host '=== Preflight: checking the facts the plan relies on' -ForegroundColor Cyan
if (-not (Get-Command -Name 'Invoke-CsPoolFailOver' -ErrorAction SilentlyContinue)) {
    throw 'Run this script in the Skype for Business Server (or Lync Server) Management Shell: Invoke-CsPoolFailOver is not available.'
}
Write-Host '    Each stage checks the deployment as it must stand before it.'
Complete-FwPreflight

# ---- Stage 1: the deployment must stand as the plan expects before it.
Write-Host ''
Write-Host '=== Stage 1 of 7: Deploy bos-pool-se.northwind.com and pair it with aus-pool-se.northwind.com' -ForegroundColor Cyan
$FwDrift.Clear()
$FwUnchecked.Clear()
Test-FwFact -Path 'pools[bos-pool-15.northwind.com].backupPool' -Expected 'aus-pool-15.northwind.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-15.northwind.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'cms.pool' -Expected 'bos-pool-15.northwind.com' -Where 'Active' -Property 'PoolFqdn' -Probe { Get-CsService -CentralManagement }
Test-FwFact -Path 'pools[bos-edge-01.northwind.com].nextHop' -Expected 'Registrar:bos-pool-15.northwind.com' -Probe { (Get-CsService -EdgeServer -PoolFqdn 'bos-edge-01.northwind.com').Registrar }
Test-FwFact -Path 'branches[prov-sba-01.northwind.com].backupRegistrar' -Expected 'Registrar:bos-pool-15.northwind.com' -Probe { (Get-CsService -Registrar -PoolFqdn 'prov-sba-01.northwind.com').BackupRegistrar }
Complete-FwPreflight -Stage 'pair'
Write-Host '    Stage 1 preflight passed.' -ForegroundColor Green

# ---- Step 1 [manual] pair-publish
Write-FwStep -Number 1 -Id 'pair-publish' -Kind 'manual' -Title 'Deploy bos-pool-se.northwind.com and pair it with aus-pool-se.northwind.com' -Expect 'Topology Builder publishes without error; Get-CsPoolBackupRelationship names aus-pool-se.northwind.com as the backup pool of bos-pool-se.northwind.com.' -Duration '01:00:00'
Wait-FwAcknowledge -Number 1 -Instructions 'In Topology Builder, define bos-pool-se.northwind.com in site Boston with its back end, set its associated backup pool to aus-pool-se.northwind.com (Resiliency: Automatic failover and failback for Voice), and publish the topology. Run Setup (Bootstrapper.exe) on every server of bos-pool-se.northwind.com and aus-pool-se.northwind.com, then start the pool (Start-CsPool -PoolFqdn ''bos-pool-se.northwind.com'').'
Complete-FwStep -Number 1

# ---- Step 2 [manual] pair-update-rerun
Write-FwStep -Number 2 -Id 'pair-update-rerun' -Kind 'manual' -Title 'Re-run the cumulative update installer on bos-pool-se.northwind.com and aus-pool-se.northwind.com' -Expect 'The Backup Service runs on every Front End Server of both pools; no event 4007 (LyncBackupService.exe crashed) in the Lync Server event log.' -Duration '00:45:00'
Wait-FwAcknowledge -Number 2 -Instructions 'Run the cumulative update installer (SkypeServerUpdateInstaller.exe) again on every server of both pools (bos-fese-01.northwind.com, bos-fese-02.northwind.com, bos-fese-03.northwind.com, bos-fese-04.northwind.com; aus-fese-01.northwind.com, aus-fese-02.northwind.com, aus-fese-03.northwind.com, aus-fese-04.northwind.com), then check the Backup Service: Get-CsWindowsService -Name LYNCBACKUP on each Front End Server shows Running.'
Complete-FwStep -Number 2

# ---- Step 3 [check] pair-relationship
Write-FwStep -Number 3 -Id 'pair-relationship' -Kind 'check' -Title 'Check the backup relationship of bos-pool-se.northwind.com' -Expect 'The backup pool of bos-pool-se.northwind.com is aus-pool-se.northwind.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-se.northwind.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 3
Test-FwShows -Number 3 -Output $FwOut -Shows 'aus-pool-se.northwind.com'
Confirm-FwCheck -Number 3
Complete-FwStep -Number 3

# ---- Step 4 [change] pair-sync
Write-FwStep -Number 4 -Id 'pair-sync' -Kind 'change' -Title 'Copy bos-pool-se.northwind.com''s data to aus-pool-se.northwind.com now' -Expect 'The command completes without error.' -Duration '00:01:00'
Confirm-FwStep -Number 4
if ($Rehearse) { Write-FwRehearsal -Number 4 } else {
Invoke-CsBackupServiceSync -PoolFqdn 'bos-pool-se.northwind.com'  # fw:step 4
}
Complete-FwStep -Number 4

# ---- Step 5 [check] pair-backup-status
Write-FwStep -Number 5 -Id 'pair-backup-status' -Kind 'check' -Title 'Check the Backup Service from bos-pool-se.northwind.com' -Expect 'The UserData modules of bos-pool-se.northwind.com are in SteadyState.' -Duration '00:01:00'
Get-CsBackupServiceStatus -PoolFqdn 'bos-pool-se.northwind.com' -Category UserData | Tee-Object -Variable FwOut | Out-Host  # fw:step 5
Test-FwShows -Number 5 -Output $FwOut -Shows 'SteadyState'
Confirm-FwCheck -Number 5
Complete-FwStep -Number 5

# ---- Stage 2: the deployment must stand as the plan expects before it.
Write-Host ''
Write-Host '=== Stage 2 of 7: Move the Central Management store to bos-pool-se.northwind.com' -ForegroundColor Cyan
$FwDrift.Clear()
$FwUnchecked.Clear()
Test-FwFact -Path 'pools[bos-pool-15.northwind.com].backupPool' -Expected 'aus-pool-15.northwind.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-15.northwind.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'pools[bos-pool-se.northwind.com].backupPool' -Expected 'aus-pool-se.northwind.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-se.northwind.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'cms.pool' -Expected 'bos-pool-15.northwind.com' -Where 'Active' -Property 'PoolFqdn' -Probe { Get-CsService -CentralManagement }
Test-FwFact -Path 'pools[bos-edge-01.northwind.com].nextHop' -Expected 'Registrar:bos-pool-15.northwind.com' -Probe { (Get-CsService -EdgeServer -PoolFqdn 'bos-edge-01.northwind.com').Registrar }
Test-FwFact -Path 'branches[prov-sba-01.northwind.com].backupRegistrar' -Expected 'Registrar:bos-pool-15.northwind.com' -Probe { (Get-CsService -Registrar -PoolFqdn 'prov-sba-01.northwind.com').BackupRegistrar }
Complete-FwPreflight -Stage 'cms'
Write-Host '    Stage 2 preflight passed.' -ForegroundColor Green

# ---- Step 6 [change] cms-database
Write-FwStep -Number 6 -Id 'cms-database' -Kind 'change' -Title 'Create the Central Management store on bos-pool-se.northwind.com''s back end' -Expect 'The command completes: the xds and lis databases exist on bos-sqlse-ag.northwind.com.' -Duration '00:15:00'
Confirm-FwStep -Number 6
Install-CsDatabase -CentralManagementDatabase -SqlServerFqdn 'bos-sqlse-ag.northwind.com' -WhatIf:$Rehearse -Confirm:$false  # fw:step 6
Complete-FwStep -Number 6

# ---- Step 7 [change] cms-move
Write-FwStep -Number 7 -Id 'cms-move' -Kind 'change' -Title 'Move the Central Management store to bos-pool-se.northwind.com' -Expect 'The Proposed State names bos-pool-se.northwind.com; the command lists the computers where local setup must run.' -Duration '00:30:00'
Confirm-FwStep -Number 7
Move-CsManagementServer -WhatIf:$Rehearse -Confirm:$false  # fw:step 7
Get-CsService -CentralManagement | Out-Host  # fw:verify 7
Complete-FwStep -Number 7

# ---- Step 8 [manual] cms-setup
Write-FwStep -Number 8 -Id 'cms-setup' -Kind 'manual' -Title 'Run local setup where Move-CsManagementServer lists' -Expect 'Setup completes on every listed server.' -Duration '00:20:00'
Wait-FwAcknowledge -Number 8 -Instructions 'Run local setup (Bootstrapper.exe) on the servers of bos-pool-15.northwind.com (bos-fe15-01.northwind.com, bos-fe15-02.northwind.com, bos-fe15-03.northwind.com), which removes the inactive Central Management service, and on the other Front End Servers of bos-pool-se.northwind.com.'
Complete-FwStep -Number 8

# ---- Step 9 [check] cms-where
Write-FwStep -Number 9 -Id 'cms-where' -Kind 'check' -Title 'Check where the Central Management store is' -Expect 'The active Central Management service is on bos-pool-se.northwind.com.' -Duration '00:01:00'
Get-CsService -CentralManagement | Tee-Object -Variable FwOut | Out-Host  # fw:step 9
Test-FwShows -Number 9 -Output $FwOut -Shows 'bos-pool-se.northwind.com'
Confirm-FwCheck -Number 9
Complete-FwStep -Number 9

# ---- Step 10 [check] cms-replicas
Write-FwStep -Number 10 -Id 'cms-replicas' -Kind 'check' -Title 'Check that every replica is up to date' -Expect 'Every replica reports UpToDate True.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus | Out-Host  # fw:step 10
Confirm-FwCheck -Number 10
Complete-FwStep -Number 10

# ---- Stage 3: the deployment must stand as the plan expects before it.
Write-Host ''
Write-Host '=== Stage 3 of 7: Move 4,500 users to bos-pool-se.northwind.com (batch 1 of 2)' -ForegroundColor Cyan
$FwDrift.Clear()
$FwUnchecked.Clear()
Test-FwFact -Path 'pools[bos-pool-15.northwind.com].backupPool' -Expected 'aus-pool-15.northwind.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-15.northwind.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'pools[bos-pool-se.northwind.com].backupPool' -Expected 'aus-pool-se.northwind.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-se.northwind.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'cms.pool' -Expected 'bos-pool-se.northwind.com' -Where 'Active' -Property 'PoolFqdn' -Probe { Get-CsService -CentralManagement }
Test-FwFact -Path 'pools[bos-edge-01.northwind.com].nextHop' -Expected 'Registrar:bos-pool-15.northwind.com' -Probe { (Get-CsService -EdgeServer -PoolFqdn 'bos-edge-01.northwind.com').Registrar }
Test-FwFact -Path 'branches[prov-sba-01.northwind.com].backupRegistrar' -Expected 'Registrar:bos-pool-15.northwind.com' -Probe { (Get-CsService -Registrar -PoolFqdn 'prov-sba-01.northwind.com').BackupRegistrar }
Complete-FwPreflight -Stage 'users-1'
Write-Host '    Stage 3 preflight passed.' -ForegroundColor Green

# ---- Step 11 [change] users-1-sample-1
Write-FwStep -Number 11 -Id 'users-1-sample-1' -Kind 'change' -Title 'Move sip:dana@northwind.com to bos-pool-se.northwind.com' -Expect 'The command completes; Get-CsUserPoolInfo shows bos-pool-se.northwind.com as the user''s primary pool.' -Duration '00:01:00'
Confirm-FwStep -Number 11
Move-CsUser -Identity 'sip:dana@northwind.com' -Target 'bos-pool-se.northwind.com' -WhatIf:$Rehearse -Confirm:$false  # fw:step 11
Get-CsUserPoolInfo -Identity 'sip:dana@northwind.com' | Out-Host  # fw:verify 11
Complete-FwStep -Number 11

# ---- Step 12 [manual] users-1-move
Write-FwStep -Number 12 -Id 'users-1-move' -Kind 'manual' -Title 'Move 4,500 users of bos-pool-15.northwind.com to bos-pool-se.northwind.com' -Expect '4,500 more users are homed on bos-pool-se.northwind.com; none of the moves reported an error.' -Duration '00:50:00'
Wait-FwAcknowledge -Number 12 -Instructions 'Move 4,500 users homed on bos-pool-15.northwind.com: Get-CsUser -Filter {RegistrarPool -eq ''bos-pool-15.northwind.com''} -ResultSize 4500 | Move-CsUser -Target ''bos-pool-se.northwind.com'' -Confirm:$false. Do not use -Force: it discards the users'' contacts and meetings.'
Complete-FwStep -Number 12

# ---- Step 13 [check] users-1-check
Write-FwStep -Number 13 -Id 'users-1-check' -Kind 'check' -Title 'Check where sip:dana@northwind.com registers' -Expect 'PrimaryPoolFqdn is bos-pool-se.northwind.com and BackupPoolFqdn is aus-pool-se.northwind.com.' -Duration '00:01:00'
Get-CsUserPoolInfo -Identity 'sip:dana@northwind.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 13
Test-FwShows -Number 13 -Output $FwOut -Shows 'aus-pool-se.northwind.com'
Confirm-FwCheck -Number 13
Complete-FwStep -Number 13

# ---- Stage 4: the deployment must stand as the plan expects before it.
Write-Host ''
Write-Host '=== Stage 4 of 7: Move 4,500 users to bos-pool-se.northwind.com (batch 2 of 2)' -ForegroundColor Cyan
$FwDrift.Clear()
$FwUnchecked.Clear()
Test-FwFact -Path 'pools[bos-pool-15.northwind.com].backupPool' -Expected 'aus-pool-15.northwind.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-15.northwind.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'pools[bos-pool-se.northwind.com].backupPool' -Expected 'aus-pool-se.northwind.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-se.northwind.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'cms.pool' -Expected 'bos-pool-se.northwind.com' -Where 'Active' -Property 'PoolFqdn' -Probe { Get-CsService -CentralManagement }
Test-FwFact -Path 'pools[bos-edge-01.northwind.com].nextHop' -Expected 'Registrar:bos-pool-15.northwind.com' -Probe { (Get-CsService -EdgeServer -PoolFqdn 'bos-edge-01.northwind.com').Registrar }
Test-FwFact -Path 'branches[prov-sba-01.northwind.com].backupRegistrar' -Expected 'Registrar:bos-pool-15.northwind.com' -Probe { (Get-CsService -Registrar -PoolFqdn 'prov-sba-01.northwind.com').BackupRegistrar }
Complete-FwPreflight -Stage 'users-2'
Write-Host '    Stage 4 preflight passed.' -ForegroundColor Green

# ---- Step 14 [manual] users-2-move
Write-FwStep -Number 14 -Id 'users-2-move' -Kind 'manual' -Title 'Move 4,500 users of bos-pool-15.northwind.com to bos-pool-se.northwind.com' -Expect '4,500 more users are homed on bos-pool-se.northwind.com; none of the moves reported an error.' -Duration '00:50:00'
Wait-FwAcknowledge -Number 14 -Instructions 'Move 4,500 users homed on bos-pool-15.northwind.com: Get-CsUser -Filter {RegistrarPool -eq ''bos-pool-15.northwind.com''} -ResultSize 4500 | Move-CsUser -Target ''bos-pool-se.northwind.com'' -Confirm:$false. Do not use -Force: it discards the users'' contacts and meetings.'
Complete-FwStep -Number 14

# ---- Step 15 [check] users-2-check
Write-FwStep -Number 15 -Id 'users-2-check' -Kind 'check' -Title 'Check where sip:dana@northwind.com registers' -Expect 'PrimaryPoolFqdn is bos-pool-se.northwind.com and BackupPoolFqdn is aus-pool-se.northwind.com.' -Duration '00:01:00'
Get-CsUserPoolInfo -Identity 'sip:dana@northwind.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 15
Test-FwShows -Number 15 -Output $FwOut -Shows 'aus-pool-se.northwind.com'
Confirm-FwCheck -Number 15
Complete-FwStep -Number 15

# ---- Stage 5: the deployment must stand as the plan expects before it.
Write-Host ''
Write-Host '=== Stage 5 of 7: Point the Edge next hop at bos-pool-se.northwind.com' -ForegroundColor Cyan
$FwDrift.Clear()
$FwUnchecked.Clear()
Test-FwFact -Path 'pools[bos-pool-15.northwind.com].backupPool' -Expected 'aus-pool-15.northwind.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-15.northwind.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'pools[bos-pool-se.northwind.com].backupPool' -Expected 'aus-pool-se.northwind.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-se.northwind.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'cms.pool' -Expected 'bos-pool-se.northwind.com' -Where 'Active' -Property 'PoolFqdn' -Probe { Get-CsService -CentralManagement }
Test-FwFact -Path 'pools[bos-edge-01.northwind.com].nextHop' -Expected 'Registrar:bos-pool-15.northwind.com' -Probe { (Get-CsService -EdgeServer -PoolFqdn 'bos-edge-01.northwind.com').Registrar }
Test-FwFact -Path 'branches[prov-sba-01.northwind.com].backupRegistrar' -Expected 'Registrar:bos-pool-15.northwind.com' -Probe { (Get-CsService -Registrar -PoolFqdn 'prov-sba-01.northwind.com').BackupRegistrar }
Complete-FwPreflight -Stage 'edge'
Write-Host '    Stage 5 preflight passed.' -ForegroundColor Green

# ---- Step 16 [check] edge-next-hop-check-bos-edge-01.northwind.com
Write-FwStep -Number 16 -Id 'edge-next-hop-check-bos-edge-01.northwind.com' -Kind 'check' -Title 'Check the next hop of Edge pool bos-edge-01.northwind.com' -Expect 'The Edge service of bos-edge-01.northwind.com lists Registrar:bos-pool-15.northwind.com as its next hop.' -Duration '00:01:00'
Get-CsService -EdgeServer -PoolFqdn 'bos-edge-01.northwind.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 16
Test-FwShows -Number 16 -Output $FwOut -Shows 'Registrar:bos-pool-15.northwind.com'
Confirm-FwCheck -Number 16
Complete-FwStep -Number 16

# ---- Step 17 [change] edge-next-hop-bos-edge-01.northwind.com
Write-FwStep -Number 17 -Id 'edge-next-hop-bos-edge-01.northwind.com' -Kind 'change' -Title 'Point Edge pool bos-edge-01.northwind.com at bos-pool-se.northwind.com' -Expect 'The Edge service now lists Registrar:bos-pool-se.northwind.com.' -Duration '00:05:00'
Confirm-FwStep -Number 17
Set-CsEdgeServer -Identity 'EdgeServer:bos-edge-01.northwind.com' -Registrar 'Registrar:bos-pool-se.northwind.com' -WhatIf:$Rehearse -Confirm:$false  # fw:step 17
Get-CsService -EdgeServer -PoolFqdn 'bos-edge-01.northwind.com' | Out-Host  # fw:verify 17
Complete-FwStep -Number 17

# ---- Stage 6: the deployment must stand as the plan expects before it.
Write-Host ''
Write-Host '=== Stage 6 of 7: Make bos-pool-se.northwind.com the branches'' backup registrar' -ForegroundColor Cyan
$FwDrift.Clear()
$FwUnchecked.Clear()
Test-FwFact -Path 'pools[bos-pool-15.northwind.com].backupPool' -Expected 'aus-pool-15.northwind.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-15.northwind.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'pools[bos-pool-se.northwind.com].backupPool' -Expected 'aus-pool-se.northwind.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-se.northwind.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'cms.pool' -Expected 'bos-pool-se.northwind.com' -Where 'Active' -Property 'PoolFqdn' -Probe { Get-CsService -CentralManagement }
Test-FwFact -Path 'pools[bos-edge-01.northwind.com].nextHop' -Expected 'Registrar:bos-pool-se.northwind.com' -Probe { (Get-CsService -EdgeServer -PoolFqdn 'bos-edge-01.northwind.com').Registrar }
Test-FwFact -Path 'branches[prov-sba-01.northwind.com].backupRegistrar' -Expected 'Registrar:bos-pool-15.northwind.com' -Probe { (Get-CsService -Registrar -PoolFqdn 'prov-sba-01.northwind.com').BackupRegistrar }
Complete-FwPreflight -Stage 'branches'
Write-Host '    Stage 6 preflight passed.' -ForegroundColor Green

# ---- Step 18 [manual] branch-prov-sba-01.northwind.com
Write-FwStep -Number 18 -Id 'branch-prov-sba-01.northwind.com' -Kind 'manual' -Title 'Make bos-pool-se.northwind.com the backup registrar of prov-sba-01.northwind.com' -Expect 'Get-CsService -Registrar lists prov-sba-01.northwind.com with bos-pool-se.northwind.com as its backup registrar.' -Duration '00:20:00'
Wait-FwAcknowledge -Number 18 -Instructions 'In Topology Builder, edit the branch site of prov-sba-01.northwind.com: set its Resiliency backup registrar to bos-pool-se.northwind.com, publish the topology and run Setup on the appliance.'
Complete-FwStep -Number 18

# ---- Step 19 [check] branch-check
Write-FwStep -Number 19 -Id 'branch-check' -Kind 'check' -Title 'Check the registrars' -Expect 'Each branch appliance lists bos-pool-se.northwind.com as its backup registrar.' -Duration '00:01:00'
Get-CsService -Registrar | Tee-Object -Variable FwOut | Out-Host  # fw:step 19
Test-FwShows -Number 19 -Output $FwOut -Shows 'bos-pool-se.northwind.com'
Confirm-FwCheck -Number 19
Complete-FwStep -Number 19

# ---- Stage 7: the deployment must stand as the plan expects before it.
Write-Host ''
Write-Host '=== Stage 7 of 7: Remove the pairing of bos-pool-15.northwind.com' -ForegroundColor Cyan
Write-Warning 'The riskiest stage: after it, losing site Austin would leave 8,000 users without disaster recovery: aus-pool-15.northwind.com (8,000 users) has no backup pool.'
$FwDrift.Clear()
$FwUnchecked.Clear()
Test-FwFact -Path 'pools[bos-pool-15.northwind.com].backupPool' -Expected 'aus-pool-15.northwind.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-15.northwind.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'pools[bos-pool-se.northwind.com].backupPool' -Expected 'aus-pool-se.northwind.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-se.northwind.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'cms.pool' -Expected 'bos-pool-se.northwind.com' -Where 'Active' -Property 'PoolFqdn' -Probe { Get-CsService -CentralManagement }
Test-FwFact -Path 'pools[bos-edge-01.northwind.com].nextHop' -Expected 'Registrar:bos-pool-se.northwind.com' -Probe { (Get-CsService -EdgeServer -PoolFqdn 'bos-edge-01.northwind.com').Registrar }
Test-FwFact -Path 'branches[prov-sba-01.northwind.com].backupRegistrar' -Expected 'Registrar:bos-pool-se.northwind.com' -Probe { (Get-CsService -Registrar -PoolFqdn 'prov-sba-01.northwind.com').BackupRegistrar }
Complete-FwPreflight -Stage 'unpair'
Write-Host '    Stage 7 preflight passed.' -ForegroundColor Green

# ---- Step 20 [manual] unpair-publish
Write-FwStep -Number 20 -Id 'unpair-publish' -Kind 'manual' -Title 'Remove the pairing of bos-pool-15.northwind.com' -Expect 'Get-CsPoolBackupRelationship -PoolFqdn ''bos-pool-15.northwind.com'' names no backup pool.' -Duration '00:30:00'
Wait-FwAcknowledge -Number 20 -Instructions 'In Topology Builder, clear the associated backup pool of bos-pool-15.northwind.com (and so of aus-pool-15.northwind.com), publish the topology and run Setup on the servers of both pools.'
Complete-FwStep -Number 20

# ---- Step 21 [check] unpair-new-pair
Write-FwStep -Number 21 -Id 'unpair-new-pair' -Kind 'check' -Title 'Check the backup relationship of bos-pool-se.northwind.com' -Expect 'The backup pool of bos-pool-se.northwind.com is still aus-pool-se.northwind.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-se.northwind.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 21
Test-FwShows -Number 21 -Output $FwOut -Shows 'aus-pool-se.northwind.com'
Confirm-FwCheck -Number 21
Complete-FwStep -Number 21

Write-Host ''
Write-Host 'Plan complete (21 steps). Predicted RTO 00:00:00, data loss 00:00:00.' -ForegroundColor Green
$FwLog.Completed = $true
} catch {
    $FwLog.RunError = $_.Exception.Message
    throw
} finally {
    try { Close-FwLog } finally { Stop-Transcript | Out-Null }
}
