#Requires -Version 3.0
# failwright plan: fail fra-pool-01.northwindtraders.com over to ams-pool-01.northwindtraders.com (planned), then fail it back
#   plan ID:     2520d772-0f22-5a0d-9040-bb8da96cfe80
#   fingerprint: e1a23be7226dc1ca42a9a1dad9acb59abe8b70f98b59080c5456f8c41cb9b517
#   topology:    Northwind Traders (SfB 2019, 16 Front End Servers)
#   format:      2
# Run it in the Skype for Business Server Management Shell on a Front End of ams-pool-01.northwindtraders.com.
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

$FwPlanId = '2520d772-0f22-5a0d-9040-bb8da96cfe80'
$FwFingerprint = 'e1a23be7226dc1ca42a9a1dad9acb59abe8b70f98b59080c5456f8c41cb9b517'
$FwTopology = 'Northwind Traders (SfB 2019, 16 Front End Servers)'
$FwTitle = 'fail fra-pool-01.northwindtraders.com over to ams-pool-01.northwindtraders.com (planned), then fail it back'

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
Write-Host 'failwright plan 2520d772-0f22-5a0d-9040-bb8da96cfe80: fail fra-pool-01.northwindtraders.com over to ams-pool-01.northwindtraders.com (planned), then fail it back'
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
Write-FwStep -Number 1 -Kind 'check' -Title 'Find the pool that hosts the Central Management store' -Expect 'The -WhatIf output names fra-pool-01.northwindtraders.com as the pool hosting the Central Management store.' -Duration '00:01:00'
Invoke-CsManagementServerFailover -WhatIf | Tee-Object -Variable FwOut | Out-Host  # fw:step 1
Test-FwShows -Number 1 -Output $FwOut -Shows 'fra-pool-01.northwindtraders.com'
Confirm-FwCheck -Number 1

# ---- Step 2 [check] cms-backup-relationship
Write-FwStep -Number 2 -Kind 'check' -Title 'Find the backup pool of the CMS pool' -Expect 'The backup pool of fra-pool-01.northwindtraders.com is ams-pool-01.northwindtraders.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'fra-pool-01.northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 2
Test-FwShows -Number 2 -Output $FwOut -Shows 'ams-pool-01.northwindtraders.com'
Confirm-FwCheck -Number 2

# ---- Step 3 [check] cms-status
Write-FwStep -Number 3 -Kind 'check' -Title 'Check whether the Central Management store answers' -Expect 'ActiveMasterFqdn and ActiveFileTransferAgents are empty, or name fra-pool-01.northwindtraders.com, which is being lost: the CMS must be failed over first.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Out-Host  # fw:step 3
Confirm-FwCheck -Number 3

# ---- Step 4 [change] cms-failover
Write-FwStep -Number 4 -Kind 'change' -Title 'Fail the Central Management store over to ams-pool-01.northwindtraders.com' -Expect 'The command waits for replication to finish, makes the store on fra-pool-01.northwindtraders.com read-only and activates the standby on ams-pool-01.northwindtraders.com.' -Duration '00:05:00'
Confirm-FwStep -Number 4
Invoke-CsManagementServerFailover -WhatIf:$Rehearse -Confirm:$false  # fw:step 4
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Out-Host  # fw:verify 4

# ---- Step 5 [check] cms-replicas
Write-FwStep -Number 5 -Kind 'check' -Title 'Check that every replica is up to date' -Expect 'Every replica reports UpToDate True.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus | Out-Host  # fw:step 5
Confirm-FwCheck -Number 5

# ---- Step 6 [check] backup-relationship
Write-FwStep -Number 6 -Kind 'check' -Title 'Check the backup relationship of fra-pool-01.northwindtraders.com' -Expect 'The backup pool of fra-pool-01.northwindtraders.com is ams-pool-01.northwindtraders.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'fra-pool-01.northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 6
Test-FwShows -Number 6 -Output $FwOut -Shows 'ams-pool-01.northwindtraders.com'
Confirm-FwCheck -Number 6

