#Requires -Version 3.0
# failwright plan: fail sea-se-01.tailspintoys.com over to pdx-se-01.tailspintoys.com (disaster)
#   plan ID:     3561603c-a606-50d9-8e3f-54f8bf2171a1
#   fingerprint: d9bf9d58b5a944ec0b7ad0bb58dc899f93af4291ce4aaf483f9b3309a742ea68
#   topology:    Tailspin Toys (Standard Edition pair)
#   format:      2
# Run it in the Skype for Business Server Management Shell on a Front End of pdx-se-01.tailspintoys.com.
#   -Rehearse   every changing cmdlet runs with -WhatIf; manual steps are listed, not awaited
#   -NoConfirm  no confirmation before changing steps (manual steps still wait)
#   -LogPath    where the transcript goes (default: the current folder)
# Made by failwright. Do not edit: failwright plan --check PLAN.json TOPOLOGY tells whether it still fits.
[CmdletBinding()]
param(
    [switch]$Rehearse,
    [switch]$NoConfirm,
    [string]$LogPath = ''
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$FwPlanId = '3561603c-a606-50d9-8e3f-54f8bf2171a1'
$FwFingerprint = 'd9bf9d58b5a944ec0b7ad0bb58dc899f93af4291ce4aaf483f9b3309a742ea68'
$FwTopology = 'Tailspin Toys (Standard Edition pair)'
$FwTitle = 'fail sea-se-01.tailspintoys.com over to pdx-se-01.tailspintoys.com (disaster)'

function Write-FwStep {
    param([int]$Number, [string]$Kind, [string]$Title, [string]$Expect, [string]$Duration, [string]$When)
    Write-Host ''
    Write-Host ('=== Step {0} [{1}] {2}' -f $Number, $Kind, $Title) -ForegroundColor Cyan
    if ($When) { Write-Host ('    Only when: ' + $When) }
    Write-Host ('    Expected: ' + $Expect)
    Write-Host ('    Predicted duration: ' + $Duration)
}

function Confirm-FwStep {
    param([int]$Number)
    if ($NoConfirm) { return }
    $answer = Read-Host ('Run step {0}? Type Y to run it; anything else stops the plan' -f $Number)
    if ($answer -ne 'Y') { throw ('Stopped by the operator before step {0}.' -f $Number) }
}

function Confirm-FwCheck {
    param([int]$Number)
    if ($NoConfirm -or $Rehearse) { return }
    $answer = Read-Host ('Does the output of step {0} match the expected result? Type Y to go on; anything else stops the plan' -f $Number)
    if ($answer -ne 'Y') { throw ('Stopped by the operator at step {0}: the output did not match.' -f $Number) }
}

function Test-FwShows {
    param([int]$Number, [object]$Output, [string]$Shows)
    if (($Output | Out-String) -match [regex]::Escape($Shows)) {
        Write-Host ('    The output shows {0}, as planned.' -f $Shows)
        return
    }
    Write-Warning ('Step {0}: the output does not show {1}, which the plan expects.' -f $Number, $Shows)
    if ($Rehearse) { return }
    if ($NoConfirm) { throw ('Stopped at step {0}: the output does not show {1}.' -f $Number, $Shows) }
    $answer = Read-Host 'Type GO to go on anyway (you checked it by hand); anything else stops the plan'
    if ($answer -ne 'GO') { throw ('Stopped by the operator at step {0}.' -f $Number) }
}

function Select-FwAlternative {
    param([int]$Number, [string]$When)
    if ($NoConfirm) { return $true }
    $answer = Read-Host ('Step {0} applies only when: {1}. Does it apply? Type Y to run it, N to skip to the next alternative' -f $Number, $When)
    return ($answer -eq 'Y')
}

function Wait-FwAcknowledge {
    param([int]$Number, [string]$Instructions)
    Write-Host ('    To do: ' + $Instructions)
    if ($Rehearse) { Write-Host '    (rehearsal: not waiting)'; return }
    do { $answer = Read-Host ('Type DONE when step {0} is done' -f $Number) } while ($answer -ne 'DONE')
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

if (-not $LogPath) {
    $LogPath = Join-Path -Path (Get-Location).Path -ChildPath ('failwright-' + $FwPlanId + '-' + (Get-Date -Format 'yyyyMMdd-HHmmss') + '.log')
}
Start-Transcript -Path $LogPath -Append | Out-Null
try {
Write-Host 'failwright plan 3561603c-a606-50d9-8e3f-54f8bf2171a1: fail sea-se-01.tailspintoys.com over to pdx-se-01.tailspintoys.com (disaster)'
Write-Host ('Topology: ' + $FwTopology + '  fingerprint: ' + $FwFingerprint)
if ($Rehearse) { Write-Host 'REHEARSAL: every changing cmdlet runs with -WhatIf.' -ForegroundColor Yellow }

# ---- Preflight: the deployment must still be what the plan assumed.
Write-Host ''
Write-Host '=== Preflight: checking the facts the plan relies on' -ForegroundColor Cyan
if (-not (Get-Command -Name 'Invoke-CsPoolFailOver' -ErrorAction SilentlyContinue)) {
    throw 'Run this script in the Skype for Business Server (or Lync Server) Management Shell: Invoke-CsPoolFailOver is not available.'
}
Test-FwFact -Path 'cms.pool' -Expected 'sea-se-01.tailspintoys.com' -Where 'Active' -Property 'PoolFqdn' -Probe { Get-CsService -CentralManagement }
Test-FwFact -Path 'pools[pdx-se-01.tailspintoys.com].backEnd.fqdn' -Expected 'UserDatabase:pdx-se-01.tailspintoys.com' -Probe { (Get-CsPool -Identity 'pdx-se-01.tailspintoys.com').Services }
Write-Host '    skip   pools[pdx-se-01.tailspintoys.com].backEnd.instance = rtc (checked with the SQL server)'
Write-Host '    skip   pools[pdx-se-01.tailspintoys.com].backEnd.mirror.fqdn = (none) (no mirror)'
Write-Host '    skip   pools[pdx-se-01.tailspintoys.com].backEnd.mirror.instance = (none) (checked with the SQL server)'
Test-FwFact -Path 'pools[pdx-se-01.tailspintoys.com].backupPool' -Expected 'sea-se-01.tailspintoys.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'pdx-se-01.tailspintoys.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'pools[pdx-se-01.tailspintoys.com].role' -Expected 'Registrar:pdx-se-01.tailspintoys.com' -Probe { (Get-CsPool -Identity 'pdx-se-01.tailspintoys.com').Services }
Test-FwFact -Path 'pools[pdx-se-01.tailspintoys.com].site' -Expected 'Site:Portland','Portland' -Probe { (Get-CsPool -Identity 'pdx-se-01.tailspintoys.com').Site }
Test-FwFact -Path 'pools[pdx-se-01.tailspintoys.com].version' -Expected '7' -Exact -Probe { (Get-CsService -Registrar -PoolFqdn 'pdx-se-01.tailspintoys.com').Version }
Test-FwFact -Path 'pools[sea-se-01.tailspintoys.com].backupPool' -Expected 'pdx-se-01.tailspintoys.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'sea-se-01.tailspintoys.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'pools[sea-se-01.tailspintoys.com].role' -Expected 'Registrar:sea-se-01.tailspintoys.com' -Probe { (Get-CsPool -Identity 'sea-se-01.tailspintoys.com').Services }
Test-FwFact -Path 'pools[sea-se-01.tailspintoys.com].site' -Expected 'Site:Seattle','Seattle' -Probe { (Get-CsPool -Identity 'sea-se-01.tailspintoys.com').Site }
Test-FwFact -Path 'pools[sea-se-01.tailspintoys.com].version' -Expected '7' -Exact -Probe { (Get-CsService -Registrar -PoolFqdn 'sea-se-01.tailspintoys.com').Version }
if ($FwDrift.Count -gt 0) {
    throw ('Preflight found drift in {0} fact(s): {1}. The deployment is not the one this plan was made for; nothing was changed. Make a new plan (failwright plan) from the current topology.' -f $FwDrift.Count, ($FwDrift -join ', '))
}
if ($FwUnchecked.Count -gt 0) {
    Write-Warning ('Preflight could not read {0} fact(s): {1}. With the Central Management store down this is expected; check them by hand.' -f $FwUnchecked.Count, ($FwUnchecked -join ', '))
    if ($NoConfirm) { throw 'Preflight could not check every fact; run without -NoConfirm to go on after checking them by hand.' }
    do { $answer = Read-Host 'Type CONTINUE once you have checked them, or STOP' } while ($answer -ne 'CONTINUE' -and $answer -ne 'STOP')
    if ($answer -ne 'CONTINUE') { throw 'Stopped by the operator at the preflight.' }
}
Write-Host '    Preflight passed.' -ForegroundColor Green

# ---- Step 1 [check] cms-locate
Write-FwStep -Number 1 -Kind 'check' -Title 'Find the pool that hosts the Central Management store' -Expect 'The -WhatIf output names sea-se-01.tailspintoys.com as the pool hosting the Central Management store.' -Duration '00:01:00'
Invoke-CsManagementServerFailover -WhatIf | Tee-Object -Variable FwOut | Out-Host  # fw:step 1
Test-FwShows -Number 1 -Output $FwOut -Shows 'sea-se-01.tailspintoys.com'
Confirm-FwCheck -Number 1

# ---- Step 2 [check] cms-backup-relationship
Write-FwStep -Number 2 -Kind 'check' -Title 'Find the backup pool of the CMS pool' -Expect 'The backup pool of sea-se-01.tailspintoys.com is pdx-se-01.tailspintoys.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'sea-se-01.tailspintoys.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 2
Test-FwShows -Number 2 -Output $FwOut -Shows 'pdx-se-01.tailspintoys.com'
Confirm-FwCheck -Number 2

# ---- Step 3 [check] cms-status
Write-FwStep -Number 3 -Kind 'check' -Title 'Check whether the Central Management store answers' -Expect 'ActiveMasterFqdn and ActiveFileTransferAgents are empty, or name sea-se-01.tailspintoys.com, which is being lost: the CMS must be failed over first.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Out-Host  # fw:step 3
Confirm-FwCheck -Number 3

# ---- Step 4 [check] cms-mirror-state
Write-FwStep -Number 4 -Kind 'check' -Title 'See which back end of pdx-se-01.tailspintoys.com holds the CMS principal' -Expect 'The CMS database of pdx-se-01.tailspintoys.com is not mirrored (DatabaseInaccessibleOrMirroringNotEnabled): its one SQL server is named below.' -Duration '00:01:00'
Get-CsDatabaseMirrorState -DatabaseType CentralMgmt -PoolFqdn 'pdx-se-01.tailspintoys.com' | Out-Host  # fw:step 4
Confirm-FwCheck -Number 4

# ---- Step 5 [change] cms-failover
Write-FwStep -Number 5 -Kind 'change' -Title 'Fail the Central Management store over to pdx-se-01.tailspintoys.com' -Expect 'The command completes; the CMS database on pdx-se-01.tailspintoys.com becomes the active store.' -Duration '00:05:00'
Confirm-FwStep -Number 5
Invoke-CsManagementServerFailover -BackupSqlServerFqdn 'pdx-se-01.tailspintoys.com' -BackupSqlInstanceName 'rtc' -Force -WhatIf:$Rehearse -Confirm:$false  # fw:step 5
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Out-Host  # fw:verify 5

# ---- Step 6 [check] cms-verify
Write-FwStep -Number 6 -Kind 'check' -Title 'Check that the CMS is active on pdx-se-01.tailspintoys.com' -Expect 'ActiveMasterFqdn and ActiveFileTransferAgents now name pdx-se-01.tailspintoys.com.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Tee-Object -Variable FwOut | Out-Host  # fw:step 6
Test-FwShows -Number 6 -Output $FwOut -Shows 'pdx-se-01.tailspintoys.com'
Confirm-FwCheck -Number 6

# ---- Step 7 [check] cms-replicas
Write-FwStep -Number 7 -Kind 'check' -Title 'Check that every replica is up to date' -Expect 'Every replica reports UpToDate True.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus | Out-Host  # fw:step 7
Confirm-FwCheck -Number 7

# ---- Step 8 [check] backup-relationship
Write-FwStep -Number 8 -Kind 'check' -Title 'Check the backup relationship of sea-se-01.tailspintoys.com' -Expect 'The backup pool of sea-se-01.tailspintoys.com is pdx-se-01.tailspintoys.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'sea-se-01.tailspintoys.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 8
Test-FwShows -Number 8 -Output $FwOut -Shows 'pdx-se-01.tailspintoys.com'
Confirm-FwCheck -Number 8

# ---- Step 9 [check] backup-status
Write-FwStep -Number 9 -Kind 'check' -Title 'Check the Backup Service on pdx-se-01.tailspintoys.com' -Expect 'The status of pdx-se-01.tailspintoys.com is returned; the last sync time of the sea-se-01.tailspintoys.com to pdx-se-01.tailspintoys.com direction bounds the data lost (up to 00:05:00 is expected).' -Duration '00:01:00'
Get-CsBackupServiceStatus -PoolFqdn 'pdx-se-01.tailspintoys.com' -Category UserData | Out-Host  # fw:step 9
Confirm-FwCheck -Number 9

# ---- Step 10 [change] pool-failover
Write-FwStep -Number 10 -Kind 'change' -Title 'Fail sea-se-01.tailspintoys.com over to pdx-se-01.tailspintoys.com' -Expect 'The verbose output ends without error; the users of sea-se-01.tailspintoys.com get full service from pdx-se-01.tailspintoys.com.' -Duration '00:03:48'
Confirm-FwStep -Number 10
Invoke-CsPoolFailOver -PoolFqdn 'sea-se-01.tailspintoys.com' -DisasterMode -Verbose -WhatIf:$Rehearse -Confirm:$false  # fw:step 10
Get-CsUserPoolInfo -Identity 'sip:carol@tailspintoys.com' | Out-Host  # fw:verify 10
Get-CsPoolFabricState -PoolFqdn 'pdx-se-01.tailspintoys.com' | Out-Host  # fw:verify 10
Get-CsBackupServiceStatus -PoolFqdn 'pdx-se-01.tailspintoys.com' -Category UserData | Out-Host  # fw:verify 10

# ---- Step 11 [manual] lis-restore
Write-FwStep -Number 11 -Kind 'manual' -Title 'Restore the Location Information Service data into pdx-se-01.tailspintoys.com' -Expect 'Locations, subnets and switches of sea-se-01.tailspintoys.com''s sites are served from pdx-se-01.tailspintoys.com.' -Duration '00:15:00'
Wait-FwAcknowledge -Number 11 -Instructions 'Import your latest Export-CsLisConfiguration backup of sea-se-01.tailspintoys.com''s E9-1-1 locations into pdx-se-01.tailspintoys.com (Import-CsLisConfiguration -FileName <file>).'

# ---- Step 12 [manual] rgs-import
Write-FwStep -Number 12 -Kind 'manual' -Title 'Import the Response Groups of sea-se-01.tailspintoys.com into pdx-se-01.tailspintoys.com' -Expect 'The imported workflows answer on pdx-se-01.tailspintoys.com; they keep sea-se-01.tailspintoys.com as their owner, so manage them with the shell until failback.' -Duration '00:20:00'
Wait-FwAcknowledge -Number 12 -Instructions 'Import the Response Group export of sea-se-01.tailspintoys.com: Import-CsRgsConfiguration -Destination ''ApplicationServer:pdx-se-01.tailspintoys.com'' -FileName <file> (add -ReplaceExistingSettings only to take over its application-level settings). Formal agents sign in to their groups again.'

# ---- Step 13 [manual] call-park
Write-FwStep -Number 13 -Kind 'manual' -Title 'Redirect the Call Park orbits of sea-se-01.tailspintoys.com' -Expect 'Parked calls in those ranges are served by pdx-se-01.tailspintoys.com.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 13 -Instructions 'For each Call Park and Group Call Pickup orbit range served by sea-se-01.tailspintoys.com: Set-CsCallParkOrbit -Identity <range> -CallParkService ''ApplicationServer:pdx-se-01.tailspintoys.com''.'

# ---- Step 14 [manual] announcements
Write-FwStep -Number 14 -Kind 'manual' -Title 'Re-create announcements and unassigned numbers on pdx-se-01.tailspintoys.com' -Expect 'Calls to unassigned numbers hear the announcements from pdx-se-01.tailspintoys.com.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 14 -Instructions 'Re-create the announcements of sea-se-01.tailspintoys.com on pdx-se-01.tailspintoys.com and point each unassigned-number range at them: Set-CsUnassignedNumber -Identity <range> -AnnouncementService ''ApplicationServer:pdx-se-01.tailspintoys.com'' -AnnouncementName <name>. Not needed for ranges served by Exchange UM auto attendants.'

Write-Host ''
Write-Host 'Plan complete (14 steps). Predicted RTO 00:16:43, data loss 00:01:59.' -ForegroundColor Green
} finally {
    Stop-Transcript | Out-Null
}
