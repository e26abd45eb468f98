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
# Made by failwright. Do not edit: failwright plan --check PLAN.json TOPOLOGY tells whether it still fits.
[CmdletBinding()]
param(
    [switch]$Rehearse,
    [switch]$NoConfirm,
    [string]$LogPath = ''
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$FwPlanId = '0056089b-0bca-5263-aecd-e58534ee5f97'
$FwFingerprint = 'd27dc44b9359225cf28a56f2adc71ed9beaa0286c56a9605bd46cc7e877d07fb'
$FwTopology = 'Northwind (2015 to Subscription Edition)'
$FwTitle = 'move bos-pool-15.northwind.com to bos-pool-se.northwind.com, stage by stage'

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

# ---- Stage 1: the deployment must stand as the plan expects before it.
Write-Host ''
Write-Host '=== Stage 1 of 7: Deploy bos-pool-se.northwind.com and pair it with aus-pool-se.northwind.com' -ForegroundColor Cyan
$FwDrift.Clear()
$FwUnchecked.Clear()
Test-FwFact -Path 'pools[bos-pool-15.northwind.com].backupPool' -Expected 'aus-pool-15.northwind.com' -Probe { (Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-15.northwind.com' -LocalStore).BackupPoolFqdn }
Test-FwFact -Path 'cms.pool' -Expected 'bos-pool-15.northwind.com' -Where 'Active' -Property 'PoolFqdn' -Probe { Get-CsService -CentralManagement }
Test-FwFact -Path 'pools[bos-edge-01.northwind.com].nextHop' -Expected 'Registrar:bos-pool-15.northwind.com' -Probe { (Get-CsService -EdgeServer -PoolFqdn 'bos-edge-01.northwind.com').Registrar }
Test-FwFact -Path 'branches[prov-sba-01.northwind.com].backupRegistrar' -Expected 'Registrar:bos-pool-15.northwind.com' -Probe { (Get-CsService -Registrar -PoolFqdn 'prov-sba-01.northwind.com').BackupRegistrar }
if ($FwDrift.Count -gt 0) {
    throw ('Preflight found drift in {0} fact(s): {1}. The deployment is not the one this plan was made for; nothing was changed. Make a new plan (failwright plan) from the current topology.' -f $FwDrift.Count, ($FwDrift -join ', '))
}
if ($FwUnchecked.Count -gt 0) {
    Write-Warning ('Preflight could not read {0} fact(s): {1}. With the Central Management store down this is expected; check them by hand.' -f $FwUnchecked.Count, ($FwUnchecked -join ', '))
    if ($NoConfirm) { throw 'Preflight could not check every fact; run without -NoConfirm to go on after checking them by hand.' }
    do { $answer = Read-Host 'Type CONTINUE once you have checked them, or STOP' } while ($answer -ne 'CONTINUE' -and $answer -ne 'STOP')
    if ($answer -ne 'CONTINUE') { throw 'Stopped by the operator at the preflight.' }
}
Write-Host '    Stage 1 preflight passed.' -ForegroundColor Green

# ---- Step 1 [manual] pair-publish
Write-FwStep -Number 1 -Kind 'manual' -Title 'Deploy bos-pool-se.northwind.com and pair it with aus-pool-se.northwind.com' -Expect 'Topology Builder publishes without error; Get-CsPoolBackupRelationship names aus-pool-se.northwind.com as the backup pool of bos-pool-se.northwind.com.' -Duration '01:00:00'
Wait-FwAcknowledge -Number 1 -Instructions 'In Topology Builder, define bos-pool-se.northwind.com in site Boston with its back end, set its associated backup pool to aus-pool-se.northwind.com (Resiliency: Automatic failover and failback for Voice), and publish the topology. Run Setup (Bootstrapper.exe) on every server of bos-pool-se.northwind.com and aus-pool-se.northwind.com, then start the pool (Start-CsPool -PoolFqdn ''bos-pool-se.northwind.com'').'

# ---- Step 2 [manual] pair-update-rerun
Write-FwStep -Number 2 -Kind 'manual' -Title 'Re-run the cumulative update installer on bos-pool-se.northwind.com and aus-pool-se.northwind.com' -Expect 'The Backup Service runs on every Front End Server of both pools; no event 4007 (LyncBackupService.exe crashed) in the Lync Server event log.' -Duration '00:45:00'
Wait-FwAcknowledge -Number 2 -Instructions 'Run the cumulative update installer (SkypeServerUpdateInstaller.exe) again on every server of both pools (bos-fese-01.northwind.com, bos-fese-02.northwind.com, bos-fese-03.northwind.com, bos-fese-04.northwind.com; aus-fese-01.northwind.com, aus-fese-02.northwind.com, aus-fese-03.northwind.com, aus-fese-04.northwind.com), then check the Backup Service: Get-CsWindowsService -Name LYNCBACKUP on each Front End Server shows Running.'

# ---- Step 3 [check] pair-relationship
Write-FwStep -Number 3 -Kind 'check' -Title 'Check the backup relationship of bos-pool-se.northwind.com' -Expect 'The backup pool of bos-pool-se.northwind.com is aus-pool-se.northwind.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-se.northwind.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 3
Test-FwShows -Number 3 -Output $FwOut -Shows 'aus-pool-se.northwind.com'
Confirm-FwCheck -Number 3

# ---- Step 4 [change] pair-sync
Write-FwStep -Number 4 -Kind 'change' -Title 'Copy bos-pool-se.northwind.com''s data to aus-pool-se.northwind.com now' -Expect 'The command completes without error.' -Duration '00:01:00'
Confirm-FwStep -Number 4
if ($Rehearse) { Write-FwRehearsal -Number 4 } else {
Invoke-CsBackupServiceSync -PoolFqdn 'bos-pool-se.northwind.com'  # fw:step 4
}

# ---- Step 5 [check] pair-backup-status
Write-FwStep -Number 5 -Kind 'check' -Title 'Check the Backup Service from bos-pool-se.northwind.com' -Expect 'The UserData modules of bos-pool-se.northwind.com are in SteadyState.' -Duration '00:01:00'
Get-CsBackupServiceStatus -PoolFqdn 'bos-pool-se.northwind.com' -Category UserData | Tee-Object -Variable FwOut | Out-Host  # fw:step 5
Test-FwShows -Number 5 -Output $FwOut -Shows 'SteadyState'
Confirm-FwCheck -Number 5

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
if ($FwDrift.Count -gt 0) {
    throw ('Preflight found drift in {0} fact(s): {1}. The deployment is not the one this plan was made for; nothing was changed. Make a new plan (failwright plan) from the current topology.' -f $FwDrift.Count, ($FwDrift -join ', '))
}
if ($FwUnchecked.Count -gt 0) {
    Write-Warning ('Preflight could not read {0} fact(s): {1}. With the Central Management store down this is expected; check them by hand.' -f $FwUnchecked.Count, ($FwUnchecked -join ', '))
    if ($NoConfirm) { throw 'Preflight could not check every fact; run without -NoConfirm to go on after checking them by hand.' }
    do { $answer = Read-Host 'Type CONTINUE once you have checked them, or STOP' } while ($answer -ne 'CONTINUE' -and $answer -ne 'STOP')
    if ($answer -ne 'CONTINUE') { throw 'Stopped by the operator at the preflight.' }
}
Write-Host '    Stage 2 preflight passed.' -ForegroundColor Green

# ---- Step 6 [change] cms-database
Write-FwStep -Number 6 -Kind 'change' -Title 'Create the Central Management store on bos-pool-se.northwind.com''s back end' -Expect 'The command completes: the xds and lis databases exist on bos-sqlse-ag.northwind.com.' -Duration '00:15:00'
Confirm-FwStep -Number 6
Install-CsDatabase -CentralManagementDatabase -SqlServerFqdn 'bos-sqlse-ag.northwind.com' -WhatIf:$Rehearse -Confirm:$false  # fw:step 6

# ---- Step 7 [change] cms-move
Write-FwStep -Number 7 -Kind 'change' -Title 'Move the Central Management store to bos-pool-se.northwind.com' -Expect 'The Proposed State names bos-pool-se.northwind.com; the command lists the computers where local setup must run.' -Duration '00:30:00'
Confirm-FwStep -Number 7
Move-CsManagementServer -WhatIf:$Rehearse -Confirm:$false  # fw:step 7
Get-CsService -CentralManagement | Out-Host  # fw:verify 7

# ---- Step 8 [manual] cms-setup
Write-FwStep -Number 8 -Kind 'manual' -Title 'Run local setup where Move-CsManagementServer lists' -Expect 'Setup completes on every listed server.' -Duration '00:20:00'
Wait-FwAcknowledge -Number 8 -Instructions 'Run local setup (Bootstrapper.exe) on the servers of bos-pool-15.northwind.com (bos-fe15-01.northwind.com, bos-fe15-02.northwind.com, bos-fe15-03.northwind.com), which removes the inactive Central Management service, and on the other Front End Servers of bos-pool-se.northwind.com.'

# ---- Step 9 [check] cms-where
Write-FwStep -Number 9 -Kind 'check' -Title 'Check where the Central Management store is' -Expect 'The active Central Management service is on bos-pool-se.northwind.com.' -Duration '00:01:00'
Get-CsService -CentralManagement | Tee-Object -Variable FwOut | Out-Host  # fw:step 9
Test-FwShows -Number 9 -Output $FwOut -Shows 'bos-pool-se.northwind.com'
Confirm-FwCheck -Number 9

# ---- Step 10 [check] cms-replicas
Write-FwStep -Number 10 -Kind 'check' -Title 'Check that every replica is up to date' -Expect 'Every replica reports UpToDate True.' -Duration '00:01:00'
Get-CsManagementStoreReplicationStatus | Out-Host  # fw:step 10
Confirm-FwCheck -Number 10

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
if ($FwDrift.Count -gt 0) {
    throw ('Preflight found drift in {0} fact(s): {1}. The deployment is not the one this plan was made for; nothing was changed. Make a new plan (failwright plan) from the current topology.' -f $FwDrift.Count, ($FwDrift -join ', '))
}
if ($FwUnchecked.Count -gt 0) {
    Write-Warning ('Preflight could not read {0} fact(s): {1}. With the Central Management store down this is expected; check them by hand.' -f $FwUnchecked.Count, ($FwUnchecked -join ', '))
    if ($NoConfirm) { throw 'Preflight could not check every fact; run without -NoConfirm to go on after checking them by hand.' }
    do { $answer = Read-Host 'Type CONTINUE once you have checked them, or STOP' } while ($answer -ne 'CONTINUE' -and $answer -ne 'STOP')
    if ($answer -ne 'CONTINUE') { throw 'Stopped by the operator at the preflight.' }
}
Write-Host '    Stage 3 preflight passed.' -ForegroundColor Green

# ---- Step 11 [change] users-1-sample-1
Write-FwStep -Number 11 -Kind 'change' -Title 'Move sip:dana@northwind.com to bos-pool-se.northwind.com' -Expect 'The command completes; Get-CsUserPoolInfo shows bos-pool-se.northwind.com as the user''s primary pool.' -Duration '00:01:00'
Confirm-FwStep -Number 11
Move-CsUser -Identity 'sip:dana@northwind.com' -Target 'bos-pool-se.northwind.com' -WhatIf:$Rehearse -Confirm:$false  # fw:step 11
Get-CsUserPoolInfo -Identity 'sip:dana@northwind.com' | Out-Host  # fw:verify 11

# ---- Step 12 [manual] users-1-move
Write-FwStep -Number 12 -Kind 'manual' -Title 'Move 4,500 users of bos-pool-15.northwind.com to bos-pool-se.northwind.com' -Expect '4,500 more users are homed on bos-pool-se.northwind.com; none of the moves reported an error.' -Duration '00:50:00'
Wait-FwAcknowledge -Number 12 -Instructions 'Move 4,500 users homed on bos-pool-15.northwind.com: Get-CsUser -Filter {RegistrarPool -eq ''bos-pool-15.northwind.com''} -ResultSize 4500 | Move-CsUser -Target ''bos-pool-se.northwind.com'' -Confirm:$false. Do not use -Force: it discards the users'' contacts and meetings.'

# ---- Step 13 [check] users-1-check
Write-FwStep -Number 13 -Kind 'check' -Title 'Check where sip:dana@northwind.com registers' -Expect 'PrimaryPoolFqdn is bos-pool-se.northwind.com and BackupPoolFqdn is aus-pool-se.northwind.com.' -Duration '00:01:00'
Get-CsUserPoolInfo -Identity 'sip:dana@northwind.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 13
Test-FwShows -Number 13 -Output $FwOut -Shows 'aus-pool-se.northwind.com'
Confirm-FwCheck -Number 13

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
if ($FwDrift.Count -gt 0) {
    throw ('Preflight found drift in {0} fact(s): {1}. The deployment is not the one this plan was made for; nothing was changed. Make a new plan (failwright plan) from the current topology.' -f $FwDrift.Count, ($FwDrift -join ', '))
}
if ($FwUnchecked.Count -gt 0) {
    Write-Warning ('Preflight could not read {0} fact(s): {1}. With the Central Management store down this is expected; check them by hand.' -f $FwUnchecked.Count, ($FwUnchecked -join ', '))
    if ($NoConfirm) { throw 'Preflight could not check every fact; run without -NoConfirm to go on after checking them by hand.' }
    do { $answer = Read-Host 'Type CONTINUE once you have checked them, or STOP' } while ($answer -ne 'CONTINUE' -and $answer -ne 'STOP')
    if ($answer -ne 'CONTINUE') { throw 'Stopped by the operator at the preflight.' }
}
Write-Host '    Stage 4 preflight passed.' -ForegroundColor Green

# ---- Step 14 [manual] users-2-move
Write-FwStep -Number 14 -Kind 'manual' -Title 'Move 4,500 users of bos-pool-15.northwind.com to bos-pool-se.northwind.com' -Expect '4,500 more users are homed on bos-pool-se.northwind.com; none of the moves reported an error.' -Duration '00:50:00'
Wait-FwAcknowledge -Number 14 -Instructions 'Move 4,500 users homed on bos-pool-15.northwind.com: Get-CsUser -Filter {RegistrarPool -eq ''bos-pool-15.northwind.com''} -ResultSize 4500 | Move-CsUser -Target ''bos-pool-se.northwind.com'' -Confirm:$false. Do not use -Force: it discards the users'' contacts and meetings.'

# ---- Step 15 [check] users-2-check
Write-FwStep -Number 15 -Kind 'check' -Title 'Check where sip:dana@northwind.com registers' -Expect 'PrimaryPoolFqdn is bos-pool-se.northwind.com and BackupPoolFqdn is aus-pool-se.northwind.com.' -Duration '00:01:00'
Get-CsUserPoolInfo -Identity 'sip:dana@northwind.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 15
Test-FwShows -Number 15 -Output $FwOut -Shows 'aus-pool-se.northwind.com'
Confirm-FwCheck -Number 15

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
if ($FwDrift.Count -gt 0) {
    throw ('Preflight found drift in {0} fact(s): {1}. The deployment is not the one this plan was made for; nothing was changed. Make a new plan (failwright plan) from the current topology.' -f $FwDrift.Count, ($FwDrift -join ', '))
}
if ($FwUnchecked.Count -gt 0) {
    Write-Warning ('Preflight could not read {0} fact(s): {1}. With the Central Management store down this is expected; check them by hand.' -f $FwUnchecked.Count, ($FwUnchecked -join ', '))
    if ($NoConfirm) { throw 'Preflight could not check every fact; run without -NoConfirm to go on after checking them by hand.' }
    do { $answer = Read-Host 'Type CONTINUE once you have checked them, or STOP' } while ($answer -ne 'CONTINUE' -and $answer -ne 'STOP')
    if ($answer -ne 'CONTINUE') { throw 'Stopped by the operator at the preflight.' }
}
Write-Host '    Stage 5 preflight passed.' -ForegroundColor Green

# ---- Step 16 [check] edge-next-hop-check-bos-edge-01.northwind.com
Write-FwStep -Number 16 -Kind 'check' -Title 'Check the next hop of Edge pool bos-edge-01.northwind.com' -Expect 'The Edge service of bos-edge-01.northwind.com lists Registrar:bos-pool-15.northwind.com as its next hop.' -Duration '00:01:00'
Get-CsService -EdgeServer -PoolFqdn 'bos-edge-01.northwind.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 16
Test-FwShows -Number 16 -Output $FwOut -Shows 'Registrar:bos-pool-15.northwind.com'
Confirm-FwCheck -Number 16

# ---- Step 17 [change] edge-next-hop-bos-edge-01.northwind.com
Write-FwStep -Number 17 -Kind 'change' -Title 'Point Edge pool bos-edge-01.northwind.com at bos-pool-se.northwind.com' -Expect 'The Edge service now lists Registrar:bos-pool-se.northwind.com.' -Duration '00:05:00'
Confirm-FwStep -Number 17
Set-CsEdgeServer -Identity 'EdgeServer:bos-edge-01.northwind.com' -Registrar 'Registrar:bos-pool-se.northwind.com' -WhatIf:$Rehearse -Confirm:$false  # fw:step 17
Get-CsService -EdgeServer -PoolFqdn 'bos-edge-01.northwind.com' | Out-Host  # fw:verify 17

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
if ($FwDrift.Count -gt 0) {
    throw ('Preflight found drift in {0} fact(s): {1}. The deployment is not the one this plan was made for; nothing was changed. Make a new plan (failwright plan) from the current topology.' -f $FwDrift.Count, ($FwDrift -join ', '))
}
if ($FwUnchecked.Count -gt 0) {
    Write-Warning ('Preflight could not read {0} fact(s): {1}. With the Central Management store down this is expected; check them by hand.' -f $FwUnchecked.Count, ($FwUnchecked -join ', '))
    if ($NoConfirm) { throw 'Preflight could not check every fact; run without -NoConfirm to go on after checking them by hand.' }
    do { $answer = Read-Host 'Type CONTINUE once you have checked them, or STOP' } while ($answer -ne 'CONTINUE' -and $answer -ne 'STOP')
    if ($answer -ne 'CONTINUE') { throw 'Stopped by the operator at the preflight.' }
}
Write-Host '    Stage 6 preflight passed.' -ForegroundColor Green

# ---- Step 18 [manual] branch-prov-sba-01.northwind.com
Write-FwStep -Number 18 -Kind 'manual' -Title 'Make bos-pool-se.northwind.com the backup registrar of prov-sba-01.northwind.com' -Expect 'Get-CsService -Registrar lists prov-sba-01.northwind.com with bos-pool-se.northwind.com as its backup registrar.' -Duration '00:20:00'
Wait-FwAcknowledge -Number 18 -Instructions 'In Topology Builder, edit the branch site of prov-sba-01.northwind.com: set its Resiliency backup registrar to bos-pool-se.northwind.com, publish the topology and run Setup on the appliance.'

# ---- Step 19 [check] branch-check
Write-FwStep -Number 19 -Kind 'check' -Title 'Check the registrars' -Expect 'Each branch appliance lists bos-pool-se.northwind.com as its backup registrar.' -Duration '00:01:00'
Get-CsService -Registrar | Tee-Object -Variable FwOut | Out-Host  # fw:step 19
Test-FwShows -Number 19 -Output $FwOut -Shows 'bos-pool-se.northwind.com'
Confirm-FwCheck -Number 19

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
if ($FwDrift.Count -gt 0) {
    throw ('Preflight found drift in {0} fact(s): {1}. The deployment is not the one this plan was made for; nothing was changed. Make a new plan (failwright plan) from the current topology.' -f $FwDrift.Count, ($FwDrift -join ', '))
}
if ($FwUnchecked.Count -gt 0) {
    Write-Warning ('Preflight could not read {0} fact(s): {1}. With the Central Management store down this is expected; check them by hand.' -f $FwUnchecked.Count, ($FwUnchecked -join ', '))
    if ($NoConfirm) { throw 'Preflight could not check every fact; run without -NoConfirm to go on after checking them by hand.' }
    do { $answer = Read-Host 'Type CONTINUE once you have checked them, or STOP' } while ($answer -ne 'CONTINUE' -and $answer -ne 'STOP')
    if ($answer -ne 'CONTINUE') { throw 'Stopped by the operator at the preflight.' }
}
Write-Host '    Stage 7 preflight passed.' -ForegroundColor Green

# ---- Step 20 [manual] unpair-publish
Write-FwStep -Number 20 -Kind 'manual' -Title 'Remove the pairing of bos-pool-15.northwind.com' -Expect 'Get-CsPoolBackupRelationship -PoolFqdn ''bos-pool-15.northwind.com'' names no backup pool.' -Duration '00:30:00'
Wait-FwAcknowledge -Number 20 -Instructions 'In Topology Builder, clear the associated backup pool of bos-pool-15.northwind.com (and so of aus-pool-15.northwind.com), publish the topology and run Setup on the servers of both pools.'

# ---- Step 21 [check] unpair-new-pair
Write-FwStep -Number 21 -Kind 'check' -Title 'Check the backup relationship of bos-pool-se.northwind.com' -Expect 'The backup pool of bos-pool-se.northwind.com is still aus-pool-se.northwind.com.' -Duration '00:01:00'
Get-CsPoolBackupRelationship -PoolFqdn 'bos-pool-se.northwind.com' | Tee-Object -Variable FwOut | Out-Host  # fw:step 21
Test-FwShows -Number 21 -Output $FwOut -Shows 'aus-pool-se.northwind.com'
Confirm-FwCheck -Number 21

Write-Host ''
Write-Host 'Plan complete (21 steps). Predicted RTO 00:00:00, data loss 00:00:00.' -ForegroundColor Green
} finally {
    Stop-Transcript | Out-Null
}
