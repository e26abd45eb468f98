package topology

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestVersionTable pins each version's names, code line and lifecycle row.
func TestVersionTable(t *testing.T) {
	tests := []struct {
		v                        Version
		behaves                  Version
		name, longName, label    string
		modern                   bool
		supportEnd, esuEnd, main string
	}{
		{Lync2013, Lync2013, "Lync Server 2013", "Lync Server 2013", "Lync2013", false, "2023-04-11", "", "2018-04-10"},
		{SfB2015, SfB2015, "Skype for Business Server 2015", "Skype for Business Server 2015", "SfB2015", false, "2025-10-14", "2026-04-14", "2020-10-13"},
		{SfB2019, SfB2019, "Skype for Business Server 2019", "Skype for Business Server 2019", "SfB2019", false, "2025-10-14", "2026-04-14", "2024-01-09"},
		{SfBSE, SfB2019, "Skype for Business Server Subscription Edition",
			"Skype for Business Server Subscription Edition (as Skype for Business Server 2019)", "SfBSE (as SfB2019)", true, "", "", ""},
	}
	require.Len(t, tests, len(Versions), "every version has a row")
	require.Len(t, Lifecycles, len(Versions))
	for i, tc := range tests {
		t.Run(string(tc.v), func(t *testing.T) {
			assert.Equal(t, Versions[i], tc.v, "Versions is oldest first")
			assert.True(t, tc.v.Known())
			assert.Equal(t, tc.behaves, tc.v.Behaves())
			assert.Contains(t, CodeLines, tc.v.Behaves())
			assert.Equal(t, tc.name, tc.v.Name())
			assert.Equal(t, tc.longName, tc.v.LongName())
			assert.Equal(t, tc.label, tc.v.Label())
			l, ok := LifecycleOf(tc.v)
			require.True(t, ok)
			assert.Equal(t, Lifecycles[i], l, "Lifecycles follows Versions")
			assert.Equal(t, tc.modern, l.Modern)
			date := func(d Date) string {
				if d.IsZero() {
					return ""
				}
				return d.String()
			}
			assert.Equal(t, tc.supportEnd, date(l.SupportEnd))
			assert.Equal(t, tc.esuEnd, date(l.ESUEnd))
			assert.Equal(t, tc.main, date(l.MainstreamEnd))
			assert.NotEmpty(t, l.Source)
			if tc.v != SfBSE {
				assert.NotEmpty(t, UpgradePath(tc.v))
			}
		})
	}
	assert.False(t, Version("SfB2030").Known())
	assert.Equal(t, Version("SfB2030"), Version("SfB2030").Behaves())
	assert.Equal(t, "SfB2030", Version("SfB2030").LongName())
	_, ok := LifecycleOf("SfB2030")
	assert.False(t, ok)
	assert.Empty(t, UpgradePath(SfBSE))
	assert.Equal(t, "Lync2013, SfB2015, SfB2019 or SfBSE", versionList())
}

// TestDates covers ParseDate, String, Compare and DateOf.
func TestDates(t *testing.T) {
	d, err := ParseDate("2026-12-06")
	require.NoError(t, err)
	assert.Equal(t, Date{2026, time.December, 6}, d)
	assert.Equal(t, "2026-12-06", d.String())
	leap, err := ParseDate("2024-02-29")
	require.NoError(t, err)
	assert.Equal(t, Date{2024, time.February, 29}, leap)
	for _, bad := range []string{"", "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-12-00", "2026-1-6", "2026-+2-06", "06/12/2026", "2026-12-06T00:00:00Z", " 2026-12-06", "20261206"} {
		_, err := ParseDate(bad)
		assert.Error(t, err, bad)
	}
	assert.Equal(t, -1, Date{2025, 10, 13}.Compare(Date{2025, 10, 14}))
	assert.Equal(t, 1, Date{2026, 1, 1}.Compare(Date{2025, 12, 31}))
	assert.Equal(t, 0, d.Compare(d))
	assert.Equal(t, d, DateOf(time.Date(2026, 12, 6, 23, 59, 0, 0, time.FixedZone("x", -8*3600))), "the caller's own day")
	assert.True(t, Date{}.IsZero())
}

