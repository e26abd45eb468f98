package sim

// The Backup Service's global configuration (Get- and Set-CsBackupServiceConfiguration) and
// the Response Group data it copies (Invoke-CsRgsStoreReplicateData).

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"failwright/engine/shell"
	"failwright/engine/topology"
)

// backupConfig is the global Backup Service configuration besides the sync interval (which
// lives in state.syncEvery because the replication model reads it). Defaults are FACTS §10.
type backupConfig struct {
	maxCms, maxUser, maxCalls, maxDataConf int
	maxHighPri                             int // 0: not set (no documented default)
	rgs                                    bool
	localAccounts, groups                  string
}

var defaultBackupConfig = backupConfig{maxCms: 500, maxUser: 500, maxCalls: 10, maxDataConf: 102400,
	localAccounts: "Network Service", groups: "Schema Admins"}

// configIdentity checks an -Identity of the Backup Service configuration: only Global exists.
func (c *ctx) configIdentity() bool {
	id := c.cmd.Str("Identity")
	if id == "" || strings.EqualFold(id, "global") {
		return true
	}
	c.fail("FW-CONFIG-NOT-FOUND", "ObjectNotFound", fmt.Sprintf(
		`Cannot find Backup Service settings "%s": there is one collection for every pool, Global.`, id))
	return false
}

// cmdGetBackupConfig is Get-CsBackupServiceConfiguration: the one Global collection.
func cmdGetBackupConfig(c *ctx) {
	s := c.s
	if !c.configIdentity() {
		return
	}
	if f := c.cmd.Str("Filter"); f != "" && !shell.WildcardMatch(f, "Global") {
		return
	}
	bc := s.st.bcfg
	props := []kv{
		{"Identity", "Global"},
		{"SyncInterval", FormatDuration(s.st.syncEvery)},
		{"MaxBatchesPerCmsSync", strconv.Itoa(bc.maxCms)},
		{"MaxBatchesPerUserStoreSync", strconv.Itoa(bc.maxUser)},
		{"MaxConcurrentCalls", strconv.Itoa(bc.maxCalls)},
		{"MaxDataConfPackageSizeKB", strconv.Itoa(bc.maxDataConf)},
		{"AuthorizedLocalAccounts", set(bc.localAccounts)},
		{"AuthorizedUniversalGroups", set(bc.groups)},
	}
	v := s.versionFor0()
	if v != topology.Lync2013 {
		hp := ""
		if bc.maxHighPri > 0 {
			hp = strconv.Itoa(bc.maxHighPri)
		}
		props = append(props, kv{"MaxHighPriQueuePercentagePerUserStoreSync", hp})
	}
	if v.Behaves() == topology.SfB2019 || v == "" {
		props = append(props, kv{"EnableRgsBackupService", boolText(bc.rgs)})
	}
	c.list(props)
}

