# topology: lync2013-pair.yaml
# A Lync Server 2013 pool fails and is failed over in disaster mode, with the -Confirm
# question answered from the script.
Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com -Confirm
n
Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com -SkipDataVerification
Stop-SimPool chi-pool-01.contoso.com
Invoke-CsPoolFailOver -PoolFqdn chi-pool-01.contoso.com -DisasterMode -Confirm
y
Get-SimState