# ---- Step 7 [check] backup-status
Write-FwStep -Number 7 -Kind 'check' -Title 'Check the Backup Service from fra-pool-01.northwindtraders.com' -Expect 'The UserData modules of fra-pool-01.northwindtraders.com are in SteadyState: changes reach ams-pool-01.northwindtraders.com within one sync interval.' -Duration '00:01:00'
Get-CsBackupServiceStatus -PoolFqdn 'fra-pool-01.northwindtraders.com' -Category UserData | Tee-Object -Variable FwOut | Out-Host  # fw:step 7
Test-FwShows -Number 7 -Output $FwOut -Shows 'SteadyState'
Confirm-FwCheck -Number 7

# ---- Step 8 [change] pool-failover
Write-FwStep -Number 8 -Kind 'change' -Title 'Fail fra-pool-01.northwindtraders.com over to ams-pool-01.northwindtraders.com' -Expect 'The verbose output shows fra-pool-01.northwindtraders.com going read-only, the final-state backup and the hydration of its routing groups on ams-pool-01.northwindtraders.com; the Backup Service from fra-pool-01.northwindtraders.com reports FinalState.' -Duration '00:26:59'
Confirm-FwStep -Number 8
Invoke-CsPoolFailOver -PoolFqdn 'fra-pool-01.northwindtraders.com' -Verbose -WhatIf:$Rehearse -Confirm:$false  # fw:step 8
Get-CsUserPoolInfo -Identity 'sip:heidi@northwindtraders.com' | Out-Host  # fw:verify 8
Get-CsPoolFabricState -PoolFqdn 'ams-pool-01.northwindtraders.com' | Out-Host  # fw:verify 8
Get-CsBackupServiceStatus -PoolFqdn 'fra-pool-01.northwindtraders.com' -Category UserData | Out-Host  # fw:verify 8

# ---- Step 9 [manual] lis-restore
Write-FwStep -Number 9 -Kind 'manual' -Title 'Restore the Location Information Service data into ams-pool-01.northwindtraders.com' -Expect 'Locations, subnets and switches of fra-pool-01.northwindtraders.com''s sites are served from ams-pool-01.northwindtraders.com.' -Duration '00:15:00'
Wait-FwAcknowledge -Number 9 -Instructions 'Import your latest Export-CsLisConfiguration backup of fra-pool-01.northwindtraders.com''s E9-1-1 locations into ams-pool-01.northwindtraders.com (Import-CsLisConfiguration -FileName <file>).'

# ---- Step 10 [manual] rgs-check
Write-FwStep -Number 10 -Kind 'manual' -Title 'Check the Response Group copy on ams-pool-01.northwindtraders.com' -Expect 'The Response Groups of fra-pool-01.northwindtraders.com answer on ams-pool-01.northwindtraders.com.' -Duration '00:05:00'
Wait-FwAcknowledge -Number 10 -Instructions 'If the Response Group backup of the July 2019 cumulative update is enabled, run Get-CsBackupServiceStatus -PoolFqdn ''ams-pool-01.northwindtraders.com'' -Category RGS and expect steady state; otherwise import the Response Group export of fra-pool-01.northwindtraders.com with Import-CsRgsConfiguration -Destination ''ApplicationServer:ams-pool-01.northwindtraders.com'' -FileName <file>.'

# ---- Step 11 [manual] call-park
Write-FwStep -Number 11 -Kind 'manual' -Title 'Redirect the Call Park orbits of fra-pool-01.northwindtraders.com' -Expect 'Parked calls in those ranges are served by ams-pool-01.northwindtraders.com.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 11 -Instructions 'For each Call Park and Group Call Pickup orbit range served by fra-pool-01.northwindtraders.com: Set-CsCallParkOrbit -Identity <range> -CallParkService ''ApplicationServer:ams-pool-01.northwindtraders.com''.'

# ---- Step 12 [manual] announcements
Write-FwStep -Number 12 -Kind 'manual' -Title 'Re-create announcements and unassigned numbers on ams-pool-01.northwindtraders.com' -Expect 'Calls to unassigned numbers hear the announcements from ams-pool-01.northwindtraders.com.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 12 -Instructions 'Re-create the announcements of fra-pool-01.northwindtraders.com on ams-pool-01.northwindtraders.com and point each unassigned-number range at them: Set-CsUnassignedNumber -Identity <range> -AnnouncementService ''ApplicationServer:ams-pool-01.northwindtraders.com'' -AnnouncementName <name>. Not needed for ranges served by Exchange UM auto attendants.'

