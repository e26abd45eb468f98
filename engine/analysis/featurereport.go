package analysis

import (
	"fmt"
	"strings"

	"failwright/engine/topology"
)

// The finding codes of the per-feature analysis (docs/analysis.md).
const (
	// CodeFeatureLostN1: a single failure leaves users whose pool gives them full service
	// after recovery without a feature (the pool comes back, the feature does not).
	CodeFeatureLostN1 = "AN601"
	// CodeFeatureSPOF: a DNS provider hosted in sites or a load balancer whose loss leaves
	// users without a feature with no recovery but its repair (for a load balancer: no planned
	// failover to a backup pool behind another load balancer): a single point of failure.
	CodeFeatureSPOF = "AN602"
)

// FeatureReport is one feature's figures: how many users have it, and its worst cases.
type FeatureReport struct {
	// Feature is its identifier ("meetings"), Name its display name ("Meetings").
	Feature topology.Feature `json:"feature"`
	Name    string           `json:"name"`
	// Users is the users the feature applies to (Persistent Chat: its pools' users).
	Users int `json:"users"`
	// Baseline is the users without it with nothing failed.
	Baseline int `json:"baseline"`
	// Levels is one entry per depth, with the figures unavailable (users without the feature
	// after recovery), unavailableServed (those of them whose pool gives them full service)
	// and rto (the longest wait until users who lost it have it back).
	Levels []PoolLevel `json:"levels"`
}

var featFigNames = [...]string{"unavailable", "unavailableServed", "rto"}

var featFigTitles = map[string]string{
	"unavailable":       "users without it after recovery",
	"unavailableServed": "users whose pool serves them, still without it",
	"rto":               "longest wait until it is back",
}

// featureReports renders the feature pass's aggregates.
func featureReports(x *index, slab *strSlab, fp *featurePass) []FeatureReport {
	if fp == nil {
		return nil
	}
	sp := fp.spec
	out := make([]FeatureReport, 0, len(sp.reported))
	for k, f := range sp.reported {
		fr := FeatureReport{Feature: f, Name: f.Name(), Baseline: fp.base.lost[k]}
		if k == sp.chatKind {
			for _, u := range sp.chatUsers {
				fr.Users += u
			}
		} else {
			for i := range x.pools {
				if sp.apply[i]&sp.bits[k] != 0 {
					fr.Users += x.pools[i].users
				}
			}
		}
		for d, l := range fp.levels {
			pl := PoolLevel{Depth: d + 1, Worst: make([]Worst, 0, 3)}
			pl.Worst = append(pl.Worst,
				worstOf(x, slab, featFigNames[0], figUnserved, &l.lost[k], float64(fp.base.lost[k])),
				worstOf(x, slab, featFigNames[1], figUnserved, &l.served[k], float64(fp.base.served[k])),
				worstOf(x, slab, featFigNames[2], figRTO, &l.rto[k], float64(fp.base.rto[k])))
			fr.Levels = append(fr.Levels, pl)
		}
		out = append(out, fr)
	}
	return out
}

// SingleFailureFeatureLost reports whether some single failure leaves users whose pool gives
// them full service after recovery without a feature (AN601): failwright analyze counts it
// as users without full service and exits 1.
func (r *Report) SingleFailureFeatureLost() bool {
	for _, f := range r.Features {
		for _, l := range f.Levels {
			for _, w := range l.Worst {
				if l.Depth == 1 && w.Figure == "unavailableServed" && w.Count > 0 {
					return true
				}
			}
		}
	}
	return false
}

