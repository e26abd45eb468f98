package ui

import "errors"

var errNoNetwork = errors.New("no network")

// App is the state of the whole page: the workspace, the simulation and what the user is
// looking at. Components hold a pointer to it and call its methods from event handlers.
type App struct {
	host Host
	// Ready is true once the first render has happened.
	Ready bool
}

// NewApp starts the app on host.
func NewApp(host Host) *App {
	return &App{host: host}
}

// AfterRender is called by the render loop after each render.
func (a *App) AfterRender() { a.Ready = true }
