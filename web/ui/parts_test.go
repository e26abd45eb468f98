package ui

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/topology"
)

// kind returns the part kind with the given id.
func kind(t *testing.T, id string) *PartKind {
	t.Helper()
	for _, k := range PartKinds {
		if k.ID == id {
			return k
		}
	}
	t.Fatalf("no part kind %s", id)
	return nil
}

// inject adds a finding to the session as the validator would, for paths whose rules live
// elsewhere.
func inject(a *App, f topology.Finding) {
	a.findings = append(a.findings, f)
	a.byPath[f.Path] = append(a.byPath[f.Path], f)
}

func TestPartKindsMatchTheModel(t *testing.T) {
	var top topology.Topology
	ids := map[string]bool{}
	for _, k := range PartKinds {
		require.False(t, ids[k.ID], "id %s twice", k.ID)
		ids[k.ID] = true
		list := reflect.ValueOf(k.list(&top)).Elem()
		elem := list.Type().Elem()
		// The list's JSON name is the model path's list.
		field := reflect.TypeOf(top).Field(fieldIndexOf(t, &top, list))
		assert.Equal(t, k.key, strings.Split(field.Tag.Get("json"), ",")[0], k.ID)
		for _, f := range k.Fields {
			require.Less(t, f.field, elem.NumField(), "%s.%s", k.ID, f.Key)
			assert.Equal(t, f.Key, strings.Split(elem.Field(f.field).Tag.Get("json"), ",")[0], "%s field %d", k.ID, f.field)
		}
		// A fresh element is of the list's type.
		top.Sites = []topology.Site{{Name: "Seattle"}}
		require.Equal(t, elem, reflect.TypeOf(k.fresh(&top)), k.ID)
	}
}

// fieldIndexOf finds which of t's fields list is.
func fieldIndexOf(t *testing.T, top *topology.Topology, list reflect.Value) int {
	t.Helper()
	v := reflect.ValueOf(top).Elem()
	for i := 0; i < v.NumField(); i++ {
		if v.Field(i).Type() == list.Type() && v.Field(i).Addr().Pointer() == list.Addr().Pointer() {
			return i
		}
	}
	t.Fatal("list not in Topology")
	return -1
}

func TestPartListEditor(t *testing.T) {
	a, _ := newTestApp(t)
	lb, url := kind(t, "lb"), kind(t, "url")

	// Add: a load balancer in the first site, a Meet URL resolving to the first pool.
	a.AddPart(lb)
	a.AddPart(url)
	top := a.T()
	require.Len(t, top.LoadBalancers, 1)
	assert.Equal(t, topology.LoadBalancer{Name: "lb1", Site: "Seattle"}, top.LoadBalancers[0])
	require.Len(t, top.SimpleURLs, 1)
	assert.Equal(t, topology.SimpleURLMeet, top.SimpleURLs[0].Kind)
	assert.Equal(t, []string{"sea-pool.contoso.com"}, top.SimpleURLs[0].Pools)
	html := render(t, a)
	assert.Contains(t, html, `id="lb-0-name"`)
	assert.Contains(t, html, `id="url-0-publishing"`)
	assert.Contains(t, html, `<option selected="selected" value="Seattle">Seattle</option>`, "the site select")

	// Edit: text, select, number and list fields; a bad value is kept as typed.
	a.SetPart(url, 0, "url", "http://meet contoso")
	a.SetPart(url, 0, "ttlSeconds", "300")
	a.SetPart(url, 0, "pools", " den-pool.contoso.com, sea-pool.contoso.com ,")
	a.SetPart(url, 0, "publishing", "GeoDNS")
	u := a.T().SimpleURLs[0]
	assert.Equal(t, "http://meet contoso", u.URL)
	assert.Equal(t, 300, u.TTLSeconds)
	assert.Equal(t, []string{"den-pool.contoso.com", "sea-pool.contoso.com"}, u.Pools)
	assert.Equal(t, topology.PublishingGeoDNS, u.Publishing)
	assert.Equal(t, "den-pool.contoso.com, sea-pool.contoso.com", a.PartFields(url, 0)[4].Value)

	// Renaming a load balancer makes the pools' web services follow.
	a.SetPoolField(0, "webServices.loadBalancer", "lb1")
	a.SetPart(lb, 0, "name", "sea-hlb")
	assert.Equal(t, "sea-hlb", a.T().Pools[0].WebServices.LoadBalancer)
	a.OpenPool(0)
	assert.Contains(t, render(t, a), `<option selected="selected" value="sea-hlb">sea-hlb</option>`, "the pool's load balancer select")

	// Remove, and undo brings it back.
	a.RemovePart(lb, 0)
	assert.Nil(t, a.T().LoadBalancers)
	a.Undo()
	assert.Len(t, a.T().LoadBalancers, 1)
	a.SetPart(lb, 7, "name", "x") // out of range: nothing happens
	a.RemovePart(lb, -1)
	assert.Len(t, a.T().LoadBalancers, 1)
}

