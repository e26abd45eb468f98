#Requires -Version 3.0
# failwright plan: fail dfw-cs-001.litwareinc.com over to atl-cs-001.litwareinc.com (disaster)
#   plan ID:     3fb64e5c-89ee-52c5-b986-a26dabc6f9a0
#   fingerprint: 2b5e5c066be278e65dda87367126f79a06743d385b77653d60f1538944d9bd40
#   topology:    Litware, Inc.
#   format:      2
# Run it in the Skype for Business Server Management Shell on a Front End of atl-cs-001.litwareinc.com.
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

$FwPlanId = '3fb64e5c-89ee-52c5-b986-a26dabc6f9a0'
$FwFingerprint = '2b5e5c066be278e65dda87367126f79a06743d385b77653d60f1538944d9bd40'
$FwTopology = 'Litware, Inc.'
$FwTitle = 'fail dfw-cs-001.litwareinc.com over to atl-cs-001.litwareinc.com (disaster)'

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
Write-Host 'failwright plan 3fb64e5c-89ee-52c5-b986-a26dabc6f9a0: fail dfw-cs-001.litwareinc.com over to atl-cs-001.litwareinc.com (disaster)'
Write-Host ('Topology: ' + $FwTopology + '  fingerprint: ' + $FwFingerprint)
if ($Rehearse) { Write-Host 'REHEARSAL: every changing cmdlet runs with -WhatIf.' -ForegroundColor Yellow }

# ---- Preflight: the deployment must still be what the plan assumed.
Write-Host ''
Write-Host '=== Preflight: checking the facts the plan relies on' -ForegroundColor Cyan
if (-not (Get-Command -Name 'Invoke-CsPoolFailOver' -ErrorAction SilentlyContinue)) {
    throw 'Run this script in the Skype for Business Server (or Lync Server) Management Shell: Invoke-CsPoolFailOver is not available.'
}
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

# ---- Step 1 [check] edge-next-hop-check-dfw-edge-001.litwareinc.com
Write-FwStep -Number 1 -Id 'edge-next-hop-check-dfw-edge-001.litwareinc.com' -Kind 'check' -Title 'Check the next hop of Edge pool dfw-edge-001.litwareinc.com' -Expect 'The Edge service of dfw-edge-001.litwareinc.com lists Registrar:dfw-cs-001.litwareinc.com as its next hop.' -Duration '00:01:00'
Get-CsService -EdgeServer -PoolFqdn 'dfw-edge-001.litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 1
Test-FwShows -Number 1 -Output $FwOut -Shows 'Registrar:dfw-cs-001.litwareinc.com'
Confirm-FwCheck -Number 1
Complete-FwStep -Number 1

# ---- Step 2 [change] edge-next-hop-dfw-edge-001.litwareinc.com
Write-FwStep -Number 2 -Id 'edge-next-hop-dfw-edge-001.litwareinc.com' -Kind 'change' -Title 'Point Edge pool dfw-edge-001.litwareinc.com at atl-cs-001.litwareinc.com' -Expect 'The command completes without error; the Edge service now lists Registrar:atl-cs-001.litwareinc.com.' -Duration '00:05:00'
Confirm-FwStep -Number 2
Set-CsEdgeServer -Identity 'EdgeServer:dfw-edge-001.litwareinc.com' -Registrar 'Registrar:atl-cs-001.litwareinc.com' -WhatIf:$Rehearse -Confirm:$false  # fw:step 2
Get-CsService -EdgeServer -PoolFqdn 'dfw-edge-001.litwareinc.com' | Out-Host  # fw:verify 2
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
Write-FwStep -Number 5 -Id 'cms-status' -Kind 'check' -Title 'Check whether the Central Management store answers' -Expect 'ActiveMasterFqdn and ActiveFileTransferAgents name atl-cs-001.litwareinc.com: the CMS is up and stays where it is.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Out-Host  # fw:step 5
Confirm-FwCheck -Number 5
Complete-FwStep -Number 5

# ======== Pool failover (pool)
Write-Host ''
Write-Host '######## Pool failover' -ForegroundColor Magenta

# ---- Step 6 [check] backup-relationship
Write-FwStep -Number 6 -Id 'backup-relationship' -Kind 'check' -Title 'Check the backup relationship of dfw-cs-001.litwareinc.com' -Expect 'The backup pool of dfw-cs-001.litwareinc.com is atl-cs-001.litwareinc.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'dfw-cs-001.litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 6
Test-FwShows -Number 6 -Output $FwOut -Shows 'atl-cs-001.litwareinc.com'
Confirm-FwCheck -Number 6
Complete-FwStep -Number 6

# ---- Step 7 [check] backup-status
Write-FwStep -Number 7 -Id 'backup-status' -Kind 'check' -Title 'Check the Backup Service on atl-cs-001.litwareinc.com' -Expect 'The status of atl-cs-001.litwareinc.com is returned; the last sync time of the dfw-cs-001.litwareinc.com to atl-cs-001.litwareinc.com direction bounds the data lost (up to 00:05:00 is expected).' -Duration '00:01:00'
Get-CsBackupServiceStatus -PoolFqdn 'atl-cs-001.litwareinc.com' -Category UserData | Out-Host  # fw:step 7
Confirm-FwCheck -Number 7
Complete-FwStep -Number 7

