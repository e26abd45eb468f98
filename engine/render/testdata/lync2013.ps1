#Requires -Version 3.0
# failwright plan: fail red-pool-01.contoso.com over to chi-pool-01.contoso.com (disaster)
#   plan ID:     a2424770-6ad5-5810-a074-a53fc3c40de5
#   fingerprint: ad6db59dd478d40031856705cbfa32d66738ea62dff706d5790089aab96b12ff
#   topology:    Contoso (Lync Server 2013)
#   format:      2
# Run it in the Skype for Business Server Management Shell on a Front End of chi-pool-01.contoso.com.
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

$FwPlanId = 'a2424770-6ad5-5810-a074-a53fc3c40de5'
$FwFingerprint = 'ad6db59dd478d40031856705cbfa32d66738ea62dff706d5790089aab96b12ff'
$FwTopology = 'Contoso (Lync Server 2013)'
$FwTitle = 'fail red-pool-01.contoso.com over to chi-pool-01.contoso.com (disaster)'
$FwAlt_cms_failover = ''

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
Write-Host 'failwright plan a2424770-6ad5-5810-a074-a53fc3c40de5: fail red-pool-01.contoso.com over to chi-pool-01.contoso.com (disaster)'
Write-Host ('Topology: ' + $FwTopology + '  fingerprint: ' + $FwFingerprint)
if ($Rehearse) { Write-Host 'REHEARSAL: every changing cmdlet runs with -WhatIf.' -ForegroundColor Yellow }

# ---- Preflight: the deployment must still be what the plan assumed.
Write-Host ''
Write-Host '=== Preflight: checking the facts the plan relies on' -ForegroundColor Cyan
if (-not (Get-Command -Name 'Invoke-CsPoolFailOver' -ErrorAction SilentlyContinue)) {
    throw 'Run this script in the Skype for Business Server (or Lync Server) Management Shell: Invoke-CsPoolFailOver is not available.'
}
Test-FwFact -Path 'cms.pool' -Expected 'red-pool-01.contoso.com' -Where 'Active' -Property 'PoolFqdn' -Probe { Get-CsService -CentralManagement }
Test-FwFact -Path 'pools[chi-pool-01.contoso.com].backEnd.fqdn' -Expected 'UserDatabase:chi-sql-01.contoso.com' -Probe { (Get-CsPool -Identity 'chi-pool-01.contoso.com').Services }
Write-Host '    skip   pools[chi-pool-01.contoso.com].backEnd.instance = rtc (checked with the SQL server)'
Test-FwFact -Path 'pools[chi-pool-01.contoso.com].backEnd.mirror.fqdn' -Expected 'chi-sql-02.contoso.com' -Probe { (Get-CsService -UserDatabase -PoolFqdn 'chi-pool-01.contoso.com').MirrorSqlServer }
Write-Host '    skip   pools[chi-pool-01.contoso.com].backEnd.mirror.instance = rtc (checked with the SQL server)'
Test-FwFact -Path 'pools[chi-pool-01.contoso.com].backupPool' -Expected 'red-pool-01.contoso.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'chi-pool-01.contoso.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'pools[chi-pool-01.contoso.com].role' -Expected 'Registrar:chi-pool-01.contoso.com' -Probe { (Get-CsPool -Identity 'chi-pool-01.contoso.com').Services }
Test-FwFact -Path 'pools[chi-pool-01.contoso.com].site' -Expected 'Site:Chicago','Chicago' -Probe { (Get-CsPool -Identity 'chi-pool-01.contoso.com').Site }
Test-FwFact -Path 'pools[chi-pool-01.contoso.com].version' -Expected '6' -Exact -Probe { (Get-CsService -Registrar -PoolFqdn 'chi-pool-01.contoso.com').Version }
Test-FwFact -Path 'pools[red-pool-01.contoso.com].backupPool' -Expected 'chi-pool-01.contoso.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'red-pool-01.contoso.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'pools[red-pool-01.contoso.com].role' -Expected 'Registrar:red-pool-01.contoso.com' -Probe { (Get-CsPool -Identity 'red-pool-01.contoso.com').Services }
Test-FwFact -Path 'pools[red-pool-01.contoso.com].site' -Expected 'Site:Redmond','Redmond' -Probe { (Get-CsPool -Identity 'red-pool-01.contoso.com').Site }
Test-FwFact -Path 'pools[red-pool-01.contoso.com].version' -Expected '6' -Exact -Probe { (Get-CsService -Registrar -PoolFqdn 'red-pool-01.contoso.com').Version }
Complete-FwPreflight
Write-Host '    Preflight passed.' -ForegroundColor Green

