#Requires -Version 3.0
# failwright plan: fail atl-cs-001.litwareinc.com over to dfw-cs-001.litwareinc.com (disaster)
#   plan ID:     21f1120c-f4f1-54cb-9bd5-be8e1be97aeb
#   fingerprint: 8a8a1d3c0736fcc84ee7b643ee43d70333390fb6c2a49f171c115f16641b11c9
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

$FwPlanId = '21f1120c-f4f1-54cb-9bd5-be8e1be97aeb'
$FwFingerprint = '8a8a1d3c0736fcc84ee7b643ee43d70333390fb6c2a49f171c115f16641b11c9'
$FwTopology = 'Litware, Inc.'
$FwTitle = 'fail atl-cs-001.litwareinc.com over to dfw-cs-001.litwareinc.com (disaster)'

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
Write-Host 'failwright plan 21f1120c-f4f1-54cb-9bd5-be8e1be97aeb: fail atl-cs-001.litwareinc.com over to dfw-cs-001.litwareinc.com (disaster)'
Write-Host ('Topology: ' + $FwTopology + '  fingerprint: ' + $FwFingerprint)
if ($Rehearse) { Write-Host 'REHEARSAL: every changing cmdlet runs with -WhatIf.' -ForegroundColor Yellow }

# ---- Preflight: the deployment must still be what the plan assumed.
Write-Host ''
Write-Host '=== Preflight: checking the facts the plan relies on' -ForegroundColor Cyan
if (-not (Get-Command -Name 'Invoke-CsPoolFailOver' -ErrorAction SilentlyContinue)) {
    throw 'Run this script in the Skype for Business Server (or Lync Server) Management Shell: Invoke-CsPoolFailOver is not available.'
}
Test-FwFact -Path 'branches[sav-sba-01.litwareinc.com].backupRegistrar' -Expected 'Registrar:atl-cs-001.litwareinc.com' -Probe { (Get-CsService -Registrar -PoolFqdn 'sav-sba-01.litwareinc.com').BackupRegistrar }
Test-FwFact -Path 'cms.pool' -Expected 'atl-cms-001.litwareinc.com' -Where 'Active' -Property 'PoolFqdn' -Probe { Get-CsService -CentralManagement }
Write-Host '    skip   pools[atl-cms-001.litwareinc.com].backupPool = (none) (no backup pool to check)'
Test-FwFact -Path 'pools[atl-cms-001.litwareinc.com].role' -Expected 'Registrar:atl-cms-001.litwareinc.com' -Probe { (Get-CsPool -Identity 'atl-cms-001.litwareinc.com').Services }
Test-FwFact -Path 'pools[atl-cms-001.litwareinc.com].site' -Expected 'Site:Atlanta','Atlanta' -Probe { (Get-CsPool -Identity 'atl-cms-001.litwareinc.com').Site }
Test-FwFact -Path 'pools[atl-cms-001.litwareinc.com].version' -Expected '7' -Exact -Probe { (Get-CsService -Registrar -PoolFqdn 'atl-cms-001.litwareinc.com').Version }
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

# ---- Step 1 [check] cms-locate
Write-FwStep -Number 1 -Kind 'check' -Title 'Find the pool that hosts the Central Management store' -Expect 'CentralManagement:atl-cms-001.litwareinc.com shows Active True: atl-cms-001.litwareinc.com hosts the Central Management store.' -Duration '00:01:00'
Get-CsService -CentralManagement | Tee-Object -Variable FwOut | Out-Host  # fw:step 1
Test-FwShows -Number 1 -Output $FwOut -Shows 'CentralManagement:atl-cms-001.litwareinc.com'
Confirm-FwCheck -Number 1

# ---- Step 2 [check] cms-backup-relationship
Write-FwStep -Number 2 -Kind 'check' -Title 'Find the backup pool of the CMS pool' -Expect 'atl-cms-001.litwareinc.com has no backup pool.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'atl-cms-001.litwareinc.com' | Out-Host  # fw:step 2
Confirm-FwCheck -Number 2