# ---- Step 13 [wait] home-ready
Write-FwStep -Number 13 -Kind 'wait' -Title 'Wait until fra-pool-01.northwindtraders.com is repaired' -Expect 'The maintenance of fra-pool-01.northwindtraders.com is done.' -Duration '00:00:00'
Wait-FwAcknowledge -Number 13 -Instructions 'Finish the maintenance of fra-pool-01.northwindtraders.com and leave its servers running.'

# ---- Step 14 [check] failback-relationship
Write-FwStep -Number 14 -Kind 'check' -Title 'Check the backup relationship before failback' -Expect 'The backup pool of fra-pool-01.northwindtraders.com is still ams-pool-01.northwindtraders.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'fra-pool-01.northwindtraders.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 14
Test-FwShows -Number 14 -Output $FwOut -Shows 'ams-pool-01.northwindtraders.com'
Confirm-FwCheck -Number 14

# ---- Step 15 [change] pool-failback
Write-FwStep -Number 15 -Kind 'change' -Title 'Fail fra-pool-01.northwindtraders.com back from ams-pool-01.northwindtraders.com' -Expect 'The verbose output ends without error (if it reports that hydration failed after repeated attempts, run it again); the users of fra-pool-01.northwindtraders.com are served at home.' -Duration '02:45:57'
Confirm-FwStep -Number 15
Invoke-CsPoolFailBack -PoolFqdn 'fra-pool-01.northwindtraders.com' -Verbose -WhatIf:$Rehearse -Confirm:$false  # fw:step 15
Get-CsUserPoolInfo -Identity 'sip:heidi@northwindtraders.com' | Out-Host  # fw:verify 15
Get-CsPoolFabricState -PoolFqdn 'fra-pool-01.northwindtraders.com' | Out-Host  # fw:verify 15
Get-CsBackupServiceStatus -PoolFqdn 'fra-pool-01.northwindtraders.com' -Category UserData | Out-Host  # fw:verify 15

# ---- Step 16 [manual] rgs-back
Write-FwStep -Number 16 -Kind 'manual' -Title 'Bring the Response Groups back to fra-pool-01.northwindtraders.com' -Expect 'The Response Groups of fra-pool-01.northwindtraders.com answer at home; agents sign in again.' -Duration '00:20:00'
Wait-FwAcknowledge -Number 16 -Instructions 'If the 2019 Response Group backup is not enabled, Import-CsRgsConfiguration -Destination ''ApplicationServer:fra-pool-01.northwindtraders.com'' -FileName <file>, then remove the imported copies from ams-pool-01.northwindtraders.com if you like. Otherwise nothing to do.'

# ---- Step 17 [manual] call-park-back
Write-FwStep -Number 17 -Kind 'manual' -Title 'Point the Call Park orbits back at fra-pool-01.northwindtraders.com' -Expect 'Parked calls in those ranges are served by fra-pool-01.northwindtraders.com again.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 17 -Instructions 'For each orbit range redirected during the failover: Set-CsCallParkOrbit -Identity <range> -CallParkService ''ApplicationServer:fra-pool-01.northwindtraders.com''.'

# ---- Step 18 [manual] announcements-back
Write-FwStep -Number 18 -Kind 'manual' -Title 'Point unassigned numbers back at fra-pool-01.northwindtraders.com' -Expect 'Calls to unassigned numbers hear the announcements of fra-pool-01.northwindtraders.com again.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 18 -Instructions 'For each range redirected during the failover: Set-CsUnassignedNumber -Identity <range> -AnnouncementService ''ApplicationServer:fra-pool-01.northwindtraders.com'' -AnnouncementName <name>.'

Write-Host ''
Write-Host 'Plan complete (18 steps). Predicted RTO 00:00:00, data loss 00:00:00.' -ForegroundColor Green
} finally {
    Stop-Transcript | Out-Null
}
