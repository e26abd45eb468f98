#Requires -Version 3.0
# failwright plan: fail fra-pool-01.northwindtraders.com over to ams-pool-01.northwindtraders.com (planned), then fail it back
#   plan ID:     cb85723d-91e6-50c9-bede-4b6d59ab9cbd
#   fingerprint: e1a23be7226dc1ca42a9a1dad9acb59abe8b70f98b59080c5456f8c41cb9b517
#   topology:    Northwind Traders (SfB 2019, 16 Front End Servers)
#   format:      2
# Run it in the Skype for Business Server Management Shell on a Front End of ams-pool-01.northwindtraders.com.
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

$FwPlanId = 'cb85723d-91e6-50c9-bede-4b6d59ab9cbd'
$FwFingerprint = 'e1a23be7226dc1ca42a9a1dad9acb59abe8b70f98b59080c5456f8c41cb9b517'
$FwTopology = 'Northwind Traders (SfB 2019, 16 Front End Servers)'
$FwTitle = 'fail fra-pool-01.northwindtraders.com over to ams-pool-01.northwindtraders.com (planned), then fail it back'

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
Write-Host 'failwright plan cb85723d-91e6-50c9-bede-4b6d59ab9cbd: fail fra-pool-01.northwindtraders.com over to ams-pool-01.northwindtraders.com (planned), then fail it back'
Write-Host ('Topology: ' + $FwTopology + '  fingerprint: ' + $FwFingerprint)
if ($Rehearse) { Write-Host 'REHEARSAL: every changing cmdlet runs with -WhatIf.' -ForegroundColor Yellow }

# ---- Preflight: the deployment must still be what the plan assumed.
Write-Host ''
Write-Host '=== Preflight: checking the facts the plan relies on' -ForegroundColor Cyan
if (-not (Get-Command -Name 'Invoke-CsPoolFailOver' -ErrorAction SilentlyContinue)) {
    throw 'Run this script in the Skype for Business Server (or Lync Server) Management Shell: Invoke-CsPoolFailOver is not available.'
}
Test-FwFact -Path 'cms.pool' -Expected 'fra-pool-01.northwindtraders.com' -Where 'Active' -Property 'PoolFqdn' -Probe { Get-CsService -CentralManagement }
Test-FwFact -Path 'pools[ams-pool-01.northwindtraders.com].backEnd.fqdn' -Expected 'UserDatabase:ams-sql-ag.northwindtraders.com' -Probe { (Get-CsPool -Identity 'ams-pool-01.northwindtraders.com').Services }
Write-Host '    skip   pools[ams-pool-01.northwindtraders.com].backEnd.instance = (none) (checked with the SQL server)'
Write-Host '    skip   pools[ams-pool-01.northwindtraders.com].backEnd.mirror.fqdn = (none) (no mirror)'
Write-Host '    skip   pools[ams-pool-01.northwindtraders.com].backEnd.mirror.instance = (none) (checked with the SQL server)'
Test-FwFact -Path 'pools[ams-pool-01.northwindtraders.com].backupPool' -Expected 'fra-pool-01.northwindtraders.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'ams-pool-01.northwindtraders.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'pools[ams-pool-01.northwindtraders.com].role' -Expected 'Registrar:ams-pool-01.northwindtraders.com' -Probe { (Get-CsPool -Identity 'ams-pool-01.northwindtraders.com').Services }
Test-FwFact -Path 'pools[ams-pool-01.northwindtraders.com].site' -Expected 'Site:Amsterdam','Amsterdam' -Probe { (Get-CsPool -Identity 'ams-pool-01.northwindtraders.com').Site }
Test-FwFact -Path 'pools[ams-pool-01.northwindtraders.com].version' -Expected '8' -Exact -Probe { (Get-CsService -Registrar -PoolFqdn 'ams-pool-01.northwindtraders.com').Version }
Test-FwFact -Path 'pools[fra-edge-01.northwindtraders.com].nextHop' -Expected 'Registrar:fra-dir-01.northwindtraders.com' -Probe { (Get-CsService -EdgeServer -PoolFqdn 'fra-edge-01.northwindtraders.com').Registrar }
Test-FwFact -Path 'pools[fra-pool-01.northwindtraders.com].backupPool' -Expected 'ams-pool-01.northwindtraders.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'fra-pool-01.northwindtraders.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'pools[fra-pool-01.northwindtraders.com].role' -Expected 'Registrar:fra-pool-01.northwindtraders.com' -Probe { (Get-CsPool -Identity 'fra-pool-01.northwindtraders.com').Services }
Test-FwFact -Path 'pools[fra-pool-01.northwindtraders.com].site' -Expected 'Site:Frankfurt','Frankfurt' -Probe { (Get-CsPool -Identity 'fra-pool-01.northwindtraders.com').Site }
Test-FwFact -Path 'pools[fra-pool-01.northwindtraders.com].version' -Expected '8' -Exact -Probe { (Get-CsService -Registrar -PoolFqdn 'fra-pool-01.northwindtraders.com').Version }
Complete-FwPreflight
Write-Host '    Preflight passed.' -ForegroundColor Green

