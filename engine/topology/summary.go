package topology

// Summary counts what a topology holds, as "failwright validate" prints it under the findings.
type Summary struct {
	Sites     int `json:"sites"`
	Pools     int `json:"pools"`
	FrontEnds int `json:"frontEndPools"`
	Servers   int `json:"servers"`
	Users     int `json:"users"`
	Pairs     int `json:"pairs"`
	Branches  int `json:"branches"`
}

// Summarize counts t's sites, pools (and Front End pools among them), servers, users, pairs
// and branches. It works on a topology with errors too: it only counts.
func Summarize(t *Topology) Summary {
	s := Summary{Sites: len(t.Sites), Pools: len(t.Pools), Servers: t.ServerCount(),
		Users: t.UserCount(), Pairs: len(t.Pairs()), Branches: len(t.Branches)}
	for i := range t.Pools {
		if t.Pools[i].Role.IsFrontEnd() {
			s.FrontEnds++
		}
	}
	return s
}
