package quorum

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

// TestWitnessRule checks the even-sized pool's witness rule at pool level: where the functional
// table asks for exactly half of the servers it counts, that half keeps the pool only with the
// primary SQL database up; without it a majority is needed. Other sizes ignore the witness.
func TestWitnessRule(t *testing.T) {
	tests := []struct {
		servers, running int
		decides          bool
		withWitness      bool
		without          bool
	}{
		{1, 1, false, true, true},
		{2, 1, true, true, false},
		{2, 2, true, true, true},
		{3, 2, false, true, true},
		{4, 2, true, true, false},
		{4, 3, true, true, true},
		{5, 3, false, true, true},
		{6, 3, true, true, false},
		{6, 4, true, true, true},
		{7, 4, false, true, true},
		{8, 4, false, true, true},
		{10, 5, false, true, true},
		{12, 7, false, true, true},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%d of %d", tc.running, tc.servers), func(t *testing.T) {
			up := make([]bool, tc.servers)
			for i := range tc.running {
				up[i] = true
			}
			v := topology.SfB2019
			assert.Equal(t, tc.decides, MinRunning(tc.servers, v).WitnessDecides())
			assert.Equal(t, tc.withWitness, PoolFunctionalWitness(up, v, true))
			assert.Equal(t, tc.without, PoolFunctionalWitness(up, v, false))
			assert.Equal(t, PoolFunctionalWitness(up, v, true), PoolFunctional(up, v))
		})
	}
}

// TestLostGroupsMatchesReplicas checks that counting lost routing groups by offset gives, for
// every set of stopped servers of pools of 1 to 9 servers, what placing each group with
// Replicas and judging it with GroupQuorate gives.
func TestLostGroupsMatchesReplicas(t *testing.T) {
	const seed, groups = 1, 37
	for n := 1; n <= 9; n++ {
		placed := make([]bool, n)
		for i := range placed {
			placed[i] = true
		}
		counts := OffsetCounts(seed, groups, n)
		for mask := 0; mask < 1<<n; mask++ {
			down, up := make([]bool, n), make([]bool, n)
			for i := range down {
				down[i] = mask&(1<<i) != 0
				up[i] = !down[i]
			}
			for _, w := range []bool{true, false} {
				want := 0
				for g := range groups {
					reps := Replicas(nil, seed, g, placed)
					require.Len(t, reps, min(n, ReplicasPerGroup))
					alive := 0
					for _, r := range reps {
						if !down[r] {
							alive++
						}
					}
					if !GroupQuorate(alive, len(reps), w) {
						want++
					}
				}
				require.Equal(t, want, LostGroups(counts, up, w), "n=%d down=%b witness=%v", n, mask, w)
			}
		}
	}
}

// TestReplicas checks the placement: distinct servers, primary at the offset, placed servers
// only, and the offset formula the simulator has always used.
func TestReplicas(t *testing.T) {
	assert.Equal(t, []int{1, 2, 3}, Replicas(nil, 1, 0, []bool{true, true, true, true}))
	assert.Equal(t, []int{2, 3, 0}, Replicas(nil, 1, 0, []bool{true, false, true, true}))
	assert.Equal(t, []int{3, 0}, Replicas(nil, 1, 0, []bool{true, false, false, true}))
	assert.Zero(t, ReplicaOffset(7, 3, 0))
	assert.Equal(t, int((uint64(5)*2654435761+uint64(2)*40503)%7), ReplicaOffset(5, 2, 7))
	assert.Empty(t, Replicas(nil, 1, 0, nil))
	assert.Equal(t, 0, StrandedUsers(1000, 0, 9))
	assert.Equal(t, 444, StrandedUsers(1000, 4, 9))
	assert.Equal(t, 1000, StrandedUsers(1000, 9, 9))
}