# ======== Central Management store (cms)
Write-Host ''
Write-Host '######## Central Management store' -ForegroundColor Magenta

# ---- Step 1 [check] cms-locate
Write-FwStep -Number 1 -Id 'cms-locate' -Kind 'check' -Title 'Find the pool that hosts the Central Management store' -Expect 'The -WhatIf output names red-pool-01.contoso.com as the pool hosting the Central Management store.' -Duration '00:01:00'
Invoke-CsManagementServerFailover -WhatIf | Tee-Object -Variable FwOut | Out-Host  # fw:step 1
Test-FwShows -Number 1 -Output $FwOut -Shows 'red-pool-01.contoso.com'
Confirm-FwCheck -Number 1
Complete-FwStep -Number 1

# ---- Step 2 [check] cms-backup-relationship
Write-FwStep -Number 2 -Id 'cms-backup-relationship' -Kind 'check' -Title 'Find the backup pool of the CMS pool' -Expect 'The backup pool of red-pool-01.contoso.com is chi-pool-01.contoso.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'red-pool-01.contoso.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 2
Test-FwShows -Number 2 -Output $FwOut -Shows 'chi-pool-01.contoso.com'
Confirm-FwCheck -Number 2
Complete-FwStep -Number 2

# ---- Step 3 [check] cms-status
Write-FwStep -Number 3 -Id 'cms-status' -Kind 'check' -Title 'Check whether the Central Management store answers' -Expect 'ActiveMasterFqdn and ActiveFileTransferAgents are empty, or name red-pool-01.contoso.com, which is being lost: the CMS must be failed over first.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Out-Host  # fw:step 3
Confirm-FwCheck -Number 3
Complete-FwStep -Number 3

# ---- Step 4 [check] cms-mirror-state
Write-FwStep -Number 4 -Id 'cms-mirror-state' -Kind 'check' -Title 'See which back end of chi-pool-01.contoso.com holds the CMS principal' -Expect 'StateOnPrimary and StateOnMirror show which SQL server holds the principal copy of the CMS database.' -Duration '00:01:00'
Get-CsDatabaseMirrorState -DatabaseType CMS -PoolFqdn 'chi-pool-01.contoso.com' | Out-Host  # fw:step 4
Confirm-FwCheck -Number 4
Complete-FwStep -Number 4

# ---- Step 5 [change] cms-failover
Write-FwStep -Number 5 -Id 'cms-failover' -Kind 'change' -Title 'Fail the CMS over to chi-pool-01.contoso.com (principal on the primary)' -Expect 'The command completes; the CMS database on chi-pool-01.contoso.com becomes the active store.' -Duration '00:05:00' -When 'Get-CsDatabaseMirrorState shows StateOnPrimary Principal'
if (Select-FwAlternative -Number 5 -When 'Get-CsDatabaseMirrorState shows StateOnPrimary Principal' -Done:($FwAlt_cms_failover -eq 'done')) {
    Confirm-FwStep -Number 5
    try {
        Invoke-CsManagementServerFailover -BackupSqlServerFqdn 'chi-sql-01.contoso.com' -BackupSqlInstanceName 'rtc' -BackupMirrorSqlServerFqdn 'chi-sql-02.contoso.com' -BackupMirrorSqlInstanceName 'rtc' -Force -WhatIf:$Rehearse -Confirm:$false  # fw:step 5
        $FwAlt_cms_failover = 'done'
    } catch {
        Set-FwStepOutcome -Outcome 'failed' -Message $_.Exception.Message
        if (-not $NoConfirm) { throw }
        Write-Warning ('Step 5 failed: ' + $_.Exception.Message + ' Trying the next alternative.')
    }
    if ($FwAlt_cms_failover -eq 'done') {
        Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Out-Host  # fw:verify 5
    }
}
Complete-FwStep -Number 5