// TestLifecycleFindings checks each version's finding the day before and on each boundary.
func TestLifecycleFindings(t *testing.T) {
	day := func(s string) Date {
		d, err := ParseDate(s)
		require.NoError(t, err)
		return d
	}
	tests := []struct {
		v    Version
		asOf string
		want string // "" for no lifecycle finding
	}{
		{Lync2013, "2018-04-09", ""},
		{Lync2013, "2018-04-10", CodeExtendedSupport},
		{Lync2013, "2023-04-10", CodeExtendedSupport},
		{Lync2013, "2023-04-11", CodeEndOfSupport},
		{SfB2015, "2020-10-12", ""},
		{SfB2015, "2020-10-13", CodeExtendedSupport},
		{SfB2015, "2025-10-13", CodeExtendedSupport},
		{SfB2015, "2025-10-14", CodeESUOnly},
		{SfB2015, "2026-04-13", CodeESUOnly},
		{SfB2015, "2026-04-14", CodeEndOfSupport},
		{SfB2019, "2024-01-08", ""},
		{SfB2019, "2024-01-09", CodeExtendedSupport},
		{SfB2019, "2025-10-14", CodeESUOnly},
		{SfB2019, "2026-04-14", CodeEndOfSupport},
		{SfB2019, "2030-01-01", CodeEndOfSupport},
		{SfBSE, "2025-07-01", ""},
		{SfBSE, "2040-01-01", ""},
	}
	emitted := map[string]bool{}
	for _, tc := range tests {
		t.Run(string(tc.v)+"@"+tc.asOf, func(t *testing.T) {
			top := clean()
			alwaysOn(top)
			for i := range top.Pools {
				top.Pools[i].Version = tc.v
			}
			fs := Check(top, Options{AsOf: day(tc.asOf)})
			var got []Finding
			for _, f := range fs {
				if f.Code >= "FW10" && f.Code < "FW11" {
					got = append(got, f)
				}
			}
			if tc.want == "" {
				assert.Empty(t, got)
				return
			}
			require.Len(t, got, len(top.Pools), "one finding per pool, Edge and Director included")
			f := got[0]
			emitted[f.Code] = true
			assert.Equal(t, tc.want, f.Code)
			assert.Equal(t, pa+".version", f.Path)
			rule, _ := RuleFor(f.Code)
			assert.Equal(t, rule.Severity, f.Severity)
			assert.Contains(t, f.Message, tc.asOf, "the message names the day")
			assert.Contains(t, f.Message, tc.v.Name())
			assert.NotEmpty(t, f.Fix)
			if tc.v == SfB2019 {
				assert.Contains(t, f.Fix, "in place")
			} else {
				assert.Contains(t, f.Fix, "side by side")
			}
			strict := Check(top, Options{AsOf: day(tc.asOf), Strict: true})
			for _, sf := range strict {
				if sf.Code == f.Code {
					assert.Equal(t, rule.Severity, sf.Severity, "--strict leaves lifecycle findings as they are")
				}
			}
		})
	}
	for _, r := range Rules {
		if r.Code >= "FW10" && r.Code < "FW11" {
			assert.True(t, emitted[r.Code], "no test case emits %s (%s)", r.Code, r.Title)
		}
	}
}

// TestLifecycleNeedsAsOf checks that a zero AsOf gives no lifecycle findings, whatever the
// version, so outputs made without a date stay as they were.
func TestLifecycleNeedsAsOf(t *testing.T) {
	top := clean()
	top.Pools[0].Version = Lync2013
	for _, f := range Validate(top) {
		assert.NotContains(t, []string{CodeEndOfSupport, CodeESUOnly, CodeExtendedSupport}, f.Code)
	}
}

// TestLifecycleMessage pins one message and fix in full.
func TestLifecycleMessage(t *testing.T) {
	top := clean()
	alwaysOn(top)
	for i := range top.Pools {
		top.Pools[i].Version = SfB2019
	}
	fs := Check(top, Options{AsOf: Date{2026, time.December, 6}})
	var f *Finding
	for i := range fs {
		if fs[i].Code == CodeEndOfSupport && fs[i].Path == pa+".version" {
			f = &fs[i]
		}
	}
	require.NotNil(t, f, "%v", fs)
	assert.Equal(t, "Skype for Business Server 2019 left support on 2025-10-14 and its extended security updates on 2026-04-14: as of 2026-12-06 it gets no security updates", f.Message)
	assert.Equal(t, "upgrade the pool in place to Skype for Business Server Subscription Edition, then set version: SfBSE", f.Fix)
}

// FuzzParseDate holds ParseDate to time.Parse with the layout YYYY-MM-DD: the same dates
// accepted, the same days read.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-12-06", "2024-02-29", "2025-02-29", "0001-01-01", "9999-12-31", "2026-+2-06", "2026-12-6 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		want, werr := time.Parse(time.DateOnly, s)
		if werr != nil || len(s) != len(time.DateOnly) {
			assert.Error(t, err, s)
			return
		}
		require.NoError(t, err, s)
		assert.Equal(t, DateOf(want), d, s)
	})
}