# ---- Step 3 [check] cms-status
Write-FwStep -Number 3 -Kind 'check' -Title 'Check whether the Central Management store answers' -Expect 'ActiveMasterFqdn and ActiveFileTransferAgents are empty, or name atl-cms-001.litwareinc.com, which is being lost: the CMS must be failed over first.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Out-Host  # fw:step 3
Confirm-FwCheck -Number 3

# ---- Step 4 [manual] cms-exports
Write-FwStep -Number 4 -Kind 'manual' -Title 'Copy the configuration exports to dfw-fe-01.litwareinc.com' -Expect 'Both files are on dfw-fe-01.litwareinc.com.' -Duration '00:01:00'
Wait-FwAcknowledge -Number 4 -Instructions 'Copy your latest Export-CsConfiguration and Export-CsLisConfiguration files to C:\CsConfigurationFile.zip and C:\CsLisConfigurationFile.zip on dfw-fe-01.litwareinc.com, the Front End of dfw-cs-001.litwareinc.com that runs the next steps.'

# ---- Step 5 [change] cms-install-database
Write-FwStep -Number 5 -Kind 'change' -Title 'Install a new Central Management database on dfw-sql-01.litwareinc.com\rtc' -Expect 'The xds and lis databases are created on dfw-sql-01.litwareinc.com\rtc; the command ends without error.' -Duration '00:00:30'
Confirm-FwStep -Number 5
Install-CsDatabase -CentralManagementDatabase -Clean -SqlServerFqdn 'dfw-sql-01.litwareinc.com' -SqlInstanceName 'rtc' -WhatIf:$Rehearse -Confirm:$false  # fw:step 5

# ---- Step 6 [change] cms-move
Write-FwStep -Number 6 -Kind 'change' -Title 'Move the Central Management Server to dfw-cs-001.litwareinc.com' -Expect 'The command lists the current and proposed state, imports the configuration into dfw-sql-01.litwareinc.com\rtc and names the computers that need local setup.' -Duration '00:05:00'
Confirm-FwStep -Number 6
Move-CsManagementServer -ConfigurationFileName 'C:\CsConfigurationFile.zip' -LisConfigurationFileName 'C:\CsLisConfigurationFile.zip' -TargetFqdn 'dfw-cs-001.litwareinc.com' -Force -WhatIf:$Rehearse -Confirm:$false  # fw:step 6
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Out-Host  # fw:verify 6

# ---- Step 7 [check] cms-verify
Write-FwStep -Number 7 -Kind 'check' -Title 'Check that the CMS is active on dfw-cs-001.litwareinc.com' -Expect 'ActiveMasterFqdn and ActiveFileTransferAgents now name dfw-cs-001.litwareinc.com.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus | Tee-Object -Variable FwOut | Out-Host  # fw:step 7
Test-FwShows -Number 7 -Output $FwOut -Shows 'dfw-cs-001.litwareinc.com'
Confirm-FwCheck -Number 7

# ---- Step 8 [check] cms-service
Write-FwStep -Number 8 -Kind 'check' -Title 'Check the Central Management service of dfw-cs-001.litwareinc.com' -Expect 'CentralManagement:dfw-cs-001.litwareinc.com shows Active True.' -Duration '00:01:00'
Get-CsService -CentralManagement | Tee-Object -Variable FwOut | Out-Host  # fw:step 8
Test-FwShows -Number 8 -Output $FwOut -Shows 'CentralManagement:dfw-cs-001.litwareinc.com'
Confirm-FwCheck -Number 8

# ---- Step 9 [check] cms-replicas
Write-FwStep -Number 9 -Kind 'check' -Title 'Check that every replica is up to date' -Expect 'Every replica of dfw-cs-001.litwareinc.com reports UpToDate True; the servers that still need local setup catch up after it.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus | Out-Host  # fw:step 9
Confirm-FwCheck -Number 9

