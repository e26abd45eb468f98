#Requires -Version 3.0
# failwright plan: fail atl-cs-001.litwareinc.com over to dfw-cs-001.litwareinc.com (planned)
#   plan ID:     29fdb5ca-7965-57c3-bc9a-7b3bb99542e9
#   fingerprint: 2b5e5c066be278e65dda87367126f79a06743d385b77653d60f1538944d9bd40
#   topology:    Litware, Inc.
#   format:      2
# Run it in the Skype for Business Server Management Shell on a Front End of dfw-cs-001.litwareinc.com.
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

$FwPlanId = '29fdb5ca-7965-57c3-bc9a-7b3bb99542e9'
$FwFingerprint = '2b5e5c066be278e65dda87367126f79a06743d385b77653d60f1538944d9bd40'
$FwTopology = 'Litware, Inc.'
$FwTitle = 'fail atl-cs-001.litwareinc.com over to dfw-cs-001.litwareinc.com (planned)'

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
Write-Host 'failwright plan 29fdb5ca-7965-57c3-bc9a-7b3bb99542e9: fail atl-cs-001.litwareinc.com over to dfw-cs-001.litwareinc.com (planned)'
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

# ---- Step 1 [check] edge-next-hop-check-atl-edge-001.litwareinc.com
Write-FwStep -Number 1 -Kind 'check' -Title 'Check the next hop of Edge pool atl-edge-001.litwareinc.com' -Expect 'The Edge service of atl-edge-001.litwareinc.com lists Registrar:atl-cs-001.litwareinc.com as its next hop.' -Duration '00:01:00'
Get-CsService -EdgeServer -PoolFqdn 'atl-edge-001.litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 1
Test-FwShows -Number 1 -Output $FwOut -Shows 'Registrar:atl-cs-001.litwareinc.com'
Confirm-FwCheck -Number 1

# ---- Step 2 [change] edge-next-hop-atl-edge-001.litwareinc.com
Write-FwStep -Number 2 -Kind 'change' -Title 'Point Edge pool atl-edge-001.litwareinc.com at dfw-cs-001.litwareinc.com' -Expect 'The command completes without error; the Edge service now lists Registrar:dfw-cs-001.litwareinc.com.' -Duration '00:05:00'
Confirm-FwStep -Number 2
Set-CsEdgeServer -Identity 'EdgeServer:atl-edge-001.litwareinc.com' -Registrar 'Registrar:dfw-cs-001.litwareinc.com' -WhatIf:$Rehearse -Confirm:$false  # fw:step 2
Get-CsService -EdgeServer -PoolFqdn 'atl-edge-001.litwareinc.com' | Out-Host  # fw:verify 2

# ---- Step 3 [check] cms-locate
Write-FwStep -Number 3 -Kind 'check' -Title 'Find the pool that hosts the Central Management store' -Expect 'The -WhatIf output names atl-cs-001.litwareinc.com as the pool hosting the Central Management store.' -Duration '00:01:00'
Invoke-CsManagementServerFailover -WhatIf | Tee-Object -Variable FwOut | Out-Host  # fw:step 3
Test-FwShows -Number 3 -Output $FwOut -Shows 'atl-cs-001.litwareinc.com'
Confirm-FwCheck -Number 3

# ---- Step 4 [check] cms-backup-relationship
Write-FwStep -Number 4 -Kind 'check' -Title 'Find the backup pool of the CMS pool' -Expect 'The backup pool of atl-cs-001.litwareinc.com is dfw-cs-001.litwareinc.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'atl-cs-001.litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 4
Test-FwShows -Number 4 -Output $FwOut -Shows 'dfw-cs-001.litwareinc.com'
Confirm-FwCheck -Number 4

# ---- Step 5 [check] cms-status
Write-FwStep -Number 5 -Kind 'check' -Title 'Check whether the Central Management store answers' -Expect 'ActiveMasterFqdn and ActiveFileTransferAgents are empty, or name atl-cs-001.litwareinc.com, which is being lost: the CMS must be failed over first.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Out-Host  # fw:step 5
Confirm-FwCheck -Number 5

# ---- Step 6 [change] cms-failover
Write-FwStep -Number 6 -Kind 'change' -Title 'Fail the Central Management store over to dfw-cs-001.litwareinc.com' -Expect 'The command waits for replication to finish, makes the store on atl-cs-001.litwareinc.com read-only and activates the standby on dfw-cs-001.litwareinc.com.' -Duration '00:05:00'
Confirm-FwStep -Number 6
Invoke-CsManagementServerFailover -WhatIf:$Rehearse -Confirm:$false  # fw:step 6
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Out-Host  # fw:verify 6

# ---- Step 7 [check] cms-replicas
Write-FwStep -Number 7 -Kind 'check' -Title 'Check that every replica is up to date' -Expect 'Every replica reports UpToDate True.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus | Out-Host  # fw:step 7
Confirm-FwCheck -Number 7

# ---- Step 8 [check] backup-relationship
Write-FwStep -Number 8 -Kind 'check' -Title 'Check the backup relationship of atl-cs-001.litwareinc.com' -Expect 'The backup pool of atl-cs-001.litwareinc.com is dfw-cs-001.litwareinc.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'atl-cs-001.litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 8
Test-FwShows -Number 8 -Output $FwOut -Shows 'dfw-cs-001.litwareinc.com'
Confirm-FwCheck -Number 8

