# topology: lync2013-pair.yaml
# Get-Help shows the syntax of the session's product version: no -SkipDataVerification on
# Lync Server 2013, and no Start-CsPool at all.
Get-Help Invoke-CsPoolFailBack
help Start-CsPool
