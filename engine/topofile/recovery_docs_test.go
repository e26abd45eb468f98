package topofile

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

// expectLine is a "# expect: FW1205 simpleUrls[0].dnsProvider" (or "# expect: nothing")
// comment in an example of docs/recovery.md.
var expectLine = regexp.MustCompile(`(?m)^# expect: (.*)$`)

// recoveryBase is litwareinc.yaml without its simple URLs, DNS providers, Persistent Chat,
// XMPP and PSTN gateways: the topology docs/recovery.md's examples are laid over.
func recoveryBase(t *testing.T) *topology.Topology {
	top, fs := Decode("litwareinc.yaml", readSample(t, "litwareinc.yaml"))
	require.Empty(t, fs)
	top.SimpleURLs, top.DNSProviders, top.PersistentChat, top.XMPPGateways, top.PSTNGateways = nil, nil, nil, nil, nil
	return top
}

// overlay lays an example over base: the lists the example gives replace base's, and the
// recovery fields of each pool it gives replace those of base's pool with that FQDN.
func overlay(t *testing.T, base, ex *topology.Topology) {
	if ex.SimpleURLs != nil {
		base.SimpleURLs = ex.SimpleURLs
	}
	if ex.DNSProviders != nil {
		base.DNSProviders = ex.DNSProviders
	}
	if ex.LoadBalancers != nil {
		base.LoadBalancers = ex.LoadBalancers
	}
	if ex.PersistentChat != nil {
		base.PersistentChat = ex.PersistentChat
	}
	if ex.XMPPGateways != nil {
		base.XMPPGateways = ex.XMPPGateways
	}
	if ex.PSTNGateways != nil {
		base.PSTNGateways = ex.PSTNGateways
	}
	for _, p := range ex.Pools {
		b := base.PoolByFQDN(p.FQDN)
		require.NotNil(t, b, "the example's pool %s is in litwareinc.yaml", p.FQDN)
		b.WebServices, b.LocationDatabase, b.ResponseGroups, b.CallPark, b.Announcements =
			p.WebServices, p.LocationDatabase, p.ResponseGroups, p.CallPark, p.Announcements
	}
}

// TestRecoveryDocExamples decodes every YAML example of docs/recovery.md, lays it over
// litwareinc.yaml and checks that validation gives exactly the FW12xx findings its
// "# expect:" lines name.
func TestRecoveryDocExamples(t *testing.T) {
	doc := readDoc(t, "recovery.md")
	blocks := strings.Split(doc, "```yaml\n")[1:]
	require.GreaterOrEqual(t, len(blocks), 6, "recovery.md has its examples")
	base := recoveryBase(t)
	for _, f := range topology.Validate(base) {
		require.False(t, strings.HasPrefix(f.Code, "FW12"), "the base has no FW12xx finding: %v", f)
	}
	for i, b := range blocks {
		body := b[:strings.Index(b, "```")]
		ex, fs := Decode("recovery.md", []byte(body))
		require.Empty(t, fs, "example %d:\n%s", i+1, body)
		var want []string
		for _, m := range expectLine.FindAllStringSubmatch(body, -1) {
			if m[1] != "nothing" {
				want = append(want, m[1])
			}
		}
		require.NotEmpty(t, expectLine.FindAllString(body, -1), "example %d says what it expects", i+1)
		top := recoveryBase(t)
		overlay(t, top, ex)
		var got []string
		for _, f := range topology.Validate(top) {
			if strings.HasPrefix(f.Code, "FW12") {
				got = append(got, f.Code+" "+f.Path)
				continue
			}
			assert.NotEqual(t, topology.Error, f.Severity, "example %d: %v", i+1, f)
		}
		sort.Strings(want)
		sort.Strings(got)
		assert.Equal(t, want, got, "example %d:\n%s", i+1, body)
	}
}
