# topology: litwareinc.yaml
# How the simulated shell reads lines: comments, blank lines, semicolons, continuation,
# quoting, and the errors PowerShell gives for lines it cannot run.

get-cspoolbackuprelationship -pool 'atl-cs-001.litwareinc.com'; Get-CsPoolBackupRelationship -PoolFqdn:"dfw-cs-001.litwareinc.com"
Get-CsBackupServiceStatus `
  -PoolFqdn atl-cs-001.litwareinc.com `
  -Category UserData
Get-CsBackupServiceStatus -PoolFqdn atl-cs-001.litwareinc.com -Category Everything
Invoke-CsPoolFailOver -W 00:05:00
Invoke-CsPoolFailOver -DisasterMode
Invoke-CsPoolFailOver -PoolFqdn "atl-cs-001.litwareinc.com
Get-CsPool | Format-List
Invoke-CsPoolFailover -PoolFqdn $pool
Start-CsPol atl-cs-001.litwareinc.com
exit
Get-SimState
