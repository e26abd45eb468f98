package ui

// ScenarioState is the Scenarios tab's state.
type ScenarioState struct{}

// PlanState is the Plans tab's state.
type PlanState struct {
	Pool string
	Mode string
}
