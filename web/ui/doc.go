// Package ui holds failwright's browser components, written as vugu components (.vugu files)
// compiled to Go by vugugen. The components are a thin surface over the engine: they read the
// workspace and the simulator and issue commands; every decision is made in the engine
// packages. The page's state is a Session every tab shares and one store per tab (EditorStore,
// SimStore, ScenarioStore, PlanStore, AnalysisStore, ShareStore); App.Wire, vugu's wire
// function, gives each component the stores it asks for. The package compiles natively too,
// so components are tested with vugu's staticrender in a plain go test.
package ui

//go:generate go run ../internal/vugumin .
