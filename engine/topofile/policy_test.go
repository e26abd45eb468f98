package topofile

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
	"failwright/engine/units"
)

const policyHead = "name: P\nsites:\n  - name: A\npools:\n  - fqdn: a.example.com\n    site: A\n    role: FrontEndStandard\n    version: SfB2019\n    servers:\n      - fqdn: a.example.com\ncms:\n  pool: a.example.com\n"

func TestDecodePolicy(t *testing.T) {
	cases := []struct {
		name, yaml string
		rto        time.Duration
		err        string
	}{
		{"quoted", "recoveryPolicy:\n  rto: \"00:45:00\"\n", 45 * time.Minute, ""},
		{"plain", "recoveryPolicy:\n  rto: 01:00:00\n", time.Hour, ""},
		{"a day", "recoveryPolicy:\n  rto: \"1.00:00:00\"\n", 24 * time.Hour, ""},
		{"Go duration", "recoveryPolicy:\n  rto: 15m\n", 0, `P.yaml:14:8: error FW0003 recoveryPolicy.rto: expected a duration hh:mm:ss, found "15m"`},
		{"negative", "recoveryPolicy:\n  rto: \"-00:10:00\"\n", 0, "FW0003"},
		{"number", "recoveryPolicy:\n  rpo: 300\n", 0, "FW0003"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			top, fs := Decode("P.yaml", []byte(policyHead+c.yaml))
			if c.err != "" {
				require.Len(t, fs, 1)
				assert.Contains(t, fs[0].String(), c.err)
				return
			}
			require.Empty(t, fs)
			require.NotNil(t, top.RecoveryPolicy)
			assert.Equal(t, units.Duration(c.rto), top.RecoveryPolicy.RTO)
			out, err := topology.Encode(top)
			require.NoError(t, err)
			again, fs := Decode("again.yaml", out)
			require.Empty(t, fs, "%s", out)
			assert.Equal(t, top, again)
		})
	}
}

func TestDecodePolicyZeroIsAnError(t *testing.T) {
	d, fs := DecodeDocument("P.yaml", []byte(policyHead+"recoveryPolicy:\n  rpo: \"00:00:00\"\n"))
	require.Empty(t, fs)
	var got []string
	for _, f := range d.Validate() {
		if f.Code == topology.CodePolicyZero {
			got = append(got, f.Pos.String()+" "+f.Message)
		}
	}
	assert.Equal(t, []string{"P.yaml:14:8 a recovery target of 00:00:00 can never be met"}, got)
}