# ---- Step 8 [change] pool-failover
Write-FwStep -Number 8 -Id 'pool-failover' -Kind 'change' -Title 'Fail dfw-cs-001.litwareinc.com over to atl-cs-001.litwareinc.com' -Expect 'The verbose output ends without error; the users of dfw-cs-001.litwareinc.com get full service from atl-cs-001.litwareinc.com.' -Duration '00:11:13'
Confirm-FwStep -Number 8
Invoke-CsPoolFailOver -PoolFqdn 'dfw-cs-001.litwareinc.com' -DisasterMode -Verbose -WhatIf:$Rehearse -Confirm:$false  # fw:step 8
Get-CsUserPoolInfo -Identity 'sip:davidlongmuir@litwareinc.com' | Out-Host  # fw:verify 8
Get-CsPoolFabricState -PoolFqdn 'atl-cs-001.litwareinc.com' | Out-Host  # fw:verify 8
Get-CsBackupServiceStatus -PoolFqdn 'atl-cs-001.litwareinc.com' -Category UserData | Out-Host  # fw:verify 8
Complete-FwStep -Number 8

# ======== DNS and simple URLs (dns)
Write-Host ''
Write-Host '######## DNS and simple URLs' -ForegroundColor Magenta

# ---- Step 9 [manual] dns-check-meet
Write-FwStep -Number 9 -Id 'dns-check-meet' -Kind 'manual' -Title 'Check that meet.litwareinc.com answers with atl-cs-001.litwareinc.com' -Expect 'meet.litwareinc.com resolves to the web services of atl-cs-001.litwareinc.com (atl-cs-001-ext.litwareinc.com); nothing to change.' -Duration '00:01:00'
Wait-FwAcknowledge -Number 9 -Instructions 'meet.litwareinc.com is published by GeoDNS (Litware GeoDNS), which answers with a pool whose web services are up by itself: resolve it inside and outside (Resolve-DnsName ''meet.litwareinc.com'') and check the answer. If it does not resolve, the DNS provider does not answer: bring it back or publish the name another way.'
Complete-FwStep -Number 9

# ---- Step 10 [manual] dns-check-dialin
Write-FwStep -Number 10 -Id 'dns-check-dialin' -Kind 'manual' -Title 'Check that dialin.litwareinc.com answers with atl-cs-001.litwareinc.com' -Expect 'dialin.litwareinc.com resolves to the web services of atl-cs-001.litwareinc.com (atl-cs-001-ext.litwareinc.com); nothing to change.' -Duration '00:01:00'
Wait-FwAcknowledge -Number 10 -Instructions 'dialin.litwareinc.com is published by GeoDNS (Litware GeoDNS), which answers with a pool whose web services are up by itself: resolve it inside and outside (Resolve-DnsName ''dialin.litwareinc.com'') and check the answer. If it does not resolve, the DNS provider does not answer: bring it back or publish the name another way.'
Complete-FwStep -Number 10

# ======== Call Park and announcements (call-park)
Write-Host ''
Write-Host '######## Call Park and announcements' -ForegroundColor Magenta

# ---- Step 11 [manual] call-park
Write-FwStep -Number 11 -Id 'call-park' -Kind 'manual' -Title 'Redirect the Call Park orbits of dfw-cs-001.litwareinc.com' -Expect 'Parked calls in those ranges are served by atl-cs-001.litwareinc.com.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 11 -Instructions 'For each Call Park and Group Call Pickup orbit range of dfw-cs-001.litwareinc.com: Set-CsCallParkOrbit -Identity <range> -CallParkService ''ApplicationServer:atl-cs-001.litwareinc.com''.'
Complete-FwStep -Number 11

# ======== Verification (verify)
Write-Host ''
Write-Host '######## Verification' -ForegroundColor Magenta

# ---- Step 12 [check] verify-registration
Write-FwStep -Number 12 -Id 'verify-registration' -Kind 'check' -Title 'Verify sign-in' -Expect 'Result : Success for sip:davidlongmuir@litwareinc.com (a user of dfw-cs-001.litwareinc.com).' -Duration '00:01:00'
Test-CsRegistration -TargetFqdn 'atl-cs-001.litwareinc.com' -UserSipAddress 'sip:davidlongmuir@litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 12
Test-FwShows -Number 12 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 12
Complete-FwStep -Number 12

# ---- Step 13 [check] verify-im
Write-FwStep -Number 13 -Id 'verify-im' -Kind 'check' -Title 'Verify IM and presence' -Expect 'Result : Success for sip:davidlongmuir@litwareinc.com (a user of dfw-cs-001.litwareinc.com).' -Duration '00:01:00'
Test-CsIM -TargetFqdn 'atl-cs-001.litwareinc.com' -SenderSipAddress 'sip:davidlongmuir@litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 13
Test-FwShows -Number 13 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 13
Complete-FwStep -Number 13

