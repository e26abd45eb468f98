package topology

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/units"
)

func minutes(n int) units.Duration { return units.Duration(time.Duration(n) * time.Minute) }

func TestDefaultPolicy(t *testing.T) {
	cases := []struct {
		v        Version
		rto, rpo units.Duration
	}{
		{Lync2013, minutes(30), minutes(30)},
		{SfB2015, minutes(20), minutes(5)},
		{SfB2019, minutes(20), minutes(5)},
		{SfBSE, minutes(20), minutes(5)},
	}
	for _, c := range cases {
		p := DefaultPolicy(c.v)
		assert.Equal(t, c.rto, p.RTO, "%s RTO", c.v)
		assert.Equal(t, c.rpo, p.RPO, "%s RPO", c.v)
		assert.Equal(t, ClockDecision, p.Clock, "%s clock", c.v)
	}
}

func TestEffectivePolicy(t *testing.T) {
	cases := []struct {
		name string
		edit func(*Topology)
		want Policy
	}{
		{"default", func(*Topology) {}, Policy{RTO: minutes(20), RPO: minutes(5), Clock: ClockDecision,
			From: PolicyFrom{PolicyFromDefault, PolicyFromDefault, PolicyFromDefault}}},
		{"topology", func(t *Topology) { t.RecoveryPolicy = &RecoveryPolicy{RTO: minutes(60)} },
			Policy{RTO: minutes(60), RPO: minutes(5), Clock: ClockDecision, From: PolicyFrom{PolicyFromTopology, PolicyFromDefault, PolicyFromDefault}}},
		{"site over topology, field by field", func(t *Topology) {
			t.RecoveryPolicy = &RecoveryPolicy{RTO: minutes(60), RPO: minutes(15)}
			t.Sites[0].RecoveryPolicy = &RecoveryPolicy{RPO: minutes(10), Clock: ClockFailure}
		}, Policy{RTO: minutes(60), RPO: minutes(10), Clock: ClockFailure, From: PolicyFrom{PolicyFromTopology, PolicyFromSite, PolicyFromSite}}},
		{"pool over site", func(t *Topology) {
			t.Sites[0].RecoveryPolicy = &RecoveryPolicy{RTO: minutes(45), RPO: minutes(10)}
			t.Pools[0].RecoveryPolicy = &RecoveryPolicy{RTO: minutes(40)}
		}, Policy{RTO: minutes(40), RPO: minutes(10), Clock: ClockDecision, From: PolicyFrom{PolicyFromPool, PolicyFromSite, PolicyFromDefault}}},
		{"another site's policy does not apply", func(t *Topology) {
			t.Sites[1].RecoveryPolicy = &RecoveryPolicy{RTO: minutes(90)}
		}, Policy{RTO: minutes(20), RPO: minutes(5), Clock: ClockDecision, From: PolicyFrom{PolicyFromDefault, PolicyFromDefault, PolicyFromDefault}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			top := clean()
			c.edit(top)
			assert.Equal(t, c.want, EffectivePolicy(top, &top.Pools[0]))
		})
	}
}

func TestJudge(t *testing.T) {
	pol := Policy{RTO: minutes(20), RPO: minutes(5), Clock: ClockDecision}
	fail := pol
	fail.Clock = ClockFailure
	cases := []struct {
		name             string
		p                Policy
		f                RecoveryFigures
		met, rtoMet      bool
		rtoOver, rpoOver units.Duration
		text             string
	}{
		{"met on the decision clock", pol, RecoveryFigures{FromFailure: 25 * time.Minute, FromDecision: 18 * time.Minute, DataLoss: 2 * time.Minute, Restored: true},
			true, true, 0, 0, "met: RTO 00:18:00 of 00:20:00 on the decision clock, data loss 00:02:00 of 00:05:00; from failure 00:25:00, from decision 00:18:00"},
		{"broken on the failure clock", fail, RecoveryFigures{FromFailure: 25 * time.Minute, FromDecision: 18 * time.Minute, DataLoss: 2 * time.Minute, Restored: true},
			false, false, minutes(5), 0, "BROKEN: RTO 00:25:00 of 00:20:00 (over by 00:05:00) on the failure clock, data loss 00:02:00 of 00:05:00; from failure 00:25:00, from decision 00:18:00"},
		{"data loss over", pol, RecoveryFigures{FromFailure: 10 * time.Minute, FromDecision: 10 * time.Minute, DataLoss: 7 * time.Minute, Restored: true},
			false, true, 0, minutes(2), "BROKEN: RTO 00:10:00 of 00:20:00 on the decision clock, data loss 00:07:00 of 00:05:00 (over by 00:02:00); from failure 00:10:00, from decision 00:10:00"},
		{"exactly the target is met", pol, RecoveryFigures{FromFailure: 20 * time.Minute, FromDecision: 20 * time.Minute, DataLoss: 5 * time.Minute, Restored: true},
			true, true, 0, 0, "met: RTO 00:20:00 of 00:20:00 on the decision clock, data loss 00:05:00 of 00:05:00; from failure 00:20:00, from decision 00:20:00"},
		{"not restored", pol, RecoveryFigures{}, false, false, 0, 0,
			"BROKEN: RTO not restored (target 00:20:00) on the decision clock, data loss 00:00:00 of 00:05:00; from failure 00:00:00, from decision 00:00:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := Judge("a.example.com", c.p, c.f)
			assert.Equal(t, c.met, v.Met)
			assert.Equal(t, c.rtoMet, v.RTOMet)
			assert.Equal(t, c.rtoOver, v.RTOOver)
			assert.Equal(t, c.rpoOver, v.RPOOver)
			assert.Equal(t, c.text, v.String())
		})
	}
}