# ======== Central Management store (cms)
Write-Host ''
Write-Host '######## Central Management store' -ForegroundColor Magenta

# ---- Step 1 [check] cms-locate
Write-FwStep -Number 1 -Id 'cms-locate' -Kind 'check' -Title 'Find the pool that hosts the Central Management store' -Expect 'The -WhatIf output names fra-pool-01.northwindtraders.com as the pool hosting the Central Management store.' -Duration '00:01:00'
Invoke-CsManagementServerFailover -WhatIf | Tee-Object -Variable FwOut | Out-Host  # fw:step 1
Test-FwShows -Number 1 -Output $FwOut -Shows 'fra-pool-01.northwindtraders.com'
Confirm-FwCheck -Number 1
Complete-FwStep -Number 1

# ---- Step 2 [check] cms-backup-relationship
Write-FwStep -Number 2 -Id 'cms-backup-relationship' -Kind 'check' -Title 'Find the backup pool of the CMS pool' -Expect 'The backup pool of fra-pool-01.northwindtraders.com is ams-pool-01.northwindtraders.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'fra-pool-01.northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 2
Test-FwShows -Number 2 -Output $FwOut -Shows 'ams-pool-01.northwindtraders.com'
Confirm-FwCheck -Number 2
Complete-FwStep -Number 2

# ---- Step 3 [check] cms-status
Write-FwStep -Number 3 -Id 'cms-status' -Kind 'check' -Title 'Check whether the Central Management store answers' -Expect 'ActiveMasterFqdn and ActiveFileTransferAgents are empty, or name fra-pool-01.northwindtraders.com, which is being lost: the CMS must be failed over first.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Out-Host  # fw:step 3
Confirm-FwCheck -Number 3
Complete-FwStep -Number 3

# ---- Step 4 [change] cms-failover
Write-FwStep -Number 4 -Id 'cms-failover' -Kind 'change' -Title 'Fail the Central Management store over to ams-pool-01.northwindtraders.com' -Expect 'The command waits for replication to finish, makes the store on fra-pool-01.northwindtraders.com read-only and activates the standby on ams-pool-01.northwindtraders.com.' -Duration '00:05:00'
Confirm-FwStep -Number 4
Invoke-CsManagementServerFailover -WhatIf:$Rehearse -Confirm:$false  # fw:step 4
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Out-Host  # fw:verify 4
Complete-FwStep -Number 4

# ---- Step 5 [check] cms-replicas
Write-FwStep -Number 5 -Id 'cms-replicas' -Kind 'check' -Title 'Check that every replica is up to date' -Expect 'Every replica reports UpToDate True.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus | Out-Host  # fw:step 5
Confirm-FwCheck -Number 5
Complete-FwStep -Number 5

# ======== Pool failover (pool)
Write-Host ''
Write-Host '######## Pool failover' -ForegroundColor Magenta

