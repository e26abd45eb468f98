<#
failwright collector, format 1.

Reads a Lync Server 2013 or Skype for Business Server deployment and writes what failwright
needs to model its disaster recovery to ONE JSON file, for `failwright import`.

It changes nothing. Among the Skype for Business cmdlets it calls only Get-Cs* cmdlets:
  Get-CsTopology -AsXml                   the published topology
  Get-CsPool                              the pools and their services
  Get-CsPoolBackupRelationship            each registrar pool's backup pool
  Get-CsUser                              users per registrar pool (counts only, no user data)
  Get-CsService -Registrar                the registrars' backup registrars and timers
  Get-CsService -CentralManagement        where the Central Management store is
  Get-CsManagementStoreReplicationStatus  the active master and each server's build
  Get-CsService -EdgeServer               each Edge pool's internal next hop
  Get-CsDatabaseMirrorState               the back-end mirror states (2013 and 2015 only)
  Get-CsBackupServiceStatus               the Backup Service status of each paired pool
The other commands it runs only shape and write its output.

Run it in the Skype for Business Server Management Shell (Windows PowerShell 3.0 or later)
as a member of RTCUniversalServerAdmins (the Backup Service status needs that group):
  .\failwright-collect.ps1 -Path .\deployment.json
The file holds no user names or addresses. A step that fails is recorded in the file's
"errors" list and the others still run.
#>
param(
    [string]$Path = '.\failwright-collect.json'
)

$ErrorActionPreference = 'Stop'
$errors = @()

# Pick reads the first of several candidate property names that an object has, because the
# output property names of some cmdlets are not documented for certain (docs/import.md).
function Pick($Object, [string[]]$Names) {
    foreach ($name in $Names) {
        $property = $Object.PSObject.Properties[$name]
        if ($property -ne $null -and $property.Value -ne $null) {
            return [string]$property.Value
        }
    }
    return ''
}

function Add-Failure([string]$Step, $Record) {
    $script:errors += @(New-Object PSObject -Property @{ step = $Step; message = [string]$Record })
}

$document = New-Object PSObject -Property @{
    format = 'failwright-collector'
    formatVersion = 1
    collectedAt = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
    topologyXml = ''
}

Write-Progress -Activity 'failwright collector' -Status 'Get-CsTopology -AsXml'
try {
    $xml = Get-CsTopology -AsXml
    if ($xml -is [xml]) {
        $xml = $xml.OuterXml
    }
    $document.topologyXml = (@($xml) | ForEach-Object { [string]$_ }) -join "`r`n"
} catch {
    Add-Failure 'Get-CsTopology' $_
}

$pools = @()
try {
    $pools = @(Get-CsPool)
} catch {
    Add-Failure 'Get-CsPool' $_
}

# Registrar pools with user services are the ones that can have a backup pool.
$registrarPools = @($pools | Where-Object {
    $services = @($_.Services | ForEach-Object { [string]$_ })
    ($services -like 'UserServer:*').Count -gt 0 -and ($services -like 'Registrar:*').Count -gt 0
} | ForEach-Object { [string]$_.Fqdn })

Write-Progress -Activity 'failwright collector' -Status 'Get-CsPoolBackupRelationship'
$backupRelationships = @()
foreach ($pool in $registrarPools) {
    try {
        foreach ($relation in @(Get-CsPoolBackupRelationship -PoolFqdn $pool)) {
            $backupRelationships += @(New-Object PSObject -Property @{
                poolFqdn = $pool
                backupPoolFqdn = Pick $relation @('BackupPoolFqdn', 'BackupPool', 'BackupFqdn', 'Backup')
            })
        }
    } catch {
        Add-Failure "Get-CsPoolBackupRelationship -PoolFqdn $pool" $_
    }
}

Write-Progress -Activity 'failwright collector' -Status 'Get-CsUser'
$users = @()
try {
    $users = @(Get-CsUser -ResultSize Unlimited | Group-Object -Property RegistrarPool -NoElement |
        Where-Object { $_.Name -ne '' } | ForEach-Object {
            New-Object PSObject -Property @{ registrarPool = [string]$_.Name; users = [int]$_.Count }
        })
} catch {
    Add-Failure 'Get-CsUser' $_
}

# The backup registrar of each branch appliance, and the registrar failure detection timers.
Write-Progress -Activity 'failwright collector' -Status 'Get-CsService -Registrar'
$registrars = @()
try {
    $registrars = @(Get-CsService -Registrar | ForEach-Object {
        New-Object PSObject -Property @{
            poolFqdn = Pick $_ @('PoolFqdn', 'Identity')
            backupRegistrar = Pick $_ @('BackupRegistrar', 'BackupRegistrarPool')
            failureDetectionInterval = Pick $_ @('FailureDetectionInterval')
            failbackDetectionInterval = Pick $_ @('FailbackDetectionInterval')
        }
    })
} catch {
    Add-Failure 'Get-CsService -Registrar' $_
}