# ---- Step 9 [check] backup-status
Write-FwStep -Number 9 -Kind 'check' -Title 'Check the Backup Service from atl-cs-001.litwareinc.com' -Expect 'The UserData modules of atl-cs-001.litwareinc.com are in SteadyState: changes reach dfw-cs-001.litwareinc.com within one sync interval.' -Duration '00:01:00'
Get-CsBackupServiceStatus -PoolFqdn 'atl-cs-001.litwareinc.com' -Category UserData | Tee-Object -Variable FwOut | Out-Host  # fw:step 9
Test-FwShows -Number 9 -Output $FwOut -Shows 'SteadyState'
Confirm-FwCheck -Number 9

# ---- Step 10 [manual] rgs-export
Write-FwStep -Number 10 -Kind 'manual' -Title 'Export the Response Group configuration of atl-cs-001.litwareinc.com' -Expect 'The export file exists and holds every workflow, queue and group of atl-cs-001.litwareinc.com.' -Duration '00:05:00'
Wait-FwAcknowledge -Number 10 -Instructions 'Export the Response Group data while atl-cs-001.litwareinc.com still runs: Export-CsRgsConfiguration -Source ''ApplicationServer:atl-cs-001.litwareinc.com'' -FileName <file>.'

# ---- Step 11 [change] pool-failover
Write-FwStep -Number 11 -Kind 'change' -Title 'Fail atl-cs-001.litwareinc.com over to dfw-cs-001.litwareinc.com' -Expect 'The verbose output shows atl-cs-001.litwareinc.com going read-only, the final-state backup and the hydration of its routing groups on dfw-cs-001.litwareinc.com; the Backup Service from atl-cs-001.litwareinc.com reports FinalState.' -Duration '00:18:35'
Confirm-FwStep -Number 11
Invoke-CsPoolFailOver -PoolFqdn 'atl-cs-001.litwareinc.com' -Verbose -WhatIf:$Rehearse -Confirm:$false  # fw:step 11
Get-CsUserPoolInfo -Identity 'sip:kenmyer@litwareinc.com' | Out-Host  # fw:verify 11
Get-CsPoolFabricState -PoolFqdn 'dfw-cs-001.litwareinc.com' | Out-Host  # fw:verify 11
Get-CsBackupServiceStatus -PoolFqdn 'atl-cs-001.litwareinc.com' -Category UserData | Out-Host  # fw:verify 11

# ---- Step 12 [manual] lis-restore
Write-FwStep -Number 12 -Kind 'manual' -Title 'Restore the Location Information Service data into dfw-cs-001.litwareinc.com' -Expect 'Locations, subnets and switches of atl-cs-001.litwareinc.com''s sites are served from dfw-cs-001.litwareinc.com.' -Duration '00:15:00'
Wait-FwAcknowledge -Number 12 -Instructions 'Import your latest Export-CsLisConfiguration backup of atl-cs-001.litwareinc.com''s E9-1-1 locations into dfw-cs-001.litwareinc.com (Import-CsLisConfiguration -FileName <file>).'

# ---- Step 13 [manual] rgs-import
Write-FwStep -Number 13 -Kind 'manual' -Title 'Import the Response Groups of atl-cs-001.litwareinc.com into dfw-cs-001.litwareinc.com' -Expect 'The imported workflows answer on dfw-cs-001.litwareinc.com; they keep atl-cs-001.litwareinc.com as their owner, so manage them with the shell until failback.' -Duration '00:20:00'
Wait-FwAcknowledge -Number 13 -Instructions 'Import the Response Group export of atl-cs-001.litwareinc.com: Import-CsRgsConfiguration -Destination ''ApplicationServer:dfw-cs-001.litwareinc.com'' -FileName <file> (add -ReplaceExistingSettings only to take over its application-level settings). Formal agents sign in to their groups again.'

# ---- Step 14 [manual] call-park
Write-FwStep -Number 14 -Kind 'manual' -Title 'Redirect the Call Park orbits of atl-cs-001.litwareinc.com' -Expect 'Parked calls in those ranges are served by dfw-cs-001.litwareinc.com.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 14 -Instructions 'For each Call Park and Group Call Pickup orbit range served by atl-cs-001.litwareinc.com: Set-CsCallParkOrbit -Identity <range> -CallParkService ''ApplicationServer:dfw-cs-001.litwareinc.com''.'

# ---- Step 15 [manual] announcements
Write-FwStep -Number 15 -Kind 'manual' -Title 'Re-create announcements and unassigned numbers on dfw-cs-001.litwareinc.com' -Expect 'Calls to unassigned numbers hear the announcements from dfw-cs-001.litwareinc.com.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 15 -Instructions 'Re-create the announcements of atl-cs-001.litwareinc.com on dfw-cs-001.litwareinc.com and point each unassigned-number range at them: Set-CsUnassignedNumber -Identity <range> -AnnouncementService ''ApplicationServer:dfw-cs-001.litwareinc.com'' -AnnouncementName <name>. Not needed for ranges served by Exchange UM auto attendants.'

Write-Host ''
Write-Host 'Plan complete (15 steps). Predicted RTO 00:00:00, data loss 00:00:00.' -ForegroundColor Green
} finally {
    Stop-Transcript | Out-Null
}