func TestPartFindingsUnderTheirField(t *testing.T) {
	a, _ := newTestApp(t)
	lb, url := kind(t, "lb"), kind(t, "url")
	a.AddPart(lb)
	a.AddPart(url)
	a.AddPart(url)
	inject(a, topology.Finding{Severity: topology.Error, Code: "FWTEST1", Path: "simpleUrls[1].url", Message: "not an https URL"})
	inject(a, topology.Finding{Severity: topology.Warning, Code: "FWTEST2", Path: "simpleUrls[1].pools[0]", Message: "pool listed twice"})
	inject(a, topology.Finding{Severity: topology.Error, Code: "FWTEST3", Path: "loadBalancers[lb1].site", Message: "no such site"})
	inject(a, topology.Finding{Severity: topology.Error, Code: "FWTEST4", Path: "loadBalancers[lb1]", Message: "defined twice"})
	html := render(t, a)
	assert.Contains(t, msgsOf(t, html, "url-1-url"), "FWTEST1")
	assert.NotContains(t, msgsOf(t, html, "url-0-url"), "FWTEST1", "under its own element only")
	assert.Contains(t, msgsOf(t, html, "url-1-pools"), "FWTEST2", "a finding below a field is shown under it")
	assert.Contains(t, msgsOf(t, html, "lb-0-site"), "FWTEST3", "by name")
	other := a.PartOtherFindings(lb, 0)
	require.Len(t, other, 1, "the element's own finding is listed at its head, once")
	assert.Equal(t, "FWTEST4", other[0].Code)
	assert.Equal(t, "lb1 · 2 findings", a.PartTitle(lb, 0))
	for _, f := range a.GlobalFindings() {
		assert.NotContains(t, f.Code, "FWTEST", "shown in its section, not with the deployment")
	}
}

func TestPoolRecoveryFields(t *testing.T) {
	a, _ := newTestApp(t)
	a.OpenPool(0)
	html := render(t, a)
	for _, id := range []string{"pool-web-internal", "pool-web-external", "pool-web-lb", "pool-lis", "pool-rgs", "pool-callpark", "pool-announcements"} {
		assert.Contains(t, html, `id="`+id+`"`)
	}
	a.SetPoolField(0, "webServices.internal", "webint.contoso.com")
	a.SetPoolField(0, "locationDatabase", "true")
	a.SetPoolField(0, "responseGroups", "12")
	a.SetPoolField(0, "callPark", "true")
	a.SetPoolField(0, "announcements", "true")
	p := a.T().Pools[0]
	require.NotNil(t, p.WebServices)
	assert.Equal(t, "webint.contoso.com", p.WebServices.Internal)
	assert.True(t, p.LocationDatabase && p.CallPark && p.Announcements)
	assert.Equal(t, 12, p.ResponseGroups)
	inject(a, topology.Finding{Severity: topology.Warning, Code: "FWTEST5", Path: "pools[sea-pool.contoso.com].webServices.loadBalancer", Message: "no load balancer"})
	assert.Contains(t, msgsOf(t, render(t, a), "pool-web-lb"), "FWTEST5")
	for _, f := range a.PoolOtherFindings(0) {
		assert.NotEqual(t, "FWTEST5", f.Code, "shown once, under the field")
	}
	a.SetPoolField(0, "webServices.internal", "")
	assert.Nil(t, a.T().Pools[0].WebServices, "empty web services are none")
	a.SetPoolField(0, "role", "Edge")
	p = a.T().Pools[0]
	assert.False(t, p.LocationDatabase || p.CallPark || p.Announcements)
	assert.Zero(t, p.ResponseGroups)
}

func TestDiagramDrawsRecoveryParts(t *testing.T) {
	a, _ := newTestApp(t)
	for _, id := range []string{"lb", "url", "pchat", "pstn", "dns"} {
		a.AddPart(kind(t, id))
	}
	a.SetTab(TabSimulate)
	l := a.Diagram()
	byKind := map[string]PartBox{}
	for _, b := range l.Parts {
		byKind[b.Kind] = b
		assert.Equal(t, "Up", b.Health)
	}
	site := l.Sites[0]
	for _, k := range []string{"lb", "pchat", "pstn"} {
		b, ok := byKind[k]
		require.True(t, ok, k)
		assert.True(t, b.X >= site.X && b.X+b.W <= site.X+site.W && b.Y >= site.Y && b.Y+b.H <= site.Y+site.H, "%s inside its site: %+v in %+v", k, b, site)
	}
	assert.Greater(t, byKind["dns"].Y, site.Y+site.H, "an outside DNS provider is under the sites")
	require.Len(t, l.URLs, 1)
	sea := poolBox(t, l, "sea-pool.contoso.com")
	assert.True(t, l.URLs[0].To)
	assert.Equal(t, sea.Y+sea.H, l.URLs[0].Y2, "the arrow ends at the pool it resolves to")
	assert.LessOrEqual(t, l.URLs[0].Y, l.Height)
	html := render(t, a)
	assert.Contains(t, html, `aria-label="Load balancer lb1, Up"`)
	assert.Contains(t, html, `aria-label="Simple URL Meet https://meet.contoso.com, Manual, resolves to sea-pool.contoso.com, Up"`)
	assert.Contains(t, html, "Simple URL resolves to", "the legend")
}