# ---- Step 6 [check] backup-relationship
Write-FwStep -Number 6 -Id 'backup-relationship' -Kind 'check' -Title 'Check the backup relationship of fra-pool-01.northwindtraders.com' -Expect 'The backup pool of fra-pool-01.northwindtraders.com is ams-pool-01.northwindtraders.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'fra-pool-01.northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 6
Test-FwShows -Number 6 -Output $FwOut -Shows 'ams-pool-01.northwindtraders.com'
Confirm-FwCheck -Number 6
Complete-FwStep -Number 6

# ---- Step 7 [check] backup-status
Write-FwStep -Number 7 -Id 'backup-status' -Kind 'check' -Title 'Check the Backup Service from fra-pool-01.northwindtraders.com' -Expect 'The UserData modules of fra-pool-01.northwindtraders.com are in SteadyState: changes reach ams-pool-01.northwindtraders.com within one sync interval.' -Duration '00:01:00'
Get-CsBackupServiceStatus -PoolFqdn 'fra-pool-01.northwindtraders.com' -Category UserData | Tee-Object -Variable FwOut | Out-Host  # fw:step 7
Test-FwShows -Number 7 -Output $FwOut -Shows 'SteadyState'
Confirm-FwCheck -Number 7
Complete-FwStep -Number 7

# ---- Step 8 [change] pool-failover
Write-FwStep -Number 8 -Id 'pool-failover' -Kind 'change' -Title 'Fail fra-pool-01.northwindtraders.com over to ams-pool-01.northwindtraders.com' -Expect 'The verbose output shows fra-pool-01.northwindtraders.com going read-only, the final-state backup and the hydration of its routing groups on ams-pool-01.northwindtraders.com; the Backup Service from fra-pool-01.northwindtraders.com reports FinalState.' -Duration '00:32:50'
Confirm-FwStep -Number 8
Invoke-CsPoolFailOver -PoolFqdn 'fra-pool-01.northwindtraders.com' -Verbose -WhatIf:$Rehearse -Confirm:$false  # fw:step 8
Get-CsUserPoolInfo -Identity 'sip:heidi@northwindtraders.com' | Out-Host  # fw:verify 8
Get-CsPoolFabricState -PoolFqdn 'ams-pool-01.northwindtraders.com' | Out-Host  # fw:verify 8
Get-CsBackupServiceStatus -PoolFqdn 'fra-pool-01.northwindtraders.com' -Category UserData | Out-Host  # fw:verify 8
Complete-FwStep -Number 8

# ======== Response Groups (response-groups)
Write-Host ''
Write-Host '######## Response Groups' -ForegroundColor Magenta

# ---- Step 9 [manual] rgs-check
Write-FwStep -Number 9 -Id 'rgs-check' -Kind 'manual' -Title 'Check the Response Group copy on ams-pool-01.northwindtraders.com' -Expect 'The Response Groups of fra-pool-01.northwindtraders.com answer on ams-pool-01.northwindtraders.com.' -Duration '00:05:00'
Wait-FwAcknowledge -Number 9 -Instructions 'If the Response Group backup of the July 2019 cumulative update is enabled, run Get-CsBackupServiceStatus -PoolFqdn ''ams-pool-01.northwindtraders.com'' -Category RGS and expect steady state; otherwise import the Response Group export of fra-pool-01.northwindtraders.com with Import-CsRgsConfiguration -Destination ''ApplicationServer:ams-pool-01.northwindtraders.com'' -FileName <file>.'
Complete-FwStep -Number 9

# ======== Call Park and announcements (call-park)
Write-Host ''
Write-Host '######## Call Park and announcements' -ForegroundColor Magenta

# ---- Step 10 [manual] call-park
Write-FwStep -Number 10 -Id 'call-park' -Kind 'manual' -Title 'Redirect the Call Park orbits of fra-pool-01.northwindtraders.com' -Expect 'Parked calls in those ranges are served by ams-pool-01.northwindtraders.com.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 10 -Instructions 'For each Call Park and Group Call Pickup orbit range of fra-pool-01.northwindtraders.com: Set-CsCallParkOrbit -Identity <range> -CallParkService ''ApplicationServer:ams-pool-01.northwindtraders.com''.'
Complete-FwStep -Number 10

