package plan

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryCodeIsDocumented: every PLxxx code the package can report has its row in the
// findings table of docs/plans.md, and the table lists no code the package does not use.
func TestEveryCodeIsDocumented(t *testing.T) {
	code := regexp.MustCompile(`"(PL\d{3})"`)
	used := map[string]bool{}
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	for _, f := range files {
		if filepath.Ext(f) == ".go" && !regexp.MustCompile(`_test\.go$`).MatchString(f) {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			for _, m := range code.FindAllStringSubmatch(string(src), -1) {
				used[m[1]] = true
			}
		}
	}
	doc, err := os.ReadFile("../../docs/plans.md")
	require.NoError(t, err)
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\| (PL\d{3}) \| (error|warning|info) \|`).FindAllStringSubmatch(string(doc), -1) {
		documented[m[1]] = true
	}
	keys := func(m map[string]bool) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	assert.Equal(t, keys(used), keys(documented))
}

// TestEveryStepIDIsDocumented: the step IDs the layout can give (layout.go, and cmsrebuild.go
// for the CMS rebuild; an Edge pool's FQDN ends the Edge steps' IDs) are exactly those
// docs/plan-format.md lists for a step's id.
func TestEveryStepIDIsDocumented(t *testing.T) {
	var src []byte
	for _, f := range []string{"layout.go", "cmsrebuild.go"} {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		src = append(src, b...)
	}
	var used []string
	for _, m := range regexp.MustCompile(`(?:Step\(|ID: )"([a-z-]+)"`).FindAllStringSubmatch(string(src), -1) {
		id := m[1]
		if strings.HasSuffix(id, "-") {
			id += "EDGE"
		}
		used = append(used, id)
	}
	used = append(used, builtStepIDs(t)...)
	doc, err := os.ReadFile("../../docs/plan-format.md")
	require.NoError(t, err)
	var row [][]byte // the id row of the Step table, the one that names step IDs
	for _, m := range regexp.MustCompile("(?m)^\\| `id` \\| string \\| yes \\| (.*)\\|$").FindAllSubmatch(doc, -1) {
		if bytes.Contains(m[1], []byte("`pool-failover`")) {
			row = m
		}
	}
	require.NotNil(t, row, "plan-format.md has the Step id row")
	var documented []string
	for _, m := range regexp.MustCompile("`([a-zA-Z-]+)`").FindAllSubmatch(row[1], -1) {
		documented = append(documented, string(m[1]))
	}
	slices.Sort(used)
	slices.Sort(documented)
	assert.Equal(t, slices.Compact(used), slices.Compact(documented))
}

// builtStepIDs are the step IDs of the disaster and planned plans, with failback, of every
// paired Front End pool of the whole-recovery topologies, an FQDN or domain that ends an ID
// written as the placeholder the docs use (EDGE, POOL, DOMAIN).
func builtStepIDs(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, name := range []string{"litwareinc.yaml", "whole-recovery.yaml", "lync2013-pair.yaml", "sfb2019-16fe.yaml"} {
		topo := load(t, name)
		for _, p := range topo.Pools {
			if !p.Role.IsFrontEnd() || p.BackupPool == "" {
				continue
			}
			for _, mode := range []Mode{Disaster, Planned} {
				pl, _ := Build(topo, Request{Pool: p.FQDN, Mode: mode, Failback: true})
				if pl == nil {
					continue
				}
				for _, st := range pl.Steps {
					out = append(out, placeholderID(st.ID))
				}
			}
		}
	}
	return out
}

// placeholderID writes the FQDN or domain that ends a step ID as its placeholder.
func placeholderID(id string) string {
	for _, pre := range []struct{ prefix, name string }{
		{"edge-next-hop-check-", "EDGE"}, {"edge-next-hop-back-", "EDGE"}, {"edge-next-hop-", "EDGE"},
		{"pchat-database-back-", "POOL"}, {"pchat-database-", "POOL"}, {"pchat-failback-", "POOL"},
		{"pchat-failover-", "POOL"}, {"pchat-next-hop-back-", "POOL"}, {"pchat-next-hop-", "POOL"},
		{"xmpp-route-back-", "DOMAIN"}, {"xmpp-route-", "DOMAIN"}, {"xmpp-dns-back-", "DOMAIN"}, {"xmpp-dns-", "DOMAIN"},
	} {
		if strings.HasPrefix(id, pre.prefix) && strings.Contains(id[len(pre.prefix):], ".") {
			return pre.prefix + pre.name
		}
	}
	return id
}
