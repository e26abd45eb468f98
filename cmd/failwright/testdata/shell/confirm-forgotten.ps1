# topology: litwareinc.yaml
# Reset-CsPoolRegistrarState asks for confirmation by default. The script forgot the answer
# line: the next command declines the question and runs; later "exit 2" ends the script with
# code 2 while a question is pending, and nothing after it runs.
Reset-CsPoolRegistrarState -PoolFqdn atl-cs-001.litwareinc.com -ResetType QuorumLossRecovery
Get-CsPoolBackupRelationship -PoolFqdn atl-cs-001.litwareinc.com
Reset-CsPoolRegistrarState -PoolFqdn atl-cs-001.litwareinc.com
exit 2
Get-SimState
