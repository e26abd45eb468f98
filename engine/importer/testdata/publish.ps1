# Publishes the lab topology. $DomainName and $PoolFqdn come from the lab's settings.
$DomainName = "contoso.com"
$TopologyXml = @"
<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008">
  <InternalDomains AllowAllDomains="false" DefaultDomain="$DomainName" />
  <Sites>
    <CentralSite SiteId="1">
      <Name>${SiteName}</Name>
    </CentralSite>
  </Sites>
  <Clusters>
    <Cluster RequiresReplication="true" RequiresSetup="true" Fqdn="$PoolFqdn">
      <ClusterId SiteId="1" Number="1" />
      <Machine OrdinalInCluster="1" Fqdn="$PoolFqdn" />
    </Cluster>
  </Clusters>
  <SqlInstances>
    <SqlInstance>
      <SqlInstanceId Name="rtc">
        <ClusterId SiteId="1" Number="1" />
      </SqlInstanceId>
    </SqlInstance>
  </SqlInstances>
  <Services>
    <Service RoleVersion="1" ServiceVersion="7">
      <ServiceId SiteId="1" RoleName="UserServices" Instance="1" />
      <DependsOn>
        <Dependency Usage="Default">
          <ServiceId SiteId="1" RoleName="UserStore" Instance="1" />
        </Dependency>
      </DependsOn>
      <InstalledOn>
        <ClusterId SiteId="1" Number="1" />
      </InstalledOn>
    </Service>
    <Service RoleVersion="1" ServiceVersion="7">
      <ServiceId SiteId="1" RoleName="Registrar" Instance="1" />
      <DependsOn />
      <InstalledOn>
        <ClusterId SiteId="1" Number="1" />
      </InstalledOn>
    </Service>
    <Service RoleVersion="1" ServiceVersion="7">
      <ServiceId SiteId="1" RoleName="UserStore" Instance="1" />
      <DependsOn />
      <InstalledOn>
        <SqlInstanceId Name="rtc">
          <ClusterId SiteId="1" Number="1" />
        </SqlInstanceId>
      </InstalledOn>
    </Service>
    <Service RoleVersion="1" ServiceVersion="7">
      <ServiceId SiteId="1" RoleName="CentralMgmt" Instance="1" />
      <DependsOn />
      <InstalledOn>
        <ClusterId SiteId="1" Number="1" />
      </InstalledOn>
      <CentralMgmtService xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008" IsActive="true" />
    </Service>
  </Services>
</Topology>
"@
$TopologyXml | Out-File "$env:TEMP\topology.xml"
Publish-CsTopology -FileName "$env:TEMP\topology.xml"