Write-Progress -Activity 'failwright collector' -Status 'Central Management store'
$centralManagement = New-Object PSObject -Property @{ activeMasterFqdn = ''; services = @() }
try {
    $centralManagement.services = @(Get-CsService -CentralManagement | ForEach-Object {
        New-Object PSObject -Property @{
            poolFqdn = Pick $_ @('PoolFqdn', 'Identity')
            siteId = Pick $_ @('SiteId', 'Site')
            active = Pick $_ @('Active', 'IsActive')
        }
    })
} catch {
    Add-Failure 'Get-CsService -CentralManagement' $_
}
try {
    $status = Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus
    $centralManagement.activeMasterFqdn = Pick $status @('ActiveMasterFqdn', 'ActiveMaster')
} catch {
    Add-Failure 'Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus' $_
}

# The build of each server, as the replication status reports it; the pools' cumulative update.
$builds = @()
try {
    $builds = @(Get-CsManagementStoreReplicationStatus | ForEach-Object {
        New-Object PSObject -Property @{
            fqdn = Pick $_ @('ReplicaFqdn', 'Fqdn')
            productVersion = Pick $_ @('ProductVersion', 'Version')
        }
    })
} catch {
    Add-Failure 'Get-CsManagementStoreReplicationStatus' $_
}

Write-Progress -Activity 'failwright collector' -Status 'Get-CsService -EdgeServer'
$edgeNextHops = @()
try {
    $edgeNextHops = @(Get-CsService -EdgeServer | ForEach-Object {
        New-Object PSObject -Property @{
            edgePoolFqdn = Pick $_ @('PoolFqdn', 'Identity')
            nextHop = Pick $_ @('Registrar', 'NextHopRegistrar', 'NextHop', 'NextHopPool')
        }
    })
} catch {
    Add-Failure 'Get-CsService -EdgeServer' $_
}

# Back-end mirroring and its cmdlet do not exist in Skype for Business Server 2019.
Write-Progress -Activity 'failwright collector' -Status 'Get-CsDatabaseMirrorState'
$mirrorStates = @()
if ((Get-Command -Name Get-CsDatabaseMirrorState -ErrorAction SilentlyContinue) -ne $null) {
    foreach ($pool in $registrarPools) {
        try {
            foreach ($state in @(Get-CsDatabaseMirrorState -PoolFqdn $pool -DatabaseType User)) {
                $mirrorStates += @(New-Object PSObject -Property @{
                    poolFqdn = $pool
                    databaseName = Pick $state @('DatabaseName', 'Name')
                    stateOnPrimary = Pick $state @('StateOnPrimary')
                    stateOnMirror = Pick $state @('StateOnMirror')
                })
            }
        } catch {
            Add-Failure "Get-CsDatabaseMirrorState -PoolFqdn $pool" $_
        }
    }
}

Write-Progress -Activity 'failwright collector' -Status 'Get-CsBackupServiceStatus'
$backupServiceStatus = @()
foreach ($relation in $backupRelationships) {
    if ($relation.backupPoolFqdn -eq '') {
        continue
    }
    try {
        foreach ($status in @(Get-CsBackupServiceStatus -PoolFqdn $relation.poolFqdn -Category UserData)) {
            if ((Pick $status @('OverallExportStatus', 'ExportStatus')) -eq '') {
                continue
            }
            $backupServiceStatus += @(New-Object PSObject -Property @{
                poolFqdn = $relation.poolFqdn
                backupPoolFqdn = Pick $status @('BackupPoolFqdn', 'BackupPool')
                overallExportStatus = Pick $status @('OverallExportStatus', 'ExportStatus')
                overallImportStatus = Pick $status @('OverallImportStatus', 'ImportStatus')
            })
        }
    } catch {
        Add-Failure "Get-CsBackupServiceStatus -PoolFqdn $($relation.poolFqdn)" $_
    }
}
Write-Progress -Activity 'failwright collector' -Completed

$document | Add-Member -MemberType NoteProperty -Name backupRelationships -Value $backupRelationships
$document | Add-Member -MemberType NoteProperty -Name usersPerRegistrarPool -Value $users
$document | Add-Member -MemberType NoteProperty -Name registrars -Value $registrars
$document | Add-Member -MemberType NoteProperty -Name centralManagement -Value $centralManagement
$document | Add-Member -MemberType NoteProperty -Name builds -Value $builds
$document | Add-Member -MemberType NoteProperty -Name edgeNextHops -Value $edgeNextHops
$document | Add-Member -MemberType NoteProperty -Name mirrorStates -Value $mirrorStates
$document | Add-Member -MemberType NoteProperty -Name backupServiceStatus -Value $backupServiceStatus
$document | Add-Member -MemberType NoteProperty -Name errors -Value $errors

ConvertTo-Json -InputObject $document -Depth 6 | Out-File -FilePath $Path -Encoding UTF8
Write-Output ('failwright collector: wrote ' + $Path + ' (' + $errors.Count + ' steps failed)')
