package ui

import "github.com/vugu/vugu"

// Wire is the page's vugu wire function (BuildEnv.SetWireFunc; call it on the root too): it
// hands each component the stores it asks for, by the wiring methods the component has, as
// vugu's wiring example does. A component asks for a store by embedding its with... type.
func (a *App) Wire(b vugu.Builder) {
	if c, ok := b.(interface{ wireSession(*Session) }); ok {
		c.wireSession(a.Session)
	}
	if c, ok := b.(interface{ wireEditor(*EditorStore) }); ok {
		c.wireEditor(a.EditorStore)
	}
	if c, ok := b.(interface{ wireSim(*SimStore) }); ok {
		c.wireSim(a.SimStore)
	}
	if c, ok := b.(interface{ wireScenarios(*ScenarioStore) }); ok {
		c.wireScenarios(a.ScenarioStore)
	}
	if c, ok := b.(interface{ wirePlans(*PlanStore) }); ok {
		c.wirePlans(a.PlanStore)
	}
	if c, ok := b.(interface{ wireAnalysis(*AnalysisStore) }); ok {
		c.wireAnalysis(a.AnalysisStore)
	}
	if c, ok := b.(interface{ wireShare(*ShareStore) }); ok {
		c.wireShare(a.ShareStore)
	}
	if c, ok := b.(interface{ wireClass(*ClassStore) }); ok {
		c.wireClass(a.Class)
	}
}

// withSession gives a component the session (Ses): the workspace, findings, tabs, notices.
type withSession struct{ Ses *Session }

func (w *withSession) wireSession(s *Session) { w.Ses = s }

// withEditor gives a component the editor's store (Ed): forms, selection and diagram.
type withEditor struct{ Ed *EditorStore }

func (w *withEditor) wireEditor(s *EditorStore) { w.Ed = s }

// withSim gives a component the simulation's store (Sim): shell, timeline and faults.
type withSim struct{ Sim *SimStore }

func (w *withSim) wireSim(s *SimStore) { w.Sim = s }

// withScenarios gives a component the scenarios' store (Lib): library, runs and training.
type withScenarios struct{ Lib *ScenarioStore }

func (w *withScenarios) wireScenarios(s *ScenarioStore) { w.Lib = s }

// withPlans gives a component the plans' store (Pl).
type withPlans struct{ Pl *PlanStore }

func (w *withPlans) wirePlans(s *PlanStore) { w.Pl = s }

// withAnalysis gives a component the analysis' store (Az).
type withAnalysis struct{ Az *AnalysisStore }

func (w *withAnalysis) wireAnalysis(s *AnalysisStore) { w.Az = s }

// withShare gives a component the store of imports, exports, samples and shared links (Sh).
type withShare struct{ Sh *ShareStore }

func (w *withShare) wireShare(s *ShareStore) { w.Sh = s }

// withClass gives a component the classroom's store (Cl).
type withClass struct{ Cl *ClassStore }

func (w *withClass) wireClass(s *ClassStore) { w.Cl = s }
