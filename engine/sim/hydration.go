package sim

import (
	"fmt"

	"failwright/engine/topology"
)

// hydrationFailedMessage is the error of the Lync Server 2013 release notes' known issue "The
// invoke-csPoolFailback cmdlet may fail during pool failback" (FACTS §6, §17).
const hydrationFailedMessage = "Failed to complete hydration process after repeated attempts."

// cmdSetHydrationFailure is Set-SimHydrationFailure: the next -Count failbacks of a Lync
// Server 2013 pool fail to hydrate. The release notes give no cause, only the error and the
// workaround, so the fault is injected; they are Lync Server 2013's, so other versions refuse.
func cmdSetHydrationFailure(c *ctx) {
	s := c.s
	p := c.frontEnd("PoolFqdn")
	if p < 0 {
		return
	}
	pi := &s.x.pools[p]
	if pi.version != topology.Lync2013 {
		c.fail("FW-SIM-HYDRATION-VERSION", "InvalidOperation", fmt.Sprintf(
			`Pool "%s" runs %s: the failback hydration failure is a known issue of the Lync Server 2013 release notes only.`, pi.fqdn, versionName(pi.version)))
		return
	}
	n, ok := c.cmd.Int("Count")
	if !ok {
		n = 1
	}
	if n < 0 || n > 100 {
		c.fail("FW-SIM-COUNT", "InvalidArgument", fmt.Sprintf("-Count must be between 0 and 100; %d was given.", n))
		return
	}
	s.st.hydFail[p] = n
	c.res.Changed = true
	c.infof("[%s] The next %d failback(s) of %s fail to hydrate.", FormatDuration(s.st.now), n, pi.fqdn)
}

// failbackHydrationFails reports whether this hydration of pool p's routing groups back home
// fails with the release notes' error, after retrying one routing group's worth of time.
func (c *ctx) failbackHydrationFails(p int) bool {
	st := &c.s.st
	if st.hydFail[p] <= 0 {
		return false
	}
	st.hydFail[p]--
	c.s.logf("Failback hydration of %s failed.", c.s.x.pools[p].fqdn)
	c.fail("FW-HYDRATION-FAILED", "OperationStopped", hydrationFailedMessage)
	return true
}