# ---- Step 11 [manual] announcements
Write-FwStep -Number 11 -Id 'announcements' -Kind 'manual' -Title 'Re-create announcements and unassigned numbers on ams-pool-01.northwindtraders.com' -Expect 'Calls to unassigned numbers hear the announcements from ams-pool-01.northwindtraders.com.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 11 -Instructions 'Make sure the announcements of fra-pool-01.northwindtraders.com exist on ams-pool-01.northwindtraders.com and point each unassigned-number range at them: Set-CsUnassignedNumber -Identity <range> -AnnouncementService ''ApplicationServer:ams-pool-01.northwindtraders.com'' -AnnouncementName <name>. Not needed for ranges served by Exchange UM auto attendants.'
Complete-FwStep -Number 11

# ======== Location database (E9-1-1) (location)
Write-Host ''
Write-Host '######## Location database (E9-1-1)' -ForegroundColor Magenta

# ---- Step 12 [manual] lis-restore
Write-FwStep -Number 12 -Id 'lis-restore' -Kind 'manual' -Title 'Restore the Location Information Service data into ams-pool-01.northwindtraders.com' -Expect 'Locations, subnets and switches of fra-pool-01.northwindtraders.com''s sites are served from ams-pool-01.northwindtraders.com.' -Duration '00:15:00'
Wait-FwAcknowledge -Number 12 -Instructions 'Import your latest Export-CsLisConfiguration backup of fra-pool-01.northwindtraders.com''s E9-1-1 locations into ams-pool-01.northwindtraders.com (Import-CsLisConfiguration -FileName <file>), then publish them: Publish-CsLisConfiguration.'
Complete-FwStep -Number 12

# ======== Verification (verify)
Write-Host ''
Write-Host '######## Verification' -ForegroundColor Magenta

# ---- Step 13 [check] verify-registration
Write-FwStep -Number 13 -Id 'verify-registration' -Kind 'check' -Title 'Verify sign-in' -Expect 'Result : Success for sip:heidi@northwindtraders.com (a user of fra-pool-01.northwindtraders.com).' -Duration '00:01:00'
Test-CsRegistration -TargetFqdn 'ams-pool-01.northwindtraders.com' -UserSipAddress 'sip:heidi@northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 13
Test-FwShows -Number 13 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 13
Complete-FwStep -Number 13

# ---- Step 14 [check] verify-im
Write-FwStep -Number 14 -Id 'verify-im' -Kind 'check' -Title 'Verify IM and presence' -Expect 'Result : Success for sip:heidi@northwindtraders.com (a user of fra-pool-01.northwindtraders.com).' -Duration '00:01:00'
Test-CsIM -TargetFqdn 'ams-pool-01.northwindtraders.com' -SenderSipAddress 'sip:heidi@northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 14
Test-FwShows -Number 14 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 14
Complete-FwStep -Number 14

# ---- Step 15 [check] verify-presence
Write-FwStep -Number 15 -Id 'verify-presence' -Kind 'check' -Title 'Verify IM and presence' -Expect 'Result : Success for sip:heidi@northwindtraders.com (a user of fra-pool-01.northwindtraders.com).' -Duration '00:01:00'
Test-CsPresence -TargetFqdn 'ams-pool-01.northwindtraders.com' -SubscriberSipAddress 'sip:heidi@northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 15
Test-FwShows -Number 15 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 15
Complete-FwStep -Number 15

# ---- Step 16 [check] verify-peer-calls
Write-FwStep -Number 16 -Id 'verify-peer-calls' -Kind 'check' -Title 'Verify Peer calls' -Expect 'Result : Success for sip:heidi@northwindtraders.com (a user of fra-pool-01.northwindtraders.com).' -Duration '00:01:00'
Test-CsP2PAV -TargetFqdn 'ams-pool-01.northwindtraders.com' -SenderSipAddress 'sip:heidi@northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 16
Test-FwShows -Number 16 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 16
Complete-FwStep -Number 16