# ---- Step 6 [change] cms-failover-mirror
Write-FwStep -Number 6 -Id 'cms-failover-mirror' -Kind 'change' -Title 'Fail the CMS over to chi-pool-01.contoso.com (principal on the mirror)' -Expect 'The command completes; the CMS database on chi-pool-01.contoso.com becomes the active store.' -Duration '00:05:00' -When 'Get-CsDatabaseMirrorState shows StateOnMirror Principal'
if (Select-FwAlternative -Number 6 -When 'Get-CsDatabaseMirrorState shows StateOnMirror Principal' -Done:($FwAlt_cms_failover -eq 'done')) {
    Confirm-FwStep -Number 6
    try {
        Invoke-CsManagementServerFailover -BackupSqlServerFqdn 'chi-sql-02.contoso.com' -BackupSqlInstanceName 'rtc' -Force -WhatIf:$Rehearse -Confirm:$false  # fw:step 6
        $FwAlt_cms_failover = 'done'
    } catch {
        Set-FwStepOutcome -Outcome 'failed' -Message $_.Exception.Message
        if (-not $NoConfirm) { throw }
        Write-Warning ('Step 6 failed: ' + $_.Exception.Message + ' Trying the next alternative.')
    }
    if ($FwAlt_cms_failover -eq 'done') {
        Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Out-Host  # fw:verify 6
    }
}
Complete-FwStep -Number 6
if ($FwAlt_cms_failover -ne 'done') { throw 'None of the alternative steps (cms-failover) ran: the plan cannot go on.' }

# ---- Step 7 [check] cms-verify
Write-FwStep -Number 7 -Id 'cms-verify' -Kind 'check' -Title 'Check that the CMS is active on chi-pool-01.contoso.com' -Expect 'ActiveMasterFqdn and ActiveFileTransferAgents now name chi-pool-01.contoso.com.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Tee-Object -Variable FwOut | Out-Host  # fw:step 7
Test-FwShows -Number 7 -Output $FwOut -Shows 'chi-pool-01.contoso.com'
Confirm-FwCheck -Number 7
Complete-FwStep -Number 7

# ---- Step 8 [check] cms-replicas
Write-FwStep -Number 8 -Id 'cms-replicas' -Kind 'check' -Title 'Check that every replica is up to date' -Expect 'Every replica reports UpToDate True.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus | Out-Host  # fw:step 8
Confirm-FwCheck -Number 8
Complete-FwStep -Number 8

# ======== Pool failover (pool)
Write-Host ''
Write-Host '######## Pool failover' -ForegroundColor Magenta

# ---- Step 9 [check] backup-relationship
Write-FwStep -Number 9 -Id 'backup-relationship' -Kind 'check' -Title 'Check the backup relationship of red-pool-01.contoso.com' -Expect 'The backup pool of red-pool-01.contoso.com is chi-pool-01.contoso.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'red-pool-01.contoso.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 9
Test-FwShows -Number 9 -Output $FwOut -Shows 'chi-pool-01.contoso.com'
Confirm-FwCheck -Number 9
Complete-FwStep -Number 9

# ---- Step 10 [check] backup-status
Write-FwStep -Number 10 -Id 'backup-status' -Kind 'check' -Title 'Check the Backup Service on chi-pool-01.contoso.com' -Expect 'The status of chi-pool-01.contoso.com is returned; the last sync time of the red-pool-01.contoso.com to chi-pool-01.contoso.com direction bounds the data lost (up to 00:30:00 is expected).' -Duration '00:01:00'
Get-CsBackupServiceStatus -PoolFqdn 'chi-pool-01.contoso.com' -Category UserData | Out-Host  # fw:step 10
Confirm-FwCheck -Number 10
Complete-FwStep -Number 10

