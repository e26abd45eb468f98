package app

// Round trip of the collector (issue 15): on every sample topology, run the collector's
// Get-Cs* reads in the simulator, assemble the collector's file from their output, import it
// through app.Import, and compare with the original in everything those cmdlets report.

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"failwright/engine/collector"
	"failwright/engine/importer"
	"failwright/engine/samples"
	"failwright/engine/sim"
	"failwright/engine/topofile"
	"failwright/engine/topology"
)

// objects splits list-format console output into objects of "Name : Value" properties.
func objects(r sim.Result) []map[string]string {
	var out []map[string]string
	var cur map[string]string
	for _, l := range r.Lines {
		if l.Kind != sim.LineOutput {
			continue
		}
		if strings.TrimSpace(l.Text) == "" {
			cur = nil
			continue
		}
		k, v, ok := strings.Cut(l.Text, " : ")
		if !ok {
			k, v = strings.TrimSuffix(strings.TrimSpace(l.Text), " :"), ""
		}
		if cur == nil {
			cur = map[string]string{}
			out = append(out, cur)
		}
		cur[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return out
}

// assemble runs the collector's reads in s and builds the file the script would write.
func assemble(t *testing.T, s *sim.Sim) *collector.File {
	run := func(line string) sim.Result { return s.Exec(line) }
	f := &collector.File{}
	var xml []string
	for _, l := range run("Get-CsTopology -AsXml").Lines {
		xml = append(xml, l.Text)
	}
	f.TopologyXML = strings.Join(xml, "\r\n")
	var pools []string
	for _, o := range objects(run("Get-CsPool")) {
		if strings.Contains(o["Services"], "UserServer:") && strings.Contains(o["Services"], "Registrar:") {
			pools = append(pools, o["Fqdn"])
		}
	}
	for _, p := range pools {
		for _, o := range objects(run("Get-CsPoolBackupRelationship -PoolFqdn '" + p + "'")) {
			f.BackupRelationships = append(f.BackupRelationships, collector.BackupRelationship{PoolFqdn: p, BackupPoolFqdn: o["BackupPoolFqdn"]})
		}
	}
	users := map[string]int{}
	var order []string
	r := run("Get-CsUser -ResultSize Unlimited")
	count := func(pool string, n int) {
		if _, ok := users[pool]; !ok {
			order = append(order, pool)
		}
		users[pool] += n
	}
	for _, o := range objects(r) {
		count(o["RegistrarPool"], 1)
	}
	for _, l := range r.Lines {
		if l.Kind != sim.LineWarning {
			continue
		}
		_, list, _ := strings.Cut(l.Text, " are: ")
		for _, part := range strings.Split(strings.TrimSuffix(list, "."), "; ") {
			n, pool, _ := strings.Cut(part, " more on ")
			v := 0
			for _, c := range n {
				if c >= '0' && c <= '9' {
					v = v*10 + int(c-'0')
				}
			}
			count(pool, v)
		}
	}
	for _, p := range order {
		f.UsersPerRegistrarPool = append(f.UsersPerRegistrarPool, collector.PoolUsers{RegistrarPool: p, Users: users[p]})
	}
	for _, o := range objects(run("Get-CsService -Registrar")) {
		f.Registrars = append(f.Registrars, collector.RegistrarService{PoolFqdn: o["PoolFqdn"], BackupRegistrar: o["BackupRegistrar"],
			FailureDetectionInterval: o["FailureDetectionInterval"], FailbackDetectionInterval: o["FailbackDetectionInterval"]})
	}
	for _, o := range objects(run("Get-CsService -CentralManagement")) {
		f.CentralManagement.Services = append(f.CentralManagement.Services, collector.CMSService{PoolFqdn: o["PoolFqdn"], SiteID: o["SiteId"], Active: o["Active"]})
	}
	if os := objects(run("Get-CsManagementStoreReplicationStatus -CentralManagementStoreStatus")); len(os) > 0 {
		f.CentralManagement.ActiveMasterFqdn = os[0]["ActiveMasterFqdn"]
	}
	for _, o := range objects(run("Get-CsManagementStoreReplicationStatus")) {
		f.Builds = append(f.Builds, collector.Build{Fqdn: o["ReplicaFqdn"], ProductVersion: o["ProductVersion"]})
	}
	for _, o := range objects(run("Get-CsService -EdgeServer")) {
		f.EdgeNextHops = append(f.EdgeNextHops, collector.EdgeNextHop{EdgePoolFqdn: o["PoolFqdn"], NextHop: o["Registrar"]})
	}
	if len(run("Get-Command -Name Get-CsDatabaseMirrorState -ErrorAction SilentlyContinue").Lines) > 0 {
		for _, p := range pools {
			for _, o := range objects(run("Get-CsDatabaseMirrorState -PoolFqdn '" + p + "' -DatabaseType User")) {
				f.MirrorStates = append(f.MirrorStates, collector.MirrorState{PoolFqdn: p, DatabaseName: o["DatabaseName"], StateOnPrimary: o["StateOnPrimary"], StateOnMirror: o["StateOnMirror"]})
			}
		}
	}
	for _, b := range f.BackupRelationships {
		if b.BackupPoolFqdn == "" {
			continue
		}
		for _, o := range objects(run("Get-CsBackupServiceStatus -PoolFqdn '" + b.PoolFqdn + "' -Category UserData")) {
			if o["OverallExportStatus"] != "" {
				f.BackupServiceStatus = append(f.BackupServiceStatus, collector.BackupStatus{PoolFqdn: b.PoolFqdn, BackupPoolFqdn: o["BackupPoolFqdn"],
					OverallExportStatus: o["OverallExportStatus"], OverallImportStatus: o["OverallImportStatus"]})
			}
		}
	}
	return f
}

// reported keeps what the collector's cmdlets report: it drops the name, description, site
// regions, platforms and OS, sample users and routing groups, the federation route, the
// Backup Service sync interval, the recovery parts and the recovery policies (the
// organization's targets, not the deployment's state), which no cmdlet the collector calls
// returns. A pool without
// a build gets its version's release build, and the registrar timers are the effective ones,
// on both sides.
func reported(t topology.Topology) topology.Topology {
	t.Name, t.Description, t.BackupService, t.RecoveryPolicy = "", "", topology.BackupService{}, nil
	// The recovery parts (simple URLs, web services, Persistent Chat, gateways) are not
	// collected yet.
	t.SimpleURLs, t.DNSProviders, t.LoadBalancers, t.PersistentChat, t.XMPPGateways, t.PSTNGateways = nil, nil, nil, nil, nil, nil
	sites := make([]topology.Site, len(t.Sites))
	for i, s := range t.Sites {
		sites[i] = topology.Site{Name: s.Name}
	}
	t.Sites = sites
	pools := make([]topology.Pool, len(t.Pools))
	for i, p := range t.Pools {
		p.Platform, p.OS, p.SampleUsers, p.RoutingGroups, p.FederationRoute = "", "", nil, 0, false
		p.WebServices, p.LocationDatabase, p.ResponseGroups, p.CallPark, p.Announcements = nil, false, 0, false, false
		p.RecoveryPolicy = nil
		// The cmdlets report the effective registrar timers.
		p.Registrar = topology.Registrar{FailureDetectionSeconds: p.EffectiveFailureDetectionSeconds(),
			FailbackDetectionSeconds: p.EffectiveFailbackDetectionSeconds()}
		// A pool without a build runs its version's release build, as the simulator reports.
		if rel, ok := topology.ReleaseBuild(p.Version); ok && p.Build == "" {
			p.Build = rel.String()
		}
		pools[i] = p
	}
	t.Pools = pools
	return t
}

func TestCollectorRoundTrip(t *testing.T) {
	names := samples.Names()
	require.NotEmpty(t, names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			data, err := samples.Read(name)
			require.NoError(t, err)
			topo, fs := topofile.Decode(name, data)
			require.False(t, fs.HasErrors(), "%v", fs)
			s, err := sim.New(topo, sim.Options{Seed: 1})
			require.NoError(t, err)
			doc := assemble(t, s).Encode()
			_, err = collector.Parse(doc, "collect.json")
			require.NoError(t, err)
			res := Import(ImportRequest{File: Source{Name: "collect.json", Data: doc}})
			require.Equal(t, StatusOK, res.Status, "%v", res.Findings)
			require.Equal(t, importer.Collected, res.Kind)
			require.Equal(t, reported(*topo), reported(*res.Document.Topology))
		})
	}
}