# ---- Step 17 [check] verify-conferencing
Write-FwStep -Number 17 -Id 'verify-conferencing' -Kind 'check' -Title 'Verify A/V conferencing on ams-pool-01.northwindtraders.com' -Expect 'Result : Success for sip:heidi@northwindtraders.com (a user of fra-pool-01.northwindtraders.com).' -Duration '00:01:00'
Test-CsAVConference -TargetFqdn 'ams-pool-01.northwindtraders.com' -SenderSipAddress 'sip:heidi@northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 17
Test-FwShows -Number 17 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 17
Complete-FwStep -Number 17

# ---- Step 18 [check] verify-meetings
Write-FwStep -Number 18 -Id 'verify-meetings' -Kind 'check' -Title 'Verify Meetings (web services and the Meet simple URL)' -Expect 'Result : Success for sip:heidi@northwindtraders.com (a user of fra-pool-01.northwindtraders.com).' -Duration '00:01:00'
Test-CsUcwaConference -TargetFqdn 'ams-pool-01.northwindtraders.com' -OrganizerSipAddress 'sip:heidi@northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 18
Test-FwShows -Number 18 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 18
Complete-FwStep -Number 18

# ---- Step 19 [manual] verify-federation
Write-FwStep -Number 19 -Id 'verify-federation' -Kind 'manual' -Title 'Verify federation through fra-edge-01.northwindtraders.com' -Expect 'Result : Success for sip:heidi@northwindtraders.com (a user of fra-pool-01.northwindtraders.com).' -Duration '00:01:00'
Wait-FwAcknowledge -Number 19 -Instructions 'Run Test-CsFederatedPartner -TargetFqdn ''fra-edge-01.northwindtraders.com'' -Domain <a federated partner''s domain>, with a value of your deployment for -Domain.'
Complete-FwStep -Number 19

# ======== Failback of the pool (failback)
Write-Host ''
Write-Host '######## Failback of the pool' -ForegroundColor Magenta

# ---- Step 20 [wait] home-ready
Write-FwStep -Number 20 -Id 'home-ready' -Kind 'wait' -Title 'Wait until fra-pool-01.northwindtraders.com is repaired' -Expect 'The maintenance of fra-pool-01.northwindtraders.com is done.' -Duration '00:00:00'
Wait-FwAcknowledge -Number 20 -Instructions 'Finish the maintenance of fra-pool-01.northwindtraders.com and leave its servers running.'
Complete-FwStep -Number 20

# ---- Step 21 [check] failback-relationship
Write-FwStep -Number 21 -Id 'failback-relationship' -Kind 'check' -Title 'Check the backup relationship before failback' -Expect 'The backup pool of fra-pool-01.northwindtraders.com is still ams-pool-01.northwindtraders.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'fra-pool-01.northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 21
Test-FwShows -Number 21 -Output $FwOut -Shows 'ams-pool-01.northwindtraders.com'
Confirm-FwCheck -Number 21
Complete-FwStep -Number 21

# ---- Step 22 [change] pool-failback
Write-FwStep -Number 22 -Id 'pool-failback' -Kind 'change' -Title 'Fail fra-pool-01.northwindtraders.com back from ams-pool-01.northwindtraders.com' -Expect 'The verbose output ends without error (if it reports that hydration failed after repeated attempts, run it again); the users of fra-pool-01.northwindtraders.com are served at home.' -Duration '02:45:06'
Confirm-FwStep -Number 22
Invoke-CsPoolFailBack -PoolFqdn 'fra-pool-01.northwindtraders.com' -Verbose -WhatIf:$Rehearse -Confirm:$false  # fw:step 22
Get-CsUserPoolInfo -Identity 'sip:heidi@northwindtraders.com' | Out-Host  # fw:verify 22
Get-CsPoolFabricState -PoolFqdn 'fra-pool-01.northwindtraders.com' | Out-Host  # fw:verify 22
Get-CsBackupServiceStatus -PoolFqdn 'fra-pool-01.northwindtraders.com' -Category UserData | Out-Host  # fw:verify 22
Complete-FwStep -Number 22