# ---- Step 11 [change] pool-failover
Write-FwStep -Number 11 -Id 'pool-failover' -Kind 'change' -Title 'Fail red-pool-01.contoso.com over to chi-pool-01.contoso.com' -Expect 'The verbose output ends without error; the users of red-pool-01.contoso.com get full service from chi-pool-01.contoso.com.' -Duration '00:07:10'
Confirm-FwStep -Number 11
Invoke-CsPoolFailOver -PoolFqdn 'red-pool-01.contoso.com' -DisasterMode -Verbose -WhatIf:$Rehearse -Confirm:$false  # fw:step 11
Get-CsUserPoolInfo -Identity 'sip:alice@contoso.com' | Out-Host  # fw:verify 11
Get-CsPoolFabricState -PoolFqdn 'chi-pool-01.contoso.com' | Out-Host  # fw:verify 11
Get-CsBackupServiceStatus -PoolFqdn 'chi-pool-01.contoso.com' -Category UserData | Out-Host  # fw:verify 11
Complete-FwStep -Number 11

# ======== Response Groups (response-groups)
Write-Host ''
Write-Host '######## Response Groups' -ForegroundColor Magenta

# ---- Step 12 [manual] rgs-import
Write-FwStep -Number 12 -Id 'rgs-import' -Kind 'manual' -Title 'Import the Response Groups of red-pool-01.contoso.com into chi-pool-01.contoso.com' -Expect 'The imported workflows answer on chi-pool-01.contoso.com; they keep red-pool-01.contoso.com as their owner, so manage them with the shell until failback.' -Duration '00:20:00'
Wait-FwAcknowledge -Number 12 -Instructions 'Import the Response Group export of red-pool-01.contoso.com: Import-CsRgsConfiguration -Destination ''ApplicationServer:chi-pool-01.contoso.com'' -FileName <file> (add -ReplaceExistingSettings only to take over its application-level settings). Formal agents sign in to their groups again.'
Complete-FwStep -Number 12

# ======== Call Park and announcements (call-park)
Write-Host ''
Write-Host '######## Call Park and announcements' -ForegroundColor Magenta

# ---- Step 13 [manual] call-park
Write-FwStep -Number 13 -Id 'call-park' -Kind 'manual' -Title 'Redirect the Call Park orbits of red-pool-01.contoso.com' -Expect 'Parked calls in those ranges are served by chi-pool-01.contoso.com.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 13 -Instructions 'For each Call Park and Group Call Pickup orbit range of red-pool-01.contoso.com: Set-CsCallParkOrbit -Identity <range> -CallParkService ''ApplicationServer:chi-pool-01.contoso.com''.'
Complete-FwStep -Number 13

# ---- Step 14 [manual] announcements
Write-FwStep -Number 14 -Id 'announcements' -Kind 'manual' -Title 'Re-create announcements and unassigned numbers on chi-pool-01.contoso.com' -Expect 'Calls to unassigned numbers hear the announcements from chi-pool-01.contoso.com.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 14 -Instructions 'Make sure the announcements of red-pool-01.contoso.com exist on chi-pool-01.contoso.com and point each unassigned-number range at them: Set-CsUnassignedNumber -Identity <range> -AnnouncementService ''ApplicationServer:chi-pool-01.contoso.com'' -AnnouncementName <name>. Not needed for ranges served by Exchange UM auto attendants.'
Complete-FwStep -Number 14

# ======== Location database (E9-1-1) (location)
Write-Host ''
Write-Host '######## Location database (E9-1-1)' -ForegroundColor Magenta

# ---- Step 15 [manual] lis-restore
Write-FwStep -Number 15 -Id 'lis-restore' -Kind 'manual' -Title 'Restore the Location Information Service data into chi-pool-01.contoso.com' -Expect 'Locations, subnets and switches of red-pool-01.contoso.com''s sites are served from chi-pool-01.contoso.com.' -Duration '00:15:00'
Wait-FwAcknowledge -Number 15 -Instructions 'Import your latest Export-CsLisConfiguration backup of red-pool-01.contoso.com''s E9-1-1 locations into chi-pool-01.contoso.com (Import-CsLisConfiguration -FileName <file>), then publish them: Publish-CsLisConfiguration.'
Complete-FwStep -Number 15

