package quorum

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"failwright/engine/topology"
)

func TestMinRunningTable(t *testing.T) {
	tests := []struct {
		servers    int
		v          topology.Version
		running    int
		amongFirst int
		text       string
	}{
		{1, topology.SfB2015, 1, 1, "all 1"},
		{2, topology.SfB2015, 1, 2, "any 1 of 2"},
		{3, topology.Lync2013, 2, 3, "any 2 of 3"},
		{4, topology.SfB2019, 2, 4, "any 2 of 4"},
		{5, topology.SfB2015, 3, 5, "any 3 of 5"},
		{6, topology.SfB2015, 3, 6, "any 3 of 6"},
		{7, topology.SfB2015, 4, 7, "any 4 of 7"},
		{8, topology.SfB2015, 4, 7, "any 4 of the first 7"},
		{9, topology.Lync2013, 4, 7, "any 4 of the first 7"},
		{10, topology.SfB2015, 5, 9, "any 5 of the first 9"},
		{11, topology.SfB2019, 5, 9, "any 5 of the first 9"},
		{12, topology.SfB2015, 5, 9, "any 5 of the first 9"},
		{12, topology.Lync2013, 5, 9, "any 5 of the first 9"},
		{12, topology.SfB2019, 7, 12, "any 7 of 12"},
		{13, topology.SfB2019, 7, 12, "any 7 of the first 12"},
		{16, topology.SfB2019, 7, 12, "any 7 of the first 12"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d-%s", tt.servers, tt.v), func(t *testing.T) {
			r := MinRunning(tt.servers, tt.v)
			assert.Equal(t, tt.running, r.Running)
			assert.Equal(t, tt.amongFirst, r.AmongFirst)
			assert.Equal(t, tt.text, r.String())
		})
	}
}

// up returns n servers with the listed (0-based) ones down.
func up(n int, down ...int) []bool {
	u := make([]bool, n)
	for i := range u {
		u[i] = true
	}
	for _, d := range down {
		u[d] = false
	}
	return u
}

func TestPoolFunctional(t *testing.T) {
	tests := []struct {
		name string
		up   []bool
		v    topology.Version
		want bool
	}{
		{"standard edition up", up(1), topology.SfB2015, true},
		{"standard edition down", up(1, 0), topology.SfB2015, false},
		{"2 FEs one left", up(2, 0), topology.SfB2015, true},
		{"2 FEs none left", up(2, 0, 1), topology.SfB2015, false},
		{"3 FEs two left", up(3, 2), topology.SfB2015, true},
		{"3 FEs one left", up(3, 1, 2), topology.SfB2015, false},
		{"4 FEs two left", up(4, 0, 1), topology.SfB2015, true},
		{"4 FEs one left", up(4, 0, 1, 2), topology.SfB2015, false},
		{"5 FEs three left", up(5, 3, 4), topology.SfB2015, true},
		{"6 FEs two left", up(6, 0, 1, 2, 3), topology.SfB2015, false},
		{"7 FEs four left", up(7, 0, 1, 2), topology.SfB2015, true},
		{"7 FEs three left", up(7, 0, 1, 2, 3), topology.SfB2015, false},
		// 8-9: four of the first seven; the last servers do not count.
		{"8 FEs four of first seven", up(8, 0, 1, 2), topology.SfB2015, true},
		{"8 FEs three of first seven plus the eighth", up(8, 0, 1, 2, 3), topology.SfB2015, false},
		{"9 FEs first seven minus four, last two up", up(9, 0, 1, 2, 3), topology.Lync2013, false},
		{"10 FEs five of first nine", up(10, 0, 1, 2, 3), topology.SfB2015, true},
		{"10 FEs four of first nine plus the tenth", up(10, 0, 1, 2, 3, 4), topology.SfB2015, false},
		{"12 FEs on 2015 five of first nine", up(12, 0, 1, 2, 3, 9, 10, 11), topology.SfB2015, true},
		{"12 FEs on 2019 needs seven", up(12, 0, 1, 2, 3, 9, 10, 11), topology.SfB2019, false},
		{"16 FEs seven of first twelve", up(16, 0, 1, 2, 3, 4), topology.SfB2019, true},
		{"16 FEs six of first twelve, last four up", up(16, 0, 1, 2, 3, 4, 5), topology.SfB2019, false},
		{"no servers", nil, topology.SfB2015, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, PoolFunctional(tt.up, tt.v))
		})
	}
}

func TestStartQuorum(t *testing.T) {
	want := map[int]int{1: 1, 2: 1, 3: 3, 4: 3, 5: 4, 6: 5, 7: 5, 8: 6, 9: 7, 10: 8, 11: 9, 12: 10, 13: 11, 14: 11, 15: 12, 16: 12}
	for n := 1; n <= 16; n++ {
		assert.Equal(t, want[n], StartQuorum(n, topology.SfB2019), "servers %d", n)
	}
	// Monotone: a larger pool never needs fewer servers to start.
	for n := 2; n <= 40; n++ {
		assert.GreaterOrEqual(t, StartQuorum(n, topology.SfB2019), StartQuorum(n-1, topology.SfB2019))
	}
	assert.True(t, CanStart(up(3), topology.SfB2015))
	assert.False(t, CanStart(up(3, 0), topology.SfB2015), "3 of 3 must run to start")
	assert.False(t, CanStart(nil, topology.SfB2015))
}

func TestStartNeverBelowFunctional(t *testing.T) {
	// A pool that can start must also be functional with the same servers, for the first servers.
	for n := 1; n <= 16; n++ {
		r := MinRunning(n, topology.SfB2019)
		assert.GreaterOrEqual(t, StartQuorum(n, topology.SfB2019), r.Running, "servers %d", n)
	}
}