// featureFindings derives AN601 and AN602 from the feature pass.
func featureFindings(x *index, fp *featurePass) topology.Findings {
	if fp == nil {
		return nil
	}
	var fs topology.Findings
	sp := fp.spec
	l1 := fp.levels[0]
	for k, f := range sp.reported {
		g := &l1.served[k]
		if g.n == 0 {
			continue
		}
		fs = append(fs, topology.Finding{Code: CodeFeatureLostN1, Severity: topology.Error, Path: elemPath(x, int(g.ex[0].a)),
			Message: fmt.Sprintf("%s unavailable for %s after %s, although their pool serves them after recovery",
				f.Name(), plural(int64(g.v), "user"), anyLoss(x, g)),
			Fix: featureFix(f)})
	}
	for i, e := range x.elems {
		if e.Kind != KindLoadBalancer && e.Kind != KindDNSProvider {
			continue
		}
		v := &fp.singles[i]
		var lost []string
		for k, f := range sp.reported {
			if d := v.served[k] - fp.base.served[k]; d > 0 {
				lost = append(lost, fmt.Sprintf("%s for %s", strings.ToLower(f.Name()), plural(int64(d), "user")))
			}
		}
		if len(lost) == 0 {
			continue
		}
		fs = append(fs, topology.Finding{Code: CodeFeatureSPOF, Severity: topology.Error, Path: elemPath(x, i),
			Message: fmt.Sprintf("%s is a single point of failure: its loss leaves %s unavailable, and no recovery step brings them back before it is repaired",
				e.String(), strings.Join(lost, ", ")),
			Fix: spofFix(x, e, x.targets[i].part)})
	}
	return fs
}

// anyLoss names the sets of an aggregate for a sentence: "any loss of load balancer atl-hlb"
// for one single failure, or the first and how many more.
func anyLoss(x *index, g *agg) string {
	if g.n == 1 && g.ne == 1 && g.ex[0].b < 0 {
		return "any loss of " + x.name(int(g.ex[0].a))
	}
	return exampleText(x, g)
}

// elemPath is the model path of element i, where findings about it are anchored.
func elemPath(x *index, i int) string {
	t, e, tg := x.t, x.elems[i], x.targets[i]
	switch e.Kind {
	case KindServer:
		return poolPath(e.Pool) + ".servers"
	case KindSite:
		return t.SitePath(tg.site)
	case KindLink:
		return "sites"
	case KindLoadBalancer:
		return t.LoadBalancerPath(tg.part)
	case KindDNSProvider:
		return t.DNSProviderPath(tg.part)
	case KindPersistentChat:
		return t.PersistentChatPath(tg.part)
	case KindGateway:
		return t.PSTNGatewayPath(tg.part)
	}
	return poolPath(e.Name)
}

// featureFix says what brings a feature back after a single failure.
func featureFix(f topology.Feature) string {
	switch f {
	case topology.FeatureMeetings:
		return "publish the Meet and Dialin simple URLs over pools in two sites, each pool's web services behind a load balancer of its own, by GeoDNS from a provider hosted in both sites (or by records the plan re-points)"
	case topology.FeaturePSTNCalls:
		return "give each pool's Mediation Servers a gateway in another site as failover route"
	case topology.FeatureExternalAccess:
		return "deploy Edge pools in two sites, and put the external web services of each pool behind a load balancer of its own"
	case topology.FeaturePersistentChat:
		return "stretch the Persistent Chat pool over two sites (a backup site with log shipping)"
	case topology.FeatureXMPPFederation:
		return "deploy a second Edge pool that the XMPP records can be moved to"
	}
	return "pair the pool that holds it with a pool in another site, so that the plan moves it after the failover"
}

// spofFix says how to remove a DNS provider or load balancer as a single point of failure.
// Only providers hosted in sites are failure elements (an outside provider is not).
func spofFix(x *index, e Element, part int) string {
	if e.Kind == KindDNSProvider {
		if part >= 0 && len(x.t.DNSProviders[part].Sites) == 1 {
			return "host the GeoDNS provider's DNS load balancers in every site the simple URLs resolve to, or use an outside provider"
		}
		return "publish the simple URLs through an outside GeoDNS provider or a second provider, or by records the plan re-points by hand"
	}
	return "put the backup pool's web services behind a load balancer of its own (or a pair), so that the pool can be failed over to it, and publish the simple URLs over pools behind different load balancers in different sites"
}
