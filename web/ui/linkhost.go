package ui

// LinkHost is what shared links need from the page besides Host: its address, the clipboard
// and the fragment's changes. The wasm main's host has it; a Host without it shows links as
// the API gives them and offers no Copy button.
type LinkHost interface {
	// PageURL returns the page's address without its fragment.
	PageURL() string
	// Copy puts text on the clipboard and calls done, with the render lock held.
	Copy(text string, done func(err error))
	// OnHashChange calls f, with the render lock held, each time the fragment changes.
	OnHashChange(f func())
	// ClearHash removes the fragment from the address without a navigation or a hashchange.
	ClearHash()
}

// PageURL implements LinkHost.
func (h *MemHost) PageURL() string {
	if h.URL == "" {
		return "http://127.0.0.1:8080/"
	}
	return h.URL
}

// Copy implements LinkHost: it records the text.
func (h *MemHost) Copy(text string, done func(error)) {
	h.Copied = append(h.Copied, text)
	done(nil)
}

// OnHashChange implements LinkHost; tests call the functions in HashChange.
func (h *MemHost) OnHashChange(f func()) { h.HashChange = append(h.HashChange, f) }

// ClearHash implements LinkHost.
func (h *MemHost) ClearHash() { h.Hash = "" }