# ======== group failback-response-groups
Write-Host ''
Write-Host '######## Failback: Response Groups' -ForegroundColor Magenta

# ---- Step 23 [manual] rgs-back
Write-FwStep -Number 23 -Id 'rgs-back' -Kind 'manual' -Title 'Bring the Response Groups back to fra-pool-01.northwindtraders.com' -Expect 'The Response Groups of fra-pool-01.northwindtraders.com answer at home; agents sign in again.' -Duration '00:20:00'
Wait-FwAcknowledge -Number 23 -Instructions 'If the 2019 Response Group backup is not enabled, Import-CsRgsConfiguration -Destination ''ApplicationServer:fra-pool-01.northwindtraders.com'' -FileName <file>, then remove the imported copies from ams-pool-01.northwindtraders.com if you like. Otherwise nothing to do.'
Complete-FwStep -Number 23

# ======== group failback-call-park
Write-Host ''
Write-Host '######## Failback: Call Park and announcements' -ForegroundColor Magenta

# ---- Step 24 [manual] call-park-back
Write-FwStep -Number 24 -Id 'call-park-back' -Kind 'manual' -Title 'Point the Call Park orbits back at fra-pool-01.northwindtraders.com' -Expect 'Parked calls in those ranges are served by fra-pool-01.northwindtraders.com.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 24 -Instructions 'For each Call Park and Group Call Pickup orbit range of fra-pool-01.northwindtraders.com: Set-CsCallParkOrbit -Identity <range> -CallParkService ''ApplicationServer:fra-pool-01.northwindtraders.com''.'
Complete-FwStep -Number 24

# ---- Step 25 [manual] announcements-back
Write-FwStep -Number 25 -Id 'announcements-back' -Kind 'manual' -Title 'Point unassigned numbers back at fra-pool-01.northwindtraders.com' -Expect 'Calls to unassigned numbers hear the announcements from fra-pool-01.northwindtraders.com.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 25 -Instructions 'Make sure the announcements of fra-pool-01.northwindtraders.com exist on fra-pool-01.northwindtraders.com and point each unassigned-number range at them: Set-CsUnassignedNumber -Identity <range> -AnnouncementService ''ApplicationServer:fra-pool-01.northwindtraders.com'' -AnnouncementName <name>. Not needed for ranges served by Exchange UM auto attendants.'
Complete-FwStep -Number 25

# ======== group failback-location
Write-Host ''
Write-Host '######## Failback: location database' -ForegroundColor Magenta

# ---- Step 26 [manual] lis-back
Write-FwStep -Number 26 -Id 'lis-back' -Kind 'manual' -Title 'Serve the locations of fra-pool-01.northwindtraders.com from its own database again' -Expect 'The Location Information Service of fra-pool-01.northwindtraders.com answers with every location again.' -Duration '00:15:00'
Wait-FwAcknowledge -Number 26 -Instructions 'If locations changed while on ams-pool-01.northwindtraders.com, export them there (Export-CsLisConfiguration -FileName <file>) and import them into fra-pool-01.northwindtraders.com (Import-CsLisConfiguration -FileName <file>); then Publish-CsLisConfiguration.'
Complete-FwStep -Number 26

# ======== group failback-verify
Write-Host ''
Write-Host '######## Failback: verification' -ForegroundColor Magenta

# ---- Step 27 [check] failback-verify-registration
Write-FwStep -Number 27 -Id 'failback-verify-registration' -Kind 'check' -Title 'Verify sign-in' -Expect 'Result : Success for sip:heidi@northwindtraders.com (a user of fra-pool-01.northwindtraders.com).' -Duration '00:01:00'
Test-CsRegistration -TargetFqdn 'fra-pool-01.northwindtraders.com' -UserSipAddress 'sip:heidi@northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 27
Test-FwShows -Number 27 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 27
Complete-FwStep -Number 27

