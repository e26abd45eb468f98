package sim

// Get-CsUser: the simulator knows users by count per pool and by name only for the topology's
// sample users.

import (
	"fmt"
	"strconv"
	"strings"

	"failwright/engine/topology"
)

// userObject is one user as Get-CsUser lists it.
func userObject(uri, pool string) []kv {
	local, domain, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(uri, "sip:"), "SIP:"), "@")
	return []kv{
		{"Identity", "CN=" + local + ",CN=Users,DC=" + strings.ReplaceAll(domain, ".", ",DC=")},
		{"SipAddress", "sip:" + local + "@" + domain},
		{"Enabled", "True"},
		{"RegistrarPool", pool},
	}
}

func cmdGetUser(c *ctx) {
	x := c.s.x
	limit := -1
	if rs := c.cmd.Str("ResultSize"); rs != "" && !strings.EqualFold(rs, "Unlimited") {
		n, err := strconv.Atoi(rs)
		if err != nil || n < 0 {
			c.fail("FW-RESULT-SIZE", "InvalidArgument", fmt.Sprintf(`Cannot bind parameter 'ResultSize' to the value "%s": give a number of users or Unlimited.`, rs))
			return
		}
		limit = n
	}
	if id := c.cmd.Str("Identity"); id != "" {
		key := strings.TrimPrefix(lower(id), "sip:")
		p, ok := x.userByURI[key]
		if !ok {
			c.notFound("FW-USER-NOT-FOUND", fmt.Sprintf(`Management object not found for identity "%s". failwright knows the sample users listed in the topology.`, id))
			return
		}
		c.list(userObject(key, x.pools[p].fqdn))
		return
	}
	var objs [][]kv
	var more []string
	add := func(pool string, named []string, users int) {
		for _, u := range named {
			if limit < 0 || len(objs) < limit {
				objs = append(objs, userObject(u, pool))
			}
		}
		if rest := users - len(named); rest > 0 {
			more = append(more, fmt.Sprintf("%s more on %s", topology.Thousands(rest), pool))
		}
	}
	for _, p := range x.pools {
		if p.role.IsFrontEnd() {
			add(p.fqdn, p.sample, p.users)
		}
	}
	for _, b := range x.branches {
		add(b.fqdn, nil, b.users)
	}
	c.list(objs...)
	if len(more) > 0 && limit < 0 {
		c.warnf("The simulator names only the topology's sample users; the other users homed on each registrar pool are: %s.", strings.Join(more, "; "))
	}
}
