//go:build !js

package render

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"failwright/engine/plan"
	"failwright/engine/topology"
	"failwright/internal/testkit"
)

// topologyValues lists what a script may take from a topology: its name, the sites, every
// FQDN (pools, servers, SQL stores, witnesses, branches), SQL instances and sample users.
func topologyValues(topo *topology.Topology) []string {
	vals := []string{topo.Name}
	for _, s := range topo.Sites {
		vals = append(vals, s.Name)
	}
	for _, p := range topo.Pools {
		vals = append(vals, p.FQDN)
		vals = append(vals, p.SampleUsers...)
		for _, s := range p.Servers {
			vals = append(vals, s.FQDN)
		}
		if be := p.BackEnd; be != nil {
			vals = append(vals, be.FQDN, be.Instance, be.Witness)
			if be.Mirror != nil {
				vals = append(vals, be.Mirror.FQDN, be.Mirror.Instance)
			}
		}
	}
	for _, b := range topo.Branches {
		vals = append(vals, b.FQDN)
	}
	return vals
}

// poolsToCheck are the pools whose runbooks the grammar check renders: every pool, except in
// the generated large.yaml (200 Front End pools that differ only by their region's version and
// back end), where the first pool of each region stands for the others.
func poolsToCheck(topo *topology.Topology, file string) []topology.Pool {
	if file != "large.yaml" {
		return topo.Pools
	}
	var out []topology.Pool
	seen := map[string]bool{}
	for _, p := range topo.Pools {
		site := topo.SiteByName(p.Site)
		if p.BackupPool == "" || site == nil || seen[site.Region] {
			continue
		}
		seen[site.Region] = true
		out = append(out, p)
	}
	return out
}

// fuzzCorpus reads the two strings of every input the fuzzer saved for target under
// testdata/fuzz (none is committed yet: the seeds of the fuzz targets are in the code).
func fuzzCorpus(t *testing.T, target string) [][2]string {
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", target, "*"))
	require.NoError(t, err)
	var out [][2]string
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		var vals []string
		for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n")[1:] {
			inner, ok := strings.CutPrefix(l, "string(")
			require.True(t, ok, "%s: %s is not a string", f, l)
			v, err := strconv.Unquote(strings.TrimSuffix(inner, ")"))
			require.NoError(t, err, "%s: %s", f, l)
			vals = append(vals, v)
		}
		require.Len(t, vals, 2, f)
		out = append(out, [2]string{vals[0], vals[1]})
	}
	return out
}

// TestScriptsParseAsPowerShell renders every runbook of every sample topology (each pool that
// has a plan: planned and disaster, with and without failback), the golden variants that
// change a sample (the CMS rebuild), and the fuzz targets' seed
// plans, and parses each with an independent PowerShell grammar: no syntax error, and every
// value from the topology only inside single-quoted string literals (or comments).
func TestScriptsParseAsPowerShell(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "scenarios", "topologies", "*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var scripts []testkit.Script
	migrations := 0
	for _, f := range files {
		topo := load(t, filepath.Base(f))
		values := topologyValues(topo)
		for _, pool := range poolsToCheck(topo, filepath.Base(f)) {
			for _, mode := range []plan.Mode{plan.Planned, plan.Disaster} {
				for _, failback := range []bool{false, true} {
					p, _ := plan.Build(topo, plan.Request{Pool: pool.FQDN, Mode: mode, Failback: failback})
					if p == nil {
						continue // no plan for this pool (an Edge pool, an unpaired pool): nothing to render
					}
					ps1, err := PowerShell(p)
					require.NoError(t, err)
					name := fmt.Sprintf("%s/%s/%s", filepath.Base(f), pool.FQDN, mode)
					if failback {
						name += "+failback"
					}
					scripts = append(scripts, testkit.Script{Name: name, Text: string(ps1), Values: values})
				}
			}
			for _, to := range topo.Pools {
				p, _ := plan.Build(topo, plan.Request{Pool: pool.FQDN, Mode: plan.Migrate, MigrateTo: to.FQDN})
				if p == nil {
					continue // no migration between these pools
				}
				ps1, err := PowerShell(p)
				require.NoError(t, err)
				scripts = append(scripts, testkit.Script{Name: filepath.Base(f) + "/" + pool.FQDN + "/migrate/" + to.FQDN, Text: string(ps1), Values: values})
				migrations++
			}
		}
	}
	for _, v := range variants {
		if edits[v.name] == nil {
			continue // a sample topology's plan, rendered above
		}
		topo, p := build(t, v)
		ps1, err := PowerShell(p)
		require.NoError(t, err)
		scripts = append(scripts, testkit.Script{Name: v.name, Text: string(ps1), Values: topologyValues(topo)})
	}
	samples := len(scripts)
	require.Greater(t, samples, 20, "the sample topologies give runbooks to check")
	require.Positive(t, migrations, "the sample topologies give migration runbooks to check")
	seeds := fuzzCorpus(t, "FuzzPowerShell")
	for _, h := range hostile {
		seeds = append(seeds, [2]string{h, h}, [2]string{h, "'; Remove-CsPool #"})
	}
	for _, seed := range seeds {
		p := fuzzPlan(seed[0], seed[1])
		ps1, err := PowerShell(p)
		if err != nil {
			continue // refused: nothing is written
		}
		scripts = append(scripts, testkit.Script{Name: fmt.Sprintf("fuzzPlan(%q, %q)", seed[0], seed[1]), Text: string(ps1), Values: []string{seed[0]}})
	}
	require.Greater(t, len(scripts), samples, "some hostile plans render")
	testkit.CheckPowerShell(t, scripts)
	t.Logf("%d scripts parsed: %d from the sample topologies, %d from the fuzz seeds", len(scripts), samples, len(scripts)-samples)
}