# ---- Step 14 [check] verify-presence
Write-FwStep -Number 14 -Id 'verify-presence' -Kind 'check' -Title 'Verify IM and presence' -Expect 'Result : Success for sip:davidlongmuir@litwareinc.com (a user of dfw-cs-001.litwareinc.com).' -Duration '00:01:00'
Test-CsPresence -TargetFqdn 'atl-cs-001.litwareinc.com' -SubscriberSipAddress 'sip:davidlongmuir@litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 14
Test-FwShows -Number 14 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 14
Complete-FwStep -Number 14

# ---- Step 15 [check] verify-peer-calls
Write-FwStep -Number 15 -Id 'verify-peer-calls' -Kind 'check' -Title 'Verify Peer calls' -Expect 'Result : Success for sip:davidlongmuir@litwareinc.com (a user of dfw-cs-001.litwareinc.com).' -Duration '00:01:00'
Test-CsP2PAV -TargetFqdn 'atl-cs-001.litwareinc.com' -SenderSipAddress 'sip:davidlongmuir@litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 15
Test-FwShows -Number 15 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 15
Complete-FwStep -Number 15

# ---- Step 16 [check] verify-conferencing
Write-FwStep -Number 16 -Id 'verify-conferencing' -Kind 'check' -Title 'Verify A/V conferencing on atl-cs-001.litwareinc.com' -Expect 'Result : Success for sip:davidlongmuir@litwareinc.com (a user of dfw-cs-001.litwareinc.com).' -Duration '00:01:00'
Test-CsAVConference -TargetFqdn 'atl-cs-001.litwareinc.com' -SenderSipAddress 'sip:davidlongmuir@litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 16
Test-FwShows -Number 16 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 16
Complete-FwStep -Number 16

# ---- Step 17 [check] verify-meetings
Write-FwStep -Number 17 -Id 'verify-meetings' -Kind 'check' -Title 'Verify Meetings (web services and the Meet simple URL)' -Expect 'Result : Success for sip:davidlongmuir@litwareinc.com (a user of dfw-cs-001.litwareinc.com).' -Duration '00:01:00'
Test-CsUcwaConference -TargetFqdn 'atl-cs-001.litwareinc.com' -OrganizerSipAddress 'sip:davidlongmuir@litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 17
Test-FwShows -Number 17 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 17
Complete-FwStep -Number 17

# ---- Step 18 [check] verify-dialin
Write-FwStep -Number 18 -Id 'verify-dialin' -Kind 'check' -Title 'Verify dial-in conferencing (the Dial-in simple URL)' -Expect 'Result : Success for sip:davidlongmuir@litwareinc.com (a user of dfw-cs-001.litwareinc.com).' -Duration '00:01:00'
Test-CsDialInConferencing -TargetFqdn 'atl-cs-001.litwareinc.com' -UserSipAddress 'sip:davidlongmuir@litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 18
Test-FwShows -Number 18 -Output $FwOut -Shows 'Success'
Confirm-FwCheck -Number 18
Complete-FwStep -Number 18

# ---- Step 19 [manual] verify-pstn
Write-FwStep -Number 19 -Id 'verify-pstn' -Kind 'manual' -Title 'Verify PSTN calls' -Expect 'Result : Success for sip:davidlongmuir@litwareinc.com (a user of dfw-cs-001.litwareinc.com).' -Duration '00:01:00'
Wait-FwAcknowledge -Number 19 -Instructions 'Run Test-CsPstnOutboundCall -TargetFqdn ''atl-cs-001.litwareinc.com'' -UserSipAddress ''sip:davidlongmuir@litwareinc.com'' -TargetPstnPhoneNumber <a PSTN number to call>, with a value of your deployment for -TargetPstnPhoneNumber.'
Complete-FwStep -Number 19

# ---- Step 20 [manual] verify-federation
Write-FwStep -Number 20 -Id 'verify-federation' -Kind 'manual' -Title 'Verify federation through atl-edge-001.litwareinc.com' -Expect 'Result : Success for sip:davidlongmuir@litwareinc.com (a user of dfw-cs-001.litwareinc.com).' -Duration '00:01:00'
Wait-FwAcknowledge -Number 20 -Instructions 'Run Test-CsFederatedPartner -TargetFqdn ''atl-edge-001.litwareinc.com'' -Domain <a federated partner''s domain>, with a value of your deployment for -Domain.'
Complete-FwStep -Number 20

Write-Host ''
Write-Host 'Plan complete (20 steps). Predicted RTO 00:22:08, data loss 00:01:59.' -ForegroundColor Green
Write-Host 'Predicted per feature: IM and presence 00:22:08, Peer calls 00:02:00, Meetings 00:22:08, PSTN calls 00:24:13, External access and federation 00:02:00.'
$FwLog.Completed = $true
} catch {
    $FwLog.RunError = $_.Exception.Message
    throw
} finally {
    try { Close-FwLog } finally { Stop-Transcript | Out-Null }
}
