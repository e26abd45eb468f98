// Package features decides which features a deployment's users have, from the state of the
// parts a pool failover does and does not bring back: the pool that serves the users, the
// web services and their load balancers, the simple URLs and their DNS, the Response Group,
// Call Park and location data, the Edge pools, Persistent Chat and XMPP. The simulator and the
// failure analysis both judge service through Rules, so that they agree feature by feature.
//
// The rules follow docs/recovery.md, which gives the source of each:
//   - IM and presence need full service (home, or the backup pool after failover); resiliency
//     mode shows presence as unknown and has no contact list (FACTS §8a).
//   - Peer calls work in resiliency mode too (FACTS §8a).
//   - Meetings need full service, the web services of the pool that hosts them (their load
//     balancer up), and, when the topology has a Meet simple URL, its name resolving to a pool
//     whose web services answer: by GeoDNS through a provider that is up, or by a record an
//     administrator points at such a pool.
//   - PSTN calls work in resiliency mode (outbound PSTN through the backup registrar, FACTS §8a)
//     but need a Mediation Server and a gateway: a pool that serves the users must route to a
//     gateway that is up, or to its failover gateway. A pool with Call Park or announcements
//     also needs its orbits and unassigned numbers pointed at a pool that serves.
//   - External access needs a signed-in user, an Edge pool up whose next hop serves, and the
//     external web services of the serving pool (FACTS §15).
//   - Response Groups and emergency locations need their data on a pool that serves: at home,
//     or imported into the backup pool (FACTS §8b, §19).
//   - Persistent Chat needs its active database's site up and its next-hop pool serving
//     (FACTS §19).
//   - XMPP federation needs full service and the Edge pool the XMPP record points at up
//     (FACTS §15).
//
// The package is pure and allocation-free after New: the analysis evaluates it in its inner
// loop.
package features