// cmdSetBackupConfig is Set-CsBackupServiceConfiguration: -SyncInterval moves every
// direction's sync grid (and so the data-loss window); the other settings are kept and shown.
func cmdSetBackupConfig(c *ctx) {
	s := c.s
	st := &s.st
	if c.cmd.Has("Instance") {
		c.fail("FW-NOT-MODELLED", "NotImplemented", "The simulated shell has no variables, so -Instance cannot be given an object: use -Identity Global and the setting's own parameter.")
		return
	}
	if !c.configIdentity() {
		return
	}
	iv, setIv := c.cmd.TimeSpan("SyncInterval")
	if setIv && (iv < MinSyncInterval || iv > MaxSyncInterval) {
		c.fail("FW-SYNC-INTERVAL-RANGE", "InvalidArgument", fmt.Sprintf(
			"-SyncInterval must be between 00:00:05 and 03:00:00; %s was given.", FormatDuration(iv)))
		return
	}
	for _, name := range []string{"MaxBatchesPerCmsSync", "MaxBatchesPerUserStoreSync", "MaxConcurrentCalls", "MaxDataConfPackageSizeKB", "MaxHighPriQueuePercentagePerUserStoreSync"} {
		if n, ok := c.cmd.Int(name); ok && (n < 1 || (name == "MaxHighPriQueuePercentagePerUserStoreSync" && n > 100)) {
			c.fail("FW-CONFIG-RANGE", "InvalidArgument", fmt.Sprintf("-%s must be a positive number%s; %d was given.", name,
				map[bool]string{true: " of percent (1 to 100)", false: ""}[name == "MaxHighPriQueuePercentagePerUserStoreSync"], n))
			return
		}
	}
	if !c.requireCMS() {
		return
	}
	if !c.shouldProcess("Set-CsBackupServiceConfiguration", "Global", false) {
		return
	}
	bc := &st.bcfg
	setInt := func(name string, f *int) {
		if n, ok := c.cmd.Int(name); ok {
			*f = n
		}
	}
	setInt("MaxBatchesPerCmsSync", &bc.maxCms)
	setInt("MaxBatchesPerUserStoreSync", &bc.maxUser)
	setInt("MaxConcurrentCalls", &bc.maxCalls)
	setInt("MaxDataConfPackageSizeKB", &bc.maxDataConf)
	setInt("MaxHighPriQueuePercentagePerUserStoreSync", &bc.maxHighPri)
	if c.cmd.Has("EnableRgsBackupService") {
		bc.rgs = c.cmd.Switch("EnableRgsBackupService")
	}
	if c.cmd.Has("AuthorizedLocalAccounts") {
		bc.localAccounts = c.cmd.Str("AuthorizedLocalAccounts")
	}
	if c.cmd.Has("AuthorizedUniversalGroups") {
		bc.groups = c.cmd.Str("AuthorizedUniversalGroups")
	}
	c.res.Changed = true
	if !setIv || iv == st.syncEvery {
		return
	}
	if iv != DefaultSyncInterval {
		c.warnf("The Backup Service now syncs every %s instead of the default 00:02:00: a disaster-mode failover can lose up to %s of changes, and shorter intervals cost performance.", FormatDuration(iv), FormatDuration(iv))
	}
	s.setSyncInterval(iv)
}

// setSyncInterval changes the Backup Service interval: syncs done so far stay done, and the
// next ones fall on the grid of the new interval.
func (s *Sim) setSyncInterval(iv time.Duration) {
	st := &s.st
	for d := range s.x.dirs {
		if st.dWorking[d] {
			st.dLastSync[d] = s.lastSyncView(d)
		}
	}
	old := st.syncEvery
	st.syncEvery = iv
	s.logf("Backup Service sync interval changed from %s to %s.", FormatDuration(old), FormatDuration(iv))
	s.schedule(s.nextTick(st.now), "backup catch-up")
	s.recompute()
}

// cmdRgsReplicate is Invoke-CsRgsStoreReplicateData (2019): it puts a pool's existing
// Response Group data in the backup tables, so that the Backup Service copies it once
// -EnableRgsBackupService is on (FACTS §10).
func cmdRgsReplicate(c *ctx) {
	s := c.s
	p := c.frontEnd("PoolFqdn")
	if p < 0 {
		return
	}
	pi := &s.x.pools[p]
	if !s.st.serving[p] {
		c.fail("FW-POOL-UNREACHABLE", "ResourceUnavailable", fmt.Sprintf(`Pool "%s" cannot be reached (%s).`, pi.fqdn, s.downReason(p)))
		return
	}
	if !s.st.bcfg.rgs {
		c.warnf("The Backup Service does not copy Response Group data yet: run Set-CsBackupServiceConfiguration -EnableRgsBackupService $true.")
	}
	c.step("Copying the Response Group data of %s to its backup tables.", pi.fqdn)
	c.wait(DurCMSReplication)
	if !s.st.rgsInit[p] {
		s.st.rgsInit[p] = true
		s.logf("Response Group data of %s is in its backup tables.", pi.fqdn)
	}
	c.res.Changed = true
}