# ---- Step 10 [manual] cms-bootstrapper
Write-FwStep -Number 10 -Kind 'manual' -Title 'Install the Central Management Server service on the other Front Ends of dfw-cs-001.litwareinc.com' -Expect 'Bootstrapper ends without error on every server; Get-CsManagementStoreReplicationStatus shows each of them UpToDate True.' -Duration '00:15:00'
Wait-FwAcknowledge -Number 10 -Instructions 'On each Front End Server of dfw-cs-001.litwareinc.com except dfw-fe-01.litwareinc.com, run Bootstrapper /Setup: dfw-fe-02.litwareinc.com, dfw-fe-03.litwareinc.com, dfw-fe-04.litwareinc.com. When the servers of atl-cms-001.litwareinc.com are rebuilt, run it on them too.'

# ---- Step 11 [check] edge-next-hop-check-atl-edge-001.litwareinc.com
Write-FwStep -Number 11 -Kind 'check' -Title 'Check the next hop of Edge pool atl-edge-001.litwareinc.com' -Expect 'The Edge service of atl-edge-001.litwareinc.com lists Registrar:atl-cs-001.litwareinc.com as its next hop.' -Duration '00:01:00'
Get-CsService -EdgeServer -PoolFqdn 'atl-edge-001.litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 11
Test-FwShows -Number 11 -Output $FwOut -Shows 'Registrar:atl-cs-001.litwareinc.com'
Confirm-FwCheck -Number 11

# ---- Step 12 [change] edge-next-hop-atl-edge-001.litwareinc.com
Write-FwStep -Number 12 -Kind 'change' -Title 'Point Edge pool atl-edge-001.litwareinc.com at dfw-cs-001.litwareinc.com' -Expect 'The command completes without error; the Edge service now lists Registrar:dfw-cs-001.litwareinc.com.' -Duration '00:05:00'
Confirm-FwStep -Number 12
Set-CsEdgeServer -Identity 'EdgeServer:atl-edge-001.litwareinc.com' -Registrar 'Registrar:dfw-cs-001.litwareinc.com' -WhatIf:$Rehearse -Confirm:$false  # fw:step 12
Get-CsService -EdgeServer -PoolFqdn 'atl-edge-001.litwareinc.com' | Out-Host  # fw:verify 12

# ---- Step 13 [check] backup-relationship
Write-FwStep -Number 13 -Kind 'check' -Title 'Check the backup relationship of atl-cs-001.litwareinc.com' -Expect 'The backup pool of atl-cs-001.litwareinc.com is dfw-cs-001.litwareinc.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'atl-cs-001.litwareinc.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 13
Test-FwShows -Number 13 -Output $FwOut -Shows 'dfw-cs-001.litwareinc.com'
Confirm-FwCheck -Number 13

# ---- Step 14 [check] backup-status
Write-FwStep -Number 14 -Kind 'check' -Title 'Check the Backup Service on dfw-cs-001.litwareinc.com' -Expect 'The status of dfw-cs-001.litwareinc.com is returned; the last sync time of the atl-cs-001.litwareinc.com to dfw-cs-001.litwareinc.com direction bounds the data lost (up to 00:05:00 is expected).' -Duration '00:01:00'
Get-CsBackupServiceStatus -PoolFqdn 'dfw-cs-001.litwareinc.com' -Category UserData | Out-Host  # fw:step 14
Confirm-FwCheck -Number 14

# ---- Step 15 [change] pool-failover
Write-FwStep -Number 15 -Kind 'change' -Title 'Fail atl-cs-001.litwareinc.com over to dfw-cs-001.litwareinc.com' -Expect 'The verbose output ends without error; the users of atl-cs-001.litwareinc.com get full service from dfw-cs-001.litwareinc.com.' -Duration '00:12:10'
Confirm-FwStep -Number 15
Invoke-CsPoolFailOver -PoolFqdn 'atl-cs-001.litwareinc.com' -DisasterMode -Verbose -WhatIf:$Rehearse -Confirm:$false  # fw:step 15
Get-CsUserPoolInfo -Identity 'sip:kenmyer@litwareinc.com' | Out-Host  # fw:verify 15
Get-CsPoolFabricState -PoolFqdn 'dfw-cs-001.litwareinc.com' | Out-Host  # fw:verify 15
Get-CsBackupServiceStatus -PoolFqdn 'dfw-cs-001.litwareinc.com' -Category UserData | Out-Host  # fw:verify 15

