# topology: unpaired.yaml
# -ErrorVariable, -OutVariable and the other variable parameters are accepted and do nothing
# (the shell keeps no variables); every error record is followed by a blank line, as in
# Windows PowerShell 5.1; "exit 0" ends the script with code 0 although a command failed.
Get-CsPool -OutVariable pools -ErrorVariable +errs -WarningVariable w -InformationVariable i -OutBuffer 10 -PipelineVariable p -Filter *
Invoke-CsPoolFailOver -PoolFqdn nowhere.example.com -ErrorVariable err
Get-CsPoolBackupRelationship -PoolFqdn nowhere.example.com -ev err -ea SilentlyContinue
exit 0
Get-SimState