# ---- Step 28 [check] failback-verify-im
Write-FwStep -Number 28 -Id 'failback-verify-im' -Kind 'check' -Title 'Verify IM and presence' -Expect 'Result : Success for sip:heidi@northwindtraders.com (a user of fra-pool-01.northwindtraders.com).' -Duration '00:01:00'
Test-CsIM -TargetFqdn 'fra-pool-01.northwindtraders.com' -SenderSipAddress 'sip:heidi@northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 28
Test-FwShows -Number 28 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 28
Complete-FwStep -Number 28

# ---- Step 29 [check] failback-verify-presence
Write-FwStep -Number 29 -Id 'failback-verify-presence' -Kind 'check' -Title 'Verify IM and presence' -Expect 'Result : Success for sip:heidi@northwindtraders.com (a user of fra-pool-01.northwindtraders.com).' -Duration '00:01:00'
Test-CsPresence -TargetFqdn 'fra-pool-01.northwindtraders.com' -SubscriberSipAddress 'sip:heidi@northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 29
Test-FwShows -Number 29 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 29
Complete-FwStep -Number 29

# ---- Step 30 [check] failback-verify-peer-calls
Write-FwStep -Number 30 -Id 'failback-verify-peer-calls' -Kind 'check' -Title 'Verify Peer calls' -Expect 'Result : Success for sip:heidi@northwindtraders.com (a user of fra-pool-01.northwindtraders.com).' -Duration '00:01:00'
Test-CsP2PAV -TargetFqdn 'fra-pool-01.northwindtraders.com' -SenderSipAddress 'sip:heidi@northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 30
Test-FwShows -Number 30 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 30
Complete-FwStep -Number 30

# ---- Step 31 [check] failback-verify-conferencing
Write-FwStep -Number 31 -Id 'failback-verify-conferencing' -Kind 'check' -Title 'Verify A/V conferencing on fra-pool-01.northwindtraders.com' -Expect 'Result : Success for sip:heidi@northwindtraders.com (a user of fra-pool-01.northwindtraders.com).' -Duration '00:01:00'
Test-CsAVConference -TargetFqdn 'fra-pool-01.northwindtraders.com' -SenderSipAddress 'sip:heidi@northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 31
Test-FwShows -Number 31 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 31
Complete-FwStep -Number 31

# ---- Step 32 [check] failback-verify-meetings
Write-FwStep -Number 32 -Id 'failback-verify-meetings' -Kind 'check' -Title 'Verify Meetings (web services and the Meet simple URL)' -Expect 'Result : Success for sip:heidi@northwindtraders.com (a user of fra-pool-01.northwindtraders.com).' -Duration '00:01:00'
Test-CsUcwaConference -TargetFqdn 'fra-pool-01.northwindtraders.com' -OrganizerSipAddress 'sip:heidi@northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 32
Test-FwShows -Number 32 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 32
Complete-FwStep -Number 32

# ---- Step 33 [manual] failback-verify-federation
Write-FwStep -Number 33 -Id 'failback-verify-federation' -Kind 'manual' -Title 'Verify federation through fra-edge-01.northwindtraders.com' -Expect 'Result : Success for sip:heidi@northwindtraders.com (a user of fra-pool-01.northwindtraders.com).' -Duration '00:01:00'
Wait-FwAcknowledge -Number 33 -Instructions 'Run Test-CsFederatedPartner -TargetFqdn ''fra-edge-01.northwindtraders.com'' -Domain <a federated partner''s domain>, with a value of your deployment for -Domain.'
Complete-FwStep -Number 33

Write-Host ''
Write-Host 'Plan complete (33 steps). Predicted RTO 00:00:00, data loss 00:00:00.' -ForegroundColor Green
$FwLog.Completed = $true
} catch {
    $FwLog.RunError = $_.Exception.Message
    throw
} finally {
    try { Close-FwLog } finally { Stop-Transcript | Out-Null }
}