# ======== Verification (verify)
Write-Host ''
Write-Host '######## Verification' -ForegroundColor Magenta

# ---- Step 16 [check] verify-registration
Write-FwStep -Number 16 -Id 'verify-registration' -Kind 'check' -Title 'Verify sign-in' -Expect 'Result : Success for sip:alice@contoso.com (a user of red-pool-01.contoso.com).' -Duration '00:01:00'
Test-CsRegistration -TargetFqdn 'chi-pool-01.contoso.com' -UserSipAddress 'sip:alice@contoso.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 16
Test-FwShows -Number 16 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 16
Complete-FwStep -Number 16

# ---- Step 17 [check] verify-im
Write-FwStep -Number 17 -Id 'verify-im' -Kind 'check' -Title 'Verify IM and presence' -Expect 'Result : Success for sip:alice@contoso.com (a user of red-pool-01.contoso.com).' -Duration '00:01:00'
Test-CsIM -TargetFqdn 'chi-pool-01.contoso.com' -SenderSipAddress 'sip:alice@contoso.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 17
Test-FwShows -Number 17 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 17
Complete-FwStep -Number 17

# ---- Step 18 [check] verify-presence
Write-FwStep -Number 18 -Id 'verify-presence' -Kind 'check' -Title 'Verify IM and presence' -Expect 'Result : Success for sip:alice@contoso.com (a user of red-pool-01.contoso.com).' -Duration '00:01:00'
Test-CsPresence -TargetFqdn 'chi-pool-01.contoso.com' -SubscriberSipAddress 'sip:alice@contoso.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 18
Test-FwShows -Number 18 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 18
Complete-FwStep -Number 18

# ---- Step 19 [check] verify-peer-calls
Write-FwStep -Number 19 -Id 'verify-peer-calls' -Kind 'check' -Title 'Verify Peer calls' -Expect 'Result : Success for sip:alice@contoso.com (a user of red-pool-01.contoso.com).' -Duration '00:01:00'
Test-CsP2PAV -TargetFqdn 'chi-pool-01.contoso.com' -SenderSipAddress 'sip:alice@contoso.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 19
Test-FwShows -Number 19 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 19
Complete-FwStep -Number 19

# ---- Step 20 [check] verify-conferencing
Write-FwStep -Number 20 -Id 'verify-conferencing' -Kind 'check' -Title 'Verify A/V conferencing on chi-pool-01.contoso.com' -Expect 'Result : Success for sip:alice@contoso.com (a user of red-pool-01.contoso.com).' -Duration '00:01:00'
Test-CsAVConference -TargetFqdn 'chi-pool-01.contoso.com' -SenderSipAddress 'sip:alice@contoso.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 20
Test-FwShows -Number 20 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 20
Complete-FwStep -Number 20

# ---- Step 21 [check] verify-meetings
Write-FwStep -Number 21 -Id 'verify-meetings' -Kind 'check' -Title 'Verify Meetings (web services and the Meet simple URL)' -Expect 'Result : Success for sip:alice@contoso.com (a user of red-pool-01.contoso.com).' -Duration '00:01:00'
Test-CsUcwaConference -TargetFqdn 'chi-pool-01.contoso.com' -OrganizerSipAddress 'sip:alice@contoso.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 21
Test-FwShows -Number 21 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 21
Complete-FwStep -Number 21

Write-Host ''
Write-Host 'Plan complete (21 steps). Predicted RTO 00:20:05, data loss 00:01:59.' -ForegroundColor Green
Write-Host 'Predicted per feature: IM and presence 00:20:05, Peer calls 00:02:00, Meetings 00:20:05.'
$FwLog.Completed = $true
} catch {
    $FwLog.RunError = $_.Exception.Message
    throw
} finally {
    try { Close-FwLog } finally { Stop-Transcript | Out-Null }
}