func TestPolicyValidation(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*Topology)
		src   Source
		code  string
		path  string
		count int
	}{
		{"negative", func(t *Topology) { t.RecoveryPolicy = &RecoveryPolicy{RTO: -minutes(1)} }, nil, CodePolicyZero, "recoveryPolicy.rto", 1},
		{"zero written", func(t *Topology) { t.RecoveryPolicy = &RecoveryPolicy{RPO: 0} }, Source{"recoveryPolicy.rpo": {Line: 3}}, CodePolicyZero, "recoveryPolicy.rpo", 1},
		{"zero left out", func(t *Topology) { t.RecoveryPolicy = &RecoveryPolicy{} }, nil, CodePolicyZero, "", 0},
		{"absurd", func(t *Topology) {
			t.Sites[0].RecoveryPolicy = &RecoveryPolicy{RTO: units.Duration(8 * 24 * time.Hour)}
		}, nil, CodePolicyAbsurd, "sites[Atlanta].recoveryPolicy.rto", 1},
		{"a week is allowed", func(t *Topology) { t.RecoveryPolicy = &RecoveryPolicy{RTO: units.Duration(7 * 24 * time.Hour)} }, nil, CodePolicyAbsurd, "", 0},
		{"unknown clock", func(t *Topology) { t.Pools[0].RecoveryPolicy = &RecoveryPolicy{Clock: "wall"} }, nil, CodePolicyClock, "pools[a.example.com].recoveryPolicy.clock", 1},
		{"tighter RTO, once for both pools", func(t *Topology) { t.RecoveryPolicy = &RecoveryPolicy{RTO: minutes(15)} }, nil, CodePolicyTight, "recoveryPolicy.rto", 1},
		{"tighter RPO on a pool", func(t *Topology) { t.Pools[1].RecoveryPolicy = &RecoveryPolicy{RPO: minutes(1)} }, nil, CodePolicyTight, "pools[b.example.com].recoveryPolicy.rpo", 1},
		{"the engineering target itself", func(t *Topology) { t.RecoveryPolicy = &RecoveryPolicy{RTO: minutes(20), RPO: minutes(5)} }, nil, CodePolicyTight, "", 0},
		{"on a Director", func(t *Topology) { t.Pools[2].RecoveryPolicy = &RecoveryPolicy{RTO: minutes(60)} }, nil, CodePolicyNotFE, "pools[dir.example.com].recoveryPolicy", 1},
		{"engineering RTO on the failure clock", func(t *Topology) { t.RecoveryPolicy = &RecoveryPolicy{Clock: ClockFailure} }, nil, CodePolicyTightFail, "recoveryPolicy.clock", 1},
		{"failure clock with room", func(t *Topology) { t.RecoveryPolicy = &RecoveryPolicy{RTO: minutes(45), Clock: ClockFailure} }, nil, CodePolicyTightFail, "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			top := clean()
			c.edit(top)
			var got []Finding
			for _, f := range Check(top, Options{Source: c.src}) {
				if f.Code == c.code {
					got = append(got, f)
				}
			}
			require.Len(t, got, c.count, "%v", got)
			if c.count > 0 {
				assert.Equal(t, c.path, got[0].Path)
			}
		})
	}
}

// FuzzVerdict judges arbitrary figures against arbitrary targets: the verdict never panics,
// says met exactly when both targets hold, and names the clock it judged.
func FuzzVerdict(f *testing.F) {
	f.Add(int64(1200), int64(300), int64(1205), int64(725), int64(70), true, false)
	f.Add(int64(1), int64(0), int64(-5), int64(1<<40), int64(-1), false, true)
	f.Fuzz(func(t *testing.T, rto, rpo, fromFailure, fromDecision, loss int64, restored, failure bool) {
		p := Policy{RTO: units.Duration(time.Duration(rto) * time.Second), RPO: units.Duration(time.Duration(rpo) * time.Second), Clock: ClockDecision}
		if failure {
			p.Clock = ClockFailure
		}
		v := Judge("a.example.com", p, RecoveryFigures{FromFailure: time.Duration(fromFailure) * time.Second,
			FromDecision: time.Duration(fromDecision) * time.Second, DataLoss: time.Duration(loss) * time.Second, Restored: restored})
		s := v.String()
		assert.Equal(t, v.Met, v.RTOMet && v.RPOMet)
		assert.Equal(t, v.Met, s[:4] == "met:", s)
		assert.Contains(t, s, " on the "+string(p.Clock)+" clock")
		if !restored {
			assert.False(t, v.Met)
			assert.Zero(t, v.RTOOver)
		}
	})
}
