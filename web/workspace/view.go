package workspace

import (
	"encoding/json"
	"fmt"
)

// ViewKey is the localStorage key the app keeps the view under: what is on screen, as opposed
// to the document. It is stored apart from the workspace so that the workspace's format (and
// every workspace stored or shared before the view was kept) is unchanged.
const ViewKey = "failwright.view"

// ViewVersion is the view's storage format version.
const ViewVersion = 1

// View is what a reload puts back on screen besides the workspace: the open tab and the plan
// last built (its request: the engine builds the same plan again from the same workspace).
type View struct {
	Version int    `json:"version"`
	Tab     string `json:"tab,omitempty"`
	// Plan is the plan shown on the Plans tab, nil when none was built (or the one shown was
	// built from an older topology).
	Plan *ViewPlan `json:"plan,omitempty"`
}

// ViewPlan is the request of the plan shown and the rendering previewed.
type ViewPlan struct {
	Pool     string `json:"pool"`
	Mode     string `json:"mode"`
	Failback bool   `json:"failback,omitempty"`
	Preview  string `json:"preview,omitempty"`
}

// MarshalView returns the stored form of v (always of the current version).
func MarshalView(v View) string {
	v.Version = ViewVersion
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // a View always marshals
	}
	return string(b)
}

// RestoreView reads a stored view. The view is a convenience: anything unreadable (damaged,
// from another version) gives the zero View and an error saying why, and the app starts on its
// first tab; nothing of the user's work is in it.
func RestoreView(stored string) (View, error) {
	var v View
	if err := json.Unmarshal([]byte(stored), &v); err != nil {
		return View{}, fmt.Errorf("the saved view is damaged (%s)", jsonErr(stored, err))
	}
	if v.Version != ViewVersion {
		return View{}, fmt.Errorf("the saved view has format %d; this app reads %d", v.Version, ViewVersion)
	}
	if v.Plan != nil && (v.Plan.Pool == "" || (v.Plan.Mode != "planned" && v.Plan.Mode != "disaster")) {
		v.Plan = nil
	}
	return v, nil
}
