package workspace

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestViewRoundTrip(t *testing.T) {
	v := View{Tab: "plans", Plan: &ViewPlan{Pool: "den-pool.contoso.com", Mode: "disaster", Failback: true, Preview: "md"}}
	got, err := RestoreView(MarshalView(v))
	require.NoError(t, err)
	v.Version = ViewVersion
	assert.Equal(t, v, got)
}

func TestRestoreViewRefusesWhatItCannotRead(t *testing.T) {
	for _, tc := range []struct {
		name, stored, msg string
		want              View
	}{
		{"damaged", `{"version":1,"tab":`, "damaged", View{}},
		{"not an object", `[1]`, "damaged", View{}},
		{"newer", `{"version":2,"tab":"plans"}`, "format 2", View{}},
		{"no version", `{"tab":"plans"}`, "format 0", View{}},
		{"plan without pool", `{"version":1,"tab":"plans","plan":{"mode":"planned"}}`, "", View{Version: 1, Tab: "plans"}},
		{"plan with a bad mode", `{"version":1,"plan":{"pool":"p","mode":"x"}}`, "", View{Version: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := RestoreView(tc.stored)
			if tc.msg == "" {
				require.NoError(t, err)
			} else {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.msg)
			}
			assert.Equal(t, tc.want, got)
		})
	}
}
