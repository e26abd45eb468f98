package quorum

// Windows Fabric placement as failwright models it (FACTS §11): the users of a Front End pool
// live in routing groups, each with ReplicasPerGroup replicas (a primary and two secondaries)
// on different servers of the pool. Microsoft documents the replica count and the quorum of a
// group, not where the replicas go; failwright places them with one pure, seeded formula so
// that the simulator and the failure analysis place every routing group the same.

// ReplicasPerGroup is how many replicas a routing group has: a primary and two secondaries.
const ReplicasPerGroup = 3

// ReplicaOffset returns the position, in a pool of n servers, of the first server Windows
// Fabric is taken to consider for routing group group's replicas, for the simulation seed:
// (seed*2654435761 + group*40503) mod n, in unsigned 64-bit arithmetic. It returns 0 for n <= 0.
func ReplicaOffset(seed int64, group, n int) int {
	if n <= 0 {
		return 0
	}
	return int((uint64(seed)*2654435761 + uint64(group)*40503) % uint64(n))
}

// Replicas appends to dst the positions of the servers holding routing group group's replicas,
// primary first, and returns it: from ReplicaOffset on, round the pool in topology order, the
// first ReplicasPerGroup servers that placed marks (the servers Windows Fabric placed replicas
// on at the pool's last start). A pool with fewer placed servers gets fewer replicas.
func Replicas(dst []int, seed int64, group int, placed []bool) []int {
	n := len(placed)
	off := ReplicaOffset(seed, group, n)
	got := 0
	for j := 0; j < n && got < ReplicasPerGroup; j++ {
		if k := (off + j) % n; placed[k] {
			dst = append(dst, k)
			got++
		}
	}
	return dst
}

// GroupQuorate reports whether a routing group with alive of its placed replicas running keeps
// its quorum: a majority of its replicas, so two of three, and a group that loses two of its
// three replicas is in quorum loss (FACTS §11). A group of two replicas (a two-server pool)
// has the pool's primary SQL database as its witness: one replica and the witness suffice.
func GroupQuorate(alive, placed int, witnessUp bool) bool {
	switch {
	case placed <= 0:
		return false
	case placed == 2:
		return alive == 2 || alive == 1 && witnessUp
	}
	return alive >= placed/2+1
}

// StrandedUsers is how many of a pool's users are in lost of its groups routing groups: users
// are spread evenly over the routing groups, rounded down.
func StrandedUsers(users, lost, groups int) int {
	if lost <= 0 || groups <= 0 || users <= 0 {
		return 0
	}
	return min(users*lost/groups, users)
}

// OffsetCounts returns, for a pool of n servers with every server placed, how many of its
// groups routing groups start their replicas at each position (ReplicaOffset): with every
// server placed, a group's replicas are the ReplicasPerGroup servers from that position on,
// so a failure analysis can count the groups a set of servers strands in O(n) per pool
// (LostGroups) instead of walking every group.
func OffsetCounts(seed int64, groups, n int) []int32 {
	if n <= 0 {
		return nil
	}
	out := make([]int32, n)
	for i := range groups {
		out[ReplicaOffset(seed, i, n)]++
	}
	return out
}

// LostGroups returns how many routing groups of a pool with every server placed are in quorum
// loss when only the servers marked in up run, from the pool's OffsetCounts and whether its
// witness answers. It agrees with Replicas and GroupQuorate group by group, in O(n) for n
// servers.
func LostGroups(counts []int32, up []bool, witnessUp bool) int {
	n := len(counts)
	if n == 0 || len(up) != n {
		return 0
	}
	placed := min(n, ReplicasPerGroup)
	lost := 0
	for off, c := range counts {
		if c == 0 {
			continue
		}
		alive := 0
		for j := range placed {
			if up[(off+j)%n] {
				alive++
			}
		}
		if !GroupQuorate(alive, placed, witnessUp) {
			lost += int(c)
		}
	}
	return lost
}
