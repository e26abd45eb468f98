package topology

import (
	"slices"
	"strconv"
	"strings"
)

// CodeLines lists the versions that have their own limits, cmdlet reference and behaviour,
// oldest first: every Version's Behaves is one of them.
var CodeLines = []Version{Lync2013, SfB2015, SfB2019}

// Known reports whether v is one of Versions.
func (v Version) Known() bool { return slices.Contains(Versions, v) }

// Behaves returns the version whose limits, cmdlet parameters and behaviour v has. Skype for
// Business Server Subscription Edition is the 2019 code line renamed, with the same
// configuration and prerequisites, and Microsoft's cmdlet reference has not been updated for
// it (FACTS §23), so SfBSE behaves as SfB2019. Every other version, known or not, behaves as
// itself.
func (v Version) Behaves() Version {
	if v == SfBSE {
		return SfB2019
	}
	return v
}

// Name is the product's name, as messages write it: "Skype for Business Server
// Subscription Edition". An unknown version is named by its spelling.
func (v Version) Name() string {
	switch v {
	case Lync2013:
		return "Lync Server 2013"
	case SfB2015:
		return "Skype for Business Server 2015"
	case SfB2019:
		return "Skype for Business Server 2019"
	case SfBSE:
		return "Skype for Business Server Subscription Edition"
	}
	return string(v)
}

// LongName is Name followed, for a version that behaves as another, by that version:
// "Skype for Business Server Subscription Edition (as Skype for Business Server 2019)". It
// is what runbooks and reports say where the version decides what they contain.
func (v Version) LongName() string {
	if b := v.Behaves(); b != v {
		return v.Name() + " (as " + b.Name() + ")"
	}
	return v.Name()
}

// Label is the version's spelling followed, for a version that behaves as another, by that
// version's spelling: "SfBSE (as SfB2019)"; "SfB2015" for the others.
func (v Version) Label() string {
	if b := v.Behaves(); b != v {
		return string(v) + " (as " + string(b) + ")"
	}
	return string(v)
}

// versionName names a version in messages: "Skype for Business Server 2015".
func versionName(v Version) string { return v.Name() }

// versionList is the versions for messages and fixes: "Lync2013, SfB2015, SfB2019 or SfBSE".
func versionList() string {
	names := make([]string, len(Versions))
	for i, v := range Versions {
		names[i] = string(v)
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// Build is a product build number: four dot-separated numbers such as 7.0.2046.820, as
// Get-CsServerVersion and the cumulative updates' KB articles write them.
type Build [4]int

// ParseBuild reads a build number of four dot-separated decimal numbers, each 0 to 99999
// without a sign or leading zeros. It reports false for anything else.
func ParseBuild(s string) (Build, bool) {
	var b Build
	parts := strings.Split(s, ".")
	if len(parts) != len(b) {
		return Build{}, false
	}
	for i, p := range parts {
		if p == "" || len(p) > 5 || (len(p) > 1 && p[0] == '0') {
			return Build{}, false
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || strings.ContainsAny(p, "+-") {
			return Build{}, false
		}
		b[i] = n
	}
	return b, true
}

// String writes the build as ParseBuild reads it.
func (b Build) String() string {
	parts := make([]string, len(b))
	for i, n := range b {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ".")
}

// Compare returns -1, 0 or +1 as b is older than, equal to or newer than o.
func (b Build) Compare(o Build) int {
	for i := range b {
		switch {
		case b[i] < o[i]:
			return -1
		case b[i] > o[i]:
			return 1
		}
	}
	return 0
}

// ReleaseBuild is the build each version shipped with: Lync Server 2013 5.0.8308.0, Skype for
// Business Server 2015 6.0.9319.0, 2019 7.0.2046.0 and Subscription Edition 7.0.2046.820
// (FACTS §23, KB5065372). A server on a later build runs a cumulative update. It returns
// false for an unknown version.
func ReleaseBuild(v Version) (Build, bool) {
	switch v {
	case Lync2013:
		return Build{5, 0, 8308, 0}, true
	case SfB2015:
		return Build{6, 0, 9319, 0}, true
	case SfB2019:
		return Build{7, 0, 2046, 0}, true
	case SfBSE:
		return Build{7, 0, 2046, 820}, true
	}
	return Build{}, false
}

// buildFits reports whether build b can belong to version v: the same major version as v's
// release build, and not older than it.
func buildFits(v Version, b Build) bool {
	rel, ok := ReleaseBuild(v)
	return !ok || (b[0] == rel[0] && b.Compare(rel) >= 0)
}
