package ui

// DropHost is what dropping a file on the page needs from it besides Host. The wasm main's
// host has it; a Host without it imports through the dialog only.
type DropHost interface {
	// OnDrop calls f, with the render lock held, with each file dropped on the page.
	OnDrop(f func(name string, data []byte, err error))
}

// OnDrop implements DropHost; tests call the functions in Drops.
func (h *MemHost) OnDrop(f func(string, []byte, error)) { h.Drops = append(h.Drops, f) }

// listenDrops has a file dropped on the page imported.
func (sh *ShareStore) listenDrops() {
	if dh, ok := sh.host.(DropHost); ok {
		dh.OnDrop(sh.DropFile)
	}
}

// DropFile imports a file dropped on the page as the import dialog imports a chosen one: on
// errors or a "complete the import" step the dialog opens, and the workspace is unchanged.
func (sh *ShareStore) DropFile(name string, data []byte, err error) {
	if err != nil {
		sh.ImportOpen = true
		sh.ImportErrors = []string{"The file could not be read: " + err.Error()}
		return
	}
	sh.ImportText = ""
	sh.ImportData(name, data)
}