# ---- Step 16 [manual] federation-route
Write-FwStep -Number 16 -Kind 'manual' -Title 'Move outbound federation from atl-edge-001.litwareinc.com to dfw-edge-001.litwareinc.com' -Expect 'Federated contacts can reach your users again through dfw-edge-001.litwareinc.com.' -Duration '00:15:00'
Wait-FwAcknowledge -Number 16 -Instructions 'In Topology Builder, clear "Enable federation for this Edge pool (Port 5061)" on atl-edge-001.litwareinc.com, set it on dfw-edge-001.litwareinc.com, publish the topology, and run Setup on the Edge Servers of dfw-edge-001.litwareinc.com. Move the XMPP federation route too if atl-edge-001.litwareinc.com carried it (Set-CsSite -XmppExternalFederationRoute).'

# ---- Step 17 [manual] lis-restore
Write-FwStep -Number 17 -Kind 'manual' -Title 'Restore the Location Information Service data into dfw-cs-001.litwareinc.com' -Expect 'Locations, subnets and switches of atl-cs-001.litwareinc.com''s sites are served from dfw-cs-001.litwareinc.com.' -Duration '00:15:00'
Wait-FwAcknowledge -Number 17 -Instructions 'Import your latest Export-CsLisConfiguration backup of atl-cs-001.litwareinc.com''s E9-1-1 locations into dfw-cs-001.litwareinc.com (Import-CsLisConfiguration -FileName <file>).'

# ---- Step 18 [manual] rgs-import
Write-FwStep -Number 18 -Kind 'manual' -Title 'Import the Response Groups of atl-cs-001.litwareinc.com into dfw-cs-001.litwareinc.com' -Expect 'The imported workflows answer on dfw-cs-001.litwareinc.com; they keep atl-cs-001.litwareinc.com as their owner, so manage them with the shell until failback.' -Duration '00:20:00'
Wait-FwAcknowledge -Number 18 -Instructions 'Import the Response Group export of atl-cs-001.litwareinc.com: Import-CsRgsConfiguration -Destination ''ApplicationServer:dfw-cs-001.litwareinc.com'' -FileName <file> (add -ReplaceExistingSettings only to take over its application-level settings). Formal agents sign in to their groups again.'

# ---- Step 19 [manual] call-park
Write-FwStep -Number 19 -Kind 'manual' -Title 'Redirect the Call Park orbits of atl-cs-001.litwareinc.com' -Expect 'Parked calls in those ranges are served by dfw-cs-001.litwareinc.com.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 19 -Instructions 'For each Call Park and Group Call Pickup orbit range served by atl-cs-001.litwareinc.com: Set-CsCallParkOrbit -Identity <range> -CallParkService ''ApplicationServer:dfw-cs-001.litwareinc.com''.'

# ---- Step 20 [manual] announcements
Write-FwStep -Number 20 -Kind 'manual' -Title 'Re-create announcements and unassigned numbers on dfw-cs-001.litwareinc.com' -Expect 'Calls to unassigned numbers hear the announcements from dfw-cs-001.litwareinc.com.' -Duration '00:10:00'
Wait-FwAcknowledge -Number 20 -Instructions 'Re-create the announcements of atl-cs-001.litwareinc.com on dfw-cs-001.litwareinc.com and point each unassigned-number range at them: Set-CsUnassignedNumber -Identity <range> -AnnouncementService ''ApplicationServer:dfw-cs-001.litwareinc.com'' -AnnouncementName <name>. Not needed for ranges served by Exchange UM auto attendants.'

Write-Host ''
Write-Host 'Plan complete (20 steps). Predicted RTO 00:47:35, data loss 00:01:59.' -ForegroundColor Green
} finally {
    Stop-Transcript | Out-Null
}
