package topology

// build checks the i-th pool's build number: four numbers, and one of its version's builds.
func (v *validator) build(i int) {
	p := &v.t.Pools[i]
	if p.Build == "" {
		return
	}
	path := v.x.poolPath(i) + ".build"
	b, ok := ParseBuild(p.Build)
	if !ok {
		v.add(CodeBadBuild, path, "write the build as four numbers, such as 7.0.2046.820 (Get-CsServerVersion shows it)",
			"%q is not a build number", p.Build)
		return
	}
	if rel, known := ReleaseBuild(p.Version); known && !buildFits(p.Version, b) {
		v.add(CodeBuildVersion, path, "give the build the pool's servers run, or correct the version",
			"build %s is not a %s build (%d.x, %s or later)", b, versionName(p.Version), rel[0], rel)
	}
}

// coexistence reports what a pair's versions and builds mean while they are paired
// (FACTS §7, §23) and returns whether the general mixed-version finding (FW0207) applies:
// both versions known and of different code lines, neither of them Subscription Edition,
// whose pairs have findings of their own.
func (v *validator) coexistence(pr Pair, path string) bool {
	a, b := pr.A, pr.B
	if !a.Version.Known() || !b.Version.Known() {
		return false // reported on the pool
	}
	ba, okA := ParseBuild(a.Build)
	bb, okB := ParseBuild(b.Build)
	if okA && okB && a.Version.Behaves() == b.Version.Behaves() && ba != bb {
		v.add(CodePairBuilds, path, "install the same cumulative update on both pools before relying on the pair",
			"%s runs build %s and %s runs %s: keep paired pools on the same update level", a.FQDN, ba, b.FQDN, bb)
	}
	if PairNeedsUpdateRerun(pr) && (a.Version == SfBSE || b.Version == SfBSE || okA || okB) {
		v.add(CodePairRerunUpdate, path,
			"after enabling the pairing, run the cumulative update installer again on every Front End Server of both pools, then start the Backup Service",
			"enabling the pairing installs the release build's Backup Service binaries: on servers that run a later cumulative update, LyncBackupService.exe crashes (event 4007) until the update installer is run again")
	}
	switch {
	case a.Version == b.Version:
		return false
	case a.Version.Behaves() == b.Version.Behaves():
		v.add(CodePairSE2019, path, "finish the move, and keep both pools on the same cumulative update while they are paired",
			"%s runs %s and %s runs %s: a supported pair while you move, as Subscription Edition is the 2019 code line",
			a.FQDN, versionName(a.Version), b.FQDN, versionName(b.Version))
		return false
	case a.Version == SfBSE || b.Version == SfBSE:
		old := a
		if old.Version == SfBSE {
			old = b
		}
		v.add(CodePairSEOld, path, "pair the Subscription Edition pool with another Subscription Edition pool; move "+old.FQDN+"'s users side by side and retire it",
			"%s runs %s and %s runs %s: different code lines and operating system floors, not a supported steady state",
			a.FQDN, versionName(a.Version), b.FQDN, versionName(b.Version))
		return false
	}
	return true
}

// PairNeedsUpdateRerun reports whether a pairing plan must re-run the cumulative update
// installer on both pools' Front End Servers after enabling the pairing. Enabling pairing
// installs the Backup Service binaries of the release build; on a server that runs a later
// cumulative update LyncBackupService.exe then crashes until the update installer runs again
// (a Microsoft support article; the 2019 pairing procedure re-applies the installed update).
// It is true for every pair whose pools run 2019 or Subscription Edition, and for any pair
// where a pool's build is newer than its version's release build.
func PairNeedsUpdateRerun(pr Pair) bool {
	for _, p := range []*Pool{pr.A, pr.B} {
		if p == nil {
			continue
		}
		if p.Version.Behaves() == SfB2019 {
			return true
		}
		b, ok := ParseBuild(p.Build)
		rel, known := ReleaseBuild(p.Version)
		if ok && known && b.Compare(rel) > 0 {
			return true
		}
	}
	return false
}
